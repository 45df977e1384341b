"""A loaded kit with where each item came from, and what the files that failed may hold: what
later checks need to point at a line, and to keep quiet about references into a broken file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from upward import model as m
from upward.load.yamlfile import Loc, Positions
from upward.model.kinds import Kind, inside, lost_with
from upward.problems import Problem


@dataclass(frozen=True)
class Origin:
    """Where an item was read from, so later checks can point at its lines."""

    shown: str
    positions: Positions
    base: Loc = ()

    def problem(self, loc: Loc, message: str, *, text_line: int = 1) -> Problem:
        """A problem at `loc`; `text_line` > 1 points at that line inside the text there."""
        full = (*self.base, *loc)
        line, column = self.positions.in_text(full, text_line)
        return Problem(self.shown, line, column, ".".join(str(p) for p in full), message)


@dataclass(frozen=True)
class LoadedKit:
    kit: m.Kit
    origins: dict[int, Origin]  # id(item) -> where it came from

    def origin(self, item: object) -> Origin:
        return self.origins[id(item)]


@dataclass
class Unreadable:
    """What the files that failed may hold, so references to it are not reported as unknown:
    a broken file is one problem, not one more for every item that points into it."""

    ids: set[str] = field(default_factory=set)  # ids the failed files hold, or may hold
    kinds: set[str] = field(default_factory=set)  # kinds whose ids cannot be known at all
    failed: set[str] = field(default_factory=set)  # kinds with any file that failed

    def add(self, path: Path, data: Any, kind: Kind) -> None:
        """A file of `kind` that failed: its name is its item's id; a file that parsed names the
        ids inside it; one that did not parse leaves the kinds inside it unknowable."""
        self.ids.add(path.stem)
        self.failed.update(lost_with(kind))
        if data is None:
            self.kinds.update(inside(kind))
        else:
            self.ids.update(_ids_in(data))

    def add_folder(self, kind: Kind) -> None:
        """A kit folder under a wrong name: nothing in it can be known."""
        self.kinds.update(lost_with(kind))
        self.failed.update(lost_with(kind))

    def hides(self, kind: str, value: str) -> bool:
        return kind in self.kinds or value in self.ids


def _ids_in(data: Any) -> Iterator[str]:
    """Every string under an `id` key, at any depth of parsed YAML."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield value
            else:
                yield from _ids_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from _ids_in(item)
