"""`upward report FILES... -o DIR`: the sponsor report from the tracker and returned forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from upward.cli import Day, kit_option, project_for
from upward.words import english


@click.command("report", help=english()("help.report.command"))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help=english()("help.report.output"),
)
@click.option(
    "--today",
    type=Day(),
    help=english()("help.report.today"),
)
@click.option(
    "--min-group",
    type=click.IntRange(min=3),
    default=5,
    show_default=True,
    help=english()("help.report.min_group"),
)
@kit_option
def command(
    files: tuple[Path, ...],
    output: Path,
    today: dt.date | None,
    min_group: int,
    kit_dir: Path | None,
) -> None:
    """A bad file or answer is left out and listed, never the end of the run
    (upward.build.report)."""
    from upward.build.report import run_report
    from upward.cli._progress import LazyProgress
    from upward.problems import display_path
    from upward.render.report_summary import report_lines

    words = english()
    progress = LazyProgress(words("report_command.progress"))
    day = today or dt.date.today()
    try:
        run = run_report(
            project_for(kit_dir),
            files,
            output,
            today=day,
            min_group=min_group,
            progress=progress,
            words=words,
        )
    finally:
        progress.close()
    for line in report_lines(run.inputs, run.evaluation, display_path(run.folder), words):
        click.echo(line)
