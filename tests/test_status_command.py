"""`upward status TRACKER` end to end, as a lead runs it: one screen of summary, a nudge draft
for each finding in a private folder (read back with the `email` package), exit 0; exit 1 and
nothing written only when the tracker cannot be read at all or the folder may not be written.
The tracker is the one in tests/trackers.py, with known quiet pairs, looked at on 1 April 2027."""

from __future__ import annotations

import json
import stat
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from openpyxl import load_workbook
from trackers import RECORDED, ROSTER, northwind

from upward.build.manifest import MANIFEST
from upward.render.tracker import tracker_workbook

DRAFTS = [
    "P01-mid-point.eml",
    "P02-cancelled-by-mentee.eml",
    "P02-gone-quiet.eml",
    "P02-mid-point.eml",
    "P03-cancelled-by-mentor.eml",
    "P03-gone-quiet.eml",
    "P03-mid-point.eml",
    "P06-cancelled-by-mentee.eml",
    "P06-mid-point.eml",
]


@pytest.fixture(scope="module")
def tracker_bytes() -> bytes:
    return tracker_workbook(northwind(), ROSTER, recorded=RECORDED)


@pytest.fixture
def tracker(tmp_path: Path, tracker_bytes: bytes) -> Path:
    path = tmp_path / "programme" / "tracker.xlsx"
    path.parent.mkdir()
    path.write_bytes(tracker_bytes)
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_status_writes_a_draft_for_each_finding_beside_the_tracker(run_cli, tracker: Path) -> None:
    result = run_cli("status", tracker, "--today", "2027-04-01", cwd=tracker.parent)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == (
        "Northwind Upward, as of Thursday 1 April 2027: 6 pairs (5 running, 1 completed or ended)"
    )
    assert "Gone quiet (no session for more than 45 days):" in lines
    assert "  P02 Li Wei and Mariam Haddad: 79 days since Tuesday 12 January 2027" in lines
    assert lines[-1].startswith("9 nudge drafts in tracker-nudges:")
    folder = tracker.parent / "tracker-nudges"
    assert files_in(folder) == sorted([*DRAFTS, MANIFEST, "PERSONAL-DATA.txt"])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # personal data: its owner's only
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["command"] == "status" and sorted(manifest["files"]) == sorted(
        [*DRAFTS, "PERSONAL-DATA.txt"]
    )
    notice = (folder / "PERSONAL-DATA.txt").read_text(encoding="utf-8")
    assert notice.startswith("Personal data: `upward status` wrote this folder")
    assert "nudge drafts" in notice and "- P03-gone-quiet.eml" in notice
    quiet = message_from_bytes((folder / "P02-gone-quiet.eml").read_bytes(), policy=policy.default)
    assert quiet["X-Unsent"] == "1"
    assert [a.addr_spec for a in quiet["To"].addresses] == ["li@example.org", "mariam@example.org"]
    assert "79 days ago" in quiet.get_content()
    senior = message_from_bytes(
        (folder / "P02-cancelled-by-mentee.eml").read_bytes(), policy=policy.default
    )
    assert [a.addr_spec for a in senior["To"].addresses] == ["mariam@example.org"]


def test_a_second_run_replaces_its_drafts_and_a_day_with_nothing_to_nudge_clears_them(
    run_cli, tracker: Path, tmp_path: Path
) -> None:
    out = tmp_path / "nudges"
    assert run_cli("status", tracker, "--today", "2027-04-01", "-o", out).code == 0
    assert len(list(out.glob("*.eml"))) == 9
    assert run_cli("status", tracker, "--today", "2027-03-27", "-o", out).code == 0
    # P04's check-in of 30 March shows the tracker is read as of an earlier day: P06's second
    # cancellation, of its May session, was not yet known on 27 March (plan.status.as_of)
    assert sorted(p.name for p in out.glob("*.eml")) == [
        "P02-cancelled-by-mentee.eml",
        "P02-gone-quiet.eml",
        "P03-cancelled-by-mentor.eml",
        "P03-gone-quiet.eml",
        "P06-mid-point.eml",
    ]
    book = load_workbook(tracker)
    for cell in ("F3", "F4", "F7"):  # P02, P03 and P06 completed: nothing left to nudge
        book["Pairs"][cell] = "completed"
    book.save(tracker)
    result = run_cli("status", tracker, "--today", "2027-03-27", "-o", out)
    assert result.code == 0 and result.out.rstrip().endswith("Nothing to nudge today.")
    assert list(out.glob("*.eml")) == []  # last week's drafts never pass for today's
    fresh = tmp_path / "never-made"
    assert run_cli("status", tracker, "--today", "2027-03-27", "-o", fresh).code == 0
    assert not fresh.exists()  # nothing to write, nothing made


def test_a_draft_the_lead_edited_is_never_replaced(run_cli, tracker: Path, tmp_path: Path) -> None:
    out = tmp_path / "nudges"
    assert run_cli("status", tracker, "--today", "2027-04-01", "-o", out).code == 0
    edited = out / "P02-gone-quiet.eml"
    edited.write_bytes(edited.read_bytes() + b"\r\nMy own words.\r\n")
    result = run_cli("status", tracker, "--today", "2027-04-02", "-o", out)
    assert result.code == 1
    assert "P02-gone-quiet.eml (changed since Upward wrote it)" in result.err
    assert edited.read_bytes().endswith(b"My own words.\r\n")


def test_problems_in_the_tracker_are_shown_and_the_rest_is_still_used(
    run_cli, tracker: Path, tmp_path: Path
) -> None:
    book = load_workbook(tracker)
    book["Sessions"]["E3"] = "held on Tuesday"  # not a choice
    book.save(tracker)
    result = run_cli("status", tracker, "--today", "2027-04-01", "-o", tmp_path / "n")
    assert result.code == 0, result.err
    assert "Problems in the tracker (1); those answers were left out" in result.out
    assert "[Sessions]:3:5: What happened: 'held on Tuesday' is not one of the choices" in (
        result.out
    )
    assert (tmp_path / "n" / "P02-gone-quiet.eml").is_file()


@pytest.mark.parametrize(
    "content, name, why",
    [
        (b"PK\x03\x04 not really a workbook", "tracker.xlsx", "not an Excel workbook"),
        (b"mentor_email,mentee_email\n", "pairs.csv", "not an Excel workbook"),
        (None, "missing.xlsx", "does not exist"),
    ],
    ids=["damaged", "not-a-workbook", "missing"],
)
def test_a_tracker_that_cannot_be_read_is_exit_1_and_nothing_written(
    run_cli, tmp_path: Path, content: bytes | None, name: str, why: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_cli("status", path, "-o", tmp_path / "nudges")
    assert result.code == 1
    assert why in result.err and "nothing was written" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "nudges").exists()


def test_a_workbook_without_a_pairs_sheet_is_not_a_tracker(run_cli, tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "budget.xlsx"
    Workbook().save(path)
    result = run_cli("status", path, "-o", tmp_path / "nudges")
    assert result.code == 1 and "no sheet called 'Pairs'" in result.err
    assert not (tmp_path / "nudges").exists()


def test_the_drafts_never_replace_the_tracker_s_own_folder(run_cli, tracker: Path) -> None:
    before = tracker.read_bytes()
    for folder in (tracker.parent, tracker.parent.parent):
        result = run_cli("status", tracker, "--today", "2027-04-01", "-o", folder)
        assert result.code == 1
        assert "the tracker" in result.err and "nothing was written" in result.err
    assert tracker.read_bytes() == before
    assert sorted(p.name for p in tracker.parent.iterdir()) == ["tracker.xlsx"]


def test_a_date_that_is_not_a_date_is_a_usage_error(run_cli, tracker: Path) -> None:
    result = run_cli("status", tracker, "--today", "1 April")
    assert result.code == 2 and "--today" in result.err
    assert not (tracker.parent / "tracker-nudges").exists()
