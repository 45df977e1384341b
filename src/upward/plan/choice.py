"""Which session plan an organisation gets, and which of its sessions fill the programme."""

from __future__ import annotations

from upward.model import Kit, Purpose, Session, SessionPlan
from upward.words import Words, english


def choose_plan(
    kit: Kit, purpose: Purpose, format: str, words: Words | None = None
) -> tuple[SessionPlan, str]:
    """The purpose's recommended plan, unless the organisation chose the other format."""
    words = words or english()
    plans = {plan.id: plan for plan in kit.session_plans}
    recommended = plans[purpose.plan]
    facts = {"purpose": purpose.title.lower(), "format": words(f"formats.{format}")}
    if recommended.format == format:
        return recommended, words("plan_choice.recommended", **facts)
    same_format = [plan for plan in kit.session_plans if plan.format == format]
    for plan in same_format:
        if purpose.id in plan.purposes:
            return plan, words("plan_choice.same_format", **facts)
    if same_format:
        return same_format[0], words("plan_choice.first_of_format", **facts)
    return recommended, words("plan_choice.no_format", **facts)


def pick_sessions(plan: SessionPlan, count: int) -> list[Session]:
    """`count` sessions from a plan: always its opening, its closing when there is room, and
    its mid-point review (when it has one and there are three sessions or more) at the middle
    (session count // 2 + 1: the fourth of six, the seventh of twelve). The other middle
    sessions are spread evenly on either side; a longer programme repeats the repeatable ones
    in place."""
    sessions = list(plan.sessions)
    if len(sessions) == 1:
        return sessions * count
    first, middle, last = sessions[0], sessions[1:-1], sessions[-1]
    if count == 1:
        return [first]
    if count == 2:
        return [first, last]
    review = plan.mid_point
    if review is None:
        return [first, *_fill(middle, count - 2, [first]), last]
    at = middle.index(review)
    before_slots = count // 2 - 1  # the review is session count // 2 + 1
    after_slots = count - 3 - before_slots
    spare = [s for s in middle if s is not review and s.repeatable] or [first]
    return [
        first,
        *_fill(middle[:at], before_slots, spare),
        review,
        *_fill(middle[at + 1 :], after_slots, spare),
        last,
    ]


def _fill(pool: list[Session], wanted: int, spare: list[Session]) -> list[Session]:
    """`wanted` sessions from `pool` in order: spread evenly when there are enough, else every
    one with the repeatable ones repeated in place; when the pool has none to repeat, the
    `spare` ones (the plan's other repeatable sessions) come first."""
    if wanted <= 0:
        return []
    if wanted <= len(pool):
        step = (len(pool) - 1) / max(wanted - 1, 1)
        return [pool[round(i * step)] for i in range(wanted)]
    repeatable = [s for s in pool if s.repeatable]
    extra = wanted - len(pool)
    if not repeatable:
        return [spare[i % len(spare)] for i in range(extra)] + pool
    copies = {id(s): 1 for s in pool}
    for i in range(extra):
        copies[id(repeatable[i % len(repeatable)])] += 1
    return [s for s in pool for _ in range(copies[id(s)])]
