"""Matching results as CSV files: pairs, people without a pair, what an unwind changed, circles.

Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` as a formula, so such a
value (a name can start with anything) is written with a leading apostrophe, which they show as
text; `load.pairs` removes it again when a file comes back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from upward.model.applications import CircleResult, MatchResult
from upward.words import matching as words

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accented names correctly when opened."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}"


def pair_rows(result: MatchResult) -> list[list[object]]:
    people = result.people
    return [
        [
            p.mentor,
            p.mentee,
            score_text(p.score),
            p.reasons,
            people[p.mentor].full_name,
            people[p.mentee].full_name,
            people[p.mentor].team,
            people[p.mentee].team,
            words.slot_label(p.first_slot, plural=False) if p.first_slot else "",
            p.status,
        ]
        for p in result.pairs
    ]


def unmatched_rows(result: MatchResult | CircleResult) -> list[list[object]]:
    people = result.people
    return [
        [u.email, u.role, u.why, people[u.email].full_name, people[u.email].team]
        for u in result.unmatched
    ]


def pairs_csv(result: MatchResult) -> bytes:
    return csv_bytes(words.COLUMNS["pairs"], pair_rows(result))


def unmatched_csv(result: MatchResult | CircleResult) -> bytes:
    return csv_bytes(words.COLUMNS["unmatched"], unmatched_rows(result))


def changes_csv(result: MatchResult) -> bytes:
    return csv_bytes(
        words.COLUMNS["changes"],
        (
            [words.CHANGES[c.kind], c.mentor, c.mentee, score_text(c.score), c.reasons]
            for c in result.changes
        ),
    )


def circles_csv(result: CircleResult) -> bytes:
    rows = []
    people = result.people
    for circle in result.circles:
        slot = words.slot_label(circle.slot)
        for email in circle.mentors:
            rows.append(
                [
                    circle.number,
                    "mentor",
                    email,
                    people[email].full_name,
                    people[email].team,
                    slot,
                    "",
                    "",
                ]
            )
        for email in circle.mentees:
            rows.append(
                [
                    circle.number,
                    "mentee",
                    email,
                    people[email].full_name,
                    people[email].team,
                    slot,
                    score_text(circle.scores[email]),
                    circle.reasons[email],
                ]
            )
    return csv_bytes(words.COLUMNS["circles"], rows)
