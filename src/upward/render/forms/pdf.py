"""A form as a fillable A4 PDF: printed text in DejaVu Sans, answers in real AcroForm fields.

The PDF is the fillable copy of a form (the DOCX is only an editable one), so every field is a
real form field named after the field's id, which lets a programme lead read answers back with
any PDF library. Layout is drawn on the canvas with a y cursor, so a field is never placed over
text and long forms flow onto new pages.

Known limit: AcroForm fields can only use the standard 14 PDF fonts, which cover Latin-1. A
prefilled value outside Latin-1 (a CJK or emoji organisation name) is therefore not put into the
field: it is printed in DejaVu next to the label instead, and the field is left empty for
corrections. Printed text is DejaVu Sans, which covers Latin, Greek and Cyrillic but not CJK
or emoji; such characters print as empty boxes rather than failing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import as_file, files

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.acroform import AcroForm
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

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
FIELD_FONT = "Helvetica"  # AcroForm fields accept only the standard 14 fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 50.0
TOP = PAGE_HEIGHT - MARGIN
BOTTOM = 60.0
WIDTH = PAGE_WIDTH - 2 * MARGIN

INK = HexColor("#1a1a1a")
MUTED = HexColor("#555555")
RULE = HexColor("#9aa5b1")
BOX_FILL = HexColor("#eef4fb")
BOX_LINE = HexColor("#3d6fa8")
FIELD_FILL = HexColor("#f7f9fc")

TEXT_HEIGHT = 20.0
LONG_TEXT_HEIGHT = 84.0
SIGNATURE_HEIGHT = 28.0
BUTTON = 11.0


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans once per process; reportlab keeps fonts in a global registry."""
    fonts = files("upward") / "fonts"
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            with as_file(fonts / filename) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
    return REGULAR, BOLD


def form_pdf(doc: FormDocument) -> bytes:
    """The form as PDF bytes; identical input gives identical bytes (`invariant=1`)."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(doc.title)
    canvas.setAuthor(doc.words("site.name"))
    canvas.setSubject(doc.header)
    canvas.setCreator("Upward")
    layout = _Layout(canvas, doc)
    layout.start_page()
    _front_matter(layout, doc)
    _agreement(layout, doc)
    for section in doc.sections:
        _section(layout, section, doc.words)
    layout.finish_page()
    canvas.save()
    return buffer.getvalue()


# --- text measuring ------------------------------------------------------------------------


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap by measured width; words wider than a line are split by character."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for word in raw.split():
            for piece in _split_long_word(word, font, size, width):
                candidate = f"{line} {piece}" if line else piece
                if line and pdfmetrics.stringWidth(candidate, font, size) > width:
                    lines.append(line)
                    line = piece
                else:
                    line = candidate
        lines.append(line)
    return lines


def _split_long_word(word: str, font: str, size: float, width: float) -> Iterator[str]:
    piece = ""
    for char in word:
        if piece and pdfmetrics.stringWidth(piece + char, font, size) > width:
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def field_value(value: str) -> str:
    """`value` if an AcroForm field can show it (Latin-1), else "" (see the module docstring)."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return ""
    return value


OPTION_JOINER = ":"
"""A multiple choice is one tick box per option, named `<field id>:<option value>`
(`availability:mon-am`): a flat name, since a PDF field's own name may not hold a period."""


def option_box_name(field_id: str, value: str) -> str:
    return f"{field_id}{OPTION_JOINER}{value}"


def radio_names(form_field: DocumentField) -> list[str]:
    """The export name of each option of a choice: its value when options have values (ids,
    safe as PDF names), else a safe name made from its label."""
    return list(form_field.values) if form_field.has_values else export_names(form_field.options)


def export_names(options: tuple[str, ...]) -> list[str]:
    """Safe, unique PDF names for radio options (reportlab does not escape names itself)."""
    names: list[str] = []
    for index, option in enumerate(options, start=1):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", option).strip("-")[:40] or f"option-{index}"
        names.append(slug if slug not in names else f"{slug}-{index}")
    return names


# --- the page cursor ---------------------------------------------------------------------


@dataclass
class _Layout:
    """A canvas with a y cursor that starts a new page whenever a block would not fit."""

    canvas: Canvas
    doc: FormDocument
    y: float = TOP
    page: int = 0

    @property
    def form(self) -> AcroForm:
        return self.canvas.acroForm

    def start_page(self) -> None:
        self.page += 1
        self.y = TOP
        if self.page > 1:
            continued = self.doc.words("forms.continued", title=self.doc.title)
            self.text_lines([continued], REGULAR, 8, 10, MUTED)
            self.y -= 6

    def finish_page(self) -> None:
        canvas = self.canvas
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, BOTTOM - 28, self.doc.footer)
        page_number = self.doc.words("forms.page", number=self.page)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, BOTTOM - 28, page_number)
        canvas.showPage()

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` points fit (blocks taller than a page just start)."""
        if self.y - height < BOTTOM and self.y < TOP - 30:
            self.finish_page()
            self.start_page()

    def text_lines(
        self,
        lines: list[str],
        font: str,
        size: float,
        leading: float,
        color: Color = INK,
        indent: float = 0.0,
    ) -> None:
        for line in lines:
            self.ensure(leading)
            self.canvas.setFont(font, size)
            self.canvas.setFillColor(color)
            self.canvas.drawString(MARGIN + indent, self.y - size, line)
            self.y -= leading

    def text(
        self,
        text: str,
        font: str = REGULAR,
        size: float = 10,
        color: Color = INK,
        indent: float = 0.0,
        after: float = 4.0,
    ) -> None:
        """Wrapped paragraphs of `text`, with a little space after each."""
        leading = size * 1.35
        for paragraph in paragraphs(text):
            lines = wrap(paragraph, font, size, WIDTH - indent)
            self.text_lines(lines, font, size, leading, color, indent)
            self.y -= after


# --- blocks ---------------------------------------------------------------------------------


def _front_matter(layout: _Layout, doc: FormDocument) -> None:
    layout.text(doc.header, REGULAR, 9, MUTED, after=6)
    layout.text(doc.title, BOLD, 18, after=6)
    layout.text(doc.summary, REGULAR, 10, after=6)
    _privacy_box(layout, doc.privacy_lead, doc.privacy_text)
    layout.text(doc.filled_by_line, REGULAR, 10, after=2)
    layout.text(doc.words("forms.when", when=doc.when), REGULAR, 10, after=2)
    layout.text(doc.return_line, BOLD, 10, after=2)
    if any(f.required for f in doc.fields):
        layout.text(doc.words("forms.required_note"), REGULAR, 9, MUTED, after=2)
    layout.y -= 8


def _privacy_box(layout: _Layout, lead: str, who_sees: str) -> None:
    """The privacy note in a tinted, ruled box, so nobody fills the form without seeing it."""
    pad, size = 8.0, 10.0
    leading = size * 1.35
    inner = WIDTH - 2 * pad
    lines = [(BOLD, line) for line in wrap(lead, BOLD, size, inner)]
    for paragraph in paragraphs(who_sees):
        lines += [(REGULAR, line) for line in wrap(paragraph, REGULAR, size, inner)]
    while lines:
        layout.ensure(leading * min(len(lines), 3) + 2 * pad)
        room = max(1, int((layout.y - BOTTOM - 2 * pad) // leading))
        chunk, lines = lines[:room], lines[room:]
        height = len(chunk) * leading + 2 * pad
        canvas = layout.canvas
        canvas.setFillColor(BOX_FILL)
        canvas.setStrokeColor(BOX_LINE)
        canvas.setLineWidth(1.2)
        canvas.rect(MARGIN, layout.y - height, WIDTH, height, stroke=1, fill=1)
        layout.y -= pad
        for font, line in chunk:
            layout.text_lines([line], font, size, leading, INK, indent=pad)
        layout.y -= pad + 10


def _agreement(layout: _Layout, doc: FormDocument) -> None:
    if not doc.clauses:
        return
    words = doc.words
    title = doc.agreement_title
    _heading(
        layout,
        words("forms.agreement_titled", title=title) if title else words("forms.agreement"),
    )
    for number, (title, text) in enumerate(doc.clauses, start=1):
        layout.ensure(11 * 1.35 + 3 * 9.5 * 1.35)
        layout.text(f"{number}. {title}", BOLD, 10.5, after=1)
        layout.text(text, REGULAR, 9.5, after=5)
    layout.y -= 6


def _heading(layout: _Layout, title: str) -> None:
    """A section heading, kept on the same page as what follows it."""
    lines = wrap(title, BOLD, 13, WIDTH)
    layout.ensure(len(lines) * 17 + 70)
    layout.text_lines(lines, BOLD, 13, 17)
    layout.canvas.setStrokeColor(RULE)
    layout.canvas.setLineWidth(0.8)
    layout.canvas.line(MARGIN, layout.y - 1, MARGIN + WIDTH, layout.y - 1)
    layout.y -= 9


def _section(layout: _Layout, section: DocumentSection, words: Words) -> None:
    _heading(layout, section.title)
    if section.intro:
        layout.text(section.intro, REGULAR, 9.5, MUTED, after=4)
    for form_field in section.fields:
        _field(layout, form_field, words)
    layout.y -= 8


# --- fields ---------------------------------------------------------------------------------


def _label_lines(form_field: DocumentField, width: float = WIDTH) -> list[str]:
    label = f"{form_field.label} *" if form_field.required else form_field.label
    return wrap(label, BOLD, 10, width)


def _notes(form_field: DocumentField, words: Words) -> list[str]:
    """Help text, plus any prefilled value the field itself cannot show."""
    notes = paragraphs(form_field.help) if form_field.help else []
    if form_field.value and _cannot_show(form_field):
        notes.append(words("forms.from_profile", value=form_field.value))
    return [line for note in notes for line in wrap(note, REGULAR, 8.5, WIDTH)]


def _cannot_show(form_field: DocumentField) -> bool:
    """A prefilled value the widget cannot hold: outside Latin-1, or not one of the options."""
    if form_field.type == "choice":
        return chosen_option(form_field) is None
    return not field_value(form_field.value)


def _field(layout: _Layout, form_field: DocumentField, words: Words) -> None:
    """Label, help, then the widget, kept together on one page."""
    if form_field.type == "checkbox":
        _checkbox(layout, form_field)
        return
    label, notes = _label_lines(form_field), _notes(form_field, words)
    layout.ensure(len(label) * 13.5 + len(notes) * 11.5 + _widget_height(form_field) + 12)
    layout.text_lines(label, BOLD, 10, 13.5)
    layout.text_lines(notes, REGULAR, 8.5, 11.5, MUTED)
    layout.y -= 3
    draw = {
        "text": _text,
        "email": _text,
        "long_text": _text,
        "date": _date,
        "choice": _choice,
        "multi_choice": _multi_choice,
        "scale": _scale,
        "signature": _signature,
    }[form_field.type]
    draw(layout, form_field, words)
    layout.y -= 12


def _widget_height(form_field: DocumentField) -> float:
    if form_field.type == "long_text":
        return LONG_TEXT_HEIGHT
    if form_field.type == "signature":
        return SIGNATURE_HEIGHT + 14
    if form_field.type == "scale":
        return _scale_height(form_field)
    if form_field.type in ("choice", "multi_choice"):
        return sum(_option_height(o) for o in form_field.options)
    return TEXT_HEIGHT


def _textfield(
    layout: _Layout,
    form_field: DocumentField,
    width: float,
    height: float,
    tooltip: str,
    multiline: bool = False,
) -> None:
    layout.form.textfield(
        name=form_field.id,
        value=field_value(form_field.value),
        tooltip=tooltip,
        x=MARGIN,
        y=layout.y - height,
        width=width,
        height=height,
        maxlen=0,  # reportlab's default caps answers at 100 characters
        fieldFlags=" ".join(
            f for f in ("multiline" if multiline else "", _required(form_field)) if f
        ),
        fontName=FIELD_FONT,
        fontSize=10,
        borderColor=RULE,
        fillColor=FIELD_FILL,
        textColor=INK,
        borderWidth=1,
    )
    layout.y -= height


def _required(form_field: DocumentField) -> str:
    return "required" if form_field.required else ""


def _text(layout: _Layout, form_field: DocumentField, words: Words) -> None:
    tooltip = form_field.label
    if form_field.type == "email":
        tooltip = words("forms.email_tooltip", label=form_field.label)
    multiline = form_field.type == "long_text"
    height = LONG_TEXT_HEIGHT if multiline else TEXT_HEIGHT
    _textfield(layout, form_field, WIDTH, height, tooltip, multiline)


def _date(layout: _Layout, form_field: DocumentField, words: Words) -> None:
    tooltip = words("forms.date_tooltip", label=form_field.label)
    top = layout.y
    _textfield(layout, form_field, 150, TEXT_HEIGHT, tooltip)
    layout.canvas.setFont(REGULAR, 8.5)
    layout.canvas.setFillColor(MUTED)
    layout.canvas.drawString(MARGIN + 158, top - 13.5, words("forms.date_format"))


def _option_height(option: str) -> float:
    return max(1, len(wrap(option, REGULAR, 10, WIDTH - 20))) * 13.5 + 3


def _choice(layout: _Layout, form_field: DocumentField, words: Words) -> None:
    """One radio button per option, with the option printed beside it, so paper copies work."""
    chosen = chosen_option(form_field)
    for option, name in zip(form_field.options, radio_names(form_field), strict=True):
        layout.ensure(_option_height(option))  # button and its text on the same page
        top = layout.y
        _radio(layout, form_field, name, option == chosen, MARGIN, top - BUTTON - 1)
        layout.text_lines(wrap(option, REGULAR, 10, WIDTH - 20), REGULAR, 10, 13.5, indent=20)
        layout.y = min(layout.y, top - _option_height(option))


def _multi_choice(layout: _Layout, form_field: DocumentField, words: Words) -> None:
    """A tick box per option, the option printed beside it; tick any number."""
    for option, value in zip(form_field.options, form_field.values, strict=True):
        layout.ensure(_option_height(option))
        top = layout.y
        layout.form.checkbox(
            name=option_box_name(form_field.id, value),
            checked=False,
            tooltip=f"{form_field.label}: {option}",
            x=MARGIN,
            y=top - BUTTON - 1,
            size=BUTTON,
            buttonStyle="check",
            borderColor=MUTED,
            fillColor=FIELD_FILL,
            textColor=INK,
            borderWidth=1,
        )
        layout.text_lines(wrap(option, REGULAR, 10, WIDTH - 20), REGULAR, 10, 13.5, indent=20)
        layout.y = min(layout.y, top - _option_height(option))


def _radio(
    layout: _Layout, form_field: DocumentField, value: str, selected: bool, x: float, y: float
) -> None:
    layout.form.radio(
        name=form_field.id,
        value=value,
        selected=selected,
        tooltip=form_field.label,
        x=x,
        y=y,
        size=BUTTON,
        buttonStyle="circle",
        shape="circle",
        fieldFlags=" ".join(f for f in ("noToggleToOff radio", _required(form_field)) if f),
        borderColor=MUTED,
        fillColor=FIELD_FILL,
        textColor=INK,
        borderWidth=1,
    )


_SCALE_SIDE = 150.0  # width of the low and high labels beside a scale
_SCALE_STEP = 34.0


def _scale_height(form_field: DocumentField) -> float:
    side = max(
        len(wrap(form_field.low, REGULAR, 9, _SCALE_SIDE - 10)) if form_field.low else 1,
        len(wrap(form_field.high, REGULAR, 9, _SCALE_SIDE - 10)) if form_field.high else 1,
    )
    return max(side * 12.0, 26.0)


def _scale(layout: _Layout, form_field: DocumentField, words: Words) -> None:
    """Five radio buttons numbered 1 to 5, the low label on the left, the high one on the right."""
    top, canvas = layout.y, layout.canvas
    canvas.setFont(REGULAR, 9)
    canvas.setFillColor(MUTED)
    for index, line in enumerate(wrap(form_field.low, REGULAR, 9, _SCALE_SIDE - 10)):
        canvas.drawRightString(MARGIN + _SCALE_SIDE - 10, top - 20 - 12 * index, line)
    right = MARGIN + _SCALE_SIDE + 5 * _SCALE_STEP
    for index, line in enumerate(wrap(form_field.high, REGULAR, 9, _SCALE_SIDE - 10)):
        canvas.drawString(right, top - 20 - 12 * index, line)
    for number in range(1, 6):
        x = MARGIN + _SCALE_SIDE + (number - 1) * _SCALE_STEP + (_SCALE_STEP - BUTTON) / 2
        canvas.setFont(REGULAR, 8.5)
        canvas.setFillColor(INK)
        canvas.drawCentredString(x + BUTTON / 2, top - 9, str(number))
        _radio(layout, form_field, str(number), False, x, top - 12 - BUTTON)
    layout.y = top - _scale_height(form_field)


def _checkbox(layout: _Layout, form_field: DocumentField) -> None:
    """A tick box with its label printed beside it, like a paper form."""
    label = _label_lines(form_field, WIDTH - 20)
    notes = [
        line for n in paragraphs(form_field.help) for line in wrap(n, REGULAR, 8.5, WIDTH - 20)
    ]
    layout.ensure(len(label) * 13.5 + len(notes) * 11.5 + 12)
    top = layout.y
    layout.form.checkbox(
        name=form_field.id,
        checked=False,
        tooltip=form_field.label,
        x=MARGIN,
        y=top - BUTTON - 1,
        size=BUTTON,
        buttonStyle="check",
        fieldFlags=_required(form_field),
        borderColor=MUTED,
        fillColor=FIELD_FILL,
        textColor=INK,
        borderWidth=1,
    )
    layout.text_lines(label, BOLD, 10, 13.5, indent=20)
    layout.text_lines(notes, REGULAR, 8.5, 11.5, MUTED, indent=20)
    layout.y -= 12


def _signature(layout: _Layout, form_field: DocumentField, words: Words) -> None:
    """A field to type a name into, over a printed line to sign on paper."""
    tooltip = words("forms.signature_tooltip", label=form_field.label)
    _textfield(layout, form_field, 300, SIGNATURE_HEIGHT, tooltip)
    canvas = layout.canvas
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1)
    canvas.line(MARGIN, layout.y - 1, MARGIN + 300, layout.y - 1)
    canvas.setFont(BOLD, 8.5)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN, layout.y - 11, words("forms.sign_here"))
    layout.y -= 14
