"""The private outputs of a matching run, read back by the programs people use: CSV, the review
workbook (openpyxl), the report (BeautifulSoup), the e-mail drafts (the `email` package) and the
per-pair calendars (icalendar)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from email import message_from_bytes, policy
from pathlib import Path
from zoneinfo import ZoneInfo

import hypothesis
import pytest
from bs4 import BeautifulSoup
from cohorts import person
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from openpyxl import load_workbook

from upward.load.applications import read_applications
from upward.load.kit import load_kit
from upward.load.org_profile import load_profile
from upward.model.applications import Application, MatchRules
from upward.plan.matching import match
from upward.plan.tailored import tailor_kit
from upward.render.introductions import introduction_eml
from upward.render.matching_files import matching_files
from upward.render.pair_calendar import PairCalendars, calendar_of

from conftest import EXAMPLE_PROFILE, KIT


@pytest.fixture(scope="module")
def kit():
    return load_kit(KIT).kit


@pytest.fixture(scope="module")
def tailored(kit):
    return tailor_kit(kit, load_profile(EXAMPLE_PROFILE, lambda: [p.id for p in kit.purposes]))


@pytest.fixture(scope="module")
def example(kit, tailored):
    titles = {b.id: b.title for b in kit.question_banks}
    folder = KIT / "examples" / "cohort"
    read = read_applications([folder / "mentors.csv", folder / "mentees.csv"], topics=titles)
    result = match(
        read.applications,
        rules=MatchRules(mode="hybrid"),
        purpose_topics=tailored.purpose.topics,
        topic_titles=titles,
    )
    return result, matching_files(result, tailored=tailored)


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_pairs_and_unmatched_csv_have_the_contract_columns(example) -> None:
    result, files = example
    pairs = rows(files["pairs.csv"])
    assert list(pairs[0])[:4] == ["mentor_email", "mentee_email", "score", "reasons"]
    assert list(pairs[0])[4:8] == ["mentor_name", "mentee_name", "mentor_team", "mentee_team"]
    assert len(pairs) == len(result.pairs) == 19
    assert {(r["mentor_email"], r["mentee_email"]) for r in pairs} == {
        (p.mentor, p.mentee) for p in result.pairs
    }
    unmatched = rows(files["unmatched.csv"])
    assert [(r["email"], r["role"]) for r in unmatched] == [
        ("priya.raghunathan@northwind.example", "mentee")
    ]
    assert "reporting line" in unmatched[0]["why"] and "prefer-not" in unmatched[0]["why"]


def test_the_review_workbook(example) -> None:
    result, files = example
    book = load_workbook(io.BytesIO(files["pairs.xlsx"]))
    sheet = book["Pairs"]
    assert "Personal data" in sheet["A1"].value
    header = [c.value for c in sheet[2]]
    assert header[:5] == ["approve", "decline", "lock", "mentor_email", "mentee_email"]
    assert sheet.freeze_panes == "A3"
    assert sheet.max_row == 2 + len(result.pairs)
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == '"yes"'
    assert str(validation.sqref) == f"A3:C{2 + len(result.pairs)}"
    widths = {c: sheet.column_dimensions[c].width for c in "DEG"}
    assert widths["G"] == 70 and 20 < widths["D"] <= 45  # reasons wrapped, e-mails fitted
    assert {s.title for s in book.worksheets} == {"Pairs", "Unmatched", "About"}


def test_a_formula_looking_name_stays_text_in_csv_and_workbook() -> None:
    people = [
        person("mentor", "=HYPERLINK(1) Amy", email="amy@example.org"),
        person("mentee", "@Bea", email="bea@example.org"),
    ]
    result = match(people)
    files = matching_files(result, introductions=False)
    row = rows(files["pairs.csv"])[0]
    assert row["mentor_name"] == "'=HYPERLINK(1) Amy" and row["mentee_name"] == "'@Bea"
    cell = load_workbook(io.BytesIO(files["pairs.xlsx"]))["Pairs"]["H3"]
    assert cell.value == "=HYPERLINK(1) Amy" and cell.data_type == "s"


def test_the_report_is_offline_and_gives_the_numbers(example) -> None:
    result, files = example
    soup = BeautifulSoup(files["matching-report.html"], "html.parser")
    for tag in soup.find_all(["script", "link", "img", "iframe"]):
        pytest.fail(f"the report loads something: {tag}")
    assert "http" not in " ".join(
        str(t.get("href", "")) + str(t.get("src", "")) for t in soup.find_all(True)
    )
    text = " ".join(soup.get_text(" ").split())
    assert "Personal data" in text
    assert "Quality first (best total score)" in text
    outcome = {
        tr.th.get_text(strip=True): [td.get_text() for td in tr.find_all("td")]
        for tr in soup.find_all("table")[0].tbody.find_all("tr")
    }
    assert outcome["Mentees matched"] == ["19", "19"]
    assert outcome["Mentors with a mentee"] == [
        str(result.outcome.mentors_used),
        str(result.alternative.mentors_used),
    ]
    parts = {
        tr.th.get_text(strip=True): tr.find_all("td")[0].get_text()
        for tr in soup.find_all("table")[1].tbody.find_all("tr")
    }
    assert parts["Topics"] == "40" and parts["Preferences"] == "100"
    svg = soup.find("svg")
    assert svg is not None and svg["role"] == "img"
    bins = soup.find_all("table")[2].tbody.find_all("tr")
    assert sum(int(tr.find_all("td")[1].get_text()) for tr in bins) == 19
    assert soup.find("figcaption").get_text().startswith("19 pairs scored from")
    assert "Priya Raghunathan" in text


def test_each_pair_has_an_introduction_draft_that_mail_programs_open(example, tailored) -> None:
    result, files = example
    drafts = sorted(name for name in files if name.startswith("introductions/"))
    assert len(drafts) == 19
    message = message_from_bytes(files[drafts[0]], policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["From"].addresses[0].display_name == "Zoë Øberg-Núñez"
    assert len(message["To"].addresses) == 2
    body = message.get_body(("plain",)).get_content()
    pair = result.pairs[0]
    assert pair.introduction in body
    assert "We suggest your first session on" in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert files[drafts[0]] == matching_files(result, tailored=tailored)[drafts[0]]  # same bytes


def test_each_introduction_names_the_pair_code_in_pairs_csv_order(example) -> None:
    """The pulse form asks for the pair code and says it is in the introduction: the code is
    the pair's place in pairs.csv (P01, P02 ...), as the tracker numbers the pairs."""
    _, files = example
    listed = rows(files["pairs.csv"])
    assert len(listed) == 19
    for number, row in enumerate(listed, start=1):
        (name,) = [
            n for n in files if n.startswith(f"introductions/{number:02d}-") and n.endswith(".eml")
        ]
        message = message_from_bytes(files[name], policy=policy.default)
        addresses = {a.addr_spec for a in message["To"].addresses}
        assert addresses == {row["mentor_email"], row["mentee_email"]}
        body = message.get_body(("plain",)).get_content()
        assert f"Your pair code is P{number:02d}." in body
        assert f"write P{number:02d} on it" in body


def test_a_name_with_line_breaks_cannot_add_a_header() -> None:
    evil = "Eve\r\nBcc: everyone@example.org\r\nSubject: pwned"
    mentor = Application.model_construct(
        **person("mentor", "Eve Mentor", email="eve@example.org").model_dump() | {"full_name": evil}
    )
    mentee = person("mentee", "Ünal Çelik", email="unal@example.org")
    result = match([person("mentor", "Eve Mentor", email="eve@example.org"), mentee])
    raw = introduction_eml(result.pairs[0], mentor, mentee)
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None
    assert message.get_all("Subject") == [message["Subject"]]
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    assert "Ünal Çelik" in message["Subject"]
    names = [a.display_name for a in message["To"].addresses]
    assert names == ["Eve Bcc: everyone@example.org Subject: pwned", "Ünal Çelik"]
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in headers and b"\nSubject: pwned" not in raw
    assert all(
        ord(c) < 128 for c in raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    )  # headers encoded


def test_each_pair_has_a_calendar_of_its_sessions_at_its_first_shared_slot(
    example, tailored
) -> None:
    result, files = example
    pair = next(p for p in result.pairs if p.first_slot == "tue-am")
    name = next(
        n
        for n in files
        if n.startswith("calendars/")
        and result.people[pair.mentor].full_name.split()[0].lower() in n
        and result.people[pair.mentee].full_name.split()[-1].lower() in n
    )
    calendar = Calendar.from_ical(files[name])
    events = calendar.walk("VEVENT")
    assert len(events) == tailored.profile.sessions
    zone = ZoneInfo(tailored.profile.timezone)
    for event, scheduled in zip(events, tailored.schedule, strict=True):
        start = event.decoded("dtstart")
        assert start.weekday() == 1 and start.tzinfo.key == zone.key  # Tuesday
        assert start.time() == dt.time(9, 30)  # the profile's morning time
        assert 0 <= (start.date() - scheduled.date).days < 7
        assert event.decoded("dtend") - start == dt.timedelta(minutes=scheduled.minutes)
        attendees = [str(a) for a in event.get("attendee")]
        assert attendees == [f"mailto:{pair.mentor}", f"mailto:{pair.mentee}"]
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert all(pair.mentor not in str(e["uid"]) for e in events)  # no personal data in UIDs


def test_kept_pairs_are_not_introduced_again_and_changes_are_written(tmp_path: Path) -> None:
    from upward.model.applications import CurrentPair
    from upward.plan.matching import unwind

    people = [
        person("mentor", "Ann Mentor"),
        person("mentor", "Ben Mentor"),
        person("mentee", "Cat Lead"),
        person("mentee", "Dan Lead"),
    ]
    current = [
        CurrentPair("ann@example.org", "cat@example.org", ended=False),
        CurrentPair("ben@example.org", "dan@example.org", ended=True),
    ]
    result = unwind(people, current)
    files = matching_files(result)
    assert not [n for n in files if n.startswith("introductions/")]
    changes = rows(files["changes.csv"])
    assert [(r["change"], r["mentor_email"], r["mentee_email"]) for r in changes] == [
        ("ended", "ben@example.org", "dan@example.org")
    ]
    assert {u.email for u in result.unmatched} == {"ben@example.org", "dan@example.org"}


def test_drafts_made_in_several_processes_are_the_same_files() -> None:
    from upward.render.matching_files import PARALLEL_FROM, pair_files

    people = [
        person(role, f"{role.title()} {i}", email=f"{role}{i}@example.org", team=f"{role}{i}")
        for role in ("mentor", "mentee")
        for i in range(PARALLEL_FROM)
    ]
    result = match(people)
    one = pair_files(result, None, jobs=1)
    two = pair_files(result, None, jobs=2)
    assert len(one) == PARALLEL_FROM and list(one.items()) == list(two.items())
    # what is made meanwhile (the tracker) joins them, in one process as in several
    for jobs in (1, 2):
        with_more = pair_files(result, None, jobs=jobs, meanwhile=lambda: {"tracker.xlsx": b"x"})
        assert with_more == one | {"tracker.xlsx": b"x"}


NAMES = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x7f"
    ),
    min_size=1,
    max_size=120,
).filter(lambda name: name.strip())


@settings(max_examples=60, deadline=None)
@given(mentor_name=NAMES, mentee_name=NAMES, slot=st.sampled_from(["mon-am", "wed-pm", "fri-pm"]))
@hypothesis.example(
    mentor_name="\\", mentee_name="Sam Smith\\", slot="mon-am"
)  # icalendar misread these
def test_pair_calendars_from_the_template_are_icalendar_s_bytes(
    tailored, mentor_name: str, mentee_name: str, slot: str
) -> None:
    """The fast calendars (one template a slot, names put in) are byte for byte what icalendar
    writes object by object: names with commas, semicolons, quotes, carets, backslashes,
    accents and emoji, long enough to fold, included."""
    mentor = person("mentor", mentor_name, email="m.one@example.org")
    mentee = person("mentee", mentee_name, email="e.two@example.org")
    fast = PairCalendars(tailored).ics(mentor, mentee, slot)
    assert fast == calendar_of(tailored, mentor, mentee, slot)
    events = Calendar.from_ical(fast).walk("VEVENT")
    names = [str(attendee.params["cn"]) for attendee in events[0]["attendee"]]
    assert names == [" ".join(mentor_name.split()), " ".join(mentee_name.split())]
