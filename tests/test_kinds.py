"""The registry of content kinds (upward.model.kinds) is the one list that loading, the reference
checks, the inventory and the pages read: these tests hold it to the model, the words and the
kit folder, and show that what it says reaches the loader's messages."""

from __future__ import annotations

import typing
from pathlib import Path

from pydantic import BaseModel

from upward.load.kit import IGNORED, load_kit
from upward.model import Kit, Purpose
from upward.model.kinds import BY_NAME, FROM_FILES, FROM_FOLDERS, KINDS, references_in
from upward.problems import ProblemsFound
from upward.words import english

from conftest import KIT


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """`model` and every model its fields hold, at any depth."""
    if model in seen:
        return seen
    seen.add(model)
    for info in model.model_fields.values():
        for arg in _types(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                _models(arg, seen)
    return seen


def _types(annotation: object) -> list[object]:
    return [annotation, *(t for arg in typing.get_args(annotation) for t in _types(arg))]


def test_the_kit_holds_one_field_per_kind_read_from_files() -> None:
    assert {k.attribute for k in KINDS if k.attribute} == set(Kit.model_fields)
    assert all(k.attribute and k.model for k in (*FROM_FOLDERS, *FROM_FILES))
    assert all(BY_NAME[k.parent].ids for k in KINDS if k.parent)


def test_every_reference_names_a_kind_with_ids() -> None:
    models = set()
    for kind in KINDS:
        if kind.model:
            _models(kind.model, models)
    named = {
        m.kind
        for model in models
        for info in model.model_fields.values()
        for t in [*_types(info.annotation), info]
        for m in getattr(t, "__metadata__", getattr(t, "metadata", ()))
        if type(m).__name__ == "Refers"
    }
    assert named  # the walk sees the marks at all
    assert named <= {k.name for k in KINDS if k.ids}, named


def test_every_counted_kind_has_its_words() -> None:
    kinds = english().table("kinds")
    assert [k.count for k in KINDS if k.count] == list(kinds)


def test_the_kit_folder_holds_only_kinds_and_what_the_loader_ignores() -> None:
    names = {p.name for p in KIT.iterdir() if not p.name.startswith(".")}
    expected = {k.folder for k in FROM_FOLDERS} | {k.file for k in FROM_FILES} | IGNORED
    assert names == expected


def test_references_are_found_at_any_depth_by_the_fields_own_types() -> None:
    purpose = load_kit(KIT).kit.purposes[0]
    assert isinstance(purpose, Purpose)
    found = list(references_in(purpose))
    assert (("plan",), "plan", purpose.plan) in found
    fact = purpose.why[0]
    assert (("why", 0, "sources", 0), "source", fact.sources[0]) in found
    assert {kind for _, kind, _ in found} <= {"plan", "topic", "case study", "source"}


def test_a_repeated_standard_element_is_reported_at_its_line(kit_copy: Path) -> None:
    """Ids of every kind not named by its files must be unique: the registry makes that true
    of the standards' elements too, which no hand list covered."""
    path = kit_copy / "standards.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: emcc-training", "id: emcc-purpose", 1), encoding="utf-8")
    line = text.splitlines().index("  - id: emcc-training") + 1
    try:
        load_kit(kit_copy)
    except ProblemsFound as found:
        (problem,) = found.problems
    else:
        raise AssertionError("a repeated element id was accepted")
    assert (problem.line, problem.field) == (line, "elements.1.id")
    assert "standard element id 'emcc-purpose' is already used" in problem.message


def test_an_unknown_reference_deep_in_a_guide_points_at_its_line(kit_copy: Path) -> None:
    guide = next(
        p for p in sorted((kit_copy / "guides").glob("*.md")) if "\nnext: [" in p.read_text()
    )
    lines = guide.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("next: ["))
    lines[at] = lines[at].replace("next: [", "next: [no-such-guide, ")
    guide.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_kit(kit_copy)
    except ProblemsFound as found:
        (problem,) = found.problems
    else:
        raise AssertionError("an unknown guide id was accepted")
    assert (problem.line, problem.field) == (at + 1, "next.0")
    assert problem.message.startswith("unknown guide id 'no-such-guide'")
