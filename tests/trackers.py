"""A fictional programme's tracker with known answers, and LibreOffice to compute its formulas.

Northwind's profile: six monthly sessions from Monday 11 January 2027 (the second Monday of each
month, booked in a two-week window), the mid-point review in session 4 (12 April). Looked at on
1 April 2027:

  P01  held Jan, Feb, Mar                               green; due a mid-point
  P02  held 12 Jan; Feb and Mar cancelled by the mentee  red (79 days); cancelled twice; mid-point
  P03  never met; Jan and Feb cancelled by the mentor    red (80 days since 11 Jan); twice; mid-point
  P04  held Jan, Feb, Mar (Mar without a date); check-in done on 30 Mar       green
  P05  completed                                         closed
  P06  held 11 Jan and 1 Mar; Feb and May cancelled by the mentee; Apr moved to 5 Apr
                                                         amber (cancelled twice); mid-point
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from upward.load.kit import load_kit
from upward.load.org_profile import load_profile
from upward.load.roster import RosterPair
from upward.model.tracker import (
    Action,
    GoalRating,
    ProgrammeFacts,
    TrackedPair,
    TrackedSession,
    Tracker,
)
from upward.plan.tailored import TailoredKit, tailor_kit

from conftest import EXAMPLE_PROFILE, KIT

TODAY = dt.date(2027, 4, 1)
D = dt.date

ROSTER = (
    RosterPair("amara@example.org", "henrik@example.org", "Amara Okafor", "Henrik Lindqvist"),
    RosterPair("li@example.org", "mariam@example.org", "Li Wei", "Mariam Haddad"),
    RosterPair("diego@example.org", "kenji@example.org", "Diego Álvarez Rojas", "Kenji Watanabe"),
    RosterPair("aisha@example.org", "adaeze@example.org", "Aisha Bello", "Adaeze Nwosu"),
    RosterPair("noor@example.org", "rafael@example.org", "Noor Rahman", "Rafael Mendes Costa"),
    RosterPair("tariq@example.org", "priya@example.org", "Tariq Aziz", "Priya Raghunathan"),
)


@cache
def northwind() -> TailoredKit:
    kit = load_kit(KIT).kit
    return tailor_kit(kit, load_profile(EXAMPLE_PROFILE, lambda: [p.id for p in kit.purposes]))


def session(pair: str, number: int, status: str = "", held_on=None, by: str = "", **pulse):
    return TrackedSession(pair, number, status=status, held_on=held_on, by=by, **pulse)


RECORDED = Tracker(
    file="recorded",
    programme=ProgrammeFacts(applied_mentors=18, applied_mentees=20),
    pairs=(
        TrackedPair("P04", mid_point_done=D(2027, 3, 30)),
        TrackedPair("P05", status="completed", ended_on=D(2027, 3, 20)),
    ),
    sessions=(
        session("P01", 1, "held", D(2027, 1, 11), mentor_useful=4, mentor_open=5),
        session("P01", 2, "held", D(2027, 2, 11), mentee_useful=5, mentee_open=2),
        session("P01", 3, "held", D(2027, 3, 11)),
        session("P02", 1, "held", D(2027, 1, 12)),
        session("P02", 2, "cancelled", by="mentee"),
        session("P02", 3, "cancelled", by="mentee"),
        session("P03", 1, "cancelled", by="mentor"),
        session("P03", 2, "cancelled", by="mentor"),
        session("P04", 1, "held", D(2027, 1, 11)),
        session("P04", 2, "held", D(2027, 2, 11)),
        session("P04", 3, "held"),  # no date typed: counts on its planned date, 8 March
        session("P05", 1, "held", D(2027, 1, 11)),
        session("P05", 2, "held", D(2027, 2, 11)),
        session("P06", 1, "held", D(2027, 1, 11)),
        session("P06", 2, "cancelled", by="mentee"),
        session("P06", 3, "held", D(2027, 3, 1)),
        session("P06", 4, "moved", D(2027, 4, 5), by="mentor"),
        session("P06", 5, "cancelled", by="mentee"),
    ),
    goals=(
        GoalRating("P01", 1, "everyday-tools", 2, 4),
        GoalRating("P01", 2, "ai-judgement", 1, None),
        GoalRating("P04", 4, "lead-by-example", 3, 3),
    ),
    actions=(
        Action(
            "P01",
            "team",
            "Weekly notes now go in the shared channel",
            D(2027, 3, 2),
            "",
            "anonymous",
            "yes",
        ),
        Action(
            "P04",
            "symbolic",
            "Spoke about the programme at the town hall",
            D(2027, 3, 15),
            "Town hall recording",
            "named",
            "no",
        ),
    ),
)


def recalculated(workbook: Path, folder: Path) -> Path:
    """The workbook opened, computed and saved by LibreOffice Calc (headless, its own profile,
    so tests running side by side do not share one), for reading with data_only=True."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("UPWARD_SKIP_LIBREOFFICE") == "1":
            pytest.skip("UPWARD_SKIP_LIBREOFFICE=1: LibreOffice checks skipped on purpose")
        pytest.fail(
            "LibreOffice (soffice) is needed to compute the tracker's formulas: install Debian's "
            "libreoffice-calc-nogui (scripts/setup-browser.sh does), or set "
            "UPWARD_SKIP_LIBREOFFICE=1 to skip these checks on purpose."
        )
    out = folder / "computed"
    out.mkdir(parents=True, exist_ok=True)
    profile = (folder / "lo-profile").resolve().as_uri()
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = out / workbook.name
    assert result.returncode == 0 and converted.is_file(), result.stderr[-2000:]
    return converted
