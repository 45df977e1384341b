#!/usr/bin/env python3
"""Make the example cohort's filled application PDFs: the real Northwind forms, filled in with
pypdf as a person would fill them in a PDF reader (typed answers, ticked boxes, a chosen
button), for four fictional applicants who sent a PDF instead of joining the spreadsheet.

    .venv/bin/python scripts/make_example_applications.py      # -> kit/examples/cohort/pdfs/

Every name and address is invented (the reserved `northwind.example` domain). The forms come
from the kit and the example profile, so when a form changes, run this again and commit the
PDFs: `make demo` matches them with the CSV files, and tests read them back.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kit" / "examples" / "cohort" / "pdfs"
PROFILE = ROOT / "kit" / "examples" / "northwind.yaml"
CHOICES = ("role", "format", "capacity")
TICKS = ("availability", "channel", "topics-offered", "topics-wanted")

APPLICANTS: list[dict[str, Any]] = [
    {
        "role": "mentor",
        "full-name": "Nadia Haddou",
        "email": "nadia.haddou@northwind.example",
        "job-title": "Buyer",
        "team": "Procurement",
        "line-manager-email": "tomasz.wisniewski@northwind.example",
        "senior-line": ["mariam.haddad@northwind.example"],
        "topics-offered": ["social-media", "younger-customers"],
        "offer": "How suppliers our age find us online, and what puts them off.",
        "learn": "How a director weighs a decision with more than one right answer.",
        "availability": ["tue-pm", "thu-pm"],
        "channel": ["video", "phone"],
        "format": "either",
        "capacity": "1",
        "swot-strengths": "Patient, organised, good at explaining the why.",
        "swot-weaknesses": "I hold back in big meetings.",
        "swot-opportunities": "Practise speaking up with someone senior.",
        "swot-threats": "Month-end weeks are busy.",
        "signature": "Nadia Haddou",
        "signed-on": "2026-12-02",
    },
    {
        "role": "mentor",
        "full-name": "Jonas Becker",
        "email": "jonas.becker@northwind.example",
        "job-title": "Junior Financial Analyst",
        "team": "Finance",
        "line-manager-email": "matteo.ricci@northwind.example",
        "senior-line": ["olusegun.bakare@northwind.example", "adaeze.nwosu@northwind.example"],
        "topics-offered": ["ai-and-emerging-tech", "digital-tools"],
        "offer": "Everyday AI tools for drafting and analysis, and where they go wrong.",
        "learn": "Coaching: asking questions instead of giving answers.",
        "availability": ["mon-am", "wed-am", "thu-am"],
        "channel": ["in-person", "video"],
        "format": "one-to-one",
        "capacity": "2",
        "swot-strengths": "Curious, quick with new tools.",
        "swot-weaknesses": "I explain too fast.",
        "swot-opportunities": "See how the wider business uses our numbers.",
        "swot-threats": "Quarter-end reporting.",
        "signature": "Jonas Becker",
        "signed-on": "2026-12-03",
    },
    {
        "role": "mentee",
        "full-name": "Helena Novak",
        "email": "helena.novak@northwind.example",
        "job-title": "Director of Strategy",
        "team": "Strategy",
        "line-manager-email": "henrik.lindqvist@northwind.example",
        "topics-wanted": ["ai-and-emerging-tech", "innovation"],
        "preferences": ["jonas.becker@northwind.example", "mateus.oliveira@northwind.example"],
        "learn": "What our AI pilots look like from the desks that use them.",
        "why-now": "We are deciding which pilots to scale next year.",
        "offer": "How the board reads a business case.",
        "availability": ["mon-am", "thu-am"],
        "channel": ["in-person", "video"],
        "format": "one-to-one",
        "swot-strengths": "Long view, good sponsor of change.",
        "swot-weaknesses": "Far from day-to-day tools.",
        "swot-opportunities": "Hear early what is not working.",
        "swot-threats": "Travel in the spring.",
        "signature": "Helena Novak",
        "signed-on": "2026-12-04",
    },
    {
        "role": "mentee",
        "full-name": "Kofi Mensah",
        "email": "kofi.mensah@northwind.example",
        "job-title": "Head of Customer Insight",
        "team": "Marketing",
        "line-manager-email": "lucia.fernandez@northwind.example",
        "prefer-not": ["noor.rahman@northwind.example"],
        "topics-wanted": ["younger-customers", "social-media"],
        "learn": "How younger customers decide whom to trust online.",
        "why-now": "Our panel data stops at thirty-five.",
        "offer": "How research turns into a campaign brief.",
        "availability": ["wed-pm", "fri-pm"],
        "channel": ["video"],
        "format": "either",
        "swot-strengths": "Listening, turning findings into decisions.",
        "swot-weaknesses": "I rarely use the apps our customers use.",
        "swot-opportunities": "A first-hand view to test our assumptions.",
        "swot-threats": "Launch season in March.",
        "signature": "Kofi Mensah",
        "signed-on": "2026-12-04",
    },
]


def field_values(answers: dict[str, Any]) -> dict[str, str]:
    """Answers as the PDF fields take them: a name for a chosen button, /Yes for each box
    ticked (named `<field>:<value>`), one line per e-mail in a text box."""
    from upward.render.forms.pdf import option_box_name

    values: dict[str, str] = {}
    for name, value in answers.items():
        if name in CHOICES:
            values[name] = f"/{value}"
        elif name in TICKS:
            values |= {option_box_name(name, item): "/Yes" for item in value}
        elif isinstance(value, list):
            values[name] = "\n".join(value)
        else:
            values[name] = value
    return values


def fill(blank: bytes, answers: dict[str, Any]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank)))
    values = field_values(answers)
    known = set(writer.get_fields() or {})
    unknown = sorted(set(values) - known)
    if unknown:
        raise SystemExit(f"the form has no field {unknown}: update this script")
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    writer._ID = None  # no random file identifier: the same answers give the same bytes
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from upward.load.kit import load_kit
    from upward.load.org_profile import load_profile
    from upward.plan.tailored import slugify, tailor_kit
    from upward.render.forms.document import form_document
    from upward.render.forms.pdf import form_pdf

    kit = load_kit(ROOT / "kit").kit
    profile = load_profile(PROFILE, lambda: [p.id for p in kit.purposes])
    tailored = tailor_kit(kit, profile)
    blanks = {
        role: form_pdf(
            form_document(
                kit, next(f for f in kit.forms if f.id == f"{role}-application"), tailored
            )
        )
        for role in ("mentor", "mentee")
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.pdf"):
        old.unlink()
    for answers in APPLICANTS:
        path = OUT / f"{slugify(answers['full-name'])}.pdf"
        path.write_bytes(fill(blanks[answers["role"]], answers))
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
