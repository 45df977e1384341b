"""The sponsor report laid out once, as sections of blocks, from an `Evaluation`.

The sections follow the four levels at which training and development are evaluated: who took
part and how often pairs met, then reaction (how it felt), learning (the senior leaders' goals,
and apart from them the junior mentors' own outcomes), behaviour and results, what it would take
to measure results properly, and what was left out. Every chart comes with a sentence that says
what it shows and a table of its numbers; a hidden number reads "fewer than five answers" (from
too few people) or "hidden to protect a small group" (it would give such a number away).
`render.sponsor_report` draws the document as a page and `render.report_pdf` as a PDF.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from upward.plan.disclosure import Cell
from upward.plan.evaluation import LEVELS, PULSE, ROLES, Evaluation
from upward.render.report_charts import Make, bars, draw, lines
from upward.words import Words, english

PDF_NAME = "report.pdf"
JSON_NAME = "summary.json"
EVALUATION = "end-of-programme-evaluation"
MID_POINT = "mid-point-check-in"


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "paragraph"
    note: bool = False


@dataclass(frozen=True)
class Heading:
    text: str
    kind: str = "heading"


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    kind: str = "items"


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kind: str = "table"


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    sentence: str
    svg: str
    png: bytes
    table: Table
    kind: str = "chart"


Block = Paragraph | Heading | Items | Table | Chart


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ReportDocument:
    title: str
    subtitle: str
    intro: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str
    language: str = "en-GB"
    links: tuple[tuple[str, str], ...] = ()
    contents: str = ""
    total_label: str = ""  # the label of a table's total row, set in bold
    hidden_texts: tuple[str, ...] = ()  # what a hidden number reads, set apart from numbers


# --- numbers as words -----------------------------------------------------------------------


@dataclass
class _Say:
    """How a cell reads in a table or a sentence."""

    evaluation: Evaluation
    words: Words

    def count_words(self) -> str:
        names = self.words.list("sponsor_report.numbers")
        k = self.evaluation.min_group
        return names[k] if k < len(names) else str(k)

    def hidden(self, cell: Cell) -> str:
        if cell.primary:
            return self.words("sponsor_report.fewer", words=self.count_words())
        return self.words("sponsor_report.hidden")

    def number(self, cell: Cell | None, key: str = "n", digits: int = 0) -> str:
        if cell is None:
            return self.words("sponsor_report.not_recorded")
        if cell.suppressed:
            return self.hidden(cell)
        value = cell.value.get(key)
        if value is None:
            return self.words("sponsor_report.no_value")
        return f"{value:.{digits}f}" if digits else f"{value:,}"

    def mean(self, cell: Cell | None, key: str = "mean") -> str:
        return self.number(cell, key, digits=1)

    def value(self, cell: Cell | None, key: str = "n") -> float | None:
        """The number for a chart, or None where it may not be drawn."""
        if cell is None or cell.suppressed:
            return None
        value = cell.value.get(key)
        return float(value) if isinstance(value, int | float) else None

    def month(self, month: str) -> str:
        year, number = month.split("-")
        short = self.words.list("sponsor_report.months_short")[int(number) - 1]
        return self.words("sponsor_report.month", month=short, year=year)


def _chart(chart_id: str, title: str, sentence: str, make: Make, table: Table) -> Chart:
    svg, png = draw(make, chart_id)
    return Chart(chart_id, title, sentence, svg, png, table)


def report_document(evaluation: Evaluation, words: Words | None = None) -> ReportDocument:
    words = words or english()
    say = _Say(evaluation, words)
    W = "sponsor_report"
    if evaluation.programme:
        title = words(f"{W}.title", programme=evaluation.programme)
    else:
        title = words(f"{W}.title_plain")
    date = words.date(evaluation.as_of)
    subtitle = (
        words(f"{W}.subtitle", organisation=evaluation.organisation, date=date)
        if evaluation.organisation
        else words(f"{W}.subtitle_plain", date=date)
    )
    intro = [
        words(f"{W}.intro"),
        words(
            f"{W}.protection",
            words=say.count_words(),
            fewer=words(f"{W}.fewer", words=say.count_words()),
            hidden=words(f"{W}.hidden"),
        ),
        _sources(evaluation, words),
    ]
    if evaluation.skipped:
        intro.append(words(f"{W}.left_out", count=len(evaluation.skipped)))
    sections = [
        _participation(evaluation, say, words),
        _reaction(evaluation, say, words),
        _learning(evaluation, say, words),
        _behaviour(evaluation, say, words),
        _results(evaluation, say, words),
        _left_out(evaluation, words),
    ]
    return ReportDocument(
        title=title,
        subtitle=subtitle,
        intro=tuple(intro),
        sections=tuple(sections),
        footer=words(f"{W}.footer", words=say.count_words()),
        language=words("language.locale"),
        links=((PDF_NAME, words(f"{W}.pdf_link")), (JSON_NAME, words(f"{W}.json_link"))),
        contents=words(f"{W}.contents"),
        total_label=words(f"{W}.all"),
        hidden_texts=(
            words(f"{W}.fewer", words=say.count_words()),
            words(f"{W}.hidden"),
            words(f"{W}.not_recorded"),
        ),
    )


def _sources(evaluation: Evaluation, words: Words) -> str:
    W = "sponsor_report"
    tracker = words(f"{W}.sources_tracker" if evaluation.has_tracker else f"{W}.sources_no_tracker")
    count = sum(evaluation.answers.values())
    if count:
        detail = words("lists.separator").join(
            words(f"{W}.form_count", count=n, title=evaluation.form_titles.get(form, form))
            for form, n in evaluation.answers.items()
        )
        forms = words(f"{W}.sources_forms", detail=detail)
    else:
        forms = words(f"{W}.sources_none")
    return words(f"{W}.sources", tracker=tracker, forms=forms)


def _participation(evaluation: Evaluation, say: _Say, words: Words) -> Section:
    W = "sponsor_report"
    P = f"{W}.participation"
    blocks: list[Block] = []
    if not evaluation.has_tracker:
        blocks.append(Paragraph(words(f"{W}.no_tracker")))
        return Section("participation", words(f"{P}.title"), tuple(blocks))
    cell = evaluation.cell
    rows = [
        (words(f"{P}.applied"), say.number(cell("participation", "applied"))),
        (words(f"{P}.applied_mentor"), say.number(cell("participation", "applied", "mentor"))),
        (words(f"{P}.applied_mentee"), say.number(cell("participation", "applied", "mentee"))),
        (words(f"{P}.matched"), say.number(cell("participation", "matched"))),
        (words(f"{P}.started"), say.number(cell("participation", "started"))),
        (words(f"{P}.completed"), say.number(cell("participation", "completed"))),
        (words(f"{P}.ended"), say.number(cell("participation", "ended"))),
    ]
    blocks.append(Table("", (words(f"{P}.figure"), words(f"{P}.number")), tuple(rows)))
    S = f"{W}.sessions"
    blocks.append(Heading(words(f"{S}.title")))
    blocks.append(Paragraph(words(f"{S}.intro")))
    months = evaluation.session_months
    due = [cell("sessions-month", m, "due") for m in months]
    held = [cell("sessions-month", m, "held") for m in months]
    table_rows = [
        (say.month(m), say.number(d), say.number(h))
        for m, d, h in zip(months, due, held, strict=True)
    ]
    table_rows.append(
        (
            words(f"{W}.all"),
            say.number(cell("sessions", "due")),
            say.number(cell("sessions", "held")),
        )
    )
    table = Table(
        words(f"{W}.chart_table"),
        (words(f"{S}.month_col"), words(f"{S}.due"), words(f"{S}.held")),
        tuple(table_rows),
    )
    total_due, total_held = cell("sessions", "due"), cell("sessions", "held")
    if total_due and total_held and not (total_due.suppressed or total_held.suppressed):
        share = (
            f"{total_held.value['n'] / total_due.value['n']:.0%}"
            if total_due.value["n"]
            else words(f"{W}.no_value")
        )
        sentence = words(
            f"{S}.sentence",
            due=say.number(total_due),
            held=say.number(total_held),
            date=words.date(evaluation.as_of),
            share=share,
        )
        for kind in ("moved", "cancelled"):
            count = cell("sessions", kind)
            if count and not count.suppressed and count.value["n"]:
                sentence += " " + words(f"{S}.sentence_{kind}", **{kind: say.number(count)})
    else:
        sentence = words(f"{S}.sentence_hidden", words=say.count_words())
    if any(say.value(c) for c in due + held):
        make = bars(
            [say.month(m) for m in months],
            [
                (words(f"{S}.due"), [say.value(c) for c in due]),
                (words(f"{S}.held"), [say.value(c) for c in held]),
            ],
        )
        blocks.append(_chart("sessions-chart", words(f"{S}.chart"), sentence, make, table))
    else:
        blocks += [Paragraph(sentence), table]
    cancelled = [
        (words(f"{S}.cancelled_{side}"), say.number(cell("sessions", "cancelled", side)))
        for side in ("mentor", "mentee", "other")
    ]
    blocks.append(
        Table(
            words(f"{S}.cancelled"),
            (words(f"{P}.figure"), words(f"{P}.number")),
            (
                (words(f"{S}.cancelled"), say.number(cell("sessions", "cancelled"))),
                *cancelled,
                (words(f"{S}.moved"), say.number(cell("sessions", "moved"))),
            ),
        )
    )
    return Section("participation", words(f"{P}.title"), tuple(blocks))


def _role_columns(words: Words) -> tuple[str, ...]:
    W = "sponsor_report"
    return (words(f"{W}.everyone"), words(f"{W}.mentors"), words(f"{W}.mentees"))


def _rating_row(evaluation: Evaluation, say: _Say, label: str, question: str) -> tuple[str, ...]:
    base = ("q", question)
    return (
        label,
        say.mean(evaluation.cell(*base)),
        say.mean(evaluation.cell(*base, "role", "mentor")),
        say.mean(evaluation.cell(*base, "role", "mentee")),
    )


def _reaction(evaluation: Evaluation, say: _Say, words: Words) -> Section:
    W = "sponsor_report"
    R = f"{W}.reaction"
    cell = evaluation.cell
    blocks: list[Block] = [Paragraph(words(f"{R}.intro"))]
    months = evaluation.pulse_months
    useful = [cell("pulse-month", m, "useful") for m in months]
    open_ = [cell("pulse-month", m, "open") for m in months]
    overall_useful, overall_open = cell("q", f"{PULSE}.useful"), cell("q", f"{PULSE}.open")
    table = Table(
        words(f"{W}.chart_table"),
        (words(f"{W}.sessions.month_col"), words(f"{R}.useful"), words(f"{R}.open")),
        (
            *(
                (say.month(m), say.mean(u), say.mean(o))
                for m, u, o in zip(months, useful, open_, strict=True)
            ),
            (words(f"{W}.all"), say.mean(overall_useful), say.mean(overall_open)),
        ),
    )
    if overall_useful and say.value(overall_useful) is not None and overall_useful.value["n"]:
        sentence = words(
            f"{R}.pulse_sentence",
            n=say.number(overall_useful),
            useful=say.mean(overall_useful),
            open=say.mean(overall_open),
        )
        if any(c and c.suppressed for c in useful + open_):
            sentence += " " + words(f"{R}.pulse_sentence_months", words=say.count_words())
    else:
        sentence = _nothing(overall_useful, say, words)
    if any(say.value(c, "mean") is not None for c in useful + open_):
        make = lines(
            [say.month(m) for m in months],
            [
                (words(f"{R}.useful"), [say.value(c, "mean") for c in useful]),
                (words(f"{R}.open"), [say.value(c, "mean") for c in open_]),
            ],
            words(f"{W}.average"),
        )
        blocks.append(_chart("pulse-chart", words(f"{R}.pulse_chart"), sentence, make, table))
    else:
        blocks += [Heading(words(f"{R}.pulse_chart")), Paragraph(sentence)]
        if _answered(overall_useful):
            blocks.append(table)

    recommend = evaluation.questions.get(f"{EVALUATION}.recommend")
    if recommend and not _answered(cell("q", recommend.id)):
        blocks += [Heading(words(f"{R}.recommend_chart")), Paragraph(words(f"{W}.no_answers_yet"))]
    elif recommend:
        base = ("q", recommend.id)
        rows = tuple(
            (
                option,
                say.number(cell(*base, "option", option)),
                say.number(cell(*base, "role", "mentor", "option", option)),
                say.number(cell(*base, "role", "mentee", "option", option)),
            )
            for option in recommend.options
        )
        rows += (
            (
                words(f"{W}.all"),
                say.number(cell(*base)),
                say.number(cell(*base, "role", "mentor")),
                say.number(cell(*base, "role", "mentee")),
            ),
        )
        table = Table(
            words(f"{W}.chart_table"), (words(f"{R}.option"), *_role_columns(words)), rows
        )
        total = cell(*base)
        yes = cell(*base, "option", recommend.options[0])
        if total and yes and say.value(total) and say.value(yes) is not None:
            sentence = words(f"{R}.recommend_sentence", yes=say.number(yes), n=say.number(total))
        else:
            sentence = _nothing(total, say, words)
        values = [say.value(cell(*base, "option", o)) for o in recommend.options]
        if any(values):
            make = bars(
                list(recommend.options), [(words(f"{W}.everyone"), values)], horizontal=True
            )
            blocks.append(
                _chart("recommend-chart", words(f"{R}.recommend_chart"), sentence, make, table)
            )
        else:
            blocks += [Heading(words(f"{R}.recommend_chart")), Paragraph(sentence), table]

    ratings = [
        ("value_business", f"{EVALUATION}.value-business"),
        ("value_you", f"{EVALUATION}.value-you"),
        ("honesty", f"{EVALUATION}.honesty"),
        ("support", f"{EVALUATION}.support"),
    ]
    ratings = [(k, q) for k, q in ratings if q in evaluation.questions]
    if ratings and not any(_answered(cell("q", q)) for _, q in ratings):
        blocks += [Heading(words(f"{R}.value_chart")), Paragraph(words(f"{W}.no_answers_yet"))]
    elif ratings:
        rows = tuple(_rating_row(evaluation, say, words(f"{R}.{k}"), q) for k, q in ratings)
        table = Table(words(f"{W}.chart_table"), ("", *_role_columns(words)), rows)
        business, you = f"{EVALUATION}.value-business", f"{EVALUATION}.value-you"
        parts = {
            "business": say.mean(cell("q", business, "role", "mentee")),
            "you": say.mean(cell("q", you, "role", "mentee")),
            "business_mentor": say.mean(cell("q", business, "role", "mentor")),
            "you_mentor": say.mean(cell("q", you, "role", "mentor")),
        }
        every = [cell("q", q, "role", r) for _, q in ratings for r in ROLES]
        if all(c and not c.suppressed and c.value.get("n") for c in every[:4]):
            sentence = words(f"{R}.value_sentence", **parts)
        else:
            sentence = _nothing(cell("q", business), say, words)
        series = [
            (
                words(f"{W}.mentors" if role == "mentor" else f"{W}.mentees"),
                [say.value(cell("q", q, "role", role), "mean") for _, q in ratings],
            )
            for role in ROLES
        ]
        if any(v is not None for _, values in series for v in values):
            make = bars(
                [words(f"{R}.{k}") for k, _ in ratings],
                series,
                horizontal=True,
                limit=(0, 5),
                axis_label=words(f"{W}.average"),
            )
            blocks.append(_chart("value-chart", words(f"{R}.value_chart"), sentence, make, table))
        else:
            blocks += [Heading(words(f"{R}.value_chart")), Paragraph(sentence), table]
    return Section("reaction", words(f"{R}.title"), tuple(blocks))


def _join(items: list[str], words: Words) -> str:
    """'a', 'a and b', 'a, b and c', in the words' language."""
    *first, last = items or [""]
    if not first:
        return last
    return words("lists.last", items=words("lists.separator").join(first), last=last)


def _answered(cell: Cell | None) -> bool:
    """Whether anyone answered: a hidden number still means someone did."""
    return cell is not None and (cell.suppressed or bool(cell.value.get("n")))


def _nothing(total: Cell | None, say: _Say, words: Words) -> str:
    """Why a chart has nothing to show: no answers, or too few to show."""
    if total is None or (not total.suppressed and not total.value.get("n")):
        return words("sponsor_report.no_answers_yet")
    return words("sponsor_report.all_hidden", words=say.count_words())


def _learning(evaluation: Evaluation, say: _Say, words: Words) -> Section:
    W = "sponsor_report"
    L = f"{W}.learning"
    cell = evaluation.cell
    blocks: list[Block] = [Heading(words(f"{L}.seniors")), Paragraph(words(f"{L}.seniors_intro"))]
    goal_ids = evaluation.goal_ids
    titles = {g: _goal_label(g, evaluation.goal_titles) for g in goal_ids}
    rows = (
        *(
            (
                titles[goal],
                say.number(cell("goal", goal)),
                say.mean(cell("goal", goal), "before"),
                say.mean(cell("goal", goal), "after"),
                say.mean(cell("goal", goal), "change"),
                say.number(  # a goal hidden as a whole hides its parts too
                    cell("goal", goal)
                    if cell("goal", goal).suppressed
                    else cell("goal", goal, "rose")
                ),
            )
            for goal in goal_ids
        ),
        (
            words(f"{W}.all"),
            say.number(cell("goals")),
            say.mean(cell("goals"), "before"),
            say.mean(cell("goals"), "after"),
            say.mean(cell("goals"), "change"),
            "",
        ),
    )
    table = Table(
        words(f"{W}.chart_table"),
        (
            words(f"{L}.goal"),
            words(f"{W}.answers"),
            words(f"{L}.before"),
            words(f"{L}.after"),
            words(f"{L}.change"),
            words(f"{L}.rose"),
        ),
        rows,
    )
    total = cell("goals")
    if total and say.value(total):
        sentence = words(
            f"{L}.goals_sentence",
            n=say.number(total),
            before=say.mean(total, "before"),
            after=say.mean(total, "after"),
        )
    else:
        sentence = _nothing(total, say, words)
    before = [say.value(cell("goal", g), "before") for g in goal_ids]
    after = [say.value(cell("goal", g), "after") for g in goal_ids]
    if any(v is not None for v in before):
        if any(v is None for v in before):
            sentence += " " + words(f"{L}.goals_hidden")
        make = bars(
            [textwrap.fill(titles[g], 34) for g in goal_ids],
            [(words(f"{L}.before"), before), (words(f"{L}.after"), after)],
            horizontal=True,
            limit=(0, 5),
            axis_label=words(f"{W}.average"),
            drop_empty=True,
        )
        blocks.append(_chart("goals-chart", words(f"{L}.goals_chart"), sentence, make, table))
    else:
        blocks += [Heading(words(f"{L}.goals_chart")), Paragraph(sentence)]
        if _answered(total):
            blocks.append(table)
    mentee_rows = [
        (words(f"{L}.goals_met"), ("q", f"{EVALUATION}.goals-met", "role", "mentee")),
        (words(f"{L}.value_you"), ("q", f"{EVALUATION}.value-you", "role", "mentee")),
        (words(f"{L}.progress"), ("q", f"{MID_POINT}.progress", "role", "mentee")),
    ]
    mentees = _ratings_table(evaluation, say, words, mentee_rows)
    if mentees:
        blocks.append(mentees)

    blocks += [Heading(words(f"{L}.juniors")), Paragraph(words(f"{L}.juniors_intro"))]
    mentor_rows = [
        (words(f"{L}.juniors_value"), ("q", f"{EVALUATION}.value-you", "role", "mentor")),
        (words(f"{L}.juniors_progress"), ("q", f"{MID_POINT}.progress", "role", "mentor")),
        (
            words(f"{L}.juniors_relationship"),
            ("q", f"{MID_POINT}.relationship", "role", "mentor"),
        ),
        (words(f"{L}.juniors_useful"), ("q", f"{PULSE}.useful", "role", "mentor")),
    ]
    mentors = _ratings_table(evaluation, say, words, mentor_rows)
    blocks.append(mentors or Paragraph(words(f"{W}.no_answers_yet")))
    for key, question in (
        ("juniors_told", f"{EVALUATION}.told-about-impact"),
        ("juniors_again", f"{EVALUATION}.again"),
    ):
        spec = evaluation.questions.get(question)
        if spec is None or not _answered(cell("q", question, "role", "mentor")):
            continue
        base = ("q", question, "role", "mentor")
        rows = (
            *((option, say.number(cell(*base, "option", option))) for option in spec.options),
            (words(f"{W}.all"), say.number(cell(*base))),
        )
        blocks.append(
            Table(words(f"{L}.{key}"), (words(f"{W}.reaction.option"), words(f"{W}.mentors")), rows)
        )
    return Section("learning", words(f"{L}.title"), tuple(blocks))


def _goal_label(goal: str, titles: dict[str, str]) -> str:
    """A programme goal's words, or its id (a worksheet's goal number: 'goal-2')."""
    return titles.get(goal, goal)


def _ratings_table(
    evaluation: Evaluation, say: _Say, words: Words, rows: list[tuple[str, tuple[Any, ...]]]
) -> Block | None:
    """A table of the rows someone answered, or None."""
    W = "sponsor_report"
    shown = tuple(
        (label, say.number(evaluation.cell(*key)), say.mean(evaluation.cell(*key)))
        for label, key in rows
        if _answered(evaluation.cell(*key))
    )
    if not shown:
        return None
    return Table("", ("", words(f"{W}.answers"), words(f"{W}.average")), shown)


def _level_rows(evaluation: Evaluation, say: _Say, words: Words, levels: Sequence[str]) -> Table:
    W = "sponsor_report"
    B = f"{W}.behaviour"
    return Table(
        words(f"{B}.table"),
        (words(f"{B}.level"), words(f"{B}.changes")),
        tuple(
            (words(f"{W}.levels.{level}"), say.number(evaluation.cell("actions", level)))
            for level in levels
        ),
    )


def _examples(evaluation: Evaluation, words: Words, levels: Sequence[str]) -> list[Block]:
    W = "sponsor_report"
    items = []
    for example in evaluation.examples:
        if example.level not in levels:
            continue
        names = [n for n in (example.mentee, example.mentor) if n]
        text = f"{words(f'{W}.levels.{example.level}')}: {example.change}"
        if names:
            text = words(
                f"{W}.behaviour.example_named",
                text=text,
                names=words("lists.separator").join(names),
            )
        items.append(text)
    if not items:
        return []
    return [Heading(words(f"{W}.behaviour.examples")), Items(tuple(items))]


def _behaviour(evaluation: Evaluation, say: _Say, words: Words) -> Section:
    W = "sponsor_report"
    B = f"{W}.behaviour"
    levels = ("personal", "team")
    blocks: list[Block] = [Paragraph(words(f"{B}.intro"))]
    if _answered(evaluation.cell("actions")):
        blocks.append(_level_rows(evaluation, say, words, levels))
    else:
        blocks.append(Paragraph(words(f"{W}.no_answers_yet")))
    blocks += _examples(evaluation, words, levels)
    return Section("behaviour", words(f"{B}.title"), tuple(blocks))


def _results(evaluation: Evaluation, say: _Say, words: Words) -> Section:
    W = "sponsor_report"
    R = f"{W}.results"
    cell = evaluation.cell
    blocks: list[Block] = [Paragraph(words(f"{R}.intro"))]
    total = cell("actions")
    table = Table(
        words(f"{W}.chart_table"),
        (words(f"{W}.behaviour.level"), words(f"{W}.behaviour.changes")),
        (
            *((words(f"{W}.levels.{lv}"), say.number(cell("actions", lv))) for lv in LEVELS),
            (words(f"{W}.all"), say.number(total)),
        ),
    )
    values = [say.value(cell("actions", level)) for level in LEVELS]
    if total and say.value(total):
        shown = [
            words(
                f"{R}.sentence_level",
                count=say.number(cell("actions", level)),
                level=words(f"{W}.levels_in_text.{level}"),
            )
            for level, value in zip(LEVELS, values, strict=True)
            if value is not None
        ]
        sentence = words(f"{R}.sentence", n=say.number(total), levels=_join(shown, words))
        if any(v is None for v in values):
            sentence += " " + words(f"{R}.sentence_hidden")
    else:
        sentence = _nothing(total, say, words)
    if any(values):
        make = bars([words(f"{W}.levels.{lv}") for lv in LEVELS], [("", values)], drop_empty=True)
        blocks.append(_chart("changes-chart", words(f"{R}.chart"), sentence, make, table))
    else:
        blocks += [Heading(words(f"{R}.chart")), Paragraph(sentence)]
        if _answered(total):
            blocks.append(table)
    blocks += _examples(evaluation, words, ("organisation", "symbolic"))
    blocks += [Heading(words(f"{R}.measure_title")), Items(words.list(f"{R}.measure"))]
    return Section("results", words(f"{R}.title"), tuple(blocks))


def _left_out(evaluation: Evaluation, words: Words) -> Section:
    W = "sponsor_report"
    if not evaluation.skipped:
        blocks: tuple[Block, ...] = (Paragraph(words(f"{W}.left_out_none")),)
    else:
        blocks = (
            Paragraph(words(f"{W}.left_out_intro")),
            Items(tuple(str(problem) for problem in evaluation.skipped)),
        )
    return Section("left-out", words(f"{W}.left_out_title"), blocks)
