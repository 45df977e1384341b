"""`upward forms`: every blank form as fillable PDF and DOCX."""

from __future__ import annotations

from pathlib import Path

import click

from upward.build.orchestration import build_blank_forms
from upward.cli import kit_option, project_for
from upward.problems import display_path
from upward.words import english


@click.command("forms", help=english()("help.forms.command"))
@kit_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("build/forms"),
    show_default=True,
    help=english()("help.forms.output"),
)
def command(kit_dir: Path | None, output: Path) -> None:
    """Every blank form, into `output` (replaced whole)."""
    files = build_blank_forms(project_for(kit_dir), output)
    click.echo(english()("cli.forms_written", count=len(files), folder=display_path(output)))
