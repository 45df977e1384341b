"""What `upward report` shows at the terminal, on one screen: what it read, what it left out
(each with its file, row and field), and where the report is.

    lines = report_lines(inputs, evaluation, "build/private/report")
"""

from __future__ import annotations

from upward.load.returns import RETURN_FORMS, ReportInputs
from upward.plan.evaluation import Evaluation
from upward.render.drafts import one_line
from upward.words import Words, english

MAX_LEFT_OUT = 8  # one screen: the report lists them all


def report_lines(
    inputs: ReportInputs, evaluation: Evaluation, folder: str, words: Words | None = None
) -> list[str]:
    words = words or english()
    W = "report_command"
    tracker = inputs.tracker
    if tracker is not None:
        pairs = sum(1 for p in tracker.pairs if p.named)
        read_tracker = words.counted(f"{W}.tracker", pairs, pairs=pairs)
    else:
        read_tracker = words(f"{W}.no_tracker")
    counts = evaluation.answers
    if counts:
        detail = ", ".join(
            words(f"{W}.form_count", count=counts[form], title=evaluation.form_titles[form])
            for form in RETURN_FORMS
            if form in counts
        )
        total = sum(counts.values())
        forms = words.counted(f"{W}.forms", total, count=total, detail=detail)
    else:
        forms = words(f"{W}.no_forms")
    files = inputs.returns.files
    lines = [words.counted(f"{W}.read", files, files=files, tracker=read_tracker, forms=forms)]
    left_out = evaluation.skipped
    if left_out:
        lines.append(words(f"{W}.left_out", count=len(left_out)))
        lines += [f"  {problem}" for problem in left_out[:MAX_LEFT_OUT]]
        if len(left_out) > MAX_LEFT_OUT:
            lines.append("  " + words(f"{W}.more", count=len(left_out) - MAX_LEFT_OUT))
    lines += [
        "",
        words(
            f"{W}.written",
            programme=one_line(evaluation.programme) or words(f"{W}.default_programme"),
            date=words.date(evaluation.as_of),
            folder=folder,
        ),
        *words.list(f"{W}.files"),
        words(f"{W}.protected", min_group=evaluation.min_group),
    ]
    return lines
