"""The fillable PDF of a form, read back with pypdf: fields, values, privacy note, layout."""

from __future__ import annotations

import datetime as dt
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
    # the first working day from Sunday 31st, written as the text writes dates
    assert fields["start"]["/V"] == "Monday 1 February 2027"
    assert fields["format"]["/V"] == "/One-to-one"


def test_blank_general_form_has_no_values_and_neutral_wording() -> None:
    reader = read(form_pdf(document(organisation=None)))
    fields = reader.get_fields()
    assert all(not fields[name].get("/V") for name in ("organisation", "contact", "start"))
    assert fields["format"].get("/V") in (None, "/Off")
    text = page_text(reader)
    assert "We meet at your organisation for your reverse mentoring programme." in text


def test_the_date_field_explains_its_format_as_the_text_writes_dates() -> None:
    reader = read(form_pdf(document()))
    assert "for example 11 January 2027" in reader.get_fields()["start"]["/TU"]
    assert "For example, 11 January 2027" in page_text(reader)
    assert "YYYY" not in page_text(reader)


def test_a_date_as_the_pdf_writes_it_reads_back_as_that_date() -> None:
    """The report reads a returned PDF's dates, prefilled or typed as the hint suggests."""
    from upward.load.values import Invalid, as_date

    fields = read(form_pdf(document())).get_fields()
    assert as_date(fields["start"]["/V"]) == dt.date(2027, 2, 1)
    assert as_date("11 January 2027") == dt.date(2027, 1, 11)  # the hint's example
    assert isinstance(as_date("31 February 2027"), Invalid)


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
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in " ".join(page.extract_text().split())


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


# --- buttons: drawn where they are, beside their words -------------------------------------


def painted_shapes(stream: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each path an appearance stream fills or strokes, as (operator, its bounding box), in the
    stream's own coordinates (after any `cm` translation)."""
    from pypdf.generic import ContentStream

    shapes: list[tuple[str, tuple[float, float, float, float]]] = []
    points: list[tuple[float, float]] = []
    dx = dy = 0.0
    for operands, operator in ContentStream(stream, None).operations:
        op = operator.decode()
        if op == "cm":
            dx, dy = float(operands[4]), float(operands[5])
        elif op in ("m", "l"):
            points.append((float(operands[0]) + dx, float(operands[1]) + dy))
        elif op == "c":
            values = [float(v) for v in operands]
            points += [(values[i] + dx, values[i + 1] + dy) for i in (0, 2, 4)]
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            points += [(x + dx, y + dy), (x + w + dx, y + h + dy)]
        elif op in ("f", "s", "S", "b", "B") and points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            shapes.append((op, (min(xs), min(ys), max(xs), max(ys))))
            points = []
    return shapes


def radio_widgets(reader: PdfReader, name: str) -> list[Any]:
    return [
        kid.get_object()
        for kid in reader.get_fields()[name].indirect_reference.get_object()["/Kids"]
    ]


def test_radio_buttons_are_drawn_centred_in_their_box_with_a_dot_that_shows() -> None:
    reader = read(form_pdf(document()))
    for name in ("format", "channel", "confidence"):
        for widget in radio_widgets(reader, name):
            left, bottom, right, top = (float(v) for v in widget["/Rect"])
            size = right - left
            assert size == top - bottom >= 10
            for state, stream in widget["/AP"]["/N"].items():
                stream = stream.get_object()
                assert [float(v) for v in stream["/BBox"]] == [0, 0, size, size]
                shapes = painted_shapes(stream)
                ring = shapes[0][1]  # the button's face fills its box, centred
                assert abs((ring[0] + ring[2]) / 2 - size / 2) < 0.05, (name, state)
                assert abs((ring[1] + ring[3]) / 2 - size / 2) < 0.05, (name, state)
                assert ring[2] - ring[0] >= 0.9 * size
                if state != "/Off":  # the dot: centred and half the button wide
                    dot = shapes[-1][1]
                    assert abs((dot[0] + dot[2]) / 2 - size / 2) < 0.05
                    assert dot[2] - dot[0] >= 0.45 * size


def test_a_chosen_option_shows_its_dot() -> None:
    reader = read(form_pdf(document()))
    chosen = [w for w in radio_widgets(reader, "format") if w["/AS"] != "/Off"]
    assert [w["/AS"] for w in chosen] == ["/One-to-one"]


def test_radio_buttons_line_up_with_the_words_beside_them() -> None:
    """The middle of a choice's button sits on the middle of the capitals of its option."""
    reader = read(form_pdf(document(form=many_options_form(40))))
    checked = 0
    for page in reader.pages:
        texts = text_points(page)
        for widget in (w.get_object() for w in page.get("/Annots", [])):
            _left, bottom, right, top = (float(v) for v in widget["/Rect"])
            beside = [y for x, y, _ in texts if 0 < x - right < 15]
            baseline = min(beside, key=lambda y: abs(y - bottom))
            assert abs(baseline + 3.6 - (bottom + top) / 2) < 1.0
            checked += 1
    assert checked == 40


def test_a_short_choice_has_its_buttons_on_one_row_each_beside_its_option() -> None:
    """Like the Word copy's "One-to-one / Group", a choice of a few short options takes one
    line: its buttons share a baseline, each just left of the words it stands for."""
    reader = read(form_pdf(document()))
    (page,) = [p for p in reader.pages if "One-to-one" in p.extract_text()]
    buttons = sorted(
        (tuple(float(v) for v in w["/Rect"]), w["/AP"]["/N"].keys() - {"/Off"})
        for w in radio_widgets(reader, "format")
    )
    assert [states for _, states in buttons] == [{"/One-to-one"}, {"/Group"}]
    assert buttons[0][0][1] == buttons[1][0][1]  # one row
    texts = text_points(page)
    for ((_left, bottom, right, top), _states), option in zip(
        buttons, ["One-to-one", "Group"], strict=True
    ):
        _x, y, text = min(
            ((x, y, t) for x, y, t in texts if x > right and abs(y - bottom) < 10),
            key=lambda point: point[0] - right,
        )
        assert text.strip() == option and abs(y + 3.6 - (bottom + top) / 2) < 1.0


# --- room to answer --------------------------------------------------------------------------

SIZED_FORM: dict[str, Any] = {
    **EVERY_TYPE_FORM,
    "id": "sized",
    "agreement": None,
    "sections": [
        {
            "title": "Sizes",
            "fields": [
                {"id": "count", "label": "Sessions held", "type": "text", "size": "short"},
                {"id": "name", "label": "Your name", "type": "text"},
                {"id": "goal", "label": "Goal 1", "type": "long_text", "size": "lines"},
                {"id": "notes", "label": "Notes", "type": "long_text"},
                {"id": "story", "label": "What happened", "type": "long_text", "size": "long"},
                {"id": "when", "label": "When", "type": "date"},
            ],
        }
    ],
}


def test_fields_are_sized_to_the_expected_answer() -> None:
    reader = read(form_pdf(document(form=SIZED_FORM)))
    boxes = {}
    for page in reader.pages:  # the data-protection notice pushes the last onto page 2
        for widget in page["/Annots"]:
            widget = widget.get_object()
            left, bottom, right, top = (float(v) for v in widget["/Rect"])
            boxes[widget["/T"]] = (right - left, top - bottom)
    assert boxes["count"][0] < 150  # a number does not get the page's width
    assert boxes["name"][0] > 450 and boxes["name"][1] == boxes["count"][1]
    assert 40 <= boxes["goal"][1] <= 50  # three lines for a goal, not one
    assert 75 <= boxes["notes"][1] <= 90
    assert boxes["story"][1] >= 120
    assert 150 <= boxes["when"][0] <= 200  # room for "Wednesday 29 September 2027"
    multiline = 1 << 12
    fields = reader.get_fields()
    assert all(fields[n]["/Ff"] & multiline for n in ("goal", "notes", "story"))


def test_small_fields_share_a_row() -> None:
    form = {
        **SIZED_FORM,
        "sections": [
            {
                "title": "Numbers",
                "fields": [
                    {"id": f"n{i}", "label": f"Number {i}", "type": "text", "size": "short"}
                    for i in range(3)
                ],
            }
        ],
    }
    reader = read(form_pdf(document(form=form)))
    rects = [[float(v) for v in w.get_object()["/Rect"]] for w in reader.pages[0]["/Annots"]]
    assert len({round(r[1]) for r in rects}) == 1  # one row
    assert rects[0][2] < rects[1][0] and rects[1][2] < rects[2][0]  # side by side


def test_a_short_choice_shares_a_row_with_a_small_field() -> None:
    fields = [
        {"id": "code", "label": "Pair code", "type": "text", "size": "short"},
        {"id": "side", "label": "I am the", "type": "choice", "options": ["Mentor", "Mentee"]},
    ]
    form = {**SIZED_FORM, "sections": [{"title": "Who", "fields": fields}]}
    reader = read(form_pdf(document(form=form)))
    widgets = [w.get_object() for page in reader.pages for w in page.get("/Annots", [])]
    (code,) = [[float(v) for v in w["/Rect"]] for w in widgets if w.get("/T") == "code"]
    buttons = [[float(v) for v in w["/Rect"]] for w in radio_widgets(reader, "side")]
    assert len(buttons) == 2 and buttons[0][1] == buttons[1][1]
    for left, bottom, _right, top in buttons:
        assert left > code[2] and code[1] <= bottom and top <= code[3]  # beside the box


# --- fonts -----------------------------------------------------------------------------------


def test_printed_text_is_embedded_liberation_sans_the_twin_of_the_fields_helvetica() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from upward.render.forms.pdf import BOLD, REGULAR, register_fonts

    reader = read(form_pdf(document()))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts <= {"LiberationSans", "LiberationSans-Bold", "DejaVuSans", "DejaVuSans-Bold"}
    assert "LiberationSans" in fonts and "LiberationSans-Bold" in fonts
    widgets = [w.get_object() for page in reader.pages for w in page.get("/Annots", [])]
    texts = [w for w in widgets if w.get("/FT") == "/Tx"]
    assert texts and all(str(w["/DA"]).startswith("/Helv ") for w in texts)
    form_fonts = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    assert form_fonts["/Helv"].get_object()["/BaseFont"] == "/Helvetica"
    register_fonts()
    for text in ("Northwind Upward", "Sunday 31 January 2027", "zoe.oberg@northwind.example"):
        assert stringWidth(text, REGULAR, 10) == pytest.approx(
            stringWidth(text, "Helvetica", 10), rel=1e-3
        )
        assert stringWidth(text, BOLD, 10) == pytest.approx(
            stringWidth(text, "Helvetica-Bold", 10), rel=1e-3
        )


def test_a_character_liberation_sans_lacks_is_printed_in_dejavu() -> None:
    reader = read(form_pdf(document()))
    assert "\u270d Sign here" in page_text(reader)  # ✍ comes from DejaVu Sans


# --- blocks kept on one page -----------------------------------------------------------------


def field_pages(reader: PdfReader) -> dict[str, set[int]]:
    """Field name -> the pages its widgets are on."""
    pages: dict[str, set[int]] = {}
    for number, page in enumerate(reader.pages):
        for widget in page.get("/Annots", []):
            widget = widget.get_object()
            name = widget.get("/T") or widget["/Parent"].get_object()["/T"]
            pages.setdefault(str(name), set()).add(number)
    return pages


def test_a_tick_box_and_the_signature_under_it_share_a_page() -> None:
    fields = [{"id": f"note-{n}", "label": f"Note {n}", "type": "long_text"} for n in range(7)]
    fields += [
        {"id": "agree", "label": "I agree to the clauses", "type": "checkbox"},
        {"id": "sign", "label": "Signature", "type": "signature"},
        {"id": "signed-on", "label": "Date", "type": "date"},
    ]
    for extra in range(6):  # wherever the page would have broken
        form = {
            **long_form(),
            "sections": [{"title": "Notes", "fields": fields[extra:]}],
        }
        pages = field_pages(read(form_pdf(document(form=form))))
        assert pages["agree"] == pages["sign"] == pages["signed-on"], extra


def test_a_question_and_its_ratings_share_a_page() -> None:
    goal = [
        {"id": "goal", "label": "Goal 1", "type": "long_text", "size": "lines"},
        {"id": "now", "label": "Where I am now", "type": "scale", "low": "Not", "high": "Fully"},
        {"id": "end", "label": "At the end", "type": "scale", "low": "Not", "high": "Fully"},
    ]
    for count in range(4, 10):
        notes = [{"id": f"n{n}", "label": f"Note {n}", "type": "long_text"} for n in range(count)]
        form = {
            **long_form(),
            "sections": [
                {"title": "Notes", "fields": notes},
                {"title": "Goal 1", "fields": goal},
            ],
        }
        pages = field_pages(read(form_pdf(document(form=form))))
        assert pages["goal"] == pages["now"] == pages["end"], count
