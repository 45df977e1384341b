"""One screen of summary after `upward match`: what was read, what was decided (matched,
unmatched and why, the objective's numbers beside the alternative's), and where the files are.
Plain lines; the terminal layer escapes whatever names they carry."""

from __future__ import annotations

from collections.abc import Sequence

from upward.load.applications import ReadResult
from upward.model.applications import CircleResult, MatchResult, MatchRules, Outcome
from upward.problems import Problem
from upward.words import matching as words

SHOWN = 8
"""People without a pair listed on screen; the rest are in unmatched.csv."""


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def read_lines(read: ReadResult, *, skipped: bool) -> list[str]:
    S = words.SUMMARY
    roles = [a.role for a in read.applications]
    lines = [
        S["read"].format(
            applications=len(roles),
            mentors=roles.count("mentor"),
            mentees=roles.count("mentee"),
            files=read.files,
        )
    ]
    if skipped and read.problems:
        lines.append(S["skipped"].format(count=len(read.problems)))
        lines += [f"  {p}" for p in read.problems]
    return lines


def _outcome_line(label: str, outcome: Outcome) -> str:
    return words.SUMMARY["alternative"].format(
        label=label,
        matched=outcome.matched,
        mean=_number(outcome.mean_score),
        low=_number(outcome.min_score),
        total=_number(outcome.total_score),
    )


def _unmatched(result: MatchResult | CircleResult) -> list[str]:
    S = words.SUMMARY
    if not result.unmatched:
        return [S["everyone"]]
    lines = [S["unmatched"].format(count=len(result.unmatched))]
    for person in result.unmatched[:SHOWN]:
        lines.append(
            S["unmatched_row"].format(
                name=result.people[person.email].full_name,
                role=words.ROLES[person.role],
                why=person.why,
            )
        )
    if len(result.unmatched) > SHOWN:
        lines.append(S["more"].format(count=len(result.unmatched) - SHOWN))
    return lines


def pairs_lines(result: MatchResult) -> list[str]:
    S = words.SUMMARY
    chosen, other = result.outcome, result.alternative
    lines = [
        S["matched"].format(
            matched=chosen.matched,
            mentees=chosen.mentees,
            mentors_used=chosen.mentors_used,
            mentors=chosen.mentors,
            most=chosen.max_matchable,
        )
    ]
    if chosen.matched:
        lines.append(
            S["scores"].format(
                mean=_number(chosen.mean_score),
                max=_number(result.max_score),
                low=_number(chosen.min_score),
                total=_number(chosen.total_score),
            )
        )
    label = "alternative_quality" if result.rules.objective == "reach" else "alternative_reach"
    lines.append(_outcome_line(S[label], other))
    if result.changes:
        ended = sum(c.kind == "ended" for c in result.changes)
        lines.append(S["changes"].format(ended=ended, new=len(result.changes) - ended))
        people = result.people
        lines += [
            S["change_row"].format(
                kind=words.CHANGES[c.kind],
                mentor=people[c.mentor].full_name if c.mentor in people else c.mentor,
                mentee=people[c.mentee].full_name if c.mentee in people else c.mentee,
            )
            for c in result.changes[:SHOWN]
        ]
    return lines + _unmatched(result)


def circles_lines(result: CircleResult) -> list[str]:
    S = words.SUMMARY
    people = result.people.values()
    lines = [
        S["circles"].format(
            circles=len(result.circles),
            placed=sum(len(c.mentees) for c in result.circles),
            mentees=sum(p.role == "mentee" for p in people),
            mentors_used=sum(len(c.mentors) for c in result.circles),
            mentors=sum(p.role == "mentor" for p in people),
        )
    ]
    if not result.optimal:
        lines.append(S["circles_not_proven"])
    return lines + _unmatched(result)


def check_lines(problems: Sequence[Problem], pairs: int) -> list[str]:
    S = words.SUMMARY
    if not problems:
        return [S["check_ok"].format(pairs=pairs)]
    return [S["check_bad"].format(count=len(problems), pairs=pairs), *(f"  {p}" for p in problems)]


def mode_line(rules: MatchRules, *, from_profile: bool) -> str:
    S = words.SUMMARY
    source = S["mode_source_profile" if from_profile else "mode_source_default"]
    if rules.mode == "self":
        return S["mode_self"].format(source=source)
    return S["mode"].format(
        mode=words.MODES[rules.mode],
        objective=rules.objective,
        source=source,
    )


def files_lines(folder: str, files: dict[str, bytes], *, calendars_possible: bool) -> list[str]:
    """Where the outputs are, and what to do next."""
    S = words.SUMMARY
    lines = [S["written"].format(folder=folder, files=len(files))]
    emails = sum(name.startswith("introductions/") for name in files)
    calendars = sum(name.startswith("calendars/") for name in files)
    if "pairs.csv" in files:
        lines += [S["file_pairs"], S["file_unmatched"], S["file_report"]]
        if emails:
            lines.append(S["file_introductions"].format(count=emails))
        if calendars:
            lines.append(S["file_calendars"].format(count=calendars))
        if "tracker.xlsx" in files:
            lines.append(S["file_tracker"])
        if "mentor-directory.html" in files:
            lines.append(S["file_directory_page"])
        lines.append(S["next_review"])
        if emails and not calendars_possible:
            lines.append(S["next_no_calendar"])
    elif "circles.csv" in files:
        lines += [S["file_circles"], S["file_unmatched"]]
    elif "mentor-directory.html" in files:
        lines += [S["file_directory"], S["next_directory"]]
    return lines
