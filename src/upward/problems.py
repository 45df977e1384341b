"""Problems found in input files, reported all together as `file:line:col: field: message`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

from upward.words import english

Loc = tuple[str | int, ...]
"""Where a value stands in a file: its keys and list indexes from the top (`sessions.2.agenda`)."""


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    syntax: bool = dataclass_field(default=False, compare=False)
    """The file could not be read at all (not YAML, not a file): reported before the rest."""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ProblemsFound(Exception):
    """Raised with every problem found, so the user fixes them in one pass, not one a run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (not p.syntax, p))
        super().__init__("\n".join(str(p) for p in self.problems))


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice closest to `word` when one is close enough to be what was meant, else None."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    match = closest(word, choices)
    words = english()
    return words("read.did_you_mean", match=match) if match else ""


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user would type it: relative to the working folder when possible."""
    try:
        resolved = path.resolve()
        bases = [base.resolve() for base in (Path.cwd(), root) if base is not None]
    except (OSError, RuntimeError):  # a link that points at itself, a removed working folder
        return str(path)
    for base in bases:
        try:
            return str(resolved.relative_to(base))
        except ValueError:
            continue
    return str(path)
