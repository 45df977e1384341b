"""One form, resolved into plain text and values: what every writer (PDF, DOCX, web) needs.

The writers never see the kit, the profile or a template: they get a `FormDocument` whose
placeholders are already filled and whose prefilled values are already chosen. That keeps the
writers about layout only, and makes sure the PDF, the DOCX and the form on the site say the
same thing. The document also carries its words (labels such as "When:"), in its language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from upward.model import AnswerSize, FieldType, Form, FormField, Kit
from upward.plan.tailored import TailoredKit, prefill_values
from upward.text import TextRenderer, general_org
from upward.words import Words, english


@dataclass(frozen=True)
class DocumentField:
    """One field, its wording resolved; `value` is the prefilled answer or ""."""

    id: str
    label: str
    type: FieldType
    help: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    low: str = ""
    high: str = ""
    value: str = ""
    size: AnswerSize | None = None  # room on paper, when the kit says; else by type


@dataclass(frozen=True)
class DocumentSection:
    title: str
    intro: str
    fields: tuple[DocumentField, ...]


@dataclass(frozen=True)
class FormDocument:
    """Everything a writer prints, in reading order; all strings are plain text."""

    form_id: str
    title: str
    summary: str
    filled_by: tuple[str, ...]
    when: str
    who_sees: str
    header: str
    agreement_title: str
    clauses: tuple[tuple[str, str], ...]
    sections: tuple[DocumentSection, ...]
    words: Words = field(default_factory=english, compare=False, repr=False)

    @property
    def fields(self) -> tuple[DocumentField, ...]:
        return tuple(f for section in self.sections for f in section.fields)

    @property
    def footer(self) -> str:
        return self.words("forms.footer")

    @property
    def filled_by_line(self) -> str:
        """'Filled in by the mentor and the mentee', for printing under the title."""
        return self.words("forms.filled_by", who=join_words(self.filled_by, self.words))

    @property
    def privacy_lead(self) -> str:
        return self.words("forms.privacy_lead")

    @property
    def privacy_line(self) -> str:
        return f"{self.privacy_lead} {self.who_sees}"


def join_words(items: tuple[str, ...] | list[str], words: Words | None = None) -> str:
    """'a', 'a and b', 'a, b and c' (in the words' language)."""
    words = words or english()
    *first, last = list(items) or [""]
    if not first:
        return last
    return words("lists.last", items=words("lists.separator").join(first), last=last)


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines; single line breaks stay inside a paragraph."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def form_document(
    kit: Kit, form: Form, tailored: TailoredKit | None, words: Words | None = None
) -> FormDocument:
    """Resolve `form` for one organisation (or blank, for the general kit when `tailored` is
    None), in the tailored kit's language (else `words`, else English)."""
    words = tailored.words if tailored else words or english()
    org = tailored.org if tailored else general_org(words)
    render = TextRenderer(org)
    values = prefill_values(tailored)
    agreement = next((a for a in kit.agreements if a.id == form.agreement), None)
    return FormDocument(
        form_id=form.id,
        title=render(form.title),
        summary=render(form.summary),
        filled_by=tuple(words(f"roles.{who}") for who in form.filled_by),
        when=render(form.when),
        who_sees=render(form.who_sees),
        header=(
            words("forms.header", organisation=org.name, programme=org.programme)
            if tailored
            else words("forms.blank_header")
        ),
        agreement_title=render(agreement.title) if agreement else "",
        clauses=tuple(
            (render(clause.title), render(clause.text))
            for clause in (agreement.clauses if agreement else [])
        ),
        sections=tuple(
            DocumentSection(
                title=render(section.title),
                intro=render(section.intro) if section.intro else "",
                fields=tuple(_field(f, render, values) for f in section.fields),
            )
            for section in form.sections
        ),
        words=words,
    )


def _field(source: FormField, render: TextRenderer, values: dict[str, str]) -> DocumentField:
    return DocumentField(
        id=source.id,
        label=render(source.label),
        type=source.type,
        help=render(source.help) if source.help else "",
        required=source.required,
        options=tuple(render(option) for option in source.options),
        low=render(source.low) if source.low else "",
        high=render(source.high) if source.high else "",
        value=_prefill(source, values),
        size=source.size,
    )


def _prefill(source: FormField, values: dict[str, str]) -> str:
    """The prefilled answer; scales, checkboxes and signatures are never filled for people."""
    if source.prefill is None or source.type in ("scale", "checkbox", "signature"):
        return ""
    return values.get(source.prefill, "")


def chosen_option(field: DocumentField) -> str | None:
    """The option a prefilled choice selects (matched ignoring case), or None."""
    wanted = field.value.strip().casefold()
    return next((o for o in field.options if o.casefold() == wanted), None) if wanted else None
