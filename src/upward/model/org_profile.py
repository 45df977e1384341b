"""An organisation's profile: the keys of `upward tailor`'s contract, each checked with a hint."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from upward.model.base import (
    Cadence,
    Format,
    Id,
    Matching,
    Strict,
    no_control_characters,
    single_line,
)
from upward.model.matching_rules import MatchingRules
from upward.model.org_calendar import (
    MONDAY_TO_FRIDAY,
    WEEKDAYS,
    Blackout,
    Booking,
    Weekday,
    country_problem,
    day_rule_problem,
    subdivision_problem,
)
from upward.problems import did_you_mean
from upward.words import english

_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _plain_direction(value: str) -> str:
    """Refuse the bidirectional embedding, override and isolate controls in profile text: they
    make a name display differently from what it says (`Acme \u202egnp.exe` shows as
    `Acme exe.png`), and no organisation's name needs them; the marks U+200E/U+200F stay."""
    found = _DIRECTION_CONTROLS.search(value)
    if found:
        words = english()
        raise ValueError(words("check.text.direction_control", code=ord(found.group())))
    return value


def _visible(value: str) -> str:
    """Refuse text made only of spaces and invisible characters (zero-width spaces, joiners)."""
    if all(unicodedata.category(c)[0] in "ZC" for c in value):
        words = english()
        raise ValueError(words("check.text.blank"))
    return value


_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_EMAIL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[^\W\d_]{{2,}}$")
"""An address as people type them: dot-separated words before the @ (letters in any script,
digits and the usual symbols), then a domain of labels that start and end with a letter or
digit and a top-level domain of letters. It refuses what mail clients and calendar files choke
on (spaces, control characters, `..`, a bare host name) without claiming RFC 5322's corners."""

FIRST_YEAR, LAST_YEAR = 2000, 2099
"""The years a programme may start in. Sessions are real people's working days: public-holiday
data and time-zone rules are only meaningful for recent and coming years, a start before 2000
or after 2099 is almost always a typo (`0227` for `2027`), and years near the ends of the
calendar (1, 9999) would overflow the date arithmetic of a long programme."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_TIMEZONE = 64  # the longest IANA name has 32 characters
RETENTION_FOLLOW_UP = 24
"""Months the retention purpose follows mentors for (it compares them at 12 and 24 months)."""


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    """The IANA zone names of the pinned tzdata package, so every machine accepts the same
    names whatever its own zoneinfo folder holds. `Factory` is a placeholder zone, not a place."""
    from importlib import resources

    names = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return frozenset(names) - {"Factory"}


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted in a message, cut short if it is long."""
    return value if len(value) <= limit else value[:limit] + "..."


ProfileText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(no_control_characters),
    AfterValidator(single_line),
    AfterValidator(_plain_direction),
    AfterValidator(_visible),
]


class Contact(Strict):
    name: ProfileText
    email: Annotated[str, StringConstraints(max_length=254), AfterValidator(no_control_characters)]

    @field_validator("email")
    @classmethod
    def _looks_like_an_email(cls, value: str) -> str:
        local = value.rpartition("@")[0]
        if not _EMAIL.match(value) or len(local) > 64:
            words = english()
            raise ValueError(words("check.profile.email", value=_shown(value)))
        return value


LawfulBasis = Literal["legitimate-interests", "public-task", "consent"]
"""The UK/EU GDPR Article 6 basis the organisation relies on for programme records. Most
employers rely on legitimate interests (consent is rarely freely given at work, and a
participant can still leave the programme at any time); a public authority running the
programme as part of its functions relies on public task. Special-category answers always
rest on explicit consent besides (Article 9(2)(a)), whatever is chosen here."""

Link = Annotated[
    str,
    StringConstraints(max_length=500, pattern=r"^https?://[^\s<>\"]+$"),
    AfterValidator(no_control_characters),
]


class Privacy(Strict):
    """Who is responsible for the programme's personal data, and for how long it is kept."""

    controller: ProfileText  # the legal entity, e.g. "Northwind Trading Ltd"
    contact: Contact  # for data-protection questions (often the DPO)
    retention_months: Annotated[int, Field(ge=1, le=120, strict=True)] = 24
    lawful_basis: LawfulBasis = "legitimate-interests"


class Sponsor(Strict):
    name: ProfileText
    role: ProfileText


class Profile(Strict):
    """An organisation's choices. The keys are the public contract of `upward tailor`."""

    organisation: ProfileText
    programme: ProfileText = "Reverse mentoring programme"
    purpose: Id = "digital-fluency"
    format: Format = "one-to-one"
    sessions: Annotated[int, Field(ge=1, le=52, strict=True)] = 6
    cadence: Cadence = "monthly"
    session_minutes: Annotated[int, Field(ge=15, le=240, strict=True)] = 60
    start: dt.date
    time: str = "10:00"
    timezone: str = "UTC"
    matching: Matching = "hybrid"
    matching_rules: MatchingRules = MatchingRules()  # the rules and weights: one block
    contact: Contact | None = None
    # Working time (issue 12): sessions and programme events fall on working days only.
    country: Annotated[str, StringConstraints(max_length=8)] | None = None  # ISO 3166, holidays
    subdivision: Annotated[str, StringConstraints(max_length=16)] | None = None
    working_days: Annotated[list[Weekday], Field(min_length=1, max_length=7)] = list(
        MONDAY_TO_FRIDAY
    )
    blackout: Annotated[list[Blackout], Field(max_length=200)] = []
    session_day: Annotated[str, StringConstraints(max_length=40)] | None = None
    booking: Booking | None = None  # default: a window for one-to-one, fixed for groups
    # Trust (issue 12): a route outside every line, data protection, the people named.
    escalation: Contact | None = None  # the programme's independent contact
    privacy: Privacy | None = None
    sponsor: Sponsor | None = None
    # The organisation's own tools, named where the kit would otherwise leave a blank.
    meeting_platform: ProfileText | None = None
    chat_tool: ProfileText | None = None
    ai_policy: Link | None = None
    kit_url: Link | None = None  # where people find this kit (intranet), for "find the form at"

    @field_validator("start", mode="before")
    @classmethod
    def _a_real_date(cls, value: object) -> object:
        words = english()
        if isinstance(value, dt.datetime):
            raise ValueError(words("check.profile.date_with_time"))
        if isinstance(value, int | float) and not isinstance(value, bool):
            # pydantic would read a number as seconds since 1970
            raise ValueError(words("check.profile.date_format"))
        if isinstance(value, str) and not _ISO_DATE.match(value.strip()):
            raise ValueError(words("check.profile.date_format"))
        return value

    @field_validator("start")
    @classmethod
    def _a_plausible_year(cls, value: dt.date) -> dt.date:
        if FIRST_YEAR <= value.year <= LAST_YEAR:
            return value
        written = f"{value.year:04d}"
        swaps = (written[:i] + written[i + 1] + written[i] + written[i + 2 :] for i in range(3))
        near = LAST_YEAR - 100 < value.year < LAST_YEAR + 100  # 2100 is no typo for 2010
        likely = (
            None if near else next((y for y in swaps if FIRST_YEAR <= int(y) <= LAST_YEAR), None)
        )
        words = english()
        key = "implausible_year_typo" if likely else "implausible_year"
        raise ValueError(
            words(
                f"check.profile.{key}",
                year=value.year,
                first=FIRST_YEAR,
                last=LAST_YEAR,
                likely=likely,
            )
        )

    @field_validator("time", mode="before")
    @classmethod
    def _a_clock_time(cls, value: object) -> object:
        if isinstance(value, str) and not _TIME.match(value.strip()):
            words = english()
            raise ValueError(words("check.profile.time"))
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        zones = time_zones()
        if value in zones:
            return value
        words = english()
        region = sorted(z for z in zones if z.startswith(f"{value}/"))
        if region and len(value) <= MAX_TIMEZONE:
            raise ValueError(words("check.profile.timezone_region", value=value, example=region[0]))
        by_case = {z.casefold(): z for z in zones}.get(value.casefold())
        if by_case:
            hint = words("check.profile.timezone_case", zone=by_case)
        else:
            hint = did_you_mean(value, zones) if len(value) <= MAX_TIMEZONE else ""
        raise ValueError(
            words("check.profile.unknown_timezone", value=_shown(value), did_you_mean=hint)
        )

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        problem = value and country_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("working_days")
    @classmethod
    def _each_day_once(cls, value: list[str]) -> list[str]:
        twice = sorted({day for day in value if value.count(day) > 1})
        if twice:
            words = english()
            days = words("lists.separator").join(twice)
            raise ValueError(words("check.profile.day_listed_twice", days=days))
        return value

    @field_validator("subdivision")
    @classmethod
    def _subdivision_of_the_country(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        country = info.data.get("country")
        if country is None:
            if "country" in info.data:  # given, not just refused above
                words = english()
                raise ValueError(words("check.profile.subdivision_needs_country"))
            return value
        problem = subdivision_problem(country, value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("session_day")
    @classmethod
    def _a_day_rule(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        problem = day_rule_problem(value)
        if problem:
            raise ValueError(problem)
        rule = " ".join(value.lower().split())
        cadence = info.data.get("cadence")
        words = english()
        if cadence in ("weekly", "fortnightly"):
            raise ValueError(words("check.profile.day_rule_cadence", cadence=cadence))
        weekday = rule.split()[1]
        if weekday not in info.data.get("working_days", [weekday]):
            name = words.list("dates.weekdays")[WEEKDAYS.index(weekday)]
            raise ValueError(words("check.profile.day_rule_not_working", weekday=name))
        return rule


def profile_concerns(profile: Profile) -> list[tuple[tuple[str, ...], str]]:
    """What a profile leaves that people would notice, though a kit can still be made, each with
    the key it concerns: no independent contact, or one who is the programme lead (inside the
    line of the senior mentees); no privacy block; a retention too short for the retention
    purpose's follow-up; no country, so public holidays are not avoided. `upward tailor` prints
    them as warnings; `upward new` asks again until there are none."""
    words = english()
    found: list[tuple[tuple[str, ...], str]] = []
    escalation, lead = profile.escalation, profile.contact
    if escalation is None:
        found.append((("escalation",), words("check.concerns.no_escalation")))
    elif lead is not None and (
        escalation.email.casefold() == lead.email.casefold()
        or " ".join(escalation.name.casefold().split()) == " ".join(lead.name.casefold().split())
    ):
        found.append((("escalation",), words("check.concerns.escalation_is_lead")))
    privacy = profile.privacy
    if privacy is None:
        message = words("check.concerns.no_privacy", organisation=profile.organisation)
        found.append((("privacy",), message))
    elif profile.purpose == "retention" and privacy.retention_months < RETENTION_FOLLOW_UP:
        message = words("check.concerns.short_retention", months=privacy.retention_months)
        found.append((("privacy", "retention_months"), message))
    if profile.country is None:
        found.append((("country",), words("check.concerns.no_country")))
    return found
