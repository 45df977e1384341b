"""What `upward status` shows and writes: one screen of summary, and a nudge draft per finding.

Each nudge is kind and specific: it names the dates, the number of sessions and the next step,
goes only to the people it concerns (a side's cancellations are raised with that side alone),
and always leaves a no-fault way out. Drafts are `.eml` files from `render.drafts`, for the
lead to read, make their own and send; nothing is ever sent.

    report = status(read_tracker(path), today)
    files = status_files(report)        # {"P03-gone-quiet.eml": b"...", ...}
    lines = status_lines(report, "nudges")
"""

from __future__ import annotations

from upward.model.tracker import TrackedPair
from upward.plan.status import KINDS, Finding, StatusReport
from upward.render.drafts import address, draft_eml, one_line
from upward.words import Words, english

MAX_LINES_PER_KIND = 8  # one screen: the drafts hold the rest


def status_files(report: StatusReport, words: Words | None = None) -> dict[str, bytes]:
    """A nudge draft for every finding, named by pair and kind (the folder is the caller's)."""
    words = words or english()
    return {
        f"{nudge_name(finding, words)}.eml": nudge_eml(finding, report, words)
        for finding in report.findings
    }


def nudge_name(finding: Finding, words: Words | None = None) -> str:
    words = words or english()
    kind = words(f"status.files.{finding.kind}", side=finding.side)
    code = "".join(c for c in finding.pair.code if c.isalnum() or c in "-_") or "pair"
    return f"{code}-{kind}"


def _name(pair: TrackedPair, role: str, words: Words) -> str:
    name = getattr(pair, f"{role}_name") or getattr(pair, f"{role}_email")
    return one_line(name) or words("status.unnamed")


def _first_name(pair: TrackedPair, role: str, words: Words) -> str:
    name = getattr(pair, f"{role}_name")
    return one_line(name).split(" ")[0] if name.strip() else words("status.unnamed")


def nudge_eml(finding: Finding, report: StatusReport, words: Words | None = None) -> bytes:
    words = words or english()
    programme = report.programme
    pair = finding.pair
    recipients = [
        address(getattr(pair, f"{role}_name"), getattr(pair, f"{role}_email"))
        for role in finding.recipients
        if "@" in getattr(pair, f"{role}_email")
    ]
    sender = None
    if "@" in programme.contact_email:
        sender = address(programme.contact_name, programme.contact_email)
    facts = {
        "programme": one_line(programme.programme) or words("status.email.default_programme"),
        "partner": _name(pair, "mentee" if finding.side == "mentor" else "mentor", words),
    }
    E = f"status.email.{finding.kind}"
    greeting = words(
        "status.email.greeting",
        names=_join([_first_name(pair, role, words) for role in finding.recipients], words),
    )
    body = [greeting, *_paragraphs(finding, words, E, facts)]
    signer = one_line(programme.contact_name) or words("status.email.default_sender")
    body.append(f"{words('status.email.signoff')}\n{signer}")
    return draft_eml(
        sender=sender,
        to=recipients,
        subject=words(f"{E}.subject", **facts),
        body="\n\n".join(body) + "\n",
    )


def _paragraphs(finding: Finding, words: Words, E: str, facts: dict[str, str]) -> list[str]:
    date = words.date
    upcoming = finding.next_session
    if finding.kind == "quiet":
        if finding.last_met:
            noticed = words(f"{E}.noticed", since=date(finding.last_met), days=finding.days)
        else:
            since = finding.first_planned
            noticed = words(f"{E}.noticed_never", since=date(since) if since else "")
        if upcoming and (when := upcoming.held_on or upcoming.planned):
            step = words(
                f"{E}.next",
                number=upcoming.number,
                title=one_line(upcoming.title),
                date=date(when),
            )
        else:
            step = words(f"{E}.no_next")
        return [noticed, words(f"{E}.normal"), step, words(f"{E}.help")]
    if finding.kind == "cancelled":
        side = finding.side
        dates = _join([date(d) for d in finding.cancelled], words)
        return [
            words(f"{E}.noticed", count=finding.count, partner=facts["partner"], dates=dates),
            words(f"{E}.why_{side}"),
            words(f"{E}.offer_{side}"),
        ]
    review = finding.review
    when = finding.review_date
    details = {
        "number": review.number if review else "",
        "title": one_line(review.title) if review else "",
        "date": date(when) if when else "",
    }
    opening = words(f"{E}.coming" if finding.days >= 0 else f"{E}.past", **details)
    return [opening, words(f"{E}.check_in")]


def _join(items: list[str], words: Words) -> str:
    *first, last = items or [""]
    if not first:
        return last
    return words("lists.last", items=words("lists.separator").join(first), last=last)


def status_lines(report: StatusReport, folder: str = "", words: Words | None = None) -> list[str]:
    """The summary a lead reads on one screen: counts, then each kind's pairs, then the drafts."""
    words = words or english()
    programme = report.programme
    if not report.pairs:
        return [words("status.no_pairs"), *("  " + str(p) for p in report.problems)]
    running = report.running
    lines = [
        words(
            "status.heading",
            programme=one_line(programme.programme) or words("status.email.default_programme"),
            date=words.date(report.today),
            pairs=len(report.pairs),
            running=len(running),
            closed=len(report.pairs) - len(running),
        ),
        words("status.on_track", count=len(report.on_track), running=len(running)),
    ]
    for kind in KINDS:
        found = report.of_kind(kind)
        if not found:
            continue
        lines.append("")
        lines.append(words(f"status.kinds.{kind}", quiet=f"{programme.quiet_days:g}"))
        for finding in found[:MAX_LINES_PER_KIND]:
            lines.append("  " + _line(finding, words))
        if len(found) > MAX_LINES_PER_KIND:
            lines.append("  " + words("status.more", count=len(found) - MAX_LINES_PER_KIND))
    if report.problems:
        lines += ["", words("status.problems", count=len(report.problems))]
        lines += ["  " + str(problem) for problem in report.problems[:MAX_LINES_PER_KIND]]
        if len(report.problems) > MAX_LINES_PER_KIND:
            more = len(report.problems) - MAX_LINES_PER_KIND
            lines.append("  " + words("status.more_problems", count=more))
    lines.append("")
    if report.findings:
        count = len(report.findings)
        lines.append(words.counted("status.drafts", count, count=count, folder=folder))
    else:
        lines.append(words("status.no_drafts"))
    return lines


def _line(finding: Finding, words: Words) -> str:
    pair = finding.pair
    names = {
        "code": one_line(pair.code),
        "mentor": _name(pair, "mentor", words),
        "mentee": _name(pair, "mentee", words),
    }
    if finding.kind == "quiet":
        if finding.last_met:
            return words(
                "status.lines.quiet",
                days=finding.days,
                since=words.date(finding.last_met),
                **names,
            )
        since = finding.first_planned
        return words(
            "status.lines.quiet_never",
            days=finding.days,
            since=words.date(since) if since else "",
            **names,
        )
    if finding.kind == "cancelled":
        return words(
            "status.lines.cancelled",
            count=finding.count,
            side=words(f"status.sides.{finding.side}"),
            **names,
        )
    key = "status.lines.mid_point_coming" if finding.days >= 0 else "status.lines.mid_point_past"
    when = finding.review_date
    return words(key, date=words.date(when) if when else "", **names)
