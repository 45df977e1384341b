"""tracker.xlsx: read back with openpyxl (sheets, formulas, drop-downs, frozen headers, dates,
colours, fixed bytes) and computed by LibreOffice Calc, whose values must match the rule the
Summary sheet states; then read back by `read_tracker`, with every bad cell located."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from trackers import RECORDED, ROSTER, TODAY, northwind, recalculated

from upward.load.roster import RosterPair, pair_code, read_roster
from upward.load.tracker import read_tracker
from upward.load.tracker_shape import COLUMNS
from upward.render.tracker import BLANK_PAIRS, mid_point_session, tracker_workbook
from upward.render.tracker_summary import (
    AS_OF_COLUMN,
    AS_OF_ROW,
    QUIET_COLUMN,
    SUMMARY_HEADER,
    TOTALS_ROW,
)

from conftest import ROOT

SHEETS = ["Read me", "Summary", "Pairs", "Sessions", "Goals", "Actions", "Programme", "Lists"]


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "tracker.xlsx"
    path.write_bytes(tracker_workbook(northwind()))
    return path


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "tracker.xlsx"
    path.write_bytes(tracker_workbook(northwind(), ROSTER, recorded=RECORDED))
    return path


def listed(book, rule) -> list:
    """The values a list drop-down offers, read from the range it names."""
    sheet, cells = rule.formula1.rsplit("!", 1)
    return [
        c.value for (c,) in book[sheet.strip("'")][cells.replace("$", "")] if c.value is not None
    ]


def column(sheet_key: str, name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(COLUMNS[sheet_key].index(name) + 1)


def test_the_sheets_open_on_read_me_which_says_who_may_see_it(blank: Path, filled: Path) -> None:
    for path, note in ((blank, "holds no personal data yet"), (filled, "Personal data.")):
        book = load_workbook(path)
        assert book.sheetnames == SHEETS
        assert book.active.title == "Read me"
        assert book["Lists"].sheet_state == "hidden"
        readme = [c.value for c in book["Read me"]["A"] if c.value]
        assert "Northwind Upward" in readme[0]
        assert note in readme[1] and "programme lead" in readme[1]
        assert any("Red: the pair has not met for more than 45 days" in line for line in readme)
        assert any(line.startswith("everyday-tools: ") for line in readme)
        assert "Personal data" in book["Sessions"].oddHeader.center.text


def test_blank_tracker_has_spare_pair_codes_and_every_session_on_the_schedules_dates(
    blank: Path,
) -> None:
    tailored = northwind()
    book = load_workbook(blank)
    pairs = book["Pairs"]
    codes = [pairs.cell(r, 1).value for r in range(2, pairs.max_row + 1)]
    assert codes == [pair_code(i, BLANK_PAIRS) for i in range(1, BLANK_PAIRS + 1)]
    assert all(pairs.cell(r, 2).value is None for r in range(2, pairs.max_row + 1))
    sessions = book["Sessions"]
    rows = list(sessions.iter_rows(min_row=2, values_only=True))
    assert len(rows) == BLANK_PAIRS * len(tailored.schedule)
    first_pair = [(r[1], r[2], r[3]) for r in rows if r[0] == "P01"]
    assert first_pair == [
        (s.number, s.session.title, dt.datetime.combine(s.date, dt.time()))
        for s in tailored.schedule
    ]
    planned = sessions[f"{column('sessions', 'planned')}2"]
    assert planned.is_date and planned.number_format == "yyyy-mm-dd"
    goals = book["Goals"]
    assert [goals.cell(r, 2).value for r in range(2, 5)] == [1, 2, 3]


def test_filled_tracker_takes_pairs_in_order_with_their_codes(filled: Path) -> None:
    pairs = load_workbook(filled)["Pairs"]
    rows = list(pairs.iter_rows(min_row=2, max_col=6, values_only=True))
    assert rows[0] == (
        "P01",
        "Amara Okafor",
        "amara@example.org",
        "Henrik Lindqvist",
        "henrik@example.org",
        "running",
    )
    assert rows[4][5] == "completed" and len(rows) == len(ROSTER)


def test_every_choice_is_a_drop_down_from_the_lists_sheet(filled: Path) -> None:
    book = load_workbook(filled)
    found = {}
    for name in ("Pairs", "Sessions", "Goals", "Actions", "Programme"):
        for rule in book[name].data_validations.dataValidation:
            for ref in str(rule.sqref).split():
                found[(name, ref.split(":")[0])] = rule
    status = found[("Sessions", f"{column('sessions', 'status')}2")]
    assert status.type == "list" and status.formula1.startswith("'Lists'!$")
    assert status.showErrorMessage and status.showInputMessage
    assert listed(book, status) == ["held", "moved", "cancelled"]
    by = found[("Sessions", f"{column('sessions', 'by')}2")]
    assert listed(book, by) == [
        "mentor",
        "mentee",
        "both",
        "programme lead",
    ]
    for name in ("mentor_useful", "mentor_open", "mentee_useful", "mentee_open"):
        rating = found[("Sessions", f"{column('sessions', name)}2")]
        assert rating.type == "list"
        assert listed(book, rating) == [1, 2, 3, 4, 5]
    goal = found[("Goals", f"{column('goals', 'goal_id')}2")]
    assert listed(book, goal) == [g.id for g in northwind().purpose.goals]
    level = found[("Actions", f"{column('actions', 'level')}2")]
    assert listed(book, level) == [
        "personal",
        "team",
        "organisation",
        "symbolic",
    ]
    assert found[("Sessions", f"{column('sessions', 'held_on')}2")].type == "date"
    assert found[("Pairs", f"{column('pairs', 'status')}2")].type == "list"
    assert found[("Programme", "B6")].type == "list"  # the cadence


def test_headers_are_frozen_filtered_and_columns_fitted(filled: Path) -> None:
    book = load_workbook(filled)
    for name in ("Pairs", "Sessions", "Goals", "Actions"):
        sheet = book[name]
        assert sheet.freeze_panes == "B2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert all(sheet.cell(1, c).font.bold for c in range(1, sheet.max_column + 1))
    summary = book["Summary"]
    assert summary.freeze_panes == f"B{TOTALS_ROW + 1}"
    sessions = book["Sessions"]
    title_width = sessions.column_dimensions[column("sessions", "title")].width
    longest = max(len(s.session.title) for s in northwind().schedule)
    assert longest < title_width <= longest + 4
    assert sessions.column_dimensions["A"].width < title_width


def test_summary_is_formulas_with_the_rule_stated_and_colours_for_each_state(
    filled: Path,
) -> None:
    summary = load_workbook(filled)["Summary"]
    assert summary.cell(AS_OF_ROW, AS_OF_COLUMN).value == "=TODAY()"
    assert "Red: the pair has not met" in summary.cell(3, 1).value
    header = [summary.cell(SUMMARY_HEADER, c).value for c in range(1, 17)]
    assert header[-1] == "Red, amber, green" and "Last met" in header
    row = TOTALS_ROW + 1
    formulas = [summary.cell(row, c).value for c in range(1, 17)]
    assert all(isinstance(f, str) and f.startswith("=") for f in formulas)
    assert "COUNTIFS('Sessions'!$A:$A" in formulas[4]
    assert "_xlfn.MAXIFS(" in formulas[13] and "_xlfn.MINIFS(" in formulas[12]
    colours = {
        rule.formula[0]: rule.dxf.fill.fgColor.rgb
        for entry in summary.conditional_formatting
        for rule in entry.rules
    }
    assert set(colours) == {'"red"', '"amber"', '"green"', '"closed"'}


def test_same_inputs_give_the_same_bytes_in_another_process(filled: Path) -> None:
    again = tracker_workbook(northwind(), ROSTER, recorded=RECORDED)
    assert again == filled.read_bytes()
    code = (
        "import sys, hashlib; sys.path.insert(0, 'tests');"
        "from trackers import RECORDED, ROSTER, northwind;"
        "from upward.render.tracker import tracker_workbook;"
        "print(hashlib.sha256(tracker_workbook(northwind(), ROSTER, recorded=RECORDED)).hexdigest())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=True,
    )
    assert other.stdout.strip() == hashlib.sha256(again).hexdigest()
    props = load_workbook(filled).properties
    assert props.created == props.modified == dt.datetime(2027, 1, 11)


def _as_of(path: Path, day: dt.date, target: Path) -> Path:
    """The workbook with a date typed into 'Figures as of', as a lead looking back would."""
    book = load_workbook(path)
    book["Summary"].cell(AS_OF_ROW, AS_OF_COLUMN).value = day
    book.save(target)
    return target


def test_libreoffice_computes_every_formula_as_the_rule_says(filled: Path, tmp_path: Path) -> None:
    computed = recalculated(_as_of(filled, TODAY, tmp_path / "tracker.xlsx"), tmp_path)
    summary = load_workbook(computed, data_only=True)["Summary"]
    names = COLUMNS["summary"]
    rows = {}
    for r in range(TOTALS_ROW + 1, TOTALS_ROW + 1 + len(ROSTER)):
        values = dict(zip(names, [summary.cell(r, c).value for c in range(1, 17)], strict=True))
        rows[values["pair"]] = values
    day = dt.datetime
    p1, p2, p3, p4, p5, p6 = (rows[f"P0{i}"] for i in range(1, 7))
    assert (p1["planned"], p1["due"], p1["held"], p1["held_share"]) == (6, 3, 3, 1)
    assert p1["last_met"] == day(2027, 3, 11) and p1["days_since"] == 21 and p1["rag"] == "green"
    assert p1["mentor"] == "Amara Okafor" and p1["status"] == "running"
    assert (p2["held"], p2["cancelled_mentee"], p2["cancelled"], p2["days_since"]) == (1, 2, 2, 79)
    assert p2["rag"] == "red" and abs(p2["held_share"] - 1 / 3) < 1e-9
    assert p3["held"] == 0 and p3["last_met"] in (None, "") and p3["cancelled_mentor"] == 2
    assert p3["first_planned"] == day(2027, 1, 11) and p3["rag"] == "red"
    assert p4["held"] == 3 and p4["last_met"] == day(2027, 3, 8) and p4["rag"] == "green"
    assert p5["status"] == "completed" and p5["rag"] == "closed"
    assert (p6["held"], p6["moved"], p6["cancelled_mentee"], p6["days_since"]) == (2, 1, 2, 31)
    assert p6["rag"] == "amber"
    totals = dict(
        zip(names, [summary.cell(TOTALS_ROW, c).value for c in range(1, 17)], strict=True)
    )
    assert (totals["planned"], totals["due"], totals["held"]) == (36, 18, 11)
    assert (totals["cancelled_mentor"], totals["cancelled_mentee"], totals["moved"]) == (2, 4, 1)
    assert totals["rag"] == "2 red, 1 amber, 2 green"
    assert (
        summary.cell(AS_OF_ROW, QUIET_COLUMN).value == 45
    )  # gone quiet after, from the Programme sheet
    goals = load_workbook(computed, data_only=True)["Goals"]
    changes = {
        (row[0], row[1]): row[5] for row in goals.iter_rows(min_row=2, values_only=True) if row[0]
    }
    assert changes[("P01", 1)] == 2 and changes[("P01", 2)] in (None, "")
    assert changes[("P04", 4)] == 0


def test_libreoffice_computes_a_blank_tracker_as_of_today_without_an_error(
    blank: Path, tmp_path: Path
) -> None:
    book = load_workbook(recalculated(blank, tmp_path), data_only=True)
    summary = book["Summary"]
    assert summary.cell(AS_OF_ROW, AS_OF_COLUMN).value.date() == dt.date.today()
    values = [
        cell.value
        for row in summary.iter_rows(min_row=TOTALS_ROW, max_row=summary.max_row)
        for cell in row
    ]
    assert not [v for v in values if isinstance(v, str) and v.startswith("#")]
    assert summary.cell(TOTALS_ROW, 5).value == BLANK_PAIRS * len(northwind().schedule)
    assert summary.cell(TOTALS_ROW, 16).value == "0 red, 0 amber, 0 green"  # no names yet
    programme = book["Programme"]
    assert [programme.cell(r, 2).value for r in (7, 8)] == [30, 45]


def test_read_back_gives_what_was_recorded(filled: Path) -> None:
    tracker = read_tracker(filled)
    assert tracker.problems == ()
    assert [p.code for p in tracker.pairs] == [f"P0{i}" for i in range(1, 7)]
    assert tracker.pair("P05").status == "completed"
    assert tracker.pair("P04").mid_point_done == dt.date(2027, 3, 30)
    assert tracker.programme.applied_mentors == 18 and tracker.programme.quiet_days == 45
    assert tracker.programme.mid_point == mid_point_session(northwind()) == 4
    assert tracker.programme.contact_email == "zoe.oberg@northwind.example"
    p6 = [s for s in tracker.sessions if s.pair == "P06"]
    assert [(s.number, s.status, s.by) for s in p6[:5]] == [
        (1, "held", ""),
        (2, "cancelled", "mentee"),
        (3, "held", ""),
        (4, "moved", "mentor"),
        (5, "cancelled", "mentee"),
    ]
    first = tracker.sessions_of("P01")[0]
    assert (first.mentor_useful, first.mentor_open, first.mentee_useful) == (4, 5, None)
    assert {(g.pair, g.number, g.goal_id, g.baseline, g.final) for g in tracker.goals} >= {
        ("P01", 1, "everyday-tools", 2, 4),
        ("P04", 4, "lead-by-example", 3, 3),
    }
    assert [(a.pair, a.level, a.report, a.credit) for a in tracker.actions] == [
        ("P01", "team", "anonymous", "yes"),
        ("P04", "symbolic", "named", "no"),
    ]


def test_bad_cells_are_located_and_the_rest_is_still_read(filled: Path, tmp_path: Path) -> None:
    book = load_workbook(filled)
    sessions = book["Sessions"]
    sessions[f"{column('sessions', 'mentor_useful')}2"] = 7
    sessions[f"{column('sessions', 'held_on')}3"] = "31/02/2027"
    sessions[f"{column('sessions', 'status')}4"] = "helf"
    sessions.append(["P99", 1, "Extra", dt.date(2027, 1, 11)])
    book["Goals"]["D2"] = "four"
    path = tmp_path / "edited.xlsx"
    book.save(path)
    tracker = read_tracker(path)
    shown = [str(p) for p in tracker.problems]
    name = tracker.file
    assert (
        f"{name}[Sessions]:2:8: Mentor: useful (1-5): 7 is out of range: ratings go from 1 to 5"
        in shown
    )
    assert any(
        s.startswith(
            f"{name}[Sessions]:3:6: Date held or moved to: '31/02/2027' is not a date that exists"
        )
        for s in shown
    )
    assert any(
        s.startswith(
            f"{name}[Sessions]:4:5: What happened: 'helf' is not one of the choices (held, moved, cancelled)"
        )
        for s in shown
    )
    assert any("there is no pair 'P99'" in s for s in shown)
    assert any(
        s.startswith(f"{name}[Goals]:2:4: Starting rating (1-5): 'four' is not a rating")
        for s in shown
    )
    assert len(shown) == 5
    assert len(tracker.sessions) == len(ROSTER) * 6  # the bad cells left out, their rows kept
    assert tracker.sessions_of("P01")[0].mentor_useful is None


def test_a_file_that_is_not_a_tracker_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    tracker = read_tracker(path)
    assert len(tracker.problems) == 1 and "not an Excel workbook" in str(tracker.problems[0])
    csv = tmp_path / "pairs.csv"
    csv.write_text("mentor_email,mentee_email\n", encoding="utf-8")
    assert "not an Excel workbook" in str(read_tracker(csv).problems[0])


def test_pairs_csv_as_matching_writes_it_becomes_the_roster(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(
        "\ufeffmentor_email,mentee_email,score,reasons,mentor_name,mentee_name\r\n"
        "Amara@Example.org,henrik@example.org,71.0,offers AI,Amara Okafor,'=Henrik\r\n"
        "li@example.org,not-an-email,50.0,,Li Wei,Mariam Haddad\r\n",
        encoding="utf-8",
    )
    pairs, problems = read_roster(path)
    assert [(p.mentor_email, p.mentee_name) for p in pairs] == [("amara@example.org", "=Henrik")]
    assert [str(p) for p in problems] == [
        f"{problems[0].file}:3:2: mentee_email: 'not-an-email' is not an e-mail address"
    ]
    assert pair_code(7, 12) == "P07" and pair_code(7, 120) == "P007"


def test_a_tracker_saved_by_libreoffice_reads_back_the_same(filled: Path, tmp_path: Path) -> None:
    """A lead who opens the tracker in Calc and saves it: dates come back as date-times and
    formulas with their values, and nothing recorded changes."""
    original = read_tracker(filled)
    saved = read_tracker(recalculated(filled, tmp_path))
    assert saved.problems == ()
    assert saved.pairs == original.pairs
    assert saved.sessions == original.sessions
    assert saved.goals == original.goals and saved.actions == original.actions
    assert saved.programme == original.programme


def test_names_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    from dataclasses import replace

    from conftest import HOSTILE_NAME

    hostile = (
        RosterPair(
            "a@example.org", "b@example.org", '=HYPERLINK("http://x.example","y")', HOSTILE_NAME
        ),
    )
    kit = northwind()
    profile = kit.profile.model_copy(update={"programme": "=1+1 & Co", "organisation": "@SUM(1)"})
    tailored = replace(kit, profile=profile)
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(tracker_workbook(tailored, hostile))
    book = load_workbook(path)
    mentor = book["Pairs"]["B2"]
    assert mentor.data_type == "s" and mentor.value.startswith("=HYPERLINK")
    assert book["Programme"]["B3"].data_type == "s" and book["Programme"]["B3"].value == "=1+1 & Co"
    assert "&&" in book["Pairs"].oddHeader.center.text  # '&' starts a header code otherwise
    computed = load_workbook(recalculated(path, tmp_path), data_only=True)
    assert computed["Pairs"]["B2"].value.startswith("=HYPERLINK")  # never run
    assert read_tracker(path).pairs[0].mentee_name == HOSTILE_NAME


def test_the_codes_follow_pairs_csv_as_matching_writes_it(tmp_path: Path) -> None:
    from upward.load.applications import read_applications
    from upward.load.roster import roster_of
    from upward.model.applications import MatchRules
    from upward.plan.matching import match
    from upward.render.tables import pairs_csv

    from conftest import KIT

    kit = northwind().kit
    titles = {b.id: b.title for b in kit.question_banks}
    cohort = KIT / "examples" / "cohort"
    read = read_applications([cohort / "mentors.csv", cohort / "mentees.csv"], topics=titles)
    result = match(read.applications, rules=MatchRules(mode="hybrid"), topic_titles=titles)
    path = tmp_path / "pairs.csv"
    path.write_bytes(pairs_csv(result))
    pairs, problems = read_roster(path)
    assert problems == () and pairs == roster_of(result) and len(pairs) == len(result.pairs)
