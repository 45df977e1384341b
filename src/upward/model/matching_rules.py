"""The `matching_rules:` block of a profile: the hard rules' settings and the score's weights.

One block beside `matching` (the mode), so an organisation sees and changes every number that
decides its pairs in one place, and other profile keys (privacy, escalation, holidays) stay
apart. Every key has a default, so a profile without the block matches as Upward recommends:

    matching_rules:
      reporting_levels: all      # or 1-20: how many levels above a mentor count as their line
      same_team: false           # true: a pair may be within one team
      shared_time: true          # false: a pair need not share a free half-day
      objective: reach           # reach (most people paired) or quality (best total score)
      circle_mentors: [1, 2]     # group format: mentors per circle, fewest and most
      circle_mentees: [4, 5]     # group format: mentees per circle, fewest and most
      weights: {topics: 40, purpose: 15, availability: 25, channel: 10, format: 10, preference: 100}
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, field_validator

from upward.model.base import Strict
from upward.words import english

Objective = Literal["reach", "quality"]
Points = Annotated[float, Field(ge=0, le=100, strict=True)]
Count = Annotated[int, Field(strict=True)]
MAX_LEVELS = 20


class Weights(Strict):
    """Points for each part of a pair's score (each part is worth 0 to 1 times its weight)."""

    topics: Points = 40
    purpose: Points = 15
    availability: Points = 25
    channel: Points = 10
    format: Points = 10
    preference: Annotated[float, Field(ge=0, le=200, strict=True)] = 100
    """Counts only in hybrid mode, where stated preferences weigh heavily."""

    def effective(self, mode: str) -> dict[str, float]:
        """The weights in force: preferences count only in hybrid matching."""
        values = {name: float(value) for name, value in self.model_dump().items()}
        if mode != "hybrid":
            values["preference"] = 0.0
        return values


def _fewest_most(value: tuple[int, int], low: int, high: int, who: str) -> tuple[int, int]:
    """`who`: mentors or mentees, each with its own sentence (`check.matching_rules.circle_*`)."""
    fewest, most = value
    if not low <= fewest <= most <= high:
        words = english()
        raise ValueError(
            words(
                f"check.matching_rules.circle_{who}", low=low, high=high, example=min(low + 1, high)
            )
        )
    return value


class MatchingRules(Strict):
    """The rules and weights of matching: the profile's `matching_rules:` block."""

    reporting_levels: int | Literal["all"] = "all"
    """How many levels above a mentor count as their reporting line (1: the line manager
    only); all: every level anyone told us about."""
    same_team: StrictBool = False
    shared_time: StrictBool = True
    objective: Objective = "reach"
    circle_mentors: tuple[Count, Count] = (1, 2)
    circle_mentees: tuple[Count, Count] = (4, 5)
    weights: Weights = Weights()

    @field_validator("reporting_levels", mode="before")
    @classmethod
    def _levels(cls, value: object) -> object:
        if value == "all" or (type(value) is int and 1 <= value <= MAX_LEVELS):
            return value
        words = english()
        raise ValueError(words("check.matching_rules.reporting_levels", most=MAX_LEVELS))

    @field_validator("same_team", "shared_time", mode="before")
    @classmethod
    def _yes_or_no(cls, value: object) -> object:
        if isinstance(value, bool):
            return value
        words = english()
        raise ValueError(words("check.matching_rules.yes_or_no"))

    @field_validator("circle_mentors")
    @classmethod
    def _mentors(cls, value: tuple[int, int]) -> tuple[int, int]:
        return _fewest_most(value, 1, 3, "mentors")

    @field_validator("circle_mentees")
    @classmethod
    def _mentees(cls, value: tuple[int, int]) -> tuple[int, int]:
        return _fewest_most(value, 2, 10, "mentees")

    @property
    def levels(self) -> int | None:
        """The reporting levels as the engine counts them (None: every level)."""
        return None if self.reporting_levels == "all" else self.reporting_levels
