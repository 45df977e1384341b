"""What the programme lead runs around the sessions, and when: launch, applications, matching,
training, kick-off, the mid-point check-in, the closing event and the evaluation.

The dates count from the first session and the mid-point and last sessions, as the kit's
messages describe them (the call for mentors goes out about seven weeks before the first
sessions, applications stay open for two weeks, and so on), and each lands on a working day: a
single day moves to the next working day, a window starts on its first working day and ends on
its last. The same dates fill the calendar, the messages, the forms' "return by" lines and the
agreement, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upward.model.org_calendar import MilestoneId
from upward.plan.working_days import WorkingCalendar

# (id, counted from, first day, last day): days after (or, negative, before) the anchor session
_PLAN: tuple[tuple[MilestoneId, str, int, int | None], ...] = (
    ("launch", "first", -56, None),  # the launch announcement, eight weeks ahead
    ("applications-close", "first", -35, None),  # calls go out at -49: two weeks to apply
    ("matching", "first", -34, -24),  # two weeks to read, match and check
    ("training", "first", -21, None),  # mentor training and the mentees' briefing
    ("kick-off", "first", -7, None),  # introductions are out; pairs book their first session
    ("mid-point-check-in", "mid", 1, 7),  # within a week after the mid-point review
    ("evaluation", "last", 0, 14),  # within two weeks of the last session
    ("closing-event", "last", 21, None),  # the report-back, once the evaluations are in
)


@dataclass(frozen=True)
class Milestone:
    id: MilestoneId
    first: dt.date
    last: dt.date  # the same as `first` for a single day

    @property
    def is_window(self) -> bool:
        return self.last != self.first


@dataclass(frozen=True)
class Timeline:
    milestones: tuple[Milestone, ...]

    def __getitem__(self, milestone: MilestoneId) -> Milestone:
        return next(m for m in self.milestones if m.id == milestone)

    def due(self, milestone: MilestoneId) -> dt.date:
        """The day something tied to the milestone is due: a window's last day."""
        return self[milestone].last


def programme_timeline(
    sessions: tuple[dt.date, ...], mid_point: int, working: WorkingCalendar
) -> Timeline:
    """The lead's dates for a programme whose sessions fall on `sessions`, the review at the
    mid-point being session number `mid_point` (1-based)."""
    anchors = {"first": sessions[0], "mid": sessions[mid_point - 1], "last": sessions[-1]}
    milestones = []
    for milestone, anchor, first_offset, last_offset in _PLAN:
        first = working.next_working(anchors[anchor] + dt.timedelta(days=first_offset))
        if last_offset is None:
            milestones.append(Milestone(milestone, first, first))
            continue
        last = anchors[anchor] + dt.timedelta(days=last_offset)
        while last > first and not working.is_working(last):
            last -= dt.timedelta(days=1)
        milestones.append(Milestone(milestone, first, max(first, last)))
    return Timeline(tuple(milestones))


def mid_point_number(session_ids: list[str], mid_point_id: str | None) -> int:
    """The number of the session that reviews the mid-point: the plan's own mid-point session
    where it has one, else the session at the middle."""
    if mid_point_id and mid_point_id in session_ids:
        return session_ids.index(mid_point_id) + 1
    return len(session_ids) // 2 + 1
