"""One form, resolved into plain text and values: what every writer (PDF, DOCX, web) needs.

The writers never see the kit, the profile or a template: they get a `FormDocument` whose
placeholders are already filled and whose prefilled values are already chosen. That keeps the
writers about layout only, and makes sure the PDF, the DOCX and the form on the site say the
same thing. The document also carries its words (labels such as "When:"), in its language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from upward.model import AnswerSize, FieldType, Form, FormField, Kit, Option
from upward.plan.tailored import TailoredKit, prefill_values
from upward.render.privacy import form_notice, identity_sentence, return_line
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
    options: tuple[str, ...] = ()  # the labels people read
    low: str = ""
    high: str = ""
    value: str = ""
    size: AnswerSize | None = None  # room on paper, when the kit says; else by type
    option_values: tuple[str, ...] = ()  # what each option stores; the labels when not given

    @property
    def values(self) -> tuple[str, ...]:
        """The stored value of each option, in the order of `options`."""
        return self.option_values or self.options

    @property
    def has_values(self) -> bool:
        """Options store values of their own (ids), not their labels."""
        return bool(self.option_values)


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
    who_sees: str  # opens with the sentence the form's identity model gives
    header: str
    agreement_title: str
    clauses: tuple[tuple[str, str], ...]
    sections: tuple[DocumentSection, ...]
    words: Words = field(default_factory=english, compare=False, repr=False)
    notice: str = ""  # the data-protection notice: controller, basis, retention, rights
    return_line: str = ""  # where the filled form goes back to, and by when

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

    @property
    def privacy_text(self) -> str:
        """What the privacy box prints under its lead: who sees it, then the data-protection
        notice, as paragraphs (the writers split at blank lines)."""
        return "\n\n".join(part for part in (self.who_sees, self.notice) if part)


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
    asked = asked_fields(form, tailored.purpose.id if tailored else None)
    return FormDocument(
        form_id=form.id,
        title=render(form.title),
        summary=render(form.summary),
        filled_by=tuple(words(f"roles.{who}") for who in form.filled_by),
        when=render(form.when),
        who_sees=f"{identity_sentence(form, words)} {render(form.who_sees)}",
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
                fields=tuple(
                    _field(f, render, values, kit)
                    for f in section.fields
                    if f.id in asked and _asked(f, tailored)
                ),
            )
            for section in form.sections
            if any(f.id in asked for f in section.fields)
        ),
        words=words,
        notice=form_notice(form, org, tailored, words, special=_asks_special(form, asked)),
        return_line=return_line(form, org, tailored, words),
    )


def asked_fields(form: Form, purpose: str | None) -> set[str]:
    """The ids of the fields a programme asks: all of them in the general kit; in a tailored one,
    a field kept for some purposes only (a special-category question) is left out of the others,
    and so is the consent that goes with it."""
    kept = {f.id for f in form.fields if purpose is None or not f.purposes or purpose in f.purposes}
    return {f.id for f in form.fields if f.id in kept and (f.consent_for or f.id) in kept}


def _asks_special(form: Form, asked: set[str]) -> bool:
    return any(f.special_category and f.id in asked for f in form.fields)


def _asked(source: FormField, tailored: TailoredKit | None) -> bool:
    """A field for some matching modes only is asked in a kit tailored for one of them (and on
    the general, blank form, where its help says when it applies)."""
    return not source.matching or tailored is None or tailored.profile.matching in source.matching


def _options(
    source: FormField, render: TextRenderer, kit: Kit
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(labels, values): values only when options store ids of their own."""
    if source.options_from == "topics":
        banks = kit.question_banks
        return tuple(render(b.title) for b in banks), tuple(b.id for b in banks)
    labels = tuple(render(o.label if isinstance(o, Option) else o) for o in source.options)
    if any(isinstance(o, Option) for o in source.options):
        return labels, tuple(o.value if isinstance(o, Option) else o for o in source.options)
    return labels, ()


def _field(
    source: FormField, render: TextRenderer, values: dict[str, str], kit: Kit
) -> DocumentField:
    labels, option_values = _options(source, render, kit)
    return DocumentField(
        id=source.id,
        label=render(source.label),
        type=source.type,
        help=render(source.help) if source.help else "",
        required=source.required,
        options=labels,
        low=render(source.low) if source.low else "",
        high=render(source.high) if source.high else "",
        value=_prefill(source, values),
        option_values=option_values,
        size=source.size,
    )


def _prefill(source: FormField, values: dict[str, str]) -> str:
    """The prefilled answer, else the option a blank form has chosen; scales, checkboxes,
    multiple choices and signatures are never filled in for people."""
    if source.type in ("scale", "checkbox", "multi_choice", "signature"):
        return ""
    if source.prefill is None:
        return source.default or ""
    return values.get(source.prefill, "")


def chosen_option(field: DocumentField) -> str | None:
    """The label of the option a prefilled or default choice selects: matched by its value, or
    by its label ignoring case; None when nothing is chosen."""
    wanted = field.value.strip()
    if not wanted:
        return None
    if wanted in field.option_values:
        return field.options[field.option_values.index(wanted)]
    return next((o for o in field.options if o.casefold() == wanted.casefold()), None)
