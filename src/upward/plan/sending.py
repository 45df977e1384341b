"""When each stage message goes out: real dates from the programme's schedule.

A message's `send` counts from a session (the first, the mid-point, the last, a numbered one, or
each one) and a number of days before or after it. A date on a Saturday or Sunday moves to the
Friday before: a message is better a day early than read on a weekend, and nobody is asked to
work one. A message without `send` goes when it is needed (a pair gone quiet) and has no date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upward.model import Message, SendAt
from upward.plan.tailored import ScheduledSession, TailoredKit

MID_POINT_FORM = "mid-point-check-in"


@dataclass(frozen=True)
class Sending:
    """One message to send: the date (None: when needed) and, for a message sent for each
    session, that session."""

    message: Message
    date: dt.date | None
    session: ScheduledSession | None = None


def weekday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def mid_point(schedule: tuple[ScheduledSession, ...]) -> ScheduledSession:
    """The session whose form is the mid-point check-in, else the middle one."""
    marked = [s for s in schedule if s.session.form == MID_POINT_FORM]
    return marked[0] if marked else schedule[(len(schedule) - 1) // 2]


def anchor(schedule: tuple[ScheduledSession, ...], send: SendAt) -> ScheduledSession:
    if send.session == "first":
        return schedule[0]
    if send.session == "last":
        return schedule[-1]
    if send.session == "mid-point":
        return mid_point(schedule)
    number = int(send.session)
    index = number - 1 if number > 0 else len(schedule) + number
    return schedule[min(max(index, 0), len(schedule) - 1)]  # a short programme: the nearest


def sendings(tailored: TailoredKit) -> list[Sending]:
    """Every message of the kit with its date, in the order of the programme."""
    out: list[Sending] = []
    schedule = tailored.schedule
    for message in sorted(tailored.kit.messages, key=lambda m: m.order):
        send = message.send
        if send is None:
            out.append(Sending(message, None))
        elif send.session == "each":
            for scheduled in schedule:
                day = scheduled.date + dt.timedelta(days=send.days)
                out.append(Sending(message, weekday_on_or_before(day), scheduled))
        else:
            day = anchor(schedule, send).date + dt.timedelta(days=send.days)
            out.append(Sending(message, weekday_on_or_before(day)))
    return out
