"""The tailored session calendar, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar

from upward.render.session_calendar import schedule_ics

from small_kit import HOSTILE_NAME, UNICODE_NAME, tailored


def events(data: bytes) -> list[Any]:
    """The sessions' events (the lead's milestones have their own tests below)."""
    return [e for e in Calendar.from_ical(data).walk("VEVENT") if "-session-" in str(e["UID"])]


def milestones(data: bytes) -> list[Any]:
    return [e for e in Calendar.from_ical(data).walk("VEVENT") if "-session-" not in str(e["UID"])]


def fixed(**changes: Any):
    """The small kit tailored with sessions at one fixed time."""
    return tailored(booking="fixed", **changes)


def starts(data: bytes) -> list[dt.datetime]:
    return [event.decoded("dtstart") for event in events(data)]


# --- the tests ---------------------------------------------------------------------------


def test_one_event_per_scheduled_session() -> None:
    assert len(events(schedule_ics(tailored(sessions=7)))) == 7


@pytest.mark.parametrize(
    ("cadence", "dates"),
    [
        # the profile starts on Sunday 31 January: the series starts on Monday 1 February,
        # and a monthly one keeps the first Monday
        ("weekly", ["2027-02-01", "2027-02-08", "2027-02-15", "2027-02-22"]),
        ("fortnightly", ["2027-02-01", "2027-02-15", "2027-03-01", "2027-03-15"]),
        ("monthly", ["2027-02-01", "2027-03-01", "2027-04-05", "2027-05-03"]),
        ("quarterly", ["2027-02-01", "2027-05-03", "2027-08-02", "2027-11-01"]),
    ],
)
def test_sessions_fall_on_the_cadence(cadence: str, dates: list[str]) -> None:
    found = starts(schedule_ics(fixed(cadence=cadence)))
    assert [start.date().isoformat() for start in found] == dates


def test_sessions_start_at_local_time_in_the_profiles_zone_across_daylight_saving() -> None:
    data = schedule_ics(fixed())
    for start in starts(data):
        assert (start.hour, start.minute) == (10, 0)
        assert str(start.tzinfo) == "Europe/London"
    offsets = {start.utcoffset() for start in starts(data)}
    assert offsets == {dt.timedelta(0), dt.timedelta(hours=1)}  # GMT in winter, BST after March
    assert b"DTSTART;TZID=Europe/London:20270201T100000" in data


def test_the_time_zone_is_included() -> None:
    calendar = Calendar.from_ical(schedule_ics(fixed(timezone="America/New_York")))
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert calendar["X-WR-TIMEZONE"] == "America/New_York"


@pytest.mark.parametrize("minutes", [30, 60, 90])
def test_each_event_lasts_the_session_length(minutes: int) -> None:
    for event in events(schedule_ics(fixed(session_minutes=minutes))):
        assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=minutes)


def test_the_agenda_in_the_description_is_scaled_to_the_session_length() -> None:
    description = str(events(schedule_ics(tailored(session_minutes=90)))[0]["DESCRIPTION"])
    assert "Agenda (90 minutes)" in description
    assert "- 15 min: Welcome, check-in" in description
    assert "- 60 min: Main conversation 1" in description


def test_the_description_has_objectives_and_prep_for_both_sides() -> None:
    description = str(events(schedule_ics(fixed()))[1]["DESCRIPTION"])
    for expected in (
        "Session 2 of 4: Topic 2, part one; with care",
        "Objective 2 at Acme Ltd",
        "Mentor prepares\n- Mentor prep 2",
        "Mentee prepares\n- Mentee prep 2",
        "After the session\n- Write down one action",
        f"{UNICODE_NAME} <lead@example.org>",
        "Monday 1 March 2027, 10:00\u201311:00 (Europe/London)",
    ):
        assert expected in description


def test_summary_names_the_programme_number_and_title() -> None:
    summaries = [str(event["SUMMARY"]) for event in events(schedule_ics(fixed()))]
    assert summaries[0] == "Upward pilot: session 1 \u2013 Topic 1, part one; with care"
    assert summaries[-1] == "Upward pilot: session 4 \u2013 Topic 4, part one; with care"


def test_uids_are_unique_stable_and_point_at_no_real_host() -> None:
    uids = [str(event["UID"]) for event in events(schedule_ics(tailored(sessions=10)))]
    assert len(set(uids)) == 10
    assert uids[0] == "acme-ltd-upward-pilot-session-1@upward.invalid"
    again = [str(event["UID"]) for event in events(schedule_ics(tailored(sessions=10)))]
    assert again == uids


def test_another_programme_of_the_same_organisation_gets_other_uids() -> None:
    first = {str(e["UID"]) for e in events(schedule_ics(tailored()))}
    second = {str(e["UID"]) for e in events(schedule_ics(tailored(programme="Cohort two")))}
    assert not first & second


def test_calendar_properties() -> None:
    calendar = Calendar.from_ical(schedule_ics(tailored()))
    assert calendar["PRODID"] == "-//Upward//Reverse mentoring kit//EN"
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["X-WR-CALNAME"] == "Upward pilot · Acme Ltd"


def test_dtstamp_comes_from_the_profile_not_the_clock() -> None:
    for event in events(schedule_ics(tailored())):
        assert event.decoded("dtstamp") == dt.datetime(2027, 1, 31, tzinfo=dt.UTC)


def test_two_renders_give_identical_bytes() -> None:
    assert schedule_ics(tailored()) == schedule_ics(tailored())


def test_a_hostile_organisation_name_round_trips_literally() -> None:
    data = schedule_ics(tailored(organisation=HOSTILE_NAME))
    calendar = Calendar.from_ical(data)
    assert calendar["X-WR-CALNAME"] == f"Upward pilot · {HOSTILE_NAME}"
    description = str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
    assert f"Upward pilot at {HOSTILE_NAME}" in description
    assert f"Objective 1 at {HOSTILE_NAME}" in description
    assert "49" not in description
    assert b"\\, Ltd\\; \\\\ and co" in data  # escaped by icalendar, not by hand


def test_lines_are_folded_and_end_with_crlf() -> None:
    data = schedule_ics(tailored())
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_a_utc_profile_needs_no_time_zone_block() -> None:
    data = schedule_ics(fixed(timezone="UTC"))
    assert starts(data)[0] == dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC)


def test_one_to_one_sessions_are_windows_in_which_pairs_book_their_own_time() -> None:
    data = schedule_ics(tailored(cadence="weekly"))  # one-to-one: a window by default
    found = events(data)
    assert [e.decoded("dtstart") for e in found] == [
        dt.date(2027, 2, 1),
        dt.date(2027, 2, 8),
        dt.date(2027, 2, 15),
        dt.date(2027, 2, 22),
    ]
    for event in found:  # Monday to Friday of its week: never reaching the next session
        assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(days=5)
        assert str(event["TRANSP"]) == "TRANSPARENT"  # a window, not busy time
        assert str(event["SUMMARY"]).startswith("Upward pilot: book session")
    assert "Book 60 minutes with your partner on a working day between Monday 1 February" in str(
        found[0]["DESCRIPTION"]
    )


def test_a_monthly_window_lasts_two_weeks_and_ends_on_a_working_day() -> None:
    first = events(schedule_ics(tailored()))[0]
    assert first.decoded("dtstart") == dt.date(2027, 2, 1)
    assert first.decoded("dtend") == dt.date(2027, 2, 13)  # to Friday 12 February, inclusive


def test_group_circles_meet_at_a_fixed_time_by_default() -> None:
    found = events(schedule_ics(tailored(format="group")))
    assert all(isinstance(e.decoded("dtstart"), dt.datetime) for e in found)
    windows = events(schedule_ics(tailored(format="group", booking="window")))
    assert all(type(e.decoded("dtstart")) is dt.date for e in windows)


def test_the_calendar_holds_what_the_lead_runs() -> None:
    found = {
        str(e["UID"]).split("-pilot-")[1].split("@")[0]: e
        for e in milestones(schedule_ics(tailored()))
    }
    assert list(found) == [
        "launch",
        "applications-close",
        "matching",
        "training",
        "kick-off",
        "mid-point-check-in",
        "evaluation",
        "closing-event",
    ]
    start = dt.date(2027, 2, 1)
    assert found["launch"].decoded("dtstart") < found["applications-close"].decoded("dtstart")
    assert found["kick-off"].decoded("dtstart") < start
    assert str(found["training"]["SUMMARY"]) == "Upward pilot: Mentor training and mentee briefing"
    for event in found.values():
        assert type(event.decoded("dtstart")) is dt.date  # all-day entries
        assert str(event["TRANSP"]) == "TRANSPARENT"
