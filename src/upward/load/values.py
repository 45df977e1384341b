"""Typed answers from what people type or what a program saved: dates, ratings and choices.

A cell may hold a real date (a spreadsheet's), ISO text (our forms ask for YYYY-MM-DD), or a
British day/month/year; a rating may be 4, 4.0 or "4". Anything else is not guessed at: the
caller gets `Invalid` with the words to report, and leaves that one answer out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
# A date as the forms and the text write it ("Monday 14 June 2027", "14 June 2027"): the PDF's
# prefilled dates are so, and its date fields suggest it, so a returned form reads back.
_WRITTEN = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


@dataclass(frozen=True)
class Invalid:
    """An answer that is there but cannot be used, and why (words for a problem)."""

    value: str
    why: str


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    if blank(value) or value is False:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value).strip()


def as_date(value: Any) -> dt.date | Invalid | None:
    """A date, None for no answer, or Invalid. A date with a time of day is not a session
    date someone typed, but a spreadsheet stores every date as midnight: that is accepted."""
    if blank(value):
        return None
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            return Invalid(value.isoformat(sep=" "), "not_a_date")
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = as_text(value)
    written = _WRITTEN.match(text)
    if written and _month(written.group(2)):
        day, year = int(written.group(1)), int(written.group(3))
        try:
            return dt.date(year, _month(written.group(2)), day)
        except ValueError:
            return Invalid(text, "no_such_date")
    for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0))):
        match = pattern.match(text)
        if match:
            parts = [int(match.group(i + 1)) for i in range(3)]
            try:
                return dt.date(*(parts[i] for i in order))
            except ValueError:
                return Invalid(text, "no_such_date")
    return Invalid(text, "not_a_date")


def _month(name: str) -> int:
    """1 to 12 for an English month's name or its first three letters, else 0."""
    name = name.casefold()
    return next((i for i, m in enumerate(_MONTHS, 1) if name in (m, m[:3])), 0)


def as_rating(value: Any, low: int = 1, high: int = 5) -> int | Invalid | None:
    """A whole number from `low` to `high`, None for no answer, or Invalid."""
    if blank(value) or value is False:
        return None
    if isinstance(value, bool):
        return Invalid(str(value), "not_a_rating")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = as_text(value)
        try:
            number = float(text)
        except ValueError:
            return Invalid(text, "not_a_rating")
    if not number.is_integer() or not low <= number <= high:
        return Invalid(as_text(value), "out_of_range")
    return int(number)


def fold(text: str) -> str:
    """How two labels are compared: case, spacing, hyphens and underscores do not matter."""
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def as_choice(value: Any, choices: dict[str, Iterable[str]]) -> str | Invalid | None:
    """The id of the choice whose id or any of whose labels `value` is, None for no answer,
    or Invalid. `choices` maps each id to the words that name it."""
    if blank(value) or value is False:
        return None
    wanted = fold(as_text(value))
    for choice, names in choices.items():
        if wanted == fold(choice) or any(wanted == fold(name) for name in names):
            return choice
    return Invalid(as_text(value), "not_a_choice")
