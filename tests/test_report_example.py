"""The demo's fictional returns (kit/examples/returns): the committed folder is exactly what its
script makes, and the report over it reads everything but the two rows typed wrongly, with a
chart for every part of the report."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from bs4 import BeautifulSoup

from upward.load.kit import load_kit
from upward.load.returns import read_report_inputs
from upward.plan.evaluation import evaluate, summary_json
from upward.render.sponsor_report import sponsor_report_files

from conftest import KIT, ROOT

RETURNS = KIT / "examples" / "returns"


def test_the_committed_example_is_what_the_script_makes() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/make_example_returns.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_gives_a_report_a_lead_could_hand_to_a_sponsor() -> None:
    kit = load_kit(KIT).kit
    inputs = read_report_inputs([RETURNS], kit.forms)
    assert inputs.tracker is not None and inputs.tracker.problems == ()
    goals = {g.id: g.text for p in kit.purposes for g in p.goals}
    evaluation = evaluate(inputs, kit.forms, today=dt.date(2027, 7, 12), goals=goals)
    summary = summary_json(evaluation)
    assert [s["file"] for s in summary["skipped"]] == [
        "kit/examples/returns/pulse-survey-export.csv:7",
        "kit/examples/returns/pulse-survey-export.csv:13",
    ]
    assert summary["participation"]["applied"]["n"] == 38
    assert summary["participation"]["matched"] == {"n": 19}
    assert summary["sessions"]["held"]["n"] > 100
    assert {f for f in evaluation.answers} == {
        "after-session-pulse",
        "mid-point-check-in",
        "end-of-programme-evaluation",
        "goals-worksheet",
        "organisational-action-log",
    }
    soup = BeautifulSoup(sponsor_report_files(evaluation)["index.html"], "lxml")
    assert [f.h3["id"].removesuffix("-title") for f in soup.find_all("figure")] == [
        "sessions-chart",
        "pulse-chart",
        "recommend-chart",
        "value-chart",
        "goals-chart",
        "changes-chart",
    ]
    assert "Northwind Trading" in soup.find(class_="subtitle").get_text()


def test_the_april_tracker_shows_what_upward_status_is_for(run_cli, tmp_path) -> None:
    """kit/examples/mid-programme: the same story as the lead had it on 22 April 2027 (what
    `make demo` runs `upward status` on): the slipping pair, the two late check-ins."""
    tracker = KIT / "examples" / "mid-programme" / "tracker.xlsx"
    done = run_cli("status", tracker, "--today", "2027-04-22", "-o", tmp_path / "nudges")
    assert done.code == 0, done.err
    assert "19 pairs (18 running, 1 completed or ended)" in done.out
    assert sorted(p.name for p in (tmp_path / "nudges").glob("*.eml")) == [
        "P03-cancelled-by-mentee.eml",
        "P03-gone-quiet.eml",
        "P06-mid-point.eml",
        "P15-mid-point.eml",
    ]
