"""Every phrase that matching shows a person: reasons, problems, column titles, e-mail and report text.

The words live in the words file (`match:` in en.yaml), with every other word of the project,
so they can be read, reviewed and translated as a whole; this module gives matching the shapes
it reads them in (tables by id, lists, nested tables) and the helpers that put words together.
Values are plain `str.format` strings over named fields: nothing here is ever a template over
user data, and user values are only ever *arguments* (escaped by whatever writes them).

The words are English: matching is not translated yet. A translation would build these tables
from its own `Words` (see `_tree`) and hand them to the matching run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from upward.words import Words, english


def _tree(words: Words, prefix: str) -> dict[str, Any]:
    """The entries under `prefix` as nested tables, in the file's order (lists as tuples)."""
    start = f"{prefix}."
    tree: dict[str, Any] = {}
    for key, value in words.entries.items():
        if key.startswith(start):
            *path, last = key.removeprefix(start).split(".")
            node = tree
            for part in path:
                node = node.setdefault(part, {})
            node[last] = value
    return tree


_MATCH = _tree(english(), "match")

# --- the vocabulary of the application fields ---------------------------------------------

DAYS: dict[str, str] = _MATCH["days"]
HALVES: dict[str, str] = _MATCH["halves"]
HALVES_PLURAL: dict[str, str] = _MATCH["halves_plural"]
SLOT: str = _MATCH["slot"]
CHANNELS: dict[str, str] = _MATCH["channels"]
CHANNELS_PREFERRED: dict[str, str] = _MATCH["channels_preferred"]
FORMATS: dict[str, str] = _MATCH["formats"]
ROLES: dict[str, str] = _MATCH["roles"]
TOPIC_SHORT: dict[str, str] = _MATCH["topic_short"]
"""Short names for the kit's topics, for reasons that read as a sentence; a topic not named
here is shown by its title (see `topic_label`)."""
CHOICE_ALIASES: dict[str, dict[str, str]] = _MATCH["choice_aliases"]
"""How people write a choice in a spreadsheet, mapped to its id (after lower-casing)."""

# --- score parts, reasons for a pair, why someone has no pair -------------------------------

PARTS: dict[str, tuple[str, str]] = _MATCH["parts"]
"""Each part of a pair's score: its title and how it is worked out (a value from 0 to 1,
multiplied by the part's weight)."""
PAIR: dict[str, str] = _MATCH["pair"]
RANKS: tuple[str, ...] = _MATCH["ranks"]
RANK_OTHER: str = _MATCH["rank_other"]
NONE_GIVEN: str = _MATCH["none_given"]
AND: str = _MATCH["and"]
OR: str = _MATCH["or"]
IS: str = _MATCH["is"]
ARE: str = _MATCH["are"]
MORE: str = _MATCH["more"]
RULES: dict[str, str] = _MATCH["rules"]
"""How each hard rule reads in a sentence about the people it rules out."""
UNMATCHED: dict[str, str] = _MATCH["unmatched"]

# --- self-made pairs, problems with the input files -----------------------------------------

CHECK: dict[str, str] = _MATCH["check"]
READ: dict[str, str] = _MATCH["read"]

# --- outputs --------------------------------------------------------------------------------

PERSONAL_DATA_NOTE: str = _MATCH["personal_data_note"]
WORKBOOK: dict[str, Any] = _MATCH["workbook"]
REPORT: dict[str, Any] = {"title": _MATCH["report"]["title"], "private": PERSONAL_DATA_NOTE}
REPORT.update(_MATCH["report"])
EMAIL: dict[str, str] = _MATCH["email"]
CALENDAR: dict[str, str] = _MATCH["calendar"]
DIRECTORY: dict[str, Any] = _MATCH["directory"]
COLUMNS: dict[str, tuple[str, ...]] = _MATCH["columns"]
CHANGES: dict[str, str] = _MATCH["changes"]

# --- small helpers that put words together --------------------------------------------------


def join_words(items: Sequence[str], *, limit: int = 3) -> str:
    """'a', 'a and b', 'a, b and c', 'a, b, c and 2 more'."""
    items = list(items)
    if not items:
        return NONE_GIVEN
    if len(items) > limit:
        return MORE.format(shown=", ".join(items[:limit]), more=len(items) - limit)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + AND + items[-1]


def join_words_all(items: Sequence[str]) -> str:
    """Every item: 'a, b and c'."""
    return join_words(items, limit=len(items) or 1)


def slot_label(slot: str, *, plural: bool = True) -> str:
    """'mon-am' -> 'Monday mornings' (or 'Monday morning')."""
    day, half = slot.split("-")
    return SLOT.format(day=DAYS[day], half=(HALVES_PLURAL if plural else HALVES)[half])


def topic_label(topic: str, titles: dict[str, str] | None = None) -> str:
    if topic in TOPIC_SHORT:
        return TOPIC_SHORT[topic]
    if titles and topic in titles:
        return titles[topic][:1].lower() + titles[topic][1:]
    return topic.replace("-", " ")


def rank_label(rank: int) -> str:
    return RANKS[rank] if rank < len(RANKS) else RANK_OTHER.format(number=rank + 1)


# --- the command's summary at the terminal --------------------------------------------------

SUMMARY: dict[str, str] = _MATCH["summary"]
MODES: dict[str, str] = _MATCH["modes"]
