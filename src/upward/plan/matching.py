"""Match mentors with mentees: hard rules never broken, then a lexicographic objective.

The objective, in order: (1) as many mentees matched as the rules allow; (2) every mentor used
once before any has a second mentee, where possible; (3) the best total score. It is solved as
one assignment problem (scipy's `linear_sum_assignment`): each mentor becomes as many columns as
the mentees they can take (capacity expanded), and each allowed edge is worth
`A + B * [the mentor's first column] + score`, with integer A and B chosen so that one more
mentee matched outweighs any number of mentors spread, which outweighs any total of scores. All
values are integers far below 2**53, so the float64 solver adds them exactly: the order is
strict, not a matter of tuning. Ruled-out edges are worth 0, the same as no pair, so the solver
never needs them. The quality-first alternative weighs `score * (n + 1) + 1` instead (the best
total score, then as many pairs as that allows), and its numbers are always reported beside.

Deterministic: people are sorted by e-mail before anything else, so ties are broken the same
way on every run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import linear_sum_assignment

from upward.load.roster import pair_code
from upward.model.applications import (
    Application,
    Change,
    CurrentPair,
    MatchResult,
    MatchRules,
    Outcome,
    Pair,
    PairRef,
    Unmatched,
    Weights,
)
from upward.plan.cohort import (
    POINT_SCALE,
    Cohort,
    build_cohort,
    max_points,
    overlap_counts,
    points,
    score_parts,
    shared_slots,
)
from upward.plan.reasons import pair_reason, why_unmatched
from upward.plan.rules import Verdict, hard_rules
from upward.problems import Problem, ProblemsFound
from upward.words import matching as words

EXACT = 2**52  # below float64's 2**53: sums of the solver's integer weights stay exact


@dataclass(frozen=True)
class Scored:
    """A cohort with every pair scored and judged: what one matching run works from."""

    cohort: Cohort
    weights: dict[str, float]
    points: np.ndarray  # (M, N) int64 tenths of a point
    verdict: Verdict


def score_cohort(
    applications: Iterable[Application],
    rules: MatchRules,
    weights: Weights,
    purpose_topics: Sequence[str] = (),
    never_again: Iterable[PairRef] = (),
) -> Scored:
    cohort = build_cohort(applications, purpose_topics)
    effective = weights.effective(rules.mode)
    m, n = cohort.sizes
    grid_t, grid_j = np.arange(m).reshape(m, 1), np.arange(n).reshape(1, n)
    values = points(score_parts(cohort, effective, grid_t, grid_j), effective)
    verdict = hard_rules(cohort, rules, overlap_counts(cohort), never_again)
    return Scored(cohort, effective, values.reshape(m, n), verdict)


def assign(
    value: np.ndarray,
    feasible: np.ndarray,
    capacity: np.ndarray,
    used: np.ndarray,
    objective: str,
) -> list[tuple[int, int]]:
    """The best (mentor, mentee) pairs for one objective (see the module docstring).

    value and feasible are (M, N); capacity is what each mentor can still take; used marks
    mentors who already have a pair (their next column earns no spreading bonus)."""
    rows = np.flatnonzero(feasible.any(axis=0))  # mentees with somebody allowed
    mentors = np.flatnonzero(feasible.any(axis=1) & (capacity > 0))
    if len(rows) == 0 or len(mentors) == 0:
        return []
    column_mentor = np.repeat(mentors, capacity[mentors])
    column_first = (
        np.concatenate([np.arange(c) == 0 for c in capacity[mentors]]) & ~used[column_mentor]
    )
    allowed = feasible[np.ix_(column_mentor, rows)].T  # (mentees, columns)
    score = value[np.ix_(column_mentor, rows)].T.astype(np.float64)
    top = float(value[feasible].max(initial=0)) + 1
    count = len(rows)
    if objective == "reach":
        spread = count * top + 1  # more than any total of scores
        reach = spread * (min(count, len(mentors)) + 1)  # more than any spreading + scores
        weight = reach + spread * column_first + score
        largest = count * (reach + spread + top)
    else:
        weight = score * (count + 1) + 1
        largest = count * (top * (count + 1) + 1)
    if largest >= EXACT:  # pragma: no cover - beyond any real cohort (millions of people)
        raise ValueError("cohort too large for exact integer weights")
    weight = np.where(allowed, weight, 0.0)
    row_index, column_index = linear_sum_assignment(weight, maximize=True)
    chosen = allowed[row_index, column_index]
    return sorted(
        (int(column_mentor[c]), int(rows[r]))
        for r, c in zip(row_index[chosen], column_index[chosen], strict=True)
    )


def _outcome(
    scored: Scored, pairs: Sequence[tuple[int, int]], mentees: int, mentors: int, best: int
) -> Outcome:
    scores = tuple(sorted(float(scored.points[t, j]) / POINT_SCALE for t, j in pairs))
    return Outcome(
        mentees=mentees,
        mentors=mentors,
        matched=len(pairs),
        max_matchable=best,
        mentors_used=len({t for t, _ in pairs}),
        total_score=round(float(sum(scores)), 1),
        mean_score=round(sum(scores) / len(scores), 1) if scores else 0.0,
        min_score=min(scores) if scores else 0.0,
        scores=scores,
    )


def _check_fixed(
    scored: Scored, rules: MatchRules, fixed: Sequence[PairRef]
) -> list[tuple[int, int]]:
    """Kept pairs, as indices; a kept pair that names a stranger or breaks a rule is refused."""
    cohort, verdict = scored.cohort, scored.verdict
    R = words.READ
    problems: list[Problem] = []
    chosen: list[tuple[int, int]] = []
    for ref in fixed:
        where = {"file": ref.file, "line": ref.row, "field": "pair"}
        unknown = [
            e
            for e, side in ((ref.mentor, cohort.mentor_at), (ref.mentee, cohort.mentee_at))
            if e not in side
        ]
        if unknown:
            problems += [
                Problem(**where, message=R["unknown_person"].format(email=e)) for e in unknown
            ]
            continue
        t, j = cohort.mentor_at[ref.mentor], cohort.mentee_at[ref.mentee]
        rule = verdict.why(rules, t, j)
        if rule:
            problems.append(
                Problem(
                    **where,
                    message=R["locked_breaks_rule"].format(
                        rule=rule_words(verdict, t, j, rule, cohort)
                    ),
                )
            )
            continue
        chosen.append((t, j))
    mentees = [j for _, j in chosen]
    for j in {j for j in mentees if mentees.count(j) > 1}:
        problems.append(
            Problem(
                fixed[0].file,
                field="pair",
                message=R["locked_twice"].format(mentee=cohort.mentees[j].email),
            )
        )
    load = np.bincount([t for t, _ in chosen], minlength=len(cohort.mentors))
    for t in np.flatnonzero(load > cohort.capacity):
        problems.append(
            Problem(
                fixed[0].file,
                field="pair",
                message=R["locked_over_capacity"].format(
                    mentor=cohort.mentors[t].email,
                    count=int(load[t]),
                    capacity=int(cohort.capacity[t]),
                ),
            )
        )
    if problems:
        raise ProblemsFound(problems)
    return sorted(set(chosen))


def rule_words(verdict: Verdict, t: int, j: int, rule: str, cohort: Cohort) -> str:
    C = words.CHECK
    mentor, mentee = cohort.mentors[t], cohort.mentees[j]
    return {
        "self": C["wrong_role"].format(email=mentor.email, role="mentor", expected="mentee"),
        "reporting_line": C["reporting_line"].format(
            mentee=mentee.full_name, mentor=mentor.full_name, level=verdict.levels.get((t, j), 1)
        ),
        "never_again": C["never_again"],
        "prefer_not": C["prefer_not"].format(
            who=mentee.full_name if mentor.email in mentee.prefer_not else mentor.full_name,
            other=mentor.full_name if mentor.email in mentee.prefer_not else mentee.full_name,
        ),
        "same_team": C["same_team"].format(team=mentor.team),
        "no_time": C["no_time"],
    }[rule]


def match(
    applications: Iterable[Application],
    *,
    rules: MatchRules | None = None,
    weights: Weights | None = None,
    purpose_topics: Sequence[str] = (),
    topic_titles: dict[str, str] | None = None,
    locked: Sequence[PairRef] = (),
    declined: Iterable[PairRef] = (),
    never_again: Iterable[PairRef] = (),
    only_mentees: Iterable[str] | None = None,
    only_mentors: Iterable[str] | None = None,
    fixed_status: str = "locked",
) -> MatchResult:
    """Pairs for a cohort. `locked` pairs are kept as they are (a review's approved or locked
    rows, or an unwind's ongoing pairs); `declined` and `never_again` pairs are never made;
    `only_*` limit who is paired afresh (an unwind re-pairs only the people it freed).

    Raises ProblemsFound when a kept pair names someone unknown or breaks a hard rule."""
    rules = rules or MatchRules()
    weights = weights or Weights()
    titles = topic_titles or {}
    people = list(applications)
    scored = score_cohort(people, rules, weights, purpose_topics, [*declined, *never_again])
    cohort, verdict = scored.cohort, scored.verdict
    m, n = cohort.sizes
    fixed = _check_fixed(scored, rules, locked)

    take_mentee = np.ones(n, dtype=bool)
    take_mentor = np.ones(m, dtype=bool)
    if only_mentees is not None:
        take_mentee[:] = False
        take_mentee[[cohort.mentee_at[e] for e in only_mentees if e in cohort.mentee_at]] = True
    if only_mentors is not None:
        take_mentor[:] = False
        take_mentor[[cohort.mentor_at[e] for e in only_mentors if e in cohort.mentor_at]] = True
    load = np.bincount([t for t, _ in fixed], minlength=m).astype(np.int64)
    taken = np.zeros(n, dtype=bool)
    taken[[j for _, j in fixed]] = True
    open_mentees = take_mentee & ~taken
    capacity = np.where(take_mentor, cohort.capacity - load, 0)
    allowed = verdict.feasible & open_mentees.reshape(1, n) & take_mentor.reshape(m, 1)
    used = load > 0

    solutions = {
        objective: assign(scored.points, allowed, capacity, used, objective)
        for objective in ("reach", "quality")
    }
    chosen = solutions[rules.objective]
    other = "quality" if rules.objective == "reach" else "reach"
    most = len(fixed) + len(solutions["reach"])
    counted_mentees = take_mentee.copy()
    counted_mentees[[j for _, j in fixed]] = True
    counted_mentors = take_mentor.copy()
    counted_mentors[[t for t, _ in fixed]] = True
    in_round_mentees = int(counted_mentees.sum())
    in_round_mentors = int(counted_mentors.sum())
    outcome = _outcome(scored, [*fixed, *chosen], in_round_mentees, in_round_mentors, most)
    alternative = _outcome(
        scored, [*fixed, *solutions[other]], in_round_mentees, in_round_mentors, most
    )

    pairs = _pairs(scored, fixed, fixed_status, titles) + _pairs(scored, chosen, "new", titles)
    unmatched = _unmatched(scored, rules, [*fixed, *chosen], take_mentee, take_mentor)
    return MatchResult(
        pairs=tuple(sorted(pairs, key=lambda p: (p.mentor, p.mentee))),
        unmatched=unmatched,
        outcome=outcome,
        alternative=alternative,
        rules=rules,
        weights=scored.weights,
        max_score=max_points(scored.weights),
        people={a.email: a for a in people},
        purpose_topics=tuple(purpose_topics),
        topic_titles=dict(titles),
    )


def _pairs(
    scored: Scored, chosen: Sequence[tuple[int, int]], status: str, titles: dict[str, str]
) -> list[Pair]:
    if not chosen:
        return []
    cohort, weights = scored.cohort, scored.weights
    t = np.array([p[0] for p in chosen])
    j = np.array([p[1] for p in chosen])
    parts = score_parts(cohort, weights, t, j)
    out = []
    for k, (a, b) in enumerate(chosen):
        slots = shared_slots(cohort, a, b)
        out.append(
            Pair(
                mentor=cohort.mentors[a].email,
                mentee=cohort.mentees[b].email,
                score=float(scored.points[a, b]) / POINT_SCALE,
                parts={
                    name: round(float(weights[name] * parts[name][k]), 1)
                    for name in parts
                    if weights[name]
                },
                reasons=pair_reason(cohort, weights, a, b, titles, status),
                introduction=pair_reason(cohort, weights, a, b, titles, status, named=True),
                first_slot=slots[0] if slots else None,
                status=status,  # type: ignore[arg-type]
            )
        )
    return out


def _unmatched(
    scored: Scored,
    rules: MatchRules,
    pairs: Sequence[tuple[int, int]],
    take_mentee: np.ndarray,
    take_mentor: np.ndarray,
) -> tuple[Unmatched, ...]:
    cohort, verdict = scored.cohort, scored.verdict
    paired_mentors = {t for t, _ in pairs}
    paired_mentees = {j for _, j in pairs}
    mentors_in_round = np.flatnonzero(take_mentor)
    mentees_in_round = np.flatnonzero(take_mentee)
    out = []
    for j in mentees_in_round:
        if j not in paired_mentees:
            why = why_unmatched(cohort, rules, verdict, "mentee", int(j), mentors_in_round)
            out.append(Unmatched(cohort.mentees[j].email, "mentee", why))
    for t in mentors_in_round:
        if t not in paired_mentors:
            why = why_unmatched(cohort, rules, verdict, "mentor", int(t), mentees_in_round)
            out.append(Unmatched(cohort.mentors[t].email, "mentor", why))
    return tuple(sorted(out, key=lambda u: (u.role, u.email)))


def unwind(
    applications: Iterable[Application],
    current: Sequence[CurrentPair],
    *,
    rules: MatchRules | None = None,
    weights: Weights | None = None,
    purpose_topics: Sequence[str] = (),
    topic_titles: dict[str, str] | None = None,
    never_again: Iterable[PairRef] = (),
    include_unpaired: bool = False,
) -> MatchResult:
    """A no-fault unwind: ongoing pairs are kept, ended ones are never made again, and only the
    people an ending freed are paired afresh (with `include_unpaired`, also anyone who has no
    pair yet). The result's `changes` lists each ended pair and each new one."""
    people = list(applications)
    kept = [p for p in current if not p.ended]
    ended = [p for p in current if p.ended]
    kept_mentees = {p.mentee for p in kept}
    freed_mentees = {p.mentee for p in ended} - kept_mentees
    freed_mentors = {p.mentor for p in ended}
    if include_unpaired:
        in_pairs = {e for p in current for e in (p.mentor, p.mentee)}
        freed_mentees |= {a.email for a in people if a.role == "mentee" and a.email not in in_pairs}
        freed_mentors |= {a.email for a in people if a.role == "mentor" and a.email not in in_pairs}
    result = match(
        people,
        rules=rules,
        weights=weights,
        purpose_topics=purpose_topics,
        topic_titles=topic_titles,
        locked=kept,
        never_again=[*never_again, *ended],
        only_mentees=freed_mentees,
        only_mentors=freed_mentors,
        fixed_status="kept",
    )
    changes = [
        Change("ended", p.mentor, p.mentee)
        for p in sorted(ended, key=lambda p: (p.mentor, p.mentee))
    ]
    changes += [
        Change("new", p.mentor, p.mentee, p.score, p.reasons)
        for p in result.pairs
        if p.status == "new"
    ]
    pairs = _carry_codes(result.pairs, current)
    return MatchResult(**{**result.__dict__, "pairs": pairs, "changes": tuple(changes)})


def _carry_codes(pairs: Sequence[Pair], current: Sequence[CurrentPair]) -> tuple[Pair, ...]:
    """Kept pairs keep the codes people already write on their pulse forms; new pairs take the
    numbers after the highest ever given (an ended pair's code is never given again). Without
    codes in `current`, pairs are numbered by their place as in any run."""
    if not any(c.code for c in current):
        return tuple(pairs)
    codes = {(c.mentor, c.mentee): c.code for c in current if c.code and not c.ended}
    highest = max((int(c.code[1:]) for c in current if c.code), default=0)
    fresh = [p for p in pairs if (p.mentor, p.mentee) not in codes]
    count = highest + len(fresh)
    for number, pair in enumerate(fresh, start=highest + 1):
        codes[(pair.mentor, pair.mentee)] = pair_code(number, count)
    return tuple(replace(p, code=codes[(p.mentor, p.mentee)]) for p in pairs)
