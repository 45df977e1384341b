"""Cells, styles and reproducible bytes for the tracker workbook: shared by its sheets.

Text is written as text (never a formula, whatever it starts with), dates as dates, and the
saved workbook is made reproducible: openpyxl stamps the clock into the document and its zip.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from upward.load.tracker_shape import COLUMNS

DATE_FORMAT = "yyyy-mm-dd"  # as the forms ask for dates
MIN_WIDTH, MAX_WIDTH, NOTE_WIDTH = 8, 42, 40
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
NOTE_FILL = PatternFill("solid", fgColor="FFF2CC")
TOTAL_FILL = PatternFill("solid", fgColor="EEF2F7")
RAG_STYLES = {  # fill, font: the spreadsheet programs' own 'good / neutral / bad' colours
    "red": ("FFC7CE", "9C0006"),
    "amber": ("FFEB9C", "9C5700"),
    "green": ("C6EFCE", "006100"),
    "closed": ("E7E6E6", "3A3838"),
}
WRAP = Alignment(wrap_text=True, vertical="top")

LINE_HEIGHT = 15.0  # points per line of wrapped text


@dataclass(frozen=True)
class SheetNames:
    """Quoted sheet names for formulas, and the Programme sheet's row of each value."""

    pairs: str
    sessions: str
    programme: str
    lists: str
    programme_row: dict[str, int]


def row_height(text: str, width: float) -> float:
    """Points for `text` wrapped in a column `width` characters wide: spreadsheet programs do
    not grow a row for wrapped text they did not type themselves."""
    per_line = max(int(width) - 4, 10)
    lines = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
    return LINE_HEIGHT * lines + 3


def clean(value: object) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def put_value(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """A plain value: text is never a formula, whatever it starts with; dates are dates."""
    if value is None or value == "":
        return
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def formula_text(text: str) -> str:
    """Text as a formula's string constant."""
    return '"' + clean(text).replace('"', '""') + '"'


def column_letter(sheet: str, column: str) -> str:
    return get_column_letter(COLUMNS[sheet].index(column) + 1)


def pinned_xlsx(data: bytes, stamp: dt.datetime) -> bytes:
    """An openpyxl workbook made reproducible: the same workbook with every zip entry dated 1980-01-01, in openpyxl's own order, and
    the document's 'modified' date set to `stamp` (openpyxl stamps the clock when it saves)."""
    modified = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = modified.sub(rb"\g<1>" + when + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()
