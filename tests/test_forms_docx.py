"""The editable Word copy of a form, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import docx
import pytest

from upward.render.forms.docx import form_docx

from small_kit import EVERY_TYPE_FORM, HOSTILE_NAME, PRIVACY, UNICODE_NAME
from small_kit import document as kit_document

# The shared form is filled in by both sides; this copy by the mentee alone, so the wording
# for a single side is checked here (the PDF tests check the wording for both).
FORM: dict[str, Any] = {**EVERY_TYPE_FORM, "filled_by": ["mentee"]}


def render(organisation: str | None = "Acme Ltd") -> bytes:
    """The form as DOCX, tailored for `organisation`, or blank when it is None."""
    return form_docx(kit_document(organisation, FORM))


def all_text(data: bytes) -> str:
    """Every paragraph, table cell, header and footer line, joined by newlines."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    section = document.sections[0]
    parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def answers(data: bytes) -> dict[str, str]:
    """Label -> answer cell text, from every two-column table."""
    document = docx.Document(io.BytesIO(data))
    return {
        row.cells[0].paragraphs[0].text.rstrip(" *"): row.cells[1].text
        for table in document.tables
        if len(table.columns) == 2
        for row in table.rows
    }


# --- the tests ---------------------------------------------------------------------------


def test_every_field_has_a_labelled_row() -> None:
    labels = set(answers(render()))
    assert labels == {
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
    }


def test_prefilled_values_fill_the_answer_cells() -> None:
    cells = answers(render())
    assert cells["Organisation"] == "Acme Ltd"
    assert cells["Programme lead"] == UNICODE_NAME
    assert cells["Lead's email"] == "lead@example.org"
    assert cells["Start date"] == "2027-02-01"  # the first working day from Sunday 31st
    assert cells["Format"] == "\u2612 One-to-one\n\u2610 Group"


def test_blank_form_has_empty_answers_and_neutral_wording() -> None:
    data = render(organisation=None)
    cells = answers(data)
    assert cells["Organisation"] == ""
    assert cells["Format"] == "\u2610 One-to-one\n\u2610 Group"
    assert "We meet at your organisation for your reverse mentoring programme." in all_text(data)


def test_boxes_scales_and_signature_lines_are_printed() -> None:
    cells = answers(render())
    assert cells["Confidence"] == "Low  1 \u2610  2 \u2610  3 \u2610  4 \u2610  5 \u2610  High"
    assert cells["I agree to take part"] == "\u2610 Yes"
    assert "____" in cells["Mentor's signature"]
    assert "Signature" in cells["Mentor's signature"]
    assert cells["Finish date"] == "YYYY-MM-DD"


def test_required_and_help_are_shown() -> None:
    document = docx.Document(io.BytesIO(render()))
    labels = [row.cells[0].text for table in document.tables for row in table.rows]
    assert "Your name *" in labels
    assert "Your story\nA few lines." in labels


def test_privacy_note_is_boxed_near_the_top() -> None:
    document = docx.Document(io.BytesIO(render()))
    note = document.tables[0]
    assert len(note.columns) == 1
    lines = note.cell(0, 0).text.split("\n")
    assert lines[0] == f"Who will see your answers: This form carries your name. {PRIVACY}"
    assert lines[1].startswith("Data protection: Acme Ltd is the controller")
    assert note.cell(0, 0)._tc.xpath("./w:tcPr/w:shd")  # shaded, so it stands out


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


def test_a_hostile_organisation_name_appears_literally() -> None:
    text = all_text(render(HOSTILE_NAME))
    assert f"We meet at {HOSTILE_NAME} for Upward pilot." in text
    assert "49" not in text


@pytest.mark.parametrize(
    "name", ["\u00c9quipe Num\u00e9rique", "\u682a\u5f0f\u4f1a\u793e", "Rocket \U0001f680"]
)
def test_unicode_organisation_names_survive(name: str) -> None:
    assert answers(render(name))["Organisation"] == name


def test_two_renders_give_identical_bytes() -> None:
    assert render() == render()
    assert render(None) == render(None)


def test_the_zip_has_fixed_timestamps_and_properties() -> None:
    data = render()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created == props.modified == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    assert props.title == "Every field type"
