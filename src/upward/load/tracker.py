"""The tracker workbook's shape, and reading a filled one back with every problem located.

`render.tracker` writes `tracker.xlsx` from this shape; `read_tracker` reads what a programme
lead typed into it. Columns are found by their headings (in the tracker's language, or as the
column ids below), so a lead may reorder or add columns; choices are read by their labels or
ids. A value that cannot be used (a rating of 7, a date that is not a date, a pair code with no
row in Pairs) is a `Problem` naming the file, sheet, row, column and field, and is left out: the
rest of the tracker is still read.

    tracker = read_tracker(Path("tracker.xlsx"))
    tracker.pairs, tracker.sessions, tracker.goals, tracker.actions, tracker.problems
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from upward.load.sources import (
    HEADER_ROWS,
    MAX_ROWS,
    XLSX_UNPACKED,
    Record,
    column_id,
    read_bounded,
    table_from_rows,
)
from upward.load.tracker_shape import (
    CHOICE_COLUMNS,
    COLUMNS,
    MAX_GOALS,
    PROGRAMME_ROWS,
    SHEETS,
    choice_labels,
    heading,
    sheet_title,
)
from upward.load.values import Invalid, as_choice, as_date, as_rating, as_text, fold
from upward.model.tracker import (
    Action,
    GoalRating,
    ProgrammeFacts,
    TrackedPair,
    TrackedSession,
    Tracker,
    quiet_days,
)
from upward.problems import Problem, did_you_mean, display_path
from upward.words import Words, english

# --- reading --------------------------------------------------------------------------------


@dataclass
class _Reading:
    shown: str
    words: Words
    problems: list[Problem] = field(default_factory=list)

    def problem(self, sheet: str, row: int, column: int, name: str, message: str) -> None:
        self.problems.append(Problem(f"{self.shown}[{sheet}]", row, column, name, message))


def read_tracker(path: Path, words: Words | None = None) -> Tracker:
    """Everything a lead recorded; problems are located and the rest is still read."""
    words = words or english()
    shown = display_path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):  # before reading: say what a tracker is
        return Tracker(shown, ProgrammeFacts(), problems=(_problem(shown, "not_xlsx", words),))
    got = read_bounded(path, shown)
    if isinstance(got, Problem):
        return Tracker(shown, ProgrammeFacts(), problems=(got,))
    kind, data = got
    if kind != "xlsx":
        return Tracker(shown, ProgrammeFacts(), problems=(_problem(shown, "not_xlsx", words),))
    book = _open(data, shown, words)
    if isinstance(book, Problem):
        return Tracker(shown, ProgrammeFacts(), problems=(book,))
    reading = _Reading(shown, words)
    try:
        found = find_sheets(book, words)
        sheets = {}
        for key in ("programme", "pairs", "sessions", "goals", "actions"):
            if key in found:
                sheets[key] = book[found[key]]
                continue
            title = sheet_title(key, words)
            near = did_you_mean(title, [t for t in book.sheetnames if t not in found.values()])
            reading.problems.append(
                Problem(shown, message=words("returns.problems.no_sheet", sheet=title) + near)
            )
        programme = _programme(sheets.get("programme"), reading)
        tables = {
            key: _records(key, sheets[key], reading)
            for key in ("pairs", "sessions", "goals", "actions")
            if key in sheets
        }
    finally:
        book.close()
    none: tuple[str, list[Record]] = ("", [])
    pairs = _pairs(tables.get("pairs", none), reading)
    # without a Pairs sheet every other row's pair code is unknown: one problem, not hundreds
    codes = {p.code for p in pairs} if "pairs" in sheets else None
    sessions = _sessions(tables.get("sessions", none), codes, programme.sessions, reading)
    goals = _goals(tables.get("goals", none), codes, reading)
    actions = _actions(tables.get("actions", none), codes, reading)
    return Tracker(
        shown,
        programme,
        tuple(pairs),
        tuple(sessions),
        tuple(goals),
        tuple(actions),
        tuple(sorted(set(reading.problems))),
        tuple(sheets),
    )


def find_sheets(book: Any, words: Words) -> dict[str, str]:
    """Each of the tracker's sheets (by key) and its title in `book`: by its title, else, for
    a table sheet renamed (translated, say), the one other sheet whose headings are that
    sheet's: its first two columns (the pair and what the row is) and most of the rest."""
    titles = {fold(name): name for name in book.sheetnames}
    found = {
        k: titles[fold(sheet_title(k, words))]
        for k in SHEETS
        if fold(sheet_title(k, words)) in titles
    }
    for key in ("pairs", "sessions", "goals", "actions"):
        if key in found:
            continue
        best, score = None, 0
        for title in book.sheetnames:
            if title in found.values():
                continue
            named = _columns_named(key, book[title], words)
            if set(COLUMNS[key][:2]) <= named and len(named) > score:
                best, score = title, len(named)
        if best is not None and score * 2 >= len(COLUMNS[key]):
            found[key] = best
    return found


def _columns_named(key: str, sheet: Any, words: Words) -> set[str]:
    """The columns of tracker sheet `key` that `sheet`'s most telling heading row names."""
    by_heading = {column_id(heading(key, c, words)): c for c in COLUMNS[key]}
    by_heading |= {column_id(c): c for c in COLUMNS[key]}
    best: set[str] = set()
    for row in sheet.iter_rows(max_row=HEADER_ROWS, values_only=True):
        named = {by_heading[i] for i in map(column_id, row or ()) if i in by_heading}
        if len(named) > len(best):
            best = named
    return best


def _problem(shown: str, key: str, words: Words, **values: Any) -> Problem:
    return Problem(shown, message=words(f"returns.problems.{key}", **values))


def _open(data: bytes, shown: str, words: Words) -> Any:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return _problem(shown, "not_xlsx", words)
    if unpacked > XLSX_UNPACKED:
        return _problem(shown, "not_xlsx", words)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        return _problem(shown, "not_xlsx", words)


def _programme(sheet: Any, reading: _Reading) -> ProgrammeFacts:
    """The labelled values of the Programme sheet, by their labels in column A."""
    if sheet is None:
        return ProgrammeFacts()
    words = reading.words
    by_label = {fold(words(f"tracker.programme.{key}")): key for key in PROGRAMME_ROWS}
    by_label |= {fold(key): key for key in PROGRAMME_ROWS}
    found: dict[str, tuple[Any, int]] = {}
    for number, row in enumerate(sheet.iter_rows(max_row=60, max_col=2, values_only=True), 1):
        if row and row[0] is not None and fold(as_text(row[0])) in by_label:
            found[by_label[fold(as_text(row[0]))]] = (row[1] if len(row) > 1 else None, number)
    title = sheet_title("programme", words)
    values: dict[str, Any] = {}
    for key in ("organisation", "programme", "contact_name", "contact_email"):
        values[key] = as_text(found.get(key, (None, 0))[0])
    cadence_cell, row = found.get("cadence", (None, 0))
    cadence = as_choice(cadence_cell, _choices("cadence", words))
    if isinstance(cadence, Invalid):
        reading.problem(title, row, 2, "cadence", _why(cadence, words, "cadence"))
        cadence = None
    values["cadence"] = cadence or "monthly"
    quiet, row = found.get("quiet_days", (None, 0))
    if isinstance(quiet, int | float) and not isinstance(quiet, bool) and quiet > 0:
        values["quiet_days"] = float(quiet)  # the lead's own number, or a saved formula's value
    else:
        values["quiet_days"] = quiet_days(values["cadence"])
    for key in ("sessions", "mid_point", "applied_mentors", "applied_mentees"):
        cell, row = found.get(key, (None, 0))
        number = _count(cell)
        if isinstance(number, Invalid):
            reading.problem(title, row, 2, key, _why(number, words, key))
            number = None
        values[key] = number
    values["sessions"] = values["sessions"] or 0
    for key in ("start", "end"):
        cell, row = found.get(key, (None, 0))
        day = as_date(cell)
        if isinstance(day, Invalid):
            reading.problem(title, row, 2, key, _why(day, words, key))
            day = None
        values[key] = day
    return ProgrammeFacts(**values)


def _count(value: Any) -> int | Invalid | None:
    got = as_rating(value, 0, 1_000_000)
    if isinstance(got, Invalid):
        return Invalid(got.value, "not_a_count")
    return got


def _choices(kind: str, words: Words) -> dict[str, list[str]]:
    return {key: [label] for key, label in choice_labels(kind, words).items()}


def _why(invalid: Invalid, words: Words, name: str = "", kind: str = "") -> str:
    options = ""
    if kind:
        options = ", ".join(choice_labels(kind, words).values())
    return words(
        f"returns.problems.{invalid.why}", value=invalid.value, field=name, options=options
    )


def _records(key: str, sheet: Any, reading: _Reading) -> tuple[str, list[Record]]:
    """The sheet's rows as records keyed by column id, found under their headings."""
    words = reading.words
    by_heading = {}
    for column in COLUMNS[key]:
        by_heading[column_id(heading(key, column, reading.words))] = column
        by_heading[column_id(column)] = column
    title = sheet.title
    table = table_from_rows(
        _limited(sheet.iter_rows(values_only=True)),
        f"{reading.shown}[{title}]",
        frozenset(by_heading),
        column_id(heading(key, COLUMNS[key][0], words)),
    )
    if isinstance(table, Problem):
        reading.problems.append(table)
        return title, []
    missing = [c for c in COLUMNS[key][:2] if not _has(table.columns, by_heading, c)]
    for column in missing:
        reading.problem(
            title,
            table.header_row,
            0,
            column,
            words("returns.problems.no_column", column=heading(key, column, words)),
        )
    if missing:
        return title, []
    out = []
    for record in table.records:
        values = {by_heading[k]: v for k, v in record.values.items() if k in by_heading}
        columns = {by_heading[k]: c for k, c in record.columns.items() if k in by_heading}
        if any(not _blank_cell(v) for v in values.values()):
            out.append(Record(record.file, record.row, values, columns))
    return title, out


def _has(columns: dict[str, int], by_heading: dict[str, str], column: str) -> bool:
    return any(by_heading[k] == column for k in columns if k in by_heading)


def _limited(rows: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS + HEADER_ROWS:
            return
        yield row


def _blank_cell(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, str) and not value.strip())


class _Row:
    """Typed values of one record, each problem reported at its cell."""

    def __init__(self, sheet: str, record: Record, title: str, reading: _Reading) -> None:
        self.sheet, self.record, self.title, self.reading = sheet, record, title, reading

    def _report(self, column: str, invalid: Invalid, kind: str = "") -> None:
        words = self.reading.words
        self.reading.problem(
            self.title,
            self.record.row,
            self.record.columns.get(column, 0),
            heading(self.sheet, column, words),
            _why(invalid, words, heading(self.sheet, column, words), kind),
        )

    def text(self, column: str) -> str:
        return as_text(self.record.values.get(column))

    def date(self, column: str) -> dt.date | None:
        got = as_date(self.record.values.get(column))
        if isinstance(got, Invalid):
            self._report(column, got)
            return None
        return got

    def rating(self, column: str) -> int | None:
        got = as_rating(self.record.values.get(column))
        if isinstance(got, Invalid):
            self._report(column, got)
            return None
        return got

    def number(self, column: str, high: int) -> int | None:
        got = as_rating(self.record.values.get(column), 1, high)
        if isinstance(got, Invalid):
            self._report(column, Invalid(got.value, "not_a_number"))
            return None
        return got

    def choice(self, column: str) -> str:
        kind = CHOICE_COLUMNS[(self.sheet, column)]
        got = as_choice(self.record.values.get(column), _choices(kind, self.reading.words))
        if isinstance(got, Invalid):
            self._report(column, got, kind)
            return ""
        return got or ""

    def missing(self, column: str) -> None:
        words = self.reading.words
        self.reading.problem(
            self.title,
            self.record.row,
            self.record.columns.get(column, 0),
            heading(self.sheet, column, words),
            words("returns.problems.missing", field=heading(self.sheet, column, words)),
        )

    def known_pair(self, codes: set[str] | None) -> str | None:
        code = self.text("pair")
        if code and (codes is None or code in codes):
            return code
        words = self.reading.words
        if code:
            message = words("returns.problems.unknown_pair", value=code)
        else:
            message = words("returns.problems.no_pair")
        self.reading.problem(
            self.title,
            self.record.row,
            self.record.columns.get("pair", 0),
            heading(self.sheet, "pair", words),
            message,
        )
        return None


def _pairs(records: tuple[str, list[Record]], reading: _Reading) -> list[TrackedPair]:
    pairs: list[TrackedPair] = []
    seen: set[str] = set()
    title, rows = records
    for record in rows:
        row = _Row("pairs", record, title, reading)
        code = row.text("code")
        if not code:
            continue
        if code in seen:
            reading.problem(
                title,
                record.row,
                record.columns.get("code", 0),
                heading("pairs", "code", reading.words),
                reading.words("returns.problems.pair_twice", value=code),
            )
            continue
        seen.add(code)
        pairs.append(
            TrackedPair(
                code=code,
                mentor_name=row.text("mentor_name"),
                mentor_email=row.text("mentor_email").casefold(),
                mentee_name=row.text("mentee_name"),
                mentee_email=row.text("mentee_email").casefold(),
                status=row.choice("status") or "active",
                ended_on=row.date("ended_on"),
                mid_point_done=row.date("mid_point_done"),
                notes=row.text("notes"),
                row=record.row,
            )
        )
    return pairs


def _sessions(
    records: tuple[str, list[Record]], codes: set[str] | None, plan: int, reading: _Reading
) -> list[TrackedSession]:
    """The sessions; one numbered beyond the `plan` (the Programme sheet's number of sessions,
    when it has one) is left out and named: a slip (9 for 3) far more often than a pair that met
    more often, and a lead whose pair did raises the number there."""
    sessions = []
    title, rows = records
    for record in rows:
        row = _Row("sessions", record, title, reading)
        code = row.known_pair(codes)
        number = row.number("number", 1000)
        if number is not None and plan and number > plan:
            reading.problem(
                title,
                record.row,
                record.columns.get("number", 0),
                heading("sessions", "number", reading.words),
                reading.words("returns.problems.beyond_plan", value=number, count=plan),
            )
            continue
        if code is None or number is None:
            continue
        sessions.append(
            TrackedSession(
                pair=code,
                number=number,
                title=row.text("title"),
                planned=row.date("planned"),
                status=row.choice("status"),
                held_on=row.date("held_on"),
                by=row.choice("by"),
                mentor_useful=row.rating("mentor_useful"),
                mentor_open=row.rating("mentor_open"),
                mentee_useful=row.rating("mentee_useful"),
                mentee_open=row.rating("mentee_open"),
                notes=row.text("notes"),
                row=record.row,
            )
        )
    return sessions


def _goals(
    records: tuple[str, list[Record]], codes: set[str] | None, reading: _Reading
) -> list[GoalRating]:
    goals = []
    title, rows = records
    for record in rows:
        row = _Row("goals", record, title, reading)
        code = row.known_pair(codes)
        number = row.number("number", MAX_GOALS)
        if code is None or number is None:
            continue
        goals.append(
            GoalRating(
                pair=code,
                number=number,
                goal_id=row.text("goal_id"),
                baseline=row.rating("baseline"),
                final=row.rating("final"),
                row=record.row,
            )
        )
    return goals


def _actions(
    records: tuple[str, list[Record]], codes: set[str] | None, reading: _Reading
) -> list[Action]:
    actions = []
    title, rows = records
    for record in rows:
        row = _Row("actions", record, title, reading)
        code = row.known_pair(codes)
        level = row.choice("level")
        if not level and "level" in record.columns and not _blank_cell(record.values.get("level")):
            continue  # reported by choice()
        if not level:
            row.missing("level")
        if code is None or not level:
            continue
        actions.append(
            Action(
                pair=code,
                level=level,
                change=row.text("change"),
                date=row.date("date"),
                evidence=row.text("evidence"),
                report=row.choice("report"),
                credit=row.choice("credit"),
                row=record.row,
            )
        )
    return actions
