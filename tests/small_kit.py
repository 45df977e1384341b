"""A small, fully known kit for the tests of the output writers (PDF, Word, calendar).

The writers' tests check exact text, field names and dates, so they need content that only the
tests control: the real kit under kit/ changes as its authors write it. Everything here is the
smallest thing `tailor_kit` accepts (and the site renders: the source its purpose cites), plus
one form with a field of every type, its agreement, and a profile that fills every prefill.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from upward.model import Kit, Profile
from upward.plan.tailored import TailoredKit, tailor_kit
from upward.render.forms.document import FormDocument, form_document

# Markup, a template expression, and the characters iCalendar must escape (, ; \).
HOSTILE_NAME = "<img src=x onerror=alert(1)> {{ 7*7 }}, Ltd; \\ and co"
UNICODE_NAME = "Zo\u00eb \u00d8berg-N\u00fa\u00f1ez"
PRIVACY = "Only the programme lead sees these answers, and only as totals."

EVERY_TYPE_FORM: dict[str, Any] = {
    "id": "every-type",
    "title": "Every field type",
    "summary": "A form with one field of each type, for tests.",
    "filled_by": ["mentor", "mentee"],
    "when": "Before the first session.",
    "who_sees": PRIVACY,
    "identity": "named",
    "returns": {"to": "lead", "by": "applications-close"},
    "kept": "until-close",
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
                    "id": "channel",
                    "label": "How you meet",
                    "type": "choice",
                    "options": ["In person", "Video call / mix (both)", "Zo\u00eb\u2019s #1"],
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

PACT: dict[str, Any] = {
    "id": "pact",
    "title": "Our pact",
    "summary": "What we promise each other.",
    "clauses": [
        {
            "id": "where",
            "title": "Where",
            "text": "We meet at {{ org.name }} for {{ org.programme }}.",
        },
        {"id": "time", "title": "Time", "text": "We hold {{ org.sessions }} sessions."},
    ],
}


def session(number: int) -> dict[str, Any]:
    """Session `number` of the plan: punctuation iCalendar escapes, a placeholder, three items."""
    return {
        "id": f"session-{number}",
        "title": f"Topic {number}, part one; with care",
        "objectives": [f"Objective {number} at {{{{ org.name }}}}", "Second objective"],
        "agenda": [
            {"minutes": 10, "item": "Welcome, check-in"},
            {"minutes": 40, "item": f"Main conversation {number}"},
            {"minutes": 10, "item": "Agree next steps"},
        ],
        "prep_mentor": [f"Mentor prep {number}"],
        "prep_mentee": [f"Mentee prep {number}"],
        "after": ["Write down one action"],
    }


def make_kit(*forms: dict[str, Any]) -> Kit:
    """The smallest kit `tailor_kit` accepts (one purpose and its four-session plan), plus the
    pact and the given forms (the every-type form when none are given)."""
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
                    "summary": "Four sessions.",
                    "format": "one-to-one",
                    "cadence": "monthly",
                    "minutes": 60,
                    "sessions": [session(n) for n in range(1, 5)],
                }
            ],
            "feedback_modules": [],
            "agreements": [PACT],
            "forms": list(forms) or [EVERY_TYPE_FORM],
            "case_studies": [],
            "guides": [],
            "messages": [],
            "sources": [
                {
                    "id": "a-source",
                    "title": "A source",
                    "publisher": "A publisher",
                    "url": "https://example.org/source",
                }
            ],
        }
    )


def profile(**changes: Any) -> Profile:
    """Acme Ltd's profile, every key given, with `changes` applied."""
    fields: dict[str, Any] = {
        "organisation": "Acme Ltd",
        "programme": "Upward pilot",
        "start": dt.date(2027, 1, 31),
        "sessions": 4,
        "cadence": "monthly",
        "session_minutes": 60,
        "time": "10:00",
        "timezone": "Europe/London",
        "contact": {"name": UNICODE_NAME, "email": "lead@example.org"},
    }
    fields.update(changes)
    return Profile.model_validate(fields)


def tailored(kit: Kit | None = None, **changes: Any) -> TailoredKit:
    """`kit` (the small kit by default) tailored for the profile with `changes`."""
    return tailor_kit(kit or make_kit(), profile(**changes))


def document(
    organisation: str | None = "Acme Ltd", form: dict[str, Any] | None = None
) -> FormDocument:
    """`form` (the every-type form by default) tailored for `organisation`, or blank when None."""
    kit = make_kit(form or EVERY_TYPE_FORM)
    tailoring = tailored(kit, organisation=organisation) if organisation else None
    return form_document(kit, kit.forms[0], tailoring)


A_SOURCE: dict[str, Any] = {
    "id": "a-source",
    "title": "A source",
    "publisher": "Upward tests",
    "url": "https://example.org/a-source",
}


def linked_form(form_id: str) -> dict[str, Any]:
    """A one-field form under an id the site's pages link to (loading.REQUIRED_FORMS)."""
    return {
        "id": form_id,
        "title": form_id.replace("-", " ").capitalize(),
        "summary": "A form the site's pages link to.",
        "filled_by": ["mentor"],
        "when": "Any time.",
        "who_sees": PRIVACY,
        "identity": "stays-with-pair",
        "returns": {"to": "nobody"},
        "kept": "with-pair",
        "sections": [
            {"title": "Notes", "fields": [{"id": "notes", "label": "Notes", "type": "long_text"}]}
        ],
    }


def kit_files(*forms: dict[str, Any]) -> dict[str, Any]:
    """The small kit as the files of a kit folder (path -> YAML data), for tests that run the
    command on a folder: `make_kit`'s content, the source its purpose cites and the forms the
    site's pages link to."""
    from upward.load.kit import REQUIRED_FORMS

    linked = (linked_form(form_id) for form_id in REQUIRED_FORMS)
    kit = make_kit(*(forms or (EVERY_TYPE_FORM,)), *linked)
    files: dict[str, Any] = {"sources/core.yaml": {"sources": [A_SOURCE]}}
    for purpose in kit.purposes:
        files[f"purposes/{purpose.id}.yaml"] = purpose.model_dump(exclude_defaults=True)
    for plan in kit.session_plans:
        files[f"sessions/{plan.id}.yaml"] = plan.model_dump(exclude_defaults=True)
    for agreement in kit.agreements:
        files[f"agreements/{agreement.id}.yaml"] = agreement.model_dump(exclude_defaults=True)
    for form in kit.forms:
        files[f"forms/{form.id}.yaml"] = form.model_dump(exclude_defaults=True)
    return files


def write_kit(folder: Path, files: dict[str, Any]) -> Path:
    """Write `files` (path -> data, or path -> str for raw text) as a kit folder."""
    import yaml

    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    return folder
