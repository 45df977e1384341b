"""A cohort as arrays, and every pair's score computed at once.

Scoring millions of candidate pairs one by one in Python takes tens of seconds; here each
person's topics, half-days, channels and format are bit sets (one integer per person, or a few
64-bit words for topics), and a part of the score for all pairs is one broadcast `&` and a
popcount (`np.bitwise_count`). The same functions score one chosen pair for its reasons, so a
pair's reasons can never disagree with the score the solver saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from upward.model.applications import CHANNELS, SLOTS, Application

AVAILABILITY_CURVE = np.array([0.0, 0.6, 0.85] + [1.0] * (len(SLOTS) - 2), dtype=np.float32)
"""Value of sharing 0, 1, 2, 3 ... free half-days: the first shared slot matters most."""
FORMAT_BITS = {"one-to-one": 1, "group": 2, "either": 3}
POINT_SCALE = 10
"""Scores are points with one decimal; the solver works on integer tenths, so it is exact."""


@dataclass(frozen=True)
class Cohort:
    """Both sides sorted by e-mail (stable, so every run sees the same order), as bit sets."""

    mentors: tuple[Application, ...]
    mentees: tuple[Application, ...]
    mentor_at: dict[str, int]
    mentee_at: dict[str, int]
    topics: tuple[str, ...]
    offered: np.ndarray  # (M, words) uint64
    wanted: np.ndarray  # (N, words) uint64
    wanted_count: np.ndarray  # (N,)
    purpose: np.ndarray  # (words,) uint64
    free_m: np.ndarray  # (M,) uint16: bit i = SLOTS[i]
    free_e: np.ndarray  # (N,)
    channel_m: np.ndarray  # (M,) uint8
    channel_e: np.ndarray
    format_m: np.ndarray
    format_e: np.ndarray
    capacity: np.ndarray  # (M,) int64
    pref_e: dict[tuple[int, int], float]  # (mentor, mentee) -> the mentee's value for the mentor
    pref_m: dict[tuple[int, int], float]  # (mentor, mentee) -> the mentor's value for the mentee
    stated_e: np.ndarray  # (N,) bool: the mentee ranked someone
    stated_m: np.ndarray  # (M,) bool

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.mentors), len(self.mentees)

    def topic_ids(self, words: np.ndarray) -> list[str]:
        """The topic ids in a bit set, in the cohort's topic order."""
        found = []
        for index, topic in enumerate(self.topics):
            if int(words[index // 64]) >> (index % 64) & 1:
                found.append(topic)
        return found


def _bits(values: Iterable[str], order: Sequence[str]) -> int:
    position = {value: index for index, value in enumerate(order)}
    bits = 0
    for value in values:
        bits |= 1 << position[value]
    return bits


def _topic_words(topics: Iterable[str], position: dict[str, int], words: int) -> list[int]:
    out = [0] * words
    for topic in topics:
        index = position[topic]
        out[index // 64] |= 1 << (index % 64)
    return out


def preference_value(rank: int, listed: int) -> float:
    """First choice 1, falling evenly to 0.5 for the last one listed."""
    return 1.0 - 0.5 * rank / max(listed - 1, 1)


def build_cohort(applications: Iterable[Application], purpose_topics: Sequence[str] = ()) -> Cohort:
    people = sorted(applications, key=lambda a: a.email)
    mentors = tuple(a for a in people if a.role == "mentor")
    mentees = tuple(a for a in people if a.role == "mentee")
    mentor_at = {a.email: i for i, a in enumerate(mentors)}
    mentee_at = {a.email: j for j, a in enumerate(mentees)}
    topics = tuple(
        sorted(
            {t for a in mentors for t in a.topics_offered}
            | {t for a in mentees for t in a.topics_wanted}
            | set(purpose_topics)
        )
    )
    position = {topic: index for index, topic in enumerate(topics)}
    words = max(1, (len(topics) + 63) // 64)

    def topic_array(rows: list[list[int]]) -> np.ndarray:
        return np.array(rows, dtype=np.uint64).reshape(len(rows), words)

    offered = topic_array([_topic_words(a.topics_offered, position, words) for a in mentors])
    wanted = topic_array([_topic_words(a.topics_wanted, position, words) for a in mentees])
    pref_e: dict[tuple[int, int], float] = {}
    pref_m: dict[tuple[int, int], float] = {}
    stated_e = np.zeros(len(mentees), dtype=bool)
    stated_m = np.zeros(len(mentors), dtype=bool)
    for j, mentee in enumerate(mentees):
        ranked = [e for e in dict.fromkeys(mentee.preferences) if e in mentor_at]
        stated_e[j] = bool(mentee.preferences)
        for rank, email in enumerate(ranked):
            pref_e[(mentor_at[email], j)] = preference_value(rank, len(ranked))
    for i, mentor in enumerate(mentors):
        ranked = [e for e in dict.fromkeys(mentor.preferences) if e in mentee_at]
        stated_m[i] = bool(mentor.preferences)
        for rank, email in enumerate(ranked):
            pref_m[(i, mentee_at[email])] = preference_value(rank, len(ranked))
    return Cohort(
        mentors=mentors,
        mentees=mentees,
        mentor_at=mentor_at,
        mentee_at=mentee_at,
        topics=topics,
        offered=offered,
        wanted=wanted,
        wanted_count=np.bitwise_count(wanted).sum(axis=1).astype(np.int64),
        purpose=np.array(
            _topic_words([t for t in purpose_topics if t in position], position, words),
            dtype=np.uint64,
        ),
        free_m=np.array([_bits(a.availability, SLOTS) for a in mentors], dtype=np.uint16),
        free_e=np.array([_bits(a.availability, SLOTS) for a in mentees], dtype=np.uint16),
        channel_m=np.array([_bits(a.channel, CHANNELS) for a in mentors], dtype=np.uint8),
        channel_e=np.array([_bits(a.channel, CHANNELS) for a in mentees], dtype=np.uint8),
        format_m=np.array([FORMAT_BITS[a.format] for a in mentors], dtype=np.uint8),
        format_e=np.array([FORMAT_BITS[a.format] for a in mentees], dtype=np.uint8),
        capacity=np.array([a.capacity for a in mentors], dtype=np.int64),
        pref_e=pref_e,
        pref_m=pref_m,
        stated_e=stated_e,
        stated_m=stated_m,
    )


def score_parts(
    cohort: Cohort, weights: dict[str, float], t: np.ndarray, j: np.ndarray
) -> dict[str, np.ndarray]:
    """Each part's value (0 to 1) for the pairs (t[k], j[k]); t and j broadcast, so
    `t = arange(M)[:, None], j = arange(N)[None, :]` scores every pair at once."""
    # Indexes are not broadcast to the full grid before use: each side is gathered at its own
    # shape ((M, 1) and (1, N) for every pair) and the `&` broadcasts, M + N lookups, not M x N.
    t, j = np.asarray(t), np.asarray(j)
    parts: dict[str, np.ndarray] = {}
    shape = np.broadcast_shapes(t.shape, j.shape)
    words = cohort.offered.shape[1]
    if weights["topics"] or weights["purpose"]:
        shared = np.zeros(shape, dtype=np.int64)
        on_purpose = np.zeros(shape, dtype=bool)
        offers_purpose = np.zeros(shape, dtype=bool)
        for w in range(words):  # one 64-bit word holds 64 topics: almost always a single pass
            both = cohort.offered[t, w] & cohort.wanted[j, w]
            shared += np.bitwise_count(both)
            on_purpose |= (both & cohort.purpose[w]) != 0
            offers_purpose |= (cohort.offered[t, w] & cohort.purpose[w]) != 0
        parts["topics"] = (shared / np.maximum(cohort.wanted_count[j], 1)).astype(np.float32)
        parts["purpose"] = np.where(on_purpose, 1.0, np.where(offers_purpose, 0.5, 0.0)).astype(
            np.float32
        )
    overlap = np.broadcast_to(np.bitwise_count(cohort.free_m[t] & cohort.free_e[j]), shape)
    parts["availability"] = AVAILABILITY_CURVE[overlap]
    channel = (cohort.channel_m[t] & cohort.channel_e[j]) != 0
    parts["channel"] = np.broadcast_to(channel, shape).astype(np.float32)
    fits = (cohort.format_m[t] & cohort.format_e[j]) != 0
    parts["format"] = np.broadcast_to(fits, shape).astype(np.float32)
    if weights["preference"] and (cohort.pref_e or cohort.pref_m):
        parts["preference"] = _preference(cohort, t, j)
    return parts


def _preference(cohort: Cohort, t: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Mean of the two sides' rankings of each other, over the sides that ranked anyone."""
    m, n = cohort.sizes
    stated = np.zeros((m, n), dtype=np.float32)  # both sides' values for each other, summed
    for pairs in (cohort.pref_e, cohort.pref_m):
        if pairs:
            keys = np.array(list(pairs.keys()), dtype=np.int64)
            np.add.at(stated, (keys[:, 0], keys[:, 1]), np.array(list(pairs.values()), np.float32))
    sides = cohort.stated_e[j].astype(np.float32) + cohort.stated_m[t].astype(np.float32)
    return (stated[t, j] / np.maximum(sides, 1.0)).astype(np.float32)


def points(parts: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """The score in integer tenths of a point (what the solver adds up, exactly)."""
    total = np.zeros(parts["availability"].shape, dtype=np.float32)
    for name, value in parts.items():
        if weights[name]:
            total += np.float32(weights[name]) * value
    return np.rint(total.astype(np.float64) * POINT_SCALE).astype(np.int64)


def max_points(weights: dict[str, float]) -> float:
    return float(sum(weights.values()))


def shared_slots(cohort: Cohort, t: int, j: int) -> list[str]:
    both = int(cohort.free_m[t]) & int(cohort.free_e[j])
    return [slot for index, slot in enumerate(SLOTS) if both >> index & 1]


def overlap_counts(cohort: Cohort) -> np.ndarray:
    """Free half-days in common, for every (mentor, mentee)."""
    return np.bitwise_count(cohort.free_m[:, None] & cohort.free_e[None, :])
