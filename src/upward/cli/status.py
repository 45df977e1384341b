"""`upward status TRACKER`: which pairs need a nudge today, and a draft e-mail for each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from upward.cli import Day, kit_option, project_for
from upward.words import english


@click.command("status", help=english()("help.status.command"))
@click.argument("tracker", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--today",
    type=Day(),
    help=english()("help.status.today"),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=english()("help.status.output"),
)
@kit_option
def command(
    tracker: Path, today: dt.date | None, output: Path | None, kit_dir: Path | None
) -> None:
    """Exit status 1 only when the tracker cannot be read at all: a bad row is listed, and
    the rest is still used (upward.build.status)."""
    from upward.build.status import run_status
    from upward.problems import display_path
    from upward.render.nudges import status_lines

    day = today or dt.date.today()
    run = run_status(project_for(kit_dir), tracker, output, today=day)
    for line in status_lines(run.report, display_path(run.folder)):
        click.echo(line)
