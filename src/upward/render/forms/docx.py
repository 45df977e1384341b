"""A form as a Word document, for organisations that adapt a form before they use it, and for
people who fill it in on screen or print it.

The look comes from `docx_template` (styles, page, header and footer, built in code). Each
section is a two-column table: the question on a tinted left, room to answer on the right, each
row as tall as its expected answer needs in handwriting (a line for a name, three for a goal,
a block for an account). Tick boxes, choices and dates are Word content controls
(`docx_controls`); a choice of a few short options is a drop-down list that prints as
"Yes / Not sure / No" to circle, a longer one a tick box per option; a multiple choice is a
tick box per option, tagged `<field id>:<value>` as the PDF names its boxes. Rows never break across
pages, and a section stays on one page when it fits on one (else the fields that belong
together do, as in the PDF). The bytes are deterministic: fixed document properties, controls
numbered in order, and a zip re-packed with fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Length, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from upward.render.forms import design
from upward.render.forms.document import (
    DocumentField,
    DocumentSection,
    FormDocument,
    chosen_option,
    paragraphs,
)
from upward.render.forms.docx_controls import Controls
from upward.render.forms.docx_template import (
    ANSWER,
    BODY,
    CLAUSE,
    HEADING,
    INTRO,
    LABEL,
    NOTE,
    PRIVACY,
    TEXT_WIDTH,
    TITLE,
    border,
    new_document,
    shading,
    text_run,
)
from upward.words import Words

FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

LABEL_WIDTH = Cm(5.2)
ANSWER_WIDTH = Emu(TEXT_WIDTH - LABEL_WIDTH)
SCALE_END, SCALE_STEP = Cm(2.9), Cm(1.1)


def form_docx(doc: FormDocument) -> bytes:
    """The form as DOCX bytes; identical input gives identical bytes."""
    document = new_document(doc)
    _properties(document, doc)
    writer = _Writer(document, doc)
    writer.front_matter()
    writer.agreement()
    for section in doc.sections:
        writer.section(section)
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
    props.language = design.language_tag(doc.words)
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME


@dataclass
class _Writer:
    document: DocxDocument
    doc: FormDocument
    language: str = ""
    controls: Controls = field(init=False)
    _style_ids: dict[str, str | None] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.language = design.language_tag(self.doc.words)
        self.controls = Controls(self.language)

    @property
    def words(self) -> Words:
        return self.doc.words

    def styled(self, paragraph: Paragraph, style: str) -> Paragraph:
        """`paragraph` in `style`, as `paragraph.style = style` would set it, with each style's
        id looked up once per form: python-docx walks every style for each lookup, which was a
        third of a Word form's time."""
        if style not in self._style_ids:
            found = self.document.styles[style]
            self._style_ids[style] = self.document.part.get_style_id(found, found.type)
        paragraph._p.style = self._style_ids[style]
        return paragraph

    # --- paragraphs ---

    def paragraph(self, text: str, style: str, cell: _Cell | None = None) -> Paragraph:
        """One paragraph of `text` in `style`, added to the body (or to a cell)."""
        paragraph = self.styled((cell or self.document).add_paragraph(), style)
        if text:
            text_run(paragraph, text, self.language)
        return paragraph

    def text(self, text: str, style: str = BODY) -> list[Paragraph]:
        return [self.paragraph(p, style) for p in paragraphs(text)]

    # --- the blocks of a form ---

    def front_matter(self) -> None:
        doc = self.doc
        self.paragraph(doc.title, TITLE)
        self.text(doc.summary)
        self._privacy_box(doc.privacy_lead, doc.privacy_text)
        self.paragraph(doc.filled_by_line, BODY)
        self.paragraph(self.words("forms.when", when=doc.when), BODY)
        if doc.return_line:
            self.paragraph(doc.return_line, BODY).runs[-1].bold = True
        if any(f.required for f in doc.fields):
            self.paragraph(self.words("forms.required_note"), NOTE)

    def _privacy_box(self, lead: str, text: str) -> None:
        """The privacy note (who sees the answers, then the data-protection notice) in the
        boxed "Privacy Note" style: consecutive paragraphs of it share one box."""
        texts = paragraphs(text) or [""]
        first = self.styled(self.document.add_paragraph(), PRIVACY)
        text_run(first, lead, self.language)
        first.runs[-1].bold = True
        text_run(first, f" {texts[0]}", self.language)
        for text in texts[1:]:
            self.paragraph(text, PRIVACY)

    def agreement(self) -> None:
        doc = self.doc
        if not doc.clauses:
            return
        title = doc.agreement_title
        self.paragraph(
            self.words("forms.agreement_titled", title=title)
            if title
            else self.words("forms.agreement"),
            HEADING,
        )
        for number, (clause_title, text) in enumerate(doc.clauses, start=1):
            self.paragraph(f"{number}. {clause_title}", CLAUSE)
            body = self.text(text)
            for paragraph in body:  # a clause stays on one page
                paragraph.paragraph_format.keep_together = True
                paragraph.paragraph_format.keep_with_next = paragraph is not body[-1]

    def section(self, section: DocumentSection) -> None:
        """A heading, the intro, then the fields' table. Kept on one page when it fits (every
        row keeps with the next); otherwise each run of fields that belong together is."""
        self.paragraph(section.title, HEADING)
        intro = self.text(section.intro, INTRO) if section.intro else []
        for paragraph in intro:
            paragraph.paragraph_format.keep_with_next = True
        table = _table(self.document)
        whole = design.keeps_whole(section)
        runs = design.keep_runs(section.fields)
        for index, run in enumerate(runs):
            for position, form_field in enumerate(run):
                row = self.row(table, form_field)
                last_of_run = position == len(run) - 1
                last = last_of_run and index == len(runs) - 1
                _keep_with_next(row, not last if whole else not last_of_run)
        self.styled(self.document.add_paragraph(), BODY).paragraph_format.space_after = Pt(2)

    # --- rows ---

    def row(self, table: Table, form_field: DocumentField) -> _Row:
        row = table.add_row()
        _cant_split(row)
        label_cell, answer_cell = row.cells
        if form_field.type == "checkbox":
            self._checkbox_row(label_cell.merge(answer_cell), form_field)
            return row
        _cell_shading(label_cell, design.LABEL_FILL)
        self._label(label_cell, form_field)
        height = design.answer_height_cm(form_field)
        if height:
            row.height = Cm(height)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        self._answer(answer_cell, form_field)
        return row

    def _label(self, cell: _Cell, form_field: DocumentField) -> None:
        label = cell.paragraphs[0]
        self.styled(label, LABEL)
        text_run(label, form_field.label, self.language)
        if form_field.required:
            text_run(label, " *", self.language)
        for note in self._notes(form_field):
            self.paragraph(note, NOTE, cell)

    def _notes(self, form_field: DocumentField) -> list[str]:
        """Help text, plus a prefilled value that is not one of a choice's options."""
        notes = paragraphs(form_field.help) if form_field.help else []
        if form_field.type == "choice" and form_field.value and not chosen_option(form_field):
            notes.append(self.words("forms.from_profile", value=form_field.value))
        return notes

    def _answer(self, cell: _Cell, form_field: DocumentField) -> None:
        kind, first = form_field.type, cell.paragraphs[0]
        self.styled(first, ANSWER)
        if kind == "choice":
            self._choice(cell, form_field)
        elif kind == "multi_choice":
            self._multi_choice(cell, form_field)
        elif kind == "scale":
            self._scale(cell, form_field)
        elif kind == "date":
            self._date(first, form_field)
        elif kind == "signature":
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            text_run(first, self.words("forms.sign_here"), self.language)
            self.styled(first, NOTE)
        elif form_field.value:
            text_run(first, form_field.value, self.language)

    def _date(self, paragraph: Paragraph, form_field: DocumentField) -> None:
        day = design.iso_date(form_field.value) if form_field.value else None
        control = self.controls.date(
            form_field.id,
            form_field.label,
            day,
            design.shown_value(form_field, self.words),
            self.words("forms.date_hint"),
            self.words("forms.docx_date_format"),
        )
        paragraph._p.append(control)
        if form_field.value and day is None:  # a prefilled date the picker cannot read
            text_run(paragraph, form_field.value, self.language)

    def _choice(self, cell: _Cell, form_field: DocumentField) -> None:
        options, chosen = form_field.options, chosen_option(form_field)
        if design.is_compact(form_field):
            control = self.controls.drop_down(
                form_field.id,
                form_field.label,
                options,
                chosen,
                " / ".join(options),
                values=form_field.values,
            )
            cell.paragraphs[0]._p.append(control)
            return
        names = form_field.values if form_field.has_values else design.export_names(options)
        tags = [f"{form_field.id}.{name}" for name in names]
        self._ticked_lines(cell, options, tags, [option == chosen for option in options])

    def _multi_choice(self, cell: _Cell, form_field: DocumentField) -> None:
        """A tick box per option, tick any number; each tagged as the PDF names its box."""
        tags = [design.option_box_name(form_field.id, value) for value in form_field.values]
        self._ticked_lines(cell, form_field.options, tags, [False] * len(tags))

    def _ticked_lines(
        self, cell: _Cell, texts: Sequence[str], tags: Sequence[str], ticked: Sequence[bool]
    ) -> None:
        for index, (text, tag, tick) in enumerate(zip(texts, tags, ticked, strict=True)):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            self.styled(paragraph, ANSWER)
            self._ticked_line(paragraph, tag, text, tick)

    def _ticked_line(self, paragraph: Paragraph, tag: str, text: str, ticked: bool) -> None:
        """A tick box, then `text`; wrapped lines start under the text, not under the box."""
        paragraph.paragraph_format.left_indent = Cm(0.6)
        paragraph.paragraph_format.first_line_indent = Cm(-0.6)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.6))
        paragraph._p.append(self.controls.checkbox(tag, text, ticked))
        text_run(paragraph, "\t" + text, self.language)

    def _scale(self, cell: _Cell, form_field: DocumentField) -> None:
        """Low label, five numbered tick boxes, high label: a borderless table inside the cell,
        so the scale never wraps (only its end labels can, in their own columns)."""
        scale = cell.add_table(rows=2, cols=7)
        _fixed_widths(scale, [SCALE_END, *[SCALE_STEP] * 5, SCALE_END])
        _no_borders(scale)
        numbers, boxes = scale.rows
        for number in range(1, 6):
            label = numbers.cells[number].paragraphs[0]
            self.styled(label, NOTE)
            label.alignment = WD_ALIGN_PARAGRAPH.CENTER
            text_run(label, str(number), self.language)
            box = boxes.cells[number].paragraphs[0]
            box.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title = f"{form_field.label}: {number}"
            box._p.append(self.controls.checkbox(f"{form_field.id}.{number}", title))
        for index, text, align in (
            (0, form_field.low, WD_ALIGN_PARAGRAPH.RIGHT),
            (6, form_field.high, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            end = boxes.cells[index]
            end.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = end.paragraphs[0]
            self.styled(paragraph, NOTE)
            paragraph.alignment = align
            text_run(paragraph, text, self.language)
        for row in scale.rows:
            _cant_split(row)
        numbers.cells[0].paragraphs[0].paragraph_format.keep_with_next = True
        _drop_first_paragraph(cell)

    def _checkbox_row(self, cell: _Cell, form_field: DocumentField) -> None:
        """A statement to agree to: the tick box, then the statement, across the table."""
        first = cell.paragraphs[0]
        self.styled(first, LABEL)
        label = f"{form_field.label} *" if form_field.required else form_field.label
        self._ticked_line(first, form_field.id, label, False)
        for note in paragraphs(form_field.help) if form_field.help else []:
            self.paragraph(note, NOTE, cell).paragraph_format.left_indent = Cm(0.6)


# --- tables ---------------------------------------------------------------------------------


def _table(document: DocxDocument) -> Table:
    """An empty label | answer table: fixed widths, thin grey rules, room inside the cells."""
    table = document.add_table(rows=0, cols=2)
    _fixed_widths(table, [LABEL_WIDTH, ANSWER_WIDTH])
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"):
        borders.append(border(side, design.RULE, 4))
    _insert_in_order(properties, borders, after=("w:tblStyle", "w:tblW", "w:jc", "w:tblInd"))
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("w:top", 70), ("w:left", 100), ("w:bottom", 70), ("w:right", 100)):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    _insert_in_order(
        properties, margins, after=("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellSpacing")
    )
    return table


def _fixed_widths(table: Table, widths: Sequence[Length]) -> None:
    """Column widths Word and LibreOffice both keep (a fixed layout, widths on every cell)."""
    table.autofit = False
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        _insert_in_order(properties, width, after=("w:tblStyle", "w:tblpPr", "w:tblOverlap"))
    width.set(qn("w:w"), str(sum(w.twips for w in widths)))
    width.set(qn("w:type"), "dxa")
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width  # rows added later take their cells' widths from here
    for row in table.rows:
        for cell, column_width in zip(row.cells, widths, strict=True):
            cell.width = column_width


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"):
        line = OxmlElement(side)
        line.set(qn("w:val"), "nil")
        borders.append(line)
    _insert_in_order(table._tbl.tblPr, borders, after=("w:tblStyle", "w:tblW", "w:jc", "w:tblInd"))


def _insert_in_order(
    parent: BaseOxmlElement, element: BaseOxmlElement, after: tuple[str, ...]
) -> None:
    """Insert `element` after the last of the `after` children present (Word reads the
    properties of a table in the schema's order, and refuses a file that breaks it)."""
    anchors = [child for child in parent if child.tag in {qn(name) for name in after}]
    if anchors:
        anchors[-1].addnext(element)
    else:
        parent.insert(0, element)


def _cant_split(row: _Row) -> None:
    """A row is never broken across pages (an answer box in two halves helps nobody)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.insert(0, OxmlElement("w:cantSplit"))


def _keep_with_next(row: _Row, keep: bool) -> None:
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = keep
        for table in cell.tables:  # a scale's own rows
            for inner in table.rows:
                for inner_cell in inner.cells:
                    for paragraph in inner_cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = keep


def _cell_shading(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    _insert_in_order(
        properties,
        shading(fill),
        after=("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders"),
    )


def _drop_first_paragraph(cell: _Cell) -> None:
    """Remove the empty paragraph a new cell starts with (a nested table now leads the cell;
    python-docx added the closing paragraph Word requires), and make the closing one tiny."""
    first = cell.paragraphs[0]
    first._p.getparent().remove(first._p)
    closing = cell.paragraphs[-1]
    closing.paragraph_format.space_after = Pt(0)
    closing.paragraph_format.line_spacing = Pt(2)


# --- saving -----------------------------------------------------------------------------------


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
