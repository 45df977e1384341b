"""What `upward new` asks, what it suggests, and how it checks an answer the moment it is given.

An answer is checked by the profile model itself (the same validators `upward tailor` runs, on
a whole candidate profile), then against the kit (a purpose it has; minutes that hold the
chosen plan's longest agenda), so the interview can never write a profile that tailoring
refuses. Suggestions come from the chosen purpose's recommended plan: its format, its number of
sessions, its cadence and its minutes.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from upward.load.validation import pydantic_message
from upward.model import Kit, Profile, profile_concerns
from upward.model.org_calendar import BlackoutRange, supported_countries, zone_country
from upward.model.org_profile import LawfulBasis, Privacy
from upward.plan.choice import choose_plan, pick_sessions
from upward.problems import did_you_mean
from upward.words import english

KEYS: tuple[str, ...] = (
    "organisation",
    "programme",
    "purpose",
    "format",
    "sessions",
    "cadence",
    "session_minutes",
    "start",
    "time",
    "timezone",
    "matching",
    "contact_name",
    "contact_email",
    "country",
    "subdivision",
    "blackout",
    "escalation_name",
    "escalation_email",
    "privacy_controller",
    "privacy_contact_name",
    "privacy_contact_email",
    "retention_months",
    "lawful_basis",
)
"""The questions, in the order they are asked (and written)."""
NUMBERS = frozenset({"sessions", "session_minutes", "retention_months"})
NESTED: dict[str, tuple[str, ...]] = {
    "contact_name": ("contact", "name"),
    "contact_email": ("contact", "email"),
    "escalation_name": ("escalation", "name"),
    "escalation_email": ("escalation", "email"),
    "privacy_controller": ("privacy", "controller"),
    "privacy_contact_name": ("privacy", "contact", "name"),
    "privacy_contact_email": ("privacy", "contact", "email"),
    "retention_months": ("privacy", "retention_months"),
    "lawful_basis": ("privacy", "lawful_basis"),
}
"""Answers that sit inside a block of the profile, by where they sit."""
OPTIONAL = frozenset({"contact_name", "contact_email", "subdivision", "blackout"})
"""Answers that may be left blank (the lead, once known; a country without regions; no
blackout). Everything else is needed for a kit that tailors without a warning."""
LEFT_OUT_WHEN_BLANK = frozenset({"country", "subdivision", "blackout"})
"""Keys a blank answer leaves out of the profile (no country is a concern, not an error)."""
LEAD_WEEKS = 10
"""A suggested start leaves time for the launch (eight weeks before) and the calls."""
USUAL_SUBDIVISION = {"GB": "ENG"}
"""The region suggested where the holidays data has one set per region and no whole-country set
worth keeping (the United Kingdom's shared days leave out Easter Monday): England, where most
people work. Elsewhere no region is suggested; the country's shared holidays apply."""
FALLBACK_COUNTRY = "GB"
"""Suggested when the time zone names no country (UTC): the kit's words are British English."""
_STAND_IN: dict[str, Any] = {"organisation": "Stand-in Ltd", "start": "2030-01-07"}
_STAND_IN_BLOCKS: dict[str, dict[str, Any]] = {
    "contact": {"name": "Stand-in Lead", "email": "lead@stand-in.example"},
    "escalation": {"name": "Stand-in Contact", "email": "contact@stand-in.example"},
    "privacy": {
        "controller": "Stand-in Ltd",
        "contact": {"name": "Stand-in Officer", "email": "dpo@stand-in.example"},
    },
}
"""Values a candidate profile borrows for required keys not answered yet."""


@dataclass(frozen=True)
class Checked:
    """An answer as the profile will hold it, or why it cannot be."""

    value: Any = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


def choices(kit: Kit, key: str, answers: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """The values a key takes, when it takes one of a few (a country's regions, once the
    country is known)."""
    if key == "purpose":
        return tuple(p.id for p in kit.purposes)
    if key in ("format", "cadence", "matching"):
        annotation = Profile.model_fields[key].annotation
        return tuple(annotation.__args__)  # a Literal
    if key == "lawful_basis":
        return tuple(LawfulBasis.__args__)
    if key == "subdivision" and answers and answers.get("country"):
        return supported_countries().get(answers["country"], ())
    return ()


def next_start(today: dt.date, weeks: int = LEAD_WEEKS) -> dt.date:
    """The first Monday at least `weeks` weeks from `today`."""
    day = today + dt.timedelta(weeks=weeks)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def suggestions(kit: Kit, answers: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """What to offer for each key not yet answered: the model's defaults, and the plan's
    format, sessions, cadence and minutes for the purpose (and format) chosen so far."""
    defaults = {
        key: Profile.model_fields[key].default
        for key in KEYS
        if key in Profile.model_fields and not Profile.model_fields[key].is_required()
    }
    purpose_id = answers.get("purpose", defaults["purpose"])
    purpose = next((p for p in kit.purposes if p.id == purpose_id), kit.purposes[0])
    recommended = next(p for p in kit.session_plans if p.id == purpose.plan)
    format_ = answers.get("format", recommended.format)
    plan, _ = choose_plan(kit, purpose, format_)
    country = (
        answers.get("country") or zone_country(answers.get("timezone", "")) or (FALLBACK_COUNTRY)
    )
    words = english()
    domain = _domain(answers.get("contact_email", ""))
    organisation = answers.get("organisation") or ""
    return {
        **defaults,
        "purpose": purpose.id,
        "format": format_,
        "sessions": len(plan.sessions),
        "cadence": plan.cadence,
        "session_minutes": plan.minutes,
        "start": next_start(today).isoformat(),
        "contact_name": "",
        "contact_email": "",
        "country": country,
        "subdivision": USUAL_SUBDIVISION.get(country, ""),
        "blackout": [],
        "escalation_name": words("read.answers.suggested_escalation_name"),
        "escalation_email": f"speak-up@{domain}",
        "privacy_controller": organisation,
        "privacy_contact_name": words("read.answers.suggested_privacy_contact_name"),
        "privacy_contact_email": f"dpo@{domain}",
        "retention_months": Privacy.model_fields["retention_months"].default,
        "lawful_basis": Privacy.model_fields["lawful_basis"].default,
    }


def _domain(email: str) -> str:
    """The lead's mail domain, for suggesting the other addresses; example.org when unknown."""
    return email.rpartition("@")[2] or "example.org"


def parse(key: str, text: str) -> Checked:
    """Typed text as the value YAML would hold: a number, a list of blackout dates and ranges
    ("2027-12-24, 2027-12-27 to 2027-12-31"), or the text itself."""
    text = text.strip()
    if key in NUMBERS:
        try:
            return Checked(int(text))
        except ValueError:
            words = english()
            return Checked(reason=words("new.whole_number"))
    if key == "blackout":
        entries: list[Any] = []
        for part in filter(None, (p.strip() for p in text.split(","))):
            first, to, last = part.partition(" to ")
            entries.append({"from": first.strip(), "to": last.strip()} if to else part)
        return Checked(entries)
    return Checked(text)


def shown(key: str, value: Any) -> str:
    """An answer as it would be typed (the suggestion shown at the prompt)."""
    if key == "blackout":
        return ", ".join(
            f"{item['from']} to {item['to']}" if isinstance(item, dict) else str(item)
            for item in value
        )
    return str(value)


def check(kit: Kit, key: str, value: Any, answers: Mapping[str, Any]) -> Checked:
    """`value` for `key`, checked with the profile model and the kit, given the answers so
    far, and with the concerns `upward tailor` would warn about (upward.model.profile_concerns)."""
    words = english()
    if key == "contact_name" and value == "":
        return Checked("")
    if key == "contact_email" and value == "":
        if answers.get("contact_name"):
            return Checked(reason=words("read.answers.lead_email"))
        return Checked("")
    if key == "purpose" and value not in choices(kit, "purpose"):  # before its spelling rule
        known = choices(kit, "purpose")
        hint = did_you_mean(value, known) or words(
            "private_places.choose", choices=", ".join(known)
        )
        return Checked(reason=words("read.answers.unknown_purpose", purpose=value, hint=hint))
    candidate = candidate_profile({**answers, key: value}, stand_in=True)
    wanted = NESTED.get(key, (key,))
    try:
        profile = Profile.model_validate(candidate)
    except ValidationError as error:
        for problem in error.errors():
            if tuple(problem["loc"][: len(wanted)]) == wanted:
                message = pydantic_message(problem, words)
                if problem["type"] == "string_too_long":
                    message = words(
                        "private_places.too_long",
                        length=len(str(value)),
                        most=problem["ctx"]["max_length"],
                    )
                if problem["type"] == "literal_error":
                    offered = choices(kit, key)
                    message = words(
                        "read.answers.choose",
                        choices=words("match.or").join(offered),
                        hint=did_you_mean(value, offered),
                    )
                if problem["type"].startswith("date_"):
                    message = words("read.answers.not_a_date")
                if problem["type"] == "string_too_short":
                    message = words("read.answers.blank")
                if problem["type"] in ("greater_than_equal", "less_than_equal"):
                    low, high = _bounds(key)
                    message = words("read.answers.number_range", low=low, high=high)
                return Checked(reason=message)
        profile = None
    if profile is None:
        return Checked(value)
    if key in ("session_minutes", "sessions", "format", "purpose"):
        too_long = agenda_too_long(kit, profile)
        if too_long and (key == "session_minutes" or "session_minutes" in answers):
            return Checked(reason=too_long)
    for path, concern in profile_concerns(profile):
        if path == wanted[: len(path)]:
            return Checked(reason=concern)
    if key == "blackout":  # as the model read it: ISO dates, whatever form pydantic accepted
        return Checked([_blackout_entry(entry) for entry in profile.blackout])
    return Checked(value)


def _blackout_entry(entry: Any) -> Any:
    if isinstance(entry, BlackoutRange):
        return {"from": entry.from_.isoformat(), "to": entry.to.isoformat()}
    return entry.isoformat()


def _bounds(key: str) -> tuple[int, int]:
    """The least and the most a number key takes, from the profile model."""
    model, name = (Privacy, key) if key == "retention_months" else (Profile, key)
    found = {"ge": None, "le": None}
    for rule in model.model_fields[name].metadata:
        for name_ in found:
            if getattr(rule, name_, None) is not None:
                found[name_] = getattr(rule, name_)
    return found["ge"], found["le"]


def past_start(tailored: Any, today: dt.date) -> str:
    """Why the tailored programme's first session is a worry, being before `today` ('' when it
    is not). A warning, not an error: a programme under way is tailored again (an own page
    added, the lead changed), and its dates are history. For one that has not started, every
    date counted from the start (the launch, the calls, the training) has gone by unnoticed."""
    first = tailored.schedule[0].date if tailored.schedule else tailored.profile.start
    if first >= today:
        return ""
    words = tailored.words
    launch = tailored.timeline["launch"].first if tailored.timeline else first
    return words(
        "private_places.past_start",
        first=words.date(first),
        today=words.date(today),
        launch=words.date(launch),
    )


def agenda_too_long(kit: Kit, profile: Profile) -> str:
    """Why the profile's minutes cannot hold its plan's longest agenda ('' when they can)."""
    purpose = next((p for p in kit.purposes if p.id == profile.purpose), None)
    if purpose is None:
        return ""
    plan, _ = choose_plan(kit, purpose, profile.format)
    longest = max(pick_sessions(plan, profile.sessions), key=lambda s: len(s.agenda))
    if len(longest.agenda) <= profile.session_minutes:
        return ""
    words = english()
    return words("read.answers.agenda_too_long", title=longest.title, items=len(longest.agenda))


def candidate_profile(answers: Mapping[str, Any], *, stand_in: bool = False) -> dict[str, Any]:
    """The answers as a profile mapping (the contact, the independent contact and the privacy
    block nested; a blank region or lead left out); with `stand_in`, required keys not answered
    yet borrow a value, so that one answer can be checked on its own."""
    data: dict[str, Any] = dict(_STAND_IN) if stand_in else {}
    for key, value in answers.items():
        if key in NESTED or (key in LEFT_OUT_WHEN_BLANK and value in ("", [])):
            continue
        data[key] = value
    for block in ("contact", "escalation", "privacy"):
        answered = {
            path[1:]: answers[key]
            for key, path in NESTED.items()
            if path[0] == block and key in answers
        }
        if block == "contact" and not any(answered.values()):
            continue  # no lead yet
        if not answered:
            continue
        built: dict[str, Any] = copy.deepcopy(_STAND_IN_BLOCKS[block]) if stand_in else {}
        for path, value in answered.items():
            if block == "contact" and value == "" and stand_in:
                continue  # the other half of the lead is checked on its own
            holder = built
            for part in path[:-1]:
                holder = holder.setdefault(part, {})
            holder[path[-1]] = value
        data[block] = built
    return data


def profile_of(answers: Mapping[str, Any]) -> Profile:
    """The profile the answers make (every key answered and checked)."""
    return Profile.model_validate(candidate_profile(answers))
