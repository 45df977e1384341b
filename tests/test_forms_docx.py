"""The Word copy of a form, read back with python-docx and, for what python-docx has no API for
(content controls, row and language properties), with its XML."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from word_forms import Row, open_docx, row_height_cm, rows, text_of

from upward.render.forms import design
from upward.render.forms.docx import form_docx
from upward.words import english

from small_kit import EVERY_TYPE_FORM, HOSTILE_NAME, PRIVACY, UNICODE_NAME
from small_kit import document as kit_document

# The shared form is filled in by both sides; this copy by the mentee alone, so the wording
# for a single side is checked here (the PDF tests check the wording for both).
FORM: dict[str, Any] = {**EVERY_TYPE_FORM, "filled_by": ["mentee"]}
LONG_OPTIONS = [
    "Something said or done in a session worries me",
    "I am being pressed to share something I would rather not",
    "Something else",
]
SIZED_FORM: dict[str, Any] = {
    **FORM,
    "id": "sized",
    "agreement": None,
    "sections": [
        {
            "title": "Sizes",
            "fields": [
                {"id": "count", "label": "Sessions held", "type": "text", "size": "short"},
                {"id": "name", "label": "Your name", "type": "text"},
                {"id": "goal", "label": "Goal", "type": "long_text", "size": "lines"},
                {"id": "notes", "label": "Notes", "type": "long_text"},
                {"id": "story", "label": "What happened", "type": "long_text", "size": "long"},
                {
                    "id": "topic",
                    "label": "Which comes closest?",
                    "type": "choice",
                    "options": LONG_OPTIONS,
                },
            ],
        }
    ],
}


def render(organisation: str | None = "Acme Ltd", form: dict[str, Any] = FORM) -> bytes:
    """The form as DOCX, tailored for `organisation`, or blank when it is None."""
    return form_docx(kit_document(organisation, form))


def by_label(data: bytes) -> dict[str, Row]:
    return {row.label: row for row in rows(data)}


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def all_text(data: bytes) -> str:
    """Body, header and footer text, controls included, one paragraph a line."""
    document = open_docx(data)
    section = document.sections[0]
    parts = [document.element.body, section.header._element, section.footer._element]
    return "\n".join(text_of(p) for element in parts for p in element.iter(qn("w:p")))


# --- fields and values ---------------------------------------------------------------------


def test_every_field_has_a_labelled_row() -> None:
    assert [row.label for row in rows(render())] == [
        "Organisation",
        "Programme lead",
        "Lead's email",
        "Start date",
        "Finish date",
        "Your story",
        "Your name",
        "Format",
        "How you meet",
        "Confidence",
        "I agree to take part",
        "Mentor's signature",
    ]


def test_prefilled_values_fill_the_answer_cells() -> None:
    cells = by_label(render())
    assert cells["Organisation"].answer == "Acme Ltd"
    assert cells["Programme lead"].answer == UNICODE_NAME
    assert cells["Lead's email"].answer == "lead@example.org"


def test_dates_are_word_date_pickers_showing_the_date_as_the_text_writes_it() -> None:
    cells = by_label(render())
    (start,) = cells["Start date"].controls
    assert start.kind == "date" and start.tag == "start" and not start.placeholder
    assert start.full_date == "2027-02-01T00:00:00Z"  # the first working day from Sunday 31st
    assert start.shown == english().date(dt.date(2027, 2, 1)) == "Monday 1 February 2027"
    assert start.date_format == "dddd d MMMM yyyy" and start.language == "en-GB"
    (finish,) = cells["Finish date"].controls
    assert finish.placeholder and finish.full_date == ""
    assert finish.shown == "For example, 11 January 2027"
    assert "YYYY" not in all_text(render())


def test_a_short_choice_is_a_drop_down_list_that_prints_its_options() -> None:
    (tailored,) = by_label(render())["Format"].controls
    assert tailored.kind == "drop-down" and tailored.tag == "format"
    assert tailored.items == ["One-to-one", "Group"]
    assert tailored.shown == "One-to-one" and not tailored.placeholder
    (blank,) = by_label(render(None))["Format"].controls
    assert blank.placeholder and blank.shown == "One-to-one / Group"  # to circle on paper


def test_options_with_values_store_their_values_and_show_their_labels() -> None:
    """A drop-down item stores the option's value (what a reader gets back), as the PDF's
    radio states do, and a multiple choice's tick boxes are tagged `<field>:<value>`."""
    fields = [
        {
            "id": "channel",
            "label": "Channel",
            "type": "choice",
            "options": [
                {"value": "video", "label": "Video call"},
                {"value": "room", "label": "A room"},
            ],
            "default": "room",
        },
        {
            "id": "days",
            "label": "Days",
            "type": "multi_choice",
            "options": [{"value": "mon", "label": "Monday"}, {"value": "tue", "label": "Tuesday"}],
        },
    ]
    form = {**SIZED_FORM, "sections": [{"title": "Values", "fields": fields}]}
    cells = by_label(render(form=form))
    (channel,) = cells["Channel"].controls
    assert channel.items == ["Video call", "A room"] and channel.shown == "A room"
    listed = cells["Channel"].element.find(f".//{qn('w:dropDownList')}")
    items = listed.findall(qn("w:listItem"))
    assert [i.get(qn("w:value")) for i in items] == ["video", "room"]
    assert listed.get(qn("w:lastValue")) == "room"
    days = cells["Days"].controls
    assert [(c.kind, c.tag, c.title) for c in days] == [
        ("checkbox", "days:mon", "Monday"),
        ("checkbox", "days:tue", "Tuesday"),
    ]


def test_a_long_choice_is_a_tick_box_per_option() -> None:
    row = by_label(render(form=SIZED_FORM))["Which comes closest?"]
    assert [c.kind for c in row.controls] == ["checkbox"] * 3
    assert [c.title for c in row.controls] == LONG_OPTIONS
    assert [c.tag.split(".")[0] for c in row.controls] == ["topic"] * 3
    assert [line.strip() for line in row.answer.split("\n")] == LONG_OPTIONS  # one a line


def test_tick_boxes_and_scales_are_word_check_boxes() -> None:
    cells = by_label(render())
    (consent,) = cells["I agree to take part"].controls
    assert consent.kind == "checkbox" and consent.tag == "consent" and not consent.checked
    assert consent.shown == "\u2610" and cells["I agree to take part"].merged
    scale = cells["Confidence"]
    assert [c.tag for c in scale.controls] == [f"confidence.{n}" for n in range(1, 6)]
    assert all(c.kind == "checkbox" and not c.checked for c in scale.controls)
    nested = scale.element.find(f".//{qn('w:tbl')}")
    texts = [text_of(tc) for tc in nested.iter(qn("w:tc"))]
    assert texts[:7] == ["", "1", "2", "3", "4", "5", ""]
    assert texts[7] == "Low" and texts[-1] == "High"  # either side of the boxes, one row


def test_no_box_is_a_plain_character() -> None:
    """Every ☐ is a control Word can tick, not a character someone has to overtype."""
    document = open_docx(render())
    for text in document.element.body.iter(qn("w:t")):
        if "\u2610" in (text.text or "") or "\u2612" in (text.text or ""):
            assert any(a.tag == qn("w:sdt") for a in text.iterancestors()), text.text


def test_the_signature_leaves_room_to_sign_and_says_so() -> None:
    row = by_label(render())["Mentor's signature"]
    assert row_height_cm(row) >= 1.5
    assert "Sign here" in row.hints and not row.answer and "___" not in row.hints


def test_required_and_help_are_shown() -> None:
    cells = by_label(render())
    assert cells["Your name"].required and not cells["Your story"].required
    assert cells["Your story"].help == "A few lines."


def test_a_prefilled_choice_that_is_no_option_is_noted_beside_the_question() -> None:
    form = {**FORM, "sections": [{**FORM["sections"][1]}]}
    form["sections"][0]["fields"] = [
        {**FORM["sections"][1]["fields"][0], "options": ["Pairs", "Circles"]}
    ]
    row = by_label(render(form=form))["Format"]
    assert row.help.startswith("From the programme profile: ")
    assert row.controls[0].placeholder


# --- room to write ---------------------------------------------------------------------------


def test_answer_rows_are_as_tall_as_the_expected_answer() -> None:
    cells = by_label(render(form=SIZED_FORM))
    heights = {label: row_height_cm(cells[label]) for label in cells}
    assert heights["Sessions held"] == heights["Your name"] >= 0.9  # a line of handwriting
    assert 2.2 <= heights["Goal"] <= 3.0  # three lines
    assert 4.2 <= heights["Notes"] <= 5.2  # a paragraph
    assert heights["What happened"] >= 7  # a long account


def keeps(table: Any) -> list[bool]:
    """Whether each row of a table keeps with the next (all its paragraphs do)."""
    return [
        all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs)
        for r in table.rows
    ]


def test_rows_never_break_across_pages() -> None:
    for row in rows(render()):
        assert row.element.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None, row.label


def test_a_short_section_keeps_together_and_a_long_one_keeps_its_runs() -> None:
    short = [{"id": f"s{n}", "label": f"Short {n}", "type": "text"} for n in range(3)]
    long = [{"id": f"l{n}", "label": f"Long {n}", "type": "long_text"} for n in range(3)]
    long += [
        {"id": "agree", "label": "I agree", "type": "checkbox"},
        {"id": "sign", "label": "Signature", "type": "signature"},
        {"id": "on", "label": "Date", "type": "date"},
    ]
    form = {
        **SIZED_FORM,
        "sections": [{"title": "Short", "fields": short}, {"title": "Long", "fields": long}],
    }
    document = kit_document("Acme Ltd", form)
    assert [design.keeps_whole(s) for s in document.sections] == [True, False]
    first, second = open_docx(form_docx(document)).tables
    assert keeps(first) == [True, True, False]  # every row keeps with the next
    assert keeps(second) == [False, False, False, True, True, False]  # agree, sign, date


def test_the_columns_are_fixed_and_fill_the_text_width() -> None:
    document = open_docx(render())
    for table in document.tables:
        widths = [column.width for column in table.columns]
        assert abs(sum(widths) - Cm(17)) < Cm(0.05)
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


# --- the template --------------------------------------------------------------------------


def test_the_page_is_a4_with_2_cm_margins() -> None:
    section = open_docx(render()).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == round(section.right_margin.cm, 1) == 2.0


def test_the_footer_says_page_x_of_y_with_word_fields() -> None:
    section = open_docx(render()).sections[0]
    footer = section.footer._element
    codes = [f.get(qn("w:instr")).split()[0] for f in footer.iter(qn("w:fldSimple"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert "Upward reverse mentoring kit \u00b7 content CC BY 4.0" in text_of(footer)
    assert re.search(r"Page \d of \d", text_of(footer))
    assert "Acme Ltd \u00b7 Upward pilot" in text_of(section.first_page_header._element)


def test_the_language_is_british_english_everywhere() -> None:
    data = render()
    for name in ("word/styles.xml", "word/document.xml", "word/settings.xml"):
        assert "en-US" not in part(data, name), name
    document = open_docx(data)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "en-GB"
    for run in document.element.body.iter(qn("w:r")):
        language = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert language is not None and language.get(qn("w:val")) == "en-GB", text_of(run)


def test_the_styles_are_the_forms_own() -> None:
    document = open_docx(render())
    styles = document.styles
    title = styles["Title"]
    assert title.font.name == "Arial" and title.font.bold and title.font.size.pt == 20
    assert title.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is None  # no Word 2010 rule
    heading = styles["Heading 1"]
    assert heading.font.name == "Arial" and heading.paragraph_format.keep_with_next
    assert str(heading.font.color.rgb) == "1F4E79" and heading.font.color.theme_color is None
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Form Label", "Privacy Note"):
        fonts = styles[name].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None and qn("w:asciiTheme") not in fonts.attrib, name
    styles_xml = part(render(), "word/styles.xml")
    assert (
        "Cambria" not in styles_xml and "majorHAnsi" not in styles_xml.split("</w:docDefaults>")[0]
    )


def test_privacy_note_is_boxed_near_the_top() -> None:
    document = open_docx(render())
    styles = [p.style.name for p in document.paragraphs]
    assert styles.index("Privacy Note") <= 3  # after the title and the summary
    notes = [p for p in document.paragraphs if p.style.name == "Privacy Note"]
    doc = kit_document("Acme Ltd", FORM)
    assert doc.notice and doc.return_line  # every form says where its data goes
    assert [p.text for p in notes] == [
        f"Who will see your answers: {doc.who_sees}",
        doc.notice,
    ]
    assert doc.who_sees.endswith(PRIVACY) and "Acme Ltd is the controller" in doc.notice
    assert notes[0].runs[0].bold and notes[0].runs[0].text == "Who will see your answers:"
    (returns,) = [p for p in document.paragraphs if p.text == doc.return_line]
    assert returns._p in notes[-1]._p.itersiblings()  # under the box
    assert all(run.bold for run in returns.runs)
    style = document.styles["Privacy Note"].element.find(qn("w:pPr"))
    assert style.find(qn("w:shd")) is not None
    assert {b.tag for b in style.find(qn("w:pBdr"))} == {
        qn(f"w:{side}") for side in ("top", "left", "bottom", "right")
    }


def test_title_who_when_agreement_and_sections_are_printed() -> None:
    text = all_text(render())
    for expected in (
        "Every field type",
        "Filled in by the mentee (the senior leader).",
        "When: Before the first session.",
        "Agreement: Our pact",
        "We meet at Acme Ltd for Upward pilot.",
        "Tell us who you are at Acme Ltd.",
        "Acme Ltd \u00b7 Upward pilot",
        "Upward reverse mentoring kit \u00b7 content CC BY 4.0",
    ):
        assert expected in text


def test_word_opens_it_as_a_current_document() -> None:
    settings = part(render(), "word/settings.xml")
    assert (
        'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"'
        in settings
    )


def test_the_parts_of_python_docx_s_template_a_form_does_not_need_are_gone() -> None:
    with zipfile.ZipFile(io.BytesIO(render())) as archive:
        names = archive.namelist()
    assert not [n for n in names if "thumbnail" in n or "customXml" in n or "WithEffects" in n]
    assert "docProps/app.xml" not in names  # it claimed "Microsoft Macintosh Word"


def test_a_hostile_organisation_name_appears_literally() -> None:
    text = all_text(render(HOSTILE_NAME))
    assert f"We meet at {HOSTILE_NAME} for Upward pilot." in text
    assert "49" not in text


@pytest.mark.parametrize(
    "name", ["\u00c9quipe Num\u00e9rique", "\u682a\u5f0f\u4f1a\u793e", "Rocket \U0001f680"]
)
def test_unicode_organisation_names_survive(name: str) -> None:
    assert by_label(render(name))["Organisation"].answer == name


def test_two_renders_give_identical_bytes() -> None:
    assert render() == render()
    assert render(None) == render(None)


def test_the_zip_has_fixed_timestamps_and_properties() -> None:
    data = render()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
    props = open_docx(data).core_properties
    assert props.created == props.modified == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    assert props.title == "Every field type" and props.language == "en-GB"
