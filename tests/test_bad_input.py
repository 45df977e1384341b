"""Bad profiles and broken kit files: a located message, exit 1, no traceback, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, profile_text, write

CASES = {
    "empty": (b"", ["the file is empty"]),
    "not-utf8": (b"organisation: Caf\xe9\n", [":1:1:", "not UTF-8"]),
    "not-a-mapping": (b"- one\n- two\n", [":1:1:", "should be a mapping"]),
    "tab": (b"organisation: Acme\ncontact:\n\tname: Sam\n", [":3:1:", "tab"]),
    "unclosed-bracket": (b"organisation: [Acme\nstart: 2027-01-01\n", ["not valid YAML"]),
    "missing-key": (
        profile_text(organisation=None).encode(),
        ["organisation", "required key 'organisation' is missing"],
    ),
    "blank-key": (
        profile_text(organisation='"   "').encode(),
        [":1:", "organisation: must not be blank"],
    ),
    "misspelt-key": (
        (profile_text() + "matchng: self\n").encode(),
        [":12:1: matchng:", "did you mean 'matching'?"],
    ),
    "unknown-purpose": (
        profile_text(purpose="digital-fluncy").encode(),
        [":2:", "purpose", "did you mean 'digital-fluency'?"],
    ),
    "unknown-cadence": (
        profile_text(cadence="montly").encode(),
        [":5:", "cadence", "did you mean 'monthly'?"],
    ),
    "out-of-range": (
        profile_text(sessions="60").encode(),
        [":4:", "sessions", "less than or equal to 52"],
    ),
    "wrong-type": (
        profile_text(session_minutes='"an hour"').encode(),
        [":6:", "session_minutes", "integer"],
    ),
    "impossible-date": (profile_text(start="2027-02-30").encode(), [":7:", "not a real date"]),
    "bad-email": (
        profile_text().replace("sam@example.org", "sam-at-example").encode(),
        [":11:", "contact.email", "not an email address"],
    ),
    "python-tag": (
        profile_text(organisation='!!python/object/apply:os.system ["echo pwned"]').encode(),
        [":1:", "constructor"],
    ),
    "ambiguous-boolean": (profile_text(format="yes").encode(), [":3:", "ambiguous"]),
    "control-character": (
        profile_text(organisation='"Acme\\u0007 Ltd"').encode(),
        [":1:", "U+0007, which is a control character"],
    ),
    "billion-laughs": (
        b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n".encode()
            for i in range(8)
        ),
        ["aliases"],
    ),
    "too-large": (b"organisation: Acme\nnotes: " + b"x" * 70_000 + b"\n", ["limit"]),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_profile_is_reported_and_nothing_is_written(case: str, tmp_path: Path, run_cli) -> None:
    data, expected = CASES[case]
    profile = tmp_path / f"{case}.yaml"
    profile.write_bytes(data)
    out = tmp_path / "out" / "kit"
    result = run_cli("tailor", profile, "-o", out)
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert f"{case}.yaml" in result.err
    for fragment in expected:
        assert fragment in result.err, (fragment, result.err)
    assert not (tmp_path / "out").exists()


def test_every_problem_is_reported_at_once(tmp_path: Path, run_cli) -> None:
    profile = write(
        tmp_path / "p.yaml",
        profile_text(cadence="montly", sessions="0", format="pairs") + "colour: blue\n",
    )
    result = run_cli("tailor", profile, "-o", tmp_path / "out")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, result.err
    assert "4 problem(s) found" in result.err


def test_an_existing_kit_is_replaced_only_with_force(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "kit"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    profile = write(tmp_path / "p.yaml", profile_text())
    result = run_cli("tailor", profile, "-o", out)
    assert result.code == 1
    assert "add --force" in result.err
    assert (out / "keep.txt").read_text() == "mine"


def test_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_bytes(b"organisation: [unclosed\n")
    done = subprocess.run(
        [sys.executable, "-m", "upward", "tailor", str(profile), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "bad.yaml:" in done.stderr


def test_broken_kit_files_are_all_located(kit_copy: Path, run_cli) -> None:
    purpose = kit_copy / "purposes" / "digital-fluency.yaml"
    purpose.write_text(purpose.read_text().replace("summary:", "sumary:", 1))
    plan = kit_copy / "sessions" / "axa-six-monthly.yaml"
    text = plan.read_text()
    first_question = text.split("questions:", 1)[1].split("\n", 2)[1].strip().lstrip("- ").strip()
    plan.write_text(text.replace(first_question, first_question + "-typo", 1))
    result = run_cli("validate", "--kit", kit_copy)
    assert result.code == 1
    assert (
        "digital-fluency.yaml:" in result.err
        and "unknown key 'sumary' (did you mean 'summary'?)" in result.err
    )
    assert (
        "axa-six-monthly.yaml:" in result.err
        and f"unknown question id '{first_question}-typo'" in result.err
    )
    assert f"did you mean '{first_question}'?" in result.err


def test_agendas_that_do_not_add_up_are_located(kit_copy: Path, run_cli) -> None:
    """At the agenda's own line, not the top of the file, and every such agenda at once."""
    import json

    plan = kit_copy / "sessions" / "three-session-pilot.yaml"
    lines = plan.read_text().splitlines(keepends=True)
    agendas = [i for i, line in enumerate(lines) if line.strip() == "agenda:"]
    for index in agendas[:2]:  # the first item of the first two sessions' agendas
        lines[index + 1] = lines[index + 1].replace("- minutes: ", "- minutes: 1", 1)
    plan.write_text("".join(lines))
    result = run_cli("validate", "--kit", kit_copy, "--json")
    assert result.code == 1
    problems = json.loads(result.out)["problems"]
    assert [(p["field"], p["line"]) for p in problems] == [
        ("sessions.0.agenda", agendas[0] + 2),
        ("sessions.1.agenda", agendas[1] + 2),
    ]
    assert all("add up to" in p["message"] and p["file"].endswith(plan.name) for p in problems)


def test_validate_json_reports_the_inventory(run_cli) -> None:
    import json

    result = run_cli("validate", "--json", cwd=ROOT)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["ok"] is True
    for kind in (
        "purposes",
        "questions",
        "topics",
        "session_plans",
        "sessions",
        "forms",
        "feedback_modules",
        "agreements",
        "case_studies",
        "guides",
    ):
        assert report["counts"][kind] >= 1
