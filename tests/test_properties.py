"""Properties over profiles, checked with hypothesis on the pure renderers (the kit is loaded
once per module): any valid profile tailors, with dates that follow its cadence, a calendar
that parses and forms that render; any profile text reaches every format literally; any
invalid profile is an exit 1 with a message, never a traceback; oversized, over-deep and
aliased YAML is refused with a clear message."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from upward.load.kit import load_kit
from upward.load.org_profile import PROFILE_MAX_BYTES
from upward.load.yamlfile import MAX_BYTES, MAX_DEPTH
from upward.model import AgendaItem, Profile
from upward.plan.agenda import AgendaDoesNotFit, scale_agenda
from upward.plan.tailored import tailor_kit
from upward.render.forms.document import form_document
from upward.render.forms.docx import form_docx
from upward.render.forms.pdf import form_pdf
from upward.render.pages import PageRenderer
from upward.render.session_calendar import schedule_ics

from conftest import KIT, ROOT, profile_text, write

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is stable; explore with a seed
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
KIT_DATA = load_kit(KIT).kit
PURPOSES = [p.id for p in KIT_DATA.purposes]
TEXT_FIELDS = ("organisation", "programme", "contact_name")

# --- strategies over the Profile contract -----------------------------------------------------

# Any character the model accepts (it refuses controls, surrogates and U+FFFE/U+FFFF)
UNICODE = st.characters(
    # what a profile may carry: no controls, format characters (direction overrides, zero-width
    # joiners), unassigned or private-use code points, or line and paragraph separators
    blacklist_categories=("Cs", "Cc", "Cf", "Cn", "Co", "Zl", "Zp"),
    blacklist_characters="\ufffe\uffff",
)
HOSTILE = [
    "{{ 7*7 }}",
    "{% raw %}",
    "{%",
    "{#",
    "}}",
    "<script>alert(1)</script>",
    "<b>",
    "&amp;",
    "&#42;",
    '"',
    "'",
    "`",
    "*",
    "_",
    "**",
    "[x](y.md)",
    "|",
    "\\",
    "#",
    ":smile:",
    "]]>",
    "<!--",
    "$x",
    "%",
    "@",
    "{",
    "}",
]
PROFILE_TEXT = (
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(UNICODE, max_size=12)), max_size=8)
    .map("".join)
    .map(lambda s: s[:200])
    .filter(lambda s: any(unicodedata.category(c)[0] not in "ZC" for c in s))  # not blank
)
EMAIL = st.from_regex(
    r"\A[a-z0-9%+_-]{1,8}(\.[a-z0-9%+_-]{1,8})?@[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?\.[a-z]{2,6}\Z"
)
TIMEZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"]


def profiles(text: st.SearchStrategy[str] = PROFILE_TEXT) -> st.SearchStrategy[Profile]:
    return st.builds(
        Profile,
        organisation=text,
        programme=text,
        purpose=st.sampled_from(PURPOSES),
        format=st.sampled_from(["one-to-one", "group"]),
        sessions=st.integers(1, 52),
        cadence=st.sampled_from(["weekly", "fortnightly", "monthly", "quarterly"]),
        session_minutes=st.integers(15, 240),
        start=st.dates(dt.date(2000, 1, 1), dt.date(2080, 12, 31)),
        time=st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59)),
        timezone=st.sampled_from(TIMEZONES),
        matching=st.sampled_from(["self", "admin", "hybrid"]),
        contact=st.one_of(st.none(), st.fixed_dictionaries({"name": text, "email": EMAIL})),
    )


def profile_yaml(profile: Profile) -> str:
    # no allow_unicode: with it, PyYAML writes U+0085 raw, and YAML reads that as a line break
    return yaml.safe_dump(profile.model_dump(exclude_none=True), sort_keys=False)


# --- readers ----------------------------------------------------------------------------------


def ics_events(data: bytes) -> list[Any]:
    """The sessions' events (the calendar also holds the lead's milestones)."""
    from icalendar import Calendar

    return [
        c
        for c in Calendar.from_ical(data).walk()
        if c.name == "VEVENT" and "-session-" in str(c["uid"])
    ]


def pdf_fields(data: bytes) -> dict[str, str]:
    from pypdf import PdfReader

    fields = PdfReader(io.BytesIO(data)).get_fields() or {}
    return {name: str(f.get("/V", "")) for name, f in fields.items()}


def docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def to_html():
    """Markdown -> HTML with the site's own Markdown extensions (no MkDocs build)."""
    import markdown
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    config = load_config(str(ROOT / "mkdocs.yml"))

    def convert(page: str) -> BeautifulSoup:
        body, _ = get_data(page)
        html = markdown.markdown(
            body, extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        return BeautifulSoup(html, "html.parser")

    return convert


def profile_values(profile: Profile) -> dict[str, str]:
    values = {"organisation": profile.organisation, "programme": profile.programme}
    if profile.contact:
        values["contact_name"] = profile.contact.name
    return values


# the form that prefills the most text fields from the profile (one form keeps examples fast)
TEXT_FORMS = sorted(
    KIT_DATA.forms,
    key=lambda form: -sum(f.prefill in TEXT_FIELDS and f.type == "text" for f in form.fields),
)[:1]


# --- any valid profile tailors ----------------------------------------------------------------


def first_weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@SETTINGS
@given(profile=profiles(), form_index=st.integers(0, len(KIT_DATA.forms) - 1))
def test_any_valid_profile_tailors_with_dates_that_follow_its_cadence(
    profile: Profile, form_index: int
) -> None:
    tailored = tailor_kit(KIT_DATA, profile)
    dates = [s.date for s in tailored.schedule]
    assert len(dates) == profile.sessions
    assert dates[0] == first_weekday_on_or_after(profile.start)  # these profiles name no country
    assert dates == sorted(set(dates))
    assert all(day.weekday() < 5 for day in dates)
    step = {"weekly": 7, "fortnightly": 14}.get(profile.cadence)
    if step:  # the start's (working) weekday, every week or two
        assert all((b - a).days == step for a, b in itertools.pairwise(dates))
    else:  # a weekday rule ("second Monday"), not a day number
        assert tailored.rule is not None
        assert all(tailored.rule.in_month(d.year, d.month) == d for d in dates[1:])
        months = {"monthly": 1, "quarterly": 3}[profile.cadence]
        assert all(
            (b.year - a.year) * 12 + b.month - a.month == months
            for a, b in itertools.pairwise(dates)
        )
    for scheduled in tailored.schedule:
        assert scheduled.minutes == profile.session_minutes
        assert all(item.minutes >= 1 for item in scheduled.agenda)

    events = ics_events(schedule_ics(tailored))
    assert len(events) == profile.sessions
    assert len({str(e["uid"]) for e in events}) == profile.sessions
    if tailored.booking == "fixed":
        assert [e.decoded("dtstart").date() for e in events] == dates
        for event in events:
            start, end = event.decoded("dtstart"), event.decoded("dtend")
            assert end - start == dt.timedelta(minutes=profile.session_minutes)
            assert start.strftime("%H:%M") == profile.time
    else:  # a window from the session's date, before the next session's
        assert [e.decoded("dtstart") for e in events] == dates
        ends = [e.decoded("dtend") for e in events]
        assert all(a < end <= b for a, end, b in zip(dates, ends, dates[1:], strict=False))

    form = KIT_DATA.forms[form_index]
    document = form_document(KIT_DATA, form, tailored)
    assert form_pdf(document).startswith(b"%PDF-")
    assert form_docx(document).startswith(b"PK")


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(profile=profiles())
def test_a_whole_kit_is_tailored_to_disk_for_any_valid_profile(profile: Profile, run_cli) -> None:
    with tempfile.TemporaryDirectory() as temp:
        path = write(Path(temp) / "profile.yaml", profile_yaml(profile))
        out = Path(temp) / "kit"
        result = run_cli("tailor", path, "--kit", KIT, "-o", out)
        assert result.code == 0, result.err
        assert (out / "site" / "index.html").is_file() and (out / "schedule.ics").is_file()
        assert len(ics_events((out / "schedule.ics").read_bytes())) == profile.sessions
        assert len(list((out / "forms").glob("*.pdf"))) == len(KIT_DATA.forms)
        (archive,) = out.glob("*.zip")
        assert archive.stat().st_size > 0


# --- any text round-trips literally -----------------------------------------------------------


@SETTINGS
@given(profile=profiles())
def test_profile_text_reaches_every_format_literally(profile: Profile, to_html) -> None:
    tailored = tailor_kit(KIT_DATA, profile)
    values = profile_values(profile)

    home = to_html(
        PageRenderer(ROOT / "templates", KIT_DATA, tailored).render("home.md.j2", path="index.md")
    )
    text = home.get_text()
    heading = home.find("h1")
    for permalink in heading.select("a.headerlink"):
        permalink.decompose()
    heading = heading.get_text()
    assert heading == f"{profile.programme} at {profile.organisation}"
    for value in values.values():
        assert value in text
    assert not home.find("script")

    events = ics_events(schedule_ics(tailored))
    for number, event in enumerate(events, start=1):
        book = "book " if tailored.booking == "window" else ""
        assert str(event["summary"]).startswith(f"{profile.programme}: {book}session {number} ")
        description = str(event["description"])
        assert f"{profile.programme} at {profile.organisation}" in description
        if profile.contact:
            assert profile.contact.name in description

    for form in TEXT_FORMS:
        document = form_document(KIT_DATA, form, tailored)
        fields = pdf_fields(form_pdf(document))
        words = docx_text(form_docx(document))
        for field in form.fields:
            if field.prefill not in values or field.type != "text":
                continue
            value = values[field.prefill]
            assert value in words, (form.id, field.id)
            if _latin1(value):
                assert fields[field.id] == value, (form.id, field.id)
            else:  # the documented limit: standard PDF fonts cannot show it; printed instead
                assert fields[field.id] == "", (form.id, field.id)


def _latin1(value: str) -> bool:
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


# --- any invalid profile is an error, not a crash ---------------------------------------------

VALID = {"organisation": "Acme Ltd", "start": dt.date(2027, 1, 11)}
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _valid(data: Any) -> bool:
    try:
        profile = Profile.model_validate(data)
    except (ValidationError, TypeError, ValueError):
        return False
    return profile.purpose in PURPOSES


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("invalid")


def _refused(data: bytes, scratch: Path, run_cli) -> None:
    path = scratch / "profile.yaml"
    path.write_bytes(data)
    out = scratch / "out"
    result = run_cli("tailor", path, "--kit", KIT, "-o", out)
    assert result.code == 1, result
    assert "error:" in result.err, result.err
    assert "Traceback" not in result.err + result.out
    assert "internal error" not in result.err, result.err
    assert not out.exists()


@SETTINGS
@given(junk=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_junk_is_refused_with_a_message(junk: bytes, scratch: Path, run_cli) -> None:
    with contextlib.suppress(yaml.YAMLError):
        assume(not _valid(yaml.safe_load(junk)))
    _refused(junk, scratch, run_cli)


@SETTINGS
@given(key=st.sampled_from(sorted(Profile.model_fields)), value=ANY_VALUE)
def test_a_value_of_the_wrong_type_is_refused_with_a_message(
    key: str, value: Any, scratch: Path, run_cli
) -> None:
    data = {**VALID, key: value}
    assume(not _valid(data))
    _refused(yaml.safe_dump(data).encode(), scratch, run_cli)


@SETTINGS
@given(
    key=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(
        lambda k: k not in Profile.model_fields
    ),
    value=ANY_VALUE,
)
def test_an_unknown_key_is_refused_with_a_message(
    key: str, value: Any, scratch: Path, run_cli
) -> None:
    _refused(yaml.safe_dump({**VALID, key: value}).encode(), scratch, run_cli)


# --- limits: refused quickly, with a clear message --------------------------------------------


def test_a_profile_over_the_size_limit_is_refused(tmp_path: Path, run_cli) -> None:
    path = write(tmp_path / "big.yaml", profile_text() + "# " + "x" * PROFILE_MAX_BYTES + "\n")
    result = run_cli("tailor", path, "--kit", KIT, "-o", tmp_path / "out")
    assert result.code == 1
    assert f"the limit is {PROFILE_MAX_BYTES:,}" in result.err


def test_a_kit_file_over_the_size_limit_is_refused(tmp_path: Path, run_cli) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(KIT, kit)
    bank = next((kit / "questions").glob("*.yaml"))
    bank.write_text(bank.read_text(encoding="utf-8") + "# " + "x" * MAX_BYTES + "\n")
    result = run_cli("validate", "--kit", kit)
    assert result.code == 1
    assert bank.name in result.err and f"the limit is {MAX_BYTES:,}" in result.err


def test_nesting_deeper_than_the_model_is_refused(tmp_path: Path, run_cli) -> None:
    deep = "x"
    for _ in range(MAX_DEPTH + 2):
        deep = {"a": deep}
    data = {**VALID, "contact": deep}
    path = write(tmp_path / "deep.yaml", yaml.safe_dump(data))
    result = run_cli("tailor", path, "--kit", KIT, "-o", tmp_path / "out")
    assert result.code == 1
    assert f"nested deeper than {MAX_DEPTH} levels" in result.err


def test_yaml_aliases_are_refused(tmp_path: Path, run_cli) -> None:
    path = write(
        tmp_path / "alias.yaml",
        "organisation: &name Acme Ltd\nprogramme: *name\nstart: 2027-01-11\n",
    )
    result = run_cli("tailor", path, "--kit", KIT, "-o", tmp_path / "out")
    assert result.code == 1
    assert "aliases (*name) are not allowed" in result.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("escape", ["\\uFFFF", "\\uFFFE"], ids=["U+FFFF", "U+FFFE"])
def test_a_noncharacter_is_refused_with_its_line(escape: str, tmp_path: Path, run_cli) -> None:
    """XML (DOCX) cannot carry U+FFFE/U+FFFF: written as YAML escapes, they must be refused
    before anything is built (hypothesis found them reaching the DOCX writer)."""
    path = write(
        tmp_path / "nonchar.yaml", f'organisation: "Acme {escape} Ltd"\nstart: 2027-01-11\n'
    )
    result = run_cli("tailor", path, "--kit", KIT, "-o", tmp_path / "out")
    assert result.code == 1
    assert "internal error" not in result.err
    assert "nonchar.yaml:1:" in result.err and "U+FFF" in result.err


@pytest.mark.parametrize("key", ["[", "a[b]", "str", "none"])
def test_an_unknown_key_that_looks_like_a_pydantic_tag_is_refused(
    key: str, tmp_path: Path, run_cli
) -> None:
    path = write(tmp_path / "tag.yaml", yaml.safe_dump({**VALID, key: None}))
    result = run_cli("tailor", path, "--kit", KIT, "-o", tmp_path / "out")
    assert result.code == 1
    assert "internal error" not in result.err
    assert f"unknown key '{key}'" in result.err


# --- agenda scaling ends for every input -------------------------------------------------------


@contextlib.contextmanager
def _hang_guard(seconds: int = 60):
    """Turn a hang into a failure (the work takes microseconds: this is no speed check)."""
    import signal

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"still running after {seconds} s: a loop that never ends")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


AGENDAS = st.lists(
    st.builds(AgendaItem, minutes=st.integers(1, 240), item=st.sampled_from(["a", "b", "c"])),
    min_size=1,
    max_size=300,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(agenda=AGENDAS, minutes=st.integers(1, 240))  # an agenda item holds 1-240
def test_scaling_an_agenda_ends_for_every_shape_and_length(agenda, minutes: int) -> None:
    """Either the parts add up to `minutes`, each at least one and in order, or (only when
    there are more items than minutes) it is refused; no input loops."""
    with _hang_guard():
        if len(agenda) > minutes:
            with pytest.raises(AgendaDoesNotFit):
                scale_agenda(agenda, minutes)
            return
        scaled = scale_agenda(agenda, minutes)
    assert sum(item.minutes for item in scaled) == minutes
    assert [i.item for i in scaled] == [i.item for i in agenda]
    assert all(item.minutes >= 1 for item in scaled)
    total = sum(item.minutes for item in agenda)
    shares = [item.minutes * minutes / total for item in agenda]
    if (
        min(shares) >= 1
    ):  # nothing was raised to a minute: each part is within a minute of its share
        assert all(abs(i.minutes - s) < 1 for i, s in zip(scaled, shares, strict=True))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    items=st.integers(1, 240),
    minutes=st.integers(15, 240),
    sessions=st.integers(1, 52),
)
def test_a_profile_shorter_than_an_agenda_is_refused_when_loaded(
    items: int, minutes: int, sessions: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Through `read_profile` and the plan's check, as `upward tailor` does: refused with a
    message exactly when some session it would get has more items than the profile has minutes."""
    from upward.load.located import LoadedKit, Origin
    from upward.load.org_profile import read_profile
    from upward.load.yamlfile import Positions
    from upward.plan.agenda import agenda_fit_problems

    from small_kit import make_kit

    kit = make_kit()
    plan = kit.session_plans[0]
    long_session = plan.sessions[0].model_copy(
        update={"agenda": [AgendaItem(minutes=1, item=f"step {n}") for n in range(items)]}
    )
    plan = plan.model_copy(update={"sessions": [long_session, *plan.sessions[1:]]})
    kit = kit.model_copy(update={"session_plans": [plan]})
    loaded = LoadedKit(kit, {id(plan): Origin("kit/sessions/pairs.yaml", Positions())})
    path = tmp_path_factory.mktemp("fit") / "profile.yaml"
    path.write_text(
        f"organisation: Acme\nstart: 2027-01-11\nsessions: {sessions}\n"
        f"session_minutes: {minutes}\n",
        encoding="utf-8",
    )
    located = read_profile(path, lambda: ["digital-fluency"])
    problems = agenda_fit_problems(located, loaded)
    if items > minutes:
        (problem,) = problems
        assert (problem.line, problem.field) == (4, "session_minutes")
        assert f"give session_minutes: {items} or more" in problem.message
        return
    assert problems == []
    tailored = tailor_kit(kit, located.profile)
    assert all(s.minutes == minutes for s in tailored.schedule)
