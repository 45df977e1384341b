"""Review, unwind and self matching: the review workbook's round trip (write, edit in openpyxl,
read back, re-solve), a no-fault unwind that keeps every ongoing pair and never repeats an ended
one, self-made pairs checked against the hard rules, the mentor directory, and circles."""

from __future__ import annotations

from pathlib import Path

import pytest
from cohorts import TITLES, cohorts, independent_violations, person
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from upward.load.pairs import read_current, read_pair_list, read_review
from upward.model.applications import CurrentPair, MatchRules, PairRef
from upward.plan.circles import circles
from upward.plan.matching import match, unwind
from upward.plan.selfcheck import check_pairs, mentor_directory
from upward.problems import ProblemsFound
from upward.render.directory import directory_html
from upward.render.matching_files import circle_files
from upward.render.workbook import pairs_workbook


def four_by_four():
    return [
        *(
            person("mentor", f"{n} Mentor", availability=("mon-am", "tue-am"))
            for n in ("Ann", "Ben", "Cat", "Dev")
        ),
        *(
            person("mentee", f"{n} Lead", availability=("mon-am",))
            for n in ("Eli", "Fay", "Gus", "Hal")
        ),
    ]


def test_the_review_workbook_round_trip(tmp_path: Path) -> None:
    people = four_by_four()
    first = match(people)
    path = tmp_path / "pairs.xlsx"
    path.write_bytes(pairs_workbook(first))
    book = load_workbook(path)
    sheet = book["Pairs"]
    rows = {(r[3].value, r[4].value): r for r in sheet.iter_rows(min_row=3)}
    a, b, c, _ = sorted(rows)
    rows[a][0].value = "yes"  # approve
    rows[b][2].value = "Yes"  # lock
    rows[c][1].value = "x"  # decline
    book.save(path)

    review = read_review(path)
    assert review.problems == ()
    assert {(p.mentor, p.mentee) for p in review.keep} == {a, b}
    assert [(p.mentor, p.mentee) for p in review.declined] == [c]
    assert review.keep[0].row >= 3 and review.keep[0].file.endswith("pairs.xlsx[Pairs]")

    again = match(people, locked=review.keep, declined=review.declined)
    made = {(p.mentor, p.mentee): p.status for p in again.pairs}
    assert made[a] == made[b] == "locked"
    assert c not in made
    assert len(made) == 4  # the declined mentor and mentee found other partners
    assert all(
        "kept as decided in review" in p.reasons for p in again.pairs if p.status == "locked"
    )


def test_review_problems_name_the_cell(tmp_path: Path) -> None:
    people = four_by_four()
    path = tmp_path / "pairs.xlsx"
    path.write_bytes(pairs_workbook(match(people)))
    book = load_workbook(path)
    sheet = book["Pairs"]
    sheet["A3"].value, sheet["B3"].value = "yes", "yes"
    sheet["C4"].value = "maybe"
    sheet["E5"].value = "not-an-email"
    book.save(path)
    found = {(p.line, p.field): p.message for p in read_review(path).problems}
    assert found == {
        (3, "decline"): "a pair cannot be both approved and declined",
        (4, "lock"): "'maybe' is not yes or no; leave it empty for no",
        (
            5,
            "mentee_email",
        ): "'not-an-email' is not an e-mail address (expected name@example.org, letters A-Z only)",
    }


def test_a_kept_pair_that_breaks_a_rule_is_refused_with_its_row() -> None:
    people = [
        person("mentor", "Ann Mentor", team="Sales"),
        person("mentee", "Bea Lead", team="Sales"),
    ]
    with pytest.raises(ProblemsFound) as raised:
        match(
            people, locked=[PairRef("ann@example.org", "bea@example.org", "pairs.xlsx[Pairs]", 3)]
        )
    (problem,) = raised.value.problems
    assert (
        str(problem)
        == "pairs.xlsx[Pairs]:3:1: pair: this kept pair breaks a rule: both are in the same team (Sales)"
    )
    with pytest.raises(ProblemsFound, match=r"zed@example\.org is not among the applications"):
        match(people, locked=[PairRef("zed@example.org", "bea@example.org", "p.csv", 2)])


def test_current_pairs_and_pair_lists_read_from_csv(tmp_path: Path) -> None:
    current = tmp_path / "current.csv"
    current.write_text(
        "mentor_email,mentee_email,ended\nann@example.org,eli@example.org,\nben@example.org,fay@example.org,yes\n",
        encoding="utf-8",
    )
    pairs, problems = read_current(current)
    assert problems == ()
    assert [(p.mentor, p.ended) for p in pairs] == [
        ("ann@example.org", False),
        ("ben@example.org", True),
    ]
    listed = tmp_path / "never.csv"
    listed.write_text(
        "Mentor_Email;Mentee_Email\n'=ann@example.org;eli@example.org\n", encoding="utf-8"
    )
    (pair,), problems = read_pair_list(listed)
    assert problems == () and pair.mentor == "=ann@example.org"


@st.composite
def cohort_with_current(draw):
    people = draw(cohorts())
    first = match(people)
    ended = draw(st.lists(st.booleans(), min_size=len(first.pairs), max_size=len(first.pairs)))
    current = [
        CurrentPair(p.mentor, p.mentee, ended=e) for p, e in zip(first.pairs, ended, strict=True)
    ]
    return people, current


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(cohort_with_current())
def test_unwind_keeps_every_ongoing_pair_and_never_repeats_an_ended_one(case) -> None:
    people, current = case
    result = unwind(people, current, include_unpaired=False)
    made = {(p.mentor, p.mentee) for p in result.pairs}
    kept = {(p.mentor, p.mentee) for p in current if not p.ended}
    ended = {(p.mentor, p.mentee) for p in current if p.ended}
    assert kept <= made and not (made & ended)
    assert independent_violations({a.email: a for a in people}, sorted(made), MatchRules()) == []
    freed = {e for p in current if p.ended for e in (p.mentor, p.mentee)}
    kept_people = {e for pair in kept for e in pair}
    for mentor, mentee in made - kept:  # only the freed are paired afresh
        assert mentor in freed and mentee in freed - kept_people
    assert [c.kind for c in result.changes].count("ended") == len(ended)
    assert {(c.mentor, c.mentee) for c in result.changes if c.kind == "new"} == made - kept


HINT = "; choose another pair, or ask the programme lead"


def test_self_made_pairs_checked_against_every_rule() -> None:
    people = [
        person("mentor", "Ann Mentor", team="Sales", line_manager_email="bea@example.org"),
        person("mentor", "Cy Mentor", team="Ops", prefer_not=("dee@example.org",)),
        person("mentor", "Ed Mentor", team="IT", availability=("fri-pm",)),
        person("mentee", "Bea Lead", team="Board"),
        person("mentee", "Dee Lead", team="Board"),
        person("mentee", "Flo Lead", team="Board"),
    ]
    pairs = [
        PairRef("ann@example.org", "bea@example.org", "pairs.csv", 2),
        PairRef("cy@example.org", "dee@example.org", "pairs.csv", 3),
        PairRef("ed@example.org", "flo@example.org", "pairs.csv", 4),
        PairRef("cy@example.org", "flo@example.org", "pairs.csv", 5),
        PairRef("bea@example.org", "zed@example.org", "pairs.csv", 6),
    ]
    found: dict[int, list[str]] = {}
    for problem in check_pairs(people, pairs):
        assert problem.file == "pairs.csv" and problem.field == "pair"
        found.setdefault(problem.line, []).append(problem.message.removesuffix(HINT))
    assert found == {
        2: ["Bea Lead is in Ann Mentor's reporting line (level 1)"],
        3: [
            "Cy Mentor asked not to be paired with Dee Lead",
            "Cy Mentor has 2 mentees but offered to take 1",
        ],
        4: ["Flo Lead is in more than one pair", "they have no half-day free in common"],
        5: ["Flo Lead is in more than one pair"],
        6: [
            "bea@example.org applied as a mentee, not a mentor",
            "zed@example.org has no application",
        ],
    }
    assert check_pairs(people, [PairRef("cy@example.org", "bea@example.org")]) == []


def test_the_mentor_directory_shows_no_private_answers() -> None:
    people = [
        person(
            "mentor",
            "Ann Mentor",
            senior_line=("secret.boss@example.org",),
            prefer_not=("bea@example.org",),
            topics_offered=("social-media", "ai-and-emerging-tech"),
            availability=("mon-am", "thu-pm"),
        ),
        person("mentee", "Bea Lead"),
    ]
    entries = mentor_directory(people, TITLES)
    assert [e.name for e in entries] == ["Ann Mentor"]
    html = directory_html(entries, "Our programme").decode()
    assert "social media" in html and "Monday mornings" in html and "ann@example.org" in html
    for private in ("secret.boss", "boss@example.org", "bea@example.org", "Bea Lead"):
        assert private not in html


def test_circles_of_one_or_two_mentors_and_four_or_five_mentees() -> None:
    mentors = [
        person(
            "mentor",
            f"M{i} Mentor",
            email=f"m{i}@example.org",
            team=f"T{i}",
            line_manager_email="boss@example.org" if i == 0 else "ceo@example.org",
            availability=("mon-am", "wed-pm"),
        )
        for i in range(5)
    ]
    mentees = [
        person(
            "mentee",
            f"E{j} Lead",
            email=f"e{j}@example.org",
            team="Board",
            availability=("mon-am",) if j < 9 else ("wed-pm",),
        )
        for j in range(13)
    ]
    conflict = person(
        "mentee", "Boss Lead", email="boss@example.org", team="Board", availability=("mon-am",)
    )
    result = circles([*mentors, *mentees, conflict])
    assert result.optimal
    for circle in result.circles:
        assert 1 <= len(circle.mentors) <= 2 and 4 <= len(circle.mentees) <= 5
        assert circle.slot in ("mon-am", "wed-pm")
        for mentor in circle.mentors:
            for mentee in circle.mentees:
                assert (mentor, mentee) != ("m0@example.org", "boss@example.org")
    placed = [e for c in result.circles for e in c.mentees]
    assert len(placed) == len(set(placed)) == 14  # 10 free on Monday mornings, 4 on Wednesday
    assert sum(len(c.mentors) for c in result.circles) == 5
    assert all(c.reasons[e] for c in result.circles for e in c.mentees)
    table = circle_files(result)["circles.csv"].decode("utf-8-sig").splitlines()
    assert table[0] == "circle,role,email,name,team,slot,score,reasons"
    assert len(table) == 1 + 5 + 14


def test_circles_keep_the_hard_rules_with_every_mentor() -> None:
    mentors = [
        person(
            "mentor",
            f"M{i} Mentor",
            email=f"m{i}@example.org",
            team=f"T{i}",
            line_manager_email="e0@example.org" if i == 1 else "ceo@example.org",
        )
        for i in range(2)
    ]
    mentees = [
        person("mentee", f"E{j} Lead", email=f"e{j}@example.org", team="Board") for j in range(5)
    ]
    result = circles([*mentors, *mentees])
    for circle in result.circles:
        if "m1@example.org" in circle.mentors:
            assert "e0@example.org" not in circle.mentees
    assert sum(len(c.mentees) for c in result.circles) == 5
    unplaced = {u.email: u.why for u in result.unmatched}
    assert unplaced == {"m1@example.org": "every circle you could join is full"}
