"""Render the kit (and, when tailoring, one organisation's programme) into Markdown pages.

The pages and the navigation are a pure function of the model: MkDocs only turns the result
into HTML. Templates live in `templates/pages`; this module decides which pages exist, in
what order, and what each template is given.
"""

from __future__ import annotations

import dataclasses
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup

from upward.jinja_cache import PAGE_TEMPLATES
from upward.model import Audience, Guide, Kit
from upward.tailoring import GENERAL_ORG, TailoredKit, format_date, prefill_values
from upward.text import TextRenderer, markdown_literal

AUDIENCES: dict[Audience, str] = {
    "mentor": "Mentors",
    "mentee": "Mentees",
    "lead": "Programme leads",
}
STAGE_TITLES = {
    "first": "For the first session",
    "early": "Early sessions",
    "middle": "Middle sessions",
    "closing": "For closing",
    "any": "Any time",
}
NavItem = dict[str, Any]


@dataclass(frozen=True)
class RenderedSite:
    pages: dict[str, str]  # path under docs -> Markdown
    nav: list[NavItem]


class PageRenderer:
    """Holds one Jinja environment for a whole site: built once, used for every page."""

    def __init__(self, templates_dir: Path, kit: Kit, tailored: TailoredKit | None) -> None:
        self.kit = kit
        self.tailored = tailored
        org = tailored.org if tailored else GENERAL_ORG
        self.text = TextRenderer(org, markdown_literal)
        self.env = Environment(
            loader=FileSystemLoader([templates_dir / "pages", templates_dir / "forms"]),
            autoescape=select_autoescape(enabled_extensions=("j2",), default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=PAGE_TEMPLATES,  # compiled once per process, not once per site
        )
        self.plain_text = TextRenderer(org)
        self.index = _Index(kit)
        self.env.filters.update(
            t=lambda value: Markup(self.text(str(value))),
            plain=lambda value: self.plain_text(str(value)),
            format_date=format_date,
        )
        self.env.globals.update(
            kit=kit,
            tailored=tailored,
            org={k: Markup(markdown_literal(v)) for k, v in dataclasses.asdict(org).items()},
            audiences=AUDIENCES,
            stage_titles=STAGE_TITLES,
            index=self.index,
            rel=_relative_link,
            tag_names=self.tag_names,
            prefill=prefill_values(tailored),
            coverage=standards_coverage(kit),
        )

    def tag_names(self, audience: list[str], purposes: list[str]) -> list[str]:
        """Tags for a page: its readers, then its purposes (Material links pages by tag)."""
        return [AUDIENCES[a] for a in audience] + [self.index.purposes[p].title for p in purposes]

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


@pass_context
def _relative_link(context: Any, target: str) -> str:
    """A link from the page being rendered to `target` (both paths under docs/)."""
    return posixpath.relpath(target, posixpath.dirname(context["path"]) or ".")


def standards_coverage(kit: Kit) -> dict[str, list[tuple[str, str]]]:
    """For each standard element, the kit pages whose items are tagged with it."""
    coverage: dict[str, list[tuple[str, str]]] = {}
    items: list[tuple[str, str, list[str]]] = [
        *((p.title, f"purposes/{p.id}.md", p.standards) for p in kit.purposes),
        *((f.title, f"forms/{f.id}.md", f.standards) for f in kit.forms),
        *((a.title, f"agreements/{a.id}.md", a.standards) for a in kit.agreements),
        *((f.title, f"feedback/{f.id}.md", f.standards) for f in kit.feedback_modules),
        *((g.meta.title, f"guides/{g.meta.id}.md", g.meta.standards) for g in kit.guides),
        *((p.title, f"sessions/{p.id}/index.md", p.standards) for p in kit.session_plans),
        *((m.title, "messages.md", m.standards) for m in kit.messages),
    ]
    for plan in kit.session_plans:
        items.extend((s.title, f"sessions/{plan.id}/{s.id}.md", s.standards) for s in plan.sessions)
    for title, path, standards in items:
        for element in standards:
            entry = (title, path)
            if entry not in coverage.setdefault(element, []):
                coverage[element].append(entry)
    return coverage


class _Index:
    """Look-ups the templates need (by id), computed once per site."""

    def __init__(self, kit: Kit) -> None:
        self.purposes = {p.id: p for p in kit.purposes}
        self.banks = {b.id: b for b in kit.question_banks}
        self.questions = {q.id: q for q in kit.questions}
        self.topic_of = {q.id: b for b in kit.question_banks for q in b.questions}
        self.plans = {p.id: p for p in kit.session_plans}
        self.plan_of = {s.id: p for p in kit.session_plans for s in p.sessions}
        self.forms = {f.id: f for f in kit.forms}
        self.agreements = {a.id: a for a in kit.agreements}
        self.cases = {c.id: c for c in kit.case_studies}
        self.guides = {g.meta.id: g for g in kit.guides}
        self.sources = {s.id: s for s in kit.sources}

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


def render_site(templates_dir: Path, kit: Kit, tailored: TailoredKit | None) -> RenderedSite:
    r = PageRenderer(templates_dir, kit, tailored)
    pages: dict[str, str] = {}

    def add(path: str, template: str, **context: Any) -> str:
        pages[path] = r.render(template, path=path, **context)
        return path

    add("index.md", "home.md.j2")
    add("programme.md", "programme.md.j2")
    for audience in AUDIENCES:
        add(f"start/{audience}.md", "start.md.j2", audience=audience)
    for guide in kit.guides:
        add(f"guides/{guide.meta.id}.md", "guide.md.j2", guide=guide)
    add("purposes/index.md", "purposes-index.md.j2")
    for purpose in kit.purposes:
        add(f"purposes/{purpose.id}.md", "purpose.md.j2", purpose=purpose)
    add("sessions/index.md", "sessions-index.md.j2")
    for plan in kit.session_plans:
        add(f"sessions/{plan.id}/index.md", "plan.md.j2", plan=plan)
        for number, session in enumerate(plan.sessions, start=1):
            add(
                f"sessions/{plan.id}/{session.id}.md",
                "session.md.j2",
                plan=plan,
                session=session,
                number=number,
            )
    add("questions/index.md", "questions-index.md.j2")
    for bank in kit.question_banks:
        add(f"questions/{bank.id}.md", "topic.md.j2", bank=bank)
    add("feedback/index.md", "feedback-index.md.j2")
    for module in kit.feedback_modules:
        add(f"feedback/{module.id}.md", "feedback.md.j2", module=module)
    add("forms/index.md", "forms-index.md.j2")
    for form in kit.forms:
        add(f"forms/{form.id}.md", "form.md.j2", form=form)
    for agreement in kit.agreements:
        add(f"agreements/{agreement.id}.md", "agreement.md.j2", agreement=agreement)
    add("cases/index.md", "cases-index.md.j2")
    for case in kit.case_studies:
        add(f"cases/{case.id}.md", "case.md.j2", case=case)
    for name in ("messages", "glossary", "faq", "standards", "sources", "tags", "about"):
        add(f"{name}.md", f"{name}.md.j2")
    return RenderedSite(pages, build_nav(kit))


def build_nav(kit: Kit) -> list[NavItem]:
    """The navigation: one tab per reader, then the shared libraries and reference."""
    by_section: dict[str, list[Guide]] = {}
    for guide in sorted(kit.guides, key=lambda g: (g.meta.order, g.meta.title)):
        by_section.setdefault(guide_section(guide), []).append(guide)

    def guides(section: str) -> list[NavItem]:
        return [{g.meta.title: f"guides/{g.meta.id}.md"} for g in by_section.get(section, [])]

    def section(title: str, index: str, entries: list[tuple[str, str]]) -> NavItem:
        return {title: [index, *({name: path} for name, path in entries)]}

    return [
        {"Home": "index.md"},
        {
            "Reverse mentoring": [
                "programme.md",
                *guides("basics"),
                section(
                    "Case studies",
                    "cases/index.md",
                    [(c.organisation, f"cases/{c.id}.md") for c in kit.case_studies],
                ),
            ]
        },
        {
            "Mentors": [
                "start/mentor.md",
                *guides("mentor"),
                section(
                    "Feedback training",
                    "feedback/index.md",
                    [(f.title, f"feedback/{f.id}.md") for f in kit.feedback_modules],
                ),
            ]
        },
        {
            "Mentees": [
                "start/mentee.md",
                *guides("mentee"),
                section(
                    "Question builder",
                    "questions/index.md",
                    [(b.title, f"questions/{b.id}.md") for b in kit.question_banks],
                ),
            ]
        },
        {
            "Programme leads": [
                "start/lead.md",
                *guides("lead"),
                section(
                    "Purposes",
                    "purposes/index.md",
                    [(p.title, f"purposes/{p.id}.md") for p in kit.purposes],
                ),
                "messages.md",
                "standards.md",
            ]
        },
        {
            "Sessions": [
                "sessions/index.md",
                *(
                    section(
                        plan.title,
                        f"sessions/{plan.id}/index.md",
                        [(s.title, f"sessions/{plan.id}/{s.id}.md") for s in plan.sessions],
                    )
                    for plan in kit.session_plans
                ),
            ]
        },
        {
            "Forms": [
                "forms/index.md",
                *({f.title: f"forms/{f.id}.md"} for f in kit.forms),
                *({a.title: f"agreements/{a.id}.md"} for a in kit.agreements),
            ]
        },
        {"Reference": ["glossary.md", "faq.md", "sources.md", "tags.md", "about.md", "editing.md"]},
    ]
