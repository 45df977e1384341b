"""`upward status`'s flow: read the tracker -> which pairs need a nudge today -> a draft for
each, written whole into a private folder (beside the tracker unless the user names one).

The drafts name people and say what went wrong, so they are personal data like the tracker: the
folder is private (upward.build.private), never inside a kit, and never the tracker's own
folder (it may not hold the tracker: replacing it would cost the lead their tracker). It is
cleared by the guard before the tracker is read. A run with nothing to nudge writes no folder,
but replaces one an earlier run left, so last week's drafts never look like today's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from upward.build.private import private_output, write_private_outputs
from upward.build.project import Project
from upward.load.tracker import read_tracker
from upward.plan.status import StatusReport, status
from upward.problems import ProblemsFound
from upward.render.nudges import status_files
from upward.words import Words, english

COMMAND = "status"


def drafts_folder(tracker: Path) -> Path:
    """Where the drafts go when no folder is named: beside the tracker, named after it (a lead
    with two programmes' trackers in one folder gets two folders of drafts)."""
    return tracker.parent / f"{tracker.stem}-nudges"


@dataclass(frozen=True)
class StatusRun:
    report: StatusReport
    folder: Path  # where the drafts are (or would be: nothing written when there are none)
    files: dict[str, bytes]
    written: bool


def run_status(
    project: Project,
    tracker_path: Path,
    out_dir: Path | None,
    *,
    today: dt.date,
    words: Words | None = None,
) -> StatusRun:
    """The tracker's status on `today` and its nudge drafts, written; ProblemsFound (nothing
    written) for a folder that may not be written or a tracker that cannot be read at all."""
    words = words or english()
    folder = out_dir if out_dir is not None else drafts_folder(tracker_path)
    options = {
        "command": COMMAND,
        "inputs": {"the tracker": tracker_path},
        "offer_default": out_dir is not None,  # else the default is what was refused
    }
    output = private_output(project, folder, **options)
    tracker = read_tracker(tracker_path, words)
    if not tracker.readable:
        raise ProblemsFound(tracker.problems)
    report = status(tracker, today)
    files = status_files(report, words)
    written = bool(files) or output.folder.exists()
    if written:
        write_private_outputs(project, folder, files, words=words, **options)
    return StatusRun(report, output.folder, files, written)
