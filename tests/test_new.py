"""`upward new`: the interview on a real pseudo-terminal (plain words, choices, suggestions from
the purpose's plan, each answer checked at once and asked again with the reason, a summary with
real dates, a commented profile, the next command); Ctrl-C leaves nothing; without a terminal or
with --defaults it asks nothing; options are checked like answers; every profile it writes
tailors without change and without a warning: a country (and region) for public holidays,
blackout dates, an independent contact who is not the lead, a privacy block (hypothesis, and one
real `upward tailor`)."""

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
from upward.model import profile_concerns
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
    term.expect(r"Country \[GB\]: ")  # the time zone's country
    term.type("gb")
    assert "should be written in capitals: 'GB'" in term.expect(r"Country \[GB\]: ")
    term.type("")
    assert "Choices: ENG, NIR, SCT, WLS" in term.expect(r"Region \[ENG\]: ")
    term.type("XYZ")
    assert "is not a subdivision of GB" in term.expect(r"Region \[ENG\]: ")
    term.type("")
    term.expect(r"Blackout dates: ")
    term.type("2027-13-01")
    assert "not a real date" in term.expect(r"Blackout dates: ")
    term.type("2027-03-15 to 2027-03-19")
    term.expect(r"Independent contact's name \[Speak-up guardian\]: ")
    term.type("Zoë Øberg")  # the lead: inside the line of the senior mentees
    assert "the independent contact is the programme lead" in term.expect(
        r"Independent contact's name \[Speak-up guardian\]: "
    )
    term.type("Priya Raman")
    term.expect(r"Independent contact's email \[speak-up@cafe.example\]: ")  # the lead's domain
    term.type("")
    term.expect(r"Data controller \[Café \u2018Quote\u2019 & Co\]: ")
    term.type("Café Holdings Ltd")
    term.expect(r"Data-protection contact's name \[Data protection officer\]: ")
    term.type("")
    term.expect(r"Data-protection contact's email \[dpo@cafe.example\]: ")
    term.type("")
    term.expect(r"Months records are kept \[24\]: ")
    term.type("0")
    assert "give a whole number from 1 to 120" in term.expect(r"Months records are kept \[24\]: ")
    term.type("36")
    screen = term.expect(r"Lawful basis \[legitimate-interests\]: ")
    assert "Choices: legitimate-interests, public-task, consent" in screen
    term.type("public-task")
    summary = term.expect(r"Write this profile to ours.yaml\? \[Y/n\]: ")
    assert "4 sessions, every two weeks, 75 minutes each, at 09:30 (Europe/London):" in summary
    assert "1. Monday 1 March 2027" in summary and "4. Monday 12 April 2027" in summary
    assert "2. Monday 22 March 2027" in summary  # after the blackout week
    assert "3. Tuesday 30 March 2027" in summary  # not Easter Monday in England
    assert "Session 3 moved from Monday 29 March 2027 (Easter Monday) to Tuesday 30 March" in (
        " ".join(summary.split())
    )
    assert "Independent contact: Priya Raman <speak-up@cafe.example>" in summary
    assert "Data protection: Café Holdings Ltd; questions to Data protection officer" in summary
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
    assert (profile.country, profile.subdivision) == ("GB", "ENG")
    assert [(b.from_.isoformat(), b.to.isoformat()) for b in profile.blackout] == [
        ("2027-03-15", "2027-03-19")
    ]
    assert profile.escalation.model_dump() == {
        "name": "Priya Raman",
        "email": "speak-up@cafe.example",
    }
    privacy = profile.privacy
    assert (privacy.controller, privacy.contact.email) == ("Café Holdings Ltd", "dpo@cafe.example")
    assert (privacy.retention_months, privacy.lawful_basis) == (36, "public-task")
    done = run_cli("tailor", path, "-o", tmp_path / "kit", cwd=ROOT)
    assert done.code == 0, done.err  # the profile tailors as written, without a warning
    # no concern about the profile; once 1 March 2027 has passed, only that the start has
    concerns = [line for line in done.err.splitlines() if "is in the past (today is" not in line]
    assert not [line for line in concerns if "warning" in line], done.err
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
    done = run_cli(
        "new", tmp_path / "p.yaml", "--organisation", "Acme", "--purpose", "retention",
        "--start", "2027-03-01",
    )  # fmt: skip
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
        (["--country", "XX"], "not a country code that the public-holiday data knows"),
        (["--country", ""], "no country: sessions avoid weekends"),
        (["--country", "FR", "--subdivision", "ENG"], "is not a subdivision of FR"),
        (["--blackout", "2027-12-24 to 2027-12-01"], "is before 'from'"),
        (["--escalation-name", ""], "must not be blank"),
        (
            ["--contact-name", "Sam", "--contact-email", "sam@a.example", "--escalation-email",
             "sam@a.example"],
            "the independent contact is the programme lead",
        ),
        (["--privacy-contact-email", "dpo"], "is not an email address"),
        (["--purpose", "retention", "--retention-months", "12"], "keep it at least 24 months"),
        (["--lawful-basis", "contract"], "choose legitimate-interests or public-task or consent"),
    ):  # fmt: skip
        done = run_cli("new", tmp_path / "p.yaml", *args)
        assert done.code == 2 and words in done.err, (args, done.err)
        assert not (tmp_path / "p.yaml").exists()


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("mine\n")
    done = run_cli("new", path)
    assert done.code == 2 and "already exists" in done.err and path.read_text() == "mine\n"
    assert run_cli("new", path, "--force", "--defaults", "--organisation", "Acme").code == 0
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
    "--country": st.sampled_from(["GB", "FR", "US", "DE", "IN", "JP", "BR"]),
    "--blackout": st.lists(st.dates(min_value=__import__("datetime").date(2000, 1, 1),
                                    max_value=__import__("datetime").date(2090, 12, 31)),
                           max_size=8).map(lambda days: ", ".join(map(str, days))),
    "--retention-months": st.integers(1, 120).map(str),
    "--escalation-name": st.text(min_size=1, max_size=60),
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
        done = run_cli("new", path, "--defaults", *args)  # suggestions for what is not given
        if done.code != 0:
            assert done.code == 2 and "Invalid value for" in done.err, done.err
            assert not path.exists()
            return
        profile = load_profile(path, lambda: [p.id for p in kit.purposes])
        for option, value in options.items():
            key = option[2:].replace("-", "_")
            if key == "blackout":
                assert ", ".join(str(day) for day in profile.blackout) == value
            elif key == "retention_months":
                assert str(profile.privacy.retention_months) == value
            elif key == "escalation_name":
                assert profile.escalation.name == value.strip()
            elif key in ("organisation", "programme"):
                assert getattr(profile, key) == value.strip()
            else:
                assert str(getattr(profile, key)) == value
        assert profile_concerns(profile) == []  # `upward tailor` will print no warning
        assert agenda_too_long(kit, profile) == ""
        tailored = tailor_kit(kit, profile)
        assert schedule_ics(tailored) and message_files(tailored)
        assert (
            yaml.safe_load(path.read_text(encoding="utf-8"))["organisation"] == profile.organisation
        )
