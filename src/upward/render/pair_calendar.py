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
    """Stable, and free of personal data: a hash of the kit, the programme and the pair."""
    key = f"{tailored.slug}|{tailored.profile.programme}|{mentor}|{mentee}".encode()
    return f"pair-{hashlib.sha256(key).hexdigest()[:20]}-session-{number}@{UID_HOST}"


def _attendee(person: Application) -> vCalAddress:
    address = _named(f"mailto:{person.email}", " ".join(person.full_name.split()))
    address.params["role"] = vText("REQ-PARTICIPANT")
    return address


def _named(uri: str, name: str) -> vCalAddress:
    """An address with its CN, quoted when the name holds a backslash: unquoted, icalendar's
    own reader takes a backslash before the next ';' as an escape and runs the parameters
    together (a name typed as 'Sam Smith\\' read back as 'Sam Smith;ROLE=...'). RFC 5545
    lets any parameter value be quoted; icalendar quotes a CN only for a space or an '."""
    address = vCalAddress(uri)
    address.params["cn"] = vText(name)
    if "\\" in name:
        quote_also = dict(address.params.quote_also)
        quote_also["CN"] = quote_also.get("CN", "") + "\\"
        address.params.quote_also = quote_also
    return address


def calendar_of(
    tailored: TailoredKit, mentor: Application, mentee: Application, slot: str
) -> bytes:
    """A pair's calendar made with icalendar, object by object: the reference that
    `PairCalendars` reproduces byte for byte, a hundred times faster."""
    profile = tailored.profile
    names = {"mentor": mentor.full_name, "mentee": mentee.full_name, "programme": profile.programme}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # as TEXT, escaped: icalendar would write an unknown X- property raw
    calendar.add("x-wr-calname", vText(words.CALENDAR["calendar_name"].format(**names)))
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
            organizer = _named(f"mailto:{profile.contact.email}", profile.contact.name)
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


def pair_ics(tailored: TailoredKit, mentor: Application, mentee: Application, slot: str) -> bytes:
    """A pair's sessions as an iCalendar file (see `PairCalendars` for many pairs)."""
    return PairCalendars(tailored).ics(mentor, mentee, slot)


_STAND_IN = {
    "mentor": Application(
        role="mentor", full_name="Upward0Stand0In0Mentor", email="upward0mentor@stand-in.invalid"
    ),
    "mentee": Application(
        role="mentee", full_name="Upward0Stand0In0Mentee", email="upward0mentee@stand-in.invalid"
    ),
}
"""Two people whose names and e-mails no escaping changes and no real text holds: a calendar
made for them is the template every pair's calendar is made from."""


@dataclass(frozen=True)
class _Template:
    lines: tuple[str, ...]  # unfolded; a line that names the stand-ins is filled in per pair
    personal: frozenset[int]  # the indexes of those lines
    marks: tuple[str, ...]  # what each pair replaces, in order (parameters before names)


def fold(line: str, limit: int = 75) -> str:
    """RFC 5545 folding exactly as icalendar does it (`icalendar.parser.string._foldline`): a
    line of `limit` octets or more is cut before the octet that reaches the limit, never after a
    backslash or caret that starts an escape; continuation lines begin with a space."""
    if len(line) < limit // 4 or len(line.encode("utf-8")) < limit:
        return line
    folded: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and count + size >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                folded.append("".join(current))
                current, count = [carried], len(carried.encode("utf-8"))
            else:
                folded.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


class PairCalendars:
    """Calendars for the pairs of one programme. The calendar of a half-day slot is made once
    with icalendar for two stand-in people, and each pair's is that template with their names
    (escaped as icalendar escapes them), e-mails and UIDs put in and the changed lines folded
    again: the same bytes as `calendar_of`, at a fraction of a millisecond a pair."""

    def __init__(self, tailored: TailoredKit) -> None:
        self.tailored = tailored
        self._templates: dict[str, _Template] = {}

    def _template(self, slot: str) -> _Template:
        if slot not in self._templates:
            mentor, mentee = _STAND_IN["mentor"], _STAND_IN["mentee"]
            data = calendar_of(self.tailored, mentor, mentee, slot).decode("utf-8")
            lines = tuple(data.replace("\r\n ", "").split("\r\n"))
            marks = self._fills(mentor, mentee)
            personal = frozenset(i for i, line in enumerate(lines) if any(m in line for m in marks))
            self._templates[slot] = _Template(lines, personal, marks)
        return self._templates[slot]

    def _fills(self, mentor: Application, mentee: Application) -> tuple[str, ...]:
        """What a pair puts into the template: attendee parameters, then names (escaped),
        e-mails and the UIDs' key."""
        return (
            _params(mentor),
            _params(mentee),
            _text(mentor.full_name),
            _text(mentee.full_name),
            mentor.email,
            mentee.email,
            _uid_key(self.tailored, mentor.email, mentee.email),
        )

    def ics(self, mentor: Application, mentee: Application, slot: str) -> bytes:
        template = self._template(slot)
        swaps = tuple(zip(template.marks, self._fills(mentor, mentee), strict=True))
        out = []
        for index, line in enumerate(template.lines):
            if index in template.personal:
                for old, new in swaps:
                    line = line.replace(old, new)
            out.append(fold(line))
        return "\r\n".join(out).encode("utf-8")


def _params(person: Application) -> str:
    """An attendee's parameters as icalendar writes them (CN quoted when it must be)."""
    return _attendee(person).params.to_ical(sorted=True).decode("utf-8")


def _text(value: str) -> str:
    """A TEXT value's part as icalendar escapes it."""
    return vText(value).to_ical().decode("utf-8")


def _uid_key(tailored: TailoredKit, mentor: str, mentee: str) -> str:
    return pair_uid(tailored, mentor, mentee, 0).split("-session-")[0]


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
