"""The fillable PDF of a form, read back with pypdf: fields, values, privacy note, layout."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from upward.render.forms.pdf import form_pdf

from small_kit import EVERY_TYPE_FORM, HOSTILE_NAME, PRIVACY, UNICODE_NAME, document


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_text(reader: PdfReader) -> str:
    """All pages' text with line breaks turned into spaces, so wrapped phrases still match."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def long_form(count: int = 30) -> dict[str, Any]:
    fields = [{"id": f"note-{n}", "label": f"Note {n}", "type": "long_text"} for n in range(count)]
    return {
        **EVERY_TYPE_FORM,
        "id": "long",
        "agreement": None,
        "sections": [{"title": "Notes", "fields": fields}],
    }


def many_options_form(count: int = 90) -> dict[str, Any]:
    """A choice taller than a page, which has to break between its options."""
    options = [f"Option {n} with a label long enough to matter" for n in range(count)]
    field = {"id": "pick", "label": "Pick one", "type": "choice", "options": options}
    return {**long_form(2), "id": "many", "sections": [{"title": "Pick", "fields": [field]}]}


LAYOUTS = pytest.mark.parametrize(
    "form",
    [EVERY_TYPE_FORM, long_form(), many_options_form()],
    ids=["every-type", "long", "many-options"],
)

# --- the tests ---------------------------------------------------------------------------


def test_every_field_is_a_real_form_field_of_the_right_type() -> None:
    fields = read(form_pdf(document())).get_fields()
    expected = {
        "organisation": "/Tx",
        "contact": "/Tx",
        "email": "/Tx",
        "start": "/Tx",
        "finish": "/Tx",
        "story": "/Tx",
        "name": "/Tx",
        "format": "/Btn",
        "channel": "/Btn",
        "confidence": "/Btn",
        "consent": "/Btn",
        "signed": "/Tx",
    }
    assert {name: fields[name]["/FT"] for name in expected} == expected
    assert set(fields) == set(expected)


def test_long_text_is_multiline_and_short_text_is_not() -> None:
    fields = read(form_pdf(document())).get_fields()
    multiline = 1 << 12
    assert fields["story"]["/Ff"] & multiline
    assert not fields["name"].get("/Ff", 0) & multiline


def test_answers_are_not_capped_at_100_characters() -> None:
    fields = read(form_pdf(document())).get_fields()
    assert all("/MaxLen" not in fields[name] for name in ("organisation", "story", "name"))


def test_a_scale_is_a_radio_group_of_five() -> None:
    reader = read(form_pdf(document()))
    scale = reader.get_fields()["confidence"]
    radio = 1 << 15
    assert scale["/Ff"] & radio
    assert sorted(scale["/_States_"]) == ["/1", "/2", "/3", "/4", "/5"]
    text = page_text(reader)
    assert "Low" in text and "High" in text


def test_a_choice_offers_every_option_and_prints_it() -> None:
    reader = read(form_pdf(document()))
    channel = reader.get_fields()["channel"]
    assert len(channel["/_States_"]) == 3
    assert "Video call / mix (both)" in page_text(reader)


def test_required_fields_are_flagged_and_others_are_not() -> None:
    fields = read(form_pdf(document())).get_fields()
    required = 1 << 1
    assert fields["name"]["/Ff"] & required
    assert not fields["story"].get("/Ff", 0) & required
    assert not fields["confidence"]["/Ff"] & required


def test_prefilled_values_are_field_values() -> None:
    fields = read(form_pdf(document())).get_fields()
    assert fields["organisation"]["/V"] == "Acme Ltd"
    assert fields["contact"]["/V"] == UNICODE_NAME
    assert fields["email"]["/V"] == "lead@example.org"
    assert fields["start"]["/V"] == "2027-02-01"  # the first working day from Sunday 31st
    assert fields["format"]["/V"] == "/One-to-one"


def test_blank_general_form_has_no_values_and_neutral_wording() -> None:
    reader = read(form_pdf(document(organisation=None)))
    fields = reader.get_fields()
    assert all(not fields[name].get("/V") for name in ("organisation", "contact", "start"))
    assert fields["format"].get("/V") in (None, "/Off")
    text = page_text(reader)
    assert "We meet at your organisation for your reverse mentoring programme." in text


def test_the_date_field_explains_its_format() -> None:
    reader = read(form_pdf(document()))
    assert "YYYY-MM-DD" in reader.get_fields()["start"]["/TU"]
    assert "YYYY-MM-DD" in page_text(reader)


def test_the_signature_is_marked_as_one() -> None:
    reader = read(form_pdf(document()))
    assert "Signature" in reader.get_fields()["signed"]["/TU"]
    assert "Sign here" in page_text(reader)


def test_privacy_note_agreement_and_who_fills_it_are_printed() -> None:
    text = page_text(read(form_pdf(document())))
    assert f"Who will see your answers: This form carries your name. {PRIVACY}" in text
    assert "Data protection: Acme Ltd is the controller" in text
    assert "Filled in by the mentor (the junior colleague) and the mentee" in text
    assert "When: Before the first session." in text
    assert "We meet at Acme Ltd for Upward pilot." in text
    assert "We hold 4 sessions." in text


def test_privacy_note_comes_before_the_first_field() -> None:
    text = page_text(read(form_pdf(document())))
    assert text.index("Who will see your answers") < text.index("Your story")


def test_a_hostile_organisation_name_is_printed_literally() -> None:
    reader = read(form_pdf(document(HOSTILE_NAME)))
    text = page_text(reader)
    assert HOSTILE_NAME in text
    assert "49" not in text
    assert reader.get_fields()["organisation"]["/V"] == HOSTILE_NAME


def test_unicode_names_print() -> None:
    reader = read(form_pdf(document("Équipe Numérique")))
    text = page_text(reader)
    assert "Équipe Numérique" in text
    assert reader.get_fields()["contact"]["/V"] == UNICODE_NAME


@pytest.mark.parametrize("name", ["株式会社アップワード", "Rocket 🚀 Labs"])
def test_names_outside_latin_1_do_not_break_the_pdf(name: str) -> None:
    reader = read(form_pdf(document(name)))
    fields = reader.get_fields()
    assert not fields["organisation"].get("/V")  # fields cannot show it: left for corrections
    assert "From the programme profile" in page_text(reader)


def test_two_renders_give_identical_bytes() -> None:
    first = form_pdf(document())
    form_pdf(document(organisation=None))  # another form in between shares the font state
    assert form_pdf(document()) == first


def test_a_long_form_flows_onto_more_pages() -> None:
    reader = read(form_pdf(document(form=long_form())))
    assert len(reader.pages) >= 2
    assert len(reader.get_fields()) == 30
    assert "Page 2" in page_text(reader)


def widget_boxes(page: Any) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every form widget on a page."""
    return [
        tuple(float(v) for v in annotation.get_object()["/Rect"])  # type: ignore[misc]
        for annotation in page.get("/Annots", [])
    ]


def text_points(page: Any) -> list[tuple[float, float, str]]:
    """Where each printed piece of text starts (x, baseline y), field appearances excluded."""
    points: list[tuple[float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            points.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text))

    page.extract_text(visitor_text=visit)
    return points


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@LAYOUTS
def test_fields_overlap_neither_each_other_nor_printed_text(form: dict[str, Any]) -> None:
    reader = read(form_pdf(document(form=form)))
    for page in reader.pages:
        boxes = widget_boxes(page)
        for index, box in enumerate(boxes):
            assert not any(overlaps(box, other) for other in boxes[index + 1 :])
            for x, y, text in text_points(page):
                inside = box[0] + 1 < x < box[2] - 1 and box[1] + 1 < y < box[3] - 1
                assert not inside, f"{text!r} is printed inside a field at {box}"


@LAYOUTS
def test_fields_stay_inside_the_page_margins(form: dict[str, Any]) -> None:
    reader = read(form_pdf(document(form=form)))
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            left, bottom, right, top = (float(v) for v in annotation.get_object()["/Rect"])
            assert left >= 40 and right <= 555 and bottom >= 55 and top <= 800


def test_a_choice_taller_than_a_page_keeps_each_button_beside_its_option() -> None:
    reader = read(form_pdf(document(form=many_options_form())))
    assert len(reader.pages) >= 2
    assert len(reader.get_fields()["pick"]["/_States_"]) == 90
    for page in reader.pages:
        buttons = widget_boxes(page)
        labels = [(x, y) for x, y, text in text_points(page) if text.startswith("Option ")]
        assert len(buttons) == len(labels)
        for (_, bottom, _, top), (_, baseline) in zip(buttons, labels, strict=True):
            assert bottom - 4 <= baseline <= top
