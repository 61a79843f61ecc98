"""One agency's tool scores and total over fiscal years, one line with markers per series."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ita_analysis.frameworks import Framework, tool_column
from ita_analysis.report.charts.inputs import check_points, check_year, require, score_values
from ita_analysis.report.charts.style import (
    LABEL_BOX,
    PASS_COLOUR,
    TEXT,
    TOTAL_LABEL,
    Digits,
    add_title,
    chart_style,
    fitted_legend,
    mark,
    new_figure,
    num,
    score_ticks,
    show,
)
from ita_analysis.report.charts.tools import tool_colours, tool_names
from ita_analysis.thai.numbers import read_digits

TOOL_MARKERS = ("o", "s", "^", "v", "P", "X", "h")
"""Marker of each tool's line, by the tool's position in the framework (as many as the palette)."""
TOTAL_COLUMN = "total"


class Series(NamedTuple):
    column: str
    label: str
    colour: str
    marker: str
    width: float


def trend_series(framework: Framework) -> list[Series]:
    """The lines drawn: each of the framework's tools in order (column = lower-case code, label =
    Thai name), then the total."""
    colours, names = tool_colours(framework), tool_names(framework)
    tools = [
        Series(tool_column(code), names[code], colours[code], TOOL_MARKERS[k % len(TOOL_MARKERS)], 1.8)
        for k, code in enumerate(framework.tool_codes)
    ]
    return [*tools, Series(TOTAL_COLUMN, TOTAL_LABEL, TEXT, "D", 2.6)]


def trend_lines(summary: pd.DataFrame, *, framework: Framework, title: str = "", digits: Digits = "arabic") -> Figure:
    """One agency's tool scores and total over fiscal years, one line with markers per series.

    ``summary`` columns (one row per year, as :func:`ita_analysis.compute.scoring.score` gives them for
    one agency): ``fiscal_year`` (int, Buddhist Era, e.g. 2563), one column per tool of
    ``framework`` named by its lower-case code (tool means, points 0-100) and ``total`` (weighted
    total, points 0-100). NaN leaves a gap (e.g. a tool a year's framework did not have).

    Each point carries its value (2 decimals; labels pushed apart where they would overlap); a
    dashed line marks the framework's pass mark (in the legend as "เกณฑ์ผ่าน <pass mark>"); x ticks
    are the years. Tools follow the framework's order and colours.
    """
    read_digits(digits)
    series = trend_series(framework)
    pass_mark = framework.pass_mark
    check_points("pass_mark", pass_mark)
    df = _one_row_per_year(require(summary, ["fiscal_year", *(s.column for s in series)], "summary"))
    years = df["fiscal_year"].to_list()
    values = {s.column: score_values(df[s.column], f"summary[{s.column!r}]") for s in series}
    lo, hi, step = score_range(values.values(), pass_mark)

    with chart_style():
        fig = new_figure()
        ax = fig.add_subplot()
        for s in series:
            ax.plot(
                years,
                values[s.column],
                marker=s.marker,
                markersize=7,
                color=s.colour,
                linewidth=s.width,
                label=show(s.label, digits),
                zorder=3,
                clip_on=False,
            )
        label = f"เกณฑ์ผ่าน {mark(pass_mark, digits)}"
        ax.axhline(pass_mark, linestyle="--", color=PASS_COLOUR, linewidth=1.3, zorder=2, label=label)
        year_frame(ax, years, (lo, hi, step), digits)
        fitted_legend(fig)
        add_title(fig, title, digits)
        year_value_labels(fig, ax, years, series, values, digits)
    return fig


def _one_row_per_year(df: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by whole Buddhist Era ``fiscal_year``, each year once."""
    years_raw = pd.to_numeric(df["fiscal_year"], errors="raise")
    if (years_raw % 1 != 0).any():
        raise ValueError(f"summary['fiscal_year'] must be whole years; got {years_raw.tolist()}")
    df = df.assign(fiscal_year=years_raw.astype(int)).sort_values("fiscal_year")
    if df["fiscal_year"].duplicated().any():
        raise ValueError("summary has more than one row for a fiscal year: pass one agency at a time")
    for year in df["fiscal_year"]:
        check_year(year, "summary['fiscal_year']")
    return df


def score_range(values: Sequence[np.ndarray], pass_mark: float) -> tuple[float, float, float]:
    """(low, high, tick step) of the y axis: the values and the pass mark, on 5-point steps."""
    finite = np.concatenate([v[~np.isnan(v)] for v in values] + [np.array([pass_mark])])
    lo = max(0.0, math.floor((finite.min() - 4) / 5) * 5)
    hi = min(100.0, math.ceil((finite.max() + 2) / 5) * 5)
    return lo, hi, 5.0 if hi - lo <= 40 else 10.0


def year_frame(ax: Axes, years: list[int], scale: tuple[float, float, float], digits: Digits) -> None:
    """Axis limits, ticks and names; the score axis named horizontally above it."""
    lo, hi, step = scale
    span = max(years[-1] - years[0], 1)
    # Room for the value labels: left of the first year's points, right of the others.
    pad = 0.22 * span if len(years) > 1 else 0.6
    ax.set_xlim(years[0] - pad, years[-1] + pad)
    ax.set_ylim(lo, hi + (1.5 if hi >= 100 else 0))  # room for a marker at 100
    ax.set_xticks(years, [show(str(y), digits) for y in years])
    ticks, labels = score_ticks(digits, lo, hi, step)
    ax.set_yticks(ticks, labels)
    ax.set_xlabel("ปีงบประมาณ (พ.ศ.)")
    # Axis name horizontal above the axis: rotated Thai is hard to read.
    ax.annotate(
        "คะแนน",
        xy=(0, 1),
        xycoords="axes fraction",
        xytext=(0, 8),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=12,
        annotation_clip=False,
        parse_math=False,
    )
    ax.grid(axis="y")


def year_value_labels(
    fig: Figure, ax: Axes, years: list[int], series: list[Series], values: dict[str, np.ndarray], digits: Digits
) -> None:
    """Value labels beside each point (left of the first year's, where no line leaves, right of the
    others), spread apart vertically where they would collide."""
    fig.draw_without_rendering()  # final axes size, to convert data units to points
    pt_per_unit = ax.bbox.height * 72 / fig.dpi / (ax.get_ylim()[1] - ax.get_ylim()[0])
    gap = 1.4 * mpl.rcParams["font.size"]  # points: Sarabun's line box is 1.3 em
    for j, year in enumerate(years):
        left = j == 0 and len(years) > 1
        points = [(s, values[s.column][j]) for s in series if not np.isnan(values[s.column][j])]
        targets = [v * pt_per_unit for _, v in points]
        for (s, v), placed in zip(points, spread(targets, gap=gap), strict=True):
            ax.annotate(
                num(v, digits),
                xy=(year, v),
                xytext=(-9 if left else 9, placed - v * pt_per_unit),
                textcoords="offset points",
                ha="right" if left else "left",
                va="center",
                color=s.colour,
                fontweight="bold" if s.column == TOTAL_COLUMN else "normal",
                zorder=4,
                annotation_clip=False,
                parse_math=False,
                bbox=LABEL_BOX,
            )


def spread(targets: Sequence[float], gap: float) -> list[float]:
    """Positions near ``targets`` (points) that are at least ``gap`` apart, order kept."""
    order = sorted(range(len(targets)), key=lambda i: targets[i])
    pos = [float(targets[i]) for i in order]
    for _ in range(100):
        moved = False
        for k in range(len(pos) - 1):
            short = gap - (pos[k + 1] - pos[k])
            if short > 1e-6:
                pos[k] -= short / 2
                pos[k + 1] += short / 2
                moved = True
        if not moved:
            break
    out = [0.0] * len(pos)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out
