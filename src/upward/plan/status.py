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

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from upward.model.tracker import CADENCE_DAYS, ProgrammeFacts, TrackedPair, TrackedSession, Tracker
from upward.problems import Problem, ProblemsFound
from upward.words import Words, english

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


def status(tracker: Tracker, today: dt.date, words: Words | None = None) -> StatusReport:
    """Every pair that needs a nudge on `today`, by kind, then by pair code, from the tracker as
    it stood that day (`as_of`); ProblemsFound for a day before the programme's first."""
    check_not_before_start(tracker, today, "status.before_start", words)
    slips = held_too_late(tracker, today, words)
    tracker = as_of(tracker, today)
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
    problems = tuple(sorted({*tracker.problems, *slips}))
    return StatusReport(today, programme, tuple(pairs), tuple(findings), problems, tracker.file)


def first_day(tracker: Tracker) -> dt.date | None:
    """The programme's first day: its start on the Programme sheet, else its first session."""
    planned = [s.planned for s in tracker.sessions if s.planned]
    return tracker.programme.start or (min(planned) if planned else None)


def check_not_before_start(
    tracker: Tracker | None, today: dt.date, key: str, words: Words | None = None
) -> None:
    """Refuse a day before the programme began, with a hint. Nothing had happened by then, so
    any figure or nudge would be empty or wrong; such a --today is nearly always a slip of the
    year (2020 for 2027), which a refusal shows at once and an empty report would hide."""
    first = first_day(tracker) if tracker else None
    if first is not None and today < first:
        words = words or english()
        message = words(key, today=today.isoformat(), first=first.isoformat())
        raise ProblemsFound([Problem("--today", message=message)])


def held_too_late(tracker: Tracker, today: dt.date, words: Words | None = None) -> list[Problem]:
    """Sessions planned by `today` but marked held after it, and after the pair's next session
    was planned (or the programme's end): a slip (12/03 typed as 3 December), where a look back
    at an earlier day sees a session a little late. `as_of` counts them as not yet held; this
    names them at their row."""
    words = words or english()
    sheet = f"{tracker.file}[{words('tracker.sheets.sessions')}]"
    end = tracker.programme.end
    slips = []
    for session in tracker.sessions:
        held, planned = session.held_on, session.planned
        if session.status != "held" or not held or not planned or not planned <= today < held:
            continue
        later = [
            s.planned
            for s in tracker.sessions_of(session.pair)
            if s.number > session.number and s.planned
        ]
        limit = min(later) if later else end
        if limit is None or held > limit:
            message = words(
                "status.held_after_today",
                number=session.number,
                date=held.isoformat(),
                today=today.isoformat(),
                planned=planned.isoformat(),
            )
            field = words("tracker.columns.sessions.held_on")
            slips.append(Problem(sheet, session.row, field=field, message=message))
    return slips


def as_of(tracker: Tracker, today: dt.date) -> Tracker:
    """The tracker as it stood on `today`: what is dated after it had not happened yet.

    A session held after `today` was still to come (its pulse scores too); a pair that ended
    after it was still running (one marked completed or ended with no date ended with its last
    session held); a mid-point check-in or a change made after it was not yet made, nor a
    running pair's final goal ratings given.

    The tracker says when a session was planned, not when it was cancelled, and a lead types
    next month's cancellation as soon as they hear of it; so a cancelled session planned after
    `today` still counts, unless the tracker records something that happened after `today`:
    then it is being read as of an earlier day, when that cancellation was not yet known, and
    a nudge about it would name what had not happened. A move stays: it only says when the
    session was to be, the best knowledge of the plan there is. On the real today nothing
    changes but typing slips (a date still to come typed as held)."""
    recorded = [held_date(s) for s in tracker.sessions]
    last_held: dict[str, dt.date] = {}
    for session in tracker.sessions:
        day = held_date(session)
        if day and (session.pair not in last_held or day > last_held[session.pair]):
            last_held[session.pair] = day
    recorded += [d for p in tracker.pairs for d in (p.ended_on, p.mid_point_done)]
    recorded += [a.date for a in tracker.actions]
    looking_back = any(day and day > today for day in recorded)
    pairs = tuple(_pair_as_of(p, today, last_held.get(p.code)) for p in tracker.pairs)
    running = {p.code for p in pairs if p.status == "active"}
    goals = tracker.goals
    if looking_back:  # final ratings are given at a pair's end, which had not come yet
        goals = tuple(dataclasses.replace(g, final=None) if g.pair in running else g for g in goals)
    return dataclasses.replace(
        tracker,
        pairs=pairs,
        goals=goals,
        sessions=tuple(_session_as_of(s, today, looking_back) for s in tracker.sessions),
        actions=tuple(a for a in tracker.actions if a.date is None or a.date <= today),
    )


def _pair_as_of(pair: TrackedPair, today: dt.date, last_held: dt.date | None) -> TrackedPair:
    ended = pair.ended_on or (last_held if pair.status in ("completed", "ended") else None)
    if ended and ended > today:
        pair = dataclasses.replace(pair, status="active", ended_on=None)
    if pair.mid_point_done and pair.mid_point_done > today:
        pair = dataclasses.replace(pair, mid_point_done=None)
    return pair


def _session_as_of(session: TrackedSession, today: dt.date, looking_back: bool) -> TrackedSession:
    held = held_date(session)
    not_yet = (held is not None and held > today) or (
        looking_back
        and session.status == "cancelled"
        and session.planned is not None
        and session.planned > today
    )
    if not not_yet:
        return session
    return dataclasses.replace(
        session,
        status="",
        held_on=None,
        by="",
        mentor_useful=None,
        mentor_open=None,
        mentee_useful=None,
        mentee_open=None,
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
