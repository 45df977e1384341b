"""The `upward` command: validate, build, serve, tailor, forms, new.

Every problem in the input is printed as `file:line:col: field: message`, all at once, with
exit status 1 and no traceback; output folders are only ever replaced whole.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

import click

from upward.build.orchestration import build_blank_forms, build_general_site, tailor
from upward.build.project import Project
from upward.build.staging import InterruptedAfterWriting
from upward.load.kit import load_kit
from upward.problems import Problem, ProblemsFound, display_path
from upward.terminal import well_mannered_output

_project_option = click.option(
    "--kit",
    "kit_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="The kit folder (default: kit/ of this checkout).",
)


def _project(kit_dir: Path | None) -> Project:
    return Project.discover().with_kit(kit_dir)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="upward")
def cli() -> None:
    """Upward: a reverse mentoring kit as data, rendered into a site, forms and calendars."""


@cli.command()
@_project_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(kit_dir: Path | None, as_json: bool) -> None:
    """Check every kit file and report all problems at once."""
    project = _project(kit_dir)
    try:
        counts = load_kit(project.kit_dir).kit.counts()
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
    click.echo(f"{display_path(project.kit_dir)}: the kit is valid.")
    width = max(len(k) for k in counts)
    for kind, count in counts.items():
        click.echo(f"  {kind.replace('_', ' '):<{width}}  {count:>4}")


@cli.command()
@_project_option
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=Path("site"), show_default=True
)
def build(kit_dir: Path | None, output: Path) -> None:
    """Build the general knowledge-base site (all purposes, neutral wording)."""
    started = time.perf_counter()
    loaded = build_general_site(_project(kit_dir), output)
    pages = sum(1 for _ in output.rglob("*.html"))
    click.echo(
        f"Built the site: {pages} pages, {len(loaded.kit.forms)} forms, in "
        f"{time.perf_counter() - started:.1f} s. Open {display_path(output / 'index.html')}"
    )


def _address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """HOST:PORT as MkDocs takes it, checked here so a bad one is a message, not a crash."""
    import ipaddress

    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise click.BadParameter(
            f"'{value}' is not HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8000"
        )
    if host != "localhost":
        try:
            ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
        except ValueError:
            raise click.BadParameter(
                f"'{host}' is not an IP address or localhost, e.g. 127.0.0.1:8000"
            ) from None
    return value


@cli.command()
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    callback=_address,
    help="Address to serve on.",
)
def serve(dev_addr: str) -> None:
    """Preview the site with live reload (MkDocs' own server)."""
    import errno

    from mkdocs.commands.serve import serve as mkdocs_serve

    project = Project.discover()
    try:
        mkdocs_serve(config_file=str(project.mkdocs_yml), dev_addr=dev_addr, livereload=True)
    except OSError as error:
        if error.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
            raise
        raise click.ClickException(
            f"cannot serve on {dev_addr}: {error.strerror}; "
            "choose another address with -a, e.g. -a 127.0.0.1:8001"
        ) from None


@cli.command("tailor")
@click.argument("profile", type=click.Path(path_type=Path, dir_okay=False))
@_project_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Kit folder (default: build/kits/<slug>).",
)
@click.option("--force", is_flag=True, help="Replace a kit folder that Upward made.")
def tailor_command(profile: Path, kit_dir: Path | None, output: Path | None, force: bool) -> None:
    """Turn an organisation's PROFILE into its own kit: site, forms, calendar, zip."""
    started = time.perf_counter()
    result = tailor(_project(kit_dir), profile, output, force=force)
    t = result.tailored
    click.echo(
        f"Tailored the kit for {t.org.name}: {t.purpose.title}, {len(t.schedule)} sessions "
        f"({t.org.start} to {t.org.end}), in {time.perf_counter() - started:.1f} s."
    )
    click.echo(
        f"  site:      {display_path(result.folder / 'site' / 'index.html')}  (opens from disk)"
    )
    click.echo(f"  forms:     {display_path(result.folder / 'forms')}/  (fillable PDF and DOCX)")
    click.echo(f"  calendar:  {display_path(result.folder / 'schedule.ics')}")
    click.echo(f"  zip:       {display_path(result.zip_path)}  ({result.files} files)")


@cli.command()
@_project_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("build/forms"),
    show_default=True,
)
def forms(kit_dir: Path | None, output: Path) -> None:
    """Write every blank form as fillable PDF and DOCX."""
    files = build_blank_forms(_project(kit_dir), output)
    click.echo(f"Wrote {len(files)} files to {display_path(output)}/")


_STARTER = """\
# An organisation's profile for `upward tailor`. Every key but organisation and start is optional.
organisation: {organisation}
programme: "Reverse mentoring programme"
purpose: digital-fluency      # digital-fluency | inclusion | generations | retention | innovation | culture
format: one-to-one            # one-to-one | group
sessions: 6                   # 1-52
cadence: monthly              # weekly | fortnightly | monthly | quarterly
session_minutes: 60           # 15-240
start: {start}            # the first session's date
time: "10:00"                 # local time of each session
timezone: Europe/London       # an IANA time zone
matching: hybrid              # self | admin | hybrid
contact:
  name: "[Programme lead]"
  email: lead@example.org
"""


def _organisation(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """The name as `upward tailor` will accept it, so `new` never writes a profile it refuses."""
    from pydantic import TypeAdapter, ValidationError

    from upward.model import ProfileText

    try:
        return TypeAdapter(ProfileText).validate_python(value.strip())
    except ValidationError as error:
        reason = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise click.BadParameter(reason.replace("String", "the name")) from None


def _yaml_string(value: str) -> str:
    """`value` as a double-quoted YAML scalar that reads back as exactly `value`."""
    import yaml

    text = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000)
    return text.strip().removesuffix("...").strip()


@cli.command()
@click.argument("profile", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--organisation", default="Example Organisation", show_default=True, callback=_organisation
)
def new(profile: Path, organisation: str) -> None:
    """Write a starter PROFILE to edit, then run `upward tailor PROFILE`."""
    import datetime as dt

    if profile.exists():
        raise click.UsageError(f"{profile} already exists; choose another name")
    start = dt.date.today() + dt.timedelta(days=(7 - dt.date.today().weekday()) % 7 or 7)
    profile.write_text(
        _STARTER.format(organisation=_yaml_string(organisation), start=start.isoformat()),
        encoding="utf-8",
    )
    click.echo(f"Wrote {profile}. Edit it, then run: upward tailor {profile}")


def main() -> None:
    """Entry point: problems are reported, never raised as tracebacks; what reaches the
    terminal cannot steer it, and a reader that stops early changes no exit status."""
    with well_mannered_output():
        _main()


def _main() -> None:
    try:
        cli.main(standalone_mode=False)
    except ProblemsFound as found:
        for problem in found.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(found.problems)} problem(s) found; nothing was written.", err=True)
        sys.exit(1)
    except click.exceptions.Abort as abort:  # click's word for Ctrl-C (and for EOF at a prompt)
        if isinstance(abort.__cause__, KeyboardInterrupt):
            _interrupted(abort.__cause__)
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt as interrupt:
        _interrupted(interrupt)
    except OSError as error:
        click.echo(f"error: {error.strerror or error}: {error.filename or ''}", err=True)
        sys.exit(1)
    except Exception as error:  # a bug, not bad input: say so plainly, keep the details on request
        if os.environ.get("UPWARD_DEBUG"):
            raise
        click.echo(f"internal error: {type(error).__name__}: {error}", err=True)
        click.echo(
            "This is a bug in Upward. Run again with UPWARD_DEBUG=1 to see the details.", err=True
        )
        sys.exit(1)


def _interrupted(interrupt: KeyboardInterrupt) -> NoReturn:
    """Ctrl-C: exit 130, as shells expect, saying what became of the output (its swap into
    place is never cut in half: see upward.build.staging)."""
    if isinstance(interrupt, InterruptedAfterWriting):
        shown = display_path(interrupt.folder)
        click.echo(f"Interrupted after {shown} was written in full.", err=True)
    else:
        click.echo("Interrupted; nothing was written.", err=True)
    sys.exit(130)
