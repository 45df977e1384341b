"""Which pairs need a nudge today: gone quiet, cancelled twice by one side, due a mid-point.

The most-cited way reverse mentoring fails is a senior leader cancelling until the pair goes
quiet; this finds it early, from nothing but the tracker. The rules are the tracker's own (its
Summary sheet states them), so the workbook and `upward status` never disagree:

- gone quiet: a running pair has not met for more than 1.5 times the days between sessions,
  counted from its last session held (a held session without a date counts on its planned date),
  or from its first planned session if none has been held;
- cancelled twice: one side (the mentor, or the mentee) has cancelled two or more sessions;
- due a mid-point: the mid-point review is at most two weeks away (or one cadence, if shorter),
  or has passed, and no mid-point check-in is recorded for the pair.

    report = status(read_tracker(path), today=dt.date.today())
    report.findings  # each with its kind, its pair and the facts a nudge names
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from upward.model.tracker import CADENCE_DAYS, ProgrammeFacts, TrackedPair, TrackedSession, Tracker
from upward.problems import Problem

Kind = Literal["quiet", "cancelled", "mid_point"]
KINDS: tuple[Kind, ...] = ("quiet", "cancelled", "mid_point")  # the order they are listed in
SIDES = ("mentee", "mentor")  # the senior side first: its cancellations are the usual risk
CANCELLED_TWICE = 2
MID_POINT_NOTICE_DAYS = 14


@dataclass(frozen=True)
class Finding:
    """One reason to nudge one pair, with the facts the nudge names."""

    kind: Kind
    pair: TrackedPair
    days: int = 0  # quiet: days without a session; mid_point: days until the review (< 0: past)
    last_met: dt.date | None = None  # quiet: the last session held, if any
    first_planned: dt.date | None = None  # quiet: when the first session was planned
    side: str = ""  # cancelled: mentor or mentee
    count: int = 0  # cancelled: how many sessions that side cancelled
    cancelled: tuple[dt.date, ...] = ()  # cancelled: the planned dates of those sessions
    review: TrackedSession | None = None  # mid_point: the review session
    review_date: dt.date | None = None
    next_session: TrackedSession | None = None  # the pair's next planned session, if any

    @property
    def recipients(self) -> tuple[str, ...]:
        """Who the nudge goes to: a side's cancellations are that side's to talk about."""
        return (self.side,) if self.kind == "cancelled" else ("mentor", "mentee")


@dataclass(frozen=True)
class StatusReport:
    today: dt.date
    programme: ProgrammeFacts
    pairs: tuple[TrackedPair, ...]  # every pair with names (spare codes left out)
    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...]  # what could not be read from the tracker
    file: str = ""

    def of_kind(self, kind: Kind) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def running(self) -> list[TrackedPair]:
        return [p for p in self.pairs if p.running]

    @property
    def on_track(self) -> list[TrackedPair]:
        flagged = {f.pair.code for f in self.findings if f.kind != "mid_point"}
        return [p for p in self.running if p.code not in flagged]


def status(tracker: Tracker, today: dt.date) -> StatusReport:
    """Every pair that needs a nudge on `today`, by kind, then by pair code."""
    programme = tracker.programme
    findings: list[Finding] = []
    pairs = [p for p in tracker.pairs if p.named]
    for pair in pairs:
        if not pair.running:
            continue
        sessions = sorted(tracker.sessions_of(pair.code), key=lambda s: (s.number, s.row))
        upcoming = _next_session(sessions, today)
        quiet = _quiet(pair, sessions, today, programme.quiet_days, upcoming)
        if quiet:
            findings.append(quiet)
        findings += _cancelled(pair, sessions, upcoming)
        mid_point = _mid_point(pair, sessions, today, programme, upcoming)
        if mid_point:
            findings.append(mid_point)
    findings.sort(key=lambda f: (KINDS.index(f.kind), f.pair.code, SIDES.index(f.side or "mentee")))
    return StatusReport(
        today, programme, tuple(pairs), tuple(findings), tracker.problems, tracker.file
    )


def held_date(session: TrackedSession) -> dt.date | None:
    """When a held session took place: its date, or its planned date if none was typed."""
    if session.status != "held":
        return None
    return session.held_on or session.planned


def _next_session(sessions: list[TrackedSession], today: dt.date) -> TrackedSession | None:
    """The first session still to come: not held or cancelled, on or after today."""
    for session in sessions:
        when = session.held_on if session.status == "moved" else session.planned
        if session.status in ("", "moved") and when and when >= today:
            return session
    return None


def _quiet(
    pair: TrackedPair,
    sessions: list[TrackedSession],
    today: dt.date,
    quiet_days: float,
    upcoming: TrackedSession | None,
) -> Finding | None:
    held = [d for s in sessions if (d := held_date(s)) and d <= today]
    planned = [s.planned for s in sessions if s.planned]
    last_met = max(held) if held else None
    first_planned = min(planned) if planned else None
    since = last_met or first_planned
    if since is None or (today - since).days <= quiet_days:
        return None
    return Finding(
        "quiet",
        pair,
        days=(today - since).days,
        last_met=last_met,
        first_planned=first_planned,
        next_session=upcoming,
    )


def _cancelled(
    pair: TrackedPair, sessions: list[TrackedSession], upcoming: TrackedSession | None
) -> list[Finding]:
    found = []
    for side in SIDES:
        dates = tuple(
            s.planned
            for s in sessions
            if s.status == "cancelled" and s.by == side and s.planned is not None
        )
        count = sum(1 for s in sessions if s.status == "cancelled" and s.by == side)
        if count >= CANCELLED_TWICE:
            found.append(
                Finding(
                    "cancelled",
                    pair,
                    side=side,
                    count=count,
                    cancelled=dates,
                    next_session=upcoming,
                )
            )
    return found


def _mid_point(
    pair: TrackedPair,
    sessions: list[TrackedSession],
    today: dt.date,
    programme: ProgrammeFacts,
    upcoming: TrackedSession | None,
) -> Finding | None:
    if programme.mid_point is None or pair.mid_point_done is not None:
        return None
    review = next((s for s in sessions if s.number == programme.mid_point), None)
    if review is None or review.status == "cancelled":
        when = review.planned if review else None
    else:
        when = review.held_on or review.planned
    if when is None:
        return None
    notice = min(MID_POINT_NOTICE_DAYS, CADENCE_DAYS.get(programme.cadence, 30))
    days = (when - today).days
    if days > notice:
        return None
    return Finding(
        "mid_point", pair, days=days, review=review, review_date=when, next_session=upcoming
    )
