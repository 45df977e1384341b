"""Group format: circles of one or two mentors and four or five mentees, balanced by the scores.

Why scipy's `milp` (HiGHS) and not OR-Tools CP-SAT: scipy is already here for the pairs, while
OR-Tools would add some 30 MB of wheels and protobuf for one small model; and the model below is
close to a transportation problem, whose linear relaxation is almost always integral already,
so HiGHS closes it quickly for realistic group cohorts. Measured here on a busy shared 2-core
machine: the 38-person example cohort in 0.07 s, 20 mentors and 80 mentees in about 9 s, 50 and
200 in about 37 s, all proven optimal. A time limit per round bounds anything larger, and the
result says when the answer is good but not proven best. (If cohorts of several hundred in
circles become common, CP-SAT's parallel search is the next thing to try.)

The model: a circle is anchored by one mentor at one half-day they are free. Variables
y[t, k] (mentor t anchors a circle at slot k, at most one per mentor) and x[t, k, j] (mentee j
joins it; only where j is free at k and no hard rule forbids t with j). Each circle takes
between the least and the most mentees allowed, each mentee at most one circle. The objective is
lexicographic, solved in three rounds, each fixing the one before: as many mentees placed as
possible; then as many circles as possible (so that more mentors lead or co-lead one); then the
best total of the square roots of the mentees' scores (a concave gain: raising a poor fit is
worth more than polishing a good one, so no one is left in a poor circle to lift the total;
that is the balance, and it keeps the model linear, with no extra constraints). A second mentor then joins circles by
linear assignment: free at the circle's slot, no hard rule broken with any of its mentees, at
most the most mentors a circle may have.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import coo_array

from upward.model.applications import (
    SLOTS,
    Application,
    Circle,
    CircleResult,
    MatchRules,
    PairRef,
    Unmatched,
    Weights,
)
from upward.plan.cohort import POINT_SCALE
from upward.plan.matching import score_cohort
from upward.plan.reasons import pair_reason, why_unmatched
from upward.words import matching as words

TIME_LIMIT_S = 10.0  # per round, of three


def _solve(
    c: np.ndarray,
    constraints: list[LinearConstraint],
    integrality: np.ndarray,
    bounds: Bounds,
) -> tuple[np.ndarray | None, bool]:
    result = milp(
        c,
        constraints=constraints,
        integrality=integrality,
        bounds=bounds,
        options={"time_limit": TIME_LIMIT_S, "mip_rel_gap": 1e-6},
    )
    if result.x is None:
        return None, False
    return result.x, result.status == 0


def circles(
    applications: Iterable[Application],
    *,
    rules: MatchRules | None = None,
    weights: Weights | None = None,
    purpose_topics: Sequence[str] = (),
    topic_titles: dict[str, str] | None = None,
    never_again: Iterable[PairRef] = (),
) -> CircleResult:
    rules = rules or MatchRules()
    weights = weights or Weights()
    titles = topic_titles or {}
    people = list(applications)
    scored = score_cohort(people, rules, weights, purpose_topics, never_again)
    cohort, verdict = scored.cohort, scored.verdict
    m, n = cohort.sizes
    low, high = rules.circle_mentees
    most_mentors = rules.circle_mentors[1]

    # the variables: anchors (t, k), then memberships (t, k, j)
    anchors = [(t, k) for t in range(m) for k in range(len(SLOTS)) if cohort.free_m[t] >> k & 1]
    members = [
        (a, j)
        for a, (t, k) in enumerate(anchors)
        for j in np.flatnonzero(verdict.feasible[t] & ((cohort.free_e >> k) & 1).astype(bool))
    ]
    ny, nx = len(anchors), len(members)
    optimal = True
    chosen_members: list[tuple[int, int]] = []
    if ny and nx:
        size = ny + nx
        a_of = np.array([a for a, _ in members])
        j_of = np.array([j for _, j in members])
        t_of_anchor = np.array([t for t, _ in anchors])
        score = scored.points[t_of_anchor[a_of], j_of].astype(float)

        rows_i, cols_i, vals = [], [], []
        lower, upper = [], []

        def add(cols: list[int], values: list[float], lo: float, hi: float) -> None:
            r = len(lower)
            rows_i.extend([r] * len(cols))
            cols_i.extend(cols)
            vals.extend(values)
            lower.append(lo)
            upper.append(hi)

        for t in range(m):  # one anchor slot per mentor
            mine = [a for a, (tt, _) in enumerate(anchors) if tt == t]
            if mine:
                add(mine, [1.0] * len(mine), 0, 1)
        by_mentee: dict[int, list[int]] = {}
        by_anchor: dict[int, list[int]] = {}
        for index, (a, j) in enumerate(members):
            by_mentee.setdefault(int(j), []).append(ny + index)
            by_anchor.setdefault(a, []).append(ny + index)
        for cols in by_mentee.values():  # a mentee joins at most one circle
            add(cols, [1.0] * len(cols), 0, 1)
        for a in range(ny):  # a circle that runs has between `low` and `high` mentees
            cols = by_anchor.get(a, [])
            add([*cols, a], [1.0] * len(cols) + [-float(low)], 0, np.inf)
            add([*cols, a], [1.0] * len(cols) + [-float(high)], -np.inf, 0)
        base = coo_array((vals, (rows_i, cols_i)), shape=(len(lower), size)).tocsr()
        constraints = [LinearConstraint(base, np.array(lower), np.array(upper))]
        integrality = np.ones(size)
        bounds = Bounds(np.zeros(size), np.ones(size))

        # round 1: as many mentees placed as possible
        c1 = np.zeros(size)
        c1[ny : ny + nx] = -1
        x, proven = _solve(c1, constraints, integrality, bounds)
        optimal &= proven
        if x is not None and round(-c1 @ x) > 0:
            placed = round(float(np.sum(x[ny : ny + nx])))
            keep = LinearConstraint(-c1.reshape(1, -1), placed, placed)
            # round 2: as many circles as that allows
            c2 = np.zeros(size)
            c2[:ny] = -1
            x2, proven = _solve(c2, [*constraints, keep], integrality, bounds)
            optimal &= proven
            x = x2 if x2 is not None else x
            count = round(float(np.sum(x[:ny])))
            keep2 = LinearConstraint(-c2.reshape(1, -1), count, count)
            # round 3: the best total of a concave gain per mentee (the square root of the
            # score): lifting a poor fit counts for more than polishing a good one
            c3 = np.zeros(size)
            c3[ny : ny + nx] = -np.sqrt(score)
            x3, proven = _solve(c3, [*constraints, keep, keep2], integrality, bounds)
            optimal &= proven
            x = x3 if x3 is not None else x
            chosen_members = [members[i] for i in range(nx) if x[ny + i] > 0.5]

    groups: dict[int, list[int]] = {}
    for a, j in chosen_members:
        groups.setdefault(a, []).append(int(j))
    circle_list = sorted(
        groups.items(), key=lambda kv: (cohort.mentors[anchors[kv[0]][0]].email, kv[0])
    )
    anchor_mentors = {anchors[a][0] for a, _ in circle_list}

    # second mentors: linear assignment of the other mentors to circles
    others = [t for t in range(m) if t not in anchor_mentors]
    seconds: dict[int, int] = {}
    if others and circle_list and most_mentors > 1:
        value = np.zeros((len(others), len(circle_list)))
        allowed = np.zeros_like(value, dtype=bool)
        for r, t in enumerate(others):
            for c, (a, group) in enumerate(circle_list):
                k = anchors[a][1]
                if not cohort.free_m[t] >> k & 1:
                    continue
                if all(verdict.why(rules, t, j) in (None, "no_time") for j in group):
                    allowed[r, c] = True
                    value[r, c] = float(sum(scored.points[t, j] for j in group))
        weight = np.where(allowed, value + value.sum() + 1, 0.0)  # more co-led circles first
        r_index, c_index = linear_sum_assignment(weight, maximize=True)
        for r, c in zip(r_index, c_index, strict=True):
            if allowed[r, c]:
                seconds[c] = others[r]

    built = []
    for number, (a, group) in enumerate(circle_list, start=1):
        t, k = anchors[a]
        mentees = sorted(group, key=lambda j: cohort.mentees[j].email)
        mentor_ids = [t] + ([seconds[number - 1]] if number - 1 in seconds else [])
        built.append(
            Circle(
                number=number,
                mentors=tuple(cohort.mentors[i].email for i in mentor_ids),
                mentees=tuple(cohort.mentees[j].email for j in mentees),
                slot=SLOTS[k],
                scores={
                    cohort.mentees[j].email: float(scored.points[t, j]) / POINT_SCALE
                    for j in mentees
                },
                reasons={
                    cohort.mentees[j].email: pair_reason(cohort, scored.weights, t, j, titles)
                    for j in mentees
                },
            )
        )
    placed_mentees = {e for c in built for e in c.mentees}
    placed_mentors = {e for c in built for e in c.mentors}
    unmatched = []
    every_mentor = np.arange(m)
    every_mentee = np.arange(n)
    for j, person in enumerate(cohort.mentees):
        if person.email not in placed_mentees:
            if verdict.feasible[:, j].any():
                why = words.UNMATCHED["circle_full"]
            else:
                why = why_unmatched(cohort, rules, verdict, "mentee", j, every_mentor)
            unmatched.append(Unmatched(person.email, "mentee", why))
    for t, person in enumerate(cohort.mentors):
        if person.email not in placed_mentors:
            if verdict.feasible[t].any():
                why = words.UNMATCHED["circle_full"]
            else:
                why = why_unmatched(cohort, rules, verdict, "mentor", t, every_mentee)
            unmatched.append(Unmatched(person.email, "mentor", why))
    return CircleResult(
        circles=tuple(built),
        unmatched=tuple(sorted(unmatched, key=lambda u: (u.role, u.email))),
        people={a.email: a for a in people},
        rules=rules,
        weights=scored.weights,
        optimal=optimal,
    )
