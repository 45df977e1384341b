"""Typed models of every kind of kit content, and the whole kit.

Every model forbids unknown keys, so a misspelt key in YAML is an error with a hint rather
than a silently ignored value. Cross-references between kinds (a session naming a question
id) are checked after loading, in `upward.load.references`, because they need the whole kit.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from upward.model.base import (
    Asker,
    Audience,
    Cadence,
    Format,
    Id,
    Line,
    Stage,
    StandardId,
    Strict,
    Text,
)

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

AnswerSize = Literal["short", "line", "lines", "paragraph", "long"]
"""How much a person is expected to write, so printed forms leave the right room: `short` a
number, a code or a word or two; `line` a name, an address or a phrase (text and email fields'
default); `lines` a sentence or two, such as a goal or an action; `paragraph` a few sentences
(long text's default); `long` several paragraphs, such as an account of what happened."""
SHORT_SIZES = ("short", "line")  # for text and email fields; the others are for long text


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
    size: AnswerSize | None = None  # room to leave on paper; by type when not given

    @model_validator(mode="after")
    def _options_fit_the_type(self) -> FormField:
        if self.type == "choice" and len(self.options) < 2:
            raise ValueError("a choice field needs at least two options")
        if self.type != "choice" and self.options:
            raise ValueError(f"options only apply to choice fields, not {self.type}")
        if self.type != "scale" and (self.low or self.high):
            raise ValueError("low and high only apply to scale fields")
        if self.size and self.type not in ("text", "email", "long_text"):
            raise ValueError(f"size only applies to text, email and long text, not {self.type}")
        if self.size and (self.type == "long_text") == (self.size in SHORT_SIZES):
            fits = "lines, paragraph or long" if self.type == "long_text" else "short or line"
            raise ValueError(f"a {self.type} field's size is {fits}, not {self.size}")
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
