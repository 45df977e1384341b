"""A form as a fillable A4 PDF: printed text in Liberation Sans, answers in real AcroForm fields.

The PDF is the fillable copy of a form, so every field is a real form field named after the
field's id, which lets a programme lead read answers back with any PDF library: a choice is a
radio group whose states are the options' values (a few short options on one row, like the
Word copy's drop-down), a multiple choice a tick box per option named `<field id>:<value>`
(what `upward match` reads). The page is laid
out by reportlab's platypus: a section stays on one page when it fits on one, and when it does
not, the fields that belong together (a tick box and the signature under it, a goal and its
ratings) still do. Each page says "Page N of M".

Fonts, and why: AcroForm fields can only name the standard 14 PDF fonts, so a field's value is
in Helvetica, and any viewer that redraws a field as someone types uses Helvetica too. Printed
text is Liberation Sans, which is drawn to Helvetica's (and Arial's) measurements and shapes, so
labels and answers read as one family, and unlike Helvetica it is embedded and covers Latin,
Greek and Cyrillic. Characters it lacks (the ✍ on a signature line, some scripts) come from
DejaVu Sans. CJK and emoji print as empty boxes rather than failing. A prefilled value outside
Latin-1 (what the standard fonts can show) is not put into its field: it is printed next to the
label instead, and the field is left empty for corrections.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from functools import lru_cache, partial
from importlib.resources import as_file, files
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.acroform import AcroForm, PDFFromString
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import HRFlowable

from upward.render.forms import design
from upward.render.forms.design import export_names, option_box_name
from upward.render.forms.document import (
    DocumentField,
    DocumentSection,
    FormDocument,
    chosen_option,
    paragraphs,
)
from upward.words import Words

REGULAR = "UpwardSans"
BOLD = "UpwardSans-Bold"
FALLBACK = "UpwardSymbols"
FALLBACK_BOLD = "UpwardSymbols-Bold"
FIELD_FONT = "Helvetica"  # AcroForm fields accept only the standard 14 fonts
FONT_FILES = {
    REGULAR: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    FALLBACK: "DejaVuSans.ttf",
    FALLBACK_BOLD: "DejaVuSans-Bold.ttf",
}

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 50.0
TOP = PAGE_HEIGHT - 44
BOTTOM = 52.0  # the body stops 20 pt above the footer line
FOOTER = 32.0  # the footer's baseline, 11 mm from the bottom edge: inside any printer's reach
WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = TOP - BOTTOM


def _color(hex_value: str) -> Color:
    return HexColor(f"#{hex_value}")


INK = _color(design.INK)
MUTED = _color(design.MUTED)
ACCENT = _color(design.ACCENT)
RULE = _color(design.RULE)
BOX_FILL = _color(design.BOX_FILL)
BOX_LINE = _color(design.BOX_LINE)
FIELD_FILL = _color(design.FIELD_FILL)

VALUE_SIZE = 10.0  # field values, in Helvetica
TEXT_FIELD_LOOK = {
    "fontName": FIELD_FONT,
    "fontSize": VALUE_SIZE,
    "borderColor": RULE,
    "fillColor": FIELD_FILL,
    "textColor": INK,
    "borderWidth": 1,
    "relative": True,
}
"""How every text field is drawn (answers and the signature line alike)."""
LINE_HEIGHT = 12.0  # one line of a multi-line field (reportlab draws at 1.2 x the size)
TEXT_HEIGHT = 20.0
SHORT_WIDTH = 120.0  # "6", "P07", "monthly"
DATE_WIDTH = 180.0  # "Wednesday 29 September 2027" in Helvetica 10
SIGNATURE_WIDTH = 280.0
SIGNATURE_HEIGHT = 30.0
BUTTON = 11.0
INDENT = 20.0  # text beside a button or a tick box
FIELD_GAP = 8.0  # between one field and the next
CAP_MIDDLE = 3.6  # half the cap height of 10 pt text: where a button's centre lines up


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the fonts once per process; reportlab keeps fonts in a global registry."""
    fonts = files("upward") / "fonts"
    for name, filename in FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            with as_file(fonts / filename) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
    for regular, bold in ((REGULAR, BOLD), (FALLBACK, FALLBACK_BOLD)):  # so <b> finds the bold
        registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    return REGULAR, BOLD


def form_pdf(doc: FormDocument) -> bytes:
    """The form as PDF bytes; identical input gives identical bytes (`invariant=1`)."""
    register_fonts()
    buffer = io.BytesIO()
    template = _Template(buffer, doc)
    template.build(_story(doc), canvasmaker=partial(_Canvas, page_label=_page_label(doc)))
    return buffer.getvalue()


# --- text ------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _glyphs(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def markup(text: str, bold: bool = False) -> str:
    """Plain text as Paragraph markup: escaped (profile text is data, never markup), line
    breaks kept, and characters Liberation Sans lacks set in DejaVu Sans."""
    covered = _glyphs(BOLD if bold else REGULAR)
    fallback = FALLBACK_BOLD if bold else FALLBACK
    parts = []
    for has_glyph, chars in itertools.groupby(text, lambda c: c.isspace() or ord(c) in covered):
        chunk = escape("".join(chars)).replace("\n", "<br/>")
        parts.append(chunk if has_glyph else f'<font face="{fallback}">{chunk}</font>')
    return "".join(parts)


def _style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
    extra.setdefault("fontName", REGULAR)
    extra.setdefault("textColor", INK)
    return ParagraphStyle(name, fontSize=size, leading=leading, **extra)


STYLES = {
    "header": _style("header", 8.5, 11, textColor=MUTED, spaceAfter=3),
    "title": _style("title", 20, 24, fontName=BOLD, textColor=ACCENT, spaceAfter=6),
    "body": _style("body", 10, 13.5, spaceAfter=4),
    "small": _style("small", 9, 12, textColor=MUTED, spaceAfter=2),
    "box": _style("box", 9, 12.2),  # a long notice: the size of the help under a question
    "heading": _style("heading", 13, 16, fontName=BOLD, textColor=ACCENT, spaceBefore=10),
    "intro": _style("intro", 9.5, 12.8, textColor=MUTED, spaceAfter=5),
    "clause": _style("clause", 10.5, 14, fontName=BOLD, spaceBefore=4, spaceAfter=1),
    "clause_text": _style("clause_text", 9.5, 12.8, spaceAfter=3),
    "label": _style("label", 10, 13, fontName=BOLD),
    "help": _style("help", 8.5, 11, textColor=MUTED),
    "option": _style("option", 10, 13),
    "scale_low": _style("scale_low", 9, 11, textColor=MUTED, alignment=2),
    "scale_high": _style("scale_high", 9, 11, textColor=MUTED),
    "hint": _style("hint", 8.5, 11, textColor=MUTED),
}


def _para(text: str, style: str, bold: bool = False) -> Paragraph:
    return Paragraph(markup(text, bold or STYLES[style].fontName == BOLD), STYLES[style])


def _paras(text: str, style: str) -> list[Paragraph]:
    return [_para(paragraph, style) for paragraph in paragraphs(text)]


# --- values --------------------------------------------------------------------------------


def field_value(value: str) -> str:
    """`value` if an AcroForm field can show it (Latin-1), else "" (see the module docstring)."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return ""
    return value


def _cannot_show(form_field: DocumentField, words: Words) -> bool:
    """A prefilled value the widget cannot hold: outside Latin-1, or not one of the options."""
    if form_field.type == "choice":
        return chosen_option(form_field) is None
    return not field_value(design.shown_value(form_field, words))


def radio_names(form_field: DocumentField) -> list[str]:
    """The export name of each option of a choice: its value when options have values (ids,
    safe as PDF names), else a safe name made from its label."""
    return list(form_field.values) if form_field.has_values else export_names(form_field.options)


# --- the page --------------------------------------------------------------------------------


def _page_label(doc: FormDocument) -> Callable[[int, int], str]:
    return lambda number, total: doc.words("forms.page", number=number, total=total)


class _Fields(AcroForm):
    """reportlab's AcroForm with round buttons drawn where they are. reportlab 5.1 draws a
    circle button scaled by size/20 from its lower-left corner, so an 11 pt button showed a
    6 pt circle off-centre with a pinhead of a dot. Here the ring fills the box and the dot is
    half its width."""

    def checkboxAP(self, key: str, value: str, **style: Any) -> Any:
        if style.get("shape") != "circle":
            return super().checkboxAP(key, value, **style)
        size = style.get("size", 20)
        width = style.get("borderWidth") or 0
        half = size / 2
        ops = []
        fill, border, ink = style.get("fillColor"), style.get("borderColor"), style.get("textColor")
        if fill is not None:
            ops += ["q", self.streamFillColor(fill), _circle(half, half), "f", "Q"]
        if border is not None and width:
            ops += ["q", self.streamStrokeColor(border), f"{width:g} w"]
            ops += [_circle(half, half - width / 2), "s", "Q"]
        if value == "Yes":
            ops += ["q", self.streamFillColor(ink or INK), _circle(half, size / 4), "f", "Q"]
        return self.makeStream(
            size, size, "\n".join(ops), Resources=PDFFromString("<< /ProcSet [/PDF] >>")
        )


def _circle(centre: float, radius: float) -> str:
    """A circle as four Bézier curves (the usual 0.5523 control-point approximation)."""
    k = 0.5523 * radius
    c, r = centre, radius
    points = [
        (c + r, c + k, c + k, c + r, c, c + r),
        (c - k, c + r, c - r, c + k, c - r, c),
        (c - r, c - k, c - k, c - r, c, c - r),
        (c + k, c - r, c + r, c - k, c + r, c),
    ]
    curves = [" ".join(f"{v:.3f}" for v in p) + " c" for p in points]
    return "\n".join([f"{c + r:.3f} {c:.3f} m", *curves])


class _Canvas(Canvas):
    """A canvas whose form fields use `_Fields`, and whose pages learn their total at the end:
    each page draws a named form ("page-3") that `save` defines once the page count is known,
    so "Page 3 of 5" takes one pass."""

    def __init__(self, *args: Any, page_label: Callable[[int, int], str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._page_label = page_label

    @property
    def acroForm(self) -> AcroForm:
        if not hasattr(self, "AcroForm"):
            self.AcroForm = _Fields(self)
            self._doc._catalog.AcroForm = self.AcroForm
        return self.AcroForm

    def save(self) -> None:
        total = self.getPageNumber() - 1  # the last page has been shown
        for number in range(1, total + 1):
            self.beginForm(f"page-{number}")
            self.setFont(REGULAR, 8)
            self.setFillColor(MUTED)
            label = self._page_label(number, total)
            self.drawRightString(PAGE_WIDTH - MARGIN, FOOTER, label)
            self.endForm()
        super().save()


class _Template(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, doc: FormDocument):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=PAGE_HEIGHT - TOP,
            bottomMargin=BOTTOM,
            title=doc.title,
            author=doc.words("site.name"),
            subject=doc.header,
            creator="Upward",
            producer="Upward",
            invariant=1,
            pageCompression=1,
            lang=design.language_tag(doc.words),
            initialFontName=REGULAR,  # else every page lists Helvetica, which it never uses
        )
        self.form = doc
        frame = Frame(MARGIN, BOTTOM, WIDTH, FRAME_HEIGHT, id="body", **_NO_PADDING)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def _decorate(self, canvas: Canvas, _: Any) -> None:
        """The running header from page 2 (who the form is for, the title), shortened to one
        line (page 1 prints both in full), and on every page the licence line and "Page N of
        M"."""
        doc, number = self.form, canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        if number > 1:
            continued = doc.words("forms.continued", title=doc.title)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 32, _fit(doc.header, WIDTH * 0.55))
            canvas.drawRightString(
                PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 32, _fit(continued, WIDTH * 0.4)
            )
        canvas.drawString(MARGIN, FOOTER, doc.footer)
        canvas.doForm(f"page-{number}")
        canvas.restoreState()


_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


def _fit(text: str, width: float) -> str:
    """A header line shortened with an ellipsis to fit `width` (it is printed in full on page 1)."""
    if pdfmetrics.stringWidth(text, REGULAR, 8) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", REGULAR, 8) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _Block(KeepTogether):
    """Flowables kept on one page when they fit on one; otherwise they flow on, and the blocks
    inside them keep themselves together. Two changes to reportlab's KeepTogether, which
    measures a nested KeepTogether as 16 million points tall (so an outer one always thought
    itself too tall) and skips to a new page even when its content cannot fit on any."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        heights = [_height(f, available_width, self.canv) for f in self._content]
        self._H, self._H0 = sum(heights), (heights[0] if heights else 0)
        self._wrapInfo = available_width, available_height
        return available_width, 0xFFFFFF  # too tall on purpose: the frame asks for a split

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        if self._H > FRAME_HEIGHT:
            parts = list(self._content)
        else:
            parts = super().split(available_width, available_height)
        if not parts or not isinstance(parts[0], ActionFlowable):
            parts.insert(0, self.NullActionFlowable())  # then the rest go back one by one
        return parts


def _height(flowable: Flowable, width: float, canvas: Canvas) -> float:
    """The height a flowable takes, with the space around it (nested blocks: their content's)."""
    if isinstance(flowable, _Block):
        return sum(_height(f, width, canvas) for f in flowable._content)
    height = flowable.wrapOn(canvas, width, 0xFFFFFFF)[1]
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


# --- the story -------------------------------------------------------------------------------


def _story(doc: FormDocument) -> list[Flowable]:
    words = doc.words
    story: list[Flowable] = [
        _para(doc.header, "header"),
        _para(doc.title, "title"),
        *_paras(doc.summary, "body"),
    ]
    story.append(_privacy_box(doc.privacy_lead, doc.privacy_text))
    story.append(_para(doc.filled_by_line, "body"))
    story.append(_para(words("forms.when", when=doc.when), "body"))
    if doc.return_line:
        story.append(_para(doc.return_line, "body", bold=True))
    if any(f.required for f in doc.fields):
        story.append(_para(words("forms.required_note"), "small"))
    story += _agreement(doc)
    story += [flowable for section in doc.sections for flowable in _section(section, words)]
    return story


def _privacy_box(lead: str, text: str) -> Table:
    """The privacy note (who sees the answers, then the data-protection notice) in a tinted,
    ruled box near the top, so nobody fills the form in without seeing it. One row per
    paragraph, so a long note can run onto the next page."""
    texts = paragraphs(text) or [""]
    first = f"<b>{markup(lead, bold=True)}</b> {markup(texts[0])}"
    rows = [[Paragraph(first, STYLES["box"])]] + [[_para(t, "box")] for t in texts[1:]]
    table = Table(rows, colWidths=[WIDTH], hAlign="LEFT", spaceBefore=4, spaceAfter=8)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 10),  # a table's own font is Helvetica
                ("BACKGROUND", (0, 0), (-1, -1), BOX_FILL),
                ("BOX", (0, 0), (-1, -1), 1.2, BOX_LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return table


def _heading(title: str) -> list[Flowable]:
    rule = HRFlowable(width="100%", thickness=0.8, color=RULE, spaceBefore=2, spaceAfter=8)
    return [_para(title, "heading"), rule]


def _agreement(doc: FormDocument) -> list[Flowable]:
    if not doc.clauses:
        return []
    words = doc.words
    title = doc.agreement_title
    heading = _heading(
        words("forms.agreement_titled", title=title) if title else words("forms.agreement")
    )
    clauses = [
        _Block([_para(f"{number}. {title}", "clause"), *_paras(text, "clause_text")])
        for number, (title, text) in enumerate(doc.clauses, start=1)
    ]
    return [_Block([*heading, clauses[0]]), *clauses[1:], Spacer(1, 6)]


def _section(section: DocumentSection, words: Words) -> list[Flowable]:
    """A section on one page when `keeps_whole` says so; else its runs of fields (see
    `keep_runs`) each on one page, the heading with the first. Small answers (a number, a
    date, a signature and its date) share a row."""
    runs: list[list[Flowable]] = []
    previous: DocumentField | None = None
    for unit in _rows(section.fields):
        flowables = _field(unit[0], words) if len(unit) == 1 else _row(unit, words)
        if runs and previous and design.stays_with(previous, unit[0]):
            runs[-1] += flowables
        else:
            runs.append(flowables)
        previous = unit[-1]
    head = _heading(section.title) + (_paras(section.intro, "intro") if section.intro else [])
    blocks = [_Block([*head, *runs[0]]), *(_Block(run) for run in runs[1:]), Spacer(1, 4)]
    return [_Block(blocks)] if design.keeps_whole(section) else blocks


# --- fields --------------------------------------------------------------------------------

ROW_GAP = 24.0


def _natural_width(form_field: DocumentField) -> float | None:
    """The width of a field's box when it is small enough to share a row, else None."""
    if form_field.type == "date":
        return DATE_WIDTH
    if form_field.type == "signature":
        return SIGNATURE_WIDTH
    if form_field.type in ("text", "email") and design.answer_size(form_field) == "short":
        return SHORT_WIDTH + 20  # a little room for a label of a few words
    if design.is_compact(form_field):  # its buttons' row, or room for a label of a few words
        return max(_OptionRow.row_width(form_field.options), SHORT_WIDTH + 20)
    return None


def _rows(fields: tuple[DocumentField, ...]) -> list[tuple[DocumentField, ...]]:
    """Fields in rows: neighbours with small boxes side by side while they fit the width."""
    rows: list[list[DocumentField]] = []
    used = 0.0
    for form_field in fields:
        width = _natural_width(form_field)
        last = rows[-1] if rows else []
        if width and last and _natural_width(last[-1]) and used + ROW_GAP + width <= WIDTH:
            last.append(form_field)
            used += ROW_GAP + width
        else:
            rows.append([form_field])
            used = width or WIDTH
    return [tuple(row) for row in rows]


def _row(fields: tuple[DocumentField, ...], words: Words) -> list[Flowable]:
    """Small fields side by side, their boxes lined up along the bottom."""
    widths = [(_natural_width(f) or 0) + ROW_GAP for f in fields[:-1]]
    widths.append(WIDTH - sum(widths))
    cells = [[*_head(f, words), _widget(f, words)] for f in fields]
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *_CELL_PADDING]))
    return [table, Spacer(1, FIELD_GAP)]


_CELL_PADDING = [
    ("FONT", (0, 0), (-1, -1), REGULAR, 10),  # a table's own font is Helvetica
    *((f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")),
]


def _field(form_field: DocumentField, words: Words) -> list[Flowable]:
    """Label, help and the widget, then space before the next field."""
    if form_field.type == "checkbox":
        return [_Checkbox(form_field), Spacer(1, FIELD_GAP)]
    head = _head(form_field, words)
    if form_field.type in ("choice", "multi_choice") and not design.is_compact(form_field):
        options = _options(form_field)
        body: list[Flowable] = [_Block([*head, options[0]]), *options[1:]]
    else:
        body = [*head, _widget(form_field, words)]
    return [*body, Spacer(1, FIELD_GAP)]


def _options(form_field: DocumentField) -> list[Flowable]:
    """A choice's radio buttons (one answer), or a multiple choice's tick boxes (any number),
    each with its option beside it."""
    if form_field.type == "multi_choice":
        return [
            _Option(form_field, option, option_box_name(form_field.id, value), False, tick=True)
            for option, value in zip(form_field.options, form_field.values, strict=True)
        ]
    chosen = chosen_option(form_field)
    return [
        _Option(form_field, option, name, option == chosen)
        for option, name in zip(form_field.options, radio_names(form_field), strict=True)
    ]


def _head(form_field: DocumentField, words: Words) -> list[Flowable]:
    head: list[Flowable] = [_para(_label(form_field), "label")]
    head += [_para(note, "help") for note in _notes(form_field, words)]
    return [*head, Spacer(1, 3)]


def _label(form_field: DocumentField) -> str:
    return f"{form_field.label} *" if form_field.required else form_field.label


def _notes(form_field: DocumentField, words: Words) -> list[str]:
    """Help text, plus any prefilled value the field itself cannot show."""
    notes = paragraphs(form_field.help) if form_field.help else []
    if form_field.value and _cannot_show(form_field, words):
        notes.append(words("forms.from_profile", value=form_field.value))
    return notes


def _widget(form_field: DocumentField, words: Words) -> Flowable:
    kind = form_field.type
    if kind == "scale":
        return _Scale(form_field)
    if kind == "signature":
        return _Signature(form_field, words)
    if design.is_compact(form_field):
        return _OptionRow(form_field, radio_names(form_field), chosen_option(form_field))
    value = field_value(design.shown_value(form_field, words))
    if kind == "date":
        tooltip = words("forms.date_tooltip", label=form_field.label)
        return _TextField(form_field, value, tooltip, DATE_WIDTH, hint=words("forms.date_hint"))
    tooltip = form_field.label
    if kind == "email":
        tooltip = words("forms.email_tooltip", label=form_field.label)
    if design.is_multiline(form_field):
        height = design.answer_lines(form_field) * LINE_HEIGHT + 10
        return _TextField(form_field, value, tooltip, WIDTH, height, multiline=True)
    width = SHORT_WIDTH if design.answer_size(form_field) == "short" else WIDTH
    return _TextField(form_field, value, tooltip, width)


def _flags(form_field: DocumentField, *flags: str) -> str:
    return " ".join(f for f in (*flags, "required" if form_field.required else "") if f)


class _TextField(Flowable):
    """A text field of a given size, with an optional grey hint to its right."""

    def __init__(
        self,
        form_field: DocumentField,
        value: str,
        tooltip: str,
        width: float,
        height: float = TEXT_HEIGHT,
        multiline: bool = False,
        hint: str = "",
    ):
        super().__init__()
        self.form_field, self.value, self.tooltip = form_field, value, tooltip
        self.box_width, self.box_height = width, height
        self.multiline, self.hint = multiline, hint

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.box_width = min(self.box_width, available_width)
        self.hint_below = 0.0
        if self.hint:
            self.hint_para = _para(self.hint, "hint")
            beside = available_width - self.box_width - 10
            if beside < 120:  # no room beside the box: under it
                self.hint_below = self.hint_para.wrap(available_width, available_height)[1] + 2
            else:
                self.hint_para.wrap(beside, available_height)
        self.width, self.height = available_width, self.box_height + self.hint_below
        return self.width, self.height

    def draw(self) -> None:
        self.canv.acroForm.textfield(
            name=self.form_field.id,
            value=self.value,
            tooltip=self.tooltip,
            x=0,
            y=self.hint_below,
            width=self.box_width,
            height=self.box_height,
            maxlen=0,  # reportlab's default caps answers at 100 characters
            fieldFlags=_flags(self.form_field, "multiline" if self.multiline else ""),
            **TEXT_FIELD_LOOK,
        )
        if self.hint and self.hint_below:
            self.hint_para.drawOn(self.canv, 0, 0)
        elif self.hint:  # its first line centred on the box
            top = self.box_height / 2 + 8.5 - 3
            self.hint_para.drawOn(self.canv, self.box_width + 10, top - self.hint_para.height)


def _radio(
    canvas: Canvas, form_field: DocumentField, value: str, selected: bool, x: float, y: float
) -> None:
    canvas.acroForm.radio(
        name=form_field.id,
        value=value,
        selected=selected,
        tooltip=form_field.label,
        x=x,
        y=y,
        size=BUTTON,
        buttonStyle="circle",
        shape="circle",
        fieldFlags=_flags(form_field, "noToggleToOff radio"),
        borderColor=MUTED,
        fillColor=FIELD_FILL,
        textColor=INK,
        borderWidth=1,
        relative=True,
    )


class _Option(Flowable):
    """One radio button of a choice with its option beside it, centred on the first line; or,
    with `tick`, one tick box of a multiple choice, a field of its own named `name`."""

    def __init__(
        self,
        form_field: DocumentField,
        option: str,
        name: str,
        selected: bool,
        tick: bool = False,
    ):
        super().__init__()
        self.form_field, self.name, self.selected, self.tick = form_field, name, selected, tick
        self.option = option
        self.text = _para(option, "option")

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, height = self.text.wrap(available_width - INDENT, available_height)
        self.text_height = height
        self.width, self.height = available_width, height + 4
        return self.width, self.height

    def draw(self) -> None:
        top = self.text_height + 4
        self.text.drawOn(self.canv, INDENT, top - self.text_height)
        centre = top - STYLES["option"].fontSize + CAP_MIDDLE
        if self.tick:
            self.canv.acroForm.checkbox(
                name=self.name,
                checked=self.selected,
                tooltip=f"{self.form_field.label}: {self.option}",
                x=0,
                y=centre - BUTTON / 2,
                size=BUTTON,
                buttonStyle="check",
                borderColor=MUTED,
                fillColor=FIELD_FILL,
                textColor=INK,
                borderWidth=1,
                relative=True,
            )
            return
        _radio(self.canv, self.form_field, self.name, self.selected, 0, centre - BUTTON / 2)


class _OptionRow(Flowable):
    """A compact choice's radio buttons on one row, each option beside its button, as a paper
    form prints "( ) Yes  ( ) Not sure  ( ) No"; stacked like any choice if the row would not
    fit the width."""

    GAP = 18.0  # between one option and the next button

    def __init__(self, form_field: DocumentField, names: list[str], chosen: str | None):
        super().__init__()
        self.form_field, self.names, self.chosen = form_field, names, chosen
        self.texts = [_para(option, "option") for option in form_field.options]

    @staticmethod
    def _option_width(option: str) -> float:
        return pdfmetrics.stringWidth(option, REGULAR, STYLES["option"].fontSize) + 1

    @classmethod
    def row_width(cls, options: tuple[str, ...]) -> float:
        """The width of the buttons and their options on one row."""
        return sum(INDENT + cls._option_width(o) + cls.GAP for o in options) - cls.GAP

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.lefts, x = [], 0.0
        for option, text in zip(self.form_field.options, self.texts, strict=True):
            self.lefts.append(x)
            width = self._option_width(option)
            text.wrap(width, available_height)
            x += INDENT + width + self.GAP
        self.one_row = x - self.GAP <= available_width
        if not self.one_row:  # as a stack, one option a line
            self.stack = [
                _Option(self.form_field, option, name, option == self.chosen)
                for option, name in zip(self.form_field.options, self.names, strict=True)
            ]
            heights = [o.wrap(available_width, available_height)[1] for o in self.stack]
            self.width, self.height = available_width, sum(heights)
            return self.width, self.height
        self.width = available_width
        self.height = max(text.height for text in self.texts) + 4
        return self.width, self.height

    def draw(self) -> None:
        if not self.one_row:
            y = self.height
            for option in self.stack:
                y -= option.height
                option.drawOn(self.canv, 0, y)
            return
        top = self.height
        centre = top - STYLES["option"].fontSize + CAP_MIDDLE
        options = zip(self.form_field.options, self.names, self.texts, self.lefts, strict=True)
        for option, name, text, left in options:
            text.drawOn(self.canv, left + INDENT, top - text.height)
            selected = option == self.chosen
            _radio(self.canv, self.form_field, name, selected, left, centre - BUTTON / 2)


_SCALE_STEP = 36.0
_SCALE_END = 140.0  # room for the low and the high label either side of the five buttons


class _Scale(Flowable):
    """Five radio buttons numbered 1 to 5, the low label on the left and the high on the
    right, on one row that never wraps (the end labels wrap in their own room)."""

    NUMBERS = 12.0  # room for the numbers above the buttons

    def __init__(self, form_field: DocumentField):
        super().__init__()
        self.form_field = form_field
        self.low = _para(form_field.low, "scale_low") if form_field.low else None
        self.high = _para(form_field.high, "scale_high") if form_field.high else None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        ends = [p.wrap(_SCALE_END - 12, available_height)[1] for p in (self.low, self.high) if p]
        below_centre = max(ends, default=0) - 5.8  # an end label's first line sits on the centre
        self.width = available_width
        self.height = self.NUMBERS + BUTTON / 2 + max(BUTTON / 2, below_centre) + 2
        return self.width, self.height

    def draw(self) -> None:
        canvas, top = self.canv, self.height
        centre = top - self.NUMBERS - BUTTON / 2
        label_top = centre + 5.8  # 9 pt text whose first line is centred on the buttons
        if self.low:
            self.low.drawOn(canvas, 0, label_top - self.low.height)
        for number in range(1, 6):
            x = _SCALE_END + (number - 1) * _SCALE_STEP + (_SCALE_STEP - BUTTON) / 2
            canvas.setFont(REGULAR, 8.5)
            canvas.setFillColor(INK)
            canvas.drawCentredString(x + BUTTON / 2, top - 8, str(number))
            _radio(canvas, self.form_field, str(number), False, x, centre - BUTTON / 2)
        if self.high:
            self.high.drawOn(
                canvas, _SCALE_END + 5 * _SCALE_STEP + 12, label_top - self.high.height
            )


class _Checkbox(Flowable):
    """A tick box with its label and help beside it, like a paper form."""

    def __init__(self, form_field: DocumentField):
        super().__init__()
        self.form_field = form_field
        self.texts = [_para(_label(form_field), "label")]
        self.texts += _paras(form_field.help, "help") if form_field.help else []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        heights = [p.wrap(available_width - INDENT, available_height)[1] for p in self.texts]
        self.width, self.height = available_width, sum(heights)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        centre = y - STYLES["label"].fontSize + CAP_MIDDLE
        self.canv.acroForm.checkbox(
            name=self.form_field.id,
            checked=False,
            tooltip=self.form_field.label,
            x=0,
            y=centre - BUTTON / 2,
            size=BUTTON,
            buttonStyle="check",
            fieldFlags=_flags(self.form_field),
            borderColor=MUTED,
            fillColor=FIELD_FILL,
            textColor=INK,
            borderWidth=1,
            relative=True,
        )
        for paragraph in self.texts:
            y -= paragraph.height
            paragraph.drawOn(self.canv, INDENT, y)


class _Signature(Flowable):
    """A field to type a name into, over a printed line to sign on paper."""

    def __init__(self, form_field: DocumentField, words: Words):
        super().__init__()
        self.form_field = form_field
        self.tooltip = words("forms.signature_tooltip", label=form_field.label)
        self.note = _para(words("forms.sign_here"), "hint")

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.note.wrap(SIGNATURE_WIDTH, available_height)
        self.width, self.height = available_width, SIGNATURE_HEIGHT + 3 + self.note.height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        bottom = self.note.height + 3
        canvas.acroForm.textfield(
            name=self.form_field.id,
            value="",
            tooltip=self.tooltip,
            x=0,
            y=bottom,
            width=SIGNATURE_WIDTH,
            height=SIGNATURE_HEIGHT,
            maxlen=0,
            fieldFlags=_flags(self.form_field),
            **TEXT_FIELD_LOOK,
        )
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1)
        canvas.line(0, bottom, SIGNATURE_WIDTH, bottom)
        self.note.drawOn(canvas, 0, 0)
