"""Word content controls (tick boxes, drop-down lists, date pickers) written as XML.

python-docx has no API for content controls, so these build the `w:sdt` elements Word itself
writes: a `w14:checkbox` that Word ticks with a click, a `w:dropDownList` and a `w:date` with a
calendar. Each control carries the field's id as its tag (option boxes `field-id.option`) and
the label as its title, so Word's "Properties" and anyone reading the file back see which field
it is. LibreOffice shows each control's current text (a box, the chosen item, the date or the
grey placeholder), which is also what prints.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from upward.render.forms.docx_template import PLACEHOLDER, SYMBOL_FONT

BOX, TICKED = "\u2610", "\u2612"  # ☐ ☒, the characters Word's own tick boxes use
BOX_SIZE = 24  # half-points: a box a little taller than the 10 pt text beside it


class Controls:
    """Makes the controls of one document, numbering them (Word wants unique ids) in order,
    so the same form gives the same ids every time."""

    def __init__(self, language: str):
        self.language = language
        self._ids: Iterator[int] = itertools.count(1)

    def checkbox(self, tag: str, title: str, checked: bool = False) -> BaseOxmlElement:
        """A tick box: ☐, and ☒ once ticked."""
        sdt, properties = self._sdt(tag, title)
        box = OxmlElement("w14:checkbox")
        box.append(_w14("w14:checked", "1" if checked else "0"))
        for name, char in (("w14:checkedState", TICKED), ("w14:uncheckedState", BOX)):
            state = _w14(name, f"{ord(char):04X}")
            state.set(qn("w14:font"), SYMBOL_FONT)
            box.append(state)
        properties.append(box)
        sdt.append(_content(self._run(TICKED if checked else BOX, symbol=True)))
        return sdt

    def drop_down(
        self,
        tag: str,
        title: str,
        options: tuple[str, ...],
        chosen: str | None,
        placeholder: str,
        values: tuple[str, ...] = (),
    ) -> BaseOxmlElement:
        """A drop-down list of `options` (each storing its `values`, when given, else its own
        text); until one is chosen it shows `placeholder` in grey."""
        sdt, properties = self._sdt(tag, title, showing_placeholder=chosen is None)
        choices = OxmlElement("w:dropDownList")
        if chosen is not None:
            choices.set(qn("w:lastValue"), (values or options)[options.index(chosen)])
        for option, value in zip(options, values or options, strict=True):
            item = OxmlElement("w:listItem")
            item.set(qn("w:displayText"), option)
            item.set(qn("w:value"), value)
            choices.append(item)
        properties.append(choices)
        text = chosen if chosen is not None else placeholder
        sdt.append(_content(self._run(text, placeholder=chosen is None)))
        return sdt

    def date(
        self, tag: str, title: str, day: dt.date | None, shown: str, placeholder: str, pattern: str
    ) -> BaseOxmlElement:
        """A date picker showing dates as `pattern` (Word's codes, e.g. 'dddd d MMMM yyyy')."""
        sdt, properties = self._sdt(tag, title, showing_placeholder=day is None)
        picker = OxmlElement("w:date")
        if day is not None:
            picker.set(qn("w:fullDate"), f"{day.isoformat()}T00:00:00Z")
        picker.append(_w("w:dateFormat", pattern))
        picker.append(_w("w:lid", self.language))
        picker.append(_w("w:storeMappedDataAs", "dateTime"))
        picker.append(_w("w:calendar", "gregorian"))
        properties.append(picker)
        text = shown if day is not None else placeholder
        sdt.append(_content(self._run(text, placeholder=day is None)))
        return sdt

    def _sdt(
        self, tag: str, title: str, showing_placeholder: bool = False
    ) -> tuple[BaseOxmlElement, BaseOxmlElement]:
        sdt, properties = OxmlElement("w:sdt"), OxmlElement("w:sdtPr")
        properties.append(_w("w:alias", title[:255]))
        properties.append(_w("w:tag", tag[:255]))
        properties.append(_w("w:id", str(next(self._ids))))
        if showing_placeholder:
            properties.append(OxmlElement("w:showingPlcHdr"))
        sdt.append(properties)
        return sdt, properties

    def _run(self, text: str, placeholder: bool = False, symbol: bool = False) -> BaseOxmlElement:
        run, properties = OxmlElement("w:r"), OxmlElement("w:rPr")
        if placeholder:
            properties.append(_w("w:rStyle", PLACEHOLDER.replace(" ", "")))
        if symbol:
            fonts = OxmlElement("w:rFonts")
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia"):
                fonts.set(qn(slot), SYMBOL_FONT)
            fonts.set(qn("w:hint"), "eastAsia")
            properties.append(fonts)
            properties.append(_w("w:sz", str(BOX_SIZE)))
            properties.append(_w("w:szCs", str(BOX_SIZE)))
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), self.language)
        properties.append(language)
        run.append(properties)
        element = OxmlElement("w:t")
        element.text = text
        element.set(qn("xml:space"), "preserve")
        run.append(element)
        return run


def _content(run: BaseOxmlElement) -> BaseOxmlElement:
    content = OxmlElement("w:sdtContent")
    content.append(run)
    return content


def _w(tag: str, value: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def _w14(tag: str, value: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w14:val"), value)
    return element
