"""Every private output of a matching run, as bytes by relative path: what the CLI writes into
the folder the user named (through the staging folder, so nothing is ever half-written).

    files = matching_files(result, tailored=tailored)   # {"pairs.csv": b"...", ...}
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from upward.load.roster import pair_codes, roster_of
from upward.model.applications import CircleResult, MatchResult
from upward.plan.tailored import TailoredKit, slugify
from upward.render.introductions import introduction_eml
from upward.render.pair_calendar import PairCalendars
from upward.render.report import matching_report
from upward.render.tables import changes_csv, circles_csv, pairs_csv, unmatched_csv
from upward.render.workbook import pairs_workbook

_UNDECOMPOSED = str.maketrans(
    {
        "\u0131": "i",  # dotless i
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
    }
)
"""Letters that Unicode does not decompose into an ASCII letter and a mark."""


def pair_file_stem(number: int, width: int, mentor: str, mentee: str) -> str:
    """'07-amara-okafor-and-kenji-watanabe': numbered, so two pairs never share a name."""
    a, b = (slugify(name.translate(_UNDECOMPOSED))[:30] for name in (mentor, mentee))
    return f"{number:0{width}d}-{a}-and-{b}"


PARALLEL_FROM = 300  # pairs: below this, starting processes costs more than it saves


def matching_files(
    result: MatchResult,
    *,
    tailored: TailoredKit | None = None,
    introductions: bool = True,
    jobs: int | None = None,
) -> dict[str, bytes]:
    """Every output file. An introduction and a calendar cost about 3 ms of CPU a pair (the
    standard `email` package and icalendar), most of a large run: with more than one core and
    many pairs they are made in forked processes (`jobs`, default: the usable cores; the bytes
    are the same either way)."""
    files = {
        "pairs.csv": pairs_csv(result),
        "unmatched.csv": unmatched_csv(result),
        "pairs.xlsx": pairs_workbook(result),
        "matching-report.html": matching_report(
            result, tailored.profile.programme if tailored else ""
        ),
    }
    if result.changes:
        files["changes.csv"] = changes_csv(result)
    tracker = None
    if tailored is not None and result.pairs:
        tracker = lambda: {"tracker.xlsx": filled_tracker(result, tailored)}  # noqa: E731
    if introductions:
        files |= pair_files(result, tailored, jobs=jobs, meanwhile=tracker)
    elif tracker is not None:
        files |= tracker()
    return files


def filled_tracker(result: MatchResult, tailored: TailoredKit) -> bytes:
    """The kit's tracker with this run's pairs in pairs.csv's order (the codes the
    introductions name) and every pair's sessions on the programme's dates: the lead starts
    keeping the pairs alive from here (`upward status`, `upward report`). Private: it names
    people."""
    from upward.render.tracker import tracker_workbook  # openpyxl's styles: only when needed

    return tracker_workbook(tailored, roster_of(result))


def circle_files(result: CircleResult) -> dict[str, bytes]:
    """The group format's outputs: who is in which circle, and who is in none, and why."""
    return {"circles.csv": circles_csv(result), "unmatched.csv": unmatched_csv(result)}


def pair_files(
    result: MatchResult,
    tailored: TailoredKit | None,
    *,
    jobs: int | None = None,
    meanwhile: Callable[[], dict[str, bytes]] | None = None,
) -> dict[str, bytes]:
    """`introductions/NN-....eml` and `calendars/NN-....ics` for every pair made in this run
    (kept pairs were introduced before), and the files `meanwhile` makes: in this process
    while the workers render the drafts (a large cohort's tracker takes as long)."""
    fresh = [p for p in result.pairs if p.status != "kept"]
    jobs = jobs or _usable_cores()
    if jobs < 2 or len(fresh) < PARALLEL_FROM or "fork" not in mp.get_all_start_methods():
        files = _pair_range(result, tailored, 0, len(fresh))
        return files | (meanwhile() if meanwhile else {})
    step = -(-len(fresh) // (jobs * 4))
    bounds = [(start, min(start + step, len(fresh))) for start in range(0, len(fresh), step)]
    files = {}
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=mp.get_context("fork"),
        initializer=_take,
        initargs=(result, tailored),  # inherited by the forked workers, never pickled
    ) as pool:
        parts = [pool.submit(_pair_range_in_worker, b) for b in bounds]  # forked by now
        extra = meanwhile() if meanwhile else {}
        for part in parts:  # in order: the same dict as one job
            files |= part.result()
    return files | extra


def _pair_range(
    result: MatchResult, tailored: TailoredKit | None, start: int, stop: int
) -> dict[str, bytes]:
    people = result.people
    fresh = [p for p in result.pairs if p.status != "kept"]
    width = len(str(len(fresh)))
    codes = pair_codes(result)  # as the tracker numbers its rows
    files: dict[str, bytes] = {}
    calendars = PairCalendars(tailored) if tailored is not None else None
    for number in range(start + 1, stop + 1):
        pair = fresh[number - 1]
        mentor, mentee = people[pair.mentor], people[pair.mentee]
        stem = pair_file_stem(number, width, mentor.full_name, mentee.full_name)
        calendar = None
        if calendars is not None and pair.first_slot:
            calendar = calendars.ics(mentor, mentee, pair.first_slot)
            files[f"calendars/{stem}.ics"] = calendar
        files[f"introductions/{stem}.eml"] = introduction_eml(
            pair, mentor, mentee, tailored, calendar, codes[(pair.mentor, pair.mentee)]
        )
    return files


_WORKER: dict[str, object] = {}  # in a forked worker only: what it renders from


def _take(result: MatchResult, tailored: TailoredKit | None) -> None:
    _WORKER["result"], _WORKER["tailored"] = result, tailored


def _pair_range_in_worker(bounds: tuple[int, int]) -> dict[str, bytes]:
    return _pair_range(_WORKER["result"], _WORKER["tailored"], *bounds)  # type: ignore[arg-type]


def _usable_cores() -> int:
    if os.environ.get("UPWARD_JOBS", "").strip() == "1":
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
