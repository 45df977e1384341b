"""A form as an editable Word document, for organisations that adapt forms before using them.

python-docx cannot make Word form fields (content controls or legacy fields), so this is an
editable copy: labels beside blank answer cells, tick boxes as "☐" characters and lines to sign
on. The PDF is the fillable copy. The bytes are deterministic: fixed document properties and a
zip re-packed with fixed timestamps, so the same form gives the same file on every build.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from upward.render.forms.document import (
    DocumentField,
    DocumentSection,
    FormDocument,
    chosen_option,
    paragraphs,
)
from upward.words import Words

FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
BOX, TICKED = "☐", "☒"
MUTED = RGBColor(0x55, 0x55, 0x55)
PRIVACY_FILL = "EEF4FB"
SIGNATURE_LINE = "_" * 40


def form_docx(doc: FormDocument) -> bytes:
    """The form as DOCX bytes; identical input gives identical bytes."""
    document = Document()
    _properties(document, doc)
    _header_and_footer(document, doc)
    document.add_heading(doc.title, level=0)
    _text(document, doc.summary)
    _privacy_note(document, doc.privacy_lead, doc.privacy_text)
    _text(document, doc.filled_by_line)
    _text(document, doc.words("forms.when", when=doc.when))
    document.add_paragraph().add_run(doc.return_line).bold = True
    if any(f.required for f in doc.fields):
        _note(document.add_paragraph(), doc.words("forms.required_note"))
    _agreement(document, doc)
    for section in doc.sections:
        _section(document, section, doc.words)
    return _repack(_save(document))


MAX_PROPERTY = 255  # python-docx refuses longer document properties (Word shows them in a box)


def _property(text: str) -> str:
    """Text for a document property, shortened with an ellipsis when over the limit: the
    document itself (its header, its title) still shows the whole text."""
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1] + "…"


def _properties(document: DocxDocument, doc: FormDocument) -> None:
    """Fixed metadata: python-docx would otherwise stamp the current time and its own name."""
    props = document.core_properties
    props.title = _property(doc.title)
    props.subject = _property(doc.header)
    props.author = _property(doc.words("site.name"))
    props.last_modified_by = "Upward"
    props.comments = _property(doc.footer)
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME


def _header_and_footer(document: DocxDocument, doc: FormDocument) -> None:
    section = document.sections[0]
    _note(section.header.paragraphs[0], doc.header)
    _note(section.footer.paragraphs[0], doc.footer)


def _text(document: DocxDocument, text: str) -> None:
    for paragraph in paragraphs(text):
        document.add_paragraph(paragraph)  # python-docx turns line breaks into <w:br/>


def _note(paragraph: Paragraph, text: str) -> None:
    """Small grey text: help, hints, header and footer lines."""
    run = paragraph.add_run(text)
    run.font.size = Pt(8.5)
    run.font.color.rgb = MUTED


def _shade(cell: _Cell, fill: str) -> None:
    """Cell shading; python-docx has no API for it, so set w:shd directly."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _privacy_note(document: DocxDocument, lead: str, who_sees: str) -> None:
    """The privacy note in a shaded, bordered one-cell table near the top."""
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.cell(0, 0)
    _shade(cell, PRIVACY_FILL)
    first = cell.paragraphs[0]
    first.add_run(lead).bold = True
    for index, paragraph in enumerate(paragraphs(who_sees)):
        target = first if index == 0 else cell.add_paragraph()
        target.add_run(f" {paragraph}" if index == 0 else paragraph)
    document.add_paragraph()


def _agreement(document: DocxDocument, doc: FormDocument) -> None:
    if not doc.clauses:
        return
    words = doc.words
    title = (
        words("forms.agreement_titled", title=doc.agreement_title)
        if doc.agreement_title
        else words("forms.agreement")
    )
    document.add_heading(title, level=1)
    for number, (clause_title, text) in enumerate(doc.clauses, start=1):
        document.add_heading(f"{number}. {clause_title}", level=3)
        _text(document, text)


def _section(document: DocxDocument, section: DocumentSection, words: Words) -> None:
    """A heading, the intro, then a label | answer table with one row per field."""
    document.add_heading(section.title, level=1)
    if section.intro:
        _text(document, section.intro)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for form_field in section.fields:
        label_cell, answer_cell = table.add_row().cells
        _label(label_cell, form_field)
        _answer(answer_cell, form_field, words)
    document.add_paragraph()


def _label(cell: _Cell, form_field: DocumentField) -> None:
    label = f"{form_field.label} *" if form_field.required else form_field.label
    cell.paragraphs[0].add_run(label).bold = True
    for paragraph in paragraphs(form_field.help):
        _note(cell.add_paragraph(), paragraph)


def _answer(cell: _Cell, form_field: DocumentField, words: Words) -> None:
    """The answer space: a value where prefilled, boxes to tick, or room to write."""
    lines = _answer_lines(form_field, words)
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        if line.startswith("\0"):
            _note(paragraph, line[1:])
        else:
            paragraph.add_run(line)


def _answer_lines(form_field: DocumentField, words: Words) -> list[str]:
    """Lines for the answer cell; a leading NUL marks a grey hint rather than an answer."""
    kind = form_field.type
    if kind == "multi_choice":  # tick any number
        return [f"{BOX} {o}" for o in form_field.options]
    if kind == "choice":
        chosen = chosen_option(form_field)
        lines = [f"{TICKED if o == chosen else BOX} {o}" for o in form_field.options]
        if form_field.value and chosen is None:
            lines.append("\0" + words("forms.from_profile", value=form_field.value))
        return lines
    if kind == "scale":
        boxes = "  ".join(f"{n} {BOX}" for n in range(1, 6))
        return [f"{form_field.low}  {boxes}  {form_field.high}".strip()]
    if kind == "checkbox":
        return [f"{BOX} {words('forms.checkbox_yes')}"]
    if kind == "signature":
        return ["", SIGNATURE_LINE, "\0" + words("forms.sign_above")]
    if form_field.value:
        return [form_field.value]
    if kind == "date":
        return ["\0" + words("forms.date_format")]
    if kind == "long_text":
        return ["", "", "", ""]
    return [""]


def _save(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _repack(data: bytes) -> bytes:
    """The same zip entries in the same order, with a fixed timestamp on every entry."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()
