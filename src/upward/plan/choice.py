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
    middle sessions spread evenly. A longer programme repeats the repeatable middle sessions
    in place (a mid-point review stays single and stays in the middle)."""
    sessions = list(plan.sessions)
    if len(sessions) == 1:
        return sessions * count
    first, middle, last = sessions[0], sessions[1:-1], sessions[-1]
    if count == 1:
        return [first]
    wanted = count - 2
    if wanted <= len(middle):
        step = (len(middle) - 1) / max(wanted - 1, 1)
        return [first, *(middle[round(i * step)] for i in range(wanted)), last]
    repeatable = [s for s in middle if s.repeatable] or middle or [first]
    copies = {id(s): 1 for s in middle}
    for i in range(wanted - len(middle)):
        copies[id(repeatable[i % len(repeatable)])] = (
            copies.get(id(repeatable[i % len(repeatable)]), 0) + 1
        )
    expanded = [s for s in middle for _ in range(copies[id(s)])] if middle else [first] * wanted
    return [first, *expanded, last]
