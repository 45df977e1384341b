"""A tailored programme's calendar as an iCalendar file that people import into their diaries.

It holds what the programme lead runs (launch, applications closing, matching, training,
kick-off, the mid-point check-in, the evaluation and the closing event, as all-day entries) and
every session: at one fixed time in the organisation's own time zone (with its VTIMEZONE, so
clients need no outside lookup), or, where each pair books its own time, as an all-day window
that does not block anyone's diary. A session's description carries its objectives, scaled
agenda and preparation for both sides, so the diary entry alone is enough to prepare. Every
entry starts on a working day (upward.plan.working_days). The output is byte-identical for the
same profile: UIDs come from the organisation's slug and DTSTAMP from the profile's start date,
never from the clock.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from upward.plan.tailored import ScheduledSession, TailoredKit, slugify
from upward.plan.timeline import Milestone
from upward.text import TextRenderer

PRODID = "-//Upward//Reverse mentoring kit//EN"
UID_HOST = "upward.invalid"  # a reserved name: UIDs must not point at anyone's real host


def schedule_ics(tailored: TailoredKit) -> bytes:
    """Every scheduled session as a VEVENT in one VCALENDAR, as iCalendar bytes."""
    profile = tailored.profile
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname",
        tailored.words(
            "calendar.name", programme=profile.programme, organisation=profile.organisation
        ),
    )
    calendar.add("x-wr-timezone", profile.timezone)
    render = TextRenderer(tailored.org)
    for scheduled in tailored.schedule:
        calendar.add_component(_event(tailored, scheduled, render))
    if tailored.timeline is not None:
        for milestone in tailored.timeline.milestones:
            calendar.add_component(_milestone(tailored, milestone))
    first, last = tailored.schedule[0].date, tailored.schedule[-1].date
    calendar.add_missing_timezones(
        first_date=dt.date(first.year - 1, 1, 1), last_date=dt.date(last.year + 2, 1, 1)
    )
    return calendar.to_ical()


def _milestone(tailored: TailoredKit, milestone: Milestone) -> Event:
    """An all-day entry (a day, or a window of days) for something the lead runs."""
    words, key = tailored.words, f"timeline.{milestone.id}"
    event = Event()
    event.add("uid", f"{_uid_stem(tailored)}-{milestone.id}@{UID_HOST}")
    event.add("dtstamp", _stamp(tailored))
    event.add("dtstart", milestone.first)
    event.add("dtend", milestone.last + dt.timedelta(days=1))  # an all-day end is exclusive
    event.add("transp", "TRANSPARENT")
    event.add(
        "summary",
        words(
            "calendar.milestone_summary",
            programme=tailored.profile.programme,
            title=words(f"{key}.title"),
        ),
    )
    when = (
        words(
            "calendar.window_dates",
            first=words.date(milestone.first),
            last=words.date(milestone.last),
        )
        if milestone.is_window
        else words.date(milestone.first)
    )
    event.add("description", f"{words(f'{key}.what')}\n\n{when}")
    return event


def session_uid(tailored: TailoredKit, number: int) -> str:
    """Stable across rebuilds, so re-importing the file updates events instead of doubling them;
    the programme's name is part of it, so a second cohort does not overwrite the first."""
    return f"{_uid_stem(tailored)}-session-{number}@{UID_HOST}"


def _uid_stem(tailored: TailoredKit) -> str:
    return f"{tailored.slug}-{slugify(tailored.profile.programme)}"


def _stamp(tailored: TailoredKit) -> dt.datetime:
    return dt.datetime.combine(tailored.profile.start, dt.time(), tzinfo=dt.UTC)


def session_start(tailored: TailoredKit, scheduled: ScheduledSession) -> dt.datetime:
    hour, minute = (int(part) for part in tailored.profile.time.split(":"))
    return dt.datetime.combine(
        scheduled.date, dt.time(hour, minute), tzinfo=ZoneInfo(tailored.profile.timezone)
    )


def _event(tailored: TailoredKit, scheduled: ScheduledSession, render: TextRenderer) -> Event:
    """A session at its fixed time, or, where pairs book their own, the window to book it in."""
    start = session_start(tailored, scheduled)
    event = Event()
    event.add("uid", session_uid(tailored, scheduled.number))
    event.add("dtstamp", _stamp(tailored))
    window = tailored.booking == "window"
    if window:
        last = scheduled.window_last or scheduled.date
        event.add("dtstart", scheduled.date)
        event.add("dtend", last + dt.timedelta(days=1))  # an all-day end is exclusive
        event.add("transp", "TRANSPARENT")  # a window to book in, not time taken
    else:
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=scheduled.minutes))
    event.add("summary", _summary(tailored, scheduled, render, window=window))
    event.add("description", _description(tailored, scheduled, render, start))
    return event


def _summary(
    tailored: TailoredKit, scheduled: ScheduledSession, render: TextRenderer, *, window: bool
) -> str:
    return tailored.words(
        "calendar.window_summary" if window else "calendar.summary",
        programme=tailored.profile.programme,
        number=scheduled.number,
        title=render(scheduled.session.title),
    )


def _description(
    tailored: TailoredKit,
    scheduled: ScheduledSession,
    render: TextRenderer,
    start: dt.datetime,
) -> str:
    """Plain text: icalendar escapes commas, semicolons and line breaks when it writes it."""
    session, words, profile = scheduled.session, tailored.words, tailored.profile
    end = start + dt.timedelta(minutes=scheduled.minutes)
    when = (
        words(
            "calendar.book_within",
            minutes=scheduled.minutes,
            first=words.date(scheduled.date),
            last=words.date(scheduled.window_last or scheduled.date),
        )
        if tailored.booking == "window"
        else words(
            "calendar.when",
            date=words.date(scheduled.date),
            start=words("dates.time", hour=start.hour, minute=start.minute),
            end=words("dates.time", hour=end.hour, minute=end.minute),
            timezone=profile.timezone,
        )
    )
    blocks = [
        "\n".join(
            [
                words(
                    "calendar.heading",
                    number=scheduled.number,
                    count=len(tailored.schedule),
                    title=render(session.title),
                ),
                words(
                    "calendar.where",
                    programme=profile.programme,
                    organisation=profile.organisation,
                ),
                when,
            ]
        ),
        _list(words("calendar.objectives"), [render(text) for text in session.objectives]),
        _list(
            words("calendar.agenda", minutes=scheduled.minutes),
            [
                words("calendar.agenda_item", minutes=item.minutes, item=render(item.item))
                for item in scheduled.agenda
            ],
        ),
        _list(words("calendar.mentor_prepares"), [render(text) for text in session.prep_mentor]),
        _list(words("calendar.mentee_prepares"), [render(text) for text in session.prep_mentee]),
        _list(words("calendar.after"), [render(text) for text in session.after]),
    ]
    contact = profile.contact
    if contact:
        blocks.append(words("calendar.contact", name=contact.name, email=contact.email))
    return "\n\n".join(blocks)


def _list(title: str, items: list[str]) -> str:
    """A titled list; items that span lines keep their later lines indented under the dash."""
    lines = [f"- {item.strip()}".replace("\n", "\n  ") for item in items]
    return "\n".join([title, *lines])
