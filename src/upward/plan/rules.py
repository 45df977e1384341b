"""The hard rules: which (mentor, mentee) pairs may never be made, and why.

Dense rules (same team, no shared half-day) are whole-matrix comparisons; sparse rules
(reporting lines, prefer-not, never-again) are lists of index pairs. Both are kept apart, so
that the reason a pair is ruled out can be told to the people concerned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from upward.model.applications import Application, MatchRules, PairRef
from upward.plan.cohort import Cohort

RULE_ORDER = ("self", "reporting_line", "never_again", "prefer_not", "same_team", "no_time")
"""The order in which a ruled-out pair's reason is named (the first that applies)."""
MAX_LEVELS = 50  # a guard against loops in the manager links people gave


@dataclass(frozen=True)
class Verdict:
    feasible: np.ndarray  # (M, N) bool
    same_team: np.ndarray  # (M, N) bool, whether or not the rule is on
    overlap: np.ndarray  # (M, N) free half-days in common
    sparse: dict[str, frozenset[tuple[int, int]]]
    levels: dict[tuple[int, int], int]  # reporting-line pairs: how many levels apart

    def why(self, rules: MatchRules, t: int, j: int) -> str | None:
        """The first hard rule that rules out (t, j), or None if it may be made."""
        for rule in RULE_ORDER:
            if rule in self.sparse and (t, j) in self.sparse[rule]:
                return rule
            if rule == "same_team" and not rules.same_team and self.same_team[t, j]:
                return rule
            if rule == "no_time" and rules.shared_time and self.overlap[t, j] == 0:
                return rule
        return None


def reporting_chain(person: Application, managers: dict[str, str]) -> dict[str, int]:
    """Everyone above `person` that we know of, with how many levels up they are.

    Level 1 is the line manager; the `senior-line` a mentor gave counts from level 2 in the
    order given; and wherever someone in the chain also applied, their own line manager
    extends it (so a line we were only half told is still followed)."""
    levels: dict[str, int] = {}
    seeds = [(person.line_manager_email, 1)] if person.line_manager_email else []
    seeds += [(email, index + 2) for index, email in enumerate(person.senior_line)]
    for email, level in seeds:
        while email and level <= MAX_LEVELS:
            if email == person.email or levels.get(email, MAX_LEVELS + 1) <= level:
                break
            levels[email] = level
            email, level = managers.get(email, ""), level + 1
    return levels


def hard_rules(
    cohort: Cohort,
    rules: MatchRules,
    overlap: np.ndarray,
    never_again: Iterable[PairRef] = (),
) -> Verdict:
    m, n = cohort.sizes
    team_ids: dict[str, int] = {}

    def team_id(person: Application, blank: int) -> int:
        key = person.team_key
        return team_ids.setdefault(key, len(team_ids)) if key else -1 - blank

    team_m = np.array([team_id(a, i) for i, a in enumerate(cohort.mentors)], dtype=np.int64)
    team_e = np.array([team_id(a, m + j) for j, a in enumerate(cohort.mentees)], dtype=np.int64)
    same_team = team_m.reshape(m, 1) == team_e.reshape(1, n)

    feasible = np.ones((m, n), dtype=bool)
    if not rules.same_team:
        feasible &= ~same_team
    if rules.shared_time:
        feasible &= overlap > 0

    sparse, levels = _sparse_rules(cohort, rules, never_again)
    for pairs in sparse.values():
        if pairs:
            rows, cols = zip(*pairs, strict=True)
            feasible[list(rows), list(cols)] = False
    return Verdict(feasible, same_team, overlap, sparse, levels)


def _sparse_rules(
    cohort: Cohort, rules: MatchRules, never_again: Iterable[PairRef]
) -> tuple[dict[str, frozenset[tuple[int, int]]], dict[tuple[int, int], int]]:
    mentor_at, mentee_at = cohort.mentor_at, cohort.mentee_at
    managers = {
        a.email: a.line_manager_email
        for a in (*cohort.mentors, *cohort.mentees)
        if a.line_manager_email
    }
    limit = rules.reporting_levels or MAX_LEVELS
    levels: dict[tuple[int, int], int] = {}
    for t, mentor in enumerate(cohort.mentors):  # the mentee above the mentor: the usual case
        for email, level in reporting_chain(mentor, managers).items():
            if level <= limit and email in mentee_at:
                key = (t, mentee_at[email])
                levels[key] = min(level, levels.get(key, level))
    for j, mentee in enumerate(cohort.mentees):  # the mentor above the mentee: rare, as bad
        for email, level in reporting_chain(mentee, managers).items():
            if level <= limit and email in mentor_at:
                key = (mentor_at[email], j)
                levels[key] = min(level, levels.get(key, level))

    prefer_not = set()
    for t, mentor in enumerate(cohort.mentors):
        prefer_not |= {(t, mentee_at[e]) for e in mentor.prefer_not if e in mentee_at}
    for j, mentee in enumerate(cohort.mentees):
        prefer_not |= {(mentor_at[e], j) for e in mentee.prefer_not if e in mentor_at}
    again = {
        (mentor_at[p.mentor], mentee_at[p.mentee])
        for p in never_again
        if p.mentor in mentor_at and p.mentee in mentee_at
    }
    itself = {(mentor_at[e], mentee_at[e]) for e in mentor_at.keys() & mentee_at.keys()}
    return {
        "self": frozenset(itself),
        "reporting_line": frozenset(levels),
        "never_again": frozenset(again),
        "prefer_not": frozenset(prefer_not),
    }, levels
