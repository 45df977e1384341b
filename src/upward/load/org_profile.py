"""Load an organisation's profile: safe YAML, validated, its purpose checked against the kit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from upward import model as m
from upward.load.located import Origin
from upward.load.validation import validate
from upward.load.yamlfile import load_yaml
from upward.problems import Problem, ProblemsFound, did_you_mean, display_path

PROFILE_MAX_BYTES = 64_000


@dataclass(frozen=True)
class LoadedProfile:
    """A profile with where each of its values stands, for checks that need the kit too
    (upward.plan.agenda)."""

    profile: m.Profile
    origin: Origin


def read_profile(path: Path, purposes: Callable[[], list[str]]) -> LoadedProfile:
    """A validated profile and where its values stand; the purpose id is checked against the
    kit's purposes. Whether the sessions it will get fit its minutes is a question for the plan
    (upward.plan.agenda.agenda_fit_problems), asked once the kit is loaded too."""
    shown = display_path(path)
    data, positions = load_yaml(path, shown, max_bytes=PROFILE_MAX_BYTES)
    problems: list[Problem] = []
    profile = None
    try:
        profile = validate(m.Profile, data, shown, positions)
    except ProblemsFound as found:
        problems.extend(found.problems)
    known = purposes()
    given = isinstance(data, dict) and "purpose" in data
    purpose = data.get("purpose") if given else m.Profile.model_fields["purpose"].default
    if known and isinstance(purpose, str) and purpose not in known:  # no purposes: kit broken
        line, column = positions.of(("purpose",))
        choices = ", ".join(known)
        message = (
            f"unknown purpose '{purpose}'{did_you_mean(purpose, known)}; choose one of {choices}"
            if given
            else f"no purpose is given, and this kit has no '{purpose}' (the default); "
            f"add a line `purpose: ...` with one of {choices}"
        )
        problems.append(Problem(shown, line, column, "purpose", message))
    if problems:
        raise ProblemsFound(problems)
    assert profile is not None
    return LoadedProfile(profile, Origin(shown, positions))


def load_profile(path: Path, purposes: Callable[[], list[str]]) -> m.Profile:
    """A validated profile (see `read_profile`)."""
    return read_profile(path, purposes).profile


def profile_warnings(located: LoadedProfile) -> list[Problem]:
    """What a profile leaves that people would notice, though a kit can still be made: no
    independent contact, or one who is the programme lead (inside the line of the senior
    mentees); no privacy block; no country, so public holidays are not avoided. Printed as
    warnings by `upward tailor`; tailoring goes on."""
    profile, origin = located.profile, located.origin
    warnings: list[Problem] = []

    def warn(key: str, message: str) -> None:
        given = (key,) if getattr(profile, key) is not None else ()
        if given:
            warnings.append(origin.problem(given, message))
        else:
            warnings.append(Problem(origin.shown, field=key, message=message))

    escalation, lead = profile.escalation, profile.contact
    if escalation is None:
        warn(
            "escalation",
            "no independent contact is named, so the agreement, the guides and the concern form "
            "ask people to get one from the programme lead; name someone outside every "
            "participant's reporting line (a non-executive director, an ombudsperson, a Freedom "
            "to Speak Up guardian or an external service) with `escalation: {name: ..., email: ...}`",
        )
    elif lead is not None and (
        escalation.email.casefold() == lead.email.casefold()
        or " ".join(escalation.name.casefold().split()) == " ".join(lead.name.casefold().split())
    ):
        warn(
            "escalation",
            "the independent contact is the programme lead, who is inside the line of the senior "
            "mentees (and of the sponsor); name someone outside every participant's reporting line",
        )
    if profile.privacy is None:
        warn(
            "privacy",
            f"no privacy block: the forms' data-protection notice names {profile.organisation} "
            "as the controller, the programme lead as the data-protection contact and 24 months "
            "as the retention period; add `privacy:` with controller, contact and "
            "retention_months to state your own",
        )
    privacy = profile.privacy
    if profile.purpose == "retention" and privacy and privacy.retention_months < 24:
        warnings.append(
            origin.problem(
                ("privacy", "retention_months"),
                f"the retention purpose compares mentors with similar colleagues at 12 and 24 "
                f"months, but the short record of who took part is kept for "
                f"{privacy.retention_months} months; keep it at least 24 months, or report at "
                "12 months only",
            )
        )
    if profile.country is None:
        warn(
            "country",
            "no country: sessions avoid weekends and blackout dates but not public holidays; "
            "add `country:` (an ISO code such as GB) and, where holidays differ by region, "
            "`subdivision:`",
        )
    return warnings
