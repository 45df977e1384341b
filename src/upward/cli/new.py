"""`upward new PROFILE`: a profile without writing YAML, by interview or by options.

On a terminal it asks for each key in plain words, with a line of help, the choices and a
suggestion (from the chosen purpose's plan), and checks every answer at once with the profile
model's own validators (plan/profile_answers.py), asking again with the reason. Then it shows a
summary with the real session dates and writes a commented profile (never over an existing
file without --force), and prints the next command. `--defaults` and a run without a terminal
ask nothing; without a terminal, the organisation and the start must be given as options (or
--defaults said), so nothing is made up unseen. Ctrl-C leaves nothing: the file is written
whole at the end.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from upward.cli import kit_option, project_for
from upward.plan.profile_answers import KEYS
from upward.words import english

_KEYS = KEYS  # the questions, in the order they are asked

IN_WORKSPACE = "upward.init"  # set by `upward init`, which runs this interview for its workspace


def _options(function: Any) -> Any:
    """An option per profile key (`--session-minutes` for session_minutes), all text: every
    value is checked by the same code as a typed answer."""
    for key in reversed(_KEYS):
        flag = "--" + key.replace("_", "-")
        function = click.option(flag, key, metavar="VALUE", cls=_KeyOption)(function)
    return function


class _KeyOption(click.Option):
    """A profile key's option, whose --help is the interview's line of help for the key (its
    format, its range) and its choices: made only when --help is shown, because the purposes
    are the kit's."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        if not self.help:
            self.help = _key_help(str(self.name))
        return super().get_help_record(ctx)


def _key_help(key: str) -> str:
    from upward.plan.profile_answers import choices
    from upward.problems import ProblemsFound

    words = english()
    own = f"private_places.option_help.{key}"  # where the interview's help says "press Enter"
    text = words(own if own in words.entries else f"new.keys.{key}.help")
    help_ = f"{words(f'new.keys.{key}.label')}: {text}."
    try:
        kit = project_for(None).load().kit if key == "purpose" else None
        options = choices(kit, key)  # type: ignore[arg-type]  # only purpose reads the kit
    except ProblemsFound:  # a broken kit: its own command says why
        options = ()
    if options:
        help_ += " " + words("new.choices", choices=", ".join(options)) + "."
    return help_


@click.command("new", help=english()("help.new.command"))
@click.argument("profile", type=click.Path(path_type=Path, dir_okay=False))
@_options
@click.option("--defaults", is_flag=True, help=english()("help.new.defaults"))
@click.option("--force", is_flag=True, help=english()("help.new.force"))
@kit_option
def command(
    profile: Path, defaults: bool, force: bool, kit_dir: Path | None, **given: str | None
) -> None:
    """Options first, then the interview (on a terminal) for the rest; written whole, at the
    end, or not at all."""
    from upward.plan import profile_answers as answers_
    from upward.plan.tailored import tailor_kit

    words = english()
    project = project_for(kit_dir)
    _check_place(profile, project)
    if profile.exists() and not force:
        raise click.UsageError(words("new.exists", path=profile))
    if not profile.absolute().parent.is_dir():
        raise click.UsageError(words("new.no_folder", folder=profile.absolute().parent))
    kit = project.load().kit
    today = dt.date.today()
    answers: dict[str, Any] = {}
    for key in _KEYS:  # options first, checked as they come, in the interview's order
        if given.get(key) is None:
            continue
        checked = answers_.parse(key, given[key] or "")
        if checked.ok:
            checked = answers_.check(kit, key, checked.value, answers)
        if not checked.ok:
            raise click.BadParameter(checked.reason, param_hint="--" + key.replace("_", "-"))
        answers[key] = checked.value
    asking = not defaults and sys.stdin.isatty()
    unseen = [] if asking or defaults else [k for k in NEVER_GUESSED if k not in answers]
    if asking:
        _interview(kit, answers, today)
    else:
        for key in _KEYS:
            if key not in answers:
                answers[key] = _suggested(kit, key, answers, today)
        for key in _KEYS:  # the suggestions too, now that every answer is known
            checked = answers_.check(kit, key, answers[key], answers)
            if not checked.ok:
                raise click.BadParameter(checked.reason, param_hint="--" + key.replace("_", "-"))
    if unseen:  # after the options' own problems, which the user fixes in the same line
        _refuse_to_guess(unseen)
    chosen = answers_.profile_of(answers)
    for line in _summary(kit, chosen, answers):
        click.echo(line)
    late = answers_.past_start(tailor_kit(kit, chosen), today)
    if late:  # before the question, so the user can say no and choose another date
        click.echo(words("cli.warning", problem=late), err=True)
    if asking:
        with _ctrl_c_is_an_interrupt():
            agreed = click.confirm(words("new.confirm", path=profile), default=True)
        if not agreed:
            click.echo(words("new.not_written"))
            return
    _write(profile, _text(kit, answers, profile), replace=force)
    click.echo(words("new.wrote", path=profile))
    if not click.get_current_context().meta.get(IN_WORKSPACE):  # `upward init` says its own
        click.echo(words("new.next", command=f"upward tailor {shlex.quote(str(profile))}"))


def _check_place(profile: Path, project: Any) -> None:
    """The output guard for the profile, as for every command's output: never in what Upward
    reads (a kit file replaced with --force is lost), nor in a workspace's pages/ or overrides/."""
    from upward.build.guard import refused_file
    from upward.build.project import package_folder
    from upward.problems import Problem, ProblemsFound, display_path

    words = english()
    reason = refused_file(
        profile,
        {
            words("folders.inputs.kit"): project.kit_dir,
            words("folders.inputs.project_kit"): project.root / "kit",
            words("folders.inputs.templates"): project.templates_dir,
            words("folders.inputs.docs"): project.root / "docs",
            words("folders.inputs.package"): package_folder(),
        },
    )
    if reason:
        raise ProblemsFound([Problem(display_path(profile), message=reason)])


NEVER_GUESSED = ("organisation", "start")
"""Keys with no suggestion a careful user would accept unseen: a placeholder name, and a date
counted from today. Without a terminal they are given as options, or --defaults says that the
suggestions are wanted."""


def _refuse_to_guess(missing: list[str]) -> None:
    """No terminal and no --defaults: refuse, rather than write a profile nobody chose."""
    from upward.words import english

    words = english()
    both = words("private_places.missing_and")
    raise click.UsageError(
        words(
            "private_places.no_terminal",
            missing=both.join(words(f"private_places.missing.{key}") for key in missing),
            options=both.join(words(f"private_places.option.{key}") for key in missing),
        )
    )


def _suggested(kit: Any, key: str, answers: dict[str, Any], today: dt.date) -> Any:
    from upward.plan.profile_answers import suggestions

    if key == "organisation":
        return english()("cli.example_organisation")
    if key == "timezone":
        return _local_zone()
    return suggestions(kit, answers, today)[key]


def _interview(kit: Any, answers: dict[str, Any], today: dt.date) -> None:
    from upward.plan import profile_answers as answers_

    words = english()
    remaining = [k for k in _KEYS if k not in answers]
    click.echo(words("new.intro", count=len(remaining)))
    for key in remaining:
        click.echo("")
        help_ = words(f"new.keys.{key}.help")
        click.echo(help_[:1].upper() + help_[1:])
        options = answers_.choices(kit, key, answers)
        if options:
            click.echo(words("new.choices", choices=_choice_line(kit, key, options)))
        suggestion = (
            None
            if key == "organisation"
            else answers_.shown(key, _suggested(kit, key, answers, today))
        )

        def value_proc(text: str, key: str = key) -> Any:
            checked = answers_.parse(key, text)
            if checked.ok:
                checked = answers_.check(kit, key, checked.value, answers)
            if not checked.ok:
                raise click.BadParameter(words("new.again", reason=checked.reason))
            return checked.value

        with _ctrl_c_is_an_interrupt():
            answers[key] = click.prompt(
                words(f"new.keys.{key}.label"),
                default=suggestion,
                value_proc=value_proc,
                show_default=suggestion != "",
            )
    click.echo("")


@contextlib.contextmanager
def _ctrl_c_is_an_interrupt() -> Any:
    """click turns Ctrl-C at a prompt into Abort, like end of input; an interrupt it stays
    (exit 130, 'nothing was written'), and end of input stays click's 'Aborted.'."""
    try:
        yield
    except click.Abort as abort:
        if isinstance(abort.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise


CHOICES_SHOWN = 20
"""A long list (the states of the United States) is cut short: the answer is checked in full."""


def _choice_line(kit: Any, key: str, options: tuple[str, ...]) -> str:
    shown = ", ".join(_choice_words(kit, key, options[:CHOICES_SHOWN]))
    if len(options) > CHOICES_SHOWN:
        return english()("check.calendar.more_choices", choices=shown)
    return shown


def _choice_words(kit: Any, key: str, options: tuple[str, ...]) -> list[str]:
    words = english()
    if key == "purpose":
        titles = {p.id: p.title for p in kit.purposes}
        return [words("cli.choice", choice=o, title=titles[o]) for o in options]
    if key == "matching":
        titles = {o: words(f"matching.{o}").split(" (")[0] for o in options}
        return [words("cli.choice", choice=o, title=titles[o]) for o in options]
    return list(options)


def _summary(kit: Any, profile: Any, answers: dict[str, Any]) -> list[str]:
    """The programme as it will run: plan, and every session's real date and title, the
    working days, the independent contact and the data protection."""
    from upward.plan import profile_answers as answers_
    from upward.plan.tailored import tailor_kit
    from upward.text import TextRenderer

    words = english()
    tailored = tailor_kit(kit, profile)
    render = TextRenderer(tailored.org)
    lines = [
        words("new.summary.title", organisation=profile.organisation, programme=profile.programme),
        words(
            "new.summary.purpose",
            purpose=tailored.purpose.title,
            plan=tailored.plan.title,
            reason=tailored.plan_reason,
        ),
        words(
            "new.summary.sessions",
            count=len(tailored.schedule),
            cadence=words(f"cadence_phrases.{profile.cadence}"),
            minutes=profile.session_minutes,
            time=profile.time,
            timezone=profile.timezone,
        ),
    ]
    lines += [
        words(
            "new.summary.session",
            number=s.number,
            date=words.date(s.date),
            title=render(s.session.title),
        )
        for s in tailored.schedule
    ]
    for move in tailored.moves:  # what the public holidays and blackout dates changed
        text = move.describe(words)
        lines.append(f"      {text[0].upper()}{text[1:]}.")
    lines.append(words("new.summary.matching", matching=words(f"matching.{profile.matching}")))
    if profile.contact:
        lines.append(
            words("new.summary.contact", name=profile.contact.name, email=profile.contact.email)
        )
    else:
        lines.append(words("new.summary.no_contact"))
    where = profile.country + (f"-{profile.subdivision}" if profile.subdivision else "")
    lines.append(
        words(
            "new.summary.holidays",
            days=", ".join(day.capitalize() for day in profile.working_days),
            country=where,
            blackout=answers_.shown("blackout", answers["blackout"]) or words("new.none"),
        )
    )
    if profile.escalation:
        lines.append(
            words(
                "new.summary.escalation",
                name=profile.escalation.name,
                email=profile.escalation.email,
            )
        )
    if profile.privacy:
        privacy = profile.privacy
        lines.append(
            words(
                "new.summary.privacy",
                controller=privacy.controller,
                name=privacy.contact.name,
                email=privacy.contact.email,
                months=privacy.retention_months,
                basis=privacy.lawful_basis,
            )
        )
    if any(
        "example.org" in email
        for email in (
            profile.contact.email if profile.contact else "",
            profile.escalation.email if profile.escalation else "",
            profile.privacy.contact.email if profile.privacy else "",
        )
    ):
        lines.append(words("new.summary.example_addresses"))
    return lines


def _text(kit: Any, answers: dict[str, Any], profile: Path) -> str:
    from upward.plan.profile_answers import choices
    from upward.render.profile_yaml import profile_yaml

    offered = {key: choices(kit, key, answers) for key in _KEYS}
    return profile_yaml(answers, english(), offered, str(profile))


def _write(path: Path, text: str, *, replace: bool) -> None:
    """The whole file or nothing: written beside the target, then linked into place (which
    fails if a file appeared there meanwhile) or, with --force, swapped in."""
    handle, temporary = tempfile.mkstemp(prefix=".upward-new-", dir=path.absolute().parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        if replace:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise click.UsageError(english()("new.exists", path=path)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _local_zone() -> str:
    """This machine's IANA zone when it can be told (TZ, /etc/localtime), else UTC."""
    from upward.model import time_zones

    zones = time_zones()
    named = os.environ.get("TZ", "").lstrip(":")
    if named in zones:
        return named
    with contextlib.suppress(OSError):
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            if name in zones:
                return name
    return "UTC"
