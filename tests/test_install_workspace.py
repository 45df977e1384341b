"""An organisation's workspace (`upward init`): made only in a new or empty folder, used by
`upward tailor` with no PROFILE, its own pages and overrides in the kit, and every mistake in
them named with its file and line before anything is written (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "kit" / "agreements" / "mentoring-agreement.yaml"


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_init_refuses_a_folder_with_anything_in_it(tmp_path: Path, run_cli) -> None:
    mine = write(tmp_path / "ours" / "notes.txt", "mine\n")
    result = run_cli("init", "ours", cwd=tmp_path)
    assert result.code == 1
    assert "ours: is not empty" in result.err
    assert _files(tmp_path / "ours") == {"notes.txt"} and mine.read_text() == "mine\n"


def test_init_that_fails_leaves_nothing_behind(tmp_path: Path, run_cli) -> None:
    result = run_cli("init", "ours", "--session-minutes", "many", cwd=tmp_path)
    assert result.code == 2 and "--session-minutes" in result.err
    assert not (tmp_path / "ours").exists()
    (tmp_path / "empty").mkdir()
    result = run_cli("init", "empty", "--session-minutes", "many", cwd=tmp_path)
    assert result.code == 2
    assert _files(tmp_path / "empty") == set()  # as it was: there, and empty


def test_init_refuses_a_folder_inside_upward(tmp_path: Path, run_cli) -> None:
    result = run_cli("init", ROOT / "kit" / "mine", cwd=tmp_path)
    assert result.code == 1 and "is inside" in result.err
    assert not (ROOT / "kit" / "mine").exists()


def test_tailor_without_a_profile_needs_a_workspace(tmp_path: Path, run_cli) -> None:
    result = run_cli("tailor", cwd=tmp_path)
    assert result.code == 2
    assert "upward init DIR" in result.err


def test_init_says_once_what_to_do_next(tmp_path: Path, run_cli) -> None:
    """`upward init` runs `upward new`'s interview, whose own 'Next:' would name the profile."""
    result = run_cli(
        "init", "ours", "--organisation", "Fernhill", "--start", "2027-03-01", cwd=tmp_path
    )
    assert result.code == 0, result.err
    nexts = [line for line in result.out.splitlines() if line.startswith("Next:")]
    assert nexts == ["Next: cd ours && upward tailor"]


@pytest.fixture
def workspace(tmp_path: Path, run_cli) -> Path:
    result = run_cli(
        "init", "ours", "--organisation", "Fernhill", "--start", "2027-03-01", cwd=tmp_path
    )
    assert result.code == 0, result.err
    return tmp_path / "ours"


def test_tailor_in_a_workspace_uses_its_profile_pages_and_overrides(
    workspace: Path, run_cli
) -> None:
    edited = AGREEMENT.read_text().replace(
        "We are taking part in", "At Fernhill's request, we are taking part in"
    )
    write(workspace / "overrides" / "agreements" / "mentoring-agreement.yaml", edited)
    write(
        workspace / "pages" / "contacts.md", "# Who to call\n\n{{ kit_counts()['forms'] }} forms.\n"
    )
    write(workspace / "pages" / "map.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    result = run_cli("tailor", cwd=workspace / "pages")  # anywhere inside the workspace
    assert result.code == 0, result.err
    kit = workspace / "build" / "kits" / "fernhill"
    agreement = (kit / "site" / "agreements" / "mentoring-agreement.html").read_text()
    assert "At Fernhill&rsquo;s request" in agreement or "At Fernhill's request" in agreement
    contacts = (kit / "site" / "our" / "contacts.html").read_text()
    assert "12 forms." in contacts
    assert (kit / "site" / "our" / "map.svg").is_file()
    own = (kit / "site" / "our" / "our-programme.html").read_text()
    assert "Our programme at Fernhill" in own
    home = (kit / "site" / "index.html").read_text()
    assert "our/contacts.html" in home and "our/our-programme.html" in home


def test_an_override_that_replaces_nothing_or_is_invalid_is_named(workspace: Path, run_cli) -> None:
    write(workspace / "overrides" / "agreements" / "mentoring-agrement.yaml", "id: x\n")
    broken = AGREEMENT.read_text().replace("title: Reverse mentoring agreement\n", "")
    write(workspace / "overrides" / "agreements" / "mentoring-agreement.yaml", broken)
    result = run_cli("tailor", cwd=workspace)
    assert result.code == 1
    assert (
        "overrides/agreements/mentoring-agrement.yaml: replaces nothing: the kit has no "
        "agreement file 'mentoring-agrement.yaml' (did you mean 'mentoring-agreement'?)"
    ) in result.err
    assert "overrides/agreements/mentoring-agreement.yaml:1:1: title: " in result.err
    assert not (workspace / "build").exists()
    assert run_cli("validate", cwd=workspace).code == 1  # validate reads them too


def test_a_page_that_names_an_unknown_value_stops_the_build(workspace: Path, run_cli) -> None:
    write(workspace / "pages" / "oops.md", "# Hello\n\nWelcome to {{ org.nam }}.\n")
    result = run_cli("tailor", cwd=workspace)
    assert result.code == 1
    assert "pages/oops.md:3:1: 'dict object' has no attribute 'nam' (did you mean 'name'?)" in (
        result.err
    )
    assert not (workspace / "build").exists()


def test_no_output_into_the_workspaces_pages_or_over_the_workspace(
    workspace: Path, run_cli
) -> None:
    result = run_cli("tailor", "-o", "pages/kit", cwd=workspace)
    assert result.code == 1 and "the workspace's pages folder" in result.err
    result = run_cli("tailor", "-o", "..", cwd=workspace)
    assert result.code == 1
    assert not (workspace / "pages" / "kit").exists()
