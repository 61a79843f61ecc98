"""What each tool adds to the total, as one stacked horizontal bar over the 0-100 scale."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ita_analysis.frameworks import Framework, weighted_column
from ita_analysis.report.charts.style import (
    MUTED,
    TEXT,
    TOTAL_LABEL,
    Digits,
    add_title,
    chart_style,
    check_digits,
    new_figure,
    num,
    score_ticks,
    show,
)
from ita_analysis.report.charts.tools import max_points, tool_colours, tool_text_colours

INSIDE_FROM = 12
"""A segment this many points wide or wider carries its label inside; a narrower one below it."""


def tool_contributions(
    row: Mapping[str, Any] | pd.Series, *, framework: Framework, title: str = "", digits: Digits = "arabic"
) -> Figure:
    """What each tool adds to the total, as one stacked horizontal bar over the 0-100 scale.

    ``row`` keys (a Mapping or one row of the :func:`ita_analysis.compute.scoring.score` summary):
        ``<code>_weighted`` for each tool of ``framework`` (lower-case code; the points the tool
        adds to the total: weight x tool score, at most weight x 100) and ``total`` (points 0-100).

    Segments follow the framework's tool order and colours, labelled "<code> <points>"; the bar
    ends in "คะแนนรวม <total>" (from ``total``). Behind it, a faint bar split by the tools' weights
    shows the most each tool can add ("<code> เต็ม <weight x 100>").
    """
    check_digits(digits)
    parts = _parts(row, framework)
    total = float(row["total"])
    if not 0 <= total <= 100:
        raise ValueError(f"total must be from 0 to 100 points, not {total}")

    with chart_style():
        fig = new_figure(2.8)
        ax = fig.add_subplot()
        _ceilings(ax, framework, digits)
        widths = _segments(ax, framework, parts, digits)
        ax.annotate(
            f"{TOTAL_LABEL} {num(total, digits)}",
            xy=(sum(widths), 0),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=TEXT,
            fontweight="bold",
            annotation_clip=False,
            parse_math=False,
        )
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.85 if min(widths) < INSIDE_FROM else -0.5, 0.5)  # room below for a narrow segment's label
        ticks, labels = score_ticks(digits)
        ax.set_xticks(ticks, labels)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(show("คะแนนถ่วงน้ำหนัก (รวมเต็ม 100)", digits))
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


def _ceilings(ax: Axes, framework: Framework, digits: Digits) -> None:
    """The faint background bar: the most each tool can add, labelled "<code> เต็ม <points>"."""
    tools = list(framework.tool_codes)
    colours, most = tool_colours(framework), max_points(framework)
    left = np.cumsum([0.0] + [most[t] for t in tools])[:-1]
    ax.barh(
        [0.0] * len(tools),
        [most[t] for t in tools],
        left=left,
        height=0.86,
        color=[colours[t] for t in tools],
        alpha=0.16,
        edgecolor="white",
        linewidth=2,
        zorder=1,
    )
    for tool, x in zip(tools, left, strict=True):
        ax.annotate(
            show(f"{tool} เต็ม {most[tool]:g}", digits),
            xy=(x + most[tool] / 2, 0.43),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=MUTED,
            annotation_clip=False,
            parse_math=False,
        )


def _segments(ax: Axes, framework: Framework, parts: dict[str, float], digits: Digits) -> list[float]:
    """The stacked bar of what each tool adds, labelled inside or (narrow segments) below; its widths."""
    tools = list(framework.tool_codes)
    colours, text_colours = tool_colours(framework), tool_text_colours(framework)
    widths = [parts[t] for t in tools]
    lefts = np.cumsum([0.0] + widths)[:-1]
    ax.barh(
        [0.0] * len(tools),
        widths,
        left=lefts,
        height=0.5,
        color=[colours[t] for t in tools],
        edgecolor="white",
        linewidth=1.5,
        zorder=2,
    )
    for tool, left, width in zip(tools, lefts, widths, strict=True):
        label = f"{tool} {num(width, digits)}"
        if width >= INSIDE_FROM:
            ax.annotate(
                label,
                xy=(left + width / 2, 0),
                ha="center",
                va="center",
                color=text_colours[tool],
                fontweight="bold",
                parse_math=False,
            )
        else:
            ax.annotate(
                label,
                xy=(left + width / 2, -0.43),
                xytext=(0, -3),
                textcoords="offset points",
                ha="center",
                va="top",
                color=TEXT,
                annotation_clip=False,
                parse_math=False,
            )
    return widths
