"""Returned forms for the report tests: the kit's real blank PDFs, filled with pypdf as a PDF
reader fills them, and answers saved from the web form."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from trackers import northwind

from upward.render.forms.document import form_document
from upward.render.forms.pdf import export_names, form_pdf


@cache
def blank(form_id: str) -> bytes:
    tailored = northwind()
    form = next(f for f in tailored.kit.forms if f.id == form_id)
    return form_pdf(form_document(tailored.kit, form, tailored))


def options(form_id: str, field_id: str) -> tuple[str, ...]:
    form = next(f for f in northwind().kit.forms if f.id == form_id)
    return tuple(next(x for s in form.sections for x in s.fields if x.id == field_id).options)


def filled_pdf(path: Path, form_id: str, answers: dict[str, Any]) -> Path:
    """The form filled in: text as text, a choice by its option's words, a rating 1-5."""
    form = next(f for f in northwind().kit.forms if f.id == form_id)
    fields = {x.id: x for s in form.sections for x in s.fields}
    values: dict[str, str] = {}
    for name, answer in answers.items():
        spec = fields[name]
        if spec.type == "choice":
            names = export_names(tuple(spec.options))
            values[name] = "/" + names[list(spec.options).index(answer)]
        elif spec.type == "scale":
            values[name] = f"/{answer}"
        else:
            values[name] = str(answer)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank(form_id))))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(path)
    return path


def saved_answers(path: Path, form_id: str, answers: dict[str, Any], version: int = 1) -> Path:
    """A file exported from the kit's web form (docs/assets/js/upward.js)."""
    data = {
        "form": form_id,
        "version": version,
        "saved": "2027-06-20T10:00:00.000Z",
        "answers": {k: v if isinstance(v, bool) else str(v) for k, v in answers.items()},
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def evaluation_answers(role: str, recommend: str, business: int, you: int) -> dict:
    """One end-of-programme evaluation's answers, as its form names them."""
    return {
        "role": role,
        "completed": "Yes",
        "recommend": recommend,
        "value-business": business,
        "value-you": you,
        "what-changed": "Something I can now do.",
        "quote-permission": "No",
    }
