"""The kit's stage messages rendered for one organisation: a .txt and an .eml draft each, on
real dates from the schedule (a reminder names its session's date and title), read back with the
standard `email` package; no profile value can add a header; no blank placeholder is left."""

from __future__ import annotations

import datetime as dt
import re
from email import message_from_bytes, policy

import pytest

from upward.load.kit import load_kit
from upward.load.org_profile import load_profile
from upward.model import Contact
from upward.plan.sending import sendings
from upward.plan.tailored import tailor_kit
from upward.render.stage_messages import message_files

from conftest import EXAMPLE_PROFILE, KIT


@pytest.fixture(scope="module")
def kit():
    return load_kit(KIT).kit


@pytest.fixture(scope="module")
def tailored(kit):
    return tailor_kit(kit, load_profile(EXAMPLE_PROFILE, lambda: [p.id for p in kit.purposes]))


@pytest.fixture(scope="module")
def files(tailored) -> dict[str, bytes]:
    return message_files(tailored)


def draft(data: bytes):
    return message_from_bytes(data, policy=policy.default)


def test_every_message_has_a_txt_and_an_eml(kit, tailored, files) -> None:
    stems = {name.rsplit(".", 1)[0] for name in files if name != "index.txt"}
    assert {f"{stem}.txt" for stem in stems} | {f"{stem}.eml" for stem in stems} | {
        "index.txt"
    } == set(files)
    ids = {re.sub(r"^\d{3}-|-\d{2}$", "", stem) for stem in stems}
    assert ids == {m.id for m in kit.messages}
    reminders = [s for s in stems if "session-reminder" in s]
    assert len(reminders) == len(tailored.schedule)  # one for every session


def test_drafts_open_in_a_mail_program_with_the_organisation_s_words(tailored, files) -> None:
    contact = tailored.profile.contact
    for name, data in files.items():
        if not name.endswith(".eml"):
            continue
        message = draft(data)
        assert message["X-Unsent"] == "1"
        assert message["From"].addresses[0].addr_spec == contact.email
        assert message["From"].addresses[0].display_name == contact.name  # Zoë Øberg-Núñez
        body = message.get_content()
        assert "{{" not in body and "{{" not in message["Subject"]
        assert "[Programme lead]" not in body and "[Start date]" not in body
    launch = draft(files["010-launch-announcement.eml"])
    assert (
        launch["Subject"] == "Introducing Northwind Upward: senior leaders learning from colleagues"
    )
    assert "Northwind Trading" in launch.get_content()


def test_each_message_goes_out_on_a_real_working_day(tailored, files) -> None:
    first = tailored.schedule[0].date
    dated = [s for s in sendings(tailored) if s.date]
    assert all(tailored.working.is_working(s.date) for s in dated)
    launch = next(s for s in dated if s.message.id == "launch-announcement")
    assert launch.date == first - dt.timedelta(days=56)  # 8 weeks before, a Monday
    assert launch.date == tailored.timeline["launch"].first  # the calendar's launch
    text = files["010-launch-announcement.txt"].decode("utf-8")
    assert "Send on: Monday 16 November 2026 (About eight weeks before" in text
    quiet = next(s for s in sendings(tailored) if s.message.id == "pair-gone-quiet")
    assert quiet.date is None and "when needed" in files["index.txt"].decode()


def test_a_reminder_names_its_session_s_date_and_title(tailored, files) -> None:
    third = tailored.schedule[2]
    message = draft(files["060-session-reminder-03.eml"])
    date = tailored.words.date(third.date)
    assert message["Subject"] == f"Reminder: Northwind Upward session 3 on {date}"
    body = " ".join(message.get_content().split())
    assert f'number 3, "{third.session.title}", is planned for {date} at 09:30' in body
    text = files["060-session-reminder-03.txt"].decode("utf-8")
    week_before = tailored.words.date(third.date - dt.timedelta(days=7))
    assert f"Send on: {week_before}" in text


def test_no_profile_value_adds_a_header(kit, tailored) -> None:
    hostile = tailored.profile.model_copy(
        update={
            "programme": "Upward\u2028Bcc: all@example.org",
            "contact": Contact.model_construct(
                name="Lead\r\nBcc: everyone@example.org", email="lead@example.org"
            ),
        }
    )
    files = message_files(tailor_kit(kit, hostile))
    for name, data in files.items():
        if name.endswith(".eml"):
            message = draft(data)
            assert message["Bcc"] is None, name
            assert set(message.keys()) <= {
                "From", "Subject", "X-Unsent", "Content-Type",
                "Content-Transfer-Encoding", "MIME-Version",
            }  # fmt: skip


def test_the_tailored_kit_ships_its_messages(tmp_path, run_cli) -> None:
    done = run_cli("tailor", EXAMPLE_PROFILE, "-o", tmp_path / "kit")
    assert done.code == 0, done.err
    folder = tmp_path / "kit" / "messages"
    assert (folder / "index.txt").is_file() and len(list(folder.glob("*.eml"))) > 17
    assert "messages/" in done.out
    import zipfile

    (archive,) = (tmp_path / "kit").glob("*.zip")
    names = zipfile.ZipFile(archive).namelist()
    assert any(n.endswith("/messages/010-launch-announcement.eml") for n in names)


def test_session_placeholders_are_checked_like_the_organisation_s() -> None:
    from upward.text import check_placeholders

    assert check_placeholders("on {{ session.date }} at {{ session.time }}") is None
    problem = check_placeholders("on {{ session.dat }}")
    assert problem and "unknown placeholder 'session.dat'" in problem.message
    assert "did you mean 'session.date'" in problem.message


PROFILE = """organisation: Acme
programme: Acme Upward
start: {start}
cadence: {cadence}
sessions: {sessions}
country: {country}
blackout:
  - {{from: {blackout_from}, to: {blackout_to}, reason: shutdown}}
"""


@pytest.mark.parametrize(
    ("start", "cadence", "sessions", "country"),
    [
        ("2026-12-14", "weekly", 8, "GB"),  # Christmas, Boxing Day, New Year
        ("2027-03-01", "fortnightly", 6, "DE"),  # Good Friday, Easter Monday, 1 May
        ("2027-01-04", "monthly", 12, "FR"),  # le 14 juillet, Ascension, 8 mai
        ("2028-02-07", "quarterly", 4, "US"),  # Memorial Day, Labor Day, Thanksgiving
        ("2026-09-07", "monthly", 6, "IN"),
    ],
)
def test_every_message_falls_on_a_working_day_like_the_sessions(
    kit, tmp_path, start, cadence, sessions, country
) -> None:
    """Weekends, the country's public holidays and the blackout dates are never a send day; a
    message sent ahead still comes before what it counts from, one sent afterwards after it."""
    begins = dt.date.fromisoformat(start)
    text = PROFILE.format(
        start=start, cadence=cadence, sessions=sessions, country=country,
        blackout_from=begins - dt.timedelta(days=60), blackout_to=begins - dt.timedelta(days=45),
    )  # fmt: skip
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    tailored = tailor_kit(kit, load_profile(path, lambda: [p.id for p in kit.purposes]))
    working = tailored.working
    for sending in sendings(tailored):
        if sending.date is None:
            continue
        assert working.is_working(sending.date), (sending.message.id, sending.date)
        send = sending.message.send
        if sending.session is not None:
            assert sending.date < sending.session.date  # a reminder comes before its session
        elif send.milestone is not None:
            due = tailored.timeline.due(send.milestone)
            assert (sending.date > due) if send.days > 0 else (sending.date <= due)
    files = message_files(tailored)
    index = files["index.txt"].decode("utf-8")
    for name, data in files.items():
        if name.endswith(".txt") and name != "index.txt":
            sent_on = re.search(r"Send on: (\w+ \d+ \w+ \d{4})", data.decode("utf-8"))
            if sent_on:
                assert dt.datetime.strptime(sent_on.group(1), "%A %d %B %Y").date() in {
                    s.date for s in sendings(tailored)
                }
    assert index.count("\r\n") > 20


def test_messages_tied_to_the_lead_s_calendar_agree_with_it(tailored) -> None:
    """The launch, the introductions, the sponsor's updates, the report-back and the thank-you
    go out on the programme calendar's own dates, so no message contradicts the calendar."""
    timeline = tailored.timeline
    on = {s.message.id: s.date for s in sendings(tailored) if s.date}
    assert on["launch-announcement"] == timeline["launch"].first
    assert on["match-introduction"] > timeline["training"].first
    assert on["not-matched"] == on["match-introduction"]
    assert on["sponsor-update-start"] == timeline["kick-off"].first
    assert timeline.due("evaluation") < on["sponsor-update-close"] < timeline.due("closing-event")
    assert on["impact-report-back"] == timeline.due("closing-event")
    assert on["thank-you"] > timeline.due("closing-event")
    mid = tailored.schedule[tailored.mid_point - 1]
    assert on["mid-point-check-in"] == mid.date  # the session that reviews the half-way point


def test_the_independent_contact_is_named_where_people_need_them(tailored, files) -> None:
    escalation = tailored.profile.escalation
    for stem in (
        "010-launch-announcement", "020-call-for-mentors", "040-match-introduction",
        "047-sponsor-update-start", "050-before-first-session", "055-early-match-check",
        "070-mid-point-check-in", "080-pair-gone-quiet",
    ):  # fmt: skip
        body = " ".join(draft(files[f"{stem}.eml"]).get_content().split())
        assert f"{escalation.name} ({escalation.email})" in body, stem


def test_no_bracketed_blank_in_a_message_whose_profile_fills_every_optional_key(files) -> None:
    """What the profile can fill is filled (contacts, sponsor, dates, tools, the forms' link);
    what differs per recipient is a mail-merge field, «Mentor name», not a bracket."""
    left = []
    for name, data in files.items():
        if name.endswith(".eml"):
            message = draft(data)
            text = message["Subject"] + "\n" + message.get_content()
        else:
            text = data.decode("utf-8")
        left += [f"{name}: {blank}" for blank in re.findall(r"\[[^\]]*\]", text)]
    assert not left, left[:10]
    merged = " ".join(draft(files["120-thank-you.eml"]).get_content().split())
    assert (
        "Dear «Mentor name»," in merged and "mentoring «Mentee name» in Northwind Upward" in merged
    )
