"""The profile's working-time keys: which days people work, where (public holidays), which dates
are out, and the day rule a monthly series keeps. Only the shapes and their checks live here;
the dates themselves are worked out in upward.plan.working_days and upward.plan.schedule."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag, model_validator

from upward.model.base import Strict, no_control_characters, single_line
from upward.problems import did_you_mean
from upward.words import english

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
MONDAY_TO_FRIDAY: tuple[Weekday, ...] = WEEKDAYS[:5]

ORDINALS = ("first", "second", "third", "fourth", "last")
DAY_RULE = re.compile(rf"^({'|'.join(ORDINALS)}) ({'|'.join(WEEKDAYS)})$", re.IGNORECASE)
"""'second Monday', 'last Friday': the day a monthly or quarterly series keeps."""

MilestoneId = Literal[
    "launch",
    "applications-close",
    "matching",
    "training",
    "kick-off",
    "mid-point-check-in",
    "closing-event",
    "evaluation",
]
"""The events the programme lead runs around the sessions (upward.plan.timeline dates them)."""

Booking = Literal["window", "fixed"]
"""How a session stands in the programme's calendar: a window in which each pair books its own
time, or one fixed time for everyone."""

MAX_BLACKOUT_DAYS = 366  # a range longer than a year is a typo, and would blank a whole programme


def day_rule_problem(text: str) -> str | None:
    """Why `text` is not a day rule, or None."""
    if DAY_RULE.match(" ".join(text.split())):
        return None
    words = english()
    return words("check.calendar.not_a_day_rule", value=text[:40])


@lru_cache(maxsize=1)
def supported_countries() -> dict[str, tuple[str, ...]]:
    """ISO 3166 codes the `holidays` package knows, each with its subdivision codes."""
    import holidays

    return {
        code: tuple(subdivisions)
        for code, subdivisions in holidays.list_supported_countries().items()
    }


def country_problem(code: str) -> str | None:
    countries = supported_countries()
    if code in countries:
        return None
    words = english()
    if code.upper() in countries:
        return words("check.calendar.capitals", value=code, capitals=code.upper())
    hint = did_you_mean(code.upper(), countries)
    return words("check.calendar.unknown_country", value=code[:40], did_you_mean=hint)


def subdivision_problem(country: str, subdivision: str) -> str | None:
    known = supported_countries().get(country, ())
    if subdivision in known:
        return None
    words = english()
    if not known:
        return words("check.calendar.no_subdivisions", country=country)
    if subdivision.upper() in known:
        return words("check.calendar.capitals", value=subdivision, capitals=subdivision.upper())
    choices = words("lists.separator").join(known[:12])
    if len(known) > 12:
        choices = words("check.calendar.more_choices", choices=choices)
    return words(
        "check.calendar.unknown_subdivision",
        value=subdivision[:40],
        country=country,
        did_you_mean=did_you_mean(subdivision.upper(), known),
        choices=choices,
    )


class BlackoutRange(Strict):
    """Dates when no session or programme event may fall: a shutdown, a busy season."""

    model_config = Strict.model_config | {"populate_by_name": True}

    from_: dt.date = Field(alias="from")
    to: dt.date
    reason: (
        Annotated[str, StringConstraints(min_length=1, max_length=100), Field(strict=True)] | None
    ) = None

    @model_validator(mode="after")
    def _in_order(self) -> BlackoutRange:
        words = english()
        if self.to < self.from_:
            raise ValueError(words("check.calendar.blackout_order", end=self.to, start=self.from_))
        if (self.to - self.from_).days >= MAX_BLACKOUT_DAYS:
            raise ValueError(words("check.calendar.blackout_too_long"))
        if self.reason is not None:
            no_control_characters(self.reason)
            single_line(self.reason)
        return self

    def days(self) -> list[dt.date]:
        return [self.from_ + dt.timedelta(days=i) for i in range((self.to - self.from_).days + 1)]


def _blackout_kind(value: object) -> str:
    return "range" if isinstance(value, dict | BlackoutRange) else "date"


Blackout = Annotated[
    Annotated[dt.date, Tag("date")] | Annotated[BlackoutRange, Tag("range")],
    Discriminator(_blackout_kind),
]
"""One day (`2026-12-24`) or a range (`{from: 2026-12-24, to: 2027-01-01, reason: ...}`)."""


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """IANA zone -> ISO 3166 code, from the pinned tzdata package's zone.tab (one country per
    zone), so every machine suggests the same country for a zone."""
    from importlib import resources

    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _, zone, *_ = line.split("\t")
            found[zone] = code
    return found


def zone_country(zone: str) -> str | None:
    """The country a time zone lies in (Europe/London -> GB), when the holidays data knows it."""
    code = _zone_countries().get(zone)
    return code if code in supported_countries() else None
