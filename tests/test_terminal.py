"""Manners at the terminal (issue 8, section 7): Ctrl-C, a reader that stops early, and text
that could steer the terminal. The runs are real processes in a scratch copy of the project."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from upward.build.staging import InterruptedAfterWriting, staged_folder
from upward.terminal import printable

from conftest import profile_text, write
from scratch_project import leftovers, make_scratch_project, manifest_of

INTERRUPTED = "Interrupted; nothing was written."


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scratch_project(tmp_path_factory.mktemp("terminal") / "project")


def _start(*args: str | Path, cwd: Path, **streams) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "upward", *map(str, args)],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        **streams,
    )


# --- Ctrl-C ----------------------------------------------------------------------------------


def test_ctrl_c_mid_build_exits_130_and_leaves_nothing(project: Path) -> None:
    parent = project / "out" / "kits"
    for _attempt in range(3):
        run = _start(
            "tailor",
            "profiles/acme.yaml",
            "-o",
            parent / "acme",
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 300
        while run.poll() is None and not any(parent.glob(".upward-tmp-*/site/**/*.html")):
            assert time.monotonic() < deadline, "the run never reached MkDocs"
            time.sleep(0.002)
        if run.poll() is None:  # MkDocs is writing the site into the staging folder
            break
        run.communicate()  # it finished first on a busy machine: clear it away, try again
        shutil.rmtree(project / "out")
    else:
        pytest.fail("the run always finished before it could be interrupted")
    os.kill(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert err.strip().splitlines()[-1] == INTERRUPTED
    assert "Traceback" not in err
    assert not (project / "out").exists()  # no staging folder, no lock, no parent made for it


def test_ctrl_c_during_the_swap_waits_for_it_and_says_the_output_is_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import upward.build.staging

    real_rmtree = shutil.rmtree
    pressed = []

    def rmtree_with_ctrl_c(path, *args, **kwargs):  # Ctrl-C while the old output goes, once
        if not pressed:
            pressed.append(True)
            os.kill(os.getpid(), signal.SIGINT)
        return real_rmtree(path, *args, **kwargs)

    target = tmp_path / "out"
    write(target / "old.txt", "the previous output")
    monkeypatch.setattr(upward.build.staging, "shutil", SimpleNamespace(rmtree=rmtree_with_ctrl_c))
    with pytest.raises(InterruptedAfterWriting), staged_folder(target, command="forms") as staging:
        write(staging / "new.txt", "the new output")
    assert (target / "new.txt").is_file() and not (target / "old.txt").exists()
    assert manifest_of(target)["files"] == {"new.txt": manifest_of(target)["files"]["new.txt"]}
    assert leftovers(tmp_path) == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # given back


def test_main_reports_an_interrupt_after_the_swap_as_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    def build_then_interrupted(project, out_dir):
        raise InterruptedAfterWriting(out_dir)

    monkeypatch.setattr("upward.cli.forms.build_blank_forms", build_then_interrupted)
    result = run_cli("forms", "-o", tmp_path / "forms")
    assert result.code == 130
    assert result.err.strip() == f"Interrupted after {tmp_path / 'forms'} was written in full."


# --- a reader that stops early ---------------------------------------------------------------


def _run_with_closed(stream: str, *args: str | Path, cwd: Path) -> subprocess.Popen:
    """Run with stdout (or both streams) piped to a reader that has already gone."""
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    run = _start(*args, cwd=cwd, **pipes)
    run.stdout.close()  # before the run writes a word: its first write finds no reader
    if stream == "both":
        run.stderr.close()
    run.wait(timeout=600)
    return run


def test_a_complete_kit_piped_into_a_reader_that_stopped_is_still_a_success(
    project: Path,
) -> None:
    run = _run_with_closed("stdout", "tailor", "profiles/acme.yaml", "-o", "piped", cwd=project)
    err = run.stderr.read().decode()
    assert run.returncode == 0, err
    # no "Broken pipe", no "Exception ignored", no traceback: only the profile's own warnings
    assert [line for line in err.splitlines() if not line.startswith("warning: ")] == []
    assert manifest_of(project / "piped")["command"] == "tailor"


def test_the_exit_status_stays_the_works_own_when_nobody_reads(project: Path, tmp_path) -> None:
    bad = write(tmp_path / "bad.yaml", profile_text(cadence="montly"))
    failed = _run_with_closed("both", "tailor", bad, "-o", tmp_path / "out", cwd=project)
    assert failed.returncode == 1 and not (tmp_path / "out").exists()
    listed = _run_with_closed("stdout", "validate", cwd=project)
    assert listed.returncode == 0 and listed.stderr.read() == b""
    helped = _run_with_closed("stdout", "--help", cwd=project)
    assert helped.returncode == 0 and helped.stderr.read() == b""


def test_a_shell_pipeline_into_head_succeeds(project: Path) -> None:
    """As a user types it, with pipefail as careful scripts do: `head -n 0` has gone before
    the run writes its summary, so the first write meets a closed pipe every time."""
    command = f"set -o pipefail; {sys.executable} -m upward forms -o headed | head -n 0"
    done = subprocess.run(
        ["bash", "-c", command], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    assert manifest_of(project / "headed")["command"] == "forms"


# --- text that could steer the terminal ------------------------------------------------------


def _at_a_terminal(*args: str | Path, cwd: Path) -> tuple[int, bytes]:
    """Run with stdout and stderr on a pseudo-terminal, as a user at a terminal would, so
    nothing (click strips some escape sequences from pipes) hides what reaches the screen."""
    main, secondary = pty.openpty()
    run = _start(*args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=secondary, stderr=secondary)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the run has closed its end
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    return run.wait(timeout=600), shown


# Each as the profile holds it (YAML escapes) and as the terminal must show it.
STEERING = {
    "window title (OSC)": ("\\e]0;pwned\\a", "\\x1b]0;pwned\\x07"),
    "red text (CSI)": ("\\e[31m", "\\x1b[31m"),
    "clear screen": ("\\e[2J", "\\x1b[2J"),
    "bidi override": ("\\u202E", "\\u202e"),
    "bidi isolate": ("\\u2066", "\\u2066"),
}


@pytest.mark.parametrize("case", STEERING)
def test_profile_text_reaches_the_terminal_escaped(case: str, project: Path, tmp_path) -> None:
    raw, shown = STEERING[case]
    profile = write(
        tmp_path / "p.yaml",
        profile_text(organisation=f'"Acme{raw} Ltd"') + f'"col{raw}our": blue\n',
    )
    code, screen = _at_a_terminal("tailor", profile, "-o", tmp_path / "kit", cwd=project)
    assert code == 1  # the unknown key: its name is quoted in the message
    text = screen.decode("utf-8")
    assert f"unknown key 'col{shown}our'" in text, text
    assert not any(char in text for char in "\x1b\x07\u202e\u2066")


def test_an_organisation_name_with_a_bidi_control_is_refused_without_steering_the_terminal(
    project: Path, tmp_path: Path
) -> None:
    """Direction overrides are refused in profile text (a right-to-left name does not need them:
    the Unicode bidi algorithm orders it); the message names the character, never prints it."""
    profile = write(tmp_path / "p.yaml", profile_text(organisation='"Acme \\u202Edtl\\u202C"'))
    code, screen = _at_a_terminal("tailor", profile, "-o", tmp_path / "kit", cwd=project)
    text = screen.decode("utf-8")
    assert code == 1, text
    assert "organisation: contains U+202E" in text
    assert "\u202e" not in text and "\u202c" not in text
    assert not (tmp_path / "kit").exists()


def test_a_folder_name_with_a_bidi_control_is_shown_escaped_in_the_summary(
    project: Path, tmp_path: Path
) -> None:
    """Profile text cannot carry one (above), but a folder's name is the user's to choose,
    and the summary of a kit that was made shows it: escaped, never obeyed."""
    out = tmp_path / "kit\u202etxt.exe"
    code, screen = _at_a_terminal("tailor", "profiles/acme.yaml", "-o", out, cwd=project)
    text = screen.decode("utf-8")
    assert code == 0, text
    assert "kit\\u202etxt.exe/site/index.html" in text
    assert "\u202e" not in text


def test_a_file_name_with_an_escape_sequence_is_shown_escaped(project: Path, tmp_path) -> None:
    profile = write(tmp_path / "evil\x1b[2J\x1b]0;x\x07.yaml", "organisation: [unclosed\n")
    code, screen = _at_a_terminal("tailor", profile, cwd=project)
    text = screen.decode("utf-8")
    assert code == 1 and "evil\\x1b[2J\\x1b]0;x\\x07.yaml" in text
    assert "\x1b" not in text and "\x07" not in text


def test_printable_escapes_only_what_could_steer_a_terminal() -> None:
    assert printable("Zoë Øberg-Núñez\ttab\nnext line 東京 🙂") == (
        "Zoë Øberg-Núñez\ttab\nnext line 東京 🙂"
    )
    assert printable("\x1b[0m\r\x00\x7f\x9b") == "\\x1b[0m\\x0d\\x00\\x7f\\x9b"
    assert printable("a\u202eb\u2067c\u200fd\u061ce\u2028f") == (
        "a\\u202eb\\u2067c\\u200fd\\u061ce\\u2028f"
    )
    assert printable("caf\udce9.yaml") == "caf\\udce9.yaml"  # an undecodable file name
