"""`upward match` end to end, in process: the example cohort through every mode, the review and
unwind round trips through the files a lead edits, what is refused (and that nothing is written
then), and the output folder's guard. Outputs are read back with csv, openpyxl, pypdf and the
`email` package."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from upward.build.manifest import MANIFEST, write_manifest
from upward.cli._progress import LazyProgress

from conftest import EXAMPLE_PROFILE, KIT, write

COHORT = KIT / "examples" / "cohort"
MENTORS, MENTEES = COHORT / "mentors.csv", COHORT / "mentees.csv"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def profile_with(tmp_path: Path, name: str, **changes: str) -> Path:
    """The example profile with some top-level lines replaced or added (raw YAML)."""
    text = EXAMPLE_PROFILE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.split(":")[0] not in changes]
    lines += [f"{key}: {value}" for key, value in changes.items()]
    return write(tmp_path / name, "\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One run on the example cohort with its profile: (folder, what the screen said)."""
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("match") / "round-1"
    done = subprocess.run(
        [sys.executable, "-m", "upward", "match", MENTORS, MENTEES, "-o", folder,
         "--profile", EXAMPLE_PROFILE],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder, done.stdout


def test_the_example_cohort_gives_every_private_output_and_one_screen_of_summary(
    first_run: tuple[Path, str],
) -> None:
    folder, screen = first_run
    pairs = rows(folder / "pairs.csv")
    unmatched = rows(folder / "unmatched.csv")
    assert len(pairs) == 19 and [u["email"] for u in unmatched] == [
        "priya.raghunathan@northwind.example"
    ]
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {
        "PERSONAL-DATA.txt",
        "pairs.csv",
        "pairs.xlsx",
        "unmatched.csv",
        "matching-report.html",
        "tracker.xlsx",  # the pairs' tracker, started (tests/test_match_tracker.py)
    } <= names
    assert sum(n.startswith("introductions/") and n.endswith(".eml") for n in names) == 19
    assert sum(n.startswith("calendars/") and n.endswith(".ics") for n in names) == 19
    assert json.loads((folder / MANIFEST).read_text())["command"] == "match"
    notice = (folder / "PERSONAL-DATA.txt").read_text(encoding="utf-8")
    assert notice.startswith("Personal data: `upward match` wrote this folder")
    assert "- pairs.csv\n" in notice and "- introductions/" in notice
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # personal data: its owner's only
    assert json.loads((folder / MANIFEST).read_text())["private"] is True
    assert "mentor-directory.html" in names  # hybrid: mentors for the mentees to rank
    # the screen: what was read, matched, the alternative, who has no pair and why, where
    assert "Read 38 applications (18 mentors, 20 mentees) from 2 file(s)." in screen
    assert "Matched 19 of 20 mentees" in screen and "(the most the hard rules allow: 19)" in screen
    assert "The quality-first alternative: 19 matched" in screen
    assert "Priya Raghunathan (mentee): " in screen and "reporting line" in screen
    assert f"{folder}/" in screen and "introductions/" in screen
    assert len(screen.splitlines()) <= 24  # one screen


def test_the_profile_rules_and_weights_decide(tmp_path: Path, run_cli) -> None:
    """Same team allowed and a topics-only score, from the profile's matching_rules block."""
    profile = profile_with(
        tmp_path,
        "p.yaml",
        matching="admin",
        matching_rules="{same_team: true, objective: quality, weights: {topics: 100, purpose: 0,"
        " availability: 0, channel: 0, format: 0}}",
    )
    done = run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out", "--profile", profile)
    assert done.code == 0, done.err
    assert "Matching: admin, quality first; rules and weights from the profile." in done.out
    report = (tmp_path / "out" / "matching-report.html").read_text()
    assert "Pairs within the same team are allowed." in report
    assert {float(p["score"]) for p in rows(tmp_path / "out" / "pairs.csv")} <= {
        0.0, 33.3, 50.0, 66.7, 100.0
    }  # fmt: skip


def test_a_wrong_matching_rules_block_is_located(tmp_path: Path, run_cli) -> None:
    profile = profile_with(
        tmp_path, "p.yaml", matching_rules="{reporting_levels: 0, weights: {topic: 3}}"
    )
    done = run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out", "--profile", profile)
    assert done.code == 1
    assert "p.yaml:" in done.err and "matching_rules.reporting_levels: give how many" in done.err
    assert "matching_rules.weights.topic: unknown key 'topic' (did you mean 'topics'?)" in done.err
    assert not (tmp_path / "out").exists()


def test_nothing_is_written_while_an_application_is_refused(tmp_path: Path, run_cli) -> None:
    bad = tmp_path / "in" / "mentors.csv"
    bad.parent.mkdir()
    lines = MENTORS.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("mon-am", "monday-noon")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("match", bad, MENTEES, "-o", tmp_path / "out")
    assert done.code == 1
    assert (
        "in/mentors.csv:3:" in done.err
        and "availability: 'monday-noon' is not a choice" in done.err
    )
    assert "the other 37 applications were read" in done.err and "--skip-bad" in done.err
    assert "Traceback" not in done.err and not (tmp_path / "out").exists()

    done = run_cli("match", bad, MENTEES, "-o", tmp_path / "out", "--skip-bad")
    assert done.code == 0, done.err
    assert "Skipped 1 application(s) or file(s) with problems (--skip-bad):" in done.out
    assert "monday-noon" in done.out
    assert len(rows(tmp_path / "out" / "pairs.csv")) == 19


def test_review_keeps_approved_and_locked_pairs_and_never_repeats_declined_ones(
    tmp_path: Path, first_run: tuple[Path, str], run_cli
) -> None:
    folder, _ = first_run
    reviewed = tmp_path / "reviewed.xlsx"
    shutil.copy(folder / "pairs.xlsx", reviewed)
    book = load_workbook(reviewed)
    sheet = book["Pairs"]
    header = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=5)) if c.value]
    header_row = next(
        r for r in range(1, 6) if sheet.cell(r, 1).value == "approve"
    )  # the note above the header
    column = {sheet.cell(header_row, c).value: c for c in range(1, sheet.max_column + 1)}
    approved = (
        sheet.cell(header_row + 1, column["mentor_email"]).value,
        sheet.cell(header_row + 1, column["mentee_email"]).value,
    )
    declined = (
        sheet.cell(header_row + 2, column["mentor_email"]).value,
        sheet.cell(header_row + 2, column["mentee_email"]).value,
    )
    sheet.cell(header_row + 1, column["approve"], "yes")
    sheet.cell(header_row + 2, column["decline"], "yes")
    book.save(reviewed)
    assert header
    done = run_cli(
        "match", MENTORS, MENTEES, "-o", tmp_path / "round-2", "--profile", EXAMPLE_PROFILE,
        "--review", reviewed,
    )  # fmt: skip
    assert done.code == 0, done.err
    pairs = {
        (p["mentor_email"], p["mentee_email"]): p for p in rows(tmp_path / "round-2" / "pairs.csv")
    }
    assert pairs[approved]["status"] == "locked"
    assert declined not in pairs


def test_a_review_workbook_inside_the_output_folder_is_refused(
    first_run: tuple[Path, str], run_cli
) -> None:
    folder, _ = first_run
    done = run_cli(
        "match", MENTORS, MENTEES, "-o", folder, "--force", "--review", folder / "pairs.xlsx"
    )
    assert done.code == 1
    assert "holds the review workbook" in done.err and "leave -o out" not in done.err


def test_keep_unwinds_only_the_pairs_that_ended(
    tmp_path: Path, first_run: tuple[Path, str], run_cli
) -> None:
    folder, _ = first_run
    pairs = rows(folder / "pairs.csv")
    ended = (pairs[0]["mentor_email"], pairs[0]["mentee_email"])
    current = tmp_path / "current.csv"
    with current.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["mentor_email", "mentee_email", "ended"])
        for p in pairs:
            writer.writerow([p["mentor_email"], p["mentee_email"], "yes" if p is pairs[0] else ""])
    done = run_cli(
        "match", MENTORS, MENTEES, "-o", tmp_path / "unwound", "--profile", EXAMPLE_PROFILE,
        "--keep", current,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "What changed: 1 pair(s) ended" in done.out
    after = {
        (p["mentor_email"], p["mentee_email"]): p for p in rows(tmp_path / "unwound" / "pairs.csv")
    }
    assert ended not in after
    for p in pairs[1:]:
        assert after[(p["mentor_email"], p["mentee_email"])]["status"] == "kept"
    changes = rows(tmp_path / "unwound" / "changes.csv")
    assert (
        changes[0]["change"] == "ended"
        and (changes[0]["mentor_email"], changes[0]["mentee_email"]) == ended
    )
    new = [c for c in changes if c["change"] == "new pair"]
    introductions = list((tmp_path / "unwound" / "introductions").glob("*.eml"))
    assert len(introductions) == len(new)  # kept pairs are not introduced again


def test_never_again_pairs_are_not_made(
    tmp_path: Path, first_run: tuple[Path, str], run_cli
) -> None:
    folder, _ = first_run
    made = rows(folder / "pairs.csv")[:3]
    never = write(
        tmp_path / "never.csv",
        "mentor_email,mentee_email\n"
        + "".join(f"{p['mentor_email']},{p['mentee_email']}\n" for p in made),
    )
    done = run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out", "--never-again", never)
    assert done.code == 0, done.err
    after = {(p["mentor_email"], p["mentee_email"]) for p in rows(tmp_path / "out" / "pairs.csv")}
    assert not after & {(p["mentor_email"], p["mentee_email"]) for p in made}


def test_check_finds_self_made_pairs_that_break_a_rule_and_writes_nothing(
    tmp_path: Path, run_cli
) -> None:
    pairs = write(
        tmp_path / "pairs.csv",
        """
        mentor_email,mentee_email
        amara.okafor@northwind.example,kenji.watanabe@northwind.example
        li.wei@northwind.example,adaeze.nwosu@northwind.example
        """,
    )
    done = run_cli("match", MENTORS, MENTEES, "--check", pairs, cwd=tmp_path)
    assert done.code == 1
    assert "1 problem(s) in the 2 self-made pair(s):" in done.out
    assert "pairs.csv:3:1: pair: Adaeze Nwosu is in Li Wei's reporting line" in done.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv"]
    good = write(
        tmp_path / "good.csv",
        "mentor_email,mentee_email\n" + pairs.read_text().splitlines()[1] + "\n",
    )
    done = run_cli("match", MENTORS, MENTEES, "--check", good)
    assert done.code == 0 and "All 1 self-made pair(s) keep the hard rules." in done.out


def test_self_matching_writes_a_directory_page_and_pdf_without_private_answers(
    tmp_path: Path, run_cli
) -> None:
    profile = profile_with(tmp_path, "self.yaml", matching="self")
    done = run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out", "--profile", profile)
    assert done.code == 0, done.err
    page = (tmp_path / "out" / "mentor-directory.html").read_text()
    pdf = PdfReader(tmp_path / "out" / "mentor-directory.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Amara Okafor" in page and "Amara Okafor" in text
    assert "Diego Álvarez Rojas" in text  # DejaVu prints any Latin name
    private = {r["line-manager-email"] for r in rows(MENTORS)} | {
        e for r in rows(MENTORS) for e in r["senior-line"].split("; ") if e
    }
    assert not any(email in page or email in text for email in private)
    assert not (tmp_path / "out" / "pairs.csv").exists()


def test_a_group_programme_gets_circles(tmp_path: Path, run_cli) -> None:
    profile = profile_with(tmp_path, "group.yaml", format="group")
    done = run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out", "--profile", profile)
    assert done.code == 0, done.err
    circles = rows(tmp_path / "out" / "circles.csv")
    assert "circle(s) for" in done.out
    for number in {c["circle"] for c in circles}:
        members = [c for c in circles if c["circle"] == number]
        assert 1 <= sum(c["role"] == "mentor" for c in members) <= 2
        assert 4 <= sum(c["role"] == "mentee" for c in members) <= 5


def test_the_output_folder_is_guarded(tmp_path: Path, run_cli) -> None:
    # a folder that holds an input
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(MENTORS, inputs / "mentors.csv")
    done = run_cli("match", inputs / "mentors.csv", MENTEES, "-o", inputs)
    assert done.code == 1 and "holds the mentors' applications" in done.err
    # a folder inside a kit made to be shared
    kit = tmp_path / "kits" / "acme"
    kit.mkdir(parents=True)
    (kit / "index.html").write_text("kit")
    write_manifest(kit, "tailor")
    done = run_cli("match", MENTORS, MENTEES, "-o", kit / "private")
    assert done.code == 1 and "wrote to be shared" in done.err
    assert not (kit / "private").exists()
    # a second run replaces an earlier match only with --force
    assert run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out").code == 0
    again = run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out")
    assert again.code == 1 and "add --force" in again.err
    assert run_cli("match", MENTORS, MENTEES, "-o", tmp_path / "out", "--force").code == 0
    # usage
    assert run_cli("match", MENTORS, MENTEES).code == 2
    assert run_cli("match", MENTORS, "-o", tmp_path / "x").code == 2


def test_introductions_are_drafts_to_both_people(first_run: tuple[Path, str]) -> None:
    folder, _ = first_run
    draft = sorted((folder / "introductions").glob("*.eml"))[0]
    message = message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and len(message["To"].addresses) == 2
    assert message.get_body(("plain",)).get_content().startswith("Dear ")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_only_on_a_terminal_once_a_second_has_passed() -> None:
    now = [0.0]
    screen = _Terminal()
    bar = LazyProgress("Reading applications", stream=screen, clock=lambda: now[0])
    bar(1, 10)
    assert not bar.shown  # quick so far: nothing drawn
    now[0] = 1.5
    bar(2, 10)
    assert bar.shown and "Reading applications" in screen.getvalue()
    bar(10, 10)
    assert bar.bar is None  # finished and closed
    piped = io.StringIO()
    quiet = LazyProgress("Reading applications", stream=piped, clock=lambda: now[0] + 5)
    quiet(2, 10)
    assert not quiet.shown and piped.getvalue() == ""
