"""Where one agency stands among the agencies of a year: a histogram and a box plot per measure."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ita_analysis.frameworks import Framework, tool_column
from ita_analysis.report.charts.inputs import check_points, require, score_values
from ita_analysis.report.charts.style import (
    LABEL_BOX,
    MUTED,
    PASS_COLOUR,
    TOTAL_LABEL,
    WIDTH_IN,
    Digits,
    add_title,
    chart_style,
    mark,
    new_figure,
    num,
    plain_legend_texts,
    score_ticks,
    show,
)
from ita_analysis.report.charts.tools import tool_colours
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import read_digits
from ita_analysis.thai.wrap import wrap_thai

AGENCY_COLOUR = "#B3261E"  # dark red: stands apart from the tools' colours and the grey total
TOTAL_COLOUR = "#7A7A7A"
BIN_STEPS = (0.5, 1.0, 2.0, 2.5, 5.0, 10.0)
MAX_BINS = 24
PANEL_HEIGHT_IN = 3.1


def peer_distribution(
    summary_year: pd.DataFrame,
    *,
    framework: Framework,
    agency: str | None = None,
    title: str | None = None,
    digits: Digits = "arabic",
    group: str | None = None,
) -> Figure:
    """How the agencies of one year score, per tool of ``framework`` and for the total: for each
    measure a box plot (quartiles, median, whiskers at 1.5 x the interquartile range, outliers as
    dots) above a histogram (number of agencies per score interval, the same intervals in every
    panel).

    ``summary_year``: the :func:`ita_analysis.compute.scoring.score` rows of one fiscal year (the
    framework's), one per agency: ``agency``, one column per tool (lower-case code) and ``total``.
    ``agency``: the agency to mark: a solid line at its value in every panel, labelled with the
    value, and its name in the legend. The dashed line is the framework's pass mark. ``group``:
    only the agencies whose ``group`` column (e.g. merged from
    :attr:`ita_analysis.ingest.table.Loaded.groups`) has this value. ``title``: None gives
    "การกระจายของคะแนน ปีงบประมาณ พ.ศ. <year> (<n> หน่วยงาน)" (and "ตำแหน่งของ<agency>" on a
    second line when ``agency`` is given), "" no title. Panels go two to a
    row, the total last; about 8 in wide.
    """
    read_digits(digits)
    check_points("pass_mark", framework.pass_mark)
    df = _rows(summary_year, framework, group)
    measures = _measures(framework)
    values = {col: score_values(df[col], f"summary_year[{col!r}]") for col, _, _ in measures}
    marked = _agency_values(df, agency, values) if agency is not None else None
    edges = _bins(values, framework.pass_mark, marked)
    if title is None:
        where = f" กลุ่ม {normalize_text(group)}" if group is not None else ""
        title = f"การกระจายของคะแนน ปีงบประมาณ พ.ศ. {framework.fiscal_year} ({len(df):,} หน่วยงาน{where})"
        if agency is not None:  # the title names the agency the chart marks
            title += f"\nตำแหน่งของ{normalize_text(agency)}"

    rows = math.ceil(len(measures) / 2)
    with chart_style():
        fig = new_figure(1.1 + PANEL_HEIGHT_IN * rows, WIDTH_IN)
        grid = fig.add_gridspec(rows, 2)
        for k, (col, label, colour) in enumerate(measures):
            cell = grid[k // 2, k % 2].subgridspec(2, 1, height_ratios=(1, 3.4), hspace=0.05)
            box_ax = fig.add_subplot(cell[0])
            hist_ax = fig.add_subplot(cell[1], sharex=box_ax)
            mine = None if marked is None else marked[col]
            _panel(box_ax, hist_ax, values[col], edges, (label, colour), mine, framework.pass_mark, digits)
        _legend(fig, agency, framework.pass_mark, digits)
        add_title(fig, title, digits)
    return fig


def _rows(summary_year: pd.DataFrame, framework: Framework, group: str | None) -> pd.DataFrame:
    """The rows of the chart: one fiscal year (the framework's), one group when asked."""
    needed = [tool_column(c) for c in framework.tool_codes] + ["total"]
    df = require(summary_year, needed, "summary_year")
    if "fiscal_year" in df.columns:
        years = sorted({int(y) for y in pd.to_numeric(df["fiscal_year"], errors="raise")})
        if years != [framework.fiscal_year]:
            raise ValueError(f"summary_year must hold fiscal year {framework.fiscal_year} only; it holds {years}")
    if group is not None:
        if "group" not in df.columns:
            raise ValueError("group= needs a 'group' column in summary_year (merge Loaded.groups into it)")
        df = df[df["group"].map(normalize_text) == normalize_text(group)].reset_index(drop=True)
        if df.empty:
            raise ValueError(f"no agency of summary_year is in the group {group!r}")
    return df


def _measures(framework: Framework) -> list[tuple[str, str, str]]:
    """(summary column, panel title, colour): the tools in the framework's order, then the total."""
    colours = tool_colours(framework)
    tools = [
        (tool_column(t.code), f"{t.code} {wrap_thai(t.name_th, 30)}" if t.name_th else t.code, colours[t.code])
        for t in framework.tools
    ]
    return [*tools, ("total", TOTAL_LABEL, TOTAL_COLOUR)]


def _agency_values(df: pd.DataFrame, agency: str, values: dict[str, np.ndarray]) -> dict[str, float]:
    if "agency" not in df.columns:
        raise ValueError("agency= needs an 'agency' column in summary_year")
    rows = np.flatnonzero(df["agency"].map(normalize_text).to_numpy() == normalize_text(agency))
    if len(rows) != 1:
        found = "is not" if not len(rows) else f"is {len(rows)} times"
        raise ValueError(f"agency {agency!r} {found} in summary_year: one row per agency")
    return {col: float(v[rows[0]]) for col, v in values.items()}


def _bins(values: dict[str, np.ndarray], pass_mark: float, marked: dict[str, float] | None) -> np.ndarray:
    """Bin edges shared by every panel: from below the lowest value (and the pass mark) to 100."""
    points = [v[~np.isnan(v)] for v in values.values()] + [np.array([pass_mark])]
    if marked is not None:
        points.append(np.array([v for v in marked.values() if not math.isnan(v)]))
    low = float(np.concatenate(points).min())
    step = next((s for s in BIN_STEPS if (100 - math.floor(low / s) * s) / s <= MAX_BINS), BIN_STEPS[-1])
    start = max(0.0, math.floor(low / step) * step)
    if start == low and start > 0:
        start -= step  # the lowest value inside a bin, not on the axis' edge
    return np.arange(start, 100 + step / 2, step)


def _panel(box_ax: Axes, hist_ax: Axes, values, edges, look, mine, pass_mark, digits: Digits) -> None:
    """One measure: the box plot above, the histogram below, the pass mark and the agency's line."""
    label, colour = look
    data = values[~np.isnan(values)]
    box = box_ax.boxplot(
        data,
        orientation="horizontal",
        widths=0.62,
        patch_artist=True,
        showfliers=True,
        medianprops={"color": "#1A1A1A", "linewidth": 1.6},
        whiskerprops={"color": "#444444"},
        capprops={"color": "#444444"},
        flierprops={"marker": "o", "markersize": 3, "markerfacecolor": MUTED, "markeredgecolor": "none"},
    )
    for patch in box["boxes"]:
        patch.set(facecolor=colour, alpha=0.45, edgecolor="#444444")
    box_ax.set_yticks([])
    box_ax.spines[["left", "bottom"]].set_visible(False)
    box_ax.tick_params(axis="x", bottom=False, labelbottom=False)
    box_ax.set_title(show(label, digits), loc="left", fontsize=12, parse_math=False)
    hist_ax.hist(data, bins=edges, color=colour, edgecolor="white", linewidth=0.6, zorder=2)
    hist_ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=True))
    hist_ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: show(f"{int(v):,}", digits)))
    hist_ax.grid(axis="y")
    lo, hi = float(edges[0]), float(edges[-1])
    step = 5.0 if hi - lo <= 30 else 10.0
    ticks, tick_labels = score_ticks(digits, math.ceil(lo / step) * step, hi, step)
    hist_ax.set_xticks(ticks, tick_labels)
    hist_ax.set_xlim(lo, hi + (hi - lo) * 0.01)
    mean, median = float(np.mean(data)), float(np.median(data))
    hist_ax.set_xlabel(f"คะแนน (ค่าเฉลี่ย {num(mean, digits)} มัธยฐาน {num(median, digits)})", fontsize=11)
    for ax in (box_ax, hist_ax):
        ax.axvline(pass_mark, linestyle="--", color=PASS_COLOUR, linewidth=1.2, zorder=3)
    if mine is not None and not math.isnan(mine):
        _mark_agency(box_ax, hist_ax, mine, digits)


def _mark_agency(box_ax: Axes, hist_ax: Axes, value: float, digits: Digits) -> None:
    """A solid line at the agency's value through both axes, its value in a box at the top of the histogram."""
    for ax in (box_ax, hist_ax):
        ax.axvline(value, color=AGENCY_COLOUR, linewidth=2.2, zorder=4)
    box_ax.plot([value], [1], marker="D", markersize=7, color=AGENCY_COLOUR, zorder=5, clip_on=False)
    right = value > (hist_ax.get_xlim()[0] + hist_ax.get_xlim()[1]) / 2
    hist_ax.annotate(
        num(value, digits),
        xy=(value, 1.0),
        xycoords=hist_ax.get_xaxis_transform(),
        xytext=(-5 if right else 5, -4),
        textcoords="offset points",
        ha="right" if right else "left",
        va="top",
        color=AGENCY_COLOUR,
        fontweight="bold",
        zorder=6,
        annotation_clip=False,
        parse_math=False,
        bbox=LABEL_BOX,
    )


def _legend(fig: Figure, agency: str | None, pass_mark: float, digits: Digits) -> None:
    handles = []
    if agency is not None:
        name = wrap_thai(normalize_text(agency), 40)
        handles.append(Line2D([], [], color=AGENCY_COLOUR, linewidth=2.2, marker="D", label=show(name, digits)))
    handles.append(
        Line2D([], [], color=PASS_COLOUR, linestyle="--", linewidth=1.2, label=f"เกณฑ์ผ่าน {mark(pass_mark, digits)}")
    )
    handles.append(Patch(facecolor="#BBBBBB", label="แท่ง: จำนวนหน่วยงานในแต่ละช่วงคะแนน"))
    legend = fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
    plain_legend_texts(legend)
