"""A group of agencies at a glance: how its totals spread around the pass mark and the national
mean, and the share of its agencies below the pass mark in each indicator.

The agency-by-indicator heat map is in :mod:`.group_heatmap`, the change from the previous year in
:mod:`.group_change`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ita_analysis.compute.scoring import round2
from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.inputs import check_indicators, check_points, require, row_tools, score_values
from ita_analysis.report.charts.style import (
    CURRENT_COLOUR,
    HEIGHT_IN,
    LABEL_BOX,
    NO_DATA,
    PASS_COLOUR,
    TARGET_COLOUR,
    TEXT,
    WIDTH_IN,
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
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import read_digits

BIN_STEPS = (1.0, 2.5, 5.0, 10.0)
MAX_BINS = 24
GROUP_MEAN_COLOUR = CURRENT_COLOUR
NATIONAL_COLOUR = TARGET_COLOUR
BAR_COLOUR = "#9DB9D3"
ROW_PT = 21
"""Rows of the reference lines' labels above the histogram, in points (a Thai line of 11 pt is about 19 pt high)."""


def total_bins(totals: np.ndarray, marks: list[float]) -> np.ndarray:
    """Bin edges for the totals: the first step of :data:`BIN_STEPS` giving at most
    :data:`MAX_BINS` bins from below the lowest value (or mark) to 100."""
    low = float(min([*totals[~np.isnan(totals)], *marks]))
    for step in BIN_STEPS:
        whole = max(step, 5.0)  # the axis starts at a multiple of 5, where a tick is
        start = math.floor(low / whole) * whole
        if start == low and start > 0:
            start -= whole  # the lowest value inside a bin, not on the axis' edge
        if (100 - start) / step <= MAX_BINS:
            break
    return np.arange(max(0.0, start), 100 + step / 2, step)


def group_distribution(
    ranking: pd.DataFrame,
    *,
    framework: Framework,
    national_mean: float | None = None,
    national_label: str = "ค่าเฉลี่ยทุกหน่วยงาน",
    title: str | None = None,
    digits: Digits = "arabic",
) -> Figure:
    """How many of the group's agencies have each total: a histogram, each agency a dot below it.

    ``ranking``: the group's agencies of the year with their ``total`` (``view.ranking`` of
    :func:`~ita_analysis.compute.group.group_analysis`). Vertical lines: the framework's pass mark
    (dashed, "เกณฑ์ผ่าน <mark>"), the group's mean (solid, "ค่าเฉลี่ยของกลุ่ม <mean>") and, when
    ``national_mean`` is given (the overview's ``all_mean``), the mean of all agencies (dotted,
    "<national_label> <mean>": "ค่าเฉลี่ยทุกหน่วยงาน", or "ค่าเฉลี่ยทั้งประเทศ" when the data is the
    national table), each labelled above the axes on a line of its own, the pass mark's line drawn
    over the others (a mean at the pass mark leaves it visible). ``title``:
    None gives "การกระจายของคะแนนรวม ปีงบประมาณ พ.ศ. <year> (<n> หน่วยงาน)", "" none.
    """
    read_digits(digits)
    check_points("pass_mark", framework.pass_mark)
    check_points("national_mean", national_mean)
    df = require(ranking, ["total"], "ranking")
    totals = score_values(df["total"], "ranking['total']")
    shown = totals[~np.isnan(totals)]
    if not shown.size:
        raise ValueError("ranking['total'] has no score")
    group_mean = float(round2(float(np.mean(shown))))  # half up, as the overview's mean
    lines = [(framework.pass_mark, f"เกณฑ์ผ่าน {mark(framework.pass_mark, digits)}", "--", PASS_COLOUR)]
    lines.append((group_mean, f"ค่าเฉลี่ยของกลุ่ม {num(group_mean, digits)}", "-", GROUP_MEAN_COLOUR))
    if national_mean is not None and not math.isnan(national_mean):
        lines.append(
            (national_mean, f"{normalize_text(national_label)} {num(national_mean, digits)}", ":", NATIONAL_COLOUR)
        )
    edges = total_bins(totals, [line[0] for line in lines])
    if title is None:
        title = f"การกระจายของคะแนนรวม ปีงบประมาณ พ.ศ. {framework.fiscal_year} ({len(shown):,} หน่วยงาน)"
    with chart_style():
        fig = new_figure(HEIGHT_IN + 0.6, WIDTH_IN)
        grid = fig.add_gridspec(2, 1, height_ratios=(4, 0.6), hspace=0.0)
        ax = fig.add_subplot(grid[0])
        dots = fig.add_subplot(grid[1], sharex=ax)
        ax.hist(shown, bins=edges, color=BAR_COLOUR, edgecolor="white", linewidth=0.6, zorder=2)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10], integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: show(f"{int(v):,}", digits)))
        ax.set_ylabel("จำนวนหน่วยงาน")
        ax.grid(axis="y")
        ax.tick_params(axis="x", labelbottom=False)
        _dots(dots, shown)
        lo, hi = float(edges[0]), float(edges[-1])
        step = 5.0 if hi - lo <= 40 else 10.0
        ticks, labels = score_ticks(digits, math.ceil(lo / step) * step, hi, step)
        dots.set_xticks(ticks, labels)
        dots.set_xlim(lo, hi + (hi - lo) * 0.01)
        dots.set_xlabel("คะแนนรวม (จุด: หน่วยงานละหนึ่งจุด)")
        _lines(ax, dots, lines)
        add_title(fig, title, digits)
    return fig


def _dots(ax: Axes, totals: np.ndarray) -> None:
    """Each agency's total as a dot, spread over a few rows where many share a place."""
    order = np.argsort(totals, kind="stable")
    rows = np.zeros(len(totals))
    rows[order] = np.arange(len(totals)) % 3
    ax.scatter(totals, rows, s=14, color=TEXT, alpha=0.6, linewidths=0, zorder=3, clip_on=False)
    ax.set_ylim(-0.8, 2.8)
    ax.set_yticks([])
    ax.spines[["left"]].set_visible(False)


def _lines(ax: Axes, dots: Axes, lines: list[tuple[float, str, str, str]]) -> None:
    """The reference lines through both axes, each labelled above the histogram on its own row:
    a line right of the middle has its label end at it, one left of it start there."""
    lo, hi = dots.get_xlim()
    middle = (lo + hi) / 2
    for k, (x, label, style, colour) in enumerate(lines):
        for target in (ax, dots):
            width, order = (1.8 if style == ":" else 1.4), (6 if k == 0 else 4)
            target.axvline(x, linestyle=style, color=colour, linewidth=width, zorder=order)
        right = x > middle
        ax.annotate(
            label,
            xy=(x, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(-3 if right else 3, 3 + ROW_PT * (len(lines) - 1 - k)),
            textcoords="offset points",
            ha="right" if right else "left",
            va="bottom",
            color=colour,
            annotation_clip=False,
            parse_math=False,
            bbox=LABEL_BOX,
        )


def indicator_share_below(
    indicators: pd.DataFrame,
    *,
    framework: Framework,
    title: str | None = None,
    digits: Digits = "arabic",
) -> Figure:
    """The share of the group's agencies below the pass mark in each indicator, as horizontal bars
    in the tool's colour, the first indicator at the top.

    ``indicators``: ``indicator``, ``tool``, ``n``, ``n_below``, ``share_below`` (%, the indicator
    table of :func:`~ita_analysis.compute.group.group_analysis`, ``view.indicators``) and optionally
    ``all_share_below``, drawn as a black tick ("สัดส่วนของทุกหน่วยงาน") on each bar. Each bar ends in
    "<share>% (<n_below>/<n>)"; y labels "<number> <Thai name>" from the framework. ``title``: None
    gives "สัดส่วนหน่วยงานที่มีคะแนนต่ำกว่าเกณฑ์ผ่าน (<mark>) รายตัวชี้วัด ปีงบประมาณ พ.ศ. <year>", "" none.
    """
    read_digits(digits)
    df = require(indicators, ["indicator", "tool", "n", "n_below", "share_below"], "indicators")
    df = df.sort_values("indicator").reset_index(drop=True)
    check_indicators(df, framework, "indicators")
    tools = row_tools(df["tool"], framework, "indicators['tool']")
    shares = score_values(df["share_below"], "indicators['share_below']")
    colours = tool_colours(framework)
    if title is None:
        title = (
            f"สัดส่วนหน่วยงานที่มีคะแนนต่ำกว่าเกณฑ์ผ่าน ({mark(framework.pass_mark, digits)}) รายตัวชี้วัด"
            f" ปีงบประมาณ พ.ศ. {framework.fiscal_year}"
        )
    y = np.arange(len(df), dtype=float)
    with chart_style():
        fig = new_figure(max(HEIGHT_IN, 1.9 + 0.34 * len(df)), WIDTH_IN)
        ax = fig.add_subplot()
        ax.barh(y, np.nan_to_num(shares), height=0.66, color=[colours[t] for t in tools], zorder=2)
        _share_labels(ax, y, shares, df, digits)
        handles = [Patch(color=colours[t], label=show(tool_names(framework)[t], digits)) for t in colours if t in tools]
        if "all_share_below" in df.columns:
            every = score_values(df["all_share_below"], "indicators['all_share_below']")
            ax.scatter(every, y, marker="|", s=260, linewidths=2.2, color=TEXT, zorder=4)
            handles.append(
                Line2D([], [], marker="|", markersize=14, linestyle="none", color=TEXT, label="สัดส่วนของทุกหน่วยงาน")
            )
        labels = [show(f"{n} {normalize_text(framework.indicator(int(n)).name_th)}", digits) for n in df["indicator"]]
        ax.set_yticks(y, labels, parse_math=False)
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(len(df) - 0.5, -0.5)
        ticks, tick_labels = score_ticks(digits, 0, 100, 10)
        ax.set_xticks(ticks, [f"{t}%" for t in tick_labels])
        ax.set_xlim(0, 100)
        ax.set_xlabel("ร้อยละของหน่วยงานในกลุ่มที่มีคะแนนตัวชี้วัดต่ำกว่าเกณฑ์ผ่าน")
        ax.grid(axis="x")
        fitted_legend(fig, handles)
        add_title(fig, title, digits)
    return fig


def _share_labels(ax: Axes, y: np.ndarray, shares: np.ndarray, df: pd.DataFrame, digits: Digits) -> None:
    """ "<share>% (<n_below>/<n>)" after each bar's end, inside the end of a bar past 72 %."""
    for yi, share, below, n in zip(y, shares, df["n_below"], df["n"], strict=True):
        text = NO_DATA if math.isnan(share) else f"{num(share, digits)}% ({show(f'{below}/{n}', digits)})"
        inside = not math.isnan(share) and share > 72
        ax.annotate(
            text,
            xy=(0 if math.isnan(share) else share, yi),
            xytext=(-4 if inside else 4, 0),
            textcoords="offset points",
            ha="right" if inside else "left",
            va="center",
            color=TEXT,
            zorder=5,
            parse_math=False,
            bbox=LABEL_BOX,
        )
