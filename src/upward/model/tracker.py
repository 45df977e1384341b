"""What a programme lead's tracker holds, once read: the programme, its pairs, their sessions,
goal ratings and the changes mentees made; and the rule of when a pair has gone quiet.

`load.tracker` reads these from `tracker.xlsx` and `render.tracker` writes them back into one (a
fictional cohort's, for the demo); `plan.status` and `plan.evaluation` work from them. The quiet
rule lives here, beside the data it judges, so that the workbook's formulas (render), the reader's
defaults (load) and `upward status` (plan) share one number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upward.problems import Problem

CADENCE_DAYS = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91}
QUIET_FACTOR = 1.5
"""A pair has gone quiet when it has not met for more than 1.5 times the days between sessions."""


def quiet_days(cadence: str) -> float:
    return QUIET_FACTOR * CADENCE_DAYS[cadence]


@dataclass(frozen=True)
class ProgrammeFacts:
    organisation: str = ""
    programme: str = ""
    contact_name: str = ""
    contact_email: str = ""
    cadence: str = "monthly"
    quiet_days: float = quiet_days("monthly")
    sessions: int = 0
    start: dt.date | None = None
    end: dt.date | None = None
    mid_point: int | None = None
    applied_mentors: int | None = None
    applied_mentees: int | None = None


@dataclass(frozen=True)
class TrackedPair:
    code: str
    mentor_name: str = ""
    mentor_email: str = ""
    mentee_name: str = ""
    mentee_email: str = ""
    status: str = "active"  # active | completed | ended
    ended_on: dt.date | None = None
    mid_point_done: dt.date | None = None
    notes: str = ""
    row: int = 0

    @property
    def named(self) -> bool:
        """A row someone filled in (a blank tracker's spare codes are not pairs yet)."""
        return bool(self.mentor_name or self.mentee_name or self.mentor_email or self.mentee_email)

    @property
    def running(self) -> bool:
        return self.named and self.status == "active"


@dataclass(frozen=True)
class TrackedSession:
    pair: str
    number: int
    title: str = ""
    planned: dt.date | None = None
    status: str = ""  # "" (not yet) | held | moved | cancelled
    held_on: dt.date | None = None
    by: str = ""  # "" | mentor | mentee | both | lead
    mentor_useful: int | None = None
    mentor_open: int | None = None
    mentee_useful: int | None = None
    mentee_open: int | None = None
    notes: str = ""
    row: int = 0

    def pulse(self, role: str, scale: str) -> int | None:
        return getattr(self, f"{role}_{scale}")


@dataclass(frozen=True)
class GoalRating:
    pair: str
    number: int
    goal_id: str = ""
    baseline: int | None = None
    final: int | None = None
    row: int = 0


@dataclass(frozen=True)
class Action:
    pair: str
    level: str  # personal | team | organisation | symbolic
    change: str = ""
    date: dt.date | None = None
    evidence: str = ""
    report: str = ""  # "" | named | anonymous | refused
    credit: str = ""  # "" | yes | no
    row: int = 0


@dataclass(frozen=True)
class Tracker:
    file: str
    programme: ProgrammeFacts
    pairs: tuple[TrackedPair, ...] = ()
    sessions: tuple[TrackedSession, ...] = ()
    goals: tuple[GoalRating, ...] = ()
    actions: tuple[Action, ...] = ()
    problems: tuple[Problem, ...] = ()
    sheets: tuple[str, ...] = ()
    """The sheets found (by key: pairs, sessions ...); none when the file could not be opened."""

    @property
    def readable(self) -> bool:
        """Whether there was a tracker to read at all: a workbook with its Pairs sheet."""
        return "pairs" in self.sheets

    def pair(self, code: str) -> TrackedPair | None:
        return next((p for p in self.pairs if p.code == code), None)

    def sessions_of(self, code: str) -> list[TrackedSession]:
        return [s for s in self.sessions if s.pair == code]
