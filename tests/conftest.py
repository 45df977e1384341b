"""Shared test helpers: the project's paths, a small valid kit, and an in-process CLI runner."""

from __future__ import annotations

import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "kit"
EXAMPLE_PROFILE = KIT / "examples" / "northwind.yaml"
HOSTILE_NAME = "<img src=x onerror=alert(1)> {{ 7*7 }}"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `upward ARGS` in this process (fast) and return its exit code and output."""
    from upward.cli import main

    def run(*args: str | Path, cwd: Path | None = None) -> Result:
        if cwd:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["upward", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def kit_copy(tmp_path: Path) -> Path:
    """A copy of the real kit to break in one place."""
    target = tmp_path / "kit"
    shutil.copytree(KIT, target)
    return target


def profile_text(**changes: str) -> str:
    """The example profile as YAML text, with some keys replaced by raw YAML values."""
    fields = {
        "organisation": '"Acme Ltd"',
        "purpose": "digital-fluency",
        "format": "one-to-one",
        "sessions": "6",
        "cadence": "monthly",
        "session_minutes": "60",
        "start": "2027-01-31",
        "matching": "hybrid",
    }
    fields.update(changes)
    lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return "\n".join(lines) + "\ncontact:\n  name: Sam Lee\n  email: sam@example.org\n"


@pytest.fixture(scope="session")
def northwind(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example organisation's kit (its profile fills every optional key), tailored once
    for the whole run: tests read it and never change it."""
    from upward.build.orchestration import tailor
    from upward.build.project import Project

    folder = tmp_path_factory.mktemp("northwind") / "kit"
    return tailor(Project.at(ROOT), EXAMPLE_PROFILE, folder, force=False).folder


def flat(text: str) -> str:
    """Text with its runs of white space as single spaces, as a reader sees it."""
    return " ".join(text.split())
