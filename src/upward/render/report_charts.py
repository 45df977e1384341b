"""The sponsor report's charts: matplotlib figures drawn once, kept twice.

Each chart is inline SVG for the page (text kept as text, stable ids, no date, a role and the
ids of its title and sentence for screen readers) and a PNG for the PDF. Colours are the
Okabe-Ito set, which people with colour blindness tell apart, and bars also differ by hatching.
A hidden number (a `None`) leaves a gap, never a zero.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any

INK, MUTED = "#1d2430", "#5b6574"
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00")  # Okabe-Ito: told apart in colour blindness
HATCHES = ("", "///", "...", "xx")  # and told apart without colour

Make = Callable[[], Any]


def _figure(width: float = 7.2, height: float = 3.0) -> Any:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    return figure, figure.subplots()


def _style(axes: Any) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(colors=INK)
    axes.yaxis.label.set_color(INK)
    axes.xaxis.label.set_color(INK)


def draw(make: Callable[[], Any], chart_id: str) -> tuple[str, bytes]:
    """The figure as inline SVG (text as text, stable ids, no date) and as a PNG for the PDF."""
    from matplotlib import rc_context

    params = {
        "svg.fonttype": "none",
        "svg.hashsalt": f"upward-{chart_id}",
        "font.size": 10,
        "font.family": "DejaVu Sans",
        "axes.titlesize": 11,
    }
    with rc_context(params):
        figure = make()
        figure.tight_layout()
        svg_out = io.StringIO()
        figure.savefig(svg_out, format="svg", metadata={"Date": None})
        png_out = io.BytesIO()
        figure.savefig(png_out, format="png", dpi=160, metadata={"Software": None})
    svg = svg_out.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(
        r"<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-sentence" focusable="false" ',
        svg,
        count=1,
    )
    return svg, png_out.getvalue()


def bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    horizontal: bool = False,
    limit: tuple[float, float] | None = None,
    integer: bool = True,
    axis_label: str = "",
    drop_empty: bool = False,
) -> Callable[[], Any]:
    """Grouped bars; a None (a hidden number) leaves a gap, never a zero. Categories with
    nothing to show are left out when `drop_empty` (their table row says why)."""
    if drop_empty:
        kept = [i for i in range(len(labels)) if any(v[i] is not None for _, v in series)]
        labels = [labels[i] for i in kept]
        series = [(name, [values[i] for i in kept]) for name, values in series]

    def make() -> Any:
        import numpy as np

        height = max(2.6, 0.45 * len(labels) * max(1, len(series)) + 1) if horizontal else 3.0
        figure, axes = _figure(7.2, min(height, 8.0))
        positions = np.arange(len(labels))
        width = 0.8 / max(1, len(series))
        for index, (name, values) in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            shown = [
                (p + offset, v) for p, v in zip(positions, values, strict=True) if v is not None
            ]
            if not shown:
                continue
            where, heights = zip(*shown, strict=True)
            style = {
                "color": COLOURS[index % len(COLOURS)],
                "hatch": HATCHES[index % len(HATCHES)],
                "edgecolor": "white",
                "label": name,
            }
            if horizontal:
                axes.barh(where, heights, height=width, **style)
            else:
                axes.bar(where, heights, width=width, **style)
        if horizontal:
            axes.set_yticks(positions, labels)
            axes.invert_yaxis()
            if limit:
                axes.set_xlim(*limit)
            if axis_label:
                axes.set_xlabel(axis_label)
        else:
            axes.set_xticks(positions, labels, rotation=0 if len(labels) <= 8 else 45)
            if limit:
                axes.set_ylim(*limit)
            if integer:
                axes.yaxis.get_major_locator().set_params(integer=True)
            if axis_label:
                axes.set_ylabel(axis_label)
        if len(series) > 1:  # above the plot, where it covers no bar
            axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(series))
        _style(axes)
        return figure

    return make


def lines(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], axis_label: str
) -> Callable[[], Any]:
    def make() -> Any:
        figure, axes = _figure()
        markers, dashes = ("o", "s", "^"), ("-", "--", ":")
        for index, (name, values) in enumerate(series):
            xs = [i for i, v in enumerate(values) if v is not None]
            ys = [v for v in values if v is not None]
            if xs:
                axes.plot(
                    xs,
                    ys,
                    marker=markers[index % 3],
                    linestyle=dashes[index % 3],
                    color=COLOURS[index % len(COLOURS)],
                    label=name,
                )
        axes.set_xticks(range(len(labels)), labels)
        axes.set_ylim(1, 5.2)
        axes.set_ylabel(axis_label)
        axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(series))
        _style(axes)
        return figure

    return make
