"""What `upward new` asks, what it suggests, and how it checks an answer the moment it is given.

An answer is checked by the profile model itself (the same validators `upward tailor` runs, on
a whole candidate profile), then against the kit (a purpose it has; minutes that hold the
chosen plan's longest agenda), so the interview can never write a profile that tailoring
refuses. Suggestions come from the chosen purpose's recommended plan: its format, its number of
sessions, its cadence and its minutes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from upward.model import Kit, Profile
from upward.plan.choice import choose_plan, pick_sessions
from upward.problems import did_you_mean

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
)
"""The questions, in the order they are asked (and written)."""
NUMBERS = frozenset({"sessions", "session_minutes"})
OPTIONAL = frozenset({"contact_name", "contact_email"})
LEAD_WEEKS = 10
"""A suggested start leaves time for the launch (eight weeks before) and the calls."""
_STAND_IN = {"organisation": "Stand-in Ltd", "start": "2030-01-07"}
"""Values a candidate profile borrows for required keys not answered yet."""


@dataclass(frozen=True)
class Checked:
    """An answer as the profile will hold it, or why it cannot be."""

    value: Any = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


def choices(kit: Kit, key: str) -> tuple[str, ...]:
    """The values a key takes, when it takes one of a few."""
    if key == "purpose":
        return tuple(p.id for p in kit.purposes)
    if key in ("format", "cadence", "matching"):
        annotation = Profile.model_fields[key].annotation
        return tuple(annotation.__args__)  # a Literal
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
    }


def parse(key: str, text: str) -> Checked:
    """Typed text as the value YAML would hold."""
    text = text.strip()
    if key in NUMBERS:
        try:
            return Checked(int(text))
        except ValueError:
            return Checked(reason="give a whole number")
    return Checked(text)


def check(kit: Kit, key: str, value: Any, answers: Mapping[str, Any]) -> Checked:
    """`value` for `key`, checked with the profile model and the kit, given the answers so far."""
    if key == "contact_name" and value == "":
        return Checked("")
    if key == "contact_email" and value == "":
        if answers.get("contact_name"):
            return Checked(reason="give the lead's email too (or leave both blank)")
        return Checked("")
    candidate = candidate_profile({**answers, key: value}, stand_in=True)
    try:
        profile = Profile.model_validate(candidate)
    except ValidationError as error:
        wanted = ("contact", key.removeprefix("contact_")) if key in OPTIONAL else (key,)
        for problem in error.errors():
            if tuple(problem["loc"][: len(wanted)]) == wanted:
                message = problem["msg"].removeprefix("Value error, ")
                if problem["type"] == "literal_error":
                    offered = choices(kit, key)
                    message = f"choose {' or '.join(offered)}{did_you_mean(value, offered)}"
                if problem["type"].startswith("date_"):
                    message = "not a real date; write YYYY-MM-DD, e.g. 2027-01-11"
                if problem["type"] == "string_too_short":
                    message = "must not be blank"
                if problem["type"] in ("greater_than_equal", "less_than_equal"):
                    low, high = _bounds(key)
                    message = f"give a whole number from {low} to {high}"
                return Checked(reason=message)
        profile = None
    if key == "purpose" and value not in choices(kit, "purpose"):
        known = choices(kit, "purpose")
        return Checked(reason=f"unknown purpose '{value}'{did_you_mean(value, known)}")
    if profile is not None and key in ("session_minutes", "sessions", "format", "purpose"):
        too_long = agenda_too_long(kit, profile)
        if too_long and (key == "session_minutes" or "session_minutes" in answers):
            return Checked(reason=too_long)
    return Checked(value)


def _bounds(key: str) -> tuple[int, int]:
    """The least and the most a number key takes, from the profile model."""
    found = {"ge": None, "le": None}
    for rule in Profile.model_fields[key].metadata:
        for name in found:
            if getattr(rule, name, None) is not None:
                found[name] = getattr(rule, name)
    return found["ge"], found["le"]


def agenda_too_long(kit: Kit, profile: Profile) -> str:
    """Why the profile's minutes cannot hold its plan's longest agenda ('' when they can)."""
    purpose = next((p for p in kit.purposes if p.id == profile.purpose), None)
    if purpose is None:
        return ""
    plan, _ = choose_plan(kit, purpose, profile.format)
    longest = max(pick_sessions(plan, profile.sessions), key=lambda s: len(s.agenda))
    if len(longest.agenda) <= profile.session_minutes:
        return ""
    return (
        f"the session '{longest.title}' has {len(longest.agenda)} agenda items and each needs a "
        f"minute: give {len(longest.agenda)} minutes or more"
    )


def candidate_profile(answers: Mapping[str, Any], *, stand_in: bool = False) -> dict[str, Any]:
    """The answers as a profile mapping (the contact nested); with `stand_in`, required keys
    not answered yet borrow a value, so that one answer can be checked on its own."""
    data: dict[str, Any] = dict(_STAND_IN) if stand_in else {}
    for key, value in answers.items():
        if key not in OPTIONAL:
            data[key] = value
    name, email = answers.get("contact_name", ""), answers.get("contact_email", "")
    if name and email:
        data["contact"] = {"name": name, "email": email}
    elif stand_in and (name or email):
        data["contact"] = {"name": name or "Stand-in", "email": email or "stand-in@example.org"}
    return data


def profile_of(answers: Mapping[str, Any]) -> Profile:
    """The profile the answers make (every key answered and checked)."""
    return Profile.model_validate(candidate_profile(answers))
