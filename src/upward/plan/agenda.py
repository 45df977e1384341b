"""An agenda stretched or shrunk to the profile's session length, its parts still adding up; and
the check, located in both files, that every session a profile gets can be."""

from __future__ import annotations

from upward.load.located import LoadedKit
from upward.load.org_profile import LoadedProfile
from upward.model import AgendaItem
from upward.plan.choice import choose_plan, pick_sessions
from upward.problems import Problem
from upward.words import english


class AgendaDoesNotFit(ValueError):
    """A session's agenda has more items than the session has minutes."""

    def __init__(self, items: int, minutes: int) -> None:
        words = english()
        super().__init__(words("read.profile.agenda_does_not_fit", items=items, minutes=minutes))
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


def agenda_fit_problems(located: LoadedProfile, loaded: LoadedKit) -> list[Problem]:
    """A session whose agenda has more items than the profile's minutes cannot be scaled: the
    problem points at `session_minutes` in the profile and names the agenda's line in the kit."""
    profile, kit = located.profile, loaded.kit
    purpose = next(p for p in kit.purposes if p.id == profile.purpose)
    plan, _ = choose_plan(kit, purpose, profile.format)
    longest = max(pick_sessions(plan, profile.sessions), key=lambda s: len(s.agenda))
    items, minutes = len(longest.agenda), profile.session_minutes
    if items <= minutes:
        return []
    agenda = loaded.origin(plan).problem(("sessions", plan.sessions.index(longest), "agenda"), "")
    key = (
        "read.profile.agenda_too_long"
        if "session_minutes" in profile.model_fields_set
        else "read.profile.agenda_too_long_default"
    )
    words = english()
    message = words(
        key,
        minutes=minutes,
        session=longest.id,
        plan=plan.id,
        file=agenda.file,
        line=agenda.line,
        items=items,
    )
    return [located.origin.problem(("session_minutes",), message)]
