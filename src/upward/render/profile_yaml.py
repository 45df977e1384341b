"""A profile as a commented YAML file: each key under a comment that says what it is and what it
takes, the matching rules as commented defaults to uncomment. What `upward new` writes.

Free text is written double-quoted (YAML's escapes keep every character, and a name like `yes`
or `#1 Ltd` stays a string); ids, numbers and the date are written plain. `upward tailor` reads
the file back as exactly the answers given (tests/test_new.py).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from upward.model.matching_rules import MatchingRules
from upward.plan.profile_answers import KEYS, NESTED
from upward.words import Words

QUOTED = frozenset(
    {
        "organisation",
        "programme",
        "time",
        "timezone",
        "contact_name",
        "contact_email",
        "escalation_name",
        "escalation_email",
        "privacy_controller",
        "privacy_contact_name",
        "privacy_contact_email",
    }
)


def yaml_string(value: str) -> str:
    """`value` as a double-quoted YAML scalar that reads back as exactly `value`."""
    text = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000)
    return text.strip().removesuffix("...").strip()


def scalar(key: str, value: Any) -> str:
    if key in QUOTED:
        return yaml_string(str(value))
    return str(value)


COMMENT_WIDTH = 98


def _comment(text: str, indent: str = "") -> list[str]:
    """`text` as comment lines that fit an editor's window."""
    width = COMMENT_WIDTH - len(indent) - 2
    wrapped = [part for line in text.splitlines() for part in textwrap.wrap(line, width) or [""]]
    return [f"{indent}# {line}".rstrip() for line in wrapped]


def profile_yaml(
    answers: Mapping[str, Any], words: Words, choices: Mapping[str, tuple[str, ...]], shown: str
) -> str:
    """The profile file: `answers` by key (contact_name and contact_email as the contact)."""
    lines = _comment(words("new.header", path=shown))

    def explained(key: str) -> str:
        label, help_ = words(f"new.keys.{key}.label"), words(f"new.keys.{key}.help")
        if choices.get(key):
            offered = " | ".join(choices[key])
            return words("cli.profile_file.key_choices", label=label, help=help_, choices=offered)
        return words("cli.profile_file.key", label=label, help=help_)

    for key in KEYS:
        if key in NESTED or key in ("country", "subdivision", "blackout"):
            continue
        lines += ["", *_comment(explained(key)), f"{key}: {scalar(key, answers[key])}"]
    name, email = answers.get("contact_name", ""), answers.get("contact_email", "")
    lines.append("")
    if name and email:
        lines += [
            *_comment(
                words(
                    "cli.profile_file.key",
                    label=words("new.keys.contact_name.label"),
                    help=words("new.keys.contact_name.help"),
                )
            ),
            "contact:",
            f"  name: {scalar('contact_name', name)}",
            f"  email: {scalar('contact_email', email)}",
        ]
    else:
        lines += [
            *_comment(words("new.no_contact_yet")),
            "# contact:",
            f"#   name: {yaml_string(words('blank_org.contact_name'))}",
            "#   email: lead@example.org",
        ]
    lines += _working_time(answers, explained)
    lines += _trust(answers, explained)
    lines += ["", *_comment(words("new.rules_header")), "# matching_rules:"]
    for key, value in MatchingRules().model_dump(mode="json").items():
        if key == "weights":
            shown_value = "{" + ", ".join(f"{k}: {v:g}" for k, v in value.items()) + "}"
        elif isinstance(value, bool):
            shown_value = str(value).lower()
        elif isinstance(value, list):
            shown_value = f"[{', '.join(map(str, value))}]"
        else:
            shown_value = str(value)
        lines.append(f"#   {key}: {shown_value}    # {words(f'new.rules.{key}')}")
    return "\n".join(lines) + "\n"


def _working_time(answers: Mapping[str, Any], explained: Callable[[str], str]) -> list[str]:
    """Country, region and blackout dates: the days sessions and the lead's dates avoid."""
    lines = ["", *_comment(explained("country")), f"country: {answers['country']}", ""]
    lines += _comment(explained("subdivision"))
    subdivision = answers.get("subdivision", "")
    lines.append(f"subdivision: {subdivision}" if subdivision else "# subdivision: ")
    lines += ["", *_comment(explained("blackout"))]
    entries = answers.get("blackout", [])
    if not entries:
        return [*lines, "blackout: []"]
    lines.append("blackout:")
    for entry in entries:
        if isinstance(entry, dict):
            lines.append(f"  - {{from: {entry['from']}, to: {entry['to']}}}")
        else:
            lines.append(f"  - {entry}")
    return lines


def _trust(answers: Mapping[str, Any], explained: Callable[[str], str]) -> list[str]:
    """The independent contact and the privacy block, each key under its own comment."""
    lines = [
        "",
        *_comment(explained("escalation_name")),
        "escalation:",
        f"  name: {scalar('escalation_name', answers['escalation_name'])}",
        *_comment(explained("escalation_email"), "  "),
        f"  email: {scalar('escalation_email', answers['escalation_email'])}",
        "",
        "privacy:",
        *_comment(explained("privacy_controller"), "  "),
        f"  controller: {scalar('privacy_controller', answers['privacy_controller'])}",
        *_comment(explained("privacy_contact_name"), "  "),
        "  contact:",
        f"    name: {scalar('privacy_contact_name', answers['privacy_contact_name'])}",
        f"    email: {scalar('privacy_contact_email', answers['privacy_contact_email'])}",
        *_comment(explained("retention_months"), "  "),
        f"  retention_months: {answers['retention_months']}",
        *_comment(explained("lawful_basis"), "  "),
        f"  lawful_basis: {answers['lawful_basis']}",
    ]
    return lines
