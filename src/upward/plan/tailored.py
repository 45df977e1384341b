"""Turn a profile and the kit into one organisation's programme: plan, dates, wording.

Everything here is a pure function of (kit, profile), so tailoring can be tested without
building a site, and every output format reads the same `TailoredKit`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from upward.model import AgendaItem, Kit, Profile, Purpose, Session, SessionPlan
from upward.text import OrgFacts, general_org
from upward.words import Words, english


@dataclass(frozen=True)
class ScheduledSession:
    number: int
    date: dt.date
    session: Session
    agenda: tuple[AgendaItem, ...]  # scaled to the profile's session length

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

    @property
    def slug(self) -> str:
        return slugify(self.profile.organisation)


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


def pick_sessions(plan: SessionPlan, count: int) -> list[Session]:
    """`count` sessions from a plan: always its opening, its closing when there is room, and
    middle sessions spread evenly. A longer programme repeats the repeatable middle sessions
    in place (a mid-point review stays single and stays in the middle)."""
    sessions = list(plan.sessions)
    if len(sessions) == 1:
        return sessions * count
    first, middle, last = sessions[0], sessions[1:-1], sessions[-1]
    if count == 1:
        return [first]
    wanted = count - 2
    if wanted <= len(middle):
        step = (len(middle) - 1) / max(wanted - 1, 1)
        return [first, *(middle[round(i * step)] for i in range(wanted)), last]
    repeatable = [s for s in middle if s.repeatable] or middle or [first]
    copies = {id(s): 1 for s in middle}
    for i in range(wanted - len(middle)):
        copies[id(repeatable[i % len(repeatable)])] = (
            copies.get(id(repeatable[i % len(repeatable)]), 0) + 1
        )
    expanded = [s for s in middle for _ in range(copies[id(s)])] if middle else [first] * wanted
    return [first, *expanded, last]


class AgendaDoesNotFit(ValueError):
    """A session's agenda has more items than the session has minutes."""

    def __init__(self, items: int, minutes: int) -> None:
        super().__init__(
            f"{items} agenda items cannot fit in {minutes} minutes (each needs a minute)"
        )
        self.items, self.minutes = items, minutes


def scale_agenda(
    agenda: tuple[AgendaItem, ...] | list[AgendaItem], minutes: int
) -> tuple[AgendaItem, ...]:
    """Stretch or shrink an agenda to `minutes`, keeping proportions; the parts still add up
    and each item keeps at least a minute. Raises AgendaDoesNotFit when that is impossible.

    Largest remainders: each item gets the whole minutes of its share (at least one), then the
    minutes still missing go one each to the items with the largest remainders. Raising small
    items to one minute can overshoot instead; the overshoot is taken back a minute at a time
    from the items furthest above their share. Both steps are bounded loops, so this ends for
    every input (tests/test_tailoring.py checks it with hypothesis).
    """
    if not agenda or len(agenda) > minutes:
        raise AgendaDoesNotFit(len(agenda), minutes)
    total = sum(item.minutes for item in agenda)
    if total == minutes:
        return tuple(agenda)
    shares = [item.minutes * minutes / total for item in agenda]
    scaled = [max(1, int(share)) for share in shares]
    missing = minutes - sum(scaled)
    if missing > 0:  # fewer than len(agenda): every share lost less than one minute
        by_remainder = sorted(
            range(len(agenda)), key=lambda i: (scaled[i] - shares[i], -agenda[i].minutes)
        )
        for i in by_remainder[:missing]:
            scaled[i] += 1
    for _ in range(-missing):  # minutes >= len(agenda), so some item is above one minute
        i = max(
            (j for j in range(len(agenda)) if scaled[j] > 1),
            key=lambda j: (scaled[j] - shares[j], -agenda[j].minutes),
        )
        scaled[i] -= 1
    return tuple(
        AgendaItem(minutes=m, item=item.item) for m, item in zip(scaled, agenda, strict=True)
    )


def choose_plan(
    kit: Kit, purpose: Purpose, format: str, words: Words | None = None
) -> tuple[SessionPlan, str]:
    """The purpose's recommended plan, unless the organisation chose the other format."""
    words = words or english()
    plans = {plan.id: plan for plan in kit.session_plans}
    recommended = plans[purpose.plan]
    facts = {"purpose": purpose.title.lower(), "format": words(f"formats.{format}")}
    if recommended.format == format:
        return recommended, words("plan_choice.recommended", **facts)
    same_format = [plan for plan in kit.session_plans if plan.format == format]
    for plan in same_format:
        if purpose.id in plan.purposes:
            return plan, words("plan_choice.same_format", **facts)
    if same_format:
        return same_format[0], words("plan_choice.first_of_format", **facts)
    return recommended, words("plan_choice.no_format", **facts)


def tailor_kit(kit: Kit, profile: Profile, words: Words | None = None) -> TailoredKit:
    """One organisation's programme, worded in `words` (English unless given)."""
    words = words or english()
    purpose = next(p for p in kit.purposes if p.id == profile.purpose)
    plan, reason = choose_plan(kit, purpose, profile.format, words)
    dates = session_dates(profile.start, profile.cadence, profile.sessions)
    schedule = tuple(
        ScheduledSession(
            number=number,
            date=date,
            session=session,
            agenda=scale_agenda(session.agenda, profile.session_minutes),
        )
        for number, (date, session) in enumerate(
            zip(dates, pick_sessions(plan, profile.sessions), strict=True), start=1
        )
    )
    contact = profile.contact
    blank = general_org(words)
    org = OrgFacts(
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
        contact_name=contact.name if contact else blank.contact_name,
        contact_email=contact.email if contact else blank.contact_email,
    )
    return TailoredKit(kit, profile, org, purpose, plan, reason, schedule, words)


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
    }
    if profile.contact:
        values["contact_name"] = profile.contact.name
        values["contact_email"] = profile.contact.email
    return values
