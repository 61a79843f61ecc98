"""What each tool adds to the total: each tool's points as a bar inside the band of the most it can
add, and the total as a bar below, on the 0-100 scale of weighted points."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ita_analysis.frameworks import Framework, weighted_column
from ita_analysis.report.charts.style import (
    MUTED,
    TEXT,
    TOTAL_LABEL,
    Digits,
    add_title,
    chart_style,
    fitted_legend,
    new_figure,
    num,
    score_ticks,
    show,
)
from ita_analysis.report.charts.tools import max_points, tool_colours, tool_names, tool_text_colours
from ita_analysis.thai.numbers import read_digits

INSIDE_FROM = 12
"""A bar this many points wide or wider carries its label inside; a narrower one just after its end."""
TOOLS_ROW = 1.0
TOTAL_ROW = 0.0
BAR_HEIGHT = 0.56
"""Height of a row's band and of the bar inside it (rows are 1 unit apart): the same, so a bar
fills its band from the band's left end, like a gauge."""
TOTAL_COLOUR = "#4D4D4D"


def tool_contributions(
    row: Mapping[str, Any] | pd.Series, *, framework: Framework, title: str = "", digits: Digits = "arabic"
) -> Figure:
    """What each tool adds to the total: a gauge per tool, and the total below.

    ``row`` keys (a Mapping or one row of the :func:`ita_analysis.compute.scoring.score` summary):
        ``<code>_weighted`` for each tool of ``framework`` (lower-case code; the points the tool
        adds to the total: weight x tool score, at most weight x 100) and ``total`` (points 0-100).

    The top row splits the 0-100 scale into one faint band per tool, in the framework's order and
    colours, as wide as the most the tool can add ("<code> เต็ม <weight x 100>" above it); inside
    each band, from its left end and of the same height, a bar as wide as the points the tool
    added, labelled "<code> <points>". The row below is the total: a bar from 0 to ``total``
    ending in "คะแนนรวม <total>". The legend names the tools in Thai, as the framework file does.
    """
    read_digits(digits)
    parts = _parts(row, framework)
    total = float(row["total"])
    if not 0 <= total <= 100:
        raise ValueError(f"total must be from 0 to 100 points, not {total}")

    with chart_style():
        fig = new_figure(3.7)
        ax = fig.add_subplot()
        lefts = _ceilings(ax, framework, digits)
        _segments(ax, framework, parts, lefts, digits)
        _total(ax, total, digits)
        ax.set_xlim(0, 100)
        ax.set_ylim(TOTAL_ROW - 0.5, TOOLS_ROW + 0.62)  # room above the bands for their labels
        ticks, labels = score_ticks(digits)
        ax.set_xticks(ticks, labels)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(show("คะแนนถ่วงน้ำหนัก (รวมเต็ม 100)", digits))
        colours, names = tool_colours(framework), tool_names(framework)
        fitted_legend(fig, [Patch(color=colours[t], label=show(names[t], digits)) for t in framework.tool_codes])
        add_title(fig, title, digits)
    return fig


def _parts(row: Mapping[str, Any] | pd.Series, framework: Framework) -> dict[str, float]:
    """Points each tool adds, checked against the most it can add."""
    keys = [weighted_column(code) for code in framework.tool_codes]
    missing = [k for k in (*keys, "total") if k not in row]
    if missing:
        raise ValueError(f"row lacks key(s) {missing}")
    most = max_points(framework)
    parts: dict[str, float] = {}
    for code, key in zip(framework.tool_codes, keys, strict=True):
        value = float(row[key])
        if not 0 <= value <= most[code]:
            raise ValueError(f"{key} must be from 0 to {most[code]:g} points, not {value}")
        parts[code] = value
    return parts


def _ceilings(ax: Axes, framework: Framework, digits: Digits) -> list[float]:
    """The faint bands of the top row, one per tool as wide as the most it can add, labelled
    "<code> เต็ม <points>" above; returns each band's left end."""
    tools = list(framework.tool_codes)
    colours, most = tool_colours(framework), max_points(framework)
    left = np.cumsum([0.0] + [most[t] for t in tools])[:-1]
    ax.barh(
        [TOOLS_ROW] * len(tools),
        [most[t] for t in tools],
        left=left,
        height=BAR_HEIGHT,
        color=[colours[t] for t in tools],
        alpha=0.2,
        edgecolor="white",
        linewidth=2,
        zorder=1,
        gid="bands",
    )
    for tool, x in zip(tools, left, strict=True):
        ax.annotate(
            show(f"{tool} เต็ม {most[tool]:g}", digits),
            xy=(x + most[tool] / 2, TOOLS_ROW + BAR_HEIGHT / 2),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=MUTED,
            annotation_clip=False,
            parse_math=False,
        )
    return [float(x) for x in left]


def _segments(ax: Axes, framework: Framework, parts: dict[str, float], lefts: list[float], digits: Digits) -> None:
    """Each tool's points as a bar from its band's left end, labelled inside or (narrow) after it."""
    tools = list(framework.tool_codes)
    colours, text_colours = tool_colours(framework), tool_text_colours(framework)
    widths = [parts[t] for t in tools]
    ax.barh(
        [TOOLS_ROW] * len(tools),
        widths,
        left=lefts,
        height=BAR_HEIGHT,
        color=[colours[t] for t in tools],
        linewidth=0,
        zorder=2,
        gid="points",
    )
    for tool, left, width in zip(tools, lefts, widths, strict=True):
        inside = width >= INSIDE_FROM
        ax.annotate(
            f"{tool} {num(width, digits)}",
            xy=(left + width / 2 if inside else left + width, TOOLS_ROW),
            xytext=(0, 0) if inside else (4, 0),
            textcoords="offset points",
            ha="center" if inside else "left",
            va="center",
            color=text_colours[tool] if inside else TEXT,
            fontweight="bold",
            zorder=3,
            annotation_clip=False,
            parse_math=False,
        )


def _total(ax: Axes, total: float, digits: Digits) -> None:
    """The bottom row: a bar from 0 to the total, "คะแนนรวม <total>" after its end."""
    ax.barh([TOTAL_ROW], [total], height=BAR_HEIGHT, color=TOTAL_COLOUR, zorder=2, gid="total")
    ax.annotate(
        f"{TOTAL_LABEL} {num(total, digits)}",
        xy=(total, TOTAL_ROW),
        xytext=(6, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        color=TEXT,
        fontweight="bold",
        annotation_clip=False,
        parse_math=False,
    )
