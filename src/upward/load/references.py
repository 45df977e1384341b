"""Checks that need the whole kit: ids unique, references resolve, agendas add up,
placeholders exist. Each problem points at the line of the offending value.

What is checked comes from the model, not from lists here: the kinds and where their ids stand
from upward.model.kinds, and which fields name which kind from the fields' own types
(`PlanId`, `SourceId`, ...), found by `references_in`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from upward.load.located import LoadedKit, Origin, Unreadable
from upward.model.kinds import KINDS, entries, references_in, stored
from upward.problems import Loc, Problem, did_you_mean
from upward.text import check_placeholders, is_template
from upward.words import english

RESERVED = "index"
"""Each section's own page is `<section>/index.md`; an item with this id would overwrite it."""


def check_references(loaded: LoadedKit, unreadable: Unreadable | None = None) -> list[Problem]:
    """Every cross-reference problem, but none that points into a file that failed."""
    unreadable = unreadable or Unreadable()
    words = english()
    ids = {kind.name: [i for i, _, _ in entries(loaded.kit, kind)] for kind in KINDS if kind.ids}
    known = {kind: set(values) for kind, values in ids.items()}
    problems = [*_duplicates(loaded), *_reserved(loaded), *_agendas(loaded)]
    for item in stored(loaded.kit):
        origin = loaded.origin(item)
        for loc, kind, value in references_in(item):
            if value not in known[kind] and not unreadable.hides(kind, value):
                message = words(
                    "read.references.unknown_id",
                    kind=kind,
                    id=value,
                    hint=did_you_mean(value, ids[kind]),
                )
                problems.append(origin.problem(_in_file(loc), message))
    problems.extend(_placeholder_problems(loaded))
    return problems


def _in_file(loc: Loc) -> Loc:
    """Where a value of an item stands in its file: a guide's front matter is positioned
    without its `meta`."""
    return loc[1:] if loc[:1] == ("meta",) else loc


def _reserved(loaded: LoadedKit) -> Iterator[Problem]:
    words = english()
    for kind in KINDS:
        if not kind.has_page:
            continue
        for value, holder, loc in entries(loaded.kit, kind):
            if value == RESERVED:
                yield loaded.origin(holder).problem(
                    loc, words("read.references.reserved_id", kind=kind.name, id=value)
                )


def _duplicates(loaded: LoadedKit) -> Iterator[Problem]:
    """Ids that repeat where they must be unique: in the whole kit, or in one parent item (a
    purpose's goals). A kind named by its files cannot repeat (and is checked by the loader)."""
    words = english()
    for kind in KINDS:
        if not kind.ids or kind.named_by_file:
            continue
        seen: dict[tuple[int, str], Origin] = {}
        for value, holder, loc in entries(loaded.kit, kind):
            origin = loaded.origin(holder)
            scope = (id(holder) if kind.unique_in_parent else 0, value)
            if scope in seen:
                yield origin.problem(
                    loc,
                    words(
                        "read.references.duplicate_id",
                        kind=kind.name,
                        id=value,
                        file=seen[scope].shown,
                    ),
                )
            else:
                seen[scope] = origin


def _agendas(loaded: LoadedKit) -> Iterator[Problem]:
    """Each session's agenda adds up to its plan's minutes (checked here, so the problem can
    point at the agenda's own line)."""
    words = english()
    for plan in loaded.kit.session_plans:
        for index, session in enumerate(plan.sessions):
            if session.minutes != plan.minutes:
                yield loaded.origin(plan).problem(
                    ("sessions", index, "agenda"),
                    words(
                        "read.references.agenda_minutes",
                        total=session.minutes,
                        minutes=plan.minutes,
                    ),
                )


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
    for item in stored(loaded.kit):
        origin = loaded.origin(item)
        for loc, text in _strings(item, ()):
            if not is_template(text):
                continue
            problem = check_placeholders(text)
            if problem:
                yield origin.problem(_in_file(loc), problem.message, text_line=problem.line)
