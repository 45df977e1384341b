"""`upward new` and `upward init` after the hostile review: the profile goes through the output
guard (defect 6); without a terminal nothing is invented silently (11); a start in the past is
warned about, here and in `upward tailor` (12); and their messages and --help say what a
value must be, in plain words (14)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import KIT, ROOT


@pytest.fixture
def kit_copy(tmp_path: Path) -> Path:
    target = tmp_path / "kitcopy"
    shutil.copytree(KIT, target)
    return target


# --- 6: the same output guard as every other command --------------------------------------------


def test_new_never_replaces_a_kit_file_even_with_force(kit_copy: Path, run_cli) -> None:
    purpose = kit_copy / "purposes" / "culture.yaml"
    before = purpose.read_bytes()
    done = run_cli(
        "new", purpose, "--kit", kit_copy, "--defaults", "--force",
        "--organisation", "A", "--start", "2027-03-01", cwd=kit_copy.parent,
    )  # fmt: skip
    assert done.code == 1, done.out
    assert "kitcopy/purposes/culture.yaml: this is in the kit folder" in done.err, done.err
    assert "nothing was written" in done.err
    assert purpose.read_bytes() == before
    assert [p.name for p in purpose.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("where", ["templates/ours.yaml", "docs/ours.yaml", "kit/ours.yaml"])
def test_new_writes_nothing_into_what_upward_reads(where: str, run_cli) -> None:
    target = ROOT / where
    done = run_cli("new", target, "--defaults", cwd=ROOT)
    assert done.code == 1 and "which Upward reads and never writes" in done.err, done.err
    assert not target.exists()


@pytest.mark.parametrize("part", ["pages", "overrides"])
def test_new_writes_nothing_into_a_workspaces_pages_or_overrides(
    tmp_path: Path, run_cli, part: str
) -> None:
    made = run_cli("init", "ws", "--defaults", "--organisation", "A", cwd=tmp_path)
    assert made.code == 0, made.err
    done = run_cli("new", f"ws/{part}/profile.yaml", "--defaults", cwd=tmp_path)
    assert done.code == 1 and f"the {part}/ folder of the workspace ws" in done.err, done.err
    assert not (tmp_path / "ws" / part / "profile.yaml").exists()


def test_a_link_into_the_kit_does_not_get_round_the_guard(kit_copy: Path, run_cli) -> None:
    link = kit_copy.parent / "mine.yaml"
    link.symlink_to(kit_copy / "purposes" / "culture.yaml")
    before = (kit_copy / "purposes" / "culture.yaml").read_bytes()
    done = run_cli("new", link, "--kit", kit_copy, "--defaults", "--force", cwd=kit_copy.parent)
    assert done.code == 1 and "this is in the kit folder" in done.err, done.err
    assert (kit_copy / "purposes" / "culture.yaml").read_bytes() == before


# --- 11: without a terminal, nothing is made up unseen ------------------------------------------


def test_piped_answers_are_refused_with_a_plain_message_not_replaced_by_guesses(
    tmp_path: Path,
) -> None:
    """The reviewer's run: answers piped in were ignored and 'Example Organisation', starting
    ten weeks from today, written with exit 0. A real process with a real pipe for its input."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "upward", "new", "p1.yaml"],
        input="Acme\n\n\n2027-03-01\n",
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stdout
    assert "there is no terminal to ask on" in done.stderr
    assert "give --organisation NAME and --start YYYY-MM-DD" in done.stderr
    assert "or add --defaults" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_only_the_missing_key_is_asked_for(tmp_path: Path, run_cli) -> None:
    done = run_cli("new", "p.yaml", "--organisation", "Acme", cwd=tmp_path)
    assert done.code == 2 and "will not make up the date of your first session" in done.err
    assert "give --start YYYY-MM-DD" in done.err and "--organisation NAME" not in done.err
    assert not (tmp_path / "p.yaml").exists()


def test_init_without_a_terminal_refuses_too_and_leaves_nothing(tmp_path: Path, run_cli) -> None:
    done = run_cli("init", "ws", "--start", "2027-03-01", cwd=tmp_path)
    assert done.code == 2 and "Usage: upward init" in done.err
    assert "will not make up your organisation's name" in done.err, done.err
    assert list(tmp_path.iterdir()) == []


def test_the_key_options_or_defaults_are_enough(tmp_path: Path, run_cli) -> None:
    given = run_cli(
        "new", "a.yaml", "--organisation", "Acme", "--start", "2027-03-01", cwd=tmp_path
    )
    assert given.code == 0, given.err
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert 'organisation: "Acme"' in text and "start: 2027-03-01" in text
    chosen = run_cli("new", "b.yaml", "--defaults", cwd=tmp_path)  # the user asked for them
    assert chosen.code == 0, chosen.err
    assert 'organisation: "Example Organisation"' in (tmp_path / "b.yaml").read_text()


# --- 12: a start in the past is warned about ------------------------------------------------------

PLACE = ("--country", "GB", "--subdivision", "ENG", "--timezone", "Europe/London")


def test_new_warns_of_a_start_in_the_past_and_still_writes_the_profile(
    tmp_path: Path, run_cli
) -> None:
    done = run_cli(
        "new", "p.yaml", "--organisation", "Acme", "--start", "2020-03-02", *PLACE, cwd=tmp_path
    )
    assert done.code == 0, done.err
    warning = (
        "warning: the first session, Monday 2 March 2020, is in the past (today is "
        f"{_today()}): the launch message would have gone out on Monday 6 January 2020"
    )
    assert warning in done.err, done.err
    assert "If the programme has not started yet, choose a later start" in done.err
    assert "start: 2020-03-02" in (tmp_path / "p.yaml").read_text()  # a programme under way


def test_new_says_nothing_of_a_start_ahead(tmp_path: Path, run_cli) -> None:
    done = run_cli("new", "p.yaml", "--organisation", "Acme", "--start", "2090-03-06", cwd=tmp_path)
    assert done.code == 0 and "in the past" not in done.err, done.err


def test_tailor_warns_of_a_start_in_the_past_at_its_line(tmp_path: Path, run_cli) -> None:
    made = run_cli(
        "new", "p.yaml", "--organisation", "Acme", "--start", "2020-03-02", *PLACE, cwd=tmp_path
    )
    assert made.code == 0, made.err
    line = next(
        number
        for number, text in enumerate((tmp_path / "p.yaml").read_text().splitlines(), 1)
        if text.startswith("start:")
    )
    done = run_cli("tailor", "p.yaml", "-o", "kit", cwd=tmp_path)
    assert done.code == 0, done.err  # a warning: the kit is made all the same
    assert (
        f"warning: p.yaml:{line}:8: start: the first session, Monday 2 March 2020, is in the past"
    ) in done.err, done.err
    assert (tmp_path / "kit" / "schedule.ics").is_file()


def _today() -> str:
    import datetime as dt

    from upward.words import english

    return english().date(dt.date.today())


# --- 14: plain messages and a --help that says what each value must be ---------------------------


@pytest.mark.parametrize("command", ["new", "init"])
@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--purpose", "Inclusion", "unknown purpose 'Inclusion' (did you mean 'inclusion'?)"),
        ("--purpose", "9.30", "unknown purpose '9.30'; choose one of culture, digital-fluency"),
        ("--organisation", "x" * 300, "it is 300 characters long; the most is 200: shorten it"),
        ("--programme", "y" * 201, "it is 201 characters long; the most is 200: shorten it"),
    ],
)
def test_options_are_refused_in_plain_words(
    tmp_path: Path, run_cli, command: str, option: str, value: str, said: str
) -> None:
    done = run_cli(command, "out", "--defaults", option, value, cwd=tmp_path)
    assert done.code == 2 and f"Invalid value for {option}: {said}" in done.err, done.err
    assert "String should" not in done.err and "pattern" not in done.err
    assert list(tmp_path.iterdir()) == []


def test_the_interview_says_the_same(tmp_path: Path) -> None:
    from terminal_session import TerminalSession

    term = TerminalSession(["new", "ours.yaml"], tmp_path)
    term.expect(r"Organisation: ")
    term.type("z" * 250)
    assert "it is 250 characters long; the most is 200: shorten it; try again" in term.expect(
        r"Organisation: "
    )
    term.type("Acme")
    term.expect(r"Programme name .*: ")
    term.type("")
    term.expect(r"Purpose \[digital-fluency\]: ")
    term.type("9.30")
    screen = term.expect(r"Purpose \[digital-fluency\]: ")
    assert "unknown purpose '9.30'; choose one of culture, digital-fluency" in screen
    assert "String should" not in term.output
    term.interrupt()
    term.expect(r"Interrupted; nothing was written")
    assert term.finish() == 130
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["new", "init"])
def test_help_gives_each_keys_choices_and_format(run_cli, command: str) -> None:
    done = run_cli(command, "--help")
    assert done.code == 0
    # as one line, whatever the terminal's width (click breaks lines after a word's hyphen)
    text = re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(done.out.split()))
    assert "The profile's" not in text
    purposes = sorted(p.stem for p in (KIT / "purposes").glob("*.yaml"))
    assert f"Choices: {', '.join(purposes)}." in text
    assert "Choices: one-to-one, group." in text
    assert "Choices: weekly, fortnightly, monthly, quarterly." in text
    assert "Choices: self, admin, hybrid." in text
    assert "Choices: legitimate-interests, public-task, consent." in text
    assert "First session: the date of the first session, YYYY-MM-DD" in text
    assert "Start time: the local time sessions start, HH:MM on a 24-hour clock." in text
    assert "Number of sessions: how many times each pair or circle meets, 1 to 52." in text
    assert "Enter" not in text  # the interview's "press Enter" has no place beside an option
