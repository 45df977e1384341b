"""Personal data never reaches the shared kit through a workspace (hostile review, defect 1):
no command writes into any workspace's pages/ or overrides/, wherever it runs from (the guard
finds the workspace from the output folder, not from the current folder), and `upward tailor`
refuses a folder of personal data found in pages/ (written there by hand, moved or linked),
naming it, before anything is written. Real `upward report` output, real `upward tailor`."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, write

RETURNS = ROOT / "kit" / "examples" / "returns"
TODAY = "2027-07-12"


@pytest.fixture
def workspace(tmp_path: Path, run_cli) -> Path:
    done = run_cli(
        "init", "ws", "--defaults", "--organisation", "Acme", "--start", "2027-03-01", cwd=tmp_path
    )
    assert done.code == 0, done.err
    return tmp_path / "ws"


@pytest.fixture
def report(tmp_path: Path, run_cli) -> Path:
    """A real sponsor report, written where it belongs: a folder of its own."""
    done = run_cli("report", RETURNS, "-o", tmp_path / "report", "--today", TODAY, cwd=tmp_path)
    assert done.code == 0, done.err
    assert (tmp_path / "report" / "PERSONAL-DATA.txt").is_file()
    return tmp_path / "report"


@pytest.mark.parametrize("inside", ["pages/rep", "pages", "overrides/x", "pages/a/b"])
def test_no_output_goes_into_another_workspaces_pages_or_overrides(
    workspace: Path, tmp_path: Path, run_cli, inside: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before = sorted(p.relative_to(workspace) for p in workspace.rglob("*"))
    target = workspace / inside
    done = run_cli("report", RETURNS, "-o", target, "--today", TODAY, cwd=elsewhere)
    assert done.code == 1, done.out
    part = inside.split("/")[0]
    assert f"the {part}/ folder of the workspace {workspace}" in done.err, done.err
    assert "`upward tailor` reads what is in" in done.err
    assert sorted(p.relative_to(workspace) for p in workspace.rglob("*")) == before


def test_a_link_to_a_workspaces_pages_does_not_get_round_the_guard(
    workspace: Path, tmp_path: Path, run_cli
) -> None:
    (tmp_path / "shortcut").symlink_to(workspace / "pages")
    done = run_cli("report", RETURNS, "-o", "shortcut/rep", "--today", TODAY, cwd=tmp_path)
    assert done.code == 1 and "the pages/ folder of the workspace" in done.err, done.err
    assert not (workspace / "pages" / "rep").exists()


def test_public_outputs_are_kept_out_of_a_workspaces_pages_too(
    workspace: Path, tmp_path: Path, run_cli
) -> None:
    done = run_cli("forms", "-o", workspace / "pages" / "forms", cwd=tmp_path)
    assert done.code == 1 and "the pages/ folder of the workspace" in done.err, done.err
    assert not (workspace / "pages" / "forms").exists()


def test_tailor_refuses_a_report_moved_into_pages_and_names_it(
    workspace: Path, report: Path, run_cli
) -> None:
    os.rename(report, workspace / "pages" / "rep")
    loose = write(workspace / "pages" / "notes" / "PERSONAL-DATA.txt", "pairs\n")
    write(workspace / "pages" / "notes" / "pairs.csv", "mentor,mentee\nAda,Grace\n")
    done = run_cli("tailor", "--force", cwd=workspace)
    assert done.code == 1, done.out
    assert "pages/rep: holds personal data (written by `upward report`)" in done.err, done.err
    assert "pages/notes: holds personal data (it carries PERSONAL-DATA.txt)" in done.err
    assert "2 problem(s) found; nothing was written." in done.err
    assert not (workspace / "build").exists()
    assert loose.read_text() == "pairs\n"  # the user's files stay as they were


def test_tailor_refuses_a_link_in_pages_to_a_report_elsewhere(
    workspace: Path, report: Path, run_cli
) -> None:
    (workspace / "pages" / "results.pdf").symlink_to(report / "report.pdf")
    done = run_cli("tailor", cwd=workspace)
    assert done.code == 1, done.out
    assert f"{report}: holds personal data (written by `upward report`)" in done.err, done.err
    assert not (workspace / "build").exists()


def test_once_the_report_is_moved_out_tailor_publishes_only_the_organisations_pages(
    workspace: Path, report: Path, run_cli
) -> None:
    """The same workspace with its own picture and no personal data: tailored, picture copied,
    and nothing of the report in the site or the zip."""
    write(workspace / "pages" / "map.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    done = run_cli("tailor", cwd=workspace)
    assert done.code == 0, done.err
    kit = workspace / "build" / "kits" / "acme"
    assert (kit / "site" / "our" / "map.svg").is_file()
    with zipfile.ZipFile(next(kit.glob("*.zip"))) as archive:
        names = archive.namelist()
    assert any(name.endswith("our/map.svg") for name in names)
    assert not [n for n in names if "PERSONAL-DATA" in n or n.endswith("summary.json")]
