"""The Word template of every form, built in code: page, styles, language, header and footer.

Why in code rather than a .docx shipped as package data: every measure and colour sits here in
plain sight, next to the PDF's (both come from `design`), a change shows up in review as a
readable diff instead of a binary blob, and the output stays byte-for-byte reproducible. The
starting point is python-docx's own template; every style a form uses is rewritten from scratch
(python-docx's carry Word 2010's blue Cambria headings and theme fonts), and the parts a form
does not need are dropped (a thumbnail of an empty page, the "Microsoft Macintosh Word"
properties, a second copy of the styles in US English, a custom XML item).

The document language is the words' locale (en-GB): on the defaults, on every style and, by
the writer, on every run, so Word checks "programme" and "organisation" as British English.
"""

from __future__ import annotations

import io
import string
from functools import lru_cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

from upward.render.forms import design
from upward.render.forms.document import FormDocument

FONT = "Arial"  # on every Windows and Mac; LibreOffice shows Liberation Sans, drawn to its measures
SYMBOL_FONT = "MS Gothic"  # what Word itself uses for content-control tick boxes
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN = Cm(2.0)
TOP_MARGIN = BOTTOM_MARGIN = Cm(1.8)
TEXT_WIDTH = Emu(PAGE_WIDTH - 2 * MARGIN)

TITLE, HEADING, CLAUSE = "Title", "Heading 1", "Heading 2"
BODY, INTRO, NOTE = "Normal", "Form Intro", "Form Note"
LABEL, ANSWER = "Form Label", "Form Answer"
PRIVACY, PLACEHOLDER = "Privacy Note", "Placeholder Text"
HEADER, FOOTER = "Header", "Footer"

DROPPED_PARTS = ("thumbnail", "extended-properties", "stylesWithEffects", "customXml")


def new_document(doc: FormDocument) -> DocxDocument:
    """An empty A4 document with the form's styles, language, header and footer."""
    language = design.language_tag(doc.words)
    document = Document(io.BytesIO(_designed_template(language)))
    _header_and_footer(document, doc, language)
    return document


@lru_cache(maxsize=4)
def _designed_template(language: str) -> bytes:
    """The page, styles and language every form in `language` shares, as a saved .docx: made
    once per process and opened afresh for each form (some 17 ms a form less than trimming
    python-docx's template of 160 styles each time; the forms' bytes are the same)."""
    document = Document()
    _drop_unused_parts(document)
    _drop_unused_styles(document)
    _defaults(document, language)
    _styles(document, language)
    _page(document)
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _drop_unused_parts(document: DocxDocument) -> None:
    """Parts of python-docx's template a form does not need; unreferenced, they are not saved."""
    for rels in (document.part.package.rels, document.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DROPPED_PARTS:
                rels.pop(r_id)
    settings = document.settings.element
    for name in ("w:attachedTemplate", "w:savePreviewPicture"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":  # Word 2013 and later, so Word
            setting.set(qn("w:val"), "15")  # does not open the form in "Compatibility Mode"
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:  # open at 100 %, not "best fit"
        zoom.attrib.clear()
        zoom.set(qn("w:percent"), "100")


KEPT_STYLES = {TITLE, HEADING, CLAUSE, BODY, HEADER, FOOTER}


def _drop_unused_styles(document: DocxDocument) -> None:
    """Keep only the styles a form uses (and the defaults Word needs): python-docx's template
    brings some 160 from Word 2010, which a person adapting the form would have to wade
    through, and every style python-docx looks up is found by walking all of them."""
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        kept = name is not None and name.get(qn("w:val")).lower() in {
            s.lower() for s in KEPT_STYLES
        }
        if not kept and style.get(qn("w:default")) != "1":
            root.remove(style)
        for link in style.findall(qn("w:link")):  # its "Char" twin is gone
            style.remove(link)


def _defaults(document: DocxDocument, language: str) -> None:
    """The document defaults every style starts from: Arial 10 pt, the form's language."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _replace_children(run, [_fonts(FONT), _val("w:sz", 20), _val("w:szCs", 20), _lang(language)])
    paragraph = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _replace_children(paragraph, [_spacing(before=0, after=80, line=264)])
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:  # changed in place: Word insists on the settings' order
        for name in ("w:val", "w:eastAsia", "w:bidi"):
            theme_language.set(qn(name), language)


def _styles(document: DocxDocument, language: str) -> None:
    """Every style a form uses, defined in full (nothing inherited from the theme)."""
    ink, muted, accent = design.INK, design.MUTED, design.ACCENT
    _paragraph_style(document, BODY, language, size=10, color=ink)
    _paragraph_style(
        document, TITLE, language, size=20, bold=True, color=accent, after=4, keep_next=True
    )
    _paragraph_style(
        document,
        HEADING,
        language,
        size=13,
        bold=True,
        color=accent,
        before=16,
        after=6,
        keep_next=True,
        outline=0,
        border_below=design.RULE,
    )
    _paragraph_style(
        document,
        CLAUSE,
        language,
        size=10.5,
        bold=True,
        color=ink,
        before=8,
        keep_next=True,
        after=1,
        outline=1,
    )
    _paragraph_style(document, INTRO, language, size=9.5, color=muted, after=4)
    _paragraph_style(document, NOTE, language, size=8.5, color=muted, after=0)
    _paragraph_style(document, LABEL, language, size=10, bold=True, color=ink, after=0)
    _paragraph_style(document, ANSWER, language, size=10, color=ink, after=0)
    privacy = _paragraph_style(
        document, PRIVACY, language, size=9, color=ink, before=6, after=10, box=True
    )
    privacy.paragraph_format.keep_together = True
    for name in (HEADER, FOOTER):
        style = _paragraph_style(document, name, language, size=8, color=muted, after=0)
        style.paragraph_format.tab_stops.clear_all()
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _character_style(document, PLACEHOLDER, language, color=muted)


def _style(document: DocxDocument, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    try:
        return document.styles[name]
    except KeyError:
        return document.styles.add_style(name, kind)


def _paragraph_style(
    document: DocxDocument,
    name: str,
    language: str,
    *,
    size: float,
    color: str,
    bold: bool = False,
    before: float = 0,
    after: float = 4,
    keep_next: bool = False,
    outline: int | None = None,
    border_below: str | None = None,
    box: bool = False,
) -> BaseStyle:
    style = _style(document, name, WD_STYLE_TYPE.PARAGRAPH)
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    if name != BODY:
        style.base_style = document.styles[BODY]
        style.next_paragraph_style = document.styles[BODY]
    style.quick_style = True
    paragraph = OxmlElement("w:pPr")
    if keep_next:
        paragraph.append(OxmlElement("w:keepNext"))
        paragraph.append(OxmlElement("w:keepLines"))
    if border_below or box:
        paragraph.append(_borders(border_below, box))
    if box:
        paragraph.append(shading(design.BOX_FILL))
    paragraph.append(_spacing(before=before * 20, after=after * 20, line=264))
    if box:  # the text inset, so the box's border sits on the margins
        paragraph.append(_indent(left=170, right=170))
    if outline is not None:
        paragraph.append(_val("w:outlineLvl", outline))
    element.append(paragraph)
    element.append(_run_properties(language, size=size, color=color, bold=bold))
    return style


def _character_style(document: DocxDocument, name: str, language: str, *, color: str) -> None:
    style = _style(document, name, WD_STYLE_TYPE.CHARACTER)
    for old in style.element.findall(qn("w:rPr")):
        style.element.remove(old)
    properties = OxmlElement("w:rPr")
    properties.append(_val("w:color", color))
    properties.append(_lang(language))
    style.element.append(properties)


def _run_properties(language: str, *, size: float, color: str, bold: bool) -> BaseOxmlElement:
    properties = OxmlElement("w:rPr")
    properties.append(_fonts(FONT))
    if bold:
        properties.append(OxmlElement("w:b"))
        properties.append(OxmlElement("w:bCs"))
    properties.append(_val("w:color", color))
    half_points = round(size * 2)
    properties.append(_val("w:sz", half_points))
    properties.append(_val("w:szCs", half_points))
    properties.append(_lang(language))
    return properties


def _page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin, section.bottom_margin = TOP_MARGIN, BOTTOM_MARGIN
    section.header_distance = section.footer_distance = Cm(0.9)


def _header_and_footer(document: DocxDocument, doc: FormDocument, language: str) -> None:
    """Who the form is for at the top, and from page 2 the title too (page 1 prints it large);
    the licence line and "Page X of Y" (Word fields, right however the form is edited) at the
    bottom of every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    for header, title in ((section.first_page_header, ""), (section.header, doc.title)):
        paragraph = header.paragraphs[0]
        paragraph.style = document.styles[HEADER]
        text_run(paragraph, doc.header, language)
        if title:
            text_run(paragraph, "\t" + title, language)
    for footer in (section.first_page_footer, section.footer):
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[FOOTER]
        text_run(paragraph, doc.footer + "\t", language)
        fields = {"number": "PAGE", "total": "NUMPAGES"}
        for literal, name, _, _ in string.Formatter().parse(doc.words.text("forms.page")):
            if literal:
                text_run(paragraph, literal, language)
            if name:
                page_field(paragraph, fields[name])


def text_run(paragraph: Paragraph, text: str, language: str, style: str | None = None) -> None:
    """A run of text in the form's language; tabs and line breaks become Word's own."""
    run = paragraph.add_run(text, style)
    properties = run._r.get_or_add_rPr()
    properties.append(_lang(language))


def page_field(paragraph: Paragraph, code: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {code} \\* MERGEFORMAT ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# --- XML pieces ---------------------------------------------------------------------------


def _val(tag: str, value: object) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), str(value))
    return element


def _fonts(name: str) -> BaseOxmlElement:
    fonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    return fonts


def _lang(language: str) -> BaseOxmlElement:
    return _lang_element("w:lang", language)


def _lang_element(tag: str, language: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), language)
    element.set(qn("w:eastAsia"), language)
    element.set(qn("w:bidi"), language)
    return element


def _spacing(*, before: float, after: float, line: int) -> BaseOxmlElement:
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), str(round(before)))
    spacing.set(qn("w:after"), str(round(after)))
    spacing.set(qn("w:line"), str(line))
    spacing.set(qn("w:lineRule"), "auto")
    return spacing


def _indent(*, left: int, right: int) -> BaseOxmlElement:
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), str(left))
    indent.set(qn("w:right"), str(right))
    return indent


def border(tag: str, color: str, eighths: int, space: int = 0) -> BaseOxmlElement:
    """One border line: `eighths` of a point thick, `space` points from the text."""
    element = OxmlElement(tag)
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(eighths))
    element.set(qn("w:space"), str(space))
    element.set(qn("w:color"), color)
    return element


def _borders(below: str | None, box: bool) -> BaseOxmlElement:
    borders = OxmlElement("w:pBdr")
    if box:
        for side in ("w:top", "w:left", "w:bottom", "w:right"):
            borders.append(border(side, design.BOX_LINE, 10, 6))
    elif below:
        borders.append(border("w:bottom", below, 6, 2))
    return borders


def shading(fill: str) -> BaseOxmlElement:
    element = OxmlElement("w:shd")
    element.set(qn("w:val"), "clear")
    element.set(qn("w:color"), "auto")
    element.set(qn("w:fill"), fill)
    return element


def _replace_children(parent: BaseOxmlElement, children: list[BaseOxmlElement]) -> None:
    for child in list(parent):
        parent.remove(child)
    for child in children:
        parent.append(child)
