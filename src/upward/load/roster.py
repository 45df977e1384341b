"""The pairs a tracker starts from: `pairs.csv` (or `pairs.xlsx`) as matching wrote it.

Only the e-mails are needed (the columns `mentor_email` and `mentee_email`); names, when the
file has them, make the tracker readable. Each pair gets a short code in the file's order
(P01, P02 ...): the code people write on the after-session pulse instead of their names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from upward.load.applications import EMAIL
from upward.load.sources import read_table_file
from upward.load.values import as_text
from upward.model.applications import MatchResult
from upward.problems import Problem
from upward.words import Words, english

KEY = "mentor-email"
COLUMNS = frozenset({"mentor-email", "mentee-email", "mentor-name", "mentee-name"})
FORMULA_PREFIX = ("'=", "'+", "'-", "'@", "'\t", "'\r")  # as render.tables.safe_cell writes


@dataclass(frozen=True)
class RosterPair:
    mentor_email: str
    mentee_email: str
    mentor_name: str = ""
    mentee_name: str = ""
    code: str = ""  # empty: the code of its place in the roster


def pair_code(index: int, count: int) -> str:
    """'P07' for the seventh of up to 99 pairs; 'P007' when there are a hundred or more."""
    return f"P{index:0{max(2, len(str(count)))}d}"


def pair_codes(result: MatchResult) -> dict[tuple[str, str], str]:
    """Each pair's code by (mentor, mentee): the one an unwind fixed, else its place in
    pairs.csv's order. The introductions name it, the tracker numbers its rows with it."""
    count = len(result.pairs)
    return {
        (p.mentor, p.mentee): p.code or pair_code(n, count)
        for n, p in enumerate(result.pairs, start=1)
    }


def _number(code: str) -> int:
    return int(code[1:])


def roster_of(result: MatchResult) -> tuple[RosterPair, ...]:
    """A matching run's pairs in the order pairs.csv lists them, so the codes agree; after an
    unwind, with the codes it fixed, in code order (kept pairs in their places, new ones after)."""
    people = result.people
    roster = [
        RosterPair(
            p.mentor, p.mentee, people[p.mentor].full_name, people[p.mentee].full_name, p.code
        )
        for p in result.pairs
    ]
    if all(r.code for r in roster):
        roster.sort(key=lambda r: _number(r.code))
    return tuple(roster)


def _plain(value: object) -> str:
    text = as_text(value)
    return text[1:] if text.startswith(FORMULA_PREFIX) else text


def read_roster(
    path: Path, words: Words | None = None
) -> tuple[tuple[RosterPair, ...], tuple[Problem, ...]]:
    """The pairs in a pairs file, in its order, and every problem with its row and column."""
    words = words or english()
    got = read_table_file(path, KEY, COLUMNS)
    if isinstance(got, Problem):
        return (), (got,)
    pairs: list[RosterPair] = []
    problems: list[Problem] = []
    for table in got:
        if "mentee-email" not in table.columns:
            problems.append(
                Problem(
                    table.file,
                    table.header_row,
                    field="mentee_email",
                    message=words("returns.problems.no_column", column="mentee_email"),
                )
            )
            continue
        for record in table.records:
            values = {k: _plain(v) for k, v in record.values.items()}
            if not any(values.values()):
                continue
            emails = []
            for name in ("mentor-email", "mentee-email"):
                email = values.get(name, "").casefold()
                if not EMAIL.match(email):
                    problems.append(
                        Problem(
                            record.file,
                            record.row,
                            record.columns.get(name, 0),
                            name.replace("-", "_"),
                            words("returns.problems.bad_email", value=email),
                        )
                    )
                emails.append(email)
            if all(EMAIL.match(e) for e in emails):
                pairs.append(
                    RosterPair(
                        emails[0],
                        emails[1],
                        values.get("mentor-name", ""),
                        values.get("mentee-name", ""),
                    )
                )
    return tuple(pairs), tuple(sorted(set(problems)))
