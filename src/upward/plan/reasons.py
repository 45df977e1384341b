"""Plain-words reasons: why a pair was made (from the parts of its score), and why someone has no
pair (from the hard rules and who was taken). Every phrase comes from `upward.words.matching`."""

from __future__ import annotations

from collections import Counter

import numpy as np

from upward.model.applications import MatchRules
from upward.plan.cohort import Cohort, shared_slots
from upward.plan.rules import Verdict
from upward.words import matching as words


def _topics(cohort: Cohort, ids: list[str], titles: dict[str, str]) -> str:
    return words.join_words([words.topic_label(t, titles) for t in ids])


def _first_those_in(first: list[str], rest: list[str]) -> list[str]:
    return [t for t in first] + [t for t in rest if t not in first]


def pair_reason(
    cohort: Cohort,
    weights: dict[str, float],
    t: int,
    j: int,
    titles: dict[str, str],
    status: str = "new",
    *,
    named: bool = False,
) -> str:
    """'offers social media and AI, wants social media; both free Tuesday mornings; both
    prefer video': each part of the score that counts, in words."""
    mentor, mentee = cohort.mentors[t], cohort.mentees[j]
    W = words.PAIR
    said: list[str] = []
    if status in ("locked", "kept") and not named:
        said.append(W[status])
    if weights["preference"]:
        by_mentee = (t, j) in cohort.pref_e
        by_mentor = (t, j) in cohort.pref_m
        if by_mentee and by_mentor:
            said.append(W["both_chose"])
        elif by_mentee:
            rank = [e for e in dict.fromkeys(mentee.preferences) if e in cohort.mentor_at]
            said.append(W["mentee_chose"].format(rank=words.rank_label(rank.index(mentor.email))))
        elif by_mentor:
            rank = [e for e in dict.fromkeys(mentor.preferences) if e in cohort.mentee_at]
            said.append(W["mentor_chose"].format(rank=words.rank_label(rank.index(mentee.email))))
    offered = [x for x in cohort.topics if x in mentor.topics_offered]
    wanted = [x for x in cohort.topics if x in mentee.topics_wanted]
    shared = [x for x in offered if x in wanted]
    if weights["topics"]:
        if not wanted:
            said.append(W["nothing_wanted"])
        elif shared:
            said.append(
                W["topics_named" if named else "topics"].format(
                    mentor=mentor.full_name,
                    mentee=mentee.full_name,
                    offered=_topics(cohort, _first_those_in(shared, offered), titles),
                    wanted=_topics(cohort, _first_those_in(shared, wanted), titles),
                )
            )
        else:
            said.append(
                W["no_shared_topic"].format(
                    mentor=mentor.full_name,
                    mentee=mentee.full_name,
                    offered=_topics(cohort, offered, titles),
                    wanted=_topics(cohort, wanted, titles),
                )
            )
    if weights["purpose"]:
        purpose = set(cohort.topic_ids(cohort.purpose))
        on_purpose = [x for x in shared if x in purpose]
        if on_purpose:
            said.append(W["purpose"].format(topics=_topics(cohort, on_purpose, titles)))
    slots = shared_slots(cohort, t, j)
    if slots:
        said.append(W["availability"].format(slots=words.join_words(_slot_words(slots))))
    else:
        said.append(W["no_shared_time"])
    channels = [c for c in words.CHANNELS if c in mentor.channel and c in mentee.channel]
    if channels:
        said.append(
            W["channel"].format(
                channels=words.OR.join([words.CHANNELS_PREFERRED[c] for c in channels])
            )
        )
    elif weights["channel"] and mentor.channel and mentee.channel:
        said.append(
            W["no_shared_channel"].format(
                mentor=mentor.full_name,
                mentee=mentee.full_name,
                mentor_channels=words.join_words([words.CHANNELS[c] for c in mentor.channel]),
                mentee_channels=words.join_words([words.CHANNELS[c] for c in mentee.channel]),
            )
        )
    if mentor.format == mentee.format != "either":
        said.append(W["format"].format(format=words.FORMATS[mentor.format]))
    return W["separator"].join(said)


def _slot_words(slots: list[str]) -> list[str]:
    return [words.slot_label(s) for s in slots]


def _slots_text(free: list[str]) -> str:
    return words.join_words(_slot_words(free), limit=4)


def why_unmatched(
    cohort: Cohort,
    rules: MatchRules,
    verdict: Verdict,
    role: str,
    index: int,
    candidates: np.ndarray,
) -> str:
    """Why a person has no pair, told from their side ('you').

    `candidates` are the indices on the other side who took part in this round. Run after a
    solve that matched as many as it could: so when someone could have been paired but was
    not, everyone they could have had is taken."""
    U = words.UNMATCHED
    other, others = ("mentor", "mentors") if role == "mentee" else ("mentee", "mentees")
    person = cohort.mentees[index] if role == "mentee" else cohort.mentors[index]
    if len(candidates) == 0:
        return U["no_one_on_other_side"].format(other=other)
    free = list(person.availability)
    if not free:
        return U["no_slot"]

    def pair(c: int) -> tuple[int, int]:
        return (c, index) if role == "mentee" else (index, c)

    overlap = np.array([verdict.overlap[pair(int(c))] for c in candidates])
    in_time = candidates[overlap > 0] if rules.shared_time else candidates
    if len(in_time) == 0:
        return U["no_time"].format(other=other, slots=_slots_text(free))
    blocked = Counter(
        rule
        for c in in_time
        if (rule := verdict.why(rules, *pair(int(c)))) is not None and rule != "no_time"
    )
    possible = len(in_time) - sum(blocked.values())
    slots = _slots_text(free)
    if possible == 0:
        if len(blocked) == 1:
            (rule,) = blocked
            return U["one_rule"].format(other=other, slots=slots, rule=words.RULES[rule])
        parts = [
            U["rule_count"].format(
                count=count, be=words.IS if count == 1 else words.ARE, rule=words.RULES[rule]
            )
            for rule, count in sorted(blocked.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return U["several_rules"].format(
            count=len(in_time), others=others, slots=slots, parts=words.join_words(parts, limit=6)
        )
    if role == "mentee":
        key = "capacity_one" if possible == 1 else "capacity"
        return U[key].format(other=other, count=possible)
    if possible == 1:
        return U["taken_one"]
    return U["taken"].format(others=others, count=possible)
