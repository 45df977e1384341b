"""The lead's whole road, as the README tells it, one command after another: `upward new` writes
a profile, `upward tailor` makes the kit, the kit's own CSV templates are filled in with the
example cohort, `upward match` proposes pairs, the lead approves them in pairs.xlsx and runs
again with --review (introductions, calendars and the tracker), then `upward status` and
`upward report` run on that tracker. Every file is read back with the library people's
programs use (csv, openpyxl, `email`, icalendar, json)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from email import message_from_bytes, policy
from pathlib import Path

from icalendar import Calendar
from openpyxl import load_workbook

from upward.load.tracker import read_tracker

from conftest import KIT

COHORT = KIT / "examples" / "cohort"
START = dt.date(2027, 3, 1)


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def fill_template(template: Path, answers: Path, out: Path) -> Path:
    """The kit's CSV template (its header: the form's field ids) filled with the cohort's rows,
    as a lead pastes answers from a survey tool into it."""
    header = next(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig"))))
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows(answers):
            writer.writerow([row.get(column, "") for column in header])
    return out


def test_from_we_want_to_try_this_to_approved_pairs_and_a_report(tmp_path: Path, run_cli) -> None:
    profile = tmp_path / "acme.yaml"
    done = run_cli(
        "new", profile, "--defaults", "--organisation", "Acme Ltd", "--start", START.isoformat(),
        "--matching", "admin", "--contact-name", "Lee Lead", "--contact-email", "lead@acme.example",
    )  # fmt: skip
    assert done.code == 0, done.err
    kit = tmp_path / "kit"
    done = run_cli("tailor", profile, "-o", kit)
    assert done.code == 0, done.err

    mentors = fill_template(
        kit / "forms" / "mentor-application.csv", COHORT / "mentors.csv", tmp_path / "m.csv"
    )
    mentees = fill_template(
        kit / "forms" / "mentee-application.csv", COHORT / "mentees.csv", tmp_path / "e.csv"
    )
    first = tmp_path / "private" / "round-1"
    done = run_cli("match", mentors, mentees, "--profile", profile, "-o", first)
    assert done.code == 0, done.err
    proposed = rows(first / "pairs.csv")
    assert len(proposed) >= 15

    reviewed = tmp_path / "reviewed.xlsx"  # saved outside the results folder, as told
    book = load_workbook(first / "pairs.xlsx")
    sheet = book["Pairs"]
    header_row = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "approve")
    column = {sheet.cell(header_row, c).value: c for c in range(1, sheet.max_column + 1)}
    for row in range(header_row + 1, header_row + 1 + len(proposed)):
        sheet.cell(row, column["approve"], "yes")
    book.save(reviewed)
    second = tmp_path / "private" / "round-2"
    done = run_cli(
        "match", mentors, mentees, "--profile", profile, "--review", reviewed, "-o", second
    )
    assert done.code == 0, done.err
    approved = rows(second / "pairs.csv")
    pair_of = lambda r: (r["mentor_email"], r["mentee_email"])  # noqa: E731
    assert {pair_of(r) for r in proposed} <= {pair_of(r) for r in approved}

    drafts = sorted((second / "introductions").glob("*.eml"))
    calendars = sorted((second / "calendars").glob("*.ics"))
    assert len(drafts) == len(calendars) == len(approved)
    message = message_from_bytes(drafts[0].read_bytes(), policy=policy.default)
    assert "Lee Lead" in str(message["From"]) and len(message["To"].addresses) == 2
    sessions = Calendar.from_ical(calendars[0].read_bytes()).walk("VEVENT")
    assert sessions and sessions[0].decoded("dtstart").date() >= START

    tracker = read_tracker(second / "tracker.xlsx")
    assert [(p.mentor_email, p.mentee_email) for p in tracker.pairs] == [
        pair_of(r) for r in approved
    ]
    # nothing recorded two months in: every pair has gone quiet, and each gets its nudge
    done = run_cli(
        "status", second / "tracker.xlsx", "--today", (START + dt.timedelta(days=75)).isoformat(),
        "-o", tmp_path / "private" / "nudges",
    )  # fmt: skip
    assert done.code == 0, done.err
    quiet = sorted(p.name for p in (tmp_path / "private" / "nudges").glob("*-gone-quiet.eml"))
    assert quiet == [f"{p.code}-gone-quiet.eml" for p in tracker.pairs]

    done = run_cli(
        "report", second / "tracker.xlsx", "--today", (START + dt.timedelta(days=75)).isoformat(),
        "-o", tmp_path / "private" / "report",
    )  # fmt: skip
    assert done.code == 0, done.err
    summary = json.loads((tmp_path / "private" / "report" / "summary.json").read_text())
    assert summary["organisation"] == "Acme Ltd"
    assert summary["participation"]["matched"] == {"n": len(approved)}
    assert summary["sessions"]["held"] == {"n": 0}
