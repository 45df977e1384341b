"""The hostile review's defects in `upward match` (REVIEW.md 4, 5, 10, 15), end to end: the
example cohort with one thing wrong, run through the command, its screen and files read back
(csv for pairs, icalendar for calendars)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from upward.load.addresses import Applicants, edits, is_slip

from conftest import KIT

COHORT = KIT / "examples" / "cohort"
MENTORS, MENTEES = COHORT / "mentors.csv", COHORT / "mentees.csv"
MARIAM = "mariam.haddad@northwind.example"
LEILANI = "leilani.kahale@northwind.example"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def edited(source: Path, target: Path, email: str, **answers: str) -> Path:
    """A copy of an applications CSV with some answers of one person changed."""
    table = rows(source)
    person = next(row for row in table if row["email"] == email)
    person.update(answers)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return target


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


def warning_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning: ")]


# --- 4: an address that is a slip for an applicant's -----------------------------------------


def test_the_example_cohort_is_paired_as_the_review_saw(tmp_path: Path, run_cli) -> None:
    """The baseline the slip below breaks: Mariam is paired with Leilani."""
    done = run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out")
    assert done.code == 0, done.err
    assert (LEILANI, MARIAM) in {
        (r["mentor_email"], r["mentee_email"]) for r in rows(tmp_path / "out" / "pairs.csv")
    }
    assert warning_lines(done.err) == []  # the example's addresses are all right: no noise


def test_a_slip_in_prefer_not_is_a_problem_naming_the_applicant_meant(
    tmp_path: Path, run_cli
) -> None:
    mentees = edited(
        MENTEES,
        tmp_path / "in" / "mentees.csv",
        MARIAM,
        **{"prefer-not": "leilani.kahale@northwind.exmple"},
    )
    out = tmp_path / "out"
    done = run_cli("match", MENTORS, mentees, "-o", out)
    assert done.code == 1
    assert not out.exists()  # the hard rule would have been lost: nothing is written
    (line,) = error_lines(done.err)
    assert "mentees.csv:4:12: prefer-not:" in line
    assert f"did you mean '{LEILANI}' (Leilani Kahale)?" in line
    # told to match without her, she is left out and named, and nobody is paired with a slip
    done = run_cli("match", MENTORS, mentees, "-o", out, "--skip-bad")
    assert done.code == 0, done.err
    assert MARIAM not in {r["mentee_email"] for r in rows(out / "pairs.csv")}
    assert "prefer-not" in done.out and "did you mean" in done.out


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("line-manager-email", "leilani.kahale@northwind.exmple"),
        ("line-manager-email", "kahale.leilani@northwind.example"),
        ("preferences", "leilani.kahle@northwind.example"),
    ],
)
def test_a_slip_in_a_reporting_line_or_a_ranking_is_a_problem(
    tmp_path: Path, run_cli, field: str, value: str
) -> None:
    mentees = edited(MENTEES, tmp_path / "mentees.csv", MARIAM, **{field: value})
    done = run_cli("match", MENTORS, mentees, "-o", tmp_path / "out")
    assert done.code == 1
    (line,) = error_lines(done.err)
    assert f"{field}: '{value}' is nobody's application: did you mean '{LEILANI}'" in line


def test_a_slip_in_a_mentors_senior_line_is_a_problem(tmp_path: Path, run_cli) -> None:
    amara = "amara.okafor@northwind.example"
    mentors = edited(
        MENTORS,
        tmp_path / "mentors.csv",
        amara,
        **{"senior-line": "mariam.hadad@northwind.example"},
    )
    done = run_cli("match", mentors, MENTEES, "-o", tmp_path / "out")
    assert done.code == 1
    (line,) = error_lines(done.err)
    assert (
        f"senior-line: 'mariam.hadad@northwind.example' is nobody's application: did you mean '{MARIAM}'"
        in line
    )


def test_unknown_addresses_are_notes_where_they_can_only_mean_an_applicant(
    tmp_path: Path, run_cli
) -> None:
    """A prefer-not or a preference naming someone who did not apply, or a mentor ranked twice,
    is said (the lead may want to ask) but stops nothing; an unknown manager is normal."""
    elif_ = "elif.yilmaz@northwind.example"
    mentees = edited(
        MENTEES,
        tmp_path / "mentees.csv",
        "adaeze.nwosu@northwind.example",
        preferences=f"{elif_}; someone.else@northwind.example; {elif_}",
        **{
            "prefer-not": "a.stranger@elsewhere.example",
            "line-manager-email": "boss@elsewhere.example",
        },
    )
    out = tmp_path / "out"
    done = run_cli("match", MENTORS, mentees, "-o", out)
    assert done.code == 0, done.err
    assert (out / "pairs.csv").is_file()
    notes = warning_lines(done.err)
    assert len(notes) == 3, notes
    assert any("prefer-not: 'a.stranger@elsewhere.example' has no application" in n for n in notes)
    assert any("'someone.else@northwind.example' did not apply as a mentor" in n for n in notes)
    assert any(f"names '{elif_}' twice (choices 1 and 3); the first is used" in n for n in notes)


def test_a_slip_is_judged_tightly() -> None:
    assert edits("leilani", "lielani") == 1 and edits("kitten", "sitting") == 3
    assert is_slip("leilani.kahale@northwind.exmple", LEILANI)
    assert is_slip("leilanikahale@northwind.example", LEILANI)
    assert is_slip("leilani.kahal@northwind.example", LEILANI)
    assert not is_slip("li.wu@northwind.example", "li.wa@northwind.example")  # too short to tell
    assert not is_slip("leilani.kahale@elsewhere.org", LEILANI)  # another organisation
    assert not is_slip("leila.kahale@northwind.example", LEILANI)  # two letters: someone else
    applicants = Applicants([LEILANI, MARIAM])
    assert applicants.meant("mariam.hadad@northwind.example") == MARIAM
    assert applicants.meant("marian.haddad@northwind.example") == MARIAM
    assert applicants.meant("mariam.hadadd@northwind.example") == MARIAM  # two swapped
    assert applicants.meant("mario.haddad@northwind.example") is None  # two letters off
    assert applicants.meant("someone@northwind.example") is None
    assert applicants.meant(LEILANI) is None


# --- 5: every file handed in and not read is named ---------------------------------------------


def test_files_in_an_input_folder_that_are_not_read_are_named_with_why(
    tmp_path: Path, run_cli
) -> None:
    folder = tmp_path / "more"
    (folder / "late").mkdir(parents=True)
    shutil.copy(COHORT / "pdfs" / "helena-novak.pdf", folder)
    shutil.copy(COHORT / "pdfs" / "jonas-becker.pdf", folder / "late")
    (folder / "sam-word-copy.docx").write_bytes(b"PK\x03\x04 a Word file")
    (folder / "answers.ods").write_bytes(b"PK\x03\x04 a LibreOffice sheet")
    (folder / "notes.txt").write_text("call Sam on Monday\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "~$answers.xlsx").write_bytes(b"\0")
    out = tmp_path / "out"
    done = run_cli("match", MENTORS, MENTEES, folder, "-o", out)
    assert done.code == 1
    assert not out.exists()
    errors = error_lines(done.err)
    assert len(errors) == 2, errors  # someone's answers we cannot read stop the run
    assert any("sam-word-copy.docx: is a Word document" in e and "PDF form" in e for e in errors)
    assert any("answers.ods: is a spreadsheet saved as .ods" in e and ".xlsx" in e for e in errors)
    notes = warning_lines(done.err)
    assert any("notes.txt: was not read" in n for n in notes)
    assert any("late: is a folder inside" in n and "name it as well" in n for n in notes)
    assert not any(".DS_Store" in n or "~$" in n for n in notes + errors)  # nobody handed them in
    done = run_cli("match", MENTORS, MENTEES, folder, "-o", out, "--skip-bad")
    assert done.code == 0, done.err
    assert "sam-word-copy.docx" in done.out and "answers.ods" in done.out
    assert "Read 39 applications" in done.out  # the 38 and Helena's PDF: the rest named
    assert len(rows(out / "pairs.csv")) >= 19


def test_an_input_with_nothing_readable_is_a_problem(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "mentees"
    folder.mkdir()
    (folder / "mentees.docx").write_bytes(b"PK\x03\x04")
    done = run_cli("match", MENTORS, folder, "-o", tmp_path / "out")
    assert done.code == 1
    assert any("mentees: holds no file Upward can read" in e for e in error_lines(done.err))
    word = run_cli("match", MENTORS, folder / "mentees.docx", "-o", tmp_path / "out")
    assert word.code == 1
    assert "mentees.docx: is a Word document" in word.err


# --- 10: swapped mentors' and mentees' files ---------------------------------------------------


def test_swapped_files_are_one_problem_with_the_hint_to_swap_them(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "out"
    done = run_cli("match", MENTEES, MENTORS, "-o", out)
    assert done.code == 1
    (line,) = error_lines(done.err)
    assert "the mentors' and mentees' files are the wrong way round" in line
    assert "(swap them)" in line
    # without a role column, the columns tell the sides apart just as well
    bare = tmp_path / "bare"
    bare.mkdir()
    for source in (MENTORS, MENTEES):
        table = rows(source)
        fields = [f for f in table[0] if f != "role"]
        with (bare / source.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(table)
    done = run_cli("match", bare / "mentees.csv", bare / "mentors.csv", "-o", out)
    (line,) = error_lines(done.err)
    assert "(swap them)" in line
    # one side named twice: that file is at fault, and says which it holds
    done = run_cli("match", MENTEES, bare / "mentees.csv", "-o", out)
    assert any(
        "holds mentees' applications, but is given as the mentors' file" in e
        for e in error_lines(done.err)
    )
    # each row's own role is kept: told to go on, the pairs are the right way round
    done = run_cli("match", MENTEES, MENTORS, "-o", out, "--skip-bad")
    assert done.code == 0, done.err
    mentors = {r["email"] for r in rows(MENTORS)}
    assert {r["mentor_email"] for r in rows(out / "pairs.csv")} <= mentors


# --- 15: a workspace's profile -----------------------------------------------------------------


def test_match_in_a_workspace_uses_its_profile_and_says_so(tmp_path: Path, run_cli) -> None:
    made = run_cli(
        "init", "ws", "--defaults", "--organisation", "Acme", "--start", "2027-03-01", cwd=tmp_path
    )
    assert made.code == 0, made.err
    workspace = tmp_path / "ws"
    out = tmp_path / "round-1"
    done = run_cli("match", MENTORS, MENTEES, "-o", out, cwd=workspace)
    assert done.code == 0, done.err
    assert "Using the workspace's profile: profile.yaml" in done.out
    assert "rules and weights from the profile" in done.out
    calendars = sorted((out / "calendars").glob("*.ics"))
    assert calendars  # the pairs' sessions on the workspace's dates
    calendar = Calendar.from_ical(calendars[0].read_bytes())
    starts = sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))
    assert str(starts[0])[:7] == "2027-03"
    # --profile still wins, and then nothing is said about the workspace
    other = run_cli(
        "match", MENTORS, MENTEES, "-o", tmp_path / "round-2", "--profile", KIT / "examples" / "northwind.yaml",
        cwd=workspace,
    )  # fmt: skip
    assert other.code == 0, other.err
    assert "workspace's profile" not in other.out


def test_report_names_the_copies_of_forms_it_cannot_read(tmp_path: Path, run_cli) -> None:
    """A Word copy of a form, an .ods export or a scan in the returns folder is left out and
    listed, on screen and in the report; a README or notes are not returns, and pass over."""
    from bs4 import BeautifulSoup

    returns = tmp_path / "returns"
    shutil.copytree(KIT / "examples" / "returns", returns)
    (returns / "forms" / "session-log.docx").write_bytes(b"PK\x03\x04 a Word file")
    (returns / "pulse.ods").write_bytes(b"PK\x03\x04 a LibreOffice sheet")
    (returns / "evaluation-scan.jpg").write_bytes(b"\xff\xd8\xff")
    (returns / "notes.txt").write_text("chase the last forms\n", encoding="utf-8")
    done = run_cli("report", returns, "-o", tmp_path / "rep", "--today", "2027-07-12")
    assert done.code == 0, done.err
    assert "Left out 5 (also listed at the end of the report)" in done.out
    page = BeautifulSoup(
        (tmp_path / "rep" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    left_out = page.find(id="left-out").get_text(" ")
    assert "session-log.docx: is a Word document" in left_out
    assert "pulse.ods: is a spreadsheet saved as .ods" in left_out
    assert "evaluation-scan.jpg: is a picture" in left_out
    assert "notes.txt" not in left_out and "README" not in left_out


def test_a_damaged_pdf_is_one_problem_without_the_reader_s_own_noise(tmp_path: Path) -> None:
    """pypdf logs its repairs ('EOF marker not found') to stderr: only our line should show.
    Run as its own process: under pytest, logging goes to pytest's capture, not stderr."""
    whole = sorted((COHORT / "pdfs").glob("*.pdf"))[0].read_bytes()
    damaged = tmp_path / "late.pdf"
    damaged.write_bytes(whole[:20000])
    done = subprocess.run(
        [sys.executable, "-m", "upward", "match", MENTORS, MENTEES, damaged, "-o", tmp_path / "o"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1
    assert "late.pdf: cannot be read as a PDF" in done.stderr
    assert "EOF marker" not in done.stderr + done.stdout


def test_problems_in_the_applications_and_the_review_are_reported_in_one_run(
    tmp_path: Path, run_cli
) -> None:
    """A bad answer in an application no longer hides the review workbook's problems until
    the next run (review defect 9)."""
    from openpyxl import load_workbook

    first = run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "first")
    assert first.code == 0, first.err
    review = tmp_path / "pairs.xlsx"
    shutil.copy(tmp_path / "first" / "pairs.xlsx", review)
    book = load_workbook(review)
    book["Pairs"]["C4"].value = "maybe"
    book.save(review)
    email = rows(MENTORS)[0]["email"]
    mentors = edited(MENTORS, tmp_path / "in" / "mentors.csv", email, capacity="lots")
    done = run_cli("match", mentors, MENTEES, "--review", review, "-o", tmp_path / "second")
    assert done.code == 1
    errors = error_lines(done.err)
    assert any("mentors.csv" in line and "capacity" in line for line in errors), errors
    assert any("pairs.xlsx[Pairs]:4:" in line and "is not yes or no" in line for line in errors)
    assert "1 problem(s) in the applications" in done.err  # the review's are not counted there
    assert not (tmp_path / "second").exists()
