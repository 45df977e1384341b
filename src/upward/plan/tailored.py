"""Turn a profile and the kit into one organisation's programme: plan, dates, wording.

Everything here is a pure function of (kit, profile), so tailoring can be tested without
building a site, and every output format reads the same `TailoredKit`. The steps are the
modules beside this one: `choice` (which plan, which sessions), `schedule` (their dates) and
`agenda` (each agenda scaled to the profile's minutes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from upward.model import AgendaItem, Kit, Profile, Purpose, Session, SessionPlan
from upward.plan.agenda import scale_agenda
from upward.plan.choice import choose_plan, pick_sessions
from upward.plan.schedule import session_dates
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
