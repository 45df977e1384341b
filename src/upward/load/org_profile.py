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
from upward.words import english

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
        words = english()
        choices = words("lists.separator").join(known)
        message = (
            words(
                "read.profile.unknown_purpose",
                purpose=purpose,
                hint=did_you_mean(purpose, known),
                choices=choices,
            )
            if given
            else words("read.profile.no_default_purpose", purpose=purpose, choices=choices)
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
    """The profile's concerns (upward.model.org_profile.profile_concerns), each at the line of
    the key it concerns when the key is there: printed as warnings by `upward tailor`, which
    goes on and makes the kit."""
    profile, origin = located.profile, located.origin
    warnings: list[Problem] = []
    for path, message in m.profile_concerns(profile):
        if getattr(profile, path[0]) is not None:
            warnings.append(origin.problem(path, message))
        else:
            warnings.append(Problem(origin.shown, field=path[0], message=message))
    return warnings
