"""Validate parsed YAML against a model and turn pydantic's errors into located problems."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from upward.load.yamlfile import Loc, Positions
from upward.model.base import ID_PATTERN
from upward.problems import Problem, ProblemsFound, did_you_mean
from upward.words import Words, english

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, shown: str, positions: Positions) -> M:
    """The validated model, or ProblemsFound with every error located and explained."""
    if not isinstance(data, dict):
        words = english()
        if data is None:
            message = words("check.file.empty")
        else:  # the type's own name (list, str): what a reader of the YAML can look up
            message = words("check.file.not_a_mapping", kind=type(data).__name__)
        raise ProblemsFound([Problem(shown, 1, 1, message=message)])
    # values the YAML reader refused (kept as text meanwhile), named by the field they are in
    at = {where: loc for loc, where in positions.values.items()}
    refused = [
        dataclasses.replace(p, field=".".join(map(str, at.get((p.line, p.column), ()))))
        for p in positions.problems
    ]
    try:
        validated = model.model_validate(data)
    except ValidationError as error:
        lines = {p.line for p in refused}
        errors = _without_misspelt_missing(error.errors(), data)
        found = [_problem(model, e, shown, positions, data) for e in errors]
        raise ProblemsFound([*refused, *(p for p in found if p.line not in lines)]) from None
    if refused:
        raise ProblemsFound(refused)
    return validated


def _without_misspelt_missing(errors: list[Any], data: Any) -> list[Any]:
    """A misspelt key is one slip: report it as unknown, with its did-you-mean, not also as a
    required key that is missing (one problem, on the line of the misspelling)."""
    unknown: dict[Loc, list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = _data_loc(error["loc"], data, missing=False)
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    kept = []
    for error in errors:
        if error["type"] == "missing":
            loc = _data_loc(error["loc"], data, missing=True)
            if any(did_you_mean(key, [str(loc[-1])]) for key in unknown.get(loc[:-1], [])):
                continue
        kept.append(error)
    return kept


def _problem(
    model: type[BaseModel], error: Any, shown: str, positions: Positions, data: Any
) -> Problem:
    loc = _data_loc(error["loc"], data, missing=error["type"] == "missing")
    field = ".".join(str(part) for part in loc)
    kind = error["type"]
    words = english()
    if kind == "extra_forbidden":
        allowed = _field_names(model, loc[:-1])
        line, column = positions.of(loc, key=True)
        hint = did_you_mean(loc[-1], allowed)
        message = words("check.keys.unknown", key=loc[-1], did_you_mean=hint)
        return Problem(shown, line, column, field, message)
    if kind == "invalid_key":
        line, column = positions.of(loc, key=True)
        message = words("check.keys.number", key=repr(loc[-1]))
        return Problem(shown, line, column, field, message)
    if kind == "missing":
        line, column = positions.of(loc[:-1])
        return Problem(shown, line, column, field, words("check.keys.missing", key=loc[-1]))
    line, column = positions.of(loc)
    if kind == "literal_error":
        expected = [
            v.strip(" '") for v in error["ctx"]["expected"].replace(" or ", ", ").split(",")
        ]
        message = words("check.pydantic.literal_error", expected=_one_of(expected, words))
        message += did_you_mean(error["input"], expected)
    elif kind == "string_too_short" and not str(error["input"]).strip():
        message = words("check.text.blank")
    elif kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == ID_PATTERN:
        message = words("check.text.kebab_case")
    elif kind == "model_type":  # pydantic would name the model's class
        message = words("check.file.not_a_mapping", kind=type(error["input"]).__name__)
    else:
        message = pydantic_message(error, words)
    return Problem(shown, line, column, field, message)


_COUNTED = ("min_length", "max_length")
"""The context values whose number picks a message's `_one` or `_other` form."""


def pydantic_message(error: Any, words: Words) -> str:
    """Pydantic's message from the words file, with its context filled in, so a translation
    covers it; our validators' own messages (value_error) and any error type the words do not
    name come as pydantic gives them."""
    kind, context = error["type"], dict(error.get("ctx") or {})
    counted = [context[name] for name in _COUNTED if name in context]
    key = f"check.pydantic.{kind}"
    if counted:
        key += "_one" if counted[0] == 1 else "_other"
    if key not in words.entries:
        return error["msg"].removeprefix("Value error, ")
    for name, value in context.items():  # 0.0 as 0, as pydantic writes a bound
        if isinstance(value, float) and value.is_integer():
            context[name] = int(value)
    if "field_type" in context:
        names = words.table("check.pydantic.field_types")
        context["field_type"] = names.get(context["field_type"].lower(), context["field_type"])
    return words(key, **context)


def _one_of(choices: list[str], words: Words) -> str:
    """'a', 'b' or 'c': the values a field accepts, each quoted."""
    quoted = [words("check.pydantic.choice", value=choice) for choice in choices]
    if len(quoted) == 1:
        return quoted[0]
    first = words("lists.separator").join(quoted[:-1])
    return words("check.pydantic.one_of", items=first, last=quoted[-1])


def _data_loc(loc: tuple[Any, ...], data: Any, *, missing: bool) -> Loc:
    """Pydantic's location with its own union and validator tags dropped: only the keys and
    indexes that exist in the file remain (plus the last key, when it is the missing one)."""
    kept: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
        elif not (missing and index == len(loc) - 1):
            continue
        kept.append(part)
    return tuple(kept)


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a mapping at `loc` accepts, for a did-you-mean hint on an unknown key."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    current = _step(current, None)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _step(annotation: Any, part: str | int | None) -> Any:
    """Follow one path element through an annotation (models, lists, optionals)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _step(typing.get_args(annotation)[0], part)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                found = _step(arg, part)
                if found is not None:
                    return found
        return None
    if part is None:
        return annotation
    if origin is list and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        for name, info in annotation.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
    return None
