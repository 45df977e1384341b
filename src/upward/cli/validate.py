"""`upward validate`: check every kit file and report all problems at once (or print the inventory)."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from upward.cli import kit_option, project_for
from upward.load.kit import load_kit
from upward.problems import Problem, ProblemsFound, display_path
from upward.words import english


@click.command("validate", help=english()("help.validate.command"))
@kit_option
@click.option("--json", "as_json", is_flag=True, help=english()("help.validate.json"))
def command(kit_dir: Path | None, as_json: bool) -> None:
    """All problems at once on stderr, or (--json) the result for a program to read."""
    project = project_for(kit_dir)
    try:
        counts = load_kit(project.kit_dir, project.overrides_dir).kit.counts()
    except ProblemsFound as found:
        if as_json:
            problems = [dataclasses.asdict(p) for p in found.problems]
            click.echo(json.dumps({"ok": False, "problems": problems}, indent=2))
            sys.exit(1)
        raise
    except Exception as error:  # a caller reading --json gets JSON, whatever went wrong
        if as_json:
            where = getattr(error, "filename", None) or display_path(project.kit_dir)
            message = getattr(error, "strerror", None) or f"{type(error).__name__}: {error}"
            problem = Problem(str(where), message=message)
            click.echo(json.dumps({"ok": False, "problems": [dataclasses.asdict(problem)]}))
        raise  # and main() reports it on stderr as usual
    if as_json:
        click.echo(json.dumps({"ok": True, "counts": counts}, indent=2))
        return
    words = english()
    click.echo(words("cli.valid", kit=display_path(project.kit_dir)))
    named = {words(f"kinds.{kind}"): count for kind, count in counts.items()}
    width = max(len(name) for name in named)
    for name, count in named.items():
        click.echo(words("cli.inventory", kind=name.ljust(width), count=count))
