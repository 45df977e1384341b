"""Typed models for matching: an application (the field-id contract), the rules and weights,
and what a matching run decides (pairs, people without a pair, changes, the objective's numbers).

The field ids of `Application` are the contract shared by the PDF field names, the saved web
form's keys and the CSV/XLSX column headings (issue 10, section 1). The weights, and the settings of
the rules an organisation chooses, are the profile's `matching_rules:` block (model/matching_rules.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from upward.model.matching_rules import MatchingRules, Objective
from upward.model.matching_rules import Weights as Weights  # matching reads them from here

Role = Literal["mentor", "mentee"]
Mode = Literal["admin", "hybrid", "self"]

DAY_IDS = ("mon", "tue", "wed", "thu", "fri")
SLOTS: tuple[str, ...] = tuple(f"{day}-{half}" for day in DAY_IDS for half in ("am", "pm"))
"""Half-days of the working week, in order: the first shared one is a pair's first slot."""
CHANNELS: tuple[str, ...] = ("in-person", "video", "phone")
FORMATS: tuple[str, ...] = ("one-to-one", "group", "either")
ROLES: tuple[str, ...] = ("mentor", "mentee")

COMMON_FIELDS = (
    "role",
    "full-name",
    "email",
    "team",
    "line-manager-email",
    "availability",
    "channel",
    "format",
    "prefer-not",
)
MENTOR_FIELDS = ("topics-offered", "capacity", "senior-line")
MENTEE_FIELDS = ("topics-wanted",)
HYBRID_FIELDS = ("preferences",)
FIELD_IDS = COMMON_FIELDS + MENTOR_FIELDS + MENTEE_FIELDS + HYBRID_FIELDS

MULTI_VALUED = frozenset(
    {
        "availability",
        "channel",
        "prefer-not",
        "topics-offered",
        "senior-line",
        "topics-wanted",
        "preferences",
    }
)
"""Fields that hold several values (`;` or a new line between them in a cell)."""

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentor": (
        "full-name",
        "email",
        "team",
        "line-manager-email",
        "availability",
        "topics-offered",
    ),
    "mentee": ("full-name", "email", "team", "availability", "topics-wanted"),
}
"""Columns a sheet of each side must have; `role` may come from the file instead."""

REQUIRED_VALUES: dict[str, tuple[str, ...]] = {
    "mentor": ("full-name", "email", "team", "line-manager-email", "availability"),
    "mentee": ("full-name", "email", "availability"),
}
"""Answers that may not be empty. A mentor's line manager is what keeps them safe; a mentee at
the top of the organisation may have none."""

PRIVATE_FIELDS = frozenset({"line-manager-email", "senior-line", "prefer-not", "preferences"})
"""Answers that only the programme lead sees: never in a mentor directory."""


class Application(BaseModel):
    """One person's answers, cleaned: e-mails lower-case, choices as ids, lists as tuples."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    role: Role
    full_name: Annotated[str, Field(alias="full-name", min_length=1, max_length=200)]
    email: Annotated[str, Field(min_length=3, max_length=254)]
    team: Annotated[str, Field(max_length=200)] = ""
    line_manager_email: Annotated[str, Field(alias="line-manager-email", max_length=254)] = ""
    availability: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    format: Literal["one-to-one", "group", "either"] = "either"
    prefer_not: Annotated[tuple[str, ...], Field(alias="prefer-not")] = ()
    topics_offered: Annotated[tuple[str, ...], Field(alias="topics-offered")] = ()
    capacity: Annotated[int, Field(ge=1, le=3)] = 1
    senior_line: Annotated[tuple[str, ...], Field(alias="senior-line")] = ()
    topics_wanted: Annotated[tuple[str, ...], Field(alias="topics-wanted")] = ()
    preferences: tuple[str, ...] = ()
    source: str = ""
    """Where it was read, as the user would look for it: `mentors.csv:4`, `amara.pdf`."""

    @model_validator(mode="after")
    def _known_choices(self) -> Application:
        # A guard, not a message: load.applications refuses unknown choices first, with
        # `match.read.unknown_choice` from the words, so this English never reaches a user.
        for name, allowed in (("availability", SLOTS), ("channel", CHANNELS)):
            unknown = set(getattr(self, name)) - set(allowed)
            if unknown:
                raise ValueError(f"{name}: unknown {sorted(unknown)}")
        return self

    @property
    def team_key(self) -> str:
        """The team as compared for the same-team rule: case and spacing do not matter."""
        return " ".join(self.team.casefold().split())


class MatchRules(BaseModel):
    """The hard rules and the objective, as the engine reads them: a profile's `matching` mode
    and its `matching_rules:` block (see `MatchRules.of`), with the same defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: Mode = "admin"
    reporting_levels: Annotated[int, Field(ge=1, le=20)] | None = None
    """How many levels above a mentor count as their reporting line (1: the line manager
    only); None: every level anyone told us about."""
    same_team: bool = False
    """Allow a pair within one team."""
    shared_time: bool = True
    """Every pair must share a free half-day: otherwise their first session has no slot."""
    objective: Objective = "reach"
    """reach: as many matched as the rules allow, then mentors spread, then score;
    quality: best total score first. The other one is always reported beside it."""
    circle_mentors: tuple[int, int] = (1, 2)
    circle_mentees: tuple[int, int] = (4, 5)

    @classmethod
    def of(cls, mode: Mode, block: MatchingRules) -> MatchRules:
        """The rules a profile asks for: its `matching` mode and its `matching_rules:` block."""
        return cls(
            mode=mode,
            reporting_levels=block.levels,
            same_team=block.same_team,
            shared_time=block.shared_time,
            objective=block.objective,
            circle_mentors=block.circle_mentors,
            circle_mentees=block.circle_mentees,
        )


PART_NAMES: tuple[str, ...] = (
    "preference",
    "topics",
    "purpose",
    "availability",
    "channel",
    "format",
)
"""Score parts in the order their reasons are given."""


@dataclass(frozen=True)
class PairRef:
    """A pair named in an input file (review workbook, current pairs, never-again list)."""

    mentor: str
    mentee: str
    file: str = ""
    row: int = 0


@dataclass(frozen=True)
class CurrentPair(PairRef):
    ended: bool = False
    code: str = ""  # the pair's code (P01 ...) in the tracker and its introduction


@dataclass(frozen=True)
class Pair:
    mentor: str
    mentee: str
    score: float
    parts: dict[str, float]
    """Points of each part (weight x value), by part name."""
    reasons: str
    first_slot: str | None
    status: Literal["new", "locked", "kept"] = "new"
    introduction: str = ""
    """The reasons told to the two people, naming who offers and who wants."""
    code: str = ""
    """The pair's code when an unwind fixed it (kept pairs keep theirs, new ones take the next
    numbers); empty: the code of its place in pairs.csv (load.roster.pair_codes)."""


@dataclass(frozen=True)
class Unmatched:
    email: str
    role: Role
    why: str


@dataclass(frozen=True)
class Change:
    kind: Literal["ended", "new"]
    mentor: str
    mentee: str
    score: float | None = None
    reasons: str = ""


@dataclass(frozen=True)
class Outcome:
    """The objective's numbers for one solution."""

    mentees: int
    mentors: int
    matched: int
    max_matchable: int
    mentors_used: int
    total_score: float
    mean_score: float
    min_score: float
    scores: tuple[float, ...] = ()


@dataclass(frozen=True)
class MatchResult:
    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]
    outcome: Outcome
    alternative: Outcome
    rules: MatchRules
    weights: dict[str, float]
    """The weights in force (preferences zero outside hybrid mode)."""
    max_score: float
    people: dict[str, Application]
    changes: tuple[Change, ...] = ()
    purpose_topics: tuple[str, ...] = ()
    topic_titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Circle:
    number: int
    mentors: tuple[str, ...]
    mentees: tuple[str, ...]
    slot: str
    scores: dict[str, float]
    """Each mentee's score with the circle's first mentor."""
    reasons: dict[str, str]


@dataclass(frozen=True)
class CircleResult:
    circles: tuple[Circle, ...]
    unmatched: tuple[Unmatched, ...]
    people: dict[str, Application]
    rules: MatchRules
    weights: dict[str, float]
    optimal: bool
    """False when the solver stopped at its time limit with a good, not a proven best, answer."""
