"""Small groups protected: no number from fewer than five people (configurable, never below
three), zeros shown, and a second number hidden wherever a total would give a hidden one away."""

from __future__ import annotations

import pytest

from upward.plan.disclosure import Cell, GroupTooSmall, Partition, protect


def cells(**people: int) -> dict[str, Cell]:
    return {
        name: Cell({"n": count}, count, order=i) for i, (name, count) in enumerate(people.items())
    }


def hidden(table: dict[str, Cell]) -> set[str]:
    return {k for k, c in table.items() if c.suppressed}


def test_a_number_from_one_to_four_people_is_hidden_and_zero_is_shown() -> None:
    table = protect(cells(a=0, b=1, c=4, d=5, e=40), [], 5)
    assert hidden(table) == {"b", "c"}
    assert table["b"].shown() == {"suppressed": True} and table["d"].shown() == {"n": 5}
    assert table["a"].shown() == {"n": 0}


def test_the_threshold_is_configurable_but_never_below_three() -> None:
    assert hidden(protect(cells(a=3, b=4), [], 3)) == set()
    assert hidden(protect(cells(a=3, b=4, c=6), [], 7)) == {"a", "b", "c"}
    for bad in (2, 1, 0, -5):
        with pytest.raises(GroupTooSmall):
            protect(cells(a=1), [], bad)


def test_a_total_and_all_but_one_part_would_give_the_hidden_part_away() -> None:
    table = protect(cells(total=10, yes=7, no=3), [Partition("total", ("yes", "no"))], 5)
    assert table["no"].primary and table["yes"].secondary and not table["total"].suppressed


def test_the_second_number_hidden_is_the_smallest_that_is_not_a_zero() -> None:
    table = protect(
        cells(total=30, yes=20, unsure=2, no=0, other=8),
        [Partition("total", ("yes", "unsure", "no", "other"))],
        5,
    )
    assert hidden(table) == {"unsure", "other"}
    assert table["other"].secondary


def test_two_hidden_parts_need_no_more_and_a_hidden_total_gives_nothing_away() -> None:
    two = protect(cells(total=20, a=2, b=3, c=15), [Partition("total", ("a", "b", "c"))], 5)
    assert hidden(two) == {"a", "b"}
    unknown = protect(cells(total=4, a=1, b=3), [Partition("total", ("a", "b"))], 5)
    assert hidden(unknown) == {"total", "a", "b"}


def test_hiding_spreads_across_tables_that_share_a_number() -> None:
    """Answers by option and by role: each row and each column adds up to a shown total."""
    table = cells(
        all=24,
        mentor=12,
        mentee=12,
        yes=19,
        no=5,
        mentor_yes=9,
        mentor_no=3,
        mentee_yes=10,
        mentee_no=2,
    )
    partitions = [
        Partition("all", ("mentor", "mentee")),
        Partition("all", ("yes", "no")),
        Partition("mentor", ("mentor_yes", "mentor_no")),
        Partition("mentee", ("mentee_yes", "mentee_no")),
        Partition("yes", ("mentor_yes", "mentee_yes")),
        Partition("no", ("mentor_no", "mentee_no")),
    ]
    protect(table, partitions, 5)
    assert hidden(table) == {"mentor_no", "mentee_no", "mentor_yes", "mentee_yes"}
    for line in partitions:  # no shown total has exactly one hidden part left
        parts = [table[k] for k in line.parts]
        if not table[line.total].suppressed:
            assert sum(c.suppressed for c in parts) != 1


def test_a_hidden_zero_that_a_zero_total_pins_down_is_no_cover() -> None:
    """'No' was chosen by nobody, so each role's 'No' is known to be zero, hidden or not: the
    mentors' 'Not sure' must be covered by another of their numbers."""
    table = cells(
        all=29,
        mentor=14,
        yes=24,
        unsure=5,
        no=0,
        mentor_yes=12,
        mentor_unsure=2,
        mentor_no=0,
        mentee_yes=12,
        mentee_unsure=3,
        mentee_no=0,
        mentee=15,
    )
    partitions = [
        Partition("all", ("yes", "unsure", "no")),
        Partition("mentor", ("mentor_yes", "mentor_unsure", "mentor_no")),
        Partition("mentee", ("mentee_yes", "mentee_unsure", "mentee_no")),
        Partition("yes", ("mentor_yes", "mentee_yes")),
        Partition("unsure", ("mentor_unsure", "mentee_unsure")),
        Partition("no", ("mentor_no", "mentee_no")),
    ]
    protect(table, partitions, 5)
    assert {"mentor_unsure", "mentor_yes", "mentee_unsure", "mentee_yes"} <= hidden(table)
    assert not table["mentor_no"].suppressed and not table["no"].suppressed
