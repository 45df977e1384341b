"""Typed models of every kind of kit content, and the whole kit.

Every model forbids unknown keys, so a misspelt key in YAML is an error with a hint rather
than a silently ignored value. Cross-references between kinds (a session naming a question
id) are checked after loading, in `upward.load.references`, because they need the whole kit.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from upward.model.base import (
    AgreementId,
    Asker,
    Audience,
    Cadence,
    CaseId,
    Format,
    FormId,
    GuideId,
    Id,
    Line,
    Matching,
    PlanId,
    PurposeId,
    QuestionId,
    SourceId,
    Stage,
    StandardId,
    Strict,
    Text,
    TopicId,
)
from upward.model.org_calendar import MilestoneId
from upward.words import english

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
            words = english()
            raise ValueError(words("check.content.source_location"))
        return self


class SourceFile(Strict):
    sources: Annotated[list[Source], Field(min_length=1)]


class Fact(Strict):
    """A claim or figure, with the ids of the sources it comes from."""

    text: Text
    sources: Annotated[list[SourceId], Field(min_length=1)]


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
    plan: PlanId  # the recommended session plan
    topics: list[TopicId] = []  # recommended question-bank topics, in order
    cases: list[CaseId] = []
    standards: list[StandardId] = []


# --- question banks ----------------------------------------------------------------------


class Question(Strict):
    id: Id
    text: Line
    asked_by: Asker
    stage: Stage
    purposes: list[PurposeId] = []  # empty: serves every purpose
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
    questions: list[QuestionId] = []
    activity: Activity | None = None
    after: Annotated[list[Text], Field(min_length=1)]  # actions once the session is over
    form: FormId | None = None
    repeatable: bool = True  # may recur when a programme has more sessions than its plan
    mid_point: bool = False  # the review at the half-way point: kept, and kept in the middle
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
    sources: list[SourceId] = []
    purposes: list[PurposeId] = []
    group_size: Line | None = None  # for group formats, e.g. "4-5 mentees, 1-2 mentors"
    standards: list[StandardId] = []
    sessions: Annotated[list[Session], Field(min_length=1)]

    @field_validator("sessions")
    @classmethod
    def _one_mid_point_inside(cls, sessions: list[Session]) -> list[Session]:
        marked = [i for i, s in enumerate(sessions) if s.mid_point]
        words = english()
        if len(marked) > 1:
            raise ValueError(words("check.content.mid_point_twice"))
        if marked and marked[0] in (0, len(sessions) - 1):
            raise ValueError(words("check.content.mid_point_inside"))
        return sessions

    @property
    def mid_point(self) -> Session | None:
        return next((s for s in self.sessions if s.mid_point), None)

    # That each session's agenda adds up to `minutes` is checked in load/references.py, where the
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
    sources: list[SourceId] = []
    standards: list[StandardId] = []


# --- forms and agreements -----------------------------------------------------------------

FieldType = Literal[
    "text", "long_text", "date", "choice", "multi_choice", "scale", "checkbox", "signature", "email"
]
"""`choice` takes one option, `multi_choice` any number (a tick box per option)."""

OptionsFrom = Literal["topics"]
"""Options a field takes from the kit: `topics`, the question banks (value: id, label: title)."""

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
    "mid_point",
    "escalation_name",
    "escalation_email",
    "meeting_platform",
    "chat_tool",
]
"""Profile facts a form field can be prefilled with when a kit is tailored."""

AnswerSize = Literal["short", "line", "lines", "paragraph", "long"]
"""How much a person is expected to write, so printed forms leave the right room: `short` a
number, a code or a word or two; `line` a name, an address or a phrase (text and email fields'
default); `lines` a sentence or two, such as a goal or an action; `paragraph` a few sentences
(long text's default); `long` several paragraphs, such as an account of what happened."""
SHORT_SIZES = ("short", "line")  # for text and email fields; the others are for long text


class Option(Strict):
    """An option whose stored value (what a reader gets back: a PDF box's name, a web form's
    answer, a spreadsheet cell) differs from the label people read."""

    value: Id
    label: Line


class FormField(Strict):
    id: Id
    label: Line
    type: FieldType
    help: Text | None = None
    required: bool = False
    options: list[Line | Option] = []  # for choice and multi_choice; a plain text is its own value
    options_from: OptionsFrom | None = None  # or take them from the kit
    default: Id | None = None  # the value of the option a blank form has chosen
    low: Line | None = None  # label of 1 on a scale
    high: Line | None = None  # label of 5 on a scale
    prefill: Prefill | None = None
    matching: list[Matching] = []  # asked only in these matching modes; empty: in every mode
    purposes: list[
        PurposeId
    ] = []  # asked only in programmes with one of these purposes (empty: all)
    special_category: bool = False  # race, health, religion, sexuality...: optional, consented
    consent_for: Id | None = None  # this checkbox is the explicit consent for that field
    size: AnswerSize | None = None  # room to leave on paper; by type when not given

    @model_validator(mode="after")
    def _special_category_is_optional_and_targeted(self) -> FormField:
        words = english()
        if self.special_category and self.required:
            raise ValueError(words("check.content.special_category_required"))
        if self.special_category and not self.purposes:
            raise ValueError(words("check.content.special_category_purposes"))
        if self.consent_for and self.type != "checkbox":
            raise ValueError(words("check.content.consent_on_checkbox"))
        return self

    @model_validator(mode="after")
    def _options_fit_the_type(self) -> FormField:
        words = english()
        choosing = self.type in ("choice", "multi_choice")
        if self.options and self.options_from:
            raise ValueError(words("check.content.options_or_options_from"))
        if choosing and not self.options_from and len(self.options) < 2:
            raise ValueError(words("check.content.too_few_options", type=self.type))
        if not choosing and (self.options or self.options_from):
            raise ValueError(words("check.content.options_not_for", type=self.type))
        values = [o.value if isinstance(o, Option) else o for o in self.options]
        if len(set(values)) != len(values):
            raise ValueError(words("check.content.options_twice"))
        if self.default is not None and (self.type != "choice" or self.default not in values):
            raise ValueError(words("check.content.default_not_an_option"))
        if self.type != "scale" and (self.low or self.high):
            raise ValueError(words("check.content.low_high_not_scale"))
        if self.size and self.type not in ("text", "email", "long_text"):
            raise ValueError(words("check.content.size_not_for", type=self.type))
        if self.size and (self.type == "long_text") == (self.size in SHORT_SIZES):
            fits = "size_long" if self.type == "long_text" else "size_short"
            raise ValueError(words(f"check.content.{fits}", type=self.type, size=self.size))
        return self


Identity = Literal["named", "pair-coded", "anonymous", "stays-with-pair", "name-optional"]
"""What a form carries about who filled it, decided once here: every statement about it (the
form's own privacy note, the FAQ, the privacy notice's who-sees-what table) is derived from it.
`stays-with-pair`: kept by the pair, never sent; `name-optional`: the person chooses (the
confidential concern form)."""

ReturnTo = Literal["lead", "lead-keeps", "independent-contact", "nobody"]
"""`lead-keeps`: the lead's own record (the matching worksheet); `nobody`: it stays with the pair."""
ReturnBy = Literal[
    "applications-close",  # the applications' closing date
    "after-first-session",  # within a week of the first session
    "each-session",  # the day of each session
    "mid-point-check-in",  # within a week of the mid-point review
    "after-last-session",  # within a week of the last session
    "evaluation",  # within two weeks of the last session
    "any-time",  # whenever it is needed
]
Kept = Literal["until-close", "record", "retention", "concern", "with-pair"]
"""How long what the form holds is kept: deleted at the programme's close (totals stay); deleted
at the close but a short record kept for the retention period; kept for the retention period
after the close; kept for the retention period after a concern is closed; kept by the pair."""


class FormReturn(Strict):
    """Where a filled form goes back to, and by when (dates come from the programme's
    timeline, the address from the profile)."""

    to: ReturnTo
    by: ReturnBy = "any-time"


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
    who_sees: Text  # the privacy note after the identity sentence, printed on the form itself
    identity: Identity  # the opening sentence of the note, and every other statement, follow
    returns: FormReturn
    kept: Kept
    agreement: AgreementId | None = None  # print this agreement's clauses before the fields
    spreadsheet: bool = False  # also a CSV and an XLSX template, one column per field id
    sections: Annotated[list[FormSection], Field(min_length=1)]
    standards: list[StandardId] = []

    @field_validator("sections")
    @classmethod
    def _field_ids_unique(cls, sections: list[FormSection]) -> list[FormSection]:
        seen: set[str] = set()
        for section in sections:
            for form_field in section.fields:
                if form_field.id in seen:
                    words = english()
                    raise ValueError(words("check.content.field_twice", id=form_field.id))
                seen.add(form_field.id)
        return sections

    @property
    def fields(self) -> list[FormField]:
        return [f for section in self.sections for f in section.fields]

    @model_validator(mode="after")
    def _special_categories_have_consent(self) -> Form:
        words = english()
        fields = {f.id: f for f in self.fields}
        for field in fields.values():
            if field.special_category and not any(
                f.consent_for == field.id for f in fields.values()
            ):
                raise ValueError(words("check.content.needs_consent", id=field.id))
            if field.consent_for and field.consent_for not in fields:
                raise ValueError(words("check.content.consent_for_unknown", id=field.consent_for))
        return self

    @model_validator(mode="after")
    def _identity_fits_the_route(self) -> Form:
        words = english()
        if (self.identity == "stays-with-pair") != (self.returns.to == "nobody"):
            raise ValueError(words("check.content.stays_with_pair_returns"))
        if (self.identity == "stays-with-pair") != (self.kept == "with-pair"):
            raise ValueError(words("check.content.stays_with_pair_kept"))
        return self


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
    purposes: list[PurposeId] = []
    design: Annotated[list[Fact], Field(min_length=1)]  # sessions, cadence, format, scale
    outcomes: list[Fact] = []
    lessons: Annotated[list[Text], Field(min_length=1)]
    disagreements: list[Text] = []  # where sources disagree, say so
    sources: Annotated[list[SourceId], Field(min_length=1)]


class GuideMeta(Strict):
    """The front matter of a guide (kit/guides/*.md); the body is Markdown."""

    id: Id
    title: Line
    audience: Annotated[list[Audience], Field(min_length=1)]
    summary: Text
    order: Annotated[int, Field(ge=0, le=999)] = 100  # position within its audience's path
    next: list[GuideId] = []  # guides to read next
    purposes: list[PurposeId] = []
    sources: list[SourceId] = []
    standards: list[StandardId] = []


class Guide(Strict):
    meta: GuideMeta
    body: Text

    @property
    def id(self) -> str:
        return self.meta.id


class SendAt(Strict):
    """When a message goes out, counted from the programme's session dates or from one of the
    lead's milestones (so a message and the calendar cannot disagree): `session` is `first`,
    `mid-point`, `last`, `each` (one message for every session) or a number (1 the first, -1
    the last, -2 the one before it); `milestone` is one of the programme calendar's events
    (its due day, the last of a window); `days` before (negative) or after it. A day that is
    not a working day moves away from the anchor: to the working day before a message sent
    ahead, to the one after a message sent afterwards."""

    session: (
        Literal["first", "mid-point", "last", "each"] | Annotated[int, Field(ge=-52, le=52)] | None
    ) = None
    milestone: MilestoneId | None = None
    days: Annotated[int, Field(ge=-365, le=365)] = 0

    @model_validator(mode="after")
    def _one_anchor(self) -> SendAt:
        if (self.session is None) == (self.milestone is None):
            words = english()
            raise ValueError(words("check.content.one_anchor"))
        return self

    @field_validator("session")
    @classmethod
    def _not_zero(cls, value: object) -> object:
        if value == 0:
            words = english()
            raise ValueError(words("check.content.session_zero"))
        return value


class Message(Strict):
    """A message for one stage of a programme; tailoring fills the placeholders and, with
    `send`, the date it goes out. `{{ session.* }}` placeholders name the session of a message
    sent for `each` session."""

    id: Id
    title: Line
    stage: Line  # e.g. "launch", "mid-point"
    order: Annotated[int, Field(ge=0, le=999)]
    sender: Line
    recipients: Line
    when: Line
    subject: Line
    body: Text
    send: SendAt | None = None  # None: whenever it is needed (a pair gone quiet)
    standards: list[StandardId] = []


class MessageFile(Strict):
    messages: Annotated[list[Message], Field(min_length=1)]


class Term(Strict):
    term: Line
    definition: Text
    see_also: list[Line] = []
    sources: list[SourceId] = []


class Glossary(Strict):
    terms: Annotated[list[Term], Field(min_length=1)]


class Answer(Strict):
    question: Line
    answer: Text
    audience: list[Audience] = []
    sources: list[SourceId] = []  # required in spirit whenever the answer gives a figure
    derived: Literal["who-sees-what"] | None = None  # a table made from the kit follows


class Faq(Strict):
    questions: Annotated[list[Answer], Field(min_length=1)]


class StandardElement(Strict):
    id: StandardId
    framework: Literal["EMCC ISMCP", "MENTOR EEP"]
    title: Line
    summary: Text
    checks: Annotated[list[Text], Field(min_length=1)]  # self-assessment statements


class Standards(Strict):
    sources: Annotated[list[SourceId], Field(min_length=1)]
    elements: Annotated[list[StandardElement], Field(min_length=1)]
