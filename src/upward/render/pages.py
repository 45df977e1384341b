"""Render the kit (and, when tailoring, one organisation's programme) into Markdown pages.

The pages and the navigation are a pure function of the model: MkDocs only turns the result
into HTML. Templates live in `templates/pages`; this module decides which pages exist, in
what order, and what each template is given.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, get_args

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup

from upward import paths
from upward.model import Audience, Guide, Kit, Purpose
from upward.model.kinds import by_id, holders
from upward.plan.tailored import TailoredKit
from upward.render.forms.design import answer_size, web_rows
from upward.render.forms.document import chosen_option, form_document
from upward.render.jinja_cache import PAGE_TEMPLATES
from upward.render.privacy import lawful_basis, who_sees_what
from upward.text import (
    SessionFacts,
    TextRenderer,
    general_org,
    general_session,
    mail_merge_fields,
    markdown_literal,
)
from upward.words import ENGLISH, Words, words_for

AUDIENCES: tuple[Audience, ...] = get_args(Audience)
NavItem = dict[str, Any]


@dataclass(frozen=True)
class RenderedSite:
    pages: dict[str, str]  # path under docs -> Markdown
    nav: list[NavItem]
    language: str = ENGLISH  # of the words around the content (the site's frame follows it)
    site_name: str | None = None  # a tailored kit's own name in header and title
    authoring: bool = True  # the hand-written pages for kit authors (docs/editing.md)


class PageWords:
    """The words as templates see them: `words("key", name=value)`, `words.list("key")`.
    The words are trusted like the templates; the values are escaped by autoescape's rules."""

    def __init__(self, words: Words) -> None:
        self._words = words

    def __call__(self, key: str, /, **values: Any) -> Markup:
        return self._words.markup(key, **values)

    def list(self, key: str) -> list[Markup]:
        return [Markup(entry) for entry in self._words.list(key)]


class PageRenderer:
    """Holds one Jinja environment for a whole site: built once, used for every page."""

    def __init__(
        self,
        templates_dir: Path,
        kit: Kit,
        tailored: TailoredKit | None,
        words: Words | None = None,
    ) -> None:
        self.kit = kit
        self.tailored = tailored
        self.words = site_words(tailored, words)
        org = tailored.org if tailored else general_org(self.words)
        session = general_session(self.words)
        if tailored:  # a reminder's session, on the messages page: a field each draft fills
            session = SessionFacts(**{k: mail_merge_fields(v) for k, v in asdict(session).items()})
        self.text = TextRenderer(org, markdown_literal, session=session)
        self.env = Environment(
            loader=FileSystemLoader([templates_dir / "pages", templates_dir / "forms"]),
            autoescape=select_autoescape(enabled_extensions=("j2",), default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=PAGE_TEMPLATES,  # compiled once per process, not once per site
        )
        self.plain_text = TextRenderer(org, session=session)
        self.index = _Index(kit)
        self.env.filters.update(
            t=lambda value: Markup(self.text(str(value))),
            plain=lambda value: self.plain_text(str(value)),
            literal=lambda value: Markup(markdown_literal(str(value))),  # resolved plain text
            merge_fields=self.merge_fields,
            format_date=self.words.date,
        )
        self.env.globals.update(
            kit=kit,
            tailored=tailored,
            org={k: Markup(markdown_literal(v)) for k, v in dataclasses.asdict(org).items()},
            words=PageWords(self.words),
            script_words=self.script_words,
            audiences=self.words.table("readers"),
            stage_titles=self.words.table("stages"),
            index=self.index,
            paths=paths,
            rel=_relative_link,
            tag_names=self.tag_names,
            chosen_option=chosen_option,
            web_rows=web_rows,
            answer_size=answer_size,
            coverage=standards_coverage(kit),
            purposes_in_order=purposes_in_order(kit, tailored),
            who_sees_rows=who_sees_what(kit, org, self.words, tailored),
            privacy_basis=lawful_basis(tailored, self.words),
            special_fields=[
                (form, f)
                for form in kit.forms
                for f in form.fields
                if f.special_category and (tailored is None or tailored.purpose.id in f.purposes)
            ],
        )

    def tag_names(self, audience: list[str], purposes: list[str]) -> list[str]:
        """Tags for a page: its readers, then its purposes (Material links pages by tag)."""
        readers = self.words.table("readers")
        return [readers[a] for a in audience] + [self.index.purposes[p].title for p in purposes]

    def merge_fields(self, text: str) -> Markup:
        """A message's blanks for each recipient ([Mentor name], [date]): in a tailored kit, where
        the profile has filled everything it can, what is left is a mail-merge field, marked
        «Mentor name» as mail merges mark them, so that it reads as something to fill, not as a
        blank the kit forgot. The general kit keeps the square brackets of every blank."""
        if self.tailored is None:
            return Markup(text)
        return Markup(mail_merge_fields(str(text)))

    def script_words(self, part: str) -> dict[str, str]:
        """The messages upward.js shows for one part of a page (`builder`, `form`), with the
        locale it writes dates in: handed to the page as JSON, so the script holds no words."""
        return {"locale": self.words("language.locale"), **self.words.table(f"script.{part}")}

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


@pass_context
def _relative_link(context: Any, target: str) -> str:
    """A link from the page being rendered to `target` (both paths under docs/, the target
    perhaps with an `#anchor`)."""
    page, hash_, anchor = target.partition("#")
    return posixpath.relpath(page, posixpath.dirname(context["path"]) or ".") + hash_ + anchor


def standards_coverage(kit: Kit) -> dict[str, list[tuple[str, str]]]:
    """For each standard element, the kit pages whose items are tagged with it."""
    coverage: dict[str, list[tuple[str, str]]] = {}
    items: list[tuple[str, str, list[str]]] = [
        *((p.title, paths.purpose_page(p.id), p.standards) for p in kit.purposes),
        *((f.title, paths.form_page(f.id), f.standards) for f in kit.forms),
        *((a.title, paths.agreement_page(a.id), a.standards) for a in kit.agreements),
        *((f.title, paths.feedback_page(f.id), f.standards) for f in kit.feedback_modules),
        *((g.meta.title, paths.guide_page(g.meta.id), g.meta.standards) for g in kit.guides),
        *((p.title, paths.plan_page(p.id), p.standards) for p in kit.session_plans),
        *((m.title, paths.MESSAGES, m.standards) for m in kit.messages),
    ]
    for plan in kit.session_plans:
        items.extend(
            (s.title, paths.session_page(plan.id, s.id), s.standards) for s in plan.sessions
        )
    for title, path, standards in items:
        for element in standards:
            entry = (title, path)
            if entry not in coverage.setdefault(element, []):
                coverage[element].append(entry)
    return coverage


class _Index:
    """Look-ups the templates need (by id), computed once per site."""

    def __init__(self, kit: Kit) -> None:
        self.purposes = by_id(kit, "purpose")
        self.banks = by_id(kit, "topic")
        self.questions = by_id(kit, "question")
        self.topic_of = holders(kit, "question")
        self.plans = by_id(kit, "plan")
        self.plan_of = holders(kit, "session")
        self.forms = by_id(kit, "form")
        self.agreements = by_id(kit, "agreement")
        self.cases = by_id(kit, "case study")
        self.guides = by_id(kit, "guide")
        self.sources = by_id(kit, "source")

    def guides_for(self, audience: str) -> list[Guide]:
        return sorted(
            (g for g in self.guides.values() if audience in g.meta.audience),
            key=lambda g: (g.meta.order, g.meta.title),
        )


def guide_section(guide: Guide) -> str:
    """Guides for every reader sit under 'Reverse mentoring'; others under their first reader."""
    if set(guide.meta.audience) == set(AUDIENCES):
        return "basics"
    return guide.meta.audience[0]


def site_words(tailored: TailoredKit | None, words: Words | None = None) -> Words:
    """A tailored kit speaks the language it was tailored in; the general site English unless
    told otherwise."""
    if tailored is not None:
        return tailored.words
    return words or words_for(ENGLISH)


def render_site(
    templates_dir: Path, kit: Kit, tailored: TailoredKit | None, words: Words | None = None
) -> RenderedSite:
    r = PageRenderer(templates_dir, kit, tailored, words)
    pages: dict[str, str] = {}

    def add(path: str, template: str, **context: Any) -> str:
        pages[path] = r.render(template, path=path, **context)
        return path

    add(paths.HOME, "home.md.j2")
    add(paths.PROGRAMME, "programme.md.j2")
    for audience in AUDIENCES:
        add(paths.start_page(audience), "start.md.j2", audience=audience)
    for guide in kit.guides:
        add(paths.guide_page(guide.meta.id), "guide.md.j2", guide=guide)
    add(paths.PURPOSES, "purposes-index.md.j2")
    for purpose in kit.purposes:
        add(paths.purpose_page(purpose.id), "purpose.md.j2", purpose=purpose)
    add(paths.SESSIONS, "sessions-index.md.j2")
    for plan in kit.session_plans:
        add(paths.plan_page(plan.id), "plan.md.j2", plan=plan)
        for number, session in enumerate(plan.sessions, start=1):
            add(
                paths.session_page(plan.id, session.id),
                "session.md.j2",
                plan=plan,
                session=session,
                number=number,
            )
    add(paths.QUESTIONS, "questions-index.md.j2")
    for bank in kit.question_banks:
        add(paths.topic_page(bank.id), "topic.md.j2", bank=bank)
    add(paths.FEEDBACK, "feedback-index.md.j2")
    for module in kit.feedback_modules:
        add(paths.feedback_page(module.id), "feedback.md.j2", module=module)
    add(paths.FORMS, "forms-index.md.j2")
    for form in kit.forms:
        document = form_document(kit, form, tailored, r.words)  # what the PDF and DOCX print
        add(paths.form_page(form.id), "form.md.j2", form=form, document=document)
    for agreement in kit.agreements:
        add(paths.agreement_page(agreement.id), "agreement.md.j2", agreement=agreement)
    add(paths.CASES, "cases-index.md.j2")
    for case in kit.case_studies:
        add(paths.case_page(case.id), "case.md.j2", case=case)
    for page, template in (
        (paths.MESSAGES, "messages.md.j2"),
        (paths.GLOSSARY, "glossary.md.j2"),
        (paths.FAQ, "faq.md.j2"),
        (paths.STANDARDS, "standards.md.j2"),
        (paths.SOURCES, "sources.md.j2"),
        (paths.TAGS, "tags.md.j2"),
        (paths.ABOUT, "about.md.j2"),
        (paths.PRIVACY, "privacy.md.j2"),
    ):
        add(page, template)
    site_name = (
        r.words(
            "site.tailored_name", programme=tailored.org.programme, organisation=tailored.org.name
        )
        if tailored
        else None
    )
    return RenderedSite(
        pages,
        build_nav(kit, r.words, tailored, r.text),
        r.words.language,
        site_name=site_name,
        authoring=tailored is None,  # a tailored kit is the organisation's, not the authors'
    )


def purposes_in_order(kit: Kit, tailored: TailoredKit | None) -> list[Purpose]:
    """The kit's purposes, the organisation's own first when the kit is tailored."""
    if tailored is None:
        return list(kit.purposes)
    own = tailored.purpose.id
    return sorted(kit.purposes, key=lambda p: p.id != own)


def build_nav(
    kit: Kit, words: Words, tailored: TailoredKit | None = None, fill: Callable[[str], str] = str
) -> list[NavItem]:
    """The navigation: one tab per reader, then the shared libraries and reference. A tailored
    kit lists its own purpose first and leaves out the pages for the kit's authors. `fill` fills
    the placeholders in kit titles (escaped: the theme prints nav titles as HTML)."""
    by_section: dict[str, list[Guide]] = {}
    for guide in sorted(kit.guides, key=lambda g: (g.meta.order, g.meta.title)):
        by_section.setdefault(guide_section(guide), []).append(guide)
    nav = words.table("nav")

    def guides(section: str) -> list[NavItem]:
        return [
            {fill(g.meta.title): paths.guide_page(g.meta.id)} for g in by_section.get(section, [])
        ]

    def section(title: str, index: str, entries: list[tuple[str, str]]) -> NavItem:
        return {title: [index, *({name: path} for name, path in entries)]}

    return [
        {nav["home"]: paths.HOME},
        {
            nav["basics"]: [
                paths.PROGRAMME,
                *guides("basics"),
                section(
                    nav["cases"],
                    paths.CASES,
                    [(fill(c.organisation), paths.case_page(c.id)) for c in kit.case_studies],
                ),
            ]
        },
        {
            nav["mentors"]: [
                paths.start_page("mentor"),
                *guides("mentor"),
                section(
                    nav["feedback"],
                    paths.FEEDBACK,
                    [(fill(f.title), paths.feedback_page(f.id)) for f in kit.feedback_modules],
                ),
            ]
        },
        {
            nav["mentees"]: [
                paths.start_page("mentee"),
                *guides("mentee"),
                section(
                    nav["questions"],
                    paths.QUESTIONS,
                    [(fill(b.title), paths.topic_page(b.id)) for b in kit.question_banks],
                ),
            ]
        },
        {
            nav["leads"]: [
                paths.start_page("lead"),
                *guides("lead"),
                section(
                    nav["purposes"],
                    paths.PURPOSES,
                    [
                        (fill(p.title), paths.purpose_page(p.id))
                        for p in purposes_in_order(kit, tailored)
                    ],
                ),
                paths.MESSAGES,
                paths.STANDARDS,
            ]
        },
        {
            nav["sessions"]: [
                paths.SESSIONS,
                *(
                    section(
                        fill(plan.title),
                        paths.plan_page(plan.id),
                        [(fill(s.title), paths.session_page(plan.id, s.id)) for s in plan.sessions],
                    )
                    for plan in kit.session_plans
                ),
            ]
        },
        {
            nav["forms"]: [
                paths.FORMS,
                paths.PRIVACY,
                *({fill(f.title): paths.form_page(f.id)} for f in kit.forms),
                *({fill(a.title): paths.agreement_page(a.id)} for a in kit.agreements),
            ]
        },
        {
            nav["reference"]: [
                page for page in paths.REFERENCE if tailored is None or page not in paths.AUTHORING
            ]
        },
    ]
