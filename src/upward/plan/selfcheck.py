"""Self matching: a directory of mentors for mentees to choose from (no private answers), and a
check of the pairs people made themselves against the same hard rules the solver keeps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from upward.model.applications import Application, MatchRules, PairRef, Weights
from upward.plan.matching import rule_words, score_cohort
from upward.problems import Problem
from upward.words import matching as words


@dataclass(frozen=True)
class DirectoryEntry:
    """What a mentor agreed to share with mentees (never their reporting line or prefer-not)."""

    name: str
    team: str
    email: str
    topics: tuple[str, ...]
    free: tuple[str, ...]
    channels: tuple[str, ...]
    format: str
    capacity: int


def mentor_directory(
    applications: Iterable[Application], topic_titles: dict[str, str] | None = None
) -> list[DirectoryEntry]:
    titles = topic_titles or {}
    mentors = sorted(
        (a for a in applications if a.role == "mentor"),
        key=lambda a: (a.full_name.casefold(), a.email),
    )
    return [
        DirectoryEntry(
            name=a.full_name,
            team=a.team,
            email=a.email,
            topics=tuple(words.topic_label(t, titles) for t in a.topics_offered),
            free=tuple(words.slot_label(s) for s in a.availability),
            channels=tuple(words.CHANNELS[c] for c in a.channel),
            format=words.FORMATS[a.format],
            capacity=a.capacity,
        )
        for a in mentors
    ]


def check_pairs(
    applications: Iterable[Application],
    pairs: Sequence[PairRef],
    *,
    rules: MatchRules | None = None,
    never_again: Iterable[PairRef] = (),
) -> list[Problem]:
    """Every way the self-made `pairs` break a hard rule, at the row that names the pair."""
    rules = rules or MatchRules(mode="self")
    people = list(applications)
    by_email = {a.email: a for a in people}
    scored = score_cohort(people, rules, Weights(), (), never_again)
    cohort, verdict = scored.cohort, scored.verdict
    C = words.CHECK
    problems: list[Problem] = []

    def report(pair: PairRef, message: str) -> None:
        problems.append(
            Problem(pair.file, pair.row, field="pair", message=f"{message}; {C['hint']}")
        )

    good: list[PairRef] = []
    for pair in pairs:
        known = True
        for email, expected in ((pair.mentor, "mentor"), (pair.mentee, "mentee")):
            person = by_email.get(email)
            if person is None:
                report(pair, C["unknown"].format(email=email))
                known = False
            elif person.role != expected:
                report(
                    pair, C["wrong_role"].format(email=email, role=person.role, expected=expected)
                )
                known = False
        if not known:
            continue
        t, j = cohort.mentor_at[pair.mentor], cohort.mentee_at[pair.mentee]
        rule = verdict.why(rules, t, j)
        if rule:
            report(pair, rule_words(verdict, t, j, rule, cohort))
        good.append(pair)
    mentees = Counter(p.mentee for p in good)
    for pair in good:
        if mentees[pair.mentee] > 1:
            report(pair, C["twice"].format(mentee=by_email[pair.mentee].full_name))
    load = Counter(p.mentor for p in good)
    for mentor, count in sorted(load.items()):
        capacity = by_email[mentor].capacity
        if count > capacity:
            first = next(p for p in good if p.mentor == mentor)
            report(
                first,
                C["over_capacity"].format(
                    mentor=by_email[mentor].full_name, count=count, capacity=capacity
                ),
            )
    return sorted(set(problems))
