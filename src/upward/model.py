"""Typed models of every kind of kit content and of an organisation's profile.

Every model forbids unknown keys, so a misspelt key in YAML is an error with a hint rather
than a silently ignored value. Cross-references between kinds (a session naming a question
id) are checked after loading, in `references.py`, because they need the whole kit.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from upward.problems import did_you_mean


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


_UNCARRIABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters (but tab and newline), lone surrogates and the two noncharacters
U+FFFE/U+FFFF: XML (so DOCX and PDF metadata) and calendars cannot carry them."""


def _no_control_characters(value: str) -> str:
    """Refuse characters that no output format can carry."""
    found = _UNCARRIABLE.search(value)
    if found:
        char = found.group()
        kind = "is not a character" if char in "\ufffe\uffff" else "is a control character"
        raise ValueError(f"contains U+{ord(char):04X}, which {kind}; remove it")
    return value


def _single_line(value: str) -> str:
    if any(c in value for c in "\n\t\u2028\u2029"):  # U+2028/9: Unicode's line breaks
        raise ValueError("must be a single line (no line breaks or tabs)")
    return value


_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _plain_direction(value: str) -> str:
    """Refuse the bidirectional embedding, override and isolate controls in profile text: they
    make a name display differently from what it says (`Acme \u202egnp.exe` shows as
    `Acme exe.png`), and no organisation's name needs them; the marks U+200E/U+200F stay."""
    found = _DIRECTION_CONTROLS.search(value)
    if found:
        raise ValueError(
            f"contains U+{ord(found.group()):04X}, a text-direction control that makes text "
            "display differently from what it says; remove it"
        )
    return value


def _visible(value: str) -> str:
    """Refuse text made only of spaces and invisible characters (zero-width spaces, joiners)."""
    if all(unicodedata.category(c)[0] in "ZC" for c in value):
        raise ValueError("must not be blank")
    return value


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
]
"""A stable identifier: lower-case words joined by hyphens (kebab-case)."""

Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_no_control_characters)]
"""Non-blank text; may hold Markdown and `{{ org.name }}`-style placeholders."""

Line = Annotated[Text, AfterValidator(_single_line)]
"""Non-blank text on one line (titles, labels)."""

Audience = Literal["mentor", "mentee", "lead"]
Asker = Literal["mentor", "mentee"]
Stage = Literal["first", "early", "middle", "closing", "any"]
Format = Literal["one-to-one", "group"]
Cadence = Literal["weekly", "fortnightly", "monthly", "quarterly"]
Matching = Literal["self", "admin", "hybrid"]

StandardId = Literal[
    "emcc-purpose",
    "emcc-training",
    "emcc-matching",
    "emcc-measurement",
    "emcc-ethics",
    "emcc-administration",
    "mentor-recruitment",
    "mentor-screening",
    "mentor-training",
    "mentor-matching",
    "mentor-monitoring",
    "mentor-closure",
]
"""Elements of the two programme standards (EMCC ISMCP; MENTOR's Elements, 4th edition)."""


# --- sources and facts -------------------------------------------------------------------


class Source(Strict):
    """A public source that a figure or claim comes from."""

    id: Id
    title: Line
    publisher: Line
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    seed: Annotated[str, StringConstraints(pattern=r"^\d{3}_[0-9a-f]+\.txt$")] | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _has_a_location(self) -> Source:
        if not self.url and not self.seed:
            raise ValueError("give a url or a seed file name, so a reader can check the source")
        return self


class SourceFile(Strict):
    sources: Annotated[list[Source], Field(min_length=1)]


class Fact(Strict):
    """A claim or figure, with the ids of the sources it comes from."""

    text: Text
    sources: Annotated[list[Id], Field(min_length=1)]


# --- purposes --------------------------------------------------------------------------


class Goal(Strict):
    """A learning goal rated at the start and re-rated at the end under the same id."""

    id: Id
    text: Line
    measure: Text  # what to rate 1-5 at the start and at the end


class Metric(Strict):
    name: Line
    how: Text  # how the programme lead collects it
    target: Text | None = None


class Risk(Strict):
    risk: Text
    mitigation: Text


class Purpose(Strict):
    id: Id
    title: Line
    summary: Text
    why: Annotated[list[Fact], Field(min_length=1)]  # the business case, each figure sourced
    goals: Annotated[list[Goal], Field(min_length=1)]
    metrics: Annotated[list[Metric], Field(min_length=1)]
    risks: Annotated[list[Risk], Field(min_length=1)]
    plan: Id  # the recommended session plan
    topics: list[Id] = []  # recommended question-bank topics, in order
    cases: list[Id] = []
    standards: list[StandardId] = []


# --- question banks ----------------------------------------------------------------------


class Question(Strict):
    id: Id
    text: Line
    asked_by: Asker
    stage: Stage
    purposes: list[Id] = []  # empty: serves every purpose
    follow_up: Line | None = None


class QuestionBank(Strict):
    """One topic and its questions (one file under kit/questions/)."""

    id: Id
    title: Line
    why: Text
    questions: Annotated[list[Question], Field(min_length=1)]


# --- session plans ------------------------------------------------------------------------


class AgendaItem(Strict):
    minutes: Annotated[int, Field(ge=1, le=240)]
    item: Line


class Activity(Strict):
    title: Line
    steps: Annotated[list[Text], Field(min_length=1)]


class Session(Strict):
    id: Id
    title: Line
    objectives: Annotated[list[Text], Field(min_length=1)]
    agenda: Annotated[list[AgendaItem], Field(min_length=1)]
    prep_mentor: Annotated[list[Text], Field(min_length=1)]
    prep_mentee: Annotated[list[Text], Field(min_length=1)]
    questions: list[Id] = []
    activity: Activity | None = None
    after: Annotated[list[Text], Field(min_length=1)]  # actions once the session is over
    form: Id | None = None
    repeatable: bool = True  # may recur when a programme has more sessions than its plan
    standards: list[StandardId] = []

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.agenda)


class SessionPlan(Strict):
    id: Id
    title: Line
    summary: Text
    format: Format
    cadence: Cadence
    minutes: Annotated[int, Field(ge=15, le=240)]
    follows: Text | None = None  # the real programme this design follows, if any
    sources: list[Id] = []
    purposes: list[Id] = []
    group_size: Line | None = None  # for group formats, e.g. "4-5 mentees, 1-2 mentors"
    standards: list[StandardId] = []
    sessions: Annotated[list[Session], Field(min_length=1)]
    # That each session's agenda adds up to `minutes` is checked in references.py, where the
    # problem can point at the agenda's own line (a model validator can only blame the file).


# --- feedback training ----------------------------------------------------------------------


class Technique(Strict):
    name: Line
    summary: Text
    steps: Annotated[list[Text], Field(min_length=1)]


class Exercise(Strict):
    title: Line
    instructions: Text


class Scenario(Strict):
    title: Line
    situation: Text
    try_: Annotated[list[Text], Field(min_length=1, alias="try")]
    avoid: Annotated[list[Text], Field(min_length=1)]


class FeedbackModule(Strict):
    model_config = ConfigDict(populate_by_name=True)

    id: Id
    title: Line
    audience: Annotated[list[Audience], Field(min_length=1)]
    summary: Text
    why: Text
    technique: Technique
    phrases: list[Text] = []
    exercises: Annotated[list[Exercise], Field(min_length=1)]
    scenarios: Annotated[list[Scenario], Field(min_length=1)]
    self_check: Annotated[list[Text], Field(min_length=1)]
    sources: list[Id] = []
    standards: list[StandardId] = []


# --- forms and agreements -----------------------------------------------------------------

FieldType = Literal[
    "text", "long_text", "date", "choice", "scale", "checkbox", "signature", "email"
]

Prefill = Literal[
    "organisation",
    "programme",
    "purpose",
    "format",
    "cadence",
    "sessions",
    "session_minutes",
    "matching",
    "start",
    "end",
    "contact_name",
    "contact_email",
]
"""Profile facts a form field can be prefilled with when a kit is tailored."""


class FormField(Strict):
    id: Id
    label: Line
    type: FieldType
    help: Text | None = None
    required: bool = False
    options: list[Line] = []  # for choice
    low: Line | None = None  # label of 1 on a scale
    high: Line | None = None  # label of 5 on a scale
    prefill: Prefill | None = None

    @model_validator(mode="after")
    def _options_fit_the_type(self) -> FormField:
        if self.type == "choice" and len(self.options) < 2:
            raise ValueError("a choice field needs at least two options")
        if self.type != "choice" and self.options:
            raise ValueError(f"options only apply to choice fields, not {self.type}")
        if self.type != "scale" and (self.low or self.high):
            raise ValueError("low and high only apply to scale fields")
        return self


class FormSection(Strict):
    title: Line
    intro: Text | None = None
    fields: Annotated[list[FormField], Field(min_length=1)]


class Form(Strict):
    id: Id
    title: Line
    summary: Text
    filled_by: Annotated[list[Audience], Field(min_length=1)]
    when: Text
    who_sees: Text  # the privacy note, printed on the form itself
    agreement: Id | None = None  # print this agreement's clauses before the fields
    sections: Annotated[list[FormSection], Field(min_length=1)]
    standards: list[StandardId] = []

    @field_validator("sections")
    @classmethod
    def _field_ids_unique(cls, sections: list[FormSection]) -> list[FormSection]:
        seen: set[str] = set()
        for section in sections:
            for form_field in section.fields:
                if form_field.id in seen:
                    raise ValueError(f"field id '{form_field.id}' is used twice in this form")
                seen.add(form_field.id)
        return sections

    @property
    def fields(self) -> list[FormField]:
        return [f for section in self.sections for f in section.fields]


class Clause(Strict):
    id: Id
    title: Line
    text: Text


class Agreement(Strict):
    id: Id
    title: Line
    summary: Text
    clauses: Annotated[list[Clause], Field(min_length=1)]
    standards: list[StandardId] = []


# --- case studies, guides, messages, reference pages ---------------------------------------


class CaseStudy(Strict):
    id: Id
    organisation: Line
    title: Line
    year: Line  # a string: sources sometimes disagree ("1999, or the early 1990s")
    summary: Text
    purposes: list[Id] = []
    design: Annotated[list[Fact], Field(min_length=1)]  # sessions, cadence, format, scale
    outcomes: list[Fact] = []
    lessons: Annotated[list[Text], Field(min_length=1)]
    disagreements: list[Text] = []  # where sources disagree, say so
    sources: Annotated[list[Id], Field(min_length=1)]


class GuideMeta(Strict):
    """The front matter of a guide (kit/guides/*.md); the body is Markdown."""

    id: Id
    title: Line
    audience: Annotated[list[Audience], Field(min_length=1)]
    summary: Text
    order: Annotated[int, Field(ge=0, le=999)] = 100  # position within its audience's path
    next: list[Id] = []  # guides to read next
    purposes: list[Id] = []
    sources: list[Id] = []
    standards: list[StandardId] = []


class Guide(Strict):
    meta: GuideMeta
    body: Text


class Message(Strict):
    """A message for one stage of a programme; tailoring fills the placeholders."""

    id: Id
    title: Line
    stage: Line  # e.g. "launch", "mid-point"
    order: Annotated[int, Field(ge=0, le=999)]
    sender: Line
    recipients: Line
    when: Line
    subject: Line
    body: Text
    standards: list[StandardId] = []


class MessageFile(Strict):
    messages: Annotated[list[Message], Field(min_length=1)]


class Term(Strict):
    term: Line
    definition: Text
    see_also: list[Line] = []
    sources: list[Id] = []


class Glossary(Strict):
    terms: Annotated[list[Term], Field(min_length=1)]


class Answer(Strict):
    question: Line
    answer: Text
    audience: list[Audience] = []
    sources: list[Id] = []  # required in spirit whenever the answer gives a figure


class Faq(Strict):
    questions: Annotated[list[Answer], Field(min_length=1)]


class StandardElement(Strict):
    id: StandardId
    framework: Literal["EMCC ISMCP", "MENTOR EEP"]
    title: Line
    summary: Text
    checks: Annotated[list[Text], Field(min_length=1)]  # self-assessment statements


class Standards(Strict):
    sources: Annotated[list[Id], Field(min_length=1)]
    elements: Annotated[list[StandardElement], Field(min_length=1)]


# --- the whole kit -------------------------------------------------------------------------


class Kit(Strict):
    """Everything under kit/, validated and cross-checked."""

    purposes: list[Purpose]
    question_banks: list[QuestionBank]
    session_plans: list[SessionPlan]
    feedback_modules: list[FeedbackModule]
    agreements: list[Agreement]
    forms: list[Form]
    case_studies: list[CaseStudy]
    guides: list[Guide]
    messages: list[Message]
    sources: list[Source]
    glossary: Glossary | None = None
    faq: Faq | None = None
    standards: Standards | None = None

    @property
    def questions(self) -> list[Question]:
        return [q for bank in self.question_banks for q in bank.questions]

    @property
    def sessions(self) -> list[Session]:
        return [s for plan in self.session_plans for s in plan.sessions]

    def counts(self) -> dict[str, int]:
        return {
            "purposes": len(self.purposes),
            "questions": len(self.questions),
            "topics": len(self.question_banks),
            "session_plans": len(self.session_plans),
            "sessions": len(self.sessions),
            "forms": len(self.forms),
            "feedback_modules": len(self.feedback_modules),
            "agreements": len(self.agreements),
            "case_studies": len(self.case_studies),
            "guides": len(self.guides),
            "messages": len(self.messages),
            "sources": len(self.sources),
            "glossary_terms": len(self.glossary.terms) if self.glossary else 0,
        }


# --- an organisation's profile --------------------------------------------------------------

_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_EMAIL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[^\W\d_]{{2,}}$")
"""An address as people type them: dot-separated words before the @ (letters in any script,
digits and the usual symbols), then a domain of labels that start and end with a letter or
digit and a top-level domain of letters. It refuses what mail clients and calendar files choke
on (spaces, control characters, `..`, a bare host name) without claiming RFC 5322's corners."""

FIRST_YEAR, LAST_YEAR = 2000, 2099
"""The years a programme may start in. Sessions are real people's working days: public-holiday
data and time-zone rules are only meaningful for recent and coming years, a start before 2000
or after 2099 is almost always a typo (`0227` for `2027`), and years near the ends of the
calendar (1, 9999) would overflow the date arithmetic of a long programme."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_TIMEZONE = 64  # the longest IANA name has 32 characters


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    """The IANA zone names of the pinned tzdata package, so every machine accepts the same
    names whatever its own zoneinfo folder holds. `Factory` is a placeholder zone, not a place."""
    from importlib import resources

    names = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return frozenset(names) - {"Factory"}


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted in a message, cut short if it is long."""
    return value if len(value) <= limit else value[:limit] + "..."


ProfileText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_no_control_characters),
    AfterValidator(_single_line),
    AfterValidator(_plain_direction),
    AfterValidator(_visible),
]


class Contact(Strict):
    name: ProfileText
    email: Annotated[str, StringConstraints(max_length=254), AfterValidator(_no_control_characters)]

    @field_validator("email")
    @classmethod
    def _looks_like_an_email(cls, value: str) -> str:
        local = value.rpartition("@")[0]
        if not _EMAIL.match(value) or len(local) > 64:
            raise ValueError(
                f"'{_shown(value)}' is not an email address (expected name@example.org)"
            )
        return value


class Profile(Strict):
    """An organisation's choices. The keys are the public contract of `upward tailor`."""

    organisation: ProfileText
    programme: ProfileText = "Reverse mentoring programme"
    purpose: Id = "digital-fluency"
    format: Format = "one-to-one"
    sessions: Annotated[int, Field(ge=1, le=52, strict=True)] = 6
    cadence: Cadence = "monthly"
    session_minutes: Annotated[int, Field(ge=15, le=240, strict=True)] = 60
    start: dt.date
    time: str = "10:00"
    timezone: str = "UTC"
    matching: Matching = "hybrid"
    contact: Contact | None = None

    @field_validator("start", mode="before")
    @classmethod
    def _a_real_date(cls, value: object) -> object:
        if isinstance(value, dt.datetime):
            raise ValueError("give a date without a time, e.g. 2027-01-11")
        if isinstance(value, int | float) and not isinstance(value, bool):
            # pydantic would read a number as seconds since 1970
            raise ValueError("write the date as YYYY-MM-DD, e.g. 2027-01-11")
        if isinstance(value, str) and not _ISO_DATE.match(value.strip()):
            raise ValueError("write the date as YYYY-MM-DD, e.g. 2027-01-11")
        return value

    @field_validator("start")
    @classmethod
    def _a_plausible_year(cls, value: dt.date) -> dt.date:
        if FIRST_YEAR <= value.year <= LAST_YEAR:
            return value
        written = f"{value.year:04d}"
        swaps = (written[:i] + written[i + 1] + written[i] + written[i + 2 :] for i in range(3))
        near = LAST_YEAR - 100 < value.year < LAST_YEAR + 100  # 2100 is no typo for 2010
        likely = (
            None if near else next((y for y in swaps if FIRST_YEAR <= int(y) <= LAST_YEAR), None)
        )
        hint = f"; did you mean {likely}?" if likely else ""
        raise ValueError(
            f"the year {value.year} is not a plausible start: give a date between "
            f"{FIRST_YEAR} and {LAST_YEAR}{hint}"
        )

    @field_validator("time", mode="before")
    @classmethod
    def _a_clock_time(cls, value: object) -> object:
        if isinstance(value, str) and not _TIME.match(value.strip()):
            raise ValueError('write the time as "HH:MM" on a 24-hour clock, e.g. "09:30"')
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        zones = time_zones()
        if value in zones:
            return value
        region = sorted(z for z in zones if z.startswith(f"{value}/"))
        if region and len(value) <= MAX_TIMEZONE:
            raise ValueError(
                f"'{value}' is a region, not a time zone: name a place in it, e.g. {region[0]}"
            )
        by_case = {z.casefold(): z for z in zones}.get(value.casefold())
        if by_case:
            hint = f" (did you mean '{by_case}'?)"
        else:
            hint = did_you_mean(value, zones) if len(value) <= MAX_TIMEZONE else ""
        raise ValueError(
            f"'{_shown(value)}' is not a known time zone{hint}; "
            "give an IANA name such as Europe/London"
        )
