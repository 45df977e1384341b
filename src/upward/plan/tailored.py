"""Turn a profile and the kit into one organisation's programme: plan, dates, wording.

Everything here is a pure function of (kit, profile), so tailoring can be tested without
building a site, and every output format reads the same `TailoredKit`. The steps are the
modules beside this one: `choice` (which plan, which sessions), `schedule` (their dates, on
working days from `working_days`), `timeline` (the lead's dates around them) and `agenda` (each
agenda scaled to the profile's minutes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from upward.model import AgendaItem, Kit, Profile, Purpose, Session, SessionPlan
from upward.model.org_calendar import Booking
from upward.plan.agenda import scale_agenda
from upward.plan.choice import choose_plan, pick_sessions
from upward.plan.schedule import DayRule, Move, working_schedule
from upward.plan.timeline import Timeline, mid_point_number, programme_timeline
from upward.plan.working_days import WorkingCalendar, working_calendar
from upward.text import OrgFacts, general_org
from upward.words import Words, english


@dataclass(frozen=True)
class ScheduledSession:
    number: int
    date: dt.date
    session: Session
    agenda: tuple[AgendaItem, ...]  # scaled to the profile's session length
    window_last: dt.date | None = None  # the last working day a pair may book it for

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.agenda)


@dataclass(frozen=True)
class TailoredKit:
    kit: Kit
    profile: Profile
    org: OrgFacts
    purpose: Purpose
    plan: SessionPlan
    plan_reason: str
    schedule: tuple[ScheduledSession, ...]
    words: Words = field(default_factory=english, compare=False, repr=False)  # its language
    working: WorkingCalendar = field(default_factory=WorkingCalendar, compare=False, repr=False)
    moves: tuple[Move, ...] = ()  # sessions that left their planned date, and why
    rule: DayRule | None = None  # the weekday rule of a monthly or quarterly series
    timeline: Timeline | None = None  # the lead's dates around the sessions
    mid_point: int = 1  # the number of the session that reviews the half-way point

    @property
    def slug(self) -> str:
        return slugify(self.profile.organisation)

    @property
    def booking(self) -> Booking:
        """How sessions stand in the calendar: a window in which each pair books its own time
        (one-to-one, by default) or one fixed time (group circles, by default)."""
        if self.profile.booking:
            return self.profile.booking
        return "window" if self.profile.format == "one-to-one" else "fixed"


def slugify(text: str) -> str:
    """A file-name-safe ASCII slug, readable in every script: names are transliterated (anyascii:
    'Северный ветер' -> 'severnyy-veter', '北风公司' -> 'beifenggongsi'), so two organisations
    in one script do not share a folder or calendar UIDs. A name with nothing to spell (only
    punctuation) gets a short hash of itself: still distinct, and the same on every run."""
    import hashlib

    from anyascii import anyascii

    words = "".join(c.lower() if c.isalnum() else " " for c in anyascii(text)).split()
    slug = "-".join(words)[:60].strip("-")
    if slug:
        return slug
    return f"organisation-{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def tailor_kit(kit: Kit, profile: Profile, words: Words | None = None) -> TailoredKit:
    """One organisation's programme, worded in `words` (English unless given). Raises
    NoWorkingDay (upward.plan.working_days) when the profile leaves no working day to meet on."""
    words = words or english()
    purpose = next(p for p in kit.purposes if p.id == profile.purpose)
    plan, reason = choose_plan(kit, purpose, profile.format, words)
    working = working_calendar(profile, words)
    dated = working_schedule(
        profile.start, profile.cadence, profile.sessions, working, profile.session_day
    )
    sessions = pick_sessions(plan, profile.sessions)
    windows = booking_windows(dated.dates, working)
    schedule = tuple(
        ScheduledSession(
            number=number,
            date=date,
            session=session,
            agenda=scale_agenda(session.agenda, profile.session_minutes),
            window_last=last,
        )
        for number, (date, session, last) in enumerate(
            zip(dated.dates, sessions, windows, strict=True), start=1
        )
    )
    review = plan.mid_point
    mid_point = mid_point_number([s.id for s in sessions], review.id if review else None)
    timeline = programme_timeline(dated.dates, mid_point, working)
    org = organisation_facts(profile, purpose, dated.dates, mid_point, timeline, words)
    return TailoredKit(
        kit,
        profile,
        org,
        purpose,
        plan,
        reason,
        schedule,
        words,
        working=working,
        moves=dated.moves,
        rule=dated.rule,
        timeline=timeline,
        mid_point=mid_point,
    )


def organisation_facts(
    profile: Profile,
    purpose: Purpose,
    dates: tuple[dt.date, ...],
    mid_point: int,
    timeline: Timeline,
    words: Words,
) -> OrgFacts:
    """What kit text's placeholders say for this organisation. A key the profile leaves out
    reads as an instruction in words (`unset_org`: "the video-call tool you agree"), never as a
    bracketed blank: the general kit's blanks are for an organisation that has not tailored."""
    blank = general_org(words)
    unset = words.table("unset_org")
    contact, escalation, privacy, sponsor = (
        profile.contact,
        profile.escalation,
        profile.privacy,
        profile.sponsor,
    )
    lead_name = contact.name if contact else blank.contact_name
    lead_email = contact.email if contact else blank.contact_email
    retention = privacy.retention_months if privacy else DEFAULT_RETENTION_MONTHS
    return OrgFacts(
        name=profile.organisation,
        programme=profile.programme,
        purpose=purpose.title,
        format=words(f"formats.{profile.format}"),
        sessions=str(profile.sessions),
        cadence=words(f"cadence_phrases.{profile.cadence}"),
        session_minutes=str(profile.session_minutes),
        matching=words(f"matching.{profile.matching}"),
        start=words.date(dates[0]),
        end=words.date(dates[-1]),
        contact_name=lead_name,
        contact_email=lead_email,
        escalation=(
            words("org.escalation", name=escalation.name, email=escalation.email)
            if escalation
            else unset["escalation"]
        ),
        escalation_name=escalation.name if escalation else unset["escalation_name"],
        escalation_email=escalation.email if escalation else unset["escalation_email"],
        privacy_controller=privacy.controller if privacy else profile.organisation,
        privacy_contact_name=privacy.contact.name if privacy else lead_name,
        privacy_contact_email=privacy.contact.email if privacy else lead_email,
        retention=words("privacy.months", count=retention),
        sponsor_name=sponsor.name if sponsor else unset["sponsor_name"],
        sponsor_role=sponsor.role if sponsor else unset["sponsor_role"],
        meeting_platform=profile.meeting_platform or unset["meeting_platform"],
        chat_tool=profile.chat_tool or unset["chat_tool"],
        ai_policy=profile.ai_policy or unset["ai_policy"],
        forms_link=profile.kit_url or unset["forms_link"],
        applications_close=words.date(timeline.due("applications-close")),
        training=words.date(timeline.due("training")),
        kick_off=words.date(timeline.due("kick-off")),
        mid_point=words.date(dates[mid_point - 1]),
        mid_point_check_in=words.date(timeline.due("mid-point-check-in")),
        evaluation_due=words.date(timeline.due("evaluation")),
        closing_event=words.date(timeline.due("closing-event")),
    )


WINDOW_DAYS = 14
"""The longest booking window: two weeks from the session's date, so pairs keep the rhythm, and
never reaching the next session's date (a weekly series gets its own week)."""


def booking_windows(dates: tuple[dt.date, ...], working: WorkingCalendar) -> list[dt.date]:
    """For each session, the last working day of the window in which pairs book it."""
    lasts = []
    for index, first in enumerate(dates):
        last = first + dt.timedelta(days=WINDOW_DAYS - 1)
        if index + 1 < len(dates):
            last = min(last, dates[index + 1] - dt.timedelta(days=1))
        elif index > 0:  # the last session keeps the rhythm of the one before
            last = min(last, first + (first - dates[index - 1]) - dt.timedelta(days=1))
        while last > first and not working.is_working(last):
            last -= dt.timedelta(days=1)
        lasts.append(last)
    return lasts


DEFAULT_RETENTION_MONTHS = 24
"""How long the short records outlive the programme when a profile has no privacy block: the
retention purpose follows mentors at 12 and 24 months, and the career-safety promise lasts as
long (upward.model.org_profile.Privacy has the same default)."""


def prefill_values(tailored: TailoredKit | None) -> dict[str, str]:
    """Values for form fields marked `prefill:`; none in the general (blank) forms."""
    if tailored is None:
        return {}
    org, profile = tailored.org, tailored.profile
    values = {
        "organisation": org.name,
        "programme": org.programme,
        "purpose": org.purpose,
        "format": org.format,
        "cadence": org.cadence,
        "sessions": org.sessions,
        "session_minutes": org.session_minutes,
        "matching": org.matching,
        "start": tailored.schedule[0].date.isoformat(),
        "end": tailored.schedule[-1].date.isoformat(),
        "mid_point": tailored.schedule[tailored.mid_point - 1].date.isoformat(),
    }
    if profile.contact:
        values["contact_name"] = profile.contact.name
        values["contact_email"] = profile.contact.email
    if profile.escalation:
        values["escalation_name"] = profile.escalation.name
        values["escalation_email"] = profile.escalation.email
    if profile.meeting_platform:
        values["meeting_platform"] = profile.meeting_platform
    if profile.chat_tool:
        values["chat_tool"] = profile.chat_tool
    return values
