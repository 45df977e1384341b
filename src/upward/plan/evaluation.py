"""The numbers behind the sponsor report, each one protected for small groups.

From the tracker (pairs, sessions, goals, actions) and the returned forms: participation
(applied, matched, started, completed), sessions held against due by month, the after-session
pulse by month, goal ratings before and after per goal id, every rated and chosen question of
every returned form (by role where the form asks), and the changes mentees made at each level.
Every number is a `Cell` that knows how many people it comes from; `plan.disclosure` hides the
ones from fewer than `min_group` people and those a total would give away.

Where the tracker and a returned form say the same thing (a pulse copied into the tracker, a
goals worksheet or an action log also typed into it) the returned form counts and the tracker
fills the gaps, so nothing is counted twice.

    evaluation = evaluate(inputs, forms, today=dt.date.today())
    summary_json(evaluation)  # what summary.json holds (keys in the module's SUMMARY_KEYS)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from upward.load.returns import RETURN_FORMS, Answer, ReportInputs, Returns, date_of
from upward.load.values import fold
from upward.model.content import Form, FormField
from upward.model.tracker import TrackedPair, Tracker
from upward.plan.disclosure import DEFAULT_MIN_GROUP, Cell, Partition, check_min_group, protect
from upward.plan.status import as_of, check_not_before_start, held_date, held_too_late
from upward.problems import Problem, ProblemsFound
from upward.words import english

PULSE = "after-session-pulse"
PULSE_SCALES = ("useful", "open")
LEVELS = ("personal", "team", "organisation", "symbolic")
ROLES = ("mentor", "mentee")
RESPONDENT: dict[str, tuple[str, ...]] = {
    PULSE: ("pair-code", "role"),
    "mid-point-check-in": ("name", "role"),
    "goals-worksheet": ("mentee-name",),
    "organisational-action-log": ("mentee-name",),
}
"""Which answers say who answered, so a number counts people, not forms (the evaluation is
anonymous: each of its returns counts as one person)."""
ANSWERED_ON = {
    PULSE: "session-date",
    "goals-worksheet": "final-date",
    "organisational-action-log": "told-mentor",
}
"""The date that says when a return was made, where its form asks one. The evaluation's only
date is the programme's end, filled in by tailoring, and the mid-point check-in has none: those
count whatever day the report is as of."""
MAX_GOALS = 5
EXAMPLES_PER_LEVEL = 5
PERMISSION = {"Yes, with my name": "named", "Yes, without names": "anonymous", "No": "refused"}
"""The action log's report-permission options (kit/forms/organisational-action-log.yaml)."""
SUMMARY_KEYS = (
    "programme",
    "organisation",
    "as_of",
    "min_group",
    "participation",
    "sessions",
    "pulse",
    "goals",
    "actions",
    "questions",
    "skipped",
)

Key = tuple[Hashable, ...]


@dataclass(frozen=True)
class Question:
    """A rated or chosen field of a returned form, as the report and summary.json show it."""

    id: str  # "<form-id>.<field-id>"
    form: str
    field: str
    label: str
    kind: str  # rating | choice
    options: tuple[str, ...] = ()
    by_role: bool = False


@dataclass(frozen=True)
class Example:
    """A change a mentee allowed the report to describe, with names only as they agreed."""

    level: str
    change: str
    mentee: str = ""
    mentor: str = ""


@dataclass
class Evaluation:
    programme: str
    organisation: str
    as_of: dt.date
    min_group: int
    cells: dict[Key, Cell]
    questions: dict[str, Question]
    session_months: tuple[str, ...] = ()
    pulse_months: tuple[str, ...] = ()
    goal_ids: tuple[str, ...] = ()
    goal_titles: dict[str, str] = field(default_factory=dict)  # what each goal id stands for
    examples: tuple[Example, ...] = ()
    skipped: tuple[Problem, ...] = ()
    answers: dict[str, int] = field(default_factory=dict)  # returned forms read, by form
    form_titles: dict[str, str] = field(default_factory=dict)
    pulse_sources: dict[str, int] = field(default_factory=dict)  # forms, tracker
    has_tracker: bool = False

    def cell(self, *key: Hashable) -> Cell | None:
        return self.cells.get(key)

    def shown(self, *key: Hashable) -> dict[str, Any] | None:
        """A cell as it may be shown, or None when there is no such number."""
        cell = self.cells.get(key)
        return cell.shown() if cell else None


def evaluate(
    inputs: ReportInputs,
    forms: Sequence[Form],
    *,
    today: dt.date,
    min_group: int = DEFAULT_MIN_GROUP,
    goals: Mapping[str, str] | None = None,
) -> Evaluation:
    """The report's numbers on `today`, protected for groups under `min_group` people.
    `goals` names the programme goals by id (the kit's purposes), for the report to show."""
    check_min_group(min_group)
    tracker, returns = inputs.tracker, inputs.returns
    _check_not_before_start(tracker, returns, today)
    slips = tuple(held_too_late(tracker, today)) if tracker else ()
    tracker = as_of(tracker, today) if tracker else None
    returns = _returns_as_of(returns, today)
    builder = _Builder(today)
    by_id = {f.id: f for f in forms}
    pairs = [p for p in tracker.pairs if p.named] if tracker else []
    names = _pairs_by_mentee(pairs)
    if tracker:
        _participation(builder, tracker, pairs, today)
        _sessions(builder, tracker, pairs, today)
    pulses = _pulse(builder, tracker, pairs, returns.of_form(PULSE), today)
    questions = _questions(builder, by_id, returns.answers, pulses)
    goal_ids = _goals(builder, tracker, pairs, names, returns.of_form("goals-worksheet"))
    examples = _actions(
        builder, tracker, pairs, names, returns.of_form("organisational-action-log")
    )
    protect(builder.cells, builder.partitions, min_group)
    programme = tracker.programme if tracker else None
    skipped = tuple(returns.problems) + (tracker.problems if tracker else ()) + slips
    return Evaluation(
        programme=programme.programme if programme else "",
        organisation=programme.organisation if programme else "",
        as_of=today,
        min_group=min_group,
        cells=builder.cells,
        questions=questions,
        session_months=tuple(builder.session_months),
        pulse_months=tuple(builder.pulse_months),
        goal_ids=goal_ids,
        goal_titles={g: goals[g] for g in goal_ids if goals and g in goals},
        examples=examples,
        skipped=tuple(sorted(set(skipped))),
        answers={f: len(returns.of_form(f)) for f in RETURN_FORMS if returns.of_form(f)},
        form_titles={f.id: f.title for f in forms},
        pulse_sources={
            "forms": sum(1 for p in pulses if p.source == "form"),
            "tracker": sum(1 for p in pulses if p.source == "tracker"),
        },
        has_tracker=tracker is not None,
    )


def _check_not_before_start(tracker: Tracker | None, returns: Returns, today: dt.date) -> None:
    """Refuse a day before the programme's first (its start, or the first dated return when
    there is no tracker): the figures would all be empty (see `plan.status.as_of`)."""
    key = "returns.problems.before_start"
    check_not_before_start(tracker, today, key)
    dated = [d for a in returns.answers if (d := _answered_on(a))]
    if tracker is None and dated and today < min(dated):
        message = english()(key, today=today.isoformat(), first=min(dated).isoformat())
        raise ProblemsFound([Problem("--today", message=message)])


def _answered_on(answer: Answer) -> dt.date | None:
    field_id = ANSWERED_ON.get(answer.form)
    return date_of(answer, field_id) if field_id else None


def _returns_as_of(returns: Returns, today: dt.date) -> Returns:
    """The returns made by `today`: a report as of an earlier day counts only what had come in
    by then. Those dated later are not wrong, so they are one line in what was left out (how
    many, and the first), not one line each."""
    kept = [a for a in returns.answers if not ((day := _answered_on(a)) and day > today)]
    late = [a for a in returns.answers if (day := _answered_on(a)) and day > today]
    if not late:
        return returns
    message = english()(
        "returns.problems.after_today",
        count=len(late),
        today=today.isoformat(),
        example=late[0].source,
    )
    return dataclasses.replace(
        returns,
        answers=tuple(kept),
        problems=(*returns.problems, Problem("--today", message=message)),
    )


# --- building cells -------------------------------------------------------------------------


@dataclass
class _Builder:
    today: dt.date
    cells: dict[Key, Cell] = field(default_factory=dict)
    partitions: list[Partition] = field(default_factory=list)
    session_months: list[str] = field(default_factory=list)
    pulse_months: list[str] = field(default_factory=list)

    def add(self, key: Key, value: dict[str, Any], people: Iterable[Hashable] | int) -> Cell:
        count = people if isinstance(people, int) else len(set(people))
        cell = Cell(value, count, order=len(self.cells))
        self.cells[key] = cell
        return cell

    def partition(self, total: Key, parts: Iterable[Key]) -> None:
        self.partitions.append(Partition(total, tuple(parts)))


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months(first: dt.date, last: dt.date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _mean(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    return {"n": len(values), "mean": round(statistics.fmean(values), 2)}


def _pairs_by_mentee(pairs: list[TrackedPair]) -> dict[str, str]:
    return {fold(p.mentee_name): p.code for p in pairs if p.mentee_name}


def _participation(
    builder: _Builder, tracker: Tracker, pairs: list[TrackedPair], today: dt.date
) -> None:
    facts = tracker.programme
    applied = {"mentor": facts.applied_mentors, "mentee": facts.applied_mentees}
    if any(v is not None for v in applied.values()):
        total = sum(v or 0 for v in applied.values())
        builder.add(("participation", "applied"), {"n": total}, total)
        for role, count in applied.items():
            if count is not None:
                builder.add(("participation", "applied", role), {"n": count}, count)
        builder.partition(
            ("participation", "applied"),
            [("participation", "applied", r) for r in ROLES if applied[r] is not None],
        )
    started = {s.pair for s in tracker.sessions if (d := held_date(s)) and d <= today} & {
        p.code for p in pairs
    }
    completed = [p.code for p in pairs if p.status == "completed"]
    ended = [p.code for p in pairs if p.status == "ended"]
    builder.add(("participation", "matched"), {"n": len(pairs)}, [p.code for p in pairs])
    builder.add(("participation", "started"), {"n": len(started)}, started)
    builder.add(("participation", "completed"), {"n": len(completed)}, completed)
    builder.add(("participation", "ended"), {"n": len(ended)}, ended)


def _sessions(
    builder: _Builder, tracker: Tracker, pairs: list[TrackedPair], today: dt.date
) -> None:
    named = {p.code for p in pairs}
    ended = {p.code: p.ended_on for p in pairs if p.ended_on}
    sessions = [s for s in tracker.sessions if s.pair in named]
    planned = [s for s in sessions if s.planned]
    due = [  # as the tracker counts them: by today, and not after the pair ended
        s for s in planned if s.planned and s.planned <= min(today, ended.get(s.pair, today))
    ]
    held = [(s, d) for s in sessions if (d := held_date(s)) and d <= today]
    cancelled = [s for s in sessions if s.status == "cancelled"]
    moved = [s for s in sessions if s.status == "moved"]
    builder.add(("sessions", "planned"), {"n": len(planned)}, [s.pair for s in planned])
    builder.add(("sessions", "due"), {"n": len(due)}, [s.pair for s in due])
    builder.add(("sessions", "held"), {"n": len(held)}, [s.pair for s, _ in held])
    builder.add(("sessions", "moved"), {"n": len(moved)}, [s.pair for s in moved])
    builder.add(("sessions", "cancelled"), {"n": len(cancelled)}, [s.pair for s in cancelled])
    sides = {"mentor": [], "mentee": [], "other": []}
    for s in cancelled:
        sides[s.by if s.by in ROLES else "other"].append(s.pair)
    for side, who in sides.items():
        builder.add(("sessions", "cancelled", side), {"n": len(who)}, who)
    builder.partition(("sessions", "cancelled"), [("sessions", "cancelled", s) for s in sides])
    dates = [s.planned for s in due if s.planned] + [d for _, d in held]
    if not dates:
        return
    months = _months(min(dates), max(dates))  # from the first month with a session due or held
    builder.session_months = months
    for month in months:
        in_due = [s.pair for s in due if s.planned and _month(s.planned) == month]
        in_held = [s.pair for s, d in held if _month(d) == month]
        builder.add(("sessions-month", month, "due"), {"n": len(in_due)}, in_due)
        builder.add(("sessions-month", month, "held"), {"n": len(in_held)}, in_held)
    for kind in ("due", "held"):
        builder.partition(("sessions", kind), [("sessions-month", m, kind) for m in months])


@dataclass(frozen=True)
class _Pulse:
    respondent: Hashable
    role: str | None
    date: dt.date | None
    scores: dict[str, int]
    source: str  # form | tracker


def _pulse(
    builder: _Builder,
    tracker: Tracker | None,
    pairs: list[TrackedPair],
    answers: list[Answer],
    today: dt.date,
) -> list[_Pulse]:
    """Every pulse answer: the returned forms, then the tracker's copies of any others."""
    pulses: list[_Pulse] = []
    seen: set[tuple[str, str | None, dt.date | None]] = set()
    for index, answer in enumerate(answers):
        code = str(answer.values.get("pair-code", "")).strip()
        day = answer.values.get("session-date")
        day = day if isinstance(day, dt.date) else None
        scores = {
            k: answer.values[k] for k in PULSE_SCALES if isinstance(answer.values.get(k), int)
        }
        respondent = (fold(code), answer.role) if code else ("form", index)
        pulses.append(_Pulse(respondent, answer.role, day, scores, "form"))
        seen.add((fold(code), answer.role, day))
    named = {p.code for p in pairs}
    for session in tracker.sessions if tracker else ():
        if session.pair not in named:
            continue
        day = held_date(session) or session.planned
        for role in ROLES:
            scores = {k: v for k in PULSE_SCALES if (v := session.pulse(role, k)) is not None}
            if scores and (fold(session.pair), role, day) not in seen:
                pulses.append(_Pulse((fold(session.pair), role), role, day, scores, "tracker"))
    dated = [p.date for p in pulses if p.date and p.date <= today]
    if dated:
        builder.pulse_months = _months(min(dated), max(dated))
    for month in builder.pulse_months:
        for scale in PULSE_SCALES:
            these = [p for p in pulses if p.date and _month(p.date) == month and scale in p.scores]
            builder.add(
                ("pulse-month", month, scale),
                _mean([p.scores[scale] for p in these]),
                [p.respondent for p in these],
            )
    for scale in PULSE_SCALES:
        builder.partition(
            ("q", f"{PULSE}.{scale}"), [("pulse-month", m, scale) for m in builder.pulse_months]
        )
    return pulses


def _respondent(answer: Answer, index: int) -> Hashable:
    keys = RESPONDENT.get(answer.form)
    values = tuple(answer.values.get(k) for k in keys) if keys else ()
    if keys and all(v not in (None, "") for v in values):
        return (answer.form, *(fold(v) if isinstance(v, str) else v for v in values))
    return (answer.form, "answer", index)


def _questions(
    builder: _Builder, forms: dict[str, Form], answers: Sequence[Answer], pulses: list[_Pulse]
) -> dict[str, Question]:
    questions: dict[str, Question] = {}
    for form_id in RETURN_FORMS:
        form = forms.get(form_id)
        if form is None:
            continue
        fields = [f for s in form.sections for f in s.fields]
        has_role = any(f.id == "role" and f.type == "choice" for f in fields)
        mine = [(a, _respondent(a, i)) for i, a in enumerate(answers) if a.form == form_id]
        for spec in fields:
            if spec.type not in ("scale", "choice"):
                continue
            question = Question(
                id=f"{form_id}.{spec.id}",
                form=form_id,
                field=spec.id,
                label=spec.label,
                kind="rating" if spec.type == "scale" else "choice",
                options=tuple(spec.options),
                by_role=has_role and spec.id != "role",
            )
            questions[question.id] = question
            if form_id == PULSE and spec.id in PULSE_SCALES:
                rows = [
                    (p.scores[spec.id], p.role, p.respondent) for p in pulses if spec.id in p.scores
                ]
            else:
                rows = [(a.values[spec.id], a.role, who) for a, who in mine if spec.id in a.values]
            _question_cells(builder, question, spec, rows)
    return questions


def _question_cells(
    builder: _Builder, question: Question, spec: FormField, rows: list[tuple[Any, Any, Any]]
) -> None:
    base: Key = ("q", question.id)
    groups: dict[str | None, list[tuple[Any, Any, Any]]] = {None: rows}
    if question.by_role:
        for role in ROLES:
            groups[role] = [r for r in rows if r[1] == role]
    for role, these in groups.items():
        key: Key = base if role is None else (*base, "role", role)
        people = [who for _, _, who in these]
        if question.kind == "rating":
            builder.add(key, _mean([v for v, _, _ in these]), people)
        else:
            builder.add(key, {"n": len(these)}, people)
            for option in question.options:
                chose = [who for v, _, who in these if v == option]
                builder.add((*key, "option", option), {"n": len(chose)}, chose)
            builder.partition(key, [(*key, "option", o) for o in question.options])
    if question.by_role:
        builder.partition(base, [(*base, "role", r) for r in ROLES])
        for option in question.options if question.kind == "choice" else ():
            builder.partition(
                (*base, "option", option),
                [(*base, "role", r, "option", option) for r in ROLES],
            )


def _goals(
    builder: _Builder,
    tracker: Tracker | None,
    pairs: list[TrackedPair],
    names: dict[str, str],
    worksheets: list[Answer],
) -> tuple[str, ...]:
    """Goals rated at both ends, per goal id: the programme goal the tracker says a goal
    serves, else its number on the worksheet ('goal-2')."""
    named = {p.code for p in pairs}
    ids = {(g.pair, g.number): g.goal_id for g in tracker.goals if g.goal_id} if tracker else {}
    rated: list[tuple[Hashable, str, int, int]] = []  # (pair, goal id, before, after)
    from_forms: set[str] = set()
    for answer in worksheets:
        mentee = fold(str(answer.values.get("mentee-name", "")))
        code = names.get(mentee)
        pair: Hashable = code or ("worksheet", mentee or answer.source)
        if code:
            from_forms.add(code)
        for number in range(1, MAX_GOALS + 1):
            before = answer.values.get(f"goal-{number}-baseline")
            after = answer.values.get(f"goal-{number}-final")
            if isinstance(before, int) and isinstance(after, int):
                goal = ids.get((code, number), "") if code else ""
                rated.append((pair, goal or f"goal-{number}", before, after))
    for goal in tracker.goals if tracker else ():
        counted = goal.pair in named and goal.pair not in from_forms
        if counted and goal.baseline is not None and goal.final is not None:
            rated.append(
                (goal.pair, goal.goal_id or f"goal-{goal.number}", goal.baseline, goal.final)
            )
    order = {g: i for i, g in enumerate(_purpose_order(tracker))}
    goal_ids = sorted(
        {g for _, g, _, _ in rated}, key=lambda g: (g not in order, order.get(g, 0), g)
    )
    builder.add(("goals",), _goal_value(rated), [p for p, _, _, _ in rated])
    for goal_id in goal_ids:
        these = [r for r in rated if r[1] == goal_id]
        builder.add(("goal", goal_id), _goal_value(these), [p for p, _, _, _ in these])
        rose = [p for p, _, b, a in these if a - b >= 1]
        flat = [p for p, _, b, a in these if a - b < 1]
        builder.add(("goal", goal_id, "rose"), {"n": len(rose)}, rose)
        builder.add(("goal", goal_id, "not_rose"), {"n": len(flat)}, flat)
        builder.partition(
            ("goal", goal_id), [("goal", goal_id, "rose"), ("goal", goal_id, "not_rose")]
        )
    builder.partition(("goals",), [("goal", g) for g in goal_ids])
    return tuple(goal_ids)


def _purpose_order(tracker: Tracker | None) -> list[str]:
    """Goal ids in the order pairs chose them first (the tracker has no other order)."""
    seen: list[str] = []
    for goal in tracker.goals if tracker else ():
        if goal.goal_id and goal.goal_id not in seen:
            seen.append(goal.goal_id)
    return seen


def _goal_value(rated: list[tuple[Hashable, str, int, int]]) -> dict[str, Any]:
    if not rated:
        return {"n": 0}
    before = [b for _, _, b, _ in rated]
    after = [a for _, _, _, a in rated]
    return {
        "n": len(rated),
        "before": round(statistics.fmean(before), 2),
        "after": round(statistics.fmean(after), 2),
        "change": round(statistics.fmean(a - b for b, a in zip(before, after, strict=True)), 2),
    }


def _actions(
    builder: _Builder,
    tracker: Tracker | None,
    pairs: list[TrackedPair],
    names: dict[str, str],
    logs: list[Answer],
) -> tuple[Example, ...]:
    by_code = {p.code: p for p in pairs}
    changes: list[tuple[Hashable, str]] = []  # (pair, level)
    examples: list[Example] = []
    from_forms: set[str] = set()
    for answer in logs:
        mentee_name = str(answer.values.get("mentee-name", ""))
        code = names.get(fold(mentee_name))
        if code:
            from_forms.add(code)
        pair: Hashable = code or ("log", fold(mentee_name) or answer.source)
        permission = PERMISSION.get(str(answer.values.get("report-permission", "")), "")
        credit = answer.values.get("mentor-credit") == "Yes"
        for level in LEVELS:
            text = str(answer.values.get(f"{level}-change", "")).strip()
            if not text:
                continue
            changes.append((pair, level))
            if permission in ("named", "anonymous"):
                examples.append(
                    Example(
                        level,
                        text,
                        mentee_name if permission == "named" else "",
                        str(answer.values.get("mentor-name", "")) if credit else "",
                    )
                )
    for action in tracker.actions if tracker else ():
        if action.pair not in by_code or action.pair in from_forms:
            continue
        changes.append((action.pair, action.level))
        if action.report in ("named", "anonymous") and action.change:
            pair = by_code[action.pair]
            examples.append(
                Example(
                    action.level,
                    action.change,
                    pair.mentee_name if action.report == "named" else "",
                    pair.mentor_name if action.credit == "yes" else "",
                )
            )
    builder.add(("actions",), {"n": len(changes)}, [p for p, _ in changes])
    for level in LEVELS:
        these = [p for p, lv in changes if lv == level]
        builder.add(("actions", level), {"n": len(these)}, these)
    builder.partition(("actions",), [("actions", lv) for lv in LEVELS])
    return _some_examples(examples)


def _some_examples(examples: list[Example]) -> tuple[Example, ...]:
    """A few examples per level for a sponsor, each change once, in a stable order."""
    chosen: list[Example] = []
    for level in LEVELS:
        seen: set[str] = set()
        for example in sorted(
            (e for e in examples if e.level == level), key=lambda e: (e.change, e.mentee)
        ):
            if fold(example.change) not in seen and len(seen) < EXAMPLES_PER_LEVEL:
                seen.add(fold(example.change))
                chosen.append(example)
    return tuple(chosen)


# --- summary.json ---------------------------------------------------------------------------


def _entry(evaluation: Evaluation, *key: Hashable) -> dict[str, Any] | None:
    return evaluation.shown(*key)


def _question_json(evaluation: Evaluation, question: Question) -> dict[str, Any]:
    base = ("q", question.id)

    def one(key: tuple[Hashable, ...]) -> dict[str, Any]:
        cell = evaluation.cells[key]
        if cell.suppressed:
            return cell.shown()
        if question.kind == "rating":
            return cell.shown()
        counts = {}
        for option in question.options:
            option_cell = evaluation.cells[(*key, "option", option)]
            counts[option] = (
                option_cell.get("n") if not option_cell.suppressed else option_cell.shown()
            )
        return {"n": cell.value["n"], "counts": counts}

    entry = one(base)
    if question.by_role and not evaluation.cells[base].suppressed:
        entry["by_role"] = {role: one((*base, "role", role)) for role in ROLES}
    return entry


def summary_json(evaluation: Evaluation) -> dict[str, Any]:
    """summary.json: the report's numbers, each a value or {"suppressed": true}.

    participation: applied (people, with by_role), matched, started, completed, ended (pairs);
    sessions: planned, due, held, moved, cancelled (with by: mentor, mentee, other), by_month
    (due and held in each month); pulse.by_month (useful and open: n and mean); goals.all and
    goals.by_goal (n goals rated at both ends, before, after, change, rose: goals that rose a
    point or more); actions.all and actions.by_level (n changes); questions
    ("<form-id>.<field-id>": {n, mean} or {n, counts}, with by_role where the form asks who
    answered); skipped ({file, why} for everything left out)."""
    e = evaluation

    def n(*key: Hashable) -> dict[str, Any] | None:
        return _entry(e, *key)

    participation: dict[str, Any] | None = None
    if e.has_tracker:
        applied = n("participation", "applied")
        if applied and "suppressed" not in applied:
            applied["by_role"] = {
                r: n("participation", "applied", r)
                for r in ROLES
                if ("participation", "applied", r) in e.cells
            }
        participation = {
            "applied": applied,
            **{k: n("participation", k) for k in ("matched", "started", "completed", "ended")},
        }
    sessions: dict[str, Any] | None = None
    if e.has_tracker:
        cancelled = n("sessions", "cancelled") or {}
        if "suppressed" not in cancelled:
            cancelled["by"] = {s: n("sessions", "cancelled", s) for s in (*ROLES, "other")}
        sessions = {
            **{k: n("sessions", k) for k in ("planned", "due", "held", "moved")},
            "cancelled": cancelled,
            "by_month": [
                {
                    "month": m,
                    "due": n("sessions-month", m, "due"),
                    "held": n("sessions-month", m, "held"),
                }
                for m in e.session_months
            ],
        }
    goals: dict[str, Any] = {"all": n("goals"), "by_goal": {}}
    for goal_id in e.goal_ids:
        entry = n("goal", goal_id) or {}
        if "suppressed" not in entry:
            entry["rose"] = n("goal", goal_id, "rose")
        goals["by_goal"][goal_id] = entry
    return {
        "programme": e.programme,
        "organisation": e.organisation,
        "as_of": e.as_of.isoformat(),
        "min_group": e.min_group,
        "participation": participation,
        "sessions": sessions,
        "pulse": {
            "from_forms": e.pulse_sources.get("forms", 0),
            "from_tracker": e.pulse_sources.get("tracker", 0),
            "by_month": [
                {"month": m, **{s: n("pulse-month", m, s) for s in PULSE_SCALES}}
                for m in e.pulse_months
            ],
        },
        "goals": goals,
        "actions": {
            "all": n("actions"),
            "by_level": {level: n("actions", level) for level in LEVELS},
        },
        "questions": {q.id: _question_json(e, q) for q in e.questions.values()},
        "skipped": [
            {
                "file": f"{p.file}:{p.line}" if p.line else p.file,
                "why": f"{p.field}: {p.message}" if p.field else p.message,
            }
            for p in e.skipped
        ],
    }
