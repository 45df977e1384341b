"""`matching-report.html`: one self-contained page a programme lead reads before approving.

The objective's numbers beside the alternative's, each part of the score with its weight, the
hard rules, a chart of the scores (matplotlib, drawn to SVG and put inline, with a sentence and
a table of the same numbers for anyone who cannot see it) and who has no pair, and why. No
script, font or image is fetched from anywhere: a Content-Security-Policy says so to the browser.
"""

from __future__ import annotations

import io
import re
import statistics
from functools import lru_cache
from importlib import resources

import numpy as np
from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from upward.model.applications import MatchResult, Outcome
from upward.words import matching as words

BINS = 10


@lru_cache(maxsize=1)
def _template() -> Template:
    source = (resources.files("upward.render") / "templates" / "matching-report.html.j2").read_text(
        encoding="utf-8"
    )
    environment = Environment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )
    return environment.from_string(source)


def score_bins(scores: tuple[float, ...], top: float) -> tuple[np.ndarray, np.ndarray]:
    """Counts of scores in ten equal bands from 0 to the highest possible score."""
    return np.histogram(np.asarray(scores, dtype=float), bins=BINS, range=(0.0, max(top, 1.0)))


def chart_svg(scores: tuple[float, ...], top: float) -> str:
    """A bar chart of the scores as inline SVG (text kept as text, no date, stable ids)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    counts, edges = score_bins(scores, top)
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "upward-matching", "font.size": 10}):
        figure = Figure(figsize=(7.5, 3.2))
        axes = figure.subplots()
        axes.bar(
            edges[:-1],
            counts,
            width=np.diff(edges),
            align="edge",
            color="#3b6ea8",
            edgecolor="white",
        )
        axes.set_xlabel(words.REPORT["chart_x"].format(max=_number(top)))
        axes.set_ylabel(words.REPORT["chart_y"])
        axes.set_xlim(0, edges[-1])
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and DOCTYPE: it sits in HTML
    return re.sub(r"<svg ", '<svg role="img" aria-labelledby="chart-caption" ', svg, count=1)


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _outcome_rows(chosen: Outcome, other: Outcome) -> list[tuple[str, str, str]]:
    labels = words.REPORT["outcome_rows"]
    rows = []
    for key, label in labels.items():
        a, b = getattr(chosen, key), getattr(other, key)
        rows.append(
            (
                label,
                _number(a) if isinstance(a, float) else str(a),
                _number(b) if isinstance(b, float) else str(b),
            )
        )
    return rows


def _rules(result: MatchResult) -> list[str]:
    R, rules = words.REPORT, result.rules
    out = [
        R["rule_levels"].format(levels=rules.reporting_levels)
        if rules.reporting_levels
        else R["rule_levels_all"],
        R["rule_team_allowed"] if rules.same_team else R["rule_team"],
    ]
    if rules.shared_time:
        out.append(R["rule_time"])
    return [*out, R["rule_prefer_not"], R["rule_capacity"]]


def matching_report(result: MatchResult, programme: str = "") -> bytes:
    R = words.REPORT
    reach_first = result.rules.objective == "reach"
    scores = result.outcome.scores
    parts = []
    for name, (title, how) in words.PARTS.items():
        weight = result.weights.get(name, 0.0)
        points = [p.parts.get(name, 0.0) for p in result.pairs]
        parts.append(
            {
                "title": title,
                "weight": _number(weight)
                if weight or name != "preference"
                else R["preference_off"],
                "mean": _number(round(statistics.fmean(points), 1)) if points else "-",
                "how": how,
            }
        )
    counts, edges = score_bins(scores, result.max_score)
    people = result.people
    context = {
        "W": R,
        "programme": programme,
        "objective_sentence": R["objective_reach"] if reach_first else R["objective_quality"],
        "chosen_label": R["these_pairs"],
        "alternative_label": R["alternative_quality"] if reach_first else R["alternative_reach"],
        "outcome_rows": _outcome_rows(result.outcome, result.alternative),
        "parts_sentence": R["parts_sentence"].format(max=_number(result.max_score)),
        "parts": parts,
        "rules": _rules(result),
        "chart_svg": Markup(chart_svg(scores, result.max_score)) if scores else "",
        "chart_sentence": R["chart_sentence"].format(
            pairs=len(scores),
            low=_number(min(scores)),
            high=_number(max(scores)),
            max=_number(result.max_score),
            median=_number(statistics.median(scores)),
        )
        if scores
        else "",
        "bins": [
            (_number(round(float(lo), 1)), _number(round(float(hi), 1)), int(n))
            for lo, hi, n in zip(edges[:-1], edges[1:], counts, strict=True)
        ],
        "changes": [
            {
                "kind": words.CHANGES[c.kind],
                "mentor": people[c.mentor].full_name,
                "mentee": people[c.mentee].full_name,
                "reasons": c.reasons,
            }
            for c in result.changes
        ],
        "unmatched": [
            {"name": people[u.email].full_name, "role": words.ROLES[u.role], "why": u.why}
            for u in result.unmatched
        ],
    }
    return _template().render(**context).encode("utf-8")
