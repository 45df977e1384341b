"""Checks that need the whole kit: ids unique, references resolve, agendas add up,
placeholders exist. Each problem points at the line of the offending value."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from upward.load.located import LoadedKit, Origin, Unreadable
from upward.load.yamlfile import Loc
from upward.problems import Problem, did_you_mean
from upward.text import check_placeholders, is_template


def check_references(loaded: LoadedKit, unreadable: Unreadable | None = None) -> list[Problem]:
    """Every cross-reference problem, but none that points into a file that failed."""
    unreadable = unreadable or Unreadable()
    kit = loaded.kit
    ids = {
        "purpose": [p.id for p in kit.purposes],
        "topic": [b.id for b in kit.question_banks],
        "question": [q.id for q in kit.questions],
        "plan": [p.id for p in kit.session_plans],
        "session": [s.id for s in kit.sessions],
        "form": [f.id for f in kit.forms],
        "agreement": [a.id for a in kit.agreements],
        "feedback module": [f.id for f in kit.feedback_modules],
        "case study": [c.id for c in kit.case_studies],
        "guide": [g.meta.id for g in kit.guides],
        "message": [msg.id for msg in kit.messages],
        "source": [s.id for s in kit.sources],
    }
    problems = [*_duplicates(loaded), *_reserved(loaded)]
    known = {kind: set(values) for kind, values in ids.items()}

    def ref(origin: Origin, loc: Loc, kind: str, value: str) -> None:
        if value not in known[kind] and not unreadable.hides(kind, value):
            hint = did_you_mean(value, ids[kind])
            problems.append(origin.problem(loc, f"unknown {kind} id '{value}'{hint}"))

    def refs(origin: Origin, loc: Loc, kind: str, values: Iterable[str]) -> None:
        for index, value in enumerate(values):
            ref(origin, (*loc, index), kind, value)

    for purpose in kit.purposes:
        o = loaded.origin(purpose)
        ref(o, ("plan",), "plan", purpose.plan)
        refs(o, ("topics",), "topic", purpose.topics)
        refs(o, ("cases",), "case study", purpose.cases)
        for i, fact in enumerate(purpose.why):
            refs(o, ("why", i, "sources"), "source", fact.sources)
    for bank in kit.question_banks:
        o = loaded.origin(bank)
        for i, question in enumerate(bank.questions):
            refs(o, ("questions", i, "purposes"), "purpose", question.purposes)
    for plan in kit.session_plans:
        o = loaded.origin(plan)
        refs(o, ("sources",), "source", plan.sources)
        refs(o, ("purposes",), "purpose", plan.purposes)
        for i, session in enumerate(plan.sessions):
            refs(o, ("sessions", i, "questions"), "question", session.questions)
            if session.form:
                ref(o, ("sessions", i, "form"), "form", session.form)
            if session.minutes != plan.minutes:
                problems.append(
                    o.problem(
                        ("sessions", i, "agenda"),
                        f"the agenda's minutes add up to {session.minutes}, "
                        f"but the plan's sessions last {plan.minutes}; change the items' "
                        "minutes or the plan's `minutes` so they agree",
                    )
                )
    for module in kit.feedback_modules:
        refs(loaded.origin(module), ("sources",), "source", module.sources)
    for form in kit.forms:
        if form.agreement:
            ref(loaded.origin(form), ("agreement",), "agreement", form.agreement)
    for case in kit.case_studies:
        o = loaded.origin(case)
        refs(o, ("sources",), "source", case.sources)
        refs(o, ("purposes",), "purpose", case.purposes)
        for key in ("design", "outcomes"):
            for i, fact in enumerate(getattr(case, key)):
                refs(o, (key, i, "sources"), "source", fact.sources)
    for guide in kit.guides:
        o = loaded.origin(guide)
        refs(o, ("next",), "guide", guide.meta.next)
        refs(o, ("purposes",), "purpose", guide.meta.purposes)
        refs(o, ("sources",), "source", guide.meta.sources)
    if kit.standards:
        refs(loaded.origin(kit.standards), ("sources",), "source", kit.standards.sources)
    if kit.faq:
        for i, answer in enumerate(kit.faq.questions):
            refs(loaded.origin(kit.faq), ("questions", i, "sources"), "source", answer.sources)
    if kit.glossary:
        for i, term in enumerate(kit.glossary.terms):
            refs(loaded.origin(kit.glossary), ("terms", i, "sources"), "source", term.sources)
    problems.extend(_placeholder_problems(loaded))
    return problems


def _items(loaded: LoadedKit) -> Iterator[tuple[BaseModel, Origin]]:
    kit = loaded.kit
    for group in (
        kit.purposes,
        kit.question_banks,
        kit.session_plans,
        kit.feedback_modules,
        kit.agreements,
        kit.forms,
        kit.case_studies,
        kit.messages,
        kit.sources,
        kit.guides,
    ):
        for item in group:
            yield item, loaded.origin(item)
    for single in (kit.glossary, kit.faq, kit.standards):
        if single is not None:
            yield single, loaded.origin(single)


RESERVED = "index"
"""Each section's own page is `<section>/index.md`; an item with this id would overwrite it."""


def _reserved(loaded: LoadedKit) -> Iterator[Problem]:
    kit = loaded.kit
    items: list[tuple[str, object, Loc, str]] = [
        *(("purpose", p, ("id",), p.id) for p in kit.purposes),
        *(("topic", b, ("id",), b.id) for b in kit.question_banks),
        *(("feedback module", f, ("id",), f.id) for f in kit.feedback_modules),
        *(("agreement", a, ("id",), a.id) for a in kit.agreements),
        *(("form", f, ("id",), f.id) for f in kit.forms),
        *(("case study", c, ("id",), c.id) for c in kit.case_studies),
        *(("guide", g, ("id",), g.meta.id) for g in kit.guides),
        *(
            ("session", plan, ("sessions", i, "id"), s.id)
            for plan in kit.session_plans
            for i, s in enumerate(plan.sessions)
        ),
    ]
    for kind, item, loc, value in items:
        if value == RESERVED:
            yield loaded.origin(item).problem(
                loc, f"{kind} id '{value}' is reserved for the section's own page; choose another"
            )


def _duplicates(loaded: LoadedKit) -> Iterator[Problem]:
    kit = loaded.kit
    groups: list[tuple[str, list[tuple[str, Origin, Loc]]]] = [
        (
            "question",
            [
                (q.id, loaded.origin(b), ("questions", i, "id"))
                for b in kit.question_banks
                for i, q in enumerate(b.questions)
            ],
        ),
        (
            "session",
            [
                (s.id, loaded.origin(p), ("sessions", i, "id"))
                for p in kit.session_plans
                for i, s in enumerate(p.sessions)
            ],
        ),
        ("message", [(msg.id, loaded.origin(msg), ("id",)) for msg in kit.messages]),
        ("source", [(s.id, loaded.origin(s), ("id",)) for s in kit.sources]),
    ]
    for purpose in kit.purposes:
        groups.append(
            (
                "goal",
                [
                    (g.id, loaded.origin(purpose), ("goals", i, "id"))
                    for i, g in enumerate(purpose.goals)
                ],
            )
        )
    for agreement in kit.agreements:
        groups.append(
            (
                "clause",
                [
                    (c.id, loaded.origin(agreement), ("clauses", i, "id"))
                    for i, c in enumerate(agreement.clauses)
                ],
            )
        )
    for kind, entries in groups:
        seen: dict[str, Origin] = {}
        for value, origin, loc in entries:
            if value in seen:
                yield origin.problem(
                    loc, f"{kind} id '{value}' is already used in {seen[value].shown}"
                )
            else:
                seen[value] = origin


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _strings(getattr(value, name), (*loc, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def _placeholder_problems(loaded: LoadedKit) -> Iterator[Problem]:
    for item, origin in _items(loaded):
        for loc, text in _strings(item, ()):
            if not is_template(text):
                continue
            if loc[:1] == ("meta",):  # a guide's front matter is positioned without "meta"
                loc = loc[1:]
            problem = check_placeholders(text)
            if problem:
                yield origin.problem(loc, problem.message, text_line=problem.line)
