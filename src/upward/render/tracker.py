"""`tracker.xlsx`: the workbook a programme lead keeps the pairs alive with.

A pure function of a tailored kit (its schedule and its purpose's goals) and, optionally, the
pairs from `pairs.csv`. Without pairs it is the kit's empty tracker (public, with spare pair
codes to fill in); with pairs it holds personal data and stays private. Sheets: Read me (who may
see it, how to use it, the red/amber/green rule), Summary (formulas only), Pairs, Sessions (a
row for each planned session of each pair, on the schedule's dates), Goals, Actions (the four
levels of the organisational action log), Programme (the details the formulas and `upward
status` use) and a hidden Lists sheet behind the drop-downs.

Every choice is a drop-down, every date a real date, every header frozen, every column fitted.
The Summary sheet is `render.tracker_summary`; the bytes are reproducible (the document's dates
are the programme's start, the zip's entries carry a fixed timestamp: `upward.stamps`).
`load.tracker.read_tracker` reads a filled one back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from upward.load.roster import RosterPair, pair_code
from upward.load.tracker_shape import (
    CHOICE_COLUMNS,
    COLUMNS,
    DATE_COLUMNS,
    PROGRAMME_ROWS,
    RATING_COLUMNS,
    SHEETS,
    choice_labels,
    heading,
    sheet_title,
)
from upward.model.tracker import (
    CADENCE_DAYS,
    QUIET_FACTOR,
    Action,
    GoalRating,
    TrackedSession,
    Tracker,
    quiet_days,
)
from upward.plan.tailored import TailoredKit
from upward.render.tracker_cells import (
    HEADER_FILL,
    MAX_WIDTH,
    MIN_WIDTH,
    NOTE_FILL,
    NOTE_WIDTH,
    RAG_STYLES,
    WRAP,
    SheetNames,
    clean,
    column_letter,
    formula_text,
    put_value,
    row_height,
)
from upward.render.tracker_summary import summary_sheet
from upward.stamps import pinned_xlsx
from upward.words import Words

BLANK_PAIRS = 20  # spare pair codes in an empty tracker
SPARE_SUMMARY_ROWS = 10  # summary rows for pairs a lead adds by copying rows
GOALS_PER_PAIR = 3  # the goals worksheet asks for three (room for five)
BLANK_ACTIONS = 100
VALIDATED_ROWS = 2000  # drop-downs reach this far below the header, for rows a lead adds

README_WIDTH = 100


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
    names = SheetNames(
        pairs=quote_sheetname(sheets["pairs"].title),
        sessions=quote_sheetname(sheets["sessions"].title),
        programme=quote_sheetname(sheets["programme"].title),
        lists=quote_sheetname(sheets["lists"].title),
        programme_row={key: row for row, key in enumerate(PROGRAMME_ROWS, start=2)},
    )
    codes = [p.code or pair_code(i, len(pairs)) for i, p in enumerate(pairs, start=1)] or [
        pair_code(i, BLANK_PAIRS) for i in range(1, BLANK_PAIRS + 1)
    ]
    lists = _lists(sheets["lists"], tailored, words)
    _programme(sheets["programme"], tailored, recorded, names, lists, words)
    _pairs(sheets["pairs"], codes, pairs, recorded, lists, words)
    _sessions(sheets["sessions"], codes, tailored, recorded, lists, words)
    _goals(sheets["goals"], codes, recorded, lists, words)
    _actions(sheets["actions"], recorded, lists, words)
    summary_sheet(sheets["summary"], len(codes) + SPARE_SUMMARY_ROWS, names, tailored, words)
    _readme(sheets["readme"], tailored, blank=not pairs, words=words)
    header = words("tracker.print_header", programme=clean(tailored.profile.programme))
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
        programme=clean(tailored.profile.programme),
        organisation=clean(tailored.profile.organisation),
    )
    book.properties.created = book.properties.modified = stamp
    out = io.BytesIO()
    book.save(out)
    return pinned_xlsx(out.getvalue(), stamp)


class Formula(str):
    """A formula Upward wrote, told apart from text that happens to start with '='."""


def mid_point_session(tailored: TailoredKit) -> int | None:
    """The session that reviews the half-way point, the one the messages, the agreement and the
    calendar name (TailoredKit.mid_point); none in a programme of one session."""
    return tailored.mid_point if len(tailored.schedule) >= 2 else None


# --- cells ----------------------------------------------------------------------------------


def _header(sheet: Worksheet, key: str, words: Words, row: int = 1) -> None:
    for column, name in enumerate(COLUMNS[key], start=1):
        cell = sheet.cell(row, column, heading(key, name, words))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def _fit(sheet: Worksheet, key: str, words: Words, header_row: int = 1) -> None:
    """Widths from the longest value in each column (headings wrap, so count their words).
    One pass over the cells written (a large cohort's sessions sheet has tens of thousands)."""
    names = COLUMNS[key]
    longest = {
        index: max((len(w) for w in heading(key, name, words).split()), default=0)
        for index, name in enumerate(names, start=1)
    }
    for (row, column), cell in sheet._cells.items():
        if row <= header_row or column not in longest:
            continue
        value = cell.value
        if isinstance(value, dt.date):
            length = 10
        elif cell.data_type == "f" or value is None:
            length = 6  # a formula's result: a small number
        else:
            length = len(str(value))
        if length > longest[column]:
            longest[column] = length
    for index, name in enumerate(names, start=1):
        letter = get_column_letter(index)
        if name in ("notes", "change", "evidence"):
            sheet.column_dimensions[letter].width = NOTE_WIDTH
        else:
            width = max(MIN_WIDTH, min(MAX_WIDTH, longest[index] + 3))
            sheet.column_dimensions[letter].width = width


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
                put_value(sheet, row, index, value)
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
    names: SheetNames,
    lists: dict[str, str],
    words: Words,
) -> None:
    profile = tailored.profile
    row_of = names.programme_row
    cadence_cell = f"$B${row_of['cadence']}"
    days = "30"
    for cadence, count in reversed(CADENCE_DAYS.items()):
        days = (
            f"IF({cadence_cell}={formula_text(_label('cadence', cadence, words))},{count},{days})"
        )
    applied = recorded.programme if recorded else None
    values: dict[str, object] = {
        "organisation": profile.organisation,
        "programme": profile.programme,
        "contact_name": profile.contact.name if profile.contact else "",
        "contact_email": profile.contact.email if profile.contact else "",
        "cadence": _label("cadence", profile.cadence, words),
        "days_between": Formula(f"={days}"),
        "quiet_days": Formula(f"={QUIET_FACTOR}*B{row_of['days_between']}"),
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
        if isinstance(value, Formula):
            sheet.cell(row, 2, str(value))
        else:
            put_value(sheet, row, 2, value)
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
            put_value(sheet, row, column, values[name])
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
        letter = column_letter("sessions", column)
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
        put_value(sheet, row, column, values.get(name))


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
    baseline, final = column_letter("goals", "baseline"), column_letter("goals", "final")
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
                put_value(sheet, row, column, values.get(name))
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
            put_value(sheet, row, column, values[name])
    last = len(actions) + 1 + BLANK_ACTIONS + VALIDATED_ROWS
    _validate_columns(sheet, "actions", lists, words, last)
    _table(sheet, "actions", len(actions) + BLANK_ACTIONS, words)


def _readme(sheet: Worksheet, tailored: TailoredKit, *, blank: bool, words: Words) -> None:
    profile = tailored.profile
    cadence = profile.cadence
    lines: list[tuple[str, str]] = [
        (
            "title",
            words(
                "tracker.title",
                programme=clean(profile.programme),
                organisation=clean(profile.organisation),
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
        cell = sheet.cell(row, 1, clean(text))
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
            sheet.row_dimensions[row].height = row_height(
                text, README_WIDTH * (0.9 if kind == "note" else 1)
            )
