"""The mentor directory for self matching, as an offline HTML page and a printable PDF: what
mentees choose from, with only what mentors agreed to share (see
`plan.selfcheck.mentor_directory`)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from xml.sax.saxutils import escape

from jinja2 import Environment, StrictUndefined, Template

from upward.plan.selfcheck import DirectoryEntry
from upward.words import matching as words


@lru_cache(maxsize=1)
def _template() -> Template:
    source = (
        resources.files("upward.render") / "templates" / "mentor-directory.html.j2"
    ).read_text(encoding="utf-8")
    return Environment(autoescape=True, undefined=StrictUndefined).from_string(source)


def directory_html(entries: Sequence[DirectoryEntry], programme: str = "") -> bytes:
    return (
        _template()
        .render(W=words.DIRECTORY, programme=programme, entries=entries, join=words.join_words_all)
        .encode("utf-8")
    )


def _cells(entry: DirectoryEntry) -> list[str]:
    join = words.join_words_all
    return [
        entry.name,
        entry.team,
        entry.email,
        join(entry.topics),
        join(entry.free),
        join(entry.channels),
        entry.format,
    ]


def directory_pdf(entries: Sequence[DirectoryEntry], programme: str = "") -> bytes:
    """The same table on landscape A4, in DejaVu Sans (any name prints), the header row
    repeated on every page; the same entries give the same bytes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from upward.render.forms.pdf import register_fonts

    regular, bold = register_fonts()
    W = words.DIRECTORY
    title = f"{W['title']}: {programme}" if programme else W["title"]
    body = ParagraphStyle("body", fontName=regular, fontSize=8.5, leading=11)
    head = ParagraphStyle("head", parent=body, fontName=bold)
    heading = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=6)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=36,
        rightMargin=36,
        topMargin=36,
        bottomMargin=36,
        title=title,
        author="Upward",
        invariant=1,
    )
    rows = [[Paragraph(escape(c), head) for c in W["columns"]]]
    rows += [[Paragraph(escape(c), body) for c in _cells(e)] for e in entries]
    table = Table(rows, repeatRows=1, colWidths=[95, 85, 150, 150, 120, 80, 70])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#c9d1dc")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        Paragraph(escape(title), heading),
        Paragraph(escape(W["intro"]), body),
        Spacer(1, 10),
        table,
    ]
    document.build(story)
    return buffer.getvalue()


def directory_files(entries: Sequence[DirectoryEntry], programme: str = "") -> dict[str, bytes]:
    """The directory as a page and a PDF, for the lead to share with the mentees."""
    return {
        "mentor-directory.html": directory_html(entries, programme),
        "mentor-directory.pdf": directory_pdf(entries, programme),
    }
