"""A profile as a commented YAML file: each key under a comment that says what it is and what it
takes, the matching rules as commented defaults to uncomment. What `upward new` writes.

Free text is written double-quoted (YAML's escapes keep every character, and a name like `yes`
or `#1 Ltd` stays a string); ids, numbers and the date are written plain. `upward tailor` reads
the file back as exactly the answers given (tests/test_new.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from upward.model.matching_rules import MatchingRules
from upward.plan.profile_answers import KEYS, OPTIONAL
from upward.words import Words

QUOTED = frozenset(
    {"organisation", "programme", "time", "timezone", "contact_name", "contact_email"}
)


def yaml_string(value: str) -> str:
    """`value` as a double-quoted YAML scalar that reads back as exactly `value`."""
    text = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000)
    return text.strip().removesuffix("...").strip()


def scalar(key: str, value: Any) -> str:
    if key in QUOTED:
        return yaml_string(str(value))
    return str(value)


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines()]


def profile_yaml(
    answers: Mapping[str, Any], words: Words, choices: Mapping[str, tuple[str, ...]], shown: str
) -> str:
    """The profile file: `answers` by key (contact_name and contact_email as the contact)."""
    lines = _comment(words("new.header", path=shown))
    for key in KEYS:
        if key in OPTIONAL:
            continue
        help_ = f"{words(f'new.keys.{key}.label')}: {words(f'new.keys.{key}.help')}"
        if choices.get(key):
            help_ += f" ({' | '.join(choices[key])})"
        lines += ["", *_comment(help_), f"{key}: {scalar(key, answers[key])}"]
    name, email = answers.get("contact_name", ""), answers.get("contact_email", "")
    lines.append("")
    if name and email:
        lines += [
            *_comment(
                f"{words('new.keys.contact_name.label')}: {words('new.keys.contact_name.help')}"
            ),
            "contact:",
            f"  name: {scalar('contact_name', name)}",
            f"  email: {scalar('contact_email', email)}",
        ]
    else:
        lines += [
            *_comment(words("new.no_contact_yet")),
            "# contact:",
            '#   name: "[Programme lead]"',
            "#   email: lead@example.org",
        ]
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
