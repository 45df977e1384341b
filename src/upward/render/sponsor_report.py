"""The sponsor report: `index.html` (one file, no network, printable), `report.pdf` and
`summary.json`, from an `Evaluation`.

The report is laid out once, as a `ReportDocument` of sections and blocks (paragraphs, tables,
charts, lists), and drawn twice: by a Jinja template into HTML, with each chart as inline SVG,
and by reportlab into a PDF, with each chart as a PNG of the same matplotlib figure (reportlab
draws no SVG, and a browser is not a run-time dependency). Every chart comes with a sentence
that says what it shows and a table of its numbers, so nothing depends on seeing it; the HTML
is the accessible copy (reportlab writes no tagged PDF). No number from too few people reaches
either: a hidden cell reads "fewer than five answers" or "hidden to protect a small group".

    files = sponsor_report_files(evaluation)   # {"index.html": ..., "report.pdf": ..., ...}
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from upward.plan.evaluation import Evaluation, summary_json
from upward.render.report_document import (
    JSON_NAME,
    PDF_NAME,
    Chart,
    ReportDocument,
    report_document,
)
from upward.render.report_pdf import report_pdf
from upward.words import Words, english


def sponsor_report_files(evaluation: Evaluation, words: Words | None = None) -> dict[str, bytes]:
    """Every file of the report folder, as bytes by name; the same evaluation, the same bytes."""
    words = words or english()
    document = report_document(evaluation, words)
    return {
        "index.html": report_html(document),
        PDF_NAME: report_pdf(document),
        JSON_NAME: (
            json.dumps(summary_json(evaluation), indent=2, ensure_ascii=False) + "\n"
        ).encode("utf-8"),
    }


@lru_cache(maxsize=1)
def _template() -> Template:
    source = (resources.files("upward.render") / "templates" / "sponsor-report.html.j2").read_text(
        encoding="utf-8"
    )
    return Environment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    ).from_string(source)


def report_html(document: ReportDocument) -> bytes:
    charts = {
        block.id: Markup(block.svg)
        for section in document.sections
        for block in section.blocks
        if isinstance(block, Chart)
    }
    return _template().render(doc=document, charts=charts).encode("utf-8")
