"""The tracker's shape: its sheets and columns, its drop-down lists, and what a filled one holds.

`render.tracker` writes a workbook of this shape and `load.tracker` reads one back; the rules
that `plan.status` and the Summary sheet's formulas share (the days between sessions, when a
pair has gone quiet) are here too, so they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upward.problems import Problem
from upward.words import Words

SHEETS = ("readme", "summary", "pairs", "sessions", "goals", "actions", "programme", "lists")
COLUMNS: dict[str, tuple[str, ...]] = {
    "pairs": (
        "code",
        "mentor_name",
        "mentor_email",
        "mentee_name",
        "mentee_email",
        "status",
        "ended_on",
        "mid_point_done",
        "notes",
    ),
    "sessions": (
        "pair",
        "number",
        "title",
        "planned",
        "status",
        "held_on",
        "by",
        "mentor_useful",
        "mentor_open",
        "mentee_useful",
        "mentee_open",
        "notes",
    ),
    "goals": ("pair", "number", "goal_id", "baseline", "final", "change"),
    "actions": ("pair", "level", "change", "date", "evidence", "report", "credit"),
    "summary": (
        "pair",
        "mentor",
        "mentee",
        "status",
        "planned",
        "due",
        "held",
        "held_share",
        "cancelled_mentor",
        "cancelled_mentee",
        "cancelled",
        "moved",
        "first_planned",
        "last_met",
        "days_since",
        "rag",
    ),
}
"""Every table sheet's columns, in order; the first is the pair code (its key)."""

PROGRAMME_ROWS = (
    "organisation",
    "programme",
    "contact_name",
    "contact_email",
    "cadence",
    "days_between",
    "quiet_days",
    "sessions",
    "start",
    "end",
    "mid_point",
    "applied_mentors",
    "applied_mentees",
)
"""The Programme sheet: one labelled value per row, from row 2 (row 1 is its heading)."""

CHOICE_COLUMNS = {
    ("pairs", "status"): "pair_status",
    ("sessions", "status"): "session_status",
    ("sessions", "by"): "by",
    ("actions", "level"): "level",
    ("actions", "report"): "report",
    ("actions", "credit"): "credit",
}
"""Which drop-down list each choice column takes (the words under `tracker.choices`)."""

DATE_COLUMNS = frozenset(
    {("pairs", "ended_on"), ("pairs", "mid_point_done"), ("sessions", "planned")}
    | {("sessions", "held_on"), ("actions", "date")}
)
RATING_COLUMNS = frozenset(
    {
        ("sessions", f"{role}_{scale}")
        for role in ("mentor", "mentee")
        for scale in ("useful", "open")
    }
    | {("goals", "baseline"), ("goals", "final")}
)
PULSE_SCALES = ("useful", "open")  # the after-session pulse's two ratings
CADENCE_DAYS = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91}
QUIET_FACTOR = 1.5
"""A pair has gone quiet when it has not met for more than 1.5 times the days between sessions."""
MAX_GOALS = 5  # the goals worksheet has room for five


def quiet_days(cadence: str) -> float:
    return QUIET_FACTOR * CADENCE_DAYS[cadence]


# --- what a tracker holds -------------------------------------------------------------------


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

    def pair(self, code: str) -> TrackedPair | None:
        return next((p for p in self.pairs if p.code == code), None)

    def sessions_of(self, code: str) -> list[TrackedSession]:
        return [s for s in self.sessions if s.pair == code]


# --- labels ---------------------------------------------------------------------------------


def sheet_title(key: str, words: Words) -> str:
    return words(f"tracker.sheets.{key}")


def heading(sheet: str, column: str, words: Words) -> str:
    return words(f"tracker.columns.{sheet}.{column}")


def choice_labels(kind: str, words: Words) -> dict[str, str]:
    """A drop-down's choices: id -> label, in order."""
    return words.table(f"tracker.choices.{kind}")
