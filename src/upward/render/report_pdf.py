"""The sponsor report as an A4 PDF, drawn by reportlab from the same `ReportDocument` as the
page: DejaVu Sans (the forms' font, embedded), each chart as the PNG of its matplotlib figure
followed by its sentence and its table. reportlab writes no tagged PDF, so the page is the
accessible copy; invariant mode makes the same document the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

from upward.render.report_charts import MUTED
from upward.render.report_document import Heading, Items, Paragraph, ReportDocument, Table

KEEP_TOGETHER_ROWS = 20


def report_pdf(document: ReportDocument) -> bytes:
    """The same document as an A4 PDF (DejaVu Sans, charts as images); the same bytes for
    the same document (reportlab's invariant mode)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import (
        Image,
        KeepTogether,
        ListFlowable,
        ListItem,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as T

    from upward.render.forms.pdf import register_fonts

    regular, bold = register_fonts()
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=4),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=regular, fontSize=10, textColor=MUTED, spaceAfter=10
        ),
        "h2": ParagraphStyle(
            "h2", fontName=bold, fontSize=13.5, leading=17, spaceBefore=12, spaceAfter=6
        ),
        "h3": ParagraphStyle(
            "h3", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13, spaceAfter=6),
        "caption": ParagraphStyle(
            "caption", fontName=regular, fontSize=9, leading=12, textColor=MUTED, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10.5),
    }

    def para(text: str, style: str) -> Any:
        return P(_escape(text), styles[style])

    def table(block: Table) -> list[Any]:
        data = [[para(h, "head") for h in block.header]]
        data += [[para(c, "cell") for c in row] for row in block.rows]
        width = 170 * mm
        first = width * (0.4 if len(block.header) > 2 else 0.6)
        rest = (width - first) / max(1, len(block.header) - 1)
        grid = T(data, colWidths=[first] + [rest] * (len(block.header) - 1), repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#d5dbe3")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        caption = [para(block.caption, "caption")] if block.caption else []
        if len(block.rows) <= KEEP_TOGETHER_ROWS:  # a caption never ends a page without its table
            return [KeepTogether([*caption, grid]), Spacer(1, 6)]
        return [*caption, grid, Spacer(1, 6)]

    story: list[Any] = [para(document.title, "title"), para(document.subtitle, "subtitle")]
    story += [para(text, "body") for text in document.intro]
    for section in document.sections:
        story.append(para(section.title, "h2"))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                story.append(para(block.text, "body"))
            elif isinstance(block, Heading):
                story.append(para(block.text, "h3"))
            elif isinstance(block, Items):
                story.append(
                    ListFlowable(
                        [ListItem(para(item, "body"), leftIndent=12) for item in block.items],
                        bulletType="bullet",
                        start="•",
                        leftIndent=12,
                    )
                )
            elif isinstance(block, Table):
                story += table(block)
            else:
                reader = ImageReader(io.BytesIO(block.png))
                w, h = reader.getSize()
                width = 165 * mm
                image = Image(io.BytesIO(block.png), width=width, height=width * h / w)
                story.append(
                    KeepTogether([para(block.title, "h3"), image, para(block.sentence, "body")])
                )
                story += table(block.table)
    story.append(Spacer(1, 12))
    story.append(para(document.footer, "caption"))
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=document.title,
        author="Upward",
        subject=document.subtitle,
        creator="Upward",
        invariant=1,
        lang=document.language,
    )
    template.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    """Plain text for reportlab's mini-markup (which reads <, > and & as tags)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
