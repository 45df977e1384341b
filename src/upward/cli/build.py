"""`upward build`: the general handbook site (all purposes, neutral wording)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from upward import paths
from upward.build.orchestration import build_general_site
from upward.cli import kit_option, project_for
from upward.problems import display_path
from upward.words import english


@click.command("build", help=english()("help.build.command"))
@kit_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help=english()("help.build.output"),
)
def command(kit_dir: Path | None, output: Path) -> None:
    """The general site, into `output` (replaced whole)."""
    started = time.perf_counter()
    loaded = build_general_site(project_for(kit_dir), output)
    pages = sum(1 for _ in output.rglob("*.html"))
    click.echo(
        english()(
            "cli.built",
            pages=pages,
            forms=len(loaded.kit.forms),
            seconds=f"{time.perf_counter() - started:.1f}",
            home=display_path(output / paths.built(paths.HOME)),
        )
    )
