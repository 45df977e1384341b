"""Fuzz the command in process: generated profiles against small generated kits, through
`validate`, `validate --json`, `forms` and `tailor`. Whatever the input, the command ends with
exit 0 or 1, never an internal error and never a traceback; --json always prints JSON.

The kits start from the small test kit (tests/small_kit.py) and vary what a kit author can
vary: agendas (long, short, not adding up), kit text (allowed placeholders, refused Jinja,
markup), ids (including the reserved `index`), formats, field types, and now and then a file
that is not YAML at all. The profiles mix valid values with every kind of wrong one.
The example count is kept small (a successful `tailor` builds a whole site); hypothesis's
`derandomize` gives the same examples on every run, so CI is stable.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from small_kit import kit_files, session, write_kit

HOSTILE_TEXT = [
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "\u202eevil",
    "Zoë Øberg-Núñez",
    "北风公司",
    "Северный ветер",
    "a; b, c \\ d",
    "**bold** _it_ `code` [link](x.md)",
    "&amp; &#60;",
    "x" * 200,
]
GOOD_TEXT = st.sampled_from(
    [
        "Plain words.",
        "At {{ org.name }} for {{ org.programme }}.",
        "{{ org.cadence | capitalize }}, {{ org.format | upper }}, {{ org.name | lower }}.",
        "{% raw %}{{ braces }}{% endraw %} and {# a note #} text",
        "<script>alert(1)</script> & **bold** `code`",
        "Line one\n\nLine two with {{ org.contact_email }} and {{ org.end }}",
    ]
)
BAD_TEXT = st.sampled_from(
    [
        "{{ org.name | striptags }}",
        "{{ org.name.unescape() }}",
        '{{ "x" * 10**10 }}',
        "{% for i in range(10**6) %}{% for j in range(10**6) %}x{% endfor %}{% endfor %}",
        "{% include 'base.html' %}",
        "{% extends 'base.html' %}",
        "{% import 'm.j2' as m %}",
        "{{ org.nmae }}",
        "{{ org.name",
        "{{ org.__class__.__mro__ }}",
    ]
)
FIELD_TYPES = st.sampled_from(
    ["text", "long_text", "date", "choice", "scale", "checkbox", "signature", "email"]
)
BREAKAGES = ["text", "agenda", "reserved-id", "not-yaml", "no-default-purpose", "wrong-type"]


@st.composite
def agendas(draw: st.DrawFn, minutes: int) -> list[dict[str, Any]]:
    """An agenda that adds up to `minutes`, with up to 60 items of uneven length."""
    count = draw(st.integers(1, min(60, minutes)))
    parts = [minutes // count] * count
    parts[0] += minutes - sum(parts)
    if draw(st.booleans()) and count > 1:  # move minutes between items, keeping the sum
        moved = parts[0] - 1
        parts[0], parts[-1] = 1, parts[-1] + moved
    return [{"minutes": m, "item": f"Step {n}"} for n, m in enumerate(parts, start=1)]


@st.composite
def kits(draw: st.DrawFn) -> dict[str, Any]:
    """A valid small kit with varied agendas, text and fields; one kit in four is broken in
    one way a kit author could break it."""
    files = kit_files()
    plan = files["sessions/pairs.yaml"]
    plan["minutes"] = minutes = draw(st.sampled_from([15, 45, 60, 90, 240]))
    plan["format"] = draw(st.sampled_from(["one-to-one", "group"]))
    sessions = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        item = session(number)
        item["agenda"] = draw(agendas(minutes))
        item["title"] = draw(GOOD_TEXT).split("\n")[0]
        item["objectives"] = [draw(GOOD_TEXT)]
        item["repeatable"] = draw(st.booleans())
        sessions.append(item)
    plan["sessions"] = sessions
    files["purposes/digital-fluency.yaml"]["summary"] = draw(GOOD_TEXT)
    files["agreements/pact.yaml"]["clauses"][0]["text"] = draw(GOOD_TEXT)
    form = files["forms/every-type.yaml"]
    form["sections"][0]["intro"] = draw(GOOD_TEXT)
    extra = {"id": "extra", "label": draw(GOOD_TEXT).split("\n")[0], "type": draw(FIELD_TYPES)}
    if extra["type"] == "choice":
        extra["options"] = ["One", "Two"]
    form["sections"][1]["fields"].append(extra)

    if draw(st.integers(0, 3)) == 3:  # hypothesis favours 0: breaking on 3 keeps most kits whole
        breakage = draw(st.sampled_from(BREAKAGES))
        if breakage == "text":
            target = draw(st.sampled_from(["summary", "clause", "intro", "objective"]))
            text = draw(BAD_TEXT)
            if target == "summary":
                files["purposes/digital-fluency.yaml"]["summary"] = text
            elif target == "clause":
                files["agreements/pact.yaml"]["clauses"][0]["text"] = text
            elif target == "intro":
                form["sections"][0]["intro"] = text
            else:
                sessions[-1]["objectives"] = [text]
        elif breakage == "agenda":
            sessions[0]["agenda"][-1]["minutes"] += 1
        elif breakage == "reserved-id":
            sessions[0]["id"] = "index"
        elif breakage == "not-yaml":
            name = draw(st.sampled_from(sorted(files)))
            files[name] = draw(st.sampled_from(["key: [unclosed\n", "\tx: 1\n", "- a\n", ""]))
        elif breakage == "no-default-purpose":
            purpose = files.pop("purposes/digital-fluency.yaml")
            files["purposes/inclusion.yaml"] = {**purpose, "id": "inclusion"}
        else:
            plan["minutes"] = "an hour"
    return files


PROFILE_TEXT = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(min_size=1, max_size=40),
    st.text(min_size=195, max_size=260),
)
VALID_PROFILE = st.fixed_dictionaries(
    {
        "organisation": st.sampled_from(HOSTILE_TEXT),
        "start": st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    },
    optional={
        "programme": st.sampled_from(HOSTILE_TEXT),
        "purpose": st.just("digital-fluency"),
        "format": st.sampled_from(["one-to-one", "group"]),
        "sessions": st.integers(1, 52),
        "cadence": st.sampled_from(["weekly", "fortnightly", "monthly", "quarterly"]),
        "session_minutes": st.integers(15, 240),
        "time": st.sampled_from(["00:00", "09:30", "23:59"]),
        "timezone": st.sampled_from(["UTC", "Europe/London", "Pacific/Chatham", "Etc/GMT+12"]),
        "matching": st.sampled_from(["self", "admin", "hybrid"]),
        "contact": st.fixed_dictionaries(
            {"name": st.sampled_from(HOSTILE_TEXT), "email": st.just("lead@example.org")}
        ),
    },
)
ANY_PROFILE = st.fixed_dictionaries(
    {},
    optional={
        "organisation": PROFILE_TEXT,
        "programme": PROFILE_TEXT,
        "purpose": st.sampled_from(["digital-fluency", "inclusion", "nope", "Digital Fluency"]),
        "format": st.sampled_from(["one-to-one", "group", "pairs", True]),
        "sessions": st.integers(-2, 60),
        "cadence": st.sampled_from(["monthly", "montly", 3]),
        "session_minutes": st.integers(0, 300),
        "start": st.one_of(st.dates(), st.text(max_size=12)),
        "time": st.one_of(st.sampled_from(["10:00", "9:30", "24:00", "noon"]), st.integers()),
        "timezone": st.sampled_from(["Europe", "europe/london", "Factory", "x" * 300, "../etc"]),
        "matching": st.sampled_from(["self", "random"]),
        "contact": st.fixed_dictionaries(
            {
                "name": PROFILE_TEXT,
                "email": st.sampled_from(
                    ["lead@example.org", "a\u0007b@example.org", "a..b@x.org", "x@y", ""]
                ),
            }
        ),
        "colour": st.just("blue"),
    },
)


def _profile_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=False)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kit=kits(),
    profile=st.integers(0, 3).flatmap(lambda n: ANY_PROFILE if n == 3 else VALID_PROFILE),
)
def test_the_command_never_fails_inside(
    kit: dict[str, Any], profile: dict[str, Any], scratch: Path, run_cli
) -> None:
    import shutil

    shutil.rmtree(scratch, ignore_errors=True)
    kit_dir = write_kit(scratch / "kit", kit)
    path = scratch / "profile.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_profile_yaml(profile), encoding="utf-8")
    runs = [
        ("validate", "--kit", kit_dir),
        ("validate", "--kit", kit_dir, "--json"),
        ("forms", "--kit", kit_dir, "-o", scratch / "forms"),
        ("tailor", path, "--kit", kit_dir, "-o", scratch / "out"),
    ]
    for args in runs:
        result = run_cli(*args)
        said = result.out + result.err
        assert result.code in (0, 1), (args, result)
        assert "internal error" not in said and "Traceback" not in said, (args, said)
        if result.code == 1:
            assert "error" in result.err.lower() or '"ok": false' in result.out, (args, result)
        if "--json" in args:
            assert json.loads(result.out)["ok"] is (result.code == 0)
