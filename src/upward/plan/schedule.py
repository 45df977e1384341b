"""When a programme's sessions fall: one working day per session, at the profile's cadence.

A weekly or fortnightly series keeps the start's weekday. A monthly or quarterly series keeps a
weekday rule, not a day number: the start's weekday and its place in the month ("second
Monday"; "last Friday" when the start is in the month's last week), or the profile's
`session_day`. A planned date that is not a working day (a weekend, a public holiday, a
blackout) moves to the next working day, never onto or past the next session's planned date;
when no working day is left before it (a weekly series in a closed Christmas week), the series
slides one step, and the move says so. Every move is kept, so the tailor summary can report it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from upward.model.org_calendar import ORDINALS, WEEKDAYS
from upward.plan.working_days import SEARCH_LIMIT, NoWorkingDay, WorkingCalendar
from upward.words import Words, english

STEP_MONTHS = {"monthly": 1, "quarterly": 3}
STEP_DAYS = {"weekly": 7, "fortnightly": 14}
LAST = len(ORDINALS)  # "last" is the fifth ordinal


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month `months` later, or the month's last day (31 Jan -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DayRule:
    """A day of the month by weekday: the `ordinal`-th (1-4, or LAST) `weekday` (Monday = 0)."""

    ordinal: int
    weekday: int

    @classmethod
    def parse(cls, text: str) -> DayRule:
        """'second monday' (as the profile keeps it, checked there)."""
        ordinal, weekday = text.lower().split()
        return cls(ORDINALS.index(ordinal) + 1, WEEKDAYS.index(weekday))

    @classmethod
    def of(cls, day: dt.date) -> DayRule:
        """The rule `day` follows: its weekday and place in the month, 'last' when it falls in
        the month's last seven days (so the 29th-31st, and a fourth that is also the last)."""
        if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
            return cls(LAST, day.weekday())
        return cls((day.day - 1) // 7 + 1, day.weekday())

    def in_month(self, year: int, month: int) -> dt.date:
        if self.ordinal == LAST:
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            return last - dt.timedelta(days=(last.weekday() - self.weekday) % 7)
        first = dt.date(year, month, 1)
        return first + dt.timedelta(
            days=(self.weekday - first.weekday()) % 7 + 7 * (self.ordinal - 1)
        )

    def describe(self, words: Words) -> str:
        """'second Monday', in the words' language."""
        return words(
            "schedule.rule",
            ordinal=words.list("schedule.ordinals")[self.ordinal - 1],
            weekday=words.list("dates.weekdays")[self.weekday],
        )


@dataclass(frozen=True)
class Move:
    """A session that could not keep its planned date."""

    number: int
    planned: dt.date
    moved_to: dt.date
    reason: str  # why the planned date is not a working day ("Easter Monday")
    slid: bool = False  # no working day was left before the next session: the series slid

    def describe(self, words: Words) -> str:
        """'session 4 moved from Monday 6 April 2026 (Easter Monday) to Tuesday 7 April'."""
        key = "schedule.slid" if self.slid else "schedule.moved"
        return words(
            key,
            number=self.number,
            planned=words.date(self.planned),
            reason=self.reason,
            moved=words.date(self.moved_to, year=self.moved_to.year != self.planned.year),
        )


@dataclass(frozen=True)
class Schedule:
    dates: tuple[dt.date, ...]
    moves: tuple[Move, ...] = ()
    rule: DayRule | None = None  # the day a monthly or quarterly series keeps


def planned_slots(start: dt.date, cadence: str, rule: DayRule | None) -> Callable[[int], dt.date]:
    """The i-th planned date of the series (before any move); slot 0 is the start."""
    if cadence in STEP_DAYS:
        return lambda i: start + dt.timedelta(days=STEP_DAYS[cadence] * i)
    step = STEP_MONTHS[cadence]
    if rule is None:
        return lambda i: add_months(start, step * i)

    def slot(i: int) -> dt.date:
        if i == 0:
            return start
        month = add_months(start.replace(day=1), step * i)
        return rule.in_month(month.year, month.month)

    return slot


def series_anchor(start: dt.date, working: WorkingCalendar) -> dt.date:
    """Where the series counts from: the start, or, when nobody works on the start's weekday
    (a Sunday), the next day whose weekday is worked, so the series keeps a worked weekday."""
    anchor = start
    while anchor.weekday() not in working.weekdays:
        anchor += dt.timedelta(days=1)
    return anchor


def series_rule(anchor: dt.date, cadence: str, stated: str | None) -> DayRule | None:
    """The day rule a monthly or quarterly series keeps (None for weekly and fortnightly): the
    profile's, else the anchor's."""
    if cadence not in STEP_MONTHS:
        return None
    return DayRule.parse(stated) if stated else DayRule.of(anchor)


def working_schedule(
    start: dt.date,
    cadence: str,
    count: int,
    working: WorkingCalendar,
    stated_rule: str | None = None,
) -> Schedule:
    """`count` session dates on working days, with every move from the planned series."""
    anchor = series_anchor(start, working)
    rule = series_rule(anchor, cadence, stated_rule)
    slot = planned_slots(anchor, cadence, rule)
    dates: list[dt.date] = []
    moves: list[Move] = []
    index = 0
    for number in range(1, count + 1):
        planned = start if number == 1 else slot(index)
        reason = working.why_not(planned)
        slid = False
        while True:
            candidate = slot(index)
            following = slot(index + 1)
            day = _first_working(working, candidate, following)
            if day is not None:
                break
            slid, reason = True, reason or working.why_not(candidate)
            index += 1
            if index > SEARCH_LIMIT:
                words = english()
                raise NoWorkingDay(
                    words(
                        "read.working_days.none_for_session",
                        number=number,
                        limit=SEARCH_LIMIT,
                        cadence=cadence,
                        day=planned.isoformat(),
                    )
                )
        dates.append(day)
        if day != planned:
            moves.append(Move(number, planned, day, reason or "", slid))
        index += 1
    return Schedule(tuple(dates), tuple(moves), rule)


def _first_working(working: WorkingCalendar, day: dt.date, before: dt.date) -> dt.date | None:
    """The first working day from `day`, if there is one before `before`."""
    while day < before:
        if working.is_working(day):
            return day
        day += dt.timedelta(days=1)
    return None


def session_dates(start: dt.date, cadence: str, count: int) -> list[dt.date]:
    """Planned dates without a working calendar: every day counts as working. Kept for
    callers that want the bare series (and for its tests)."""
    every_day = WorkingCalendar(weekdays=frozenset(range(7)))
    return list(working_schedule(start, cadence, count, every_day).dates)
