"""When a programme's sessions fall: one date per session, at the profile's cadence."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month `months` later, or the month's last day (31 Jan -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def session_dates(start: dt.date, cadence: str, count: int) -> list[dt.date]:
    """The date of each session; monthly series keep their day of the month where they can."""
    if cadence == "weekly":
        return [start + dt.timedelta(weeks=i) for i in range(count)]
    if cadence == "fortnightly":
        return [start + dt.timedelta(weeks=2 * i) for i in range(count)]
    step = {"monthly": 1, "quarterly": 3}[cadence]
    return [add_months(start, step * i) for i in range(count)]
