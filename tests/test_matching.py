"""The matching engine: a cohort whose answer is known by hand, hard rules on random cohorts,
as many matched as the rules allow (checked by a maximum bipartite matching), the best total
against brute force, the spreading of mentors, reasons, and determinism."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from cohorts import TITLES, cohorts, independent_violations, person
from hypothesis import HealthCheck, given, settings
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_bipartite_matching

from upward.model.applications import MatchRules, Weights
from upward.plan.matching import match, score_cohort

PROPERTY = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


def pairs_of(result) -> list[tuple[str, str]]:
    return [(p.mentor, p.mentee) for p in result.pairs]


# --- a cohort solved by hand --------------------------------------------------------------


def hand_cohort():
    """Three mentors (four places) and four mentees, worked out by hand below."""
    return [
        person(
            "mentor",
            "Dana Mentor",
            team="Ops",
            line_manager_email="bo@example.org",
            availability=("mon-am", "tue-am"),
            topics_offered=("social-media",),
        ),
        person(
            "mentor",
            "Cy Mentor",
            team="Data",
            availability=("wed-pm",),
            topics_offered=("ai-and-emerging-tech",),
            channel=("phone",),
        ),
        person(
            "mentor",
            "Ed Mentor",
            team="Sales",
            capacity=2,
            availability=("mon-am", "wed-pm"),
            topics_offered=("digital-tools", "social-media"),
        ),
        person(
            "mentee",
            "Ada Lead",
            team="Board",
            line_manager_email="ceo@example.org",
            availability=("mon-am",),
            topics_wanted=("social-media",),
        ),
        person(
            "mentee",
            "Bo Lead",
            team="Ops-North",
            line_manager_email="ada@example.org",
            availability=("mon-am", "tue-am"),
            topics_wanted=("social-media",),
        ),
        person(
            "mentee",
            "Finn Lead",
            team="Legal",
            availability=("wed-pm",),
            topics_wanted=("digital-tools",),
        ),
        person(
            "mentee",
            "Gil Lead",
            team="Data",
            availability=("wed-pm",),
            topics_wanted=("ai-and-emerging-tech",),
            channel=("phone",),
        ),
    ]


def test_a_cohort_solved_by_hand() -> None:
    """Dana's line manager is Bo, whose manager is Ada: Dana can mentor neither, and shares no
    half-day with Finn or Gil, so Dana has nobody. Gil is in Cy's team and Ada and Bo are never
    free when Cy is, so Cy can take only Finn. Ed (two places) fits all four mentees. The most
    that can be matched is three (Cy-Finn, and two with Ed); Ed with Ada or Bo scores 75 (topic,
    one shared slot, channel, format), with Gil 25 (no topic, no channel): Ed takes Ada and Bo.
    Cy with Finn scores 25 too (no topic, no channel)."""
    result = match(hand_cohort(), topic_titles=TITLES)
    assert sorted(pairs_of(result)) == [
        ("cy@example.org", "finn@example.org"),
        ("ed@example.org", "ada@example.org"),
        ("ed@example.org", "bo@example.org"),
    ]
    assert result.outcome.matched == result.outcome.max_matchable == 3
    why = {u.email: u.why for u in result.unmatched}
    assert set(why) == {"gil@example.org", "dana@example.org"}
    assert why["gil@example.org"] == (
        "no mentor left with room: the one who could be paired with you already has as many "
        "mentees as they offered to take"
    )
    assert why["dana@example.org"] == (
        "every mentee free when you are (Monday mornings and Tuesday mornings) is in your "
        "reporting line"
    )
    scores = {p.mentee: p.score for p in result.pairs}
    assert scores == {"ada@example.org": 75.0, "bo@example.org": 75.0, "finn@example.org": 25.0}


def test_reasons_read_as_the_issue_describes() -> None:
    people = [
        person(
            "mentor",
            "Amara Okafor",
            availability=("tue-am",),
            channel=("video",),
            topics_offered=("social-media", "ai-and-emerging-tech"),
        ),
        person(
            "mentee",
            "Kenji Watanabe",
            availability=("tue-am", "thu-am"),
            channel=("video",),
            topics_wanted=("social-media",),
        ),
    ]
    (pair,) = match(people, topic_titles=TITLES).pairs
    assert pair.reasons == (
        "offers social media and AI, wants social media; both free Tuesday mornings; "
        "both prefer video; both happy with one-to-one"
    )
    assert pair.introduction.startswith("Amara Okafor offers social media and AI and Kenji")
    assert pair.first_slot == "tue-am"
    assert pair.score == pytest.approx(sum(pair.parts.values()), abs=0.15)


def test_every_mentor_used_once_before_any_has_a_second() -> None:
    """Ed scores higher with both mentees, but Flo can take one: reach first spreads them."""
    people = [
        person("mentor", "Ed Mentor", capacity=2, topics_offered=("social-media", "digital-tools")),
        person("mentor", "Flo Mentor", topics_offered=("younger-customers",), channel=("phone",)),
        person("mentee", "Ann Lead", topics_wanted=("social-media",)),
        person("mentee", "Ben Lead", topics_wanted=("digital-tools",)),
    ]
    result = match(people)
    assert result.outcome.mentors_used == 2
    assert result.alternative.mentors_used == 1  # quality first lets Ed take both
    assert result.alternative.total_score > result.outcome.total_score
    quality = match(people, rules=MatchRules(objective="quality"))
    assert quality.outcome.mentors_used == 1 and quality.alternative.mentors_used == 2


def test_reporting_levels_rule_counts_only_the_levels_asked() -> None:
    people = [
        person(
            "mentor",
            "Ray Mentor",
            line_manager_email="mid@example.org",
            senior_line=("top@example.org",),
        ),
        person("mentee", "Top Lead", email="top@example.org"),
    ]
    assert match(people).pairs == ()
    assert "in your reporting line" in match(people).unmatched[0].why
    assert len(match(people, rules=MatchRules(reporting_levels=1)).pairs) == 1


def test_a_line_is_followed_through_people_who_applied() -> None:
    """Ray told us only his manager; his manager applied too and named hers, who is a mentee."""
    people = [
        person("mentor", "Ray Mentor", line_manager_email="mid@example.org"),
        person(
            "mentee",
            "Mid Lead",
            email="mid@example.org",
            line_manager_email="top@example.org",
            availability=("fri-pm",),
        ),
        person("mentee", "Top Lead", email="top@example.org"),
    ]
    result = match(people)
    assert result.pairs == ()
    assert match(people, rules=MatchRules(reporting_levels=1)).pairs[0].mentee == "top@example.org"


def test_same_team_only_when_allowed() -> None:
    people = [
        person("mentor", "Ann Mentor", team="Sales"),
        person("mentee", "Bea Lead", team=" sales "),
    ]
    assert match(people).pairs == ()
    assert match(people).unmatched[0].why.endswith("is in your own team")
    assert len(match(people, rules=MatchRules(same_team=True)).pairs) == 1


def test_no_shared_time_is_a_rule_unless_turned_off() -> None:
    people = [
        person("mentor", "Ann Mentor", availability=("mon-am",)),
        person("mentee", "Bea Lead", availability=("fri-pm",)),
    ]
    assert (
        "no mentor is free at any of your times (Friday afternoons)"
        in match(people).unmatched[0].why
    )
    (pair,) = match(people, rules=MatchRules(shared_time=False)).pairs
    assert pair.first_slot is None and "no half-day free in common" in pair.reasons


def test_hybrid_preferences_weigh_heavily_and_admin_ignores_them() -> None:
    people = [
        person("mentor", "Ann Mentor", topics_offered=("social-media",)),
        person("mentor", "Cas Mentor", topics_offered=("digital-tools",)),
        person(
            "mentee", "Bea Lead", topics_wanted=("social-media",), preferences=("cas@example.org",)
        ),
    ]
    assert pairs_of(match(people)) == [("ann@example.org", "bea@example.org")]
    hybrid = match(people, rules=MatchRules(mode="hybrid"))
    assert pairs_of(hybrid) == [("cas@example.org", "bea@example.org")]
    assert hybrid.pairs[0].reasons.startswith("the mentee's first choice")


def test_the_same_input_gives_the_same_pairs_in_any_order() -> None:
    people = hand_cohort() * 1
    first = match(people)
    again = match(list(reversed(people)))
    assert first.pairs == again.pairs and first.unmatched == again.unmatched


# --- properties over random cohorts --------------------------------------------------------


@PROPERTY
@given(cohorts())
def test_hard_rules_are_never_broken_and_capacities_kept(people) -> None:
    for rules in (MatchRules(), MatchRules(mode="hybrid", objective="quality")):
        result = match(people, rules=rules)
        assert independent_violations({a.email: a for a in people}, pairs_of(result), rules) == []


def _most_matchable(people, rules: MatchRules) -> int:
    """A maximum bipartite matching on the capacity-expanded graph of allowed pairs."""
    scored = score_cohort(people, rules, Weights())
    feasible = scored.verdict.feasible
    columns = np.repeat(np.arange(feasible.shape[0]), scored.cohort.capacity)
    graph = csr_array(feasible[columns].T.astype(np.int8))
    if graph.shape[0] == 0 or graph.shape[1] == 0:
        return 0
    return int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())


@PROPERTY
@given(cohorts())
def test_as_many_matched_as_the_rules_allow(people) -> None:
    rules = MatchRules()
    result = match(people, rules=rules)
    most = _most_matchable(people, rules)
    assert result.outcome.matched == result.outcome.max_matchable == most
    assert result.alternative.matched <= most
    assert len(result.unmatched) == sum(1 for a in people if a.role == "mentee") - most + sum(
        1 for a in people if a.role == "mentor" and a.email not in {p.mentor for p in result.pairs}
    )


def _brute_force(people, rules: MatchRules) -> tuple[int, int, float]:
    """(matched, mentors used, total) of the lexicographic best, by trying every assignment."""
    scored = score_cohort(people, rules, Weights())
    m, n = scored.cohort.sizes
    best = (0, 0, 0.0)
    for choice in itertools.product(range(-1, m), repeat=n):
        load = np.bincount([t for t in choice if t >= 0], minlength=m)
        if (load > scored.cohort.capacity).any():
            continue
        if any(t >= 0 and not scored.verdict.feasible[t, j] for j, t in enumerate(choice)):
            continue
        pairs = [(t, j) for j, t in enumerate(choice) if t >= 0]
        value = (
            len(pairs),
            len({t for t, _ in pairs}),
            sum(int(scored.points[t, j]) for t, j in pairs),
        )
        best = max(best, value)
    return best[0], best[1], best[2] / 10


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(cohorts(max_mentors=3, max_mentees=4))
def test_the_best_total_against_brute_force(people) -> None:
    rules = MatchRules()
    result = match(people, rules=rules)
    matched, used, total = _brute_force(people, rules)
    assert (result.outcome.matched, result.outcome.mentors_used) == (matched, used)
    assert result.outcome.total_score == pytest.approx(total, abs=0.05)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(cohorts())
def test_determinism_on_random_cohorts(people) -> None:
    assert match(people).pairs == match(list(reversed(people))).pairs


def test_every_unmatched_person_has_a_reason_and_every_pair_reasons() -> None:
    result = match(hand_cohort())
    assert all(p.reasons for p in result.pairs)
    assert all(u.why for u in result.unmatched)
