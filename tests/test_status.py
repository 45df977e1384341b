"""`status`: the pairs that need a nudge, found in a tracker with known quiet pairs (see
tests/trackers.py), and a kind, specific draft for each, parsed back with the `email` package."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from openpyxl import load_workbook
from trackers import RECORDED, ROSTER, TODAY, northwind

from upward.load.tracker import read_tracker
from upward.plan.status import status
from upward.render.nudges import nudge_eml, status_files, status_lines
from upward.render.tracker import tracker_workbook


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("status") / "tracker.xlsx"
    path.write_bytes(tracker_workbook(northwind(), ROSTER, recorded=RECORDED))
    return path


@pytest.fixture(scope="module")
def report(path: Path):
    return status(read_tracker(path), TODAY)


def found(report) -> list[tuple]:
    return [(f.kind, f.pair.code, f.side, f.days) for f in report.findings]


def test_finds_exactly_the_quiet_the_cancelled_and_those_due_a_mid_point(report) -> None:
    assert found(report) == [
        ("quiet", "P02", "", 79),
        ("quiet", "P03", "", 80),
        ("cancelled", "P02", "mentee", 0),
        ("cancelled", "P03", "mentor", 0),
        ("cancelled", "P06", "mentee", 0),
        ("mid_point", "P01", "", 11),  # the review is on Monday 12 April (the second Monday)
        ("mid_point", "P02", "", 11),
        ("mid_point", "P03", "", 11),
        ("mid_point", "P06", "", 4),  # its review was moved to 5 April
    ]
    p02 = report.findings[0]
    assert p02.last_met == dt.date(2027, 1, 12) and p02.next_session.number == 4
    p03 = report.findings[1]
    assert p03.last_met is None and p03.first_planned == dt.date(2027, 1, 11)
    assert report.findings[2].count == 2
    assert report.findings[2].cancelled == (dt.date(2027, 2, 8), dt.date(2027, 3, 8))
    assert [p.code for p in report.on_track] == ["P01", "P04"]
    assert report.problems == ()


def test_the_quiet_line_is_one_and_a_half_times_the_cadence(path: Path) -> None:
    tracker = read_tracker(path)
    p01_last = dt.date(2027, 3, 11)
    on_the_day = status(tracker, p01_last + dt.timedelta(days=45))
    assert "P01" not in {f.pair.code for f in on_the_day.of_kind("quiet")}
    a_day_later = status(tracker, p01_last + dt.timedelta(days=46))
    assert "P01" in {f.pair.code for f in a_day_later.of_kind("quiet")}


def test_a_recorded_check_in_and_a_closed_pair_need_no_nudge(path: Path) -> None:
    report = status(read_tracker(path), dt.date(2027, 4, 13))
    codes = {f.pair.code for f in report.of_kind("mid_point")}
    assert "P04" not in codes and "P05" not in codes  # checked in; completed
    assert "P01" in codes
    p01 = next(f for f in report.of_kind("mid_point") if f.pair.code == "P01")
    assert p01.days == -1 and p01.review_date == dt.date(2027, 4, 12)
    early = status(read_tracker(path), dt.date(2027, 3, 27))  # 16 days before 12 April: not yet
    assert [f.pair.code for f in early.of_kind("mid_point")] == ["P06"]  # moved to 5 April


def test_a_pair_the_lead_marks_completed_drops_out(path: Path, tmp_path: Path) -> None:
    book = load_workbook(path)
    book["Pairs"]["F3"] = "completed"  # P02
    edited = tmp_path / "tracker.xlsx"
    book.save(edited)
    report = status(read_tracker(edited), TODAY)
    assert "P02" not in {f.pair.code for f in report.findings}


def test_each_nudge_is_a_draft_to_the_right_people_that_names_the_facts(report) -> None:
    files = status_files(report)
    assert sorted(files) == [
        "P01-mid-point.eml",
        "P02-cancelled-by-mentee.eml",
        "P02-gone-quiet.eml",
        "P02-mid-point.eml",
        "P03-cancelled-by-mentor.eml",
        "P03-gone-quiet.eml",
        "P03-mid-point.eml",
        "P06-cancelled-by-mentee.eml",
        "P06-mid-point.eml",
    ]
    quiet = message_from_bytes(files["P02-gone-quiet.eml"], policy=policy.default)
    assert quiet["X-Unsent"] == "1"
    assert [a.addr_spec for a in quiet["To"].addresses] == [
        "li@example.org",
        "mariam@example.org",
    ]
    assert quiet["From"].addresses[0].display_name == "Zoë Øberg-Núñez"
    body = quiet.get_content()
    assert body.startswith("Dear Li and Mariam,")
    assert "since Tuesday 12 January 2027, 79 days ago" in body
    assert "session 4" in body and "Monday 12 April 2027" in body  # never a Sunday
    assert "no-fault" in body and body.rstrip().endswith("Zoë Øberg-Núñez")

    senior = message_from_bytes(files["P02-cancelled-by-mentee.eml"], policy=policy.default)
    assert [a.addr_spec for a in senior["To"].addresses] == ["mariam@example.org"]
    text = senior.get_content()
    assert (
        "I noticed that 2 of your sessions with Li Wei have been cancelled from your side" in text
    )
    assert "Monday 8 February 2027 and Monday 8 March 2027" in text
    junior = message_from_bytes(files["P03-cancelled-by-mentor.eml"], policy=policy.default)
    assert [a.addr_spec for a in junior["To"].addresses] == ["diego@example.org"]
    assert "no effect on your job" in junior.get_content()

    never = message_from_bytes(files["P03-gone-quiet.eml"], policy=policy.default)
    assert "your first session, planned for Monday 11 January 2027, has not happened yet" in (
        never.get_content()
    )
    mid = message_from_bytes(files["P01-mid-point.eml"], policy=policy.default)
    assert "mid-point check-in" in mid.get_content() and "Monday 12 April 2027" in mid.get_content()


def test_the_drafts_are_the_same_bytes_every_time(report) -> None:
    assert status_files(report) == status_files(report)
    assert b"Date:" not in status_files(report)["P01-mid-point.eml"]


def test_a_name_with_a_line_break_cannot_add_a_header(report) -> None:
    from dataclasses import replace

    finding = report.findings[0]
    hostile = replace(
        finding,
        pair=replace(finding.pair, mentor_name="Li\r\nBcc: all@example.org", mentee_name="M\nX"),
    )
    message = message_from_bytes(nudge_eml(hostile, report), policy=policy.default)
    assert "Bcc" not in message
    assert [a.addr_spec for a in message["To"].addresses] == [
        "li@example.org",
        "mariam@example.org",
    ]
    assert message["To"].addresses[0].display_name == "Li Bcc: all@example.org"


def test_one_screen_of_summary(report) -> None:
    lines = status_lines(report, "build/status/nudges")
    assert lines[0] == (
        "Northwind Upward, as of Thursday 1 April 2027: 6 pairs (5 running, 1 completed or ended)"
    )
    assert lines[1] == "On track: 2 of 5 running pairs."
    assert "  P02 Li Wei and Mariam Haddad: 79 days since Tuesday 12 January 2027" in lines
    assert "  P03 Diego Álvarez Rojas and Kenji Watanabe: 2 cancelled by the mentor" in lines
    assert lines[-1].startswith("9 nudge drafts in build/status/nudges")
    assert len(lines) < 25


def test_a_blank_tracker_has_nothing_to_nudge(tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(tracker_workbook(northwind()))
    report = status(read_tracker(path), TODAY)
    assert report.findings == () and report.pairs == ()
    assert status_lines(report) == [
        "No pairs in the tracker yet: fill in the Pairs sheet, or use the tracker.xlsx that"
        " `upward match` wrote with your pairs."
    ]


def test_problems_in_the_tracker_are_on_the_screen_and_the_rest_still_counts(
    path: Path, tmp_path: Path
) -> None:
    book = load_workbook(path)
    book["Sessions"]["E3"] = "held on Tuesday"  # P01's second session: not a choice
    edited = tmp_path / "tracker.xlsx"
    book.save(edited)
    report = status(read_tracker(edited), TODAY)
    assert len(report.problems) == 1
    lines = status_lines(report)
    at = lines.index(
        "Problems in the tracker (1); those answers were left out, so fix them and run again:"
    )
    assert (
        "[Sessions]:3:5: What happened: 'held on Tuesday' is not one of the choices"
        in lines[at + 1]
    )
    assert [f.pair.code for f in report.of_kind("quiet")] == ["P02", "P03"]
