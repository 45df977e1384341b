"""`upward report`'s flow: the tracker and returned forms -> the numbers, protected for small
groups -> index.html, report.pdf and summary.json, written whole into a private folder.

The folder is cleared by the guard before anything is read (it may not be, hold or lie inside
a file or folder the report reads, nor lie inside a kit), so a forbidden `-o` costs no time.
Bad input never stops the rest: each bad file or answer is left out and listed, in the report
and on the screen. Only when nothing at all could be read is nothing written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from upward.build.private import private_output, write_private_outputs
from upward.build.project import Project
from upward.load.returns import Progress, ReportInputs, read_report_inputs
from upward.plan.disclosure import GroupTooSmall, check_min_group
from upward.plan.evaluation import Evaluation, evaluate
from upward.problems import Problem, ProblemsFound, display_path
from upward.words import Words, english

COMMAND = "report"


@dataclass(frozen=True)
class ReportRun:
    inputs: ReportInputs
    evaluation: Evaluation
    folder: Path
    files: dict[str, bytes]


def run_report(
    project: Project,
    paths: Sequence[Path],
    out_dir: Path,
    *,
    today: dt.date,
    min_group: int,
    progress: Progress | None = None,
    words: Words | None = None,
) -> ReportRun:
    """Read, count and write the sponsor report; ProblemsFound (nothing written) for a folder
    that may not be written, a threshold under three, or files of which none could be read."""
    words = words or english()
    try:
        check_min_group(min_group)
    except GroupTooSmall as error:
        raise ProblemsFound([Problem("--min-group", message=str(error))]) from None
    inputs_named = {
        words("folders.inputs.report", number=n): p for n, p in enumerate(paths, start=1)
    }
    output = private_output(project, out_dir, command=COMMAND, inputs=inputs_named)
    kit = project.load().kit  # with the workspace's overrides
    inputs = read_report_inputs(paths, kit.forms, progress=progress, words=words)
    if inputs.tracker is None and not inputs.returns.answers:
        nothing = Problem(
            ", ".join(display_path(p) for p in paths), message=words("report_command.nothing")
        )
        raise ProblemsFound([*inputs.returns.problems, nothing])
    goals = {goal.id: goal.text for purpose in kit.purposes for goal in purpose.goals}
    evaluation = evaluate(inputs, kit.forms, today=today, min_group=min_group, goals=goals)
    from upward.render.sponsor_report import sponsor_report_files  # matplotlib: only now

    files = sponsor_report_files(evaluation, words)
    write_private_outputs(
        project, out_dir, files, command=COMMAND, inputs=inputs_named, words=words
    )
    return ReportRun(inputs, evaluation, output.folder, files)
