"""A pair's sessions as an iCalendar file: the programme's dates, moved to the pair's first
shared half-day in the same week, in the organisation's time zone.

A session planned for Monday 11 January, for a pair both free on Thursday mornings, is on
Thursday 14 January (the first such day on or after the planned date). Morning sessions start
at the profile's time when it is a morning time (else 10:00), afternoon ones at the profile's
time when it is an afternoon time (else 14:00). UIDs are stable and carry no personal data:
importing the file again updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from upward import matching_words as words
from upward.applications import DAY_IDS, Application
from upward.calendar import PRODID, UID_HOST
from upward.tailoring import TailoredKit
from upward.text import TextRenderer

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
        day = scheduled.date + dt.timedelta(days=(weekday - scheduled.date.weekday()) % 7)
        out.append(
            Meeting(
                scheduled.number,
                dt.datetime.combine(day, start, tzinfo=zone),
                scheduled.minutes,
                render(scheduled.session.title),
            )
        )
    return out


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
    if planned:
        first, last = planned[0].start.date(), planned[-1].start.date()
        calendar.add_missing_timezones(
            first_date=dt.date(first.year - 1, 1, 1), last_date=dt.date(last.year + 2, 1, 1)
        )
    return calendar.to_ical()
