"""Upward replaces only what Upward made (issue 8, section 1).

Every case runs the real `upward` command in its own process, in a scratch copy of the project
(kit/, templates/, docs/, mkdocs.yml and the MkDocs hook), never in this checkout: a case that
went wrong here would delete the project. After each refused case every file in the scratch
copy, and in the folder around it, is byte for byte what it was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from upward.build.manifest import MANIFEST, upward_version

from conftest import write
from scratch_project import (
    files_in,
    leftovers,
    make_scratch_project,
    manifest_of,
    snapshot,
    upward,
)

# --- refused: nothing anywhere changes -----------------------------------------------------

# (arguments, the folder to run in, words the message must hold)
REFUSED = {
    "build -o . (the project)": (["build", "-o", "."], ".", "this is the project folder"),
    "build -o kit": (["build", "-o", "kit"], ".", "this is the kit folder"),
    "build -o templates": (["build", "-o", "templates"], ".", "this is the templates folder"),
    "build -o docs": (["build", "-o", "docs"], ".", "this is the docs folder"),
    "forms -o kit": (["forms", "-o", "kit"], ".", "this is the kit folder"),
    "forms -o inside the kit": (["forms", "-o", "kit/new"], ".", "inside the kit folder"),
    "build -o inside templates": (["build", "-o", "templates/site"], ".", "inside the templates"),
    "build -o kit spelt with ..": (["build", "-o", "docs/../kit/."], ".", "this is the kit folder"),
    "build -o a link to the kit": (["build", "-o", "kit-link"], ".", "this is the kit folder"),
    "build -o .. (holds the project)": (["build", "-o", ".."], ".", "holds the project folder"),
    "tailor -o the profile's folder --force": (
        ["tailor", "profiles/acme.yaml", "-o", "profiles", "--force"],
        ".",
        "this is the profile's folder",
    ),
    "tailor -o the folder holding the profile's": (
        ["tailor", "org/profiles/acme.yaml", "-o", "org", "--force"],
        ".",
        "holds the profile's folder",
    ),
    "forms -o . (the current folder)": (["forms", "-o", "."], "notes", "the current folder"),
    "build -o ~ (the home folder)": (["build", "-o", "home/user"], ".", "your home folder"),
    "build -o the folder holding ~": (["build", "-o", "home"], ".", "holds your home folder"),
    "build -o /": (["build", "-o", "/"], ".", "this is the root of the file system"),
    "forms -o an unrelated folder": (["forms", "-o", "notes"], ".", "did not write"),
    "tailor -o an unrelated folder --force": (
        ["tailor", "profiles/acme.yaml", "-o", "notes", "--force"],
        ".",
        "did not write",
    ),
    "forms -o an existing file": (["forms", "-o", "mkdocs.yml"], ".", "is not a folder"),
    "forms -o a named pipe": (["forms", "-o", "pipe"], ".", "is not a folder"),
    "forms -o below a file": (["forms", "-o", "mkdocs.yml/forms"], ".", "mkdocs.yml is a file"),
    "forms -o a link to itself": (["forms", "-o", "loop"], ".", "cannot use this folder"),
}


@pytest.fixture(scope="module")
def untouchable(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """A scratch project (inside a folder of its own) that no refused case may change."""
    around = tmp_path_factory.mktemp("guard-refused")
    project = make_scratch_project(around / "project")
    return around, project, snapshot(around)


@pytest.mark.parametrize("case", REFUSED)
def test_a_forbidden_output_is_refused_and_nothing_changes(case: str, untouchable) -> None:
    around, project, before = untouchable
    args, where, expected = REFUSED[case]
    done = upward(*args, cwd=project / where, home=project / "home" / "user")
    assert done.returncode == 1, done
    assert expected in done.stderr, done.stderr
    assert "nothing was written" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(around) == before


def test_the_message_names_the_folder_says_why_and_what_to_do(untouchable) -> None:
    _, project, _ = untouchable
    done = upward("build", "-o", "kit", cwd=project)
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert line.startswith("error: kit: this is the kit folder, which Upward reads")
    assert "choose another folder with -o" in line


# --- written: new, empty, or Upward's own ----------------------------------------------------


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch project the allowed cases write into."""
    return make_scratch_project(tmp_path_factory.mktemp("guard-allowed") / "project")


def test_an_empty_folder_is_filled_and_marked(workshop: Path) -> None:
    target = workshop / "empty"
    (target / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")  # a file browser's litter: still empty
    done = upward("forms", "-o", "empty", cwd=workshop)
    assert done.returncode == 0, done.stderr
    mark = manifest_of(target)
    assert mark["written_by"] == "upward" and mark["command"] == "forms"
    assert mark["version"] == upward_version()
    assert list(mark["files"]) == sorted(mark["files"]) == files_in(target)
    for name, digest in mark["files"].items():
        assert hashlib.sha256((target / name).read_bytes()).hexdigest() == digest
    assert leftovers(workshop) == []


def test_a_folder_upward_made_is_replaced_but_not_by_another_command(workshop: Path) -> None:
    target = workshop / "forms-out"
    assert upward("forms", "-o", target, cwd=workshop).returncode == 0
    (target / "session-log.pdf").unlink()  # a file the mark lists may go missing: no loss
    (target / "Thumbs.db").write_bytes(b"litter")
    again = upward("forms", "-o", target, cwd=workshop)
    assert again.returncode == 0, again.stderr
    assert (target / "session-log.pdf").is_file() and not (target / "Thumbs.db").exists()

    before = snapshot(target)
    other = upward("build", "-o", target, cwd=workshop)
    assert other.returncode == 1
    assert "holds the output of `upward forms`" in other.stderr
    assert snapshot(target) == before and leftovers(workshop) == []


@pytest.mark.parametrize(
    "change",
    [
        "a file added",
        "a file changed",
        "a link added",
        "a pipe added",
        "a damaged mark",
        "a mark nested too deep to read",
        "a mark that is a link",
        "no mark",
    ],
)
def test_a_marked_folder_holding_anything_else_is_left_alone(change: str, workshop: Path) -> None:
    target = workshop / f"forms-{change.replace(' ', '-')}"
    assert upward("forms", "-o", target, cwd=workshop).returncode == 0
    if change == "a file added":
        write(target / "sub" / "my-notes.txt", "mine")
        expected = "sub/my-notes.txt (not written by Upward)"
    elif change == "a file changed":  # a form filled in and saved in place
        with (target / "session-log.docx").open("ab") as handle:
            handle.write(b"my answers")
        expected = "session-log.docx (changed since Upward wrote it)"
    elif change == "a link added":
        (target / "link").symlink_to(workshop / "notes" / "minutes.txt")
        expected = "link (not written by Upward)"
    elif change == "a pipe added":  # reading it would hang: it must only be listed
        os.mkfifo(target / "pipe")
        expected = "pipe (not written by Upward)"
    elif change == "a mark nested too deep to read":
        (target / MANIFEST).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        expected = f"its {MANIFEST} is not one Upward wrote"
    elif change == "a mark that is a link":  # to a file that never ends: never read
        (target / MANIFEST).unlink()
        (target / MANIFEST).symlink_to("/dev/zero")
        expected = f"its {MANIFEST} is not a file Upward wrote"
    elif change == "a damaged mark":
        (target / MANIFEST).write_text('{"files": "all of them"}', encoding="utf-8")
        expected = f"its {MANIFEST} is not one Upward wrote"
    else:  # what a folder written by the previous version of Upward looks like
        (target / MANIFEST).unlink()
        expected = "If an earlier version of Upward wrote it, delete it yourself"
    before = snapshot(workshop)
    done = upward("forms", "-o", target, cwd=workshop)
    assert done.returncode == 1
    assert expected in done.stderr, done.stderr
    assert snapshot(workshop) == before


def test_a_link_to_an_upward_folder_replaces_the_folder_and_keeps_the_link(
    workshop: Path,
) -> None:
    real = workshop / "published" / "forms"
    assert upward("forms", "-o", real, cwd=workshop).returncode == 0
    (workshop / "forms-link").symlink_to(real, target_is_directory=True)
    done = upward("forms", "-o", "forms-link", cwd=workshop)
    assert done.returncode == 0, done.stderr
    assert (workshop / "forms-link").is_symlink() and manifest_of(real)["command"] == "forms"
    assert leftovers(workshop) == []


def test_the_site_is_marked_and_rebuilt_in_place(workshop: Path) -> None:
    first = upward("build", "-o", "site", cwd=workshop)
    assert first.returncode == 0, first.stderr
    site = workshop / "site"
    assert manifest_of(site)["command"] == "build"
    assert "index.html" in manifest_of(site)["files"]
    (site / "index.html").unlink()
    second = upward("build", cwd=workshop)  # the default, -o site: no --force needed
    assert second.returncode == 0, second.stderr
    assert (site / "index.html").is_file() and leftovers(workshop) == []


def test_a_tailored_kit_is_marked_outside_its_zip_and_replaced_only_with_force(
    workshop: Path,
) -> None:
    first = upward("tailor", "profiles/acme.yaml", cwd=workshop)
    assert first.returncode == 0, first.stderr
    kit = workshop / "build" / "kits" / "acme-ltd"
    mark = manifest_of(kit)
    assert mark["command"] == "tailor" and "acme-ltd-reverse-mentoring-kit.zip" in mark["files"]
    with zipfile.ZipFile(kit / "acme-ltd-reverse-mentoring-kit.zip") as archive:
        packed = sorted(name.removeprefix("acme-ltd/") for name in archive.namelist())
    assert packed == [n for n in files_in(kit) if not n.endswith(".zip")]
    assert not any(MANIFEST in name for name in packed)

    before = snapshot(workshop)
    again = upward("tailor", "profiles/acme.yaml", cwd=workshop)
    assert again.returncode == 1 and "add --force to replace it" in again.stderr
    assert snapshot(workshop) == before
    forced = upward("tailor", "profiles/acme.yaml", "--force", cwd=workshop)
    assert forced.returncode == 0, forced.stderr
    assert manifest_of(kit) == mark  # the same inputs: the same files, the same mark
    assert leftovers(workshop) == []


# --- two runs into one folder ----------------------------------------------------------------


def _holding_the_lock(run: subprocess.Popen, lock: Path, deadline: float) -> bool:
    """Wait until `run` holds the lock (its pid is in the lock file); False if it ended first."""
    while time.monotonic() < deadline:
        if run.poll() is not None:
            return False
        try:
            if lock.read_text().strip() == str(run.pid):
                return True
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    raise AssertionError("the first run never took the lock")


def _start(*args: str | Path, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "upward", *map(str, args)],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _first_run_caught_holding_the_lock(workshop: Path, name: str) -> subprocess.Popen:
    lock = workshop / f".upward-lock-{name}"
    deadline = time.monotonic() + 300
    for _attempt in range(5):
        first = _start("build", "-o", name, cwd=workshop)
        if _holding_the_lock(first, lock, deadline):
            return first
        first.communicate()  # it finished before we caught it: a busy machine; again
    pytest.fail("the first run always finished before it could be caught holding the lock")


def test_a_second_run_into_the_same_folder_fails_at_once_and_the_first_completes(
    workshop: Path,
) -> None:
    first = _first_run_caught_holding_the_lock(workshop, "site-twice")
    os.kill(first.pid, signal.SIGSTOP)  # hold it there while the second run tries
    try:
        second = upward("build", "-o", "site-twice", cwd=workshop)
    finally:
        os.kill(first.pid, signal.SIGCONT)
    out, err = first.communicate(timeout=600)
    assert second.returncode == 1
    assert f"another Upward run (process {first.pid}) is writing this folder" in second.stderr
    assert first.returncode == 0, err
    assert "Built the site" in out and manifest_of(workshop / "site-twice")["command"] == "build"
    assert leftovers(workshop) == []


def test_a_killed_run_leaves_no_lock_that_blocks_the_next(workshop: Path) -> None:
    first = _first_run_caught_holding_the_lock(workshop, "site-killed")
    os.kill(first.pid, signal.SIGKILL)
    first.communicate()
    assert (workshop / ".upward-lock-site-killed").exists()  # left behind, but not held
    second = upward("build", "-o", "site-killed", cwd=workshop)
    assert second.returncode == 0, second.stderr
    assert (workshop / "site-killed" / "index.html").is_file() and leftovers(workshop) == []


def test_the_lock_file_is_never_a_link_that_is_followed(workshop: Path) -> None:
    victim = workshop / "notes" / "minutes.txt"
    before = victim.read_bytes()
    (workshop / ".upward-lock-forms-lured").symlink_to(victim)
    done = upward("forms", "-o", "forms-lured", cwd=workshop)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert victim.read_bytes() == before and not (workshop / "forms-lured").exists()
    (workshop / ".upward-lock-forms-lured").unlink()
