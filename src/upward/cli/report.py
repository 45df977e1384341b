"""`upward report FILES... -o DIR`: the sponsor report from the tracker and returned forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from upward.cli import kit_option, project_for


@click.command("report")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="A private folder for the report (never inside a kit).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day the figures are as of, YYYY-MM-DD (default: today).",
)
@click.option(
    "--min-group",
    type=click.IntRange(min=3),
    default=5,
    show_default=True,
    help="The fewest people a number may come from (never below 3).",
)
@kit_option
def command(
    files: tuple[Path, ...],
    output: Path,
    today: dt.datetime | None,
    min_group: int,
    kit_dir: Path | None,
) -> None:
    """Write a report for a sponsor from the tracker and the returned forms in FILES (filled
    PDFs, saved web-form files, CSV and XLSX exports; a folder stands for the files in it):
    index.html (opens from disk, printable), report.pdf and summary.json, into a private folder.

    A file or answer that cannot be used is left out and listed, with its file, row and field;
    the rest is still counted. No number comes from fewer than --min-group people.
    """
    from upward.build.report import run_report
    from upward.cli._progress import LazyProgress
    from upward.problems import display_path
    from upward.render.report_summary import report_lines
    from upward.words import english

    words = english()
    progress = LazyProgress(words("report_command.progress"))
    day = today.date() if today else dt.date.today()
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
