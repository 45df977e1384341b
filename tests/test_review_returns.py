"""The review's defects in what `upward report` reads, end to end through the real command, its
summary.json and its page read back: a second copy of a return is left out and named (so no
number comes from fewer than five people), and a table is read as a pulse export only if its
headings name the pulse's questions (an application sheet or match's unmatched.csv is left out,
with why)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from email import message_from_bytes, policy
from pathlib import Path

from bs4 import BeautifulSoup
from openpyxl import load_workbook
from returned import evaluation_answers, filled_pdf, saved_answers

from conftest import KIT

COHORT = KIT / "examples" / "cohort"
PROFILE = KIT / "examples" / "northwind.yaml"
EVALUATIONS = [  # role, recommend, value-business, value-you: five people
    ("Mentor", "Yes", 4, 5),
    ("Mentor", "Not sure", 3, 4),
    ("Mentee", "Yes", 5, 5),
    ("Mentee", "Yes", 4, 3),
    ("Mentee", "No", 2, 2),
]


def summary_of(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def skipped(summary: dict) -> dict[str, str]:
    return {s["file"]: s["why"] for s in summary["skipped"]}


def test_five_copies_of_one_evaluation_are_one_person_and_hidden(run_cli, tmp_path: Path) -> None:
    returns = tmp_path / "returns"
    returns.mkdir()
    first = filled_pdf(
        returns / "eval-1.pdf", "end-of-programme-evaluation", evaluation_answers(*EVALUATIONS[0])
    )
    for index in range(2, 6):
        shutil.copyfile(first, returns / f"eval-{index}.pdf")
    out = tmp_path / "report"
    result = run_cli("report", returns, "-o", out, "--today", "2027-07-12", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "1 returned form (1 End-of-programme evaluation)" in result.out
    summary = summary_of(out)
    # one person's answers: below five, so hidden, not published as n=5
    assert summary["questions"]["end-of-programme-evaluation.recommend"] == {"suppressed": True}
    assert summary["questions"]["end-of-programme-evaluation.value-you"] == {"suppressed": True}
    why = skipped(summary)
    assert sorted(why) == [f"returns/eval-{n}.pdf" for n in range(2, 6)]
    assert all(
        w.startswith("the same file as returns/eval-1.pdf, byte for byte") for w in why.values()
    )
    page = BeautifulSoup((out / "index.html").read_bytes(), "lxml").get_text(" ")
    assert "eval-5.pdf" in page and "the same file as returns/eval-1.pdf" in " ".join(page.split())


def test_the_same_answers_in_another_file_count_once_but_alike_rows_of_one_export_count_each(
    run_cli, tmp_path: Path
) -> None:
    returns = tmp_path / "returns"
    returns.mkdir()
    for index, answers in enumerate(EVALUATIONS, start=1):
        filled_pdf(
            returns / f"eval-{index}.pdf",
            "end-of-programme-evaluation",
            evaluation_answers(*answers),
        )
    # the same person's answers again: saved from the web form, and re-saved as a new PDF
    saved_answers(
        returns / "later-eval-1.json",
        "end-of-programme-evaluation",
        evaluation_answers(*EVALUATIONS[0]),
    )
    again = filled_pdf(
        tmp_path / "again.pdf", "end-of-programme-evaluation", evaluation_answers(*EVALUATIONS[1])
    )
    (returns / "later-eval-2.pdf").write_bytes(again.read_bytes() + b"\n% saved again\n")
    # a survey export: two people who answered alike are two rows, both counted
    (returns / "survey.csv").write_text(
        "form,role,completed,recommend,value-business,value-you\n"
        "end-of-programme-evaluation,Mentee,Yes,Yes,4,4\n"
        "end-of-programme-evaluation,Mentee,Yes,Yes,4,4\n",
        encoding="utf-8",
    )
    out = tmp_path / "report"
    result = run_cli("report", returns, "-o", out, "--today", "2027-07-12", cwd=tmp_path)
    assert result.code == 0, result.err
    summary = summary_of(out)
    recommend = summary["questions"]["end-of-programme-evaluation.recommend"]
    assert recommend["n"] == 7  # five PDFs and the export's two rows; the two copies left out
    assert recommend["counts"]["Yes"] == 5
    why = skipped(summary)
    assert why == {
        "returns/later-eval-1.json": (
            "the same answers as returns/eval-1.pdf: left out as a second copy, so no one is "
            "counted twice"
        ),
        "returns/later-eval-2.pdf": (
            "the same answers as returns/eval-2.pdf: left out as a second copy, so no one is "
            "counted twice"
        ),
    }


def test_application_sheets_and_unmatched_csv_are_not_pulse_returns(
    run_cli, tmp_path: Path
) -> None:
    matched = tmp_path / "matched"
    result = run_cli(
        "match",
        COHORT / "mentors.csv",
        COHORT / "mentees.csv",
        "-o",
        matched,
        "--profile",
        PROFILE,
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    returns = tmp_path / "returns"
    returns.mkdir()
    shutil.copyfile(COHORT / "mentors.csv", returns / "mentors.csv")
    shutil.copyfile(COHORT / "mentees.csv", returns / "mentees.csv")
    shutil.copyfile(matched / "unmatched.csv", returns / "unmatched.csv")
    # alone, nothing in them is a return: nothing to report, each named with why
    result = run_cli("report", returns, "-o", tmp_path / "nothing", cwd=tmp_path)
    assert result.code == 1
    assert "nothing to report" in result.err and not (tmp_path / "nothing").exists()
    assert "returns/mentors.csv:1:1: its columns (" in result.err
    assert "are those of the Mentor application, which the report does not read" in result.err
    assert "are those of the Mentee application, which the report does not read" in result.err
    assert "returns/unmatched.csv:1:1: its columns (email, role, team)" in result.err
    # beside real pulse returns, they are listed as left out and no pulse comes from them
    for index in range(1, 6):
        filled_pdf(
            returns / f"pulse-{index}.pdf",
            "after-session-pulse",
            {
                "pair-code": f"P0{index}",
                "role": "Mentee",
                "session-date": "2027-03-02",
                "useful": 4,
                "open": 5,
            },
        )
    out = tmp_path / "report"
    result = run_cli("report", returns, "-o", out, "--today", "2027-07-12", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "5 returned forms (5 After-session pulse)" in result.out
    summary = summary_of(out)
    useful = summary["questions"]["after-session-pulse.useful"]
    assert useful["n"] == 5 and useful["mean"] == 4.0  # the five PDFs, not 18 + 20 applicants
    why = skipped(summary)
    assert set(why) == {"returns/mentors.csv:1", "returns/mentees.csv:1", "returns/unmatched.csv:1"}
    assert "Mentor application" in why["returns/mentors.csv:1"]
    assert why["returns/unmatched.csv:1"].startswith("its columns (email, role, team)")


def test_a_table_naming_only_role_and_no_question_is_no_return(run_cli, tmp_path: Path) -> None:
    sheet = tmp_path / "roles.csv"
    sheet.write_text(
        "name,role,email\nAna,mentor,ana@example.org\nBen,mentee,ben@example.org\n",
        encoding="utf-8",
    )
    result = run_cli("report", sheet, "-o", tmp_path / "out", cwd=tmp_path)
    assert result.code == 1
    assert "roles.csv:1:1: is not read as a returned form: its columns name none of the" in (
        " ".join(result.err.split())
    )


# --- --today earlier than the data (review 7) ------------------------------------------------

RETURNS = KIT / "examples" / "returns"  # the demo: a programme from 11 January to 14 June 2027


def test_a_day_before_the_programme_is_refused_with_a_hint(run_cli, tmp_path: Path) -> None:
    tracker = tmp_path / "tracker.xlsx"
    shutil.copyfile(RETURNS / "tracker.xlsx", tracker)
    result = run_cli("status", tracker, "--today", "2020-01-01", cwd=tmp_path)
    assert result.code == 1 and result.out == ""
    assert (
        "--today: 2020-01-01 is before the programme's first day (2027-01-11), so nothing had "
        "happened yet to look at: give a day on or after 2027-01-11" in result.err
    )
    assert not (tmp_path / "tracker-nudges").exists()
    result = run_cli("report", RETURNS, "-o", tmp_path / "rep", "--today", "2020-01-01")
    assert result.code == 1 and "nothing was written" in result.err
    assert "--today: 2020-01-01 is before the programme's first day (2027-01-11)" in result.err
    assert not (tmp_path / "rep").exists()
    # without a tracker, the first dated return marks the start
    pulses = tmp_path / "pulses"
    pulses.mkdir()
    for name in ("pulse-P04-session-3-mentee.json", "pulse-P04-session-4-mentee.json"):
        shutil.copyfile(RETURNS / "web-forms" / name, pulses / name)
    result = run_cli("report", pulses, "-o", tmp_path / "rep", "--today", "2020-01-01")
    assert result.code == 1 and "is before the programme's first day (2027-03-" in result.err


def test_status_as_of_an_earlier_day_sees_only_what_had_happened(run_cli, tmp_path: Path) -> None:
    tracker = tmp_path / "tracker.xlsx"  # filled in to the end: every pair completed by June
    shutil.copyfile(RETURNS / "tracker.xlsx", tracker)
    out = tmp_path / "nudges"
    result = run_cli("status", tracker, "--today", "2027-03-15", "-o", out, cwd=tmp_path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].endswith("19 pairs (19 running, 0 completed or ended)")  # all ran then
    assert sorted(p.name for p in out.glob("*.eml")) == [
        "P03-cancelled-by-mentee.eml",
        "P03-gone-quiet.eml",
    ]
    draft = message_from_bytes(
        (out / "P03-cancelled-by-mentee.eml").read_bytes(), policy=policy.default
    )
    body = " ".join(draft.get_content().split())
    assert "(Monday 8 February 2027 and Monday 8 March 2027)" in body
    # a week after the programme began, the mentee's second cancellation (8 March) had not come
    early = tmp_path / "early"
    result = run_cli("status", tracker, "--today", "2027-02-20", "-o", early, cwd=tmp_path)
    assert result.code == 0 and "Nothing to nudge today." in result.out
    assert not early.exists()


def test_the_report_as_of_an_earlier_day_counts_only_what_had_come_in(
    run_cli, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    result = run_cli("report", RETURNS, "-o", out, "--today", "2027-03-15", cwd=tmp_path)
    assert result.code == 0, result.err
    summary = summary_of(out)
    participation = summary["participation"]
    assert participation["completed"] == {"n": 0} and participation["started"] == {"n": 19}
    assert summary["sessions"]["held"]["n"] <= summary["sessions"]["due"]["n"] <= 19 * 3
    assert [m["month"] for m in summary["pulse"]["by_month"]] == ["2027-01", "2027-02", "2027-03"]
    later = [s for s in summary["skipped"] if s["file"] == "--today"]
    assert len(later) == 1 and later[0]["why"].startswith(
        "101 returned forms are dated after 2027-03-15"
    )
    assert "goals-worksheet" not in result.out and "Organisational action log" not in result.out
    page = " ".join(BeautifulSoup((out / "index.html").read_bytes(), "lxml").get_text(" ").split())
    assert "101 returned forms are dated after 2027-03-15" in page


# --- a renamed tracker sheet, a held date still to come, a session beyond the plan (13) --------


def edited_tracker(tmp_path: Path, edit) -> Path:
    """A copy of the demo's tracker, changed in Excel's way (openpyxl) by `edit(book)`."""
    path = tmp_path / "tracker.xlsx"
    book = load_workbook(RETURNS / "tracker.xlsx")
    edit(book)
    book.save(path)
    return path


def test_renamed_sheets_are_found_by_their_headings(run_cli, tmp_path: Path) -> None:
    original = run_cli(
        "status", RETURNS / "tracker.xlsx", "--today", "2027-04-20", "-o", tmp_path / "a"
    )

    def translate(book) -> None:
        book["Pairs"].title = "Paare"
        book["Sessions"].title = "Sitzungen"

    tracker = edited_tracker(tmp_path, translate)
    renamed = run_cli("status", tracker, "--today", "2027-04-20", "-o", tmp_path / "b")
    assert renamed.code == 0 and renamed.err == ""
    assert renamed.out.splitlines()[:-1] == original.out.splitlines()[:-1]  # all but the folder
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(
        p.name for p in (tmp_path / "a").iterdir()
    )
    # the report knows it as the tracker too, and counts its pairs
    result = run_cli("report", tracker, "-o", tmp_path / "rep", "--today", "2027-07-12")
    assert result.code == 0, result.err
    assert "the tracker (19 pairs)" in result.out
    assert summary_of(tmp_path / "rep")["participation"]["matched"] == {"n": 19}


def test_a_pairs_sheet_not_found_is_one_problem_with_a_suggestion(run_cli, tmp_path: Path) -> None:
    def rename_and_retitle(book) -> None:
        sheet = book["Pairs"]
        sheet.title = "Paare"
        sheet["A1"], sheet["B1"] = "Paarcode", "Mentorin"  # its headings no longer tell

    tracker = edited_tracker(tmp_path, rename_and_retitle)
    result = run_cli("status", tracker, "--today", "2027-04-20", cwd=tmp_path)
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: tracker.xlsx: the workbook has no sheet called 'Pairs'; was it made by Upward? "
        "(did you mean 'Paare'?)"
    ]


def test_a_held_date_still_to_come_and_a_session_beyond_the_plan_are_named(
    run_cli, tmp_path: Path
) -> None:
    def slips(book) -> None:
        sheet = book["Sessions"]
        sheet["F4"] = dt.datetime(2027, 12, 3)  # P01 session 3, planned 8 March: held 3 Dec?
        sheet["B5"] = 9  # P01 session 4 typed as session 9 of a six-session plan

    tracker = edited_tracker(tmp_path, slips)
    out = tmp_path / "nudges"
    result = run_cli("status", tracker, "--today", "2027-04-20", "-o", out)
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert "Problems in the tracker (2)" in text
    assert (
        "tracker.xlsx[Sessions]:4:1: Date held or moved to: session 3, planned for 2027-03-08, "
        "is marked held on 2027-12-03, after 2027-04-20: counted as not yet held" in text
    )
    assert (
        "tracker.xlsx[Sessions]:5:2: Session: session 9 is beyond the 6 sessions on the "
        "Programme sheet: left out" in text
    )
    # P01's last session held is now 8 February: 71 days, so it has gone quiet
    assert "P01 Aisha Bello and Nomvula Dlamini: 71 days since Monday 8 February 2027" in text
    assert (out / "P01-gone-quiet.eml").exists()
