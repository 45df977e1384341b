"""`upward status TRACKER`: which pairs need a nudge today, and a draft e-mail for each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from upward.cli import kit_option, project_for


@click.command("status")
@click.argument("tracker", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Look at the tracker as on this day, YYYY-MM-DD (default: today).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="A private folder for the drafts (default: <tracker>-nudges/ beside the tracker).",
)
@kit_option
def command(
    tracker: Path, today: dt.datetime | None, output: Path | None, kit_dir: Path | None
) -> None:
    """List the pairs that have gone quiet, had two sessions cancelled by the same side, or are
    due a mid-point check-in, and write a kind, specific nudge draft (.eml) for each.

    Nothing is sent: open each draft in your mail program, make it yours, and send it. Problems
    in the tracker are listed and the rest is still used; the exit status is 1 only when the
    tracker cannot be read at all (or the folder may not be written).
    """
    from upward.build.status import run_status
    from upward.problems import display_path
    from upward.render.nudges import status_lines

    day = today.date() if today else dt.date.today()
    run = run_status(project_for(kit_dir), tracker, output, today=day)
    for line in status_lines(run.report, display_path(run.folder)):
        click.echo(line)
