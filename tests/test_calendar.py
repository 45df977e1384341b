"""The tailored session calendar, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar

from upward.render.session_calendar import schedule_ics

from small_kit import HOSTILE_NAME, UNICODE_NAME, tailored


def events(data: bytes) -> list[Any]:
    return Calendar.from_ical(data).walk("VEVENT")


def starts(data: bytes) -> list[dt.datetime]:
    return [event.decoded("dtstart") for event in events(data)]


# --- the tests ---------------------------------------------------------------------------


def test_one_event_per_scheduled_session() -> None:
    assert len(events(schedule_ics(tailored(sessions=7)))) == 7


@pytest.mark.parametrize(
    ("cadence", "dates"),
    [
        ("weekly", ["2027-01-31", "2027-02-07", "2027-02-14", "2027-02-21"]),
        ("fortnightly", ["2027-01-31", "2027-02-14", "2027-02-28", "2027-03-14"]),
        ("monthly", ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]),
        ("quarterly", ["2027-01-31", "2027-04-30", "2027-07-31", "2027-10-31"]),
    ],
)
def test_sessions_fall_on_the_cadence(cadence: str, dates: list[str]) -> None:
    found = starts(schedule_ics(tailored(cadence=cadence)))
    assert [start.date().isoformat() for start in found] == dates


def test_sessions_start_at_local_time_in_the_profiles_zone_across_daylight_saving() -> None:
    data = schedule_ics(tailored())
    for start in starts(data):
        assert (start.hour, start.minute) == (10, 0)
        assert str(start.tzinfo) == "Europe/London"
    offsets = {start.utcoffset() for start in starts(data)}
    assert offsets == {dt.timedelta(0), dt.timedelta(hours=1)}  # GMT in winter, BST after March
    assert b"DTSTART;TZID=Europe/London:20270131T100000" in data


def test_the_time_zone_is_included() -> None:
    calendar = Calendar.from_ical(schedule_ics(tailored(timezone="America/New_York")))
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert calendar["X-WR-TIMEZONE"] == "America/New_York"


@pytest.mark.parametrize("minutes", [30, 60, 90])
def test_each_event_lasts_the_session_length(minutes: int) -> None:
    for event in events(schedule_ics(tailored(session_minutes=minutes))):
        assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=minutes)


def test_the_agenda_in_the_description_is_scaled_to_the_session_length() -> None:
    description = str(events(schedule_ics(tailored(session_minutes=90)))[0]["DESCRIPTION"])
    assert "Agenda (90 minutes)" in description
    assert "- 15 min: Welcome, check-in" in description
    assert "- 60 min: Main conversation 1" in description


def test_the_description_has_objectives_and_prep_for_both_sides() -> None:
    description = str(events(schedule_ics(tailored()))[1]["DESCRIPTION"])
    for expected in (
        "Session 2 of 4: Topic 2, part one; with care",
        "Objective 2 at Acme Ltd",
        "Mentor prepares\n- Mentor prep 2",
        "Mentee prepares\n- Mentee prep 2",
        "After the session\n- Write down one action",
        f"{UNICODE_NAME} <lead@example.org>",
        "Sunday 28 February 2027, 10:00\u201311:00 (Europe/London)",
    ):
        assert expected in description


def test_summary_names_the_programme_number_and_title() -> None:
    summaries = [str(event["SUMMARY"]) for event in events(schedule_ics(tailored()))]
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
    data = schedule_ics(tailored(timezone="UTC"))
    assert starts(data)[0] == dt.datetime(2027, 1, 31, 10, 0, tzinfo=dt.UTC)
