"""`tracker.xlsx`: the workbook a programme lead keeps the pairs alive with.

A pure function of a tailored kit (its schedule and its purpose's goals) and, optionally, the
pairs from `pairs.csv`. Without pairs it is the kit's empty tracker (public, with spare pair
codes to fill in); with pairs it holds personal data and stays private. Sheets: Read me (who may
see it, how to use it, the red/amber/green rule), Summary (formulas only), Pairs, Sessions (a
row for each planned session of each pair, on the schedule's dates), Goals, Actions (the four
levels of the organisational action log), Programme (the details the formulas and `upward
status` use) and a hidden Lists sheet behind the drop-downs.

Every choice is a drop-down, every date a real date, every header frozen, every column fitted.
The formulas use only functions that Excel 2019+ and LibreOffice both compute (MAXIFS and MINIFS
carry Excel's `_xlfn.` prefix, as Excel itself writes them). The bytes are reproducible: the
document's dates are the programme's start and the zip's entries carry a fixed timestamp.
`load.tracker.read_tracker` reads a filled one back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import string
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from upward.load.roster import RosterPair, pair_code
from upward.load.tracker import (
    CADENCE_DAYS,
    CHOICE_COLUMNS,
    COLUMNS,
    DATE_COLUMNS,
    PROGRAMME_ROWS,
    QUIET_FACTOR,
    RATING_COLUMNS,
    SHEETS,
    Action,
    GoalRating,
    TrackedSession,
    Tracker,
    choice_labels,
    heading,
    quiet_days,
    sheet_title,
)
from upward.plan.tailored import TailoredKit
from upward.words import Words

BLANK_PAIRS = 20  # spare pair codes in an empty tracker
SPARE_SUMMARY_ROWS = 10  # summary rows for pairs a lead adds by copying rows
GOALS_PER_PAIR = 3  # the goals worksheet asks for three (room for five)
BLANK_ACTIONS = 100
VALIDATED_ROWS = 2000  # drop-downs reach this far below the header, for rows a lead adds
DATE_FORMAT = "yyyy-mm-dd"  # as the forms ask for dates
MIN_WIDTH, MAX_WIDTH, NOTE_WIDTH = 8, 42, 40
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MID_POINT_FORM = "mid-point-check-in"

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

# Summary layout: title, as-of and quiet days, the rule, then the table's header and totals.
AS_OF_ROW, RULE_ROW, SUMMARY_HEADER, TOTALS_ROW = 2, 3, 4, 5
AS_OF_COLUMN, QUIET_COLUMN = 3, 7  # each after its label, merged over the columns before it
README_WIDTH = 100
LINE_HEIGHT = 15.0  # points per line of wrapped text


def _height(text: str, width: float) -> float:
    """Points for `text` wrapped in a column `width` characters wide: spreadsheet programs do
    not grow a row for wrapped text they did not type themselves."""
    per_line = max(int(width) - 4, 10)
    lines = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
    return LINE_HEIGHT * lines + 3


@dataclass(frozen=True)
class _Sheets:
    """Quoted sheet names for formulas, and the Programme sheet's row of each value."""

    pairs: str
    sessions: str
    programme: str
    lists: str
    programme_row: dict[str, int]


def tracker_workbook(
    tailored: TailoredKit,
    pairs: Sequence[RosterPair] = (),
    *,
    recorded: Tracker | None = None,
) -> bytes:
    """The tracker as .xlsx bytes. `recorded` fills in what has happened so far (a tracker read
    back, or a fictional one for the demo): pair status, sessions, goals, actions, applications."""
    words = tailored.words
    book = Workbook()
    book.remove(book.active)
    sheets = {key: book.create_sheet(sheet_title(key, words)) for key in SHEETS}
    names = _Sheets(
        pairs=quote_sheetname(sheets["pairs"].title),
        sessions=quote_sheetname(sheets["sessions"].title),
        programme=quote_sheetname(sheets["programme"].title),
        lists=quote_sheetname(sheets["lists"].title),
        programme_row={key: row for row, key in enumerate(PROGRAMME_ROWS, start=2)},
    )
    codes = [pair_code(i, len(pairs)) for i in range(1, len(pairs) + 1)] or [
        pair_code(i, BLANK_PAIRS) for i in range(1, BLANK_PAIRS + 1)
    ]
    lists = _lists(sheets["lists"], tailored, words)
    _programme(sheets["programme"], tailored, recorded, names, lists, words)
    _pairs(sheets["pairs"], codes, pairs, recorded, lists, words)
    _sessions(sheets["sessions"], codes, tailored, recorded, lists, words)
    _goals(sheets["goals"], codes, recorded, lists, words)
    _actions(sheets["actions"], recorded, lists, words)
    _summary(sheets["summary"], len(codes) + SPARE_SUMMARY_ROWS, names, tailored, words)
    _readme(sheets["readme"], tailored, blank=not pairs, words=words)
    header = words("tracker.print_header", programme=_clean(tailored.profile.programme))
    for sheet in book.worksheets:
        sheet.oddHeader.center.text = header.replace("&", "&&")
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.active = 0
    stamp = dt.datetime.combine(tailored.schedule[0].date, dt.time())
    book.properties.creator = "Upward"
    book.properties.lastModifiedBy = "Upward"
    book.properties.title = words(
        "tracker.title",
        programme=_clean(tailored.profile.programme),
        organisation=_clean(tailored.profile.organisation),
    )
    book.properties.created = book.properties.modified = stamp
    out = io.BytesIO()
    book.save(out)
    return pinned_xlsx(out.getvalue(), stamp)


def mid_point_session(tailored: TailoredKit) -> int | None:
    """The session whose plan asks for the mid-point check-in, else the middle one; none in a
    programme of one session."""
    for scheduled in tailored.schedule:
        if scheduled.session.form == MID_POINT_FORM:
            return scheduled.number
    count = len(tailored.schedule)
    return (count + 1) // 2 if count >= 2 else None


# --- cells ----------------------------------------------------------------------------------


def _clean(value: object) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _value(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """A plain value: text is never a formula, whatever it starts with; dates are dates."""
    if value is None or value == "":
        return
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        cell.value = _clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def _formula_text(text: str) -> str:
    """Text as a formula's string constant."""
    return '"' + _clean(text).replace('"', '""') + '"'


def _letter(sheet: str, column: str) -> str:
    return get_column_letter(COLUMNS[sheet].index(column) + 1)


def _header(sheet: Worksheet, key: str, words: Words, row: int = 1) -> None:
    for column, name in enumerate(COLUMNS[key], start=1):
        cell = sheet.cell(row, column, heading(key, name, words))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def _fit(sheet: Worksheet, key: str, words: Words, header_row: int = 1) -> None:
    """Widths from the longest value in each column (headings wrap, so count their words)."""
    for index, name in enumerate(COLUMNS[key], start=1):
        letter = get_column_letter(index)
        if name in ("notes", "change", "evidence"):
            sheet.column_dimensions[letter].width = NOTE_WIDTH
            continue
        longest = max((len(w) for w in heading(key, name, words).split()), default=0)
        for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=index, max_col=index):
            value = cell.value
            if isinstance(value, dt.date):
                length = 10
            elif isinstance(value, str) and not value.startswith("="):
                length = len(value)
            else:
                length = len(str(value)) if value is not None and not isinstance(value, str) else 6
            longest = max(longest, length)
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, longest + 3))


def _table(sheet: Worksheet, key: str, rows: int, words: Words) -> None:
    """Header frozen with the pair column beside it, a filter, and widths fitted."""
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS[key]))}{max(rows, 1) + 1}"
    _fit(sheet, key, words)


# --- drop-downs ------------------------------------------------------------------------------


def _lists(sheet: Worksheet, tailored: TailoredKit, words: Words) -> dict[str, str]:
    """One column per drop-down on the hidden Lists sheet; returns each list's range."""
    columns: dict[str, list[str]] = {
        kind: list(choice_labels(kind, words).values())
        for kind in sorted(set(CHOICE_COLUMNS.values()) | {"cadence"})
    }
    columns["goal"] = [goal.id for goal in tailored.purpose.goals]
    columns["rating"] = ["1", "2", "3", "4", "5"]
    ranges: dict[str, str] = {}
    quoted = quote_sheetname(sheet.title)
    for index, (kind, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, kind).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            if kind == "rating":
                sheet.cell(row, index, int(value))
            else:
                _value(sheet, row, index, value)
        ranges[kind] = f"{quoted}!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _validate(sheet: Worksheet, cells: str, kind: str, lists: dict[str, str], words: Words) -> None:
    """A drop-down (or a date or number check) with a prompt and a stop on a wrong value."""
    if kind == "date":
        rule = DataValidation(
            type="date",
            operator="between",
            formula1="36526",  # 2000-01-01
            formula2="73415",  # 2100-12-31
            error=words("tracker.validation.date", example="2027-01-31"),
            prompt=words("tracker.validation.date", example="2027-01-31"),
        )
    elif kind == "count":
        rule = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            error=words("tracker.validation.number"),
            prompt=words("tracker.validation.number"),
        )
    else:
        message = words(
            "tracker.validation.rating" if kind == "rating" else "tracker.validation.choose"
        )
        rule = DataValidation(type="list", formula1=lists[kind], error=message, prompt=message)
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.showInputMessage = True
    rule.errorTitle = rule.promptTitle = words("tracker.validation.choose_title")
    rule.add(cells)
    sheet.add_data_validation(rule)


def _validate_columns(
    sheet: Worksheet, key: str, lists: dict[str, str], words: Words, last: int
) -> None:
    for index, column in enumerate(COLUMNS[key], start=1):
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{last}"
        if (key, column) in CHOICE_COLUMNS:
            _validate(sheet, cells, CHOICE_COLUMNS[(key, column)], lists, words)
        elif (key, column) in RATING_COLUMNS:
            _validate(sheet, cells, "rating", lists, words)
        elif (key, column) in DATE_COLUMNS:
            _validate(sheet, cells, "date", lists, words)  # typed dates take the locale's format
        elif (key, column) == ("goals", "goal_id"):
            _validate(sheet, cells, "goal", lists, words)


def _label(kind: str, choice: str, words: Words) -> str:
    return choice_labels(kind, words)[choice] if choice else ""


# --- sheets ---------------------------------------------------------------------------------


def _programme(
    sheet: Worksheet,
    tailored: TailoredKit,
    recorded: Tracker | None,
    names: _Sheets,
    lists: dict[str, str],
    words: Words,
) -> None:
    profile = tailored.profile
    row_of = names.programme_row
    cadence_cell = f"$B${row_of['cadence']}"
    days = "30"
    for cadence, count in reversed(CADENCE_DAYS.items()):
        days = (
            f"IF({cadence_cell}={_formula_text(_label('cadence', cadence, words))},{count},{days})"
        )
    applied = recorded.programme if recorded else None
    values: dict[str, object] = {
        "organisation": profile.organisation,
        "programme": profile.programme,
        "contact_name": profile.contact.name if profile.contact else "",
        "contact_email": profile.contact.email if profile.contact else "",
        "cadence": _label("cadence", profile.cadence, words),
        "days_between": f"={days}",
        "quiet_days": f"={QUIET_FACTOR}*B{row_of['days_between']}",
        "sessions": len(tailored.schedule),
        "start": tailored.schedule[0].date,
        "end": tailored.schedule[-1].date,
        "mid_point": mid_point_session(tailored),
        "applied_mentors": applied.applied_mentors if applied else None,
        "applied_mentees": applied.applied_mentees if applied else None,
    }
    notes = words.table("tracker.programme_notes")
    title = sheet.cell(1, 1, words("tracker.programme_title"))
    title.font = Font(bold=True, size=13)
    for key, row in row_of.items():
        sheet.cell(row, 1, words(f"tracker.programme.{key}")).font = Font(bold=True)
        value = values[key]
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(row, 2, value)
        else:
            _value(sheet, row, 2, value)
        note = notes.get(key) or (notes["applied"] if key.startswith("applied") else "")
        if note:
            sheet.cell(row, 3, note).alignment = WRAP
    _validate(sheet, f"B{row_of['cadence']}", "cadence", lists, words)
    for key in ("applied_mentors", "applied_mentees", "sessions", "mid_point"):
        _validate(sheet, f"B{row_of[key]}", "count", lists, words)
    for key in ("start", "end"):
        _validate(sheet, f"B{row_of[key]}", "date", lists, words)
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 34
    sheet.column_dimensions["C"].width = 70
    sheet.freeze_panes = "A2"


def _pairs(
    sheet: Worksheet,
    codes: list[str],
    pairs: Sequence[RosterPair],
    recorded: Tracker | None,
    lists: dict[str, str],
    words: Words,
) -> None:
    _header(sheet, "pairs", words)
    for row, code in enumerate(codes, start=2):
        person = pairs[row - 2] if pairs else None
        known = recorded.pair(code) if recorded else None
        values = {
            "code": code,
            "mentor_name": person.mentor_name if person else "",
            "mentor_email": person.mentor_email if person else "",
            "mentee_name": person.mentee_name if person else "",
            "mentee_email": person.mentee_email if person else "",
            "status": _label("pair_status", known.status if known else "active", words)
            if person
            else "",
            "ended_on": known.ended_on if known else None,
            "mid_point_done": known.mid_point_done if known else None,
            "notes": known.notes if known else "",
        }
        for column, name in enumerate(COLUMNS["pairs"], start=1):
            _value(sheet, row, column, values[name])
    last = len(codes) + 1 + VALIDATED_ROWS
    _validate_columns(sheet, "pairs", lists, words, last)
    _table(sheet, "pairs", len(codes), words)


def _sessions(
    sheet: Worksheet,
    codes: list[str],
    tailored: TailoredKit,
    recorded: Tracker | None,
    lists: dict[str, str],
    words: Words,
) -> None:
    _header(sheet, "sessions", words)
    done = {(s.pair, s.number): s for s in recorded.sessions} if recorded else {}
    row = 1
    for code in codes:
        for scheduled in tailored.schedule:
            row += 1
            known = done.get((code, scheduled.number))
            _session_row(
                sheet,
                row,
                code,
                scheduled.number,
                scheduled.session.title,
                scheduled.date,
                known,
                words,
            )
    last = row + VALIDATED_ROWS
    _validate_columns(sheet, "sessions", lists, words, last)
    for column in ("mentor_open", "mentee_open", "mentor_useful", "mentee_useful"):
        letter = _letter("sessions", column)
        amber_fill, amber_font = RAG_STYLES["amber"]
        sheet.conditional_formatting.add(
            f"{letter}2:{letter}{last}",
            CellIsRule(
                operator="between",
                formula=["1", "2"],
                fill=PatternFill("solid", fgColor=amber_fill, bgColor=amber_fill),
                font=Font(color=amber_font),
            ),
        )
    _table(sheet, "sessions", row - 1, words)


def _session_row(
    sheet: Worksheet,
    row: int,
    code: str,
    number: int,
    title: str,
    planned: dt.date,
    known: TrackedSession | None,
    words: Words,
) -> None:
    values: dict[str, object] = {"pair": code, "number": number, "title": title, "planned": planned}
    if known:
        values |= {
            "status": _label("session_status", known.status, words),
            "held_on": known.held_on,
            "by": _label("by", known.by, words),
            "mentor_useful": known.mentor_useful,
            "mentor_open": known.mentor_open,
            "mentee_useful": known.mentee_useful,
            "mentee_open": known.mentee_open,
            "notes": known.notes,
        }
        if known.planned:
            values["planned"] = known.planned
    for column, name in enumerate(COLUMNS["sessions"], start=1):
        _value(sheet, row, column, values.get(name))


def _goals(
    sheet: Worksheet,
    codes: list[str],
    recorded: Tracker | None,
    lists: dict[str, str],
    words: Words,
) -> None:
    _header(sheet, "goals", words)
    rated: dict[tuple[str, int], GoalRating] = (
        {(g.pair, g.number): g for g in recorded.goals} if recorded else {}
    )
    baseline, final = _letter("goals", "baseline"), _letter("goals", "final")
    row = 1
    for code in codes:
        numbers = sorted({*range(1, GOALS_PER_PAIR + 1), *(n for p, n in rated if p == code)})
        for number in numbers:
            row += 1
            goal = rated.get((code, number))
            values: dict[str, object] = {
                "pair": code,
                "number": number,
                "goal_id": goal.goal_id if goal else "",
                "baseline": goal.baseline if goal else None,
                "final": goal.final if goal else None,
            }
            for column, name in enumerate(COLUMNS["goals"], start=1):
                _value(sheet, row, column, values.get(name))
            b, f = f"{baseline}{row}", f"{final}{row}"
            sheet.cell(
                row,
                COLUMNS["goals"].index("change") + 1,
                f'=IF(AND(ISNUMBER({b}),ISNUMBER({f})),{f}-{b},"")',
            )
    _validate_columns(sheet, "goals", lists, words, row + VALIDATED_ROWS)
    _table(sheet, "goals", row - 1, words)


def _actions(
    sheet: Worksheet, recorded: Tracker | None, lists: dict[str, str], words: Words
) -> None:
    _header(sheet, "actions", words)
    actions: Sequence[Action] = recorded.actions if recorded else ()
    for row, action in enumerate(actions, start=2):
        values: dict[str, object] = {
            "pair": action.pair,
            "level": _label("level", action.level, words),
            "change": action.change,
            "date": action.date,
            "evidence": action.evidence,
            "report": _label("report", action.report, words),
            "credit": _label("credit", action.credit, words),
        }
        for column, name in enumerate(COLUMNS["actions"], start=1):
            _value(sheet, row, column, values[name])
    last = len(actions) + 1 + BLANK_ACTIONS + VALIDATED_ROWS
    _validate_columns(sheet, "actions", lists, words, last)
    _table(sheet, "actions", len(actions) + BLANK_ACTIONS, words)


def _concatenation(template: str, values: dict[str, str]) -> str:
    """A words template ('{red} red, {amber} amber') as a formula joining its parts with &."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            parts.append(_formula_text(literal))
        if name:
            parts.append(values[name])
    return "=" + "&".join(parts)


def _summary(
    sheet: Worksheet, rows: int, names: _Sheets, tailored: TailoredKit, words: Words
) -> None:
    """Formulas only, but the 'as of' date: a row per pair, a totals row, the rule above."""
    columns = COLUMNS["summary"]
    col = {name: get_column_letter(i) for i, name in enumerate(columns, start=1)}
    p, s = names.pairs, names.sessions
    pl = {name: _letter("pairs", name) for name in COLUMNS["pairs"]}
    sl = {name: _letter("sessions", name) for name in COLUMNS["sessions"]}
    status = {k: _formula_text(v) for k, v in choice_labels("session_status", words).items()}
    by = {k: _formula_text(v) for k, v in choice_labels("by", words).items()}
    pair_status = {k: _formula_text(v) for k, v in choice_labels("pair_status", words).items()}
    rag = {k: _formula_text(v) for k, v in choice_labels("rag", words).items()}
    programme_quiet = f"{names.programme}!$B${names.programme_row['quiet_days']}"

    title = sheet.cell(
        1, 1, words("tracker.summary_title", programme=_clean(tailored.profile.programme))
    )
    title.font = Font(bold=True, size=13)
    sheet.cell(AS_OF_ROW, 1, words("tracker.as_of")).font = Font(bold=True)
    sheet.merge_cells(
        start_row=AS_OF_ROW, start_column=1, end_row=AS_OF_ROW, end_column=AS_OF_COLUMN - 1
    )
    as_of = sheet.cell(AS_OF_ROW, AS_OF_COLUMN, "=TODAY()")
    as_of.number_format = DATE_FORMAT
    as_of.fill = NOTE_FILL
    as_of.font = Font(bold=True)
    label = sheet.cell(AS_OF_ROW, AS_OF_COLUMN + 1, words("tracker.quiet_after"))
    label.font = Font(bold=True)
    label.alignment = Alignment(horizontal="right")
    sheet.merge_cells(
        start_row=AS_OF_ROW,
        start_column=AS_OF_COLUMN + 1,
        end_row=AS_OF_ROW,
        end_column=QUIET_COLUMN - 1,
    )
    sheet.cell(AS_OF_ROW, QUIET_COLUMN, f"={programme_quiet}").font = Font(bold=True)
    sheet.cell(AS_OF_ROW, QUIET_COLUMN + 1, words("tracker.as_of_note"))
    cadence = tailored.profile.cadence
    rule = sheet.cell(
        RULE_ROW,
        1,
        words(
            "tracker.rule",
            quiet=f"{quiet_days(cadence):g}",
            days=CADENCE_DAYS[cadence],
        ),
    )
    rule.alignment = WRAP
    sheet.merge_cells(start_row=RULE_ROW, start_column=1, end_row=RULE_ROW, end_column=len(columns))
    sheet.row_dimensions[RULE_ROW].height = _height(rule.value, 200)

    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(SUMMARY_HEADER, index, heading("summary", name, words))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    as_of_ref = f"${get_column_letter(AS_OF_COLUMN)}${AS_OF_ROW}"
    quiet_ref = f"${get_column_letter(QUIET_COLUMN)}${AS_OF_ROW}"
    first = TOTALS_ROW + 1
    last = TOTALS_ROW + rows
    pair_col, status_col = (
        f"{s}!${sl['pair']}:${sl['pair']}",
        f"{s}!${sl['status']}:${sl['status']}",
    )
    held_col, planned_col = (
        f"{s}!${sl['held_on']}:${sl['held_on']}",
        f"{s}!${sl['planned']}:${sl['planned']}",
    )
    for offset in range(rows):
        r = first + offset
        k = 2 + offset  # the pair's row on the Pairs sheet
        a = f"$A{r}"

        def countifs(*criteria: str, a: str = a) -> str:
            return f"COUNTIFS({','.join([pair_col, a, *criteria])})"

        def count(*criteria: str, a: str = a) -> str:
            return f'=IF({a}="","",{countifs(*criteria, a=a)})'

        reference = f'IF({col["last_met"]}{r}="",{col["first_planned"]}{r},{col["last_met"]}{r})'
        behind = (
            f"OR(MAX({col['cancelled_mentor']}{r},{col['cancelled_mentee']}{r})>=2,"
            f"{col['due']}{r}-{col['held']}{r}>=2)"
        )
        not_red = f"IF({behind},{rag['amber']},{rag['green']})"
        formulas = {
            "pair": f'=IF({p}!${pl["code"]}{k}="","",{p}!${pl["code"]}{k})',
            "mentor": f'=IF({a}="","",IF({p}!${pl["mentor_name"]}{k}="",{p}!${pl["mentor_email"]}{k},{p}!${pl["mentor_name"]}{k})&"")',
            "mentee": f'=IF({a}="","",IF({p}!${pl["mentee_name"]}{k}="",{p}!${pl["mentee_email"]}{k},{p}!${pl["mentee_name"]}{k})&"")',
            "status": f'=IF({a}="","",IF({p}!${pl["status"]}{k}="",{pair_status["active"]},{p}!${pl["status"]}{k}))',
            "planned": count(),
            "due": count(  # planned by the 'as of' date, and before the pair ended, if it did
                f"{s}!${sl['planned']}:${sl['planned']}",
                f'"<="&IF({p}!${pl["ended_on"]}{k}="",{as_of_ref},'
                f"MIN({as_of_ref},{p}!${pl['ended_on']}{k}))",
            ),
            "held": (  # held by the 'as of' date; without a date, on its planned date
                f'=IF({a}="","",'
                + countifs(status_col, status["held"], held_col, f'"<="&{as_of_ref}')
                + "+"
                + countifs(
                    status_col, status["held"], held_col, '""', planned_col, f'"<="&{as_of_ref}'
                )
                + ")"
            ),
            "held_share": f'=IF(OR({a}="",N({col["due"]}{r})=0),"",{col["held"]}{r}/{col["due"]}{r})',
            "cancelled_mentor": count(
                f"{s}!${sl['status']}:${sl['status']}",
                status["cancelled"],
                f"{s}!${sl['by']}:${sl['by']}",
                by["mentor"],
            ),
            "cancelled_mentee": count(
                f"{s}!${sl['status']}:${sl['status']}",
                status["cancelled"],
                f"{s}!${sl['by']}:${sl['by']}",
                by["mentee"],
            ),
            "cancelled": count(f"{s}!${sl['status']}:${sl['status']}", status["cancelled"]),
            "moved": count(f"{s}!${sl['status']}:${sl['status']}", status["moved"]),
            "first_planned": (
                f'=IF(OR({a}="",N({col["planned"]}{r})=0),"",'
                f"_xlfn.MINIFS({s}!${sl['planned']}:${sl['planned']},{s}!${sl['pair']}:${sl['pair']},{a}))"
            ),
            "last_met": (  # a held session without a date counts on its planned date
                f'=IF(OR({a}="",N({col["held"]}{r})=0),"",MAX('
                f"_xlfn.MAXIFS({held_col},{pair_col},{a},{status_col},{status['held']},"
                f'{held_col},"<="&{as_of_ref}),'
                f"_xlfn.MAXIFS({planned_col},{pair_col},{a},{status_col},{status['held']},"
                f'{held_col},"",{planned_col},"<="&{as_of_ref})))'
            ),
            "days_since": f'=IF(OR({a}="",{col["last_met"]}{r}=""),"",{as_of_ref}-{col["last_met"]}{r})',
            "rag": (
                f'=IF(OR({a}="",AND({col["mentor"]}{r}="",{col["mentee"]}{r}="")),"",'
                f"IF(OR({col['status']}{r}={pair_status['completed']},{col['status']}{r}={pair_status['ended']}),{rag['closed']},"
                f'IF({reference}="",{not_red},IF({as_of_ref}-{reference}>{quiet_ref},{rag["red"]},{not_red}))))'
            ),
        }
        for index, name in enumerate(columns, start=1):
            cell = sheet.cell(r, index, formulas[name])
            if name in ("first_planned", "last_met"):
                cell.number_format = DATE_FORMAT
            elif name == "held_share":
                cell.number_format = "0%"
    totals = {"pair": words("tracker.all_pairs")}
    for name in (
        "planned",
        "due",
        "held",
        "cancelled_mentor",
        "cancelled_mentee",
        "cancelled",
        "moved",
    ):
        totals[name] = f"=SUM({col[name]}{first}:{col[name]}{last})"
    totals["held_share"] = (
        f'=IF(N({col["due"]}{TOTALS_ROW})=0,"",{col["held"]}{TOTALS_ROW}/{col["due"]}{TOTALS_ROW})'
    )
    rag_range = f"{col['rag']}{first}:{col['rag']}{last}"
    totals["rag"] = _concatenation(
        words.text("tracker.rag_totals"),
        {key: f"COUNTIF({rag_range},{rag[key]})" for key in ("red", "amber", "green")},
    )
    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(TOTALS_ROW, index, totals.get(name))
        cell.font = Font(bold=True)
        cell.fill = TOTAL_FILL
        if name == "held_share":
            cell.number_format = "0%"
    for key, (fill, font) in RAG_STYLES.items():
        sheet.conditional_formatting.add(
            rag_range,
            CellIsRule(
                operator="equal",
                formula=[rag[key]],
                fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                font=Font(color=font, bold=True),
            ),
        )
    widths = {"pair": 8, "mentor": 24, "mentee": 24, "status": 13, "rag": 18}
    for name, letter in col.items():
        heading_words = heading("summary", name, words).split()
        natural = max(len(w) for w in heading_words) + 3
        sheet.column_dimensions[letter].width = widths.get(
            name, max(MIN_WIDTH, min(MAX_WIDTH, max(natural, 11)))
        )
    sheet.row_dimensions[SUMMARY_HEADER].height = 32
    sheet.freeze_panes = f"B{first}"
    sheet.auto_filter.ref = f"A{SUMMARY_HEADER}:{col['rag']}{last}"


def _readme(sheet: Worksheet, tailored: TailoredKit, *, blank: bool, words: Words) -> None:
    profile = tailored.profile
    cadence = profile.cadence
    lines: list[tuple[str, str]] = [
        (
            "title",
            words(
                "tracker.title",
                programme=_clean(profile.programme),
                organisation=_clean(profile.organisation),
            ),
        ),
        ("note", words("tracker.blank" if blank else "tracker.private")),
        ("", ""),
        ("heading", words("tracker.how_title")),
        *(("text", f"{n}. {line}") for n, line in enumerate(words.list("tracker.how"), start=1)),
        ("", ""),
        ("heading", words("tracker.rule_title")),
        (
            "text",
            words(
                "tracker.rule",
                quiet=f"{quiet_days(cadence):g}",
                days=CADENCE_DAYS[cadence],
            ),
        ),
        ("", ""),
        ("heading", words("tracker.goals_title", purpose=tailored.purpose.title)),
        *(("text", f"{goal.id}: {goal.text}") for goal in tailored.purpose.goals),
    ]
    sheet.column_dimensions["A"].width = README_WIDTH
    for row, (kind, text) in enumerate(lines, start=1):
        if not kind:
            continue
        cell = sheet.cell(row, 1, _clean(text))
        cell.data_type = "s"
        cell.alignment = WRAP
        if kind == "title":
            cell.font = Font(bold=True, size=14)
            sheet.row_dimensions[row].height = 22
        elif kind == "heading":
            cell.font = Font(bold=True, size=12)
            sheet.row_dimensions[row].height = 20
        else:
            if kind == "note":
                cell.font = Font(bold=True)
                cell.fill = NOTE_FILL
            sheet.row_dimensions[row].height = _height(
                text, README_WIDTH * (0.9 if kind == "note" else 1)
            )


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
