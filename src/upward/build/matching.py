"""`upward match`'s flow: read applications -> match, unwind, circles or a directory -> the private
outputs, written whole into a folder the user named (or nothing at all).

Nothing is written while any input is refused (unless the caller skips bad applications), and
the output folder is cleared by the guard before anything is read, so a forbidden `-o` costs no
time. The folder holds personal data: it may never be, hold or lie inside an input (the
application files themselves included) or a kit Upward made to be shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from upward.build.private import private_output, write_private_outputs
from upward.build.project import Project
from upward.load.applications import ReadResult, read_applications
from upward.load.org_profile import read_profile
from upward.load.pairs import Review, read_current, read_pair_list, read_review
from upward.load.sources import Progress
from upward.model import Kit, Profile
from upward.model.applications import CircleResult, CurrentPair, MatchResult, MatchRules, PairRef
from upward.plan.agenda import agenda_fit_problems
from upward.plan.tailored import TailoredKit, tailor_kit
from upward.problems import Problem, ProblemsFound
from upward.words import english

COMMAND = "match"

Kind = Literal["pairs", "circles", "directory", "check"]


@dataclass(frozen=True)
class MatchRequest:
    """What the user asked for, as paths and switches (the CLI's arguments)."""

    mentors: Path
    mentees: Path
    more: tuple[Path, ...] = ()
    out: Path | None = None
    profile: Path | None = None
    review: Path | None = None
    keep: Path | None = None
    check: Path | None = None
    never_again: Path | None = None
    skip_bad: bool = False
    force: bool = False

    @property
    def applications(self) -> tuple[Path, ...]:
        return (self.mentors, self.mentees, *self.more)

    @property
    def inputs(self) -> dict[str, Path]:
        """Every file this run reads but the kit: none may be the output or lie in it."""
        words = english()
        named = {
            words("folders.inputs.mentors"): self.mentors,
            words("folders.inputs.mentees"): self.mentees,
        }
        named |= {
            words("folders.inputs.application", number=n): p
            for n, p in enumerate(self.more, start=3)
        }
        for key, path in (
            ("review", self.review),
            ("keep", self.keep),
            ("check", self.check),
            ("never_again", self.never_again),
        ):
            if path is not None:
                named[words(f"folders.inputs.{key}")] = path
        return named


@dataclass(frozen=True)
class MatchRun:
    """What a run did: what it read, what it decided, and where it wrote."""

    kind: Kind
    read: ReadResult
    rules: MatchRules
    tailored: TailoredKit | None
    result: MatchResult | CircleResult | None = None
    check_problems: tuple[Problem, ...] = ()
    checked_pairs: int = 0
    folder: Path | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    profile: Path | None = None  # the profile used: --profile's, or the workspace's


class ApplicationsRefused(ProblemsFound):
    """Some applications were refused and the run was not told to skip them: nothing written.
    Carries what was read, so the message can say how many were fine."""

    def __init__(self, problems: Sequence[Problem], read: ReadResult) -> None:
        super().__init__(problems)
        self.read = read


def run_match(
    project: Project, request: MatchRequest, progress: Progress | None = None
) -> MatchRun:
    """Read, decide and (unless only checking) write the private outputs: see the module.

    In a workspace (`upward init`) without --profile, the workspace's profile is used, as
    `upward tailor` does: the pairs' calendars then fall on the dates its kit shows."""
    if request.profile is None and project.workspace is not None:
        request = replace(request, profile=project.workspace.profile)
    if request.out is not None:  # a forbidden place is refused before anything is read
        private_output(project, request.out, **_output_options(request))
    kit, profile = _kit_and_profile(project, request.profile)
    tailored = tailor_kit(kit, profile) if profile else None
    titles = {bank.id: bank.title for bank in kit.question_banks}
    read = read_applications(
        request.applications,
        topics=titles,
        roles={request.mentors: "mentor", request.mentees: "mentee"},
        progress=progress,
    )
    lists = _PairLists.read(request)  # before refusing anything: every problem at once
    if read.problems and not request.skip_bad:
        raise ApplicationsRefused([*read.problems, *lists.problems], read)
    if lists.problems:
        raise ProblemsFound(lists.problems)
    rules = MatchRules.of(profile.matching, profile.matching_rules) if profile else MatchRules()
    weights = profile.matching_rules.weights if profile else None
    purpose = tuple(tailored.purpose.topics) if tailored else ()
    never_again = lists.never_again
    common = {
        "rules": rules,
        "weights": weights,
        "purpose_topics": purpose,
        "topic_titles": titles,
        "never_again": never_again,
    }
    run: MatchRun
    if request.check is not None:
        from upward.plan.selfcheck import check_pairs

        pairs = lists.check
        problems = check_pairs(read.applications, pairs, rules=rules, never_again=never_again)
        return MatchRun(
            "check",
            read,
            rules,
            tailored,
            None,
            tuple(problems),
            len(pairs),
            profile=request.profile,
        )
    if rules.mode == "self":
        from upward.plan.selfcheck import mentor_directory
        from upward.render.directory import directory_files

        entries = mentor_directory(read.applications, titles)
        files = directory_files(entries, profile.programme if profile else "")
        run = MatchRun("directory", read, rules, tailored, None, files=files)
    elif profile is not None and profile.format == "group":
        from upward.plan.circles import circles
        from upward.render.matching_files import circle_files

        result = circles(read.applications, **common)
        run = MatchRun("circles", read, rules, tailored, result, files=circle_files(result))
    else:
        from upward.render.matching_files import matching_files

        result = _pairs(read, lists, common)
        files = matching_files(result, tailored=tailored)
        if rules.mode == "hybrid":  # for mentees to rank in the next round: the page only
            from upward.plan.selfcheck import mentor_directory
            from upward.render.directory import directory_html

            entries = mentor_directory(read.applications, titles)
            page = directory_html(entries, profile.programme if profile else "")
            files["mentor-directory.html"] = page
        run = MatchRun("pairs", read, rules, tailored, result, files=files)
    run = replace(run, profile=request.profile)
    if request.out is None:
        return run
    folder = write_private_outputs(project, request.out, run.files, **_output_options(request))
    return replace(run, folder=folder)


def _output_options(request: MatchRequest) -> dict:
    """How `upward match` writes its private folder: replaced only with --force, and never
    where it reads (the applications, the profile and whatever lies beside it)."""
    return {
        "command": COMMAND,
        "replace": request.force,
        "inputs": request.inputs,
        "profile": request.profile,
    }


def _pairs(read: ReadResult, lists: _PairLists, common: dict) -> MatchResult:
    from upward.plan.matching import match, unwind

    if lists.current is not None:
        return unwind(read.applications, lists.current, **common)
    if lists.review is not None:
        review = lists.review
        return match(read.applications, locked=review.keep, declined=review.declined, **common)
    return match(read.applications, **common)


@dataclass(frozen=True)
class _PairLists:
    """The lists of pairs a run is given beside the applications (--keep, --review,
    --never-again, --check), read before anything is refused, so that their problems are
    reported with the applications' in one run, not one run after another."""

    never_again: tuple[PairRef, ...] = ()
    check: tuple[PairRef, ...] = ()
    current: tuple[CurrentPair, ...] | None = None
    review: Review | None = None
    problems: tuple[Problem, ...] = ()

    @classmethod
    def read(cls, request: MatchRequest) -> _PairLists:
        problems: list[Problem] = []
        never_again, found = _pairs_in(request.never_again)
        problems += found
        check, found = _pairs_in(request.check)
        problems += found
        current = review = None
        if request.keep is not None:
            current, found = read_current(request.keep)
            problems += found
        if request.review is not None:
            review = read_review(request.review)
            problems += review.problems
        return cls(never_again, check, current, review, tuple(problems))


def _pairs_in(path: Path | None) -> tuple[tuple[PairRef, ...], list[Problem]]:
    if path is None:
        return (), []
    pairs, problems = read_pair_list(path)
    return pairs, list(problems)


def _kit_and_profile(project: Project, profile_path: Path | None) -> tuple[Kit, Profile | None]:
    """The kit (its topics) and, when given, the profile; the problems of both at once."""
    problems: list[Problem] = []
    loaded = located = None
    try:
        loaded = project.load()  # with the workspace's overrides
    except ProblemsFound as found:
        problems.extend(found.problems)
    if profile_path is not None:
        try:
            located = read_profile(
                profile_path, lambda: [p.id for p in loaded.kit.purposes] if loaded else []
            )
        except ProblemsFound as found:
            problems.extend(found.problems)
        if loaded and located:
            problems.extend(agenda_fit_problems(located, loaded))
    if problems:
        raise ProblemsFound(problems)
    assert loaded is not None
    return loaded.kit, located.profile if located else None
