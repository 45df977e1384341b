"""A matching run starts the programme's tracker: `upward match --profile` writes tracker.xlsx
with its pairs in pairs.csv's order (the codes the introductions name, which the after-session
pulse asks for), and every date agrees with the kit's own schedule.ics: the tracker plans each
pair's sessions on the schedule's dates, and each pair's calendar keeps a session in that
session's booking window, on a working day. Read back with openpyxl, icalendar and `email`;
holidays checked against the `holidays` package directly."""

from __future__ import annotations

import csv
import datetime as dt
import io
from email import message_from_bytes, policy
from pathlib import Path

import holidays
import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from upward.load.kit import load_kit
from upward.load.tracker import read_tracker

from conftest import KIT, write

MENTORS = """\
role,full-name,email,team,line-manager-email,senior-line,availability,channel,format,topics-offered,capacity,prefer-not
mentor,Ada Fri,ada@example.org,Data,boss1@example.org,,fri-am,video,one-to-one,social-media,1,
mentor,Ben Mon,ben@example.org,Sales,boss2@example.org,,mon-am,video,one-to-one,digital-tools,1,
"""
MENTEES = """\
role,full-name,email,team,line-manager-email,availability,channel,format,topics-wanted,preferences,prefer-not
mentee,Cleo Fri,cleo@example.org,Finance,exec1@example.org,fri-am,video,one-to-one,social-media,,
mentee,Dev Mon,dev@example.org,Legal,exec2@example.org,mon-am,video,one-to-one,digital-tools,,
"""
# Weekly from Monday 22 March 2027: Good Friday (26 March), Easter Monday (29 March) and the
# early May bank holiday (3 May) fall inside, so the schedule moves a session and a pair's
# own weekday is a holiday in some weeks.
PROFILE = """\
organisation: Holiday Test Ltd
start: 2027-03-22
sessions: 8
cadence: weekly
time: "09:30"
timezone: Europe/London
matching: admin
country: GB
subdivision: ENG
contact: {name: Lee Lead, email: lead@example.org}
"""


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def events(path: Path) -> list:
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The kit tailored and the cohort matched, as a lead runs them (one process each)."""
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("programme")
    profile = write(root / "profile.yaml", PROFILE)
    mentors, mentees = write(root / "mentors.csv", MENTORS), write(root / "mentees.csv", MENTEES)
    for command in (
        ["tailor", profile, "-o", root / "kit"],
        ["match", mentors, mentees, "--profile", profile, "-o", root / "private"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "upward", *map(str, command)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    return {"kit": root / "kit", "private": root / "private"}


def day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def session_windows(kit: Path) -> list[tuple[dt.date, dt.date]]:
    """Each session of the kit's schedule.ics as (its date, the day after its booking window
    ends): all-day events while pairs book their own time (the lead's dates are events too)."""
    found = {}
    for event in events(kit / "schedule.ics"):
        uid = str(event["uid"])
        if "-session-" in uid:
            number = int(uid.split("-session-")[1].split("@")[0])
            found[number] = (day_of(event.decoded("dtstart")), day_of(event.decoded("dtend")))
    return [found[n] for n in sorted(found)]


def session_dates(kit: Path) -> list[dt.date]:
    return [start for start, _ in session_windows(kit)]


def test_the_schedule_moves_a_session_off_a_holiday(made) -> None:
    """The premise of the other tests: the series meets a holiday and moves."""
    dates = session_dates(made["kit"])
    assert len(dates) == 8
    assert dt.date(2027, 3, 29) not in dates and dt.date(2027, 3, 30) in dates  # Easter Monday
    england = holidays.country_holidays("GB", subdiv="ENG", years=2027)
    assert all(d.weekday() < 5 and d not in england for d in dates)


def test_the_tracker_holds_the_pairs_in_pairs_csv_order_with_the_introductions_codes(
    made,
) -> None:
    private = made["private"]
    pairs = rows(private / "pairs.csv")
    assert len(pairs) == 2
    book = load_workbook(private / "tracker.xlsx")
    assert "Pairs" in book.sheetnames
    tracker = read_tracker(private / "tracker.xlsx")
    assert tracker.problems == ()
    assert [(p.code, p.mentor_email, p.mentee_email) for p in tracker.pairs] == [
        (f"P{n:02d}", row["mentor_email"], row["mentee_email"])
        for n, row in enumerate(pairs, start=1)
    ]
    for code_pair in tracker.pairs:
        (draft,) = [
            p
            for p in (private / "introductions").glob("*.eml")
            if {
                a.addr_spec
                for a in message_from_bytes(p.read_bytes(), policy=policy.default)["To"].addresses
            }
            == {code_pair.mentor_email, code_pair.mentee_email}
        ]
        body = message_from_bytes(draft.read_bytes(), policy=policy.default).get_body(("plain",))
        assert f"Your pair code is {code_pair.code}." in body.get_content()
    pulse = next(f for f in load_kit(KIT).kit.forms if f.id == "after-session-pulse")
    asks = [x for s in pulse.sections for x in s.fields if x.id == "pair-code"]
    said = " ".join(s.intro or "" for s in pulse.sections)
    assert asks and asks[0].required and "introduction" in said


def test_the_tracker_plans_every_pair_s_sessions_on_the_schedule_s_dates(made) -> None:
    dates = session_dates(made["kit"])
    tracker = read_tracker(made["private"] / "tracker.xlsx")
    for pair in tracker.pairs:
        planned = [
            s.planned for s in sorted(tracker.sessions_of(pair.code), key=lambda s: s.number)
        ]
        assert planned == dates, pair.code


def test_each_pair_s_calendar_keeps_each_session_in_its_week_on_a_working_day(made) -> None:
    windows = session_windows(made["kit"])
    england = holidays.country_holidays("GB", subdiv="ENG", years=2027)
    calendars = sorted((made["private"] / "calendars").glob("*.ics"))
    assert len(calendars) == 2
    kept_on_the_programme_s_date = 0
    for path in calendars:
        weekday = 4 if "ada-fri" in path.name else 0  # the pair's shared half-day
        met = [e.decoded("dtstart").date() for e in events(path)]
        assert len(met) == len(windows)
        for day, (scheduled, after_window) in zip(met, windows, strict=True):
            assert day.weekday() < 5 and day not in england, (path.name, day)
            assert scheduled <= day < after_window, (path.name, day)
            if day.weekday() != weekday:
                assert day == scheduled  # the pair's day was not free that week
                kept_on_the_programme_s_date += 1
    assert kept_on_the_programme_s_date >= 2  # Good Friday, and the Monday holidays


def test_an_unwind_keeps_every_kept_pair_s_code_and_never_gives_an_ended_one_again(
    tmp_path: Path, run_cli
) -> None:
    """People already write their code on every pulse: after a no-fault unwind the kept pairs
    keep theirs and a new pair takes a number never given before, in the new tracker and in its
    introduction alike; the current pairs may be listed in any order when they carry a code
    column (as the tracker's Pairs sheet does)."""
    cohort = KIT / "examples" / "cohort"
    profile = KIT / "examples" / "northwind.yaml"
    first = tmp_path / "round-1"
    done = run_cli(
        "match", cohort / "mentors.csv", cohort / "mentees.csv", "--profile", profile, "-o", first
    )
    assert done.code == 0, done.err
    before = {
        (p.mentor_email, p.mentee_email): p.code for p in read_tracker(first / "tracker.xlsx").pairs
    }
    listed = rows(first / "pairs.csv")
    ended = {(row["mentor_email"], row["mentee_email"]) for row in listed[2:4]}
    assert sorted(before[pair] for pair in ended) == ["P03", "P04"]  # each free to pair anew
    with_codes = tmp_path / "current-with-codes.csv"
    with open(with_codes, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "mentor_email", "mentee_email", "ended"])
        for (mentor, mentee), code in sorted(before.items(), key=lambda kv: kv[0], reverse=True):
            writer.writerow([code, mentor, mentee, "yes" if (mentor, mentee) in ended else ""])
    copied = tmp_path / "current-copied.csv"  # pairs.csv with an ended column, in its order
    with open(copied, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["mentor_email", "mentee_email", "ended"])
        for row in listed:
            pair = (row["mentor_email"], row["mentee_email"])
            writer.writerow([*pair, "yes" if pair in ended else ""])
    for current in (with_codes, copied):
        out = tmp_path / f"unwound-{current.stem}"
        done = run_cli(
            "match", cohort / "mentors.csv", cohort / "mentees.csv", "--profile", profile,
            "--keep", current, "-o", out,
        )  # fmt: skip
        assert done.code == 0, done.err
        after = {
            (p.mentor_email, p.mentee_email): p.code
            for p in read_tracker(out / "tracker.xlsx").pairs
        }
        assert not ended & set(after) and not {"P03", "P04"} & set(after.values())
        new = {pair: code for pair, code in after.items() if pair not in before}
        assert {pair: after[pair] for pair in before if pair in after} == {
            pair: code for pair, code in before.items() if pair not in ended
        }
        assert new and all(int(code[1:]) > len(before) for code in new.values())
        for (mentor, mentee), code in new.items():
            (draft,) = [
                p
                for p in (out / "introductions").glob("*.eml")
                if {
                    a.addr_spec
                    for a in message_from_bytes(p.read_bytes(), policy=policy.default)[
                        "To"
                    ].addresses
                }
                == {mentor, mentee}
            ]
            body = message_from_bytes(draft.read_bytes(), policy=policy.default).get_body(
                ("plain",)
            )
            assert f"Your pair code is {code}." in body.get_content()
