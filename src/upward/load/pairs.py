"""Read pairs back: a reviewed `pairs.xlsx` (or `pairs.csv`), the current pairs of an unwind (an
`ended` column), and plain lists of pairs (self-made pairs to check, a never-again list).

Every file is a table with `mentor_email` and `mentee_email` columns (the headings our own
outputs use); yes/no cells accept what people type (yes, y, x, true, 1 and their opposites).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from upward.load.applications import EMAIL
from upward.load.roster import pair_code
from upward.load.sources import Record, Table, read_table_file
from upward.model.applications import CurrentPair, PairRef
from upward.problems import Problem
from upward.words import matching as words

KEY = "mentor-email"
YES = frozenset({"yes", "y", "x", "true", "1", "\u2713", "\u2714", "approve", "approved"})
NO = frozenset({"", "no", "n", "false", "0", "-"})
FORMULA_PREFIX = ("'=", "'+", "'-", "'@", "'\t", "'\r")
CODE = re.compile(r"P\d{2,4}")


@dataclass(frozen=True)
class Review:
    """What a programme lead decided in the review workbook."""

    keep: tuple[PairRef, ...]  # approved or locked: kept as they are
    declined: tuple[PairRef, ...]  # never proposed again
    problems: tuple[Problem, ...]


def _plain(value: object) -> str:
    text = "" if value is None else str(value).strip()
    return text[1:] if text.startswith(FORMULA_PREFIX) else text  # undo render.tables.safe_cell


def _tables(path: Path, extra: frozenset[str], problems: list[Problem]) -> list[Table]:
    got = read_table_file(path, KEY, frozenset({"mentor-email", "mentee-email"}) | extra)
    if isinstance(got, Problem):
        problems.append(got)
        return []
    for table in got:
        if "mentee-email" not in table.columns:
            problems.append(
                Problem(
                    table.file,
                    table.header_row,
                    field="mentee_email",
                    message=words.READ["pairs_columns"].format(column="mentee_email"),
                )
            )
    return [t for t in got if "mentee-email" in t.columns]


def _pair(record: Record, problems: list[Problem]) -> PairRef | None:
    emails = []
    for name in ("mentor-email", "mentee-email"):
        value = _plain(record.values.get(name)).casefold()
        if not EMAIL.match(value):
            problems.append(
                Problem(
                    record.file,
                    record.row,
                    record.columns.get(name, 0),
                    name.replace("-", "_"),
                    words.READ["bad_email"].format(value=value),
                )
            )
            return None
        emails.append(value)
    return PairRef(emails[0], emails[1], record.file, record.row)


def _yes(record: Record, name: str, problems: list[Problem]) -> bool:
    value = _plain(record.values.get(name)).casefold()
    if value in YES or record.values.get(name) is True:
        return True
    if value in NO or record.values.get(name) in (None, False):
        return False
    problems.append(
        Problem(
            record.file,
            record.row,
            record.columns.get(name, 0),
            name,
            words.READ["yes_no"].format(value=value),
        )
    )
    return False


def _records(table: Table) -> list[Record]:
    return [r for r in table.records if any(_plain(v) for v in r.values.values())]


def read_review(path: Path) -> Review:
    """Approved and locked rows are kept; declined rows are never made again."""
    problems: list[Problem] = []
    keep: list[PairRef] = []
    declined: list[PairRef] = []
    columns = frozenset(words.COLUMNS["review"])
    for table in _tables(path, columns, problems):
        for record in _records(table):
            pair = _pair(record, problems)
            approve, decline, lock = (
                _yes(record, name, problems) for name in words.COLUMNS["review"]
            )
            if pair is None:
                continue
            if decline and (approve or lock):
                key = "approve_and_decline" if approve else "lock_and_decline"
                problems.append(
                    Problem(record.file, record.row, field="decline", message=words.READ[key])
                )
            elif decline:
                declined.append(pair)
            elif approve or lock:
                keep.append(pair)
    return Review(tuple(keep), tuple(declined), tuple(sorted(set(problems))))


def read_current(path: Path) -> tuple[tuple[CurrentPair, ...], tuple[Problem, ...]]:
    """Current pairs with an `ended` column (yes for a pair that has ended), each with its
    code: the `code` column's (as the tracker's Pairs sheet has it), else the code of its place
    among the rows, ended ones included (a copy of pairs.csv lists the pairs in code order)."""
    problems: list[Problem] = []
    pairs: list[CurrentPair] = []
    records = [
        record
        for table in _tables(path, frozenset({"ended", "code"}), problems)
        for record in _records(table)
    ]
    for place, record in enumerate(records, start=1):
        pair = _pair(record, problems)
        ended = _yes(record, "ended", problems)
        written = _plain(record.values.get("code")).upper()
        code = written if CODE.fullmatch(written) else pair_code(place, len(records))
        if pair is not None:
            pairs.append(CurrentPair(pair.mentor, pair.mentee, pair.file, pair.row, ended, code))
    return tuple(pairs), tuple(sorted(set(problems)))


def read_pair_list(path: Path) -> tuple[tuple[PairRef, ...], tuple[Problem, ...]]:
    """Pairs named in a table: self-made pairs to check, or a never-again list."""
    problems: list[Problem] = []
    pairs: list[PairRef] = []
    for table in _tables(path, frozenset(), problems):
        for record in _records(table):
            pair = _pair(record, problems)
            if pair is not None:
                pairs.append(pair)
    return tuple(pairs), tuple(sorted(set(problems)))
