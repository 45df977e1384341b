"""The model's checks speak from the words file (en.yaml's `check` section): pydantic's own
messages are worded there too, in pydantic's English, so a translation covers every problem a
user is shown; what pydantic would word badly (a regular expression, a class name) we word."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from upward import model
from upward.load.validation import pydantic_message, validate
from upward.load.yamlfile import parse_yaml
from upward.problems import ProblemsFound
from upward.words import english

PROFILE = {"organisation": "Acme", "start": "2027-01-11"}
BAD_PROFILES = [
    {"sessions": 0},
    {"sessions": 99},
    {"sessions": "six"},
    {"sessions": 2.5},
    {"organisation": 5},
    {"organisation": "x" * 300},
    {"country": "x" * 20},
    {"working_days": []},
    {"working_days": ["monday"] * 8},
    {"working_days": "monday"},
    {"blackout": ["2027-13-01", "x", 5]},
    {"matching_rules": {"weights": {"topics": -1, "preference": 300, "format": "x"}}},
    {"matching_rules": {"circle_mentors": [1, 2, 3], "same_team": True}},
    {"kit_url": "ftp://example.org"},
    {"privacy": {"controller": "X", "contact": {"name": "A", "email": "a@b.org"}, "bad": 1}},
]


def pydantic_errors() -> list[Any]:
    errors = []
    for bad in BAD_PROFILES:
        with pytest.raises(ValidationError) as raised:
            model.Profile.model_validate({**PROFILE, **bad})
        errors.extend(raised.value.errors())
    return errors


def testpydantic_messages_from_the_words_read_as_pydantic_writes_them() -> None:
    """Each template in `check.pydantic` gives pydantic's own sentence, its numbers and
    plurals included; a type the words lack keeps pydantic's text."""
    words = english()
    worded = set()
    for error in pydantic_errors():
        assert pydantic_message(error, words) == error["msg"].removeprefix("Value error, ")
        if any(key.startswith(f"check.pydantic.{error['type']}") for key in words.entries):
            worded.add(error["type"])
    assert {
        "greater_than_equal",
        "less_than_equal",
        "int_type",
        "float_type",
        "string_type",
        "string_too_long",
        "string_pattern_mismatch",
        "too_short",
        "too_long",
        "list_type",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    } <= worded


def test_a_translatedpydantic_message_fills_its_context_and_plural() -> None:
    words = english()
    error = {"type": "too_short", "msg": "", "ctx": {"field_type": "List", "min_length": 1}}
    error["ctx"]["actual_length"] = 0
    assert pydantic_message(error, words) == (
        "List should have at least 1 item after validation, not 0"
    )
    error["ctx"] |= {"min_length": 2, "field_type": "Tuple"}
    assert pydantic_message(error, words) == (
        "Tuple should have at least 2 items after validation, not 0"
    )
    unnamed = {"type": "url_scheme", "msg": "URL scheme should be 'https'", "ctx": {}}
    assert pydantic_message(unnamed, words) == "URL scheme should be 'https'"


def problems(model_class: type, text: str) -> dict[str, str]:
    data, positions = parse_yaml(text, "file.yaml")
    with pytest.raises(ProblemsFound) as raised:
        validate(model_class, data, "file.yaml", positions)
    return {problem.field: problem.message for problem in raised.value.problems}


def test_an_id_anywhere_is_asked_for_in_kebab_case_not_as_a_pattern() -> None:
    found = problems(
        model.GuideMeta,
        "id: Our_Guide\ntitle: T\naudience: [mentor]\nsummary: S\nnext: [Next Guide]\n",
    )
    kebab = english()("check.text.kebab_case")
    assert found == {"id": kebab, "next.0": kebab}


def test_a_block_given_as_text_is_asked_for_as_a_mapping_without_a_class_name() -> None:
    found = problems(model.Profile, "organisation: Acme\nstart: 2027-01-11\ncontact: me\n")
    assert found == {"contact": "should be a mapping of keys to values, not str"}


def test_a_choice_names_every_value_and_the_closest() -> None:
    found = problems(model.Profile, "organisation: Acme\nstart: 2027-01-11\ncadence: Monthly\n")
    assert found == {
        "cadence": "Input should be 'weekly', 'fortnightly', 'monthly' or 'quarterly' "
        "(did you mean 'monthly'?)"
    }
    found = problems(model.Profile, "organisation: Acme\nstart: 2027-01-11\nformat: pairs\n")
    assert found == {"format": "Input should be 'one-to-one' or 'group'"}
