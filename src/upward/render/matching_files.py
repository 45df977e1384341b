"""Every private output of a matching run, as bytes by relative path: what the CLI writes into
the folder the user named (through the staging folder, so nothing is ever half-written).

    files = matching_files(result, tailored=tailored)   # {"pairs.csv": b"...", ...}
"""

from __future__ import annotations

from upward.applications import MatchResult
from upward.render.introductions import introduction_eml
from upward.render.pair_calendar import pair_ics
from upward.render.report import matching_report
from upward.render.tables import changes_csv, pairs_csv, unmatched_csv
from upward.render.workbook import pairs_workbook
from upward.tailoring import TailoredKit, slugify

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


def matching_files(
    result: MatchResult,
    *,
    tailored: TailoredKit | None = None,
    introductions: bool = True,
) -> dict[str, bytes]:
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
    if not introductions:
        return files
    people = result.people
    fresh = [p for p in result.pairs if p.status != "kept"]  # kept pairs were introduced before
    width = len(str(len(fresh)))
    for number, pair in enumerate(fresh, start=1):
        mentor, mentee = people[pair.mentor], people[pair.mentee]
        stem = pair_file_stem(number, width, mentor.full_name, mentee.full_name)
        calendar = None
        if tailored is not None and pair.first_slot:
            calendar = pair_ics(tailored, mentor, mentee, pair.first_slot)
            files[f"calendars/{stem}.ics"] = calendar
        files[f"introductions/{stem}.eml"] = introduction_eml(
            pair, mentor, mentee, tailored, calendar
        )
    return files
