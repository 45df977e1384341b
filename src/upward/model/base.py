"""What every model shares: strict models, ids, text that every output format can carry, and the
fixed vocabularies (readers, formats, cadences, standards) that content and profile both use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from upward.words import english


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


UNCARRIABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters (but tab and newline), lone surrogates and the two noncharacters
U+FFFE/U+FFFF: XML (so DOCX and PDF metadata) and calendars cannot carry them."""


def no_control_characters(value: str) -> str:
    """Refuse characters that no output format can carry."""
    found = UNCARRIABLE.search(value)
    if found:
        char = found.group()
        key = "not_a_character" if char in "\ufffe\uffff" else "control_character"
        words = english()
        raise ValueError(words(f"check.text.{key}", code=ord(char)))
    return value


def single_line(value: str) -> str:
    if any(c in value for c in "\n\t\u2028\u2029"):  # U+2028/9: Unicode's line breaks
        words = english()
        raise ValueError(words("check.text.single_line"))
    return value


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""A stable identifier: lower-case words joined by hyphens (kebab-case)."""


@dataclass(frozen=True)
class Refers:
    """Marks an id field as naming an item of another kind; the whole kit is needed to check it
    (upward.load.references, through upward.model.kinds.references_in)."""

    kind: str  # a Kind's name in upward.model.kinds


PurposeId = Annotated[Id, Refers("purpose")]
TopicId = Annotated[Id, Refers("topic")]
QuestionId = Annotated[Id, Refers("question")]
PlanId = Annotated[Id, Refers("plan")]
FormId = Annotated[Id, Refers("form")]
AgreementId = Annotated[Id, Refers("agreement")]
CaseId = Annotated[Id, Refers("case study")]
GuideId = Annotated[Id, Refers("guide")]
SourceId = Annotated[Id, Refers("source")]

Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(no_control_characters)]
"""Non-blank text; may hold Markdown and `{{ org.name }}`-style placeholders."""

Line = Annotated[Text, AfterValidator(single_line)]
"""Non-blank text on one line (titles, labels)."""

Audience = Literal["mentor", "mentee", "lead"]
Asker = Literal["mentor", "mentee"]
Stage = Literal["first", "early", "middle", "closing", "any"]
Format = Literal["one-to-one", "group"]
Cadence = Literal["weekly", "fortnightly", "monthly", "quarterly"]
Matching = Literal["self", "admin", "hybrid"]

StandardId = Literal[
    "emcc-purpose",
    "emcc-training",
    "emcc-matching",
    "emcc-measurement",
    "emcc-ethics",
    "emcc-administration",
    "mentor-recruitment",
    "mentor-screening",
    "mentor-training",
    "mentor-matching",
    "mentor-monitoring",
    "mentor-closure",
]
"""Elements of the two programme standards (EMCC ISMCP; MENTOR's Elements, 4th edition)."""
