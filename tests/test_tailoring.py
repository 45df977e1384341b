"""Tailoring: session dates per cadence, month ends, plan choice, agendas that still add up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from upward.load.kit import load_kit
from upward.model import AgendaItem, Profile
from upward.plan.agenda import scale_agenda
from upward.plan.choice import pick_sessions
from upward.plan.schedule import session_dates
from upward.plan.tailored import slugify, tailor_kit

from conftest import KIT

D = dt.date


@pytest.fixture(scope="module")
def kit():
    return load_kit(KIT).kit


@pytest.mark.parametrize(
    ("cadence", "expected"),
    [
        ("weekly", [D(2027, 1, 4), D(2027, 1, 11), D(2027, 1, 18)]),
        ("fortnightly", [D(2027, 1, 4), D(2027, 1, 18), D(2027, 2, 1)]),
        ("monthly", [D(2027, 1, 4), D(2027, 2, 1), D(2027, 3, 1)]),  # the first Monday
        ("quarterly", [D(2027, 1, 4), D(2027, 4, 5), D(2027, 7, 5)]),
    ],
)
def test_dates_follow_the_cadence(cadence: str, expected: list[dt.date]) -> None:
    assert session_dates(D(2027, 1, 4), cadence, 3) == expected


def test_monthly_series_keep_a_weekday_rule_not_a_day_number() -> None:
    # Friday 29 January 2027 is in the month's last week: the series keeps the last Friday
    dates = session_dates(D(2027, 1, 29), "monthly", 5)
    assert dates == [D(2027, 1, 29), D(2027, 2, 26), D(2027, 3, 26), D(2027, 4, 30), D(2027, 5, 28)]
    assert {d.weekday() for d in dates} == {4}
    # Tuesday 30 November 2027, the last Tuesday; a leap February has its own last Tuesday
    assert session_dates(D(2027, 11, 30), "quarterly", 2)[1] == D(2028, 2, 29)


@pytest.mark.parametrize("minutes", [15, 25, 45, 60, 61, 90, 240])
def test_scaled_agendas_add_up(kit, minutes: int) -> None:
    for session in kit.sessions:
        scaled = scale_agenda(session.agenda, minutes)
        assert sum(item.minutes for item in scaled) == minutes
        assert [i.item for i in scaled] == [i.item for i in session.agenda]
        assert all(item.minutes >= 1 for item in scaled)


def test_scaling_keeps_proportions() -> None:
    agenda = [
        AgendaItem(minutes=10, item="a"),
        AgendaItem(minutes=30, item="b"),
        AgendaItem(minutes=20, item="c"),
    ]
    assert [i.minutes for i in scale_agenda(agenda, 120)] == [20, 60, 40]


@pytest.mark.parametrize("count", [1, 2, 3, 6, 7, 12, 52])
def test_picked_sessions_open_and_close_the_programme(kit, count: int) -> None:
    plan = next(p for p in kit.session_plans if len(p.sessions) >= 4)
    picked = pick_sessions(plan, count)
    assert len(picked) == count
    assert picked[0] == plan.sessions[0]
    if count >= 2:
        assert picked[-1] == plan.sessions[-1]


def _profile(**changes: object) -> Profile:
    values: dict[str, object] = {"organisation": "Acme", "start": D(2027, 1, 11)}
    values.update(changes)
    return Profile.model_validate(values)


def test_the_purpose_recommends_the_plan(kit) -> None:
    for purpose in kit.purposes:
        plan = next(p for p in kit.session_plans if p.id == purpose.plan)
        tailored = tailor_kit(kit, _profile(purpose=purpose.id, format=plan.format))
        assert tailored.plan.id == purpose.plan


def test_a_group_programme_gets_a_group_plan(kit) -> None:
    tailored = tailor_kit(kit, _profile(purpose="digital-fluency", format="group", sessions=8))
    assert tailored.plan.format == "group"
    assert len(tailored.schedule) == 8
    assert "group" in tailored.plan_reason


def test_the_schedule_is_dated_and_sized_from_the_profile(kit) -> None:
    tailored = tailor_kit(kit, _profile(sessions=4, cadence="fortnightly", session_minutes=45))
    assert [s.date for s in tailored.schedule] == [
        D(2027, 1, 11),
        D(2027, 1, 25),
        D(2027, 2, 8),
        D(2027, 2, 22),
    ]
    assert all(s.minutes == 45 for s in tailored.schedule)
    assert tailored.org.start == "Monday 11 January 2027"
    assert tailored.org.end == "Monday 22 February 2027"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Northwind Trading", "northwind-trading"),
        ("Équipe Numérique", "equipe-numerique"),
        ("<img src=x>", "img-src-x"),
        ("日本", "riben"),
    ],
)
def test_slugs_are_safe_file_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_example_profiles_are_valid(kit) -> None:
    from upward.load.org_profile import load_profile

    for path in sorted((KIT / "examples").glob("*.yaml")):
        profile = load_profile(Path(path), lambda: [p.id for p in kit.purposes])
        assert tailor_kit(kit, profile).schedule


def test_a_longer_programme_repeats_sessions_but_keeps_one_mid_point(kit) -> None:
    for plan in kit.session_plans:
        once = [s for s in plan.sessions[1:-1] if not s.repeatable]
        if not once or len(once) == len(plan.sessions) - 2:
            continue
        picked = pick_sessions(plan, 24)
        for session in once:
            assert picked.count(session) == 1, (plan.id, session.id)
        order = [plan.sessions.index(s) for s in picked]
        review = plan.mid_point
        after = plan.sessions[plan.sessions.index(review) + 1 : -1] if review else []
        if not after or any(s.repeatable for s in after):
            assert order == sorted(order), plan.id  # repeats stay in the plan's order
        else:  # nothing after the review may repeat: earlier themes come back after it
            assert picked.index(review) == 12, plan.id


@pytest.mark.parametrize("count", [3, 4, 5, 6, 9, 12, 24, 52])
def test_the_mid_point_review_stays_and_stays_in_the_middle(kit, count: int) -> None:
    """With four sessions the review is the third, with nine the fifth, with twelve the
    seventh: half the programme lies behind it, whatever the plan's own length."""
    for plan in kit.session_plans:
        review = plan.mid_point
        assert review is not None, plan.id  # every shipped plan marks its review
        picked = pick_sessions(plan, count)
        assert picked.count(review) == 1, (plan.id, count)
        assert picked.index(review) + 1 == count // 2 + 1, (plan.id, count)
        assert picked[0] == plan.sessions[0] and picked[-1] == plan.sessions[-1]


@pytest.mark.parametrize("count", [3, 5, 12])
def test_a_plan_without_a_review_or_repeatable_sessions_still_fills_a_longer_programme(
    kit, count: int
) -> None:
    """Found by the CLI fuzz test: a two-session plan with no mid-point review and nothing to
    repeat, asked for more sessions than it has, repeats its opening session in between."""
    plan = kit.session_plans[0]
    first, last = plan.sessions[0], plan.sessions[-1]
    bare = plan.model_copy(
        update={
            "sessions": [
                first.model_copy(update={"repeatable": False}),
                last.model_copy(update={"repeatable": False}),
            ]
        }
    )
    assert bare.mid_point is None
    picked = pick_sessions(bare, count)
    assert len(picked) == count
    assert picked[0].id == first.id and picked[-1].id == last.id
    assert [s.id for s in picked[1:-1]] == [first.id] * (count - 2)
