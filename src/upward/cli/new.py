"""`upward new PROFILE`: a starter profile to edit, which `upward tailor` accepts as it is."""

from __future__ import annotations

from pathlib import Path

import click

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
country: GB                   # ISO 3166 code: sessions avoid its public holidays
subdivision: ENG              # where holidays differ by region (remove it otherwise)
blackout: []                  # dates or ranges with nothing scheduled, e.g. 2027-12-27
escalation:                   # the independent contact, outside every participant's line
  name: "[Independent contact]"
  email: speak-up@example.org
privacy:                      # printed on every form's data-protection notice
  controller: {organisation}
  contact:
    name: "[Data-protection contact]"
    email: dpo@example.org
  retention_months: 24
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


@click.command("new")
@click.argument("profile", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--organisation", default="Example Organisation", show_default=True, callback=_organisation
)
def command(profile: Path, organisation: str) -> None:
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
