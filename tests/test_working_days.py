"""Sessions and the lead's events fall on working days: never a weekend, a day the organisation
does not work, a public holiday of its country and region (the `holidays` package) or a
blackout date; a monthly series keeps a weekday rule; every move is reported."""

from __future__ import annotations

import datetime as dt
from typing import Any

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upward.model import Profile
from upward.plan.schedule import DayRule, working_schedule
from upward.plan.tailored import tailor_kit
from upward.plan.working_days import WorkingCalendar, working_calendar
from upward.words import english

from small_kit import make_kit

D = dt.date
WORDS = english()

# Countries with different weekends, Easter rules and regional holidays.
PLACES = [
    ("GB", "ENG"),
    ("GB", "SCT"),
    ("DE", "BY"),
    ("FR", None),
    ("US", "CA"),
    ("IN", None),
    ("AE", None),  # a Monday-to-Friday week since 2022
    ("IL", None),  # a Sunday-to-Thursday week, with its own holidays
    ("JP", None),
    ("BR", "SP"),
]


def profile(**changes: Any) -> Profile:
    fields: dict[str, Any] = {"organisation": "Acme Ltd", "start": D(2026, 1, 5)}
    fields.update(changes)
    return Profile.model_validate(fields)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    place=st.sampled_from(PLACES),
    start=st.dates(D(2024, 1, 1), D(2030, 12, 31)),
    cadence=st.sampled_from(["weekly", "fortnightly", "monthly", "quarterly"]),
    count=st.integers(1, 24),
    sunday_week=st.booleans(),
)
def test_every_cadence_lands_on_working_days_and_every_move_is_reported(
    place: tuple[str, str | None], start: dt.date, cadence: str, count: int, sunday_week: bool
) -> None:
    country, subdivision = place
    days = (
        ["sunday", "monday", "tuesday", "wednesday", "thursday"]
        if sunday_week
        else ["monday", "tuesday", "wednesday", "thursday", "friday"]
    )
    chosen = profile(
        start=start,
        cadence=cadence,
        sessions=count,
        country=country,
        subdivision=subdivision,
        working_days=days,
        blackout=[{"from": D(2026, 12, 21), "to": D(2027, 1, 3), "reason": "closed"}],
    )
    tailored = tailor_kit(make_kit(), chosen)
    public = holidays.country_holidays(country, subdiv=subdivision)
    dates = [s.date for s in tailored.schedule]
    for day in dates:
        assert day.strftime("%A").lower() in days, day
        assert day not in public, (day, public.get(day))
        assert not D(2026, 12, 21) <= day <= D(2027, 1, 3), day
    assert dates == sorted(set(dates))  # never onto or past the next session
    assert dates[0] >= start
    # every date that differs from the plain series is reported, with the reason
    moved = {move.number: move for move in tailored.moves}
    for number, day in enumerate(dates, start=1):
        if number in moved:
            move = moved[number]
            assert move.moved_to == day and move.planned != day and move.reason
            assert not tailored.working.is_working(move.planned)
    # the lead's events start on working days too
    assert tailored.timeline is not None
    for milestone in tailored.timeline.milestones:
        assert tailored.working.is_working(milestone.first), milestone
        assert tailored.working.is_working(milestone.last), milestone
    # and each session's booking window stays before the next session
    for this, following in zip(tailored.schedule, tailored.schedule[1:], strict=False):
        assert this.date <= (this.window_last or this.date) < following.date


def test_the_issue_s_example_moves_easter_monday_and_says_so() -> None:
    working = working_calendar(profile(country="GB", subdivision="ENG"), WORDS)
    schedule = working_schedule(D(2026, 1, 5), "monthly", 12, working)
    described = [move.describe(WORDS) for move in schedule.moves]
    assert described == [
        "session 4 moved from Monday 6 April 2026 (Easter Monday) to Tuesday 7 April",
        "session 5 moved from Monday 4 May 2026 (May Day) to Tuesday 5 May",
    ]
    assert schedule.rule is not None and schedule.rule.describe(WORDS) == "first Monday"


def test_a_monthly_series_keeps_its_weekday_where_the_old_one_drifted() -> None:
    """The shipped example used to book Sunday 11 April 2027 and drift across the week."""
    working = working_calendar(profile(country="GB", subdivision="ENG"), WORDS)
    dates = working_schedule(D(2027, 1, 11), "monthly", 6, working).dates
    assert {day.weekday() for day in dates} == {0}  # every one a Monday: the second Monday
    assert dates[3] == D(2027, 4, 12)


@pytest.mark.parametrize(
    ("start", "rule"),
    [
        (D(2027, 1, 11), "second Monday"),
        (D(2027, 1, 29), "last Friday"),  # the 29th: the month's last week
        (D(2027, 2, 22), "last Monday"),  # the fourth Monday of February is also its last
        (D(2027, 3, 22), "fourth Monday"),  # March has a fifth Monday, the 29th
        (D(2027, 1, 1), "first Friday"),
    ],
)
def test_the_default_rule_is_the_start_s_weekday_and_place(start: dt.date, rule: str) -> None:
    assert DayRule.of(start).describe(WORDS) == rule


def test_the_profile_can_state_the_rule() -> None:
    chosen = profile(start=D(2027, 1, 20), session_day="Last Thursday", sessions=3)
    tailored = tailor_kit(make_kit(), chosen)
    assert [s.date for s in tailored.schedule] == [D(2027, 1, 20), D(2027, 2, 25), D(2027, 3, 25)]


def test_a_blackout_week_slides_a_weekly_series_and_says_so() -> None:
    working = WorkingCalendar(
        blackout={D(2026, 12, 21) + dt.timedelta(days=i): "office closed" for i in range(14)}
    )
    schedule = working_schedule(D(2026, 11, 30), "weekly", 5, working)
    assert schedule.dates[3:] == (D(2027, 1, 4), D(2027, 1, 11))
    (move,) = schedule.moves
    assert move.slid and move.number == 4
    assert move.describe(WORDS).startswith(
        "session 4 moved from Monday 21 December 2026 (a blackout date: office closed) to "
        "Monday 4 January 2027: no working day was left"
    )


def test_a_start_on_a_sunday_starts_on_the_monday_and_is_reported() -> None:
    tailored = tailor_kit(make_kit(), profile(start=D(2027, 1, 31)))
    assert tailored.schedule[0].date == D(2027, 2, 1)
    assert tailored.moves[0].describe(WORDS) == (
        "session 1 moved from Sunday 31 January 2027 (Sunday) to Monday 1 February"
    )


def test_holiday_names_follow_the_kit_s_language() -> None:
    working = working_calendar(profile(country="DE", subdivision="BY"), WORDS)
    assert working.why_not(D(2026, 4, 6)) == "Easter Monday"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"country": "gb"}, "country", "should be written in capitals: 'GB'"),
        ({"country": "XX"}, "country", "not a country code"),
        ({"country": "GB", "subdivision": "ENX"}, "subdivision", "did you mean 'ENG'?"),
        ({"subdivision": "ENG", "country": None}, "subdivision", "needs a country"),
        ({"session_day": "2nd Monday"}, "session_day", "not a day rule"),
        ({"cadence": "weekly", "session_day": "first Monday"}, "session_day", "monthly and"),
        ({"session_day": "first Saturday"}, "session_day", "not one of the working_days"),
        ({"working_days": ["monday", "monday"]}, "working_days", "more than once"),
        ({"blackout": [{"from": D(2027, 2, 1), "to": D(2027, 1, 1)}]}, "blackout", "before"),
    ],
)
def test_bad_working_time_keys_are_refused_with_a_hint(
    changes: dict[str, Any], field: str, message: str
) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as raised:
        profile(**changes)
    errors = raised.value.errors()
    assert any(str(e["loc"][0]) == field and message in e["msg"] for e in errors), errors
