"""A pair's sessions as an iCalendar file: the programme's dates, moved to the pair's first
shared half-day in the same week, in the organisation's time zone.

A session planned for Monday 11 January, for a pair both free on Thursday mornings, is on
Thursday 14 January (the first such day on or after the planned date). The day is always a
working day of the programme's calendar (upward.plan.working_days) inside the session's booking
window: when the pair's day is a public holiday or a blackout that week, the session stays on
the programme's own date, which is a working day. Morning sessions start
at the profile's time when it is a morning time (else 10:00), afternoon ones at the profile's
time when it is an afternoon time (else 14:00). UIDs are stable and carry no personal data:
importing the file again updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from upward.model.applications import DAY_IDS, Application
from upward.plan.tailored import ScheduledSession, TailoredKit
from upward.render.session_calendar import PRODID, UID_HOST
from upward.text import TextRenderer
from upward.words import matching as words

MORNING, AFTERNOON = dt.time(10, 0), dt.time(14, 0)


@dataclass(frozen=True)
class Meeting:
    number: int
    start: dt.datetime
    minutes: int
    title: str


def slot_start(slot: str, profile_time: str) -> dt.time:
    """When a session in this half-day starts."""
    hour, minute = (int(x) for x in profile_time.split(":"))
    chosen = dt.time(hour, minute)
    if slot.endswith("-am"):
        return chosen if hour < 12 else MORNING
    return chosen if hour >= 12 else AFTERNOON


def meetings(tailored: TailoredKit, slot: str) -> list[Meeting]:
    """Each scheduled session of the programme, on the pair's slot day of its week."""
    weekday = DAY_IDS.index(slot.split("-")[0])
    zone = ZoneInfo(tailored.profile.timezone)
    start = slot_start(slot, tailored.profile.time)
    render = TextRenderer(tailored.org)
    out = []
    for scheduled in tailored.schedule:
        day = pair_day(tailored, scheduled, weekday)
        out.append(
            Meeting(
                scheduled.number,
                dt.datetime.combine(day, start, tzinfo=zone),
                scheduled.minutes,
                render(scheduled.session.title),
            )
        )
    return out


def pair_day(tailored: TailoredKit, scheduled: ScheduledSession, weekday: int) -> dt.date:
    """The pair's weekday in the session's first week, if it is a working day inside the
    session's window; else the programme's own date."""
    day = scheduled.date + dt.timedelta(days=(weekday - scheduled.date.weekday()) % 7)
    last = scheduled.window_last or scheduled.date + dt.timedelta(days=6)
    if day <= last and tailored.working.is_working(day):
        return day
    return scheduled.date


def pair_uid(tailored: TailoredKit, mentor: str, mentee: str, number: int) -> str:
    key = f"{tailored.slug}|{tailored.profile.programme}|{mentor}|{mentee}".encode()
    return f"pair-{hashlib.sha256(key).hexdigest()[:20]}-session-{number}@{UID_HOST}"


def _attendee(person: Application) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = vText(" ".join(person.full_name.split()))
    address.params["role"] = vText("REQ-PARTICIPANT")
    return address


def pair_ics(tailored: TailoredKit, mentor: Application, mentee: Application, slot: str) -> bytes:
    profile = tailored.profile
    names = {"mentor": mentor.full_name, "mentee": mentee.full_name, "programme": profile.programme}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", words.CALENDAR["calendar_name"].format(**names))
    calendar.add("x-wr-timezone", profile.timezone)
    planned = meetings(tailored, slot)
    for meeting in planned:
        event = Event()
        event.add("uid", pair_uid(tailored, mentor.email, mentee.email, meeting.number))
        event.add("dtstamp", dt.datetime.combine(profile.start, dt.time(), tzinfo=dt.UTC))
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.start + dt.timedelta(minutes=meeting.minutes))
        event.add(
            "summary",
            words.CALENDAR["summary_titled"].format(
                **names, number=meeting.number, title=meeting.title
            ),
        )
        event.add(
            "description",
            words.CALENDAR["description"].format(
                **names, number=meeting.number, count=len(planned)
            ),
        )
        if profile.contact:
            organizer = vCalAddress(f"mailto:{profile.contact.email}")
            organizer.params["cn"] = vText(profile.contact.name)
            event.add("organizer", organizer)
        event.add("attendee", _attendee(mentor))
        event.add("attendee", _attendee(mentee))
        calendar.add_component(event)
    data = calendar.to_ical()
    if not planned:
        return data
    zone = timezone_block(profile.timezone, planned[0].start.year, planned[-1].start.year)
    at = data.index(b"BEGIN:VEVENT")
    return data[:at] + zone + data[at:]


@lru_cache(maxsize=16)
def timezone_block(name: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE for the programme's years, as icalendar writes it: worked out once, not
    once per pair (it is most of the cost of a pair's calendar)."""
    calendar = Calendar()
    event = Event()
    event.add("dtstart", dt.datetime(first_year, 6, 1, tzinfo=ZoneInfo(name)))
    calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=dt.date(first_year - 1, 1, 1), last_date=dt.date(last_year + 2, 1, 1)
    )
    return b"".join(zone.to_ical() for zone in calendar.walk("VTIMEZONE"))
