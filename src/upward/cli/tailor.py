"""`upward tailor PROFILE`: one organisation's kit: site, prefilled forms, calendar, zip."""

from __future__ import annotations

import time
from pathlib import Path

import click

from upward import paths
from upward.build.orchestration import tailor
from upward.cli import kit_option, project_for
from upward.plan.tailored import TailoredKit
from upward.problems import display_path
from upward.words import english


@click.command("tailor", help=english()("help.tailor.command"))
@click.argument("profile", type=click.Path(path_type=Path, dir_okay=False), required=False)
@kit_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=english()("help.tailor.output"),
)
@click.option("--force", is_flag=True, help=english()("help.tailor.force"))
def command(profile: Path | None, kit_dir: Path | None, output: Path | None, force: bool) -> None:
    """In a workspace PROFILE may be left out (upward.build.workspace)."""
    started = time.perf_counter()
    project = project_for(kit_dir)
    if profile is None:
        if project.workspace is None:
            raise click.UsageError(english()("cli.tailor_no_profile"))
        profile = project.workspace.profile
    result = tailor(project, profile, output, force=force)
    t = result.tailored
    words = t.words
    for warning in result.warnings:
        click.echo(words("cli.warning", problem=warning), err=True)
    click.echo(
        words(
            "cli.tailored",
            org=t.org.name,
            purpose=t.purpose.title,
            sessions=len(t.schedule),
            start=t.org.start,
            end=t.org.end,
            seconds=f"{time.perf_counter() - started:.1f}",
        )
    )
    for line in schedule_notes(t):
        click.echo(f"  {line}")
    shown = {
        "site": result.folder / paths.KIT_SITE / paths.built(paths.HOME),
        "forms": result.folder / paths.KIT_FORMS,
        "calendar": result.folder / paths.KIT_SCHEDULE,
        "tracker": result.folder / paths.KIT_TRACKER,
        "messages": result.folder / paths.KIT_MESSAGES,
        "zip": result.zip_path,
    }
    for key, path in shown.items():
        click.echo(words(f"cli.tailored_files.{key}", path=display_path(path), count=result.files))


def schedule_notes(tailored: TailoredKit) -> list[str]:
    """The working-day facts a lead should know: the rule a monthly series keeps, and every
    session that moved from its planned date ("session 4 moved from Monday 6 April 2026
    (Easter Monday) to Tuesday 7 April")."""
    words = tailored.words
    notes = []
    if tailored.rule is not None:
        key = (
            "schedule.keeps_rule"
            if tailored.profile.cadence == "monthly"
            else ("schedule.keeps_rule_quarterly")
        )
        notes.append(words(key, rule=tailored.rule.describe(words)))
    moves = [move.describe(words) for move in tailored.moves]
    if moves:
        notes.extend(f"{text[0].upper()}{text[1:]}." for text in moves)
    else:
        notes.append(words("schedule.no_moves"))
    return notes
