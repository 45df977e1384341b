"""`upward new` and `upward init` after the hostile review: the profile goes through the output
guard (defect 6); without a terminal nothing is invented silently (11); a start in the past is
warned about, here and in `upward tailor` (12); and their messages and --help say what a
value must be, in plain words (14)."""

from __future__ import annotations

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
