"""Cells and styles for the tracker workbook: shared by its sheets.

Text is written as text (never a formula, whatever it starts with), dates as dates. (The saved
workbook's fixed stamps are `upward.stamps`.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from upward.load.tracker_shape import COLUMNS

DATE_FORMAT = "yyyy-mm-dd"  # as the forms ask for dates
MIN_WIDTH, MAX_WIDTH, NOTE_WIDTH = 8, 42, 40
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
