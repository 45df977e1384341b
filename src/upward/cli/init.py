"""`upward init DIR`: an organisation's workspace: its profile, its own pages, its overrides of
kit items and a README of what to do next (upward.build.workspace). `upward tailor` run in it
uses them all.

The profile comes from `upward new` (an interview on a terminal; with --defaults it asks
nothing; without a terminal it needs --organisation and --start, or --defaults). DIR must be new or empty: init never writes beside anyone's
files, and a run that fails or is stopped leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import shlex
import shutil
from importlib.resources import files
from pathlib import Path
from string import Template

import click

from upward.build import workspace
from upward.build.project import package_folder
from upward.cli import kit_option, project_for
from upward.cli.new import IN_WORKSPACE, _options
from upward.cli.new import command as new_command
from upward.problems import Problem, ProblemsFound, display_path
from upward.words import english


@click.command("init", help=english()("help.init.command"))
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@_options
@click.option("--defaults", is_flag=True, help=english()("help.new.defaults"))
@kit_option
@click.pass_context
def command(
    ctx: click.Context,
    folder: Path,
    defaults: bool,
    kit_dir: Path | None,
    **given: str | None,
) -> None:
    """The interview of `upward new`, then the starter files; on any failure FOLDER is left
    as it was."""
    project = project_for(kit_dir)
    words = english()
    _check_place(
        folder,
        {
            words("folders.inputs.package"): package_folder(),
            words("folders.inputs.kit"): project.kit_dir,
            words("folders.inputs.templates"): project.templates_dir,
            words("folders.inputs.docs"): project.root / "docs",
        },
    )
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    ctx.meta[IN_WORKSPACE] = True
    try:
        ctx.invoke(
            new_command,
            profile=folder / workspace.PROFILE,
            defaults=defaults,
            force=False,
            kit_dir=kit_dir,
            **given,
        )
        if not (folder / workspace.PROFILE).is_file():  # the user said no at the end
            raise click.exceptions.Exit(0)
        _write_starter(folder, project.kit_dir)
    except BaseException:
        _remove_what_was_made(folder, made)
        raise
    shown = display_path(folder)
    click.echo(words("cli.workspace_made", folder=shown))
    click.echo(words("new.next", command=f"cd {shlex.quote(shown)} && upward tailor"))


def _check_place(folder: Path, inputs: dict[str, Path]) -> None:
    """Only a new or empty folder, and never inside what Upward reads (its package, the kit)."""
    words = english()
    shown = display_path(folder)
    resolved = folder.expanduser().resolve()
    for name, place in inputs.items():
        place = place.resolve()
        if resolved == place or place in resolved.parents:
            message = words("folders.init.inside", name=name)
            raise ProblemsFound([Problem(shown, message=message)])
    if folder.exists() and not folder.is_dir():
        raise ProblemsFound([Problem(shown, message=words("folders.init.not_a_folder"))])
    if folder.is_dir() and any(folder.iterdir()):
        raise ProblemsFound([Problem(shown, message=words("folders.init.not_empty"))])


def _write_starter(folder: Path, kit_dir: Path) -> None:
    """The README, pages/ and overrides/, from the starter files the package carries."""
    starter = files("upward") / "starter"
    values = {"folder": folder.name, "kit": str(kit_dir)}
    readme = Template(starter.joinpath(workspace.README).read_text(encoding="utf-8"))
    (folder / workspace.README).write_text(readme.safe_substitute(values), encoding="utf-8")
    for part in (workspace.PAGES, workspace.OVERRIDES):
        (folder / part).mkdir()
        for item in starter.joinpath(part).iterdir():
            (folder / part / item.name).write_bytes(item.read_bytes())


def _remove_what_was_made(folder: Path, made: bool) -> None:
    """Leave the folder as it was: gone if init made it, else empty again."""
    if made:
        shutil.rmtree(folder, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink()
