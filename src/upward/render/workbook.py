"""`pairs.xlsx`: the review workbook a programme lead approves, declines and locks pairs in.

The first sheet opens on the pairs: a note that the file holds personal data, then a frozen
header with filters, the approve / decline / lock columns as drop-downs (yes or empty), the
pairs' e-mails (which say which pair a row is) and the rest, columns fitted to their content.
`load.pairs.read_review` reads it back. The same run gives the same bytes on any day: the
document's dates and its zip's are fixed (`upward.stamps`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from upward.model.applications import MatchResult
from upward.render.tables import pair_rows, unmatched_rows
from upward.stamps import FIXED_DAY, pinned_xlsx
from upward.words import matching as words

NOTE_ROW, HEADER_ROW = 1, 2
WRAPPED = {"reasons": 70, "why": 70}  # long text: a fixed width, wrapped
MAX_WIDTH = 45
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
NOTE_FILL = PatternFill("solid", fgColor="FFF2CC")


def _text(value: object) -> object:
    """Numbers stay numbers; text loses characters XML cannot hold."""
    if isinstance(value, int | float) or value is None:
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _sheet(sheet: Worksheet, header: Sequence[str], rows: list[list[object]]) -> None:
    """Note, header, rows; every value written as a plain value (text is never a formula)."""
    sheet.cell(NOTE_ROW, 1, words.PERSONAL_DATA_NOTE)
    sheet.cell(NOTE_ROW, 1).font = Font(bold=True)
    sheet.cell(NOTE_ROW, 1).fill = NOTE_FILL
    sheet.cell(NOTE_ROW, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=len(header))
    sheet.row_dimensions[NOTE_ROW].height = 32
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(HEADER_ROW, column, name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    widths = [len(name) for name in header]
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(r, c, _text(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
                widths[c - 1] = max(widths[c - 1], len(cell.value))
    wrap = Alignment(wrap_text=True, vertical="top")
    for c, name in enumerate(header, start=1):
        letter = get_column_letter(c)
        if name in WRAPPED:
            sheet.column_dimensions[letter].width = WRAPPED[name]
            for (cell,) in sheet.iter_rows(
                min_row=HEADER_ROW + 1, min_col=c, max_col=c, max_row=HEADER_ROW + len(rows)
            ):
                cell.alignment = wrap
        else:
            sheet.column_dimensions[letter].width = min(MAX_WIDTH, widths[c - 1] + 2)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    last = get_column_letter(len(header))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"


def pairs_workbook(result: MatchResult) -> bytes:
    review = words.COLUMNS["review"]
    book = Workbook()
    pairs = book.active
    pairs.title = words.WORKBOOK["sheet_pairs"]
    rows = [["", "", "", *row] for row in pair_rows(result)]
    _sheet(pairs, [*review, *words.COLUMNS["pairs"]], rows)
    if rows:
        yes = DataValidation(
            type="list",
            formula1=f'"{words.WORKBOOK["yes"]}"',
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            promptTitle=words.WORKBOOK["yes"],
            prompt=words.WORKBOOK["validation_prompt"],
            error=words.WORKBOOK["validation_error"],
        )
        last = HEADER_ROW + len(rows)
        yes.add(f"A{HEADER_ROW + 1}:{get_column_letter(len(review))}{last}")
        pairs.add_data_validation(yes)
    unmatched = book.create_sheet(words.WORKBOOK["sheet_unmatched"])
    _sheet(unmatched, words.COLUMNS["unmatched"], unmatched_rows(result))
    about = book.create_sheet(words.WORKBOOK["sheet_about"])
    about.column_dimensions["A"].width = 110
    for r, line in enumerate([words.PERSONAL_DATA_NOTE, "", *words.WORKBOOK["about"]], start=1):
        cell = about.cell(r, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if r in (1, 3):
            cell.font = Font(bold=True)
    book.properties.creator = "Upward"
    book.properties.title = words.REPORT["title"]
    out = io.BytesIO()
    book.save(out)
    return pinned_xlsx(out.getvalue(), FIXED_DAY)
