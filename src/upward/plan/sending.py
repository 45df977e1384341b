"""When each stage message goes out: real dates from the programme's schedule and timeline.

A message's `send` counts from a session (the first, the mid-point, the last, a numbered one, or
each one) or from one of the lead's milestones (the launch, the closing event: the timeline's
own dates, so a message and the calendar agree), and a number of days before or after it. Like
the sessions, a message goes out on a working day of the organisation: never a weekend, a
public holiday of its country or a blackout date. A day that is not one moves away from what the
message counts from, so a reminder still comes before its session and a thank-you after the
event: a message sent ahead goes on the working day before, one sent afterwards on the working
day after. A message without `send` goes when it is needed (a pair gone quiet) and has no date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upward.model import Message, SendAt
from upward.plan.tailored import ScheduledSession, TailoredKit
from upward.plan.working_days import SEARCH_LIMIT, NoWorkingDay, WorkingCalendar
from upward.words import english


@dataclass(frozen=True)
class Sending:
    """One message to send: the date (None: when needed) and, for a message sent for each
    session, that session."""

    message: Message
    date: dt.date | None
    session: ScheduledSession | None = None


def working_day_before(day: dt.date, working: WorkingCalendar) -> dt.date:
    """`day` if it is a working day, else the last working day before it."""
    for offset in range(SEARCH_LIMIT):
        candidate = day - dt.timedelta(days=offset)
        if working.is_working(candidate):
            return candidate
    words = english()
    raise NoWorkingDay(
        words("read.working_days.none_before", limit=SEARCH_LIMIT, day=day.isoformat())
    )


def send_day(anchor: dt.date, days: int, working: WorkingCalendar) -> dt.date:
    """The working day `days` from `anchor`, moved away from the anchor when it is not one."""
    day = anchor + dt.timedelta(days=days)
    return working_day_before(day, working) if days < 0 else working.next_working(day)


def anchor(tailored: TailoredKit, send: SendAt) -> dt.date:
    """The date a message counts from: a session's, or a milestone's due day."""
    if send.milestone is not None:
        assert tailored.timeline is not None
        return tailored.timeline.due(send.milestone)
    schedule = tailored.schedule
    if send.session == "first":
        return schedule[0].date
    if send.session == "last":
        return schedule[-1].date
    if send.session == "mid-point":  # the session that reviews the half-way point, as elsewhere
        return schedule[tailored.mid_point - 1].date
    number = int(send.session)
    index = number - 1 if number > 0 else len(schedule) + number
    return schedule[min(max(index, 0), len(schedule) - 1)].date  # a short programme: the nearest


def sendings(tailored: TailoredKit) -> list[Sending]:
    """Every message of the kit with its date, in the order of the programme."""
    out: list[Sending] = []
    working = tailored.working
    for message in sorted(tailored.kit.messages, key=lambda m: m.order):
        send = message.send
        if send is None:
            out.append(Sending(message, None))
        elif send.session == "each":
            for scheduled in tailored.schedule:
                out.append(
                    Sending(message, send_day(scheduled.date, send.days, working), scheduled)
                )
        else:
            out.append(Sending(message, send_day(anchor(tailored, send), send.days, working)))
    return out
