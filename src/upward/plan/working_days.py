"""Which days people work: the organisation's working weekdays, less the public holidays of its
country and region (the `holidays` package) and the profile's blackout dates.

Sessions and programme events are people's working time, so every date the kit proposes is
checked here, and a date that is not a working day says why ("Easter Monday", "Saturday").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from upward.model import Profile
from upward.model.org_calendar import WEEKDAYS, BlackoutRange
from upward.words import Words, english

if TYPE_CHECKING:
    from holidays import HolidayBase

SEARCH_LIMIT = 400
"""Days searched for the next working day before giving up: a profile whose working days never
come (every weekday a blackout for a year) cannot be scheduled, and says so."""


class NoWorkingDay(ValueError):
    """No working day within SEARCH_LIMIT days of a date."""


@dataclass(frozen=True)
class WorkingCalendar:
    """The working days of one organisation, with the reason each other day is not one."""

    weekdays: frozenset[int] = frozenset(range(5))  # Monday = 0
    blackout: dict[dt.date, str] = field(default_factory=dict)  # date -> reason, "" if none
    country: str | None = None
    subdivision: str | None = None
    words: Words = field(default_factory=english, compare=False, repr=False)
    _holidays: HolidayBase | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.country:
            object.__setattr__(self, "_holidays", _public_holidays(self))

    def holiday(self, day: dt.date) -> str | None:
        """The public holiday's name on `day`, or None."""
        if self._holidays is None:
            return None
        name = self._holidays.get(day)
        return "; ".join(sorted(set(name.split("; ")))) if name else None

    def why_not(self, day: dt.date) -> str | None:
        """Why `day` is not a working day ("Saturday", "Easter Monday", "a blackout date:
        office closed"), or None when it is one."""
        if day.weekday() not in self.weekdays:
            return self.words.list("dates.weekdays")[day.weekday()]
        holiday = self.holiday(day)
        if holiday:
            return holiday
        if day in self.blackout:
            reason = self.blackout[day]
            return (
                self.words("schedule.blackout_because", reason=reason)
                if reason
                else self.words("schedule.blackout")
            )
        return None

    def is_working(self, day: dt.date) -> bool:
        return self.why_not(day) is None

    def next_working(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the first working day after it."""
        for offset in range(SEARCH_LIMIT):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working(candidate):
                return candidate
        words = english()
        raise NoWorkingDay(
            words("read.working_days.none_from", limit=SEARCH_LIMIT, day=day.isoformat())
        )

    def working_days_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Working days from `first` to `last`, both included."""
        days = (last - first).days + 1
        return [
            first + dt.timedelta(days=i)
            for i in range(max(days, 0))
            if self.is_working(first + dt.timedelta(days=i))
        ]


def _public_holidays(calendar: WorkingCalendar) -> HolidayBase:
    """The country's (and region's) public holidays, named in the words' language when the
    data has it (English names for an English kit), else in the country's own."""
    import holidays

    assert calendar.country is not None
    probe = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision)
    supported = getattr(probe, "supported_languages", ()) or ()
    locale = calendar.words("language.locale").replace("-", "_")
    wanted = [locale, locale.split("_")[0], "en_GB", "en_US"]
    language = next((code for code in wanted if code in supported), None)
    return holidays.country_holidays(
        calendar.country, subdiv=calendar.subdivision, language=language
    )


def working_calendar(profile: Profile, words: Words | None = None) -> WorkingCalendar:
    """The working calendar a profile describes."""
    blackout: dict[dt.date, str] = {}
    for entry in profile.blackout:
        if isinstance(entry, BlackoutRange):
            for day in entry.days():
                blackout.setdefault(day, entry.reason or "")
        else:
            blackout.setdefault(entry, "")
    return WorkingCalendar(
        weekdays=frozenset(WEEKDAYS.index(day) for day in profile.working_days),
        blackout=blackout,
        country=profile.country,
        subdivision=profile.subdivision,
        words=words or english(),
    )
