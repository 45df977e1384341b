"""Reading a form's Word copy back the way Word sees it: python-docx for the document, its XML
for the content controls (python-docx has no API for them, and its `text` skips them)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.oxml.ns import qn

W14_CHECKED = qn("w14:checked")


@dataclass
class Control:
    """One content control: its kind, tag (the field id), title and what it shows."""

    kind: str  # "checkbox", "drop-down" or "date"
    tag: str
    title: str
    shown: str
    placeholder: bool
    checked: bool = False
    items: list[str] = field(default_factory=list)
    full_date: str = ""
    date_format: str = ""
    language: str = ""


@dataclass
class Row:
    """One row of a section's table: the question, its help, and the answer cell."""

    label: str
    required: bool
    help: str
    answer: str  # the answer cell's own text: controls and grey hints excluded
    controls: list[Control]
    element: Any  # the row's w:tr
    merged: bool = False  # a statement to tick, across the table
    hints: str = ""  # grey notes in the answer cell ("Sign here")
    scale: bool = False  # five numbered boxes in a table of their own


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def text_of(element: Any, controls: bool = True) -> str:
    """The text of a paragraph or cell, tabs as tabs; with or without the controls' text."""
    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if not controls and _inside_control(node, element):
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab") and node.getparent().tag == qn("w:r"):
            parts.append("\t")
        elif node.tag == qn("w:br"):
            parts.append("\n")
    return "".join(parts)


def _inside_control(node: Any, stop: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == qn("w:sdt"):
            return True
        parent = parent.getparent()
    return False


def controls_in(element: Any) -> list[Control]:
    found = []
    for sdt in element.iter(qn("w:sdt")):
        properties = sdt.find(qn("w:sdtPr"))
        content = sdt.find(qn("w:sdtContent"))
        shown = "".join(t.text or "" for t in content.iter(qn("w:t")))
        tag = properties.find(qn("w:tag")).get(qn("w:val"))
        title = properties.find(qn("w:alias")).get(qn("w:val"))
        placeholder = properties.find(qn("w:showingPlcHdr")) is not None
        box = properties.find(qn("w14:checkbox"))
        choices = properties.find(qn("w:dropDownList"))
        date = properties.find(qn("w:date"))
        if box is not None:
            checked = box.find(qn("w14:checked")).get(qn("w14:val")) == "1"
            found.append(Control("checkbox", tag, title, shown, placeholder, checked=checked))
        elif choices is not None:
            items = [i.get(qn("w:displayText")) for i in choices.iter(qn("w:listItem"))]
            found.append(Control("drop-down", tag, title, shown, placeholder, items=items))
        elif date is not None:
            found.append(
                Control(
                    "date",
                    tag,
                    title,
                    shown,
                    placeholder,
                    full_date=date.get(qn("w:fullDate")) or "",
                    date_format=date.find(qn("w:dateFormat")).get(qn("w:val")),
                    language=date.find(qn("w:lid")).get(qn("w:val")),
                )
            )
    return found


def rows(data: bytes) -> list[Row]:
    """Every field row of every section table, in order (nested scale tables excluded)."""
    document = open_docx(data)
    found = []
    for table in document.tables:
        for tr in table._tbl.findall(qn("w:tr")):
            cells = tr.findall(qn("w:tc"))
            paragraphs = [p for p in cells[0].findall(qn("w:p"))]
            if len(cells) == 1:  # a tick box and its statement
                first = text_of(paragraphs[0], controls=False).strip()
                help_ = " ".join(text_of(p) for p in paragraphs[1:])
                found.append(_row(first, help_, "", controls_in(cells[0]), tr, merged=True))
                continue
            label = text_of(paragraphs[0])
            help_ = " ".join(text_of(p) for p in paragraphs[1:])
            answers = cells[1].findall(qn("w:p"))
            hints = [p for p in answers if _style_of(p) == NOTE_STYLE]
            answer = "\n".join(text_of(p, controls=False) for p in answers if p not in hints)
            scale = cells[1].find(qn("w:tbl")) is not None
            found.append(
                _row(
                    label,
                    help_,
                    answer.strip(),
                    controls_in(cells[1]),
                    tr,
                    hints=" ".join(text_of(p) for p in hints),
                    scale=scale,
                )
            )
    return found


NOTE_STYLE = "FormNote"


def _style_of(paragraph: Any) -> str:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else ""


def _row(label: str, help_: str, answer: str, controls: list[Control], tr: Any, **kw: Any) -> Row:
    required = label.endswith(" *")
    return Row(label.removesuffix(" *"), required, help_, answer, controls, tr, **kw)


def row_height_cm(row: Row) -> float:
    """The row's least height in cm (0 when it has none)."""
    height = row.element.find(qn("w:trPr")).find(qn("w:trHeight"))
    return int(height.get(qn("w:val"))) / 567 if height is not None else 0.0
