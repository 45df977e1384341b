"""Small groups protected: no number from fewer than five people, and none that a total gives away.

Every number the report shows is a `Cell` that knows how many people it comes from. A cell from
one to four people (the threshold is configurable, never below three) is hidden: primary
suppression. A number from nobody (a zero) is shown: it describes no one. Then, wherever a
total is shown with its parts (a question's answers by option, by role, by month), one hidden
part could be worked out as the total minus the others, so a second part is hidden too: the
smallest one left that is not a zero, so as little as possible is lost (complementary
suppression); a zero is a poor cover, since another total may show it to be zero. This repeats
until no total gives any hidden part away, since hiding one cell can expose another table that
shares it (an option's count by role).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from upward.words import english

DEFAULT_MIN_GROUP = 5
LOWEST_MIN_GROUP = 3
SUPPRESSED: dict[str, Any] = {"suppressed": True}


class GroupTooSmall(ValueError):
    """A threshold below three: such a report could name people."""


def check_min_group(min_group: int) -> int:
    if (
        isinstance(min_group, bool)
        or not isinstance(min_group, int)
        or min_group < LOWEST_MIN_GROUP
    ):
        words = english()
        raise GroupTooSmall(
            words("read.report.group_too_small", lowest=LOWEST_MIN_GROUP, given=min_group)
        )
    return min_group


@dataclass
class Cell:
    """One number (or a small record of numbers) and how many people it comes from."""

    value: dict[str, Any]
    people: int
    primary: bool = False  # from fewer than the threshold
    secondary: bool = False  # hidden because a total would give a hidden cell away
    order: int = field(default=0, compare=False)

    @property
    def suppressed(self) -> bool:
        return self.primary or self.secondary

    def shown(self) -> dict[str, Any]:
        """What a report or summary.json may show: the value, or {"suppressed": true}."""
        return dict(SUPPRESSED) if self.suppressed else dict(self.value)

    def get(self, key: str) -> Any:
        return None if self.suppressed else self.value.get(key)


@dataclass(frozen=True)
class Partition:
    """A total and the parts it adds up to (or at least contains)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def protect(
    cells: dict[Hashable, Cell], partitions: Iterable[Partition], min_group: int
) -> dict[Hashable, Cell]:
    """Mark every cell to hide, in place; returns `cells`."""
    check_min_group(min_group)
    for cell in cells.values():
        cell.primary = 0 < cell.people < min_group
    lines: Sequence[Partition] = [
        p for p in partitions if len([k for k in p.parts if k in cells]) > 1
    ]
    pinned = {  # parts of a total of nobody are known to be nobody, hidden or not
        k
        for p in lines
        if (total := cells.get(p.total)) is not None and not total.suppressed and total.people == 0
        for k in p.parts
    }
    changed = True
    while changed:
        changed = False
        for line in lines:
            total = cells.get(line.total)
            if total is None or total.suppressed:
                continue  # an unknown total gives nothing away
            keys = [k for k in line.parts if k in cells]
            hidden = [k for k in keys if cells[k].suppressed and k not in pinned]
            if len(hidden) != 1:
                continue
            shown = [cells[k] for k in keys if not cells[k].suppressed and k not in pinned]
            if not shown:  # nothing left to hide beside it: hide the total instead
                total.secondary = True
                changed = True
                continue
            # the smallest part that is not nobody: a hidden zero may be worked out elsewhere
            smallest = min(shown, key=lambda c: (c.people == 0, c.people, c.order))
            smallest.secondary = True
            changed = True
    return cells
