"""The editable Word copy of a form, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import docx
import pytest

from upward.forms.document import form_document
from upward.forms.docx import form_docx
from upward.model import Kit, Profile
from upward.tailoring import tailor_kit

HOSTILE_NAME = "<img src=x onerror=alert(1)> {{ 7*7 }}"
UNICODE_NAME = "Zo\u00eb \u00d8berg-N\u00fa\u00f1ez"
PRIVACY = "Only the programme lead sees these answers, and only as totals."

# --- a small kit, built inline (the real kit is still being written) -----------------------

FORM: dict[str, Any] = {
    "id": "every-type",
    "title": "Every field type",
    "summary": "A form with one field of each type, for tests.",
    "filled_by": ["mentee"],
    "when": "Before the first session.",
    "who_sees": PRIVACY,
    "agreement": "pact",
    "sections": [
        {
            "title": "About you",
            "intro": "Tell us who you are at {{ org.name }}.",
            "fields": [
                {
                    "id": "organisation",
                    "label": "Organisation",
                    "type": "text",
                    "prefill": "organisation",
                },
                {
                    "id": "contact",
                    "label": "Programme lead",
                    "type": "text",
                    "prefill": "contact_name",
                },
                {
                    "id": "email",
                    "label": "Lead's email",
                    "type": "email",
                    "prefill": "contact_email",
                },
                {"id": "start", "label": "Start date", "type": "date", "prefill": "start"},
                {"id": "finish", "label": "Finish date", "type": "date"},
                {"id": "story", "label": "Your story", "type": "long_text", "help": "A few lines."},
                {"id": "name", "label": "Your name", "type": "text", "required": True},
            ],
        },
        {
            "title": "Choices",
            "fields": [
                {
                    "id": "format",
                    "label": "Format",
                    "type": "choice",
                    "options": ["One-to-one", "Group"],
                    "prefill": "format",
                },
                {
                    "id": "confidence",
                    "label": "Confidence",
                    "type": "scale",
                    "low": "Low",
                    "high": "High",
                },
                {"id": "consent", "label": "I agree to take part", "type": "checkbox"},
                {"id": "signed", "label": "Mentor's signature", "type": "signature"},
            ],
        },
    ],
}


def make_kit() -> Kit:
    """The smallest kit `tailor_kit` accepts, plus the form and its agreement."""
    session = {
        "id": "only",
        "title": "Only",
        "objectives": ["Learn"],
        "agenda": [{"minutes": 60, "item": "Talk"}],
        "prep_mentor": ["Prepare"],
        "prep_mentee": ["Prepare"],
        "after": ["Reflect"],
    }
    return Kit.model_validate(
        {
            "purposes": [
                {
                    "id": "digital-fluency",
                    "title": "Digital fluency",
                    "summary": "Learn tools.",
                    "why": [{"text": "A reason.", "sources": ["a-source"]}],
                    "goals": [{"id": "g", "text": "Goal", "measure": "Rate it."}],
                    "metrics": [{"name": "M", "how": "Ask."}],
                    "risks": [{"risk": "R", "mitigation": "M"}],
                    "plan": "pairs",
                }
            ],
            "question_banks": [],
            "session_plans": [
                {
                    "id": "pairs",
                    "title": "Pairs",
                    "summary": "One session.",
                    "format": "one-to-one",
                    "cadence": "monthly",
                    "minutes": 60,
                    "sessions": [session],
                }
            ],
            "feedback_modules": [],
            "agreements": [
                {
                    "id": "pact",
                    "title": "Our pact",
                    "summary": "What we promise.",
                    "clauses": [
                        {"id": "where", "title": "Where", "text": "We meet at {{ org.name }}."}
                    ],
                }
            ],
            "forms": [FORM],
            "case_studies": [],
            "guides": [],
            "messages": [],
            "sources": [],
        }
    )


def render(organisation: str | None = "Acme Ltd") -> bytes:
    """The form as DOCX, tailored for `organisation`, or blank when it is None."""
    kit = make_kit()
    tailored = None
    if organisation:
        profile = Profile.model_validate(
            {
                "organisation": organisation,
                "start": dt.date(2027, 1, 31),
                "sessions": 1,
                "contact": {"name": UNICODE_NAME, "email": "lead@example.org"},
            }
        )
        tailored = tailor_kit(kit, profile)
    return form_docx(form_document(kit, kit.forms[0], tailored))


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
        "Confidence",
        "I agree to take part",
        "Mentor's signature",
    }


def test_prefilled_values_fill_the_answer_cells() -> None:
    cells = answers(render())
    assert cells["Organisation"] == "Acme Ltd"
    assert cells["Programme lead"] == UNICODE_NAME
    assert cells["Lead's email"] == "lead@example.org"
    assert cells["Start date"] == "2027-01-31"
    assert cells["Format"] == "\u2612 One-to-one\n\u2610 Group"


def test_blank_form_has_empty_answers_and_neutral_wording() -> None:
    data = render(organisation=None)
    cells = answers(data)
    assert cells["Organisation"] == ""
    assert cells["Format"] == "\u2610 One-to-one\n\u2610 Group"
    assert "We meet at your organisation." in all_text(data)


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
    assert note.cell(0, 0).text == f"Who will see your answers: {PRIVACY}"
    assert note.cell(0, 0)._tc.xpath("./w:tcPr/w:shd")  # shaded, so it stands out


def test_title_who_when_agreement_and_sections_are_printed() -> None:
    text = all_text(render())
    for expected in (
        "Every field type",
        "Filled in by the mentee (the senior leader).",
        "When: Before the first session.",
        "Agreement: Our pact",
        "We meet at Acme Ltd.",
        "Tell us who you are at Acme Ltd.",
        "Acme Ltd \u00b7 Reverse mentoring programme",
        "Upward reverse mentoring kit \u00b7 content CC BY 4.0",
    ):
        assert expected in text


def test_a_hostile_organisation_name_appears_literally() -> None:
    text = all_text(render(HOSTILE_NAME))
    assert f"We meet at {HOSTILE_NAME}." in text
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
