"""`upward match MENTORS MENTEES [more files...] -o DIR`: applications in, pairs out (private)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from upward.cli import kit_option, project_for
from upward.words import english

_FILE = click.Path(path_type=Path, dir_okay=False)


@click.command("match", help=english()("help.match.command"))
@click.argument(
    "applications",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    metavar="MENTORS MENTEES [MORE]...",  # the usage line says what the help text explains
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=english()("help.match.output"),
)
@click.option("--profile", type=_FILE, help=english()("help.match.profile"))
@click.option(
    "--review",
    type=_FILE,
    help=english()("help.match.review"),
)
@click.option("--keep", type=_FILE, help=english()("help.match.keep"))
@click.option(
    "--check",
    type=_FILE,
    help=english()("help.match.check"),
)
@click.option("--never-again", type=_FILE, help=english()("help.match.never_again"))
@click.option("--skip-bad", is_flag=True, help=english()("help.match.skip_bad"))
@click.option("--force", is_flag=True, help=english()("help.match.force"))
@kit_option
def command(
    applications: tuple[Path, ...],
    output: Path | None,
    profile: Path | None,
    review: Path | None,
    keep: Path | None,
    check: Path | None,
    never_again: Path | None,
    skip_bad: bool,
    force: bool,
    kit_dir: Path | None,
) -> None:
    """The first two files are the mentors' and the mentees' (upward.build.matching)."""
    from upward.build.matching import ApplicationsRefused, MatchRequest, run_match
    from upward.cli._progress import LazyProgress
    from upward.problems import display_path
    from upward.render import match_summary as summary
    from upward.words import matching as words

    if len(applications) < 2:
        raise click.UsageError(english()("cli.match_applications"))
    if check is None and output is None:
        raise click.UsageError(english()("cli.match_output"))
    if check is not None and (output or review or keep):
        raise click.UsageError(english()("cli.match_check_alone"))
    if review is not None and keep is not None:
        raise click.UsageError(english()("cli.match_review_or_keep"))
    request = MatchRequest(
        mentors=applications[0],
        mentees=applications[1],
        more=applications[2:],
        out=output,
        profile=profile,
        review=review,
        keep=keep,
        check=check,
        never_again=never_again,
        skip_bad=skip_bad,
        force=force,
    )
    progress = LazyProgress(words.SUMMARY["progress"])
    try:
        run = run_match(project_for(kit_dir), request, progress)
    except ApplicationsRefused as refused:
        progress.close()
        _notes(refused.read.notes)
        roles = [a.role for a in refused.read.applications]
        click.echo(
            words.SUMMARY["refused"].format(
                count=len(refused.read.problems), applications=len(roles)
            ),
            err=True,
        )
        raise
    finally:
        progress.close()
    _notes(run.read.notes)
    lines = summary.read_lines(run.read, skipped=skip_bad)
    if profile is None and run.profile is not None:  # a workspace's: say so, as it decides much
        lines.insert(0, english()("match.workspace_profile", profile=display_path(run.profile)))
    if run.kind == "check":
        lines += summary.check_lines(run.check_problems, run.checked_pairs)
    else:
        lines.append(summary.mode_line(run.rules, from_profile=run.profile is not None))
        if run.kind == "pairs":
            lines += summary.pairs_lines(run.result)
        elif run.kind == "circles":
            lines += summary.circles_lines(run.result)
        else:
            mentors = sum(a.role == "mentor" for a in run.read.applications)
            lines.append(words.SUMMARY["directory"].format(mentors=mentors))
        lines += summary.files_lines(
            display_path(run.folder), run.files, calendars_possible=run.tailored is not None
        )
    for line in lines:
        click.echo(line)
    if run.check_problems:
        raise SystemExit(1)


def _notes(notes: Iterable[object]) -> None:
    """What was worth saying about the input but stopped nothing (a file that is not answers)."""
    from upward.words import english

    for note in notes:
        click.echo(english()("cli.warning", problem=note), err=True)
