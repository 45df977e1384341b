"""The one registry of kit content kinds, and the `Kit` that holds them.

Every kind is listed once, here: where its items are read from (a folder of files, one file,
or a list inside another kind's items), which `Kit` field holds them, what the inventory calls
them, whether their ids name pages. Loading, the reference checks, the inventory (`upward
validate`, the About page) and the pages' look-ups all read this list, so a new kind is one
entry here (plus its model in `content` and its field on `Kit`, which an import-time check
keeps in step).

Which ids a field refers to is said on the field itself (`PlanId`, `SourceId`: an `Id` marked
`Refers("plan")`); `references_in` finds every such field in an item, at any depth.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from upward.model.base import Refers, Strict
from upward.model.content import (
    Agreement,
    CaseStudy,
    Faq,
    FeedbackModule,
    Form,
    Glossary,
    Guide,
    GuideMeta,
    Message,
    MessageFile,
    Purpose,
    Question,
    QuestionBank,
    Session,
    SessionPlan,
    Source,
    SourceFile,
    Standards,
)
from upward.problems import Loc


@dataclass(frozen=True)
class Kind:
    """One kind of kit content."""

    name: str  # as messages name it: "unknown case study id 'x'"
    count: str = ""  # its key in the inventory (and in the words' `kinds` table); "": not counted
    attribute: str = ""  # the Kit field holding its items (or, for `file`, the file's model)
    folder: str = (
        ""  # kit/<folder>/: one file per item, named by its id (or, with `listed`, a list)
    )
    file: str = ""  # or one file for the whole kind: kit/<file>
    model: type[BaseModel] | None = None  # what one of its files holds
    listed: str = ""  # the key of the list of items in a file that holds many
    markdown: bool = False  # its files are Markdown with YAML front matter (`model`)
    parent: str = ""  # held inside another kind's items: that kind...
    key: str = ""  # ...and the list there that holds them
    ids: bool = True  # its items have ids
    unique_in_parent: bool = False  # ids unique within one parent item only, not the whole kit
    has_page: bool = False  # each item's id names a page beside its section's index.md

    @property
    def named_by_file(self) -> bool:
        """Each file holds one item whose id is the file's name (so ids cannot repeat)."""
        return bool(self.folder) and not self.listed

    @property
    def suffix(self) -> str:
        return ".md" if self.markdown else ".yaml"


KINDS: tuple[Kind, ...] = (
    Kind("purpose", "purposes", "purposes", "purposes", model=Purpose, has_page=True),
    Kind("question", "questions", parent="topic", key="questions"),
    Kind("topic", "topics", "question_banks", "questions", model=QuestionBank, has_page=True),
    Kind("plan", "session_plans", "session_plans", "sessions", model=SessionPlan),
    Kind("session", "sessions", parent="plan", key="sessions", has_page=True),
    Kind("form", "forms", "forms", "forms", model=Form, has_page=True),
    Kind(
        "feedback module",
        "feedback_modules",
        "feedback_modules",
        "feedback",
        model=FeedbackModule,
        has_page=True,
    ),
    Kind("agreement", "agreements", "agreements", "agreements", model=Agreement, has_page=True),
    Kind("case study", "case_studies", "case_studies", "cases", model=CaseStudy, has_page=True),
    Kind("guide", "guides", "guides", "guides", model=GuideMeta, markdown=True, has_page=True),
    Kind("message", "messages", "messages", "messages", model=MessageFile, listed="messages"),
    Kind("source", "sources", "sources", "sources", model=SourceFile, listed="sources"),
    Kind(
        "glossary term",
        "glossary_terms",
        "glossary",
        file="glossary.yaml",
        model=Glossary,
        listed="terms",
        ids=False,
    ),
    Kind("answer", "", "faq", file="faq.yaml", model=Faq, listed="questions", ids=False),
    Kind(
        "standard element",
        "",
        "standards",
        file="standards.yaml",
        model=Standards,
        listed="elements",
    ),
    Kind("goal", parent="purpose", key="goals", unique_in_parent=True),
    Kind("clause", parent="agreement", key="clauses", unique_in_parent=True),
)
"""Every kind, in the order the inventory lists them."""

BY_NAME = {kind.name: kind for kind in KINDS}
FROM_FOLDERS = tuple(kind for kind in KINDS if kind.folder)
FROM_FILES = tuple(kind for kind in KINDS if kind.file)


def inside(kind: Kind) -> tuple[str, ...]:
    """The kinds whose ids a file of `kind` holds beyond its own name: unknowable when it fails
    to parse (a topic's questions; the messages of a messages file)."""
    held = tuple(k.name for k in KINDS if k.parent == kind.name)
    return (kind.name, *held) if kind.listed else held


def lost_with(kind: Kind) -> tuple[str, ...]:
    """Every kind some of whose items are lost when a file of `kind` fails."""
    return (kind.name, *inside(kind)) if kind.named_by_file else inside(kind)


class Kit(Strict):
    """Everything under kit/, validated and cross-checked: one field per kind read from files."""

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
        return items(self, BY_NAME["question"])

    @property
    def sessions(self) -> list[Session]:
        return items(self, BY_NAME["session"])

    def counts(self) -> dict[str, int]:
        """The inventory, as `upward validate` prints it and the About page shows it."""
        return {kind.count: len(items(self, kind)) for kind in KINDS if kind.count}


_FIELDS = {kind.attribute for kind in KINDS if kind.attribute}
assert set(Kit.model_fields) == _FIELDS, (
    f"Kit's fields and KINDS differ: {_FIELDS ^ set(Kit.model_fields)}"
)


def items(kit: Kit, kind: Kind) -> list[Any]:
    """Every item of `kind` in the kit, in the kit's order."""
    if kind.parent:
        return [
            child
            for holder in items(kit, BY_NAME[kind.parent])
            for child in getattr(holder, kind.key)
        ]
    held = getattr(kit, kind.attribute)
    if kind.file:
        return list(getattr(held, kind.listed)) if held is not None else []
    return list(held)


def entries(kit: Kit, kind: Kind) -> Iterator[tuple[str, Any, Loc]]:
    """(id, the item whose file holds it, where the id stands in that item) for every item of
    `kind`: what a check needs to point at the id's own line."""
    if kind.parent:
        for holder in items(kit, BY_NAME[kind.parent]):
            for index, child in enumerate(getattr(holder, kind.key)):
                yield child.id, holder, (kind.key, index, "id")
    elif kind.file:
        held = getattr(kit, kind.attribute)
        for index, child in enumerate(items(kit, kind)):
            yield child.id, held, (kind.listed, index, "id")
    else:
        for item in items(kit, kind):
            yield item.id, item, ("id",)


def by_id(kit: Kit, name: str) -> dict[str, Any]:
    """The items of the kind called `name`, by id."""
    return {
        value: item for value, item in zip(ids(kit, name), items(kit, BY_NAME[name]), strict=True)
    }


def ids(kit: Kit, name: str) -> list[str]:
    return [value for value, _, _ in entries(kit, BY_NAME[name])]


def holders(kit: Kit, name: str) -> dict[str, Any]:
    """For a kind held inside another (questions in topics), the holding item by held id."""
    return {value: holder for value, holder, _ in entries(kit, BY_NAME[name])}


def stored(kit: Kit) -> Iterator[Any]:
    """Every object the loader read from a file of its own (or from a list in a file), each of
    which has an origin: the items of the folder kinds, then the single files."""
    for kind in FROM_FOLDERS:
        yield from getattr(kit, kind.attribute)
    for kind in FROM_FILES:
        held = getattr(kit, kind.attribute)
        if held is not None:
            yield held


# --- references between kinds ---------------------------------------------------------------


def references_in(item: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """(where, kind, id) for every id in `item` that names an item of another kind, at any
    depth (a purpose's `plan`, the `sources` of each fact in its `why`)."""
    for key, kind in _walk_plan(type(item)):
        found = getattr(item, key.attribute)
        if found is None:
            continue
        if kind:
            if isinstance(found, str):
                yield (*loc, key.name), kind, found
            else:
                for index, value in enumerate(found):
                    yield (*loc, key.name, index), kind, value
        elif isinstance(found, BaseModel):
            yield from references_in(found, (*loc, key.name))
        else:  # a list that may mix models with plain values (a form's options)
            for index, child in enumerate(found):
                if isinstance(child, BaseModel):
                    yield from references_in(child, (*loc, key.name, index))


@dataclass(frozen=True)
class _Key:
    attribute: str  # the model's field
    name: str  # as written in YAML (its alias, if it has one)


@cache
def _walk_plan(model: type[BaseModel]) -> tuple[tuple[_Key, str], ...]:
    """For one model class, computed once: its fields that refer to a kind (with the kind), and
    its fields that hold models of their own (with "" for the kind)."""
    plan = []
    for name, info in model.model_fields.items():
        key = _Key(name, info.alias or name)
        kind = _refers(info.metadata) or _refers_inside(info.annotation)
        if kind or _holds_models(info.annotation):
            plan.append((key, kind))
    return tuple(plan)


def _refers(metadata: Any) -> str:
    return next((m.kind for m in metadata if isinstance(m, Refers)), "")


def _refers_inside(annotation: Any) -> str:
    """The kind named in `list[PlanId]` or `PlanId | None`."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _refers(typing.get_args(annotation)[1:])
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        return next((k for a in typing.get_args(annotation) if (k := _refers_inside(a))), "")
    return ""


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    if typing.get_origin(annotation) is typing.Annotated:
        return _holds_models(typing.get_args(annotation)[0])
    return any(_holds_models(a) for a in typing.get_args(annotation))
