"""`upward new`: the interview on a real pseudo-terminal (plain words, choices, suggestions from
the purpose's plan, each answer checked at once and asked again with the reason, a summary with
real dates, a commented profile, the next command); Ctrl-C leaves nothing; without a terminal or
with --defaults it asks nothing; options are checked like answers; every profile it writes
tailors without change (hypothesis, and one real `upward tailor`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from terminal_session import TerminalSession

from upward.load.kit import load_kit
from upward.load.org_profile import load_profile
from upward.plan.profile_answers import agenda_too_long
from upward.plan.tailored import tailor_kit
from upward.render.session_calendar import schedule_ics
from upward.render.stage_messages import message_files

from conftest import KIT, ROOT

PURPOSES = sorted(p.stem for p in (KIT / "purposes").glob("*.yaml"))


@pytest.fixture(scope="module")
def kit():
    return load_kit(KIT).kit


def purposes():
    return PURPOSES


def test_the_interview_asks_checks_and_writes_a_profile_that_tailors(
    tmp_path: Path, run_cli
) -> None:
    term = TerminalSession(["new", "ours.yaml"], tmp_path, {"TZ": "Europe/London"})
    term.expect(r"Press Enter to keep the suggestion")
    term.expect(r"Organisation: ")
    term.type("Café \u2018Quote\u2019 & Co")
    term.expect(r"Programme name \[Reverse mentoring programme\]: ")
    term.type("Upward at the Café")
    screen = term.expect(r"Purpose \[digital-fluency\]: ")
    assert "Choices: culture (Culture), digital-fluency (Digital fluency)" in screen
    term.type("inclusoin")
    assert "unknown purpose 'inclusoin' (did you mean 'inclusion'?); try again" in term.expect(
        r"Purpose \[digital-fluency\]: "
    )
    term.type("inclusion")
    term.expect(r"Format \[one-to-one\]: ")
    term.type("")
    term.expect(r"Number of sessions \[6\]: ")  # the inclusion plan's six meetings
    term.type("eight")
    assert "give a whole number; try again" in term.expect(r"Number of sessions \[6\]: ")
    term.type("4")
    term.expect(r"How often \[monthly\]: ")
    term.type("fortnightly")
    term.expect(r"Minutes per session \[\d+\]: ")
    term.type("5")
    assert "from 15 to 240" in term.expect(r"Minutes per session \[\d+\]: ")
    term.type("75")
    term.expect(r"First session \[\d{4}-\d\d-\d\d\]: ")
    term.type("2027-02-30")
    assert "not a real date" in term.expect(r"First session \[\d{4}-\d\d-\d\d\]: ")
    term.type("2027-03-01")
    term.expect(r"Start time \[10:00\]: ")
    term.type("9.30")
    assert 'write the time as "HH:MM"' in term.expect(r"Start time \[10:00\]: ")
    term.type("09:30")
    term.expect(r"Time zone \[Europe/London\]: ")
    term.type("Europe/Lodnon")
    assert "did you mean 'Europe/London'" in term.expect(r"Time zone \[Europe/London\]: ")
    term.type("")
    term.expect(r"Matching \[hybrid\]: ")
    term.type("admin")
    term.expect(r"Programme lead's name: ")
    term.type("Zoë Øberg")
    term.expect(r"Programme lead's email: ")
    term.type("zoe@cafe")
    assert "is not an email address" in term.expect(r"Programme lead's email: ")
    term.type("zoe@cafe.example")
    summary = term.expect(r"Write this profile to ours.yaml\? \[Y/n\]: ")
    assert "4 sessions, every two weeks, 75 minutes each, at 09:30 (Europe/London):" in summary
    assert "1. Monday 1 March 2027" in summary and "4. Monday 12 April 2027" in summary
    term.type("")
    term.expect(r"Next: upward tailor ours.yaml")
    assert term.finish() == 0

    path = tmp_path / "ours.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# Purpose: what the programme is for" in text and "# matching_rules:" in text
    profile = load_profile(path, purposes)
    assert profile.organisation == "Café \u2018Quote\u2019 & Co" and profile.purpose == "inclusion"
    assert (profile.sessions, profile.cadence, profile.session_minutes) == (4, "fortnightly", 75)
    assert profile.contact.name == "Zoë Øberg" and profile.matching == "admin"
    done = run_cli("tailor", path, "-o", tmp_path / "kit", cwd=ROOT)
    assert done.code == 0, done.err  # the profile tailors as written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".upward")] == []


def test_ctrl_c_in_the_interview_leaves_nothing(tmp_path: Path) -> None:
    term = TerminalSession(["new", "ours.yaml"], tmp_path)
    term.expect(r"Organisation: ")
    term.type("Acme")
    term.expect(r"Programme name .*: ")
    term.interrupt()
    term.expect(r"Interrupted; nothing was written")
    assert term.finish() == 130
    assert list(tmp_path.iterdir()) == []


def test_without_a_terminal_it_asks_nothing(tmp_path: Path, run_cli) -> None:
    done = run_cli("new", tmp_path / "p.yaml", "--organisation", "Acme", "--purpose", "retention")
    assert done.code == 0, done.err
    assert "Organisation:" not in done.out and "Next: upward tailor" in done.out
    assert "1. Monday" in done.out  # the summary's real dates
    profile = load_profile(tmp_path / "p.yaml", purposes)
    assert profile.purpose == "retention" and profile.organisation == "Acme"


def test_defaults_on_a_terminal_ask_nothing(tmp_path: Path) -> None:
    term = TerminalSession(["new", "p.yaml", "--defaults", "--organisation", "Acme"], tmp_path)
    term.expect(r"Next: upward tailor p.yaml")
    assert term.finish() == 0
    assert "Organisation:" not in term.output
    assert load_profile(tmp_path / "p.yaml", purposes).organisation == "Acme"


def test_options_are_checked_like_answers_and_nothing_is_written(tmp_path: Path, run_cli) -> None:
    for args, words in (
        (["--purpose", "inclusoin"], "did you mean 'inclusion'"),
        (["--sessions", "99"], "give a whole number from 1 to 52"),
        (["--cadence", "daily"], "choose weekly or fortnightly or monthly or quarterly"),
        (["--contact-name", "Sam"], "give the lead's email too"),
        (["--contact-email", "sam@example"], "is not an email address"),
    ):
        done = run_cli("new", tmp_path / "p.yaml", *args)
        assert done.code == 2 and words in done.err, (args, done.err)
        assert not (tmp_path / "p.yaml").exists()


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("mine\n")
    done = run_cli("new", path)
    assert done.code == 2 and "already exists" in done.err and path.read_text() == "mine\n"
    assert run_cli("new", path, "--force", "--organisation", "Acme").code == 0
    assert load_profile(path, purposes).organisation == "Acme"


CHOICES = {
    "--purpose": st.sampled_from(PURPOSES),
    "--format": st.sampled_from(["one-to-one", "group"]),
    "--sessions": st.integers(1, 52).map(str),
    "--cadence": st.sampled_from(["weekly", "fortnightly", "monthly", "quarterly"]),
    "--session-minutes": st.integers(15, 240).map(str),
    "--start": st.dates(min_value=__import__("datetime").date(2000, 1, 1),
                        max_value=__import__("datetime").date(2090, 12, 31)).map(str),
    "--matching": st.sampled_from(["self", "admin", "hybrid"]),
    "--organisation": st.text(min_size=1, max_size=60),
    "--programme": st.text(min_size=1, max_size=60),
}  # fmt: skip


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(options=st.dictionaries(st.sampled_from(sorted(CHOICES)), st.none()).flatmap(
    lambda keys: st.fixed_dictionaries({k: CHOICES[k] for k in keys})
))  # fmt: skip
def test_every_profile_it_writes_tailors_as_written(kit, run_cli, options) -> None:
    """Whatever the options, `new` refuses them (exit 2, nothing written) or writes a profile
    that loads, fits its plan's agendas, and tailors: dates, calendar, messages."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        args = [item for pair in options.items() for item in pair]
        done = run_cli("new", path, *args)
        if done.code != 0:
            assert done.code == 2 and "Invalid value for" in done.err, done.err
            assert not path.exists()
            return
        profile = load_profile(path, lambda: [p.id for p in kit.purposes])
        for option, value in options.items():
            key = option[2:].replace("-", "_")
            held = getattr(profile, key)
            if key in ("organisation", "programme"):
                assert held == value.strip()
            else:
                assert str(held) == value
        assert agenda_too_long(kit, profile) == ""
        tailored = tailor_kit(kit, profile)
        assert schedule_ics(tailored) and message_files(tailored)
        assert (
            yaml.safe_load(path.read_text(encoding="utf-8"))["organisation"] == profile.organisation
        )
