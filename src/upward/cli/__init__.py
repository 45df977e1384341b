"""The `upward` command: the group, the entry point and the options commands share.

Each command is a module of this package named after it, holding a click command called
`command`: `upward validate` is cli/validate.py, and a new command is one new file (cli/match.py
for `upward match`), with nothing to register here. A command's module is imported only when
that command runs (or `--help` lists them all), so `upward validate` never loads the build stage.
A module whose name starts with `_` is not a command.

Every problem in the input is printed as `file:line:col: field: message`, all at once, with
exit status 1 and no traceback; output folders are only ever replaced whole. Every word a
command prints, and its --help, is in the words file (en.yaml `cli` and `help`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import pkgutil
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from upward.build.project import Project
from upward.build.staging import InterruptedAfterWriting
from upward.problems import ProblemsFound, display_path
from upward.terminal import well_mannered_output
from upward.words import english

kit_option = click.option(
    "--kit",
    "kit_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help=english()("help.kit"),
)
"""`--kit DIR`, for every command that reads the kit."""


class Day(click.ParamType):
    """A date written YYYY-MM-DD: click's DateTime says a date that does not exist (2027-02-30)
    'does not match the format', which sends people looking for a typo in the wrong place."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self.fail(english()("cli.day.format", value=text), param, ctx)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(english()("cli.day.no_such_day", value=text), param, ctx)


def project_for(kit_dir: Path | None) -> Project:
    """The project this command runs in, with the kit `--kit` names (if any)."""
    return Project.discover().with_kit(kit_dir)


class _CommandModules(click.Group):
    """The commands are this package's modules, found and imported when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(
            module.name.replace("_", "-")
            for module in pkgutil.iter_modules(__path__)
            if not module.name.startswith("_")
        )

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.list_commands(ctx):
            return None
        module = importlib.import_module(f"{__name__}.{name.replace('-', '_')}")
        return module.command


@click.group(
    cls=_CommandModules,
    help=english()("help.upward"),
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="upward")
def cli() -> None:
    """The group every command belongs to (its --help: en.yaml `help.upward`)."""


COMPLETE_VAR = "_UPWARD_COMPLETE"
"""Shell completion, by click: `eval "$(_UPWARD_COMPLETE=bash_source upward)"` (or zsh_source,
fish_source) in the shell's startup file; the README shows how."""


def main() -> None:
    """Entry point: problems are reported, never raised as tracebacks; what reaches the
    terminal cannot steer it, and a reader that stops early changes no exit status."""
    if COMPLETE_VAR in os.environ:  # the shell asks for completions: click answers it directly,
        cli.main(prog_name="upward")  # in bytes, which our terminal guard would refuse
        return
    with well_mannered_output():
        _main()


def _main() -> None:
    words = english()
    try:
        # one name however it was started (`python -m upward` too): in usage lines, and in
        # the shell completion's variable, _UPWARD_COMPLETE
        cli.main(standalone_mode=False, prog_name="upward")
    except ProblemsFound as found:
        for problem in found.problems:
            click.echo(words("cli.error", problem=problem), err=True)
        click.echo(words("cli.problems_found", count=len(found.problems)), err=True)
        sys.exit(1)
    except click.exceptions.Abort as abort:  # click's word for Ctrl-C (and for EOF at a prompt)
        if isinstance(abort.__cause__, KeyboardInterrupt):
            _interrupted(abort.__cause__)
        click.echo(words("cli.aborted"), err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt as interrupt:
        _interrupted(interrupt)
    except OSError as error:
        reason, file = error.strerror or error, error.filename or ""
        click.echo(words("cli.os_error", reason=reason, file=file), err=True)
        sys.exit(1)
    except Exception as error:  # a bug, not bad input: say so plainly, keep the details on request
        if os.environ.get("UPWARD_DEBUG"):
            raise
        internal = f"{type(error).__name__}: {error}"
        click.echo(words("cli.internal_error", error=internal), err=True)
        click.echo(words("cli.bug"), err=True)
        sys.exit(1)


def _interrupted(interrupt: KeyboardInterrupt) -> NoReturn:
    """Ctrl-C: exit 130, as shells expect, saying what became of the output (its swap into
    place is never cut in half: see upward.build.staging)."""
    words = english()
    if isinstance(interrupt, InterruptedAfterWriting):
        shown = display_path(interrupt.folder)
        click.echo(words("cli.interrupted_after", folder=shown), err=True)
    else:
        click.echo(words("cli.interrupted"), err=True)
    sys.exit(130)
