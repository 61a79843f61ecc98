"""Each agency of a group from the previous year to this one: a dumbbell per agency (a grey dot at
the previous total, a coloured dot at this year's, joined), the best total at the top, the change
written at the right; pages as the heat map's (:func:`.group_heatmap.pages`).

A group whose agencies have no previous total (the data holds one year only) gets this year's
totals alone, as dots, and says so in its title: no empty dumbbells.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.group_heatmap import ROW_IN, ROWS_PER_PAGE, agency_label, page_title, pages
from ita_analysis.report.charts.inputs import check_points, require, score_values
from ita_analysis.report.charts.style import (
    CURRENT_COLOUR,
    DOWN_COLOUR,
    MUTED,
    PASS_COLOUR,
    PREVIOUS_COLOUR,
    UP_COLOUR,
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
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import read_digits

NO_PREVIOUS = "ไม่มีคะแนนปีก่อน"
SINGLE_YEAR_NOTE = "ไม่มีคะแนนของปีก่อน จึงแสดงเฉพาะคะแนนปีนี้"


def _rows(ranking: pd.DataFrame) -> pd.DataFrame:
    df = require(ranking, ["agency", "total"], "ranking")
    if "total_previous" not in df.columns:
        df = df.assign(total_previous=np.nan)
    df = df.assign(_name=df["agency"].map(normalize_text)).sort_values(["total", "_name"], ascending=[False, True])
    df = df.drop(columns="_name").reset_index(drop=True)
    if "rank" not in df.columns:
        df["rank"] = df["total"].rank(method="min", ascending=False).astype(int)
    return df


def group_change(
    ranking: pd.DataFrame,
    *,
    framework: Framework,
    previous_year: int | None = None,
    title: str | None = None,
    per_page: int = ROWS_PER_PAGE,
    digits: Digits = "arabic",
) -> list[Figure]:
    """Each agency's total of the previous year and of this one, sorted by this year's total.

    ``ranking``: ``agency``, ``total`` and ``total_previous`` (empty where the agency has no
    previous total), optionally ``rank`` (``view.ranking`` of
    :func:`~ita_analysis.compute.group.group_analysis`). Each row: a grey dot at the previous
    total, a dot at this year's (green when it rose, red when it fell, blue when unchanged or new),
    a line between, and the change ("+1.25", "−3.40", or "ไม่มีคะแนนปีก่อน") at the right. The
    dashed line is the pass mark. Without any previous total the figure shows this year's dots
    only and its title says so. ``previous_year``: the year named in the legend (default the
    framework's year - 1). ``title``: None gives "คะแนนรวมปีงบประมาณ พ.ศ. <prev> และ <year>
    (<n> หน่วยงาน)", "" none. One figure per page of at most ``per_page`` agencies.
    """
    read_digits(digits)
    check_points("pass_mark", framework.pass_mark)
    df = _rows(ranking)
    now = score_values(df["total"], "ranking['total']")
    before = score_values(df["total_previous"], "ranking['total_previous']")
    single = bool(np.isnan(before).all())
    year, prev = framework.fiscal_year, (framework.fiscal_year - 1 if previous_year is None else int(previous_year))
    if title is None:
        years = f"ปีงบประมาณ พ.ศ. {year}" if single else f"ปีงบประมาณ พ.ศ. {prev} และ {year}"
        title = f"คะแนนรวมของหน่วยงาน {years} ({len(df):,} หน่วยงาน)"
    if single:
        title = f"{title}\n{SINGLE_YEAR_NOTE}" if title else SINGLE_YEAR_NOTE
    labels = [agency_label(r, a, digits) for r, a in zip(df["rank"], df["agency"], strict=True)]
    split = pages(len(df), per_page)
    low = _low(now, before, framework.pass_mark)
    figures = []
    for k, rows in enumerate(split):
        part = slice(rows.start, rows.stop)
        with chart_style():
            fig = new_figure(2.3 + ROW_IN * max(len(rows), 4), WIDTH_IN)
            ax = fig.add_subplot()
            _draw(ax, now[part], before[part], single, digits)
            _axes(ax, labels[part], low, framework.pass_mark, digits)
            fitted_legend(fig, _legend(single, year, prev, framework.pass_mark, digits))
            add_title(fig, page_title(title, k, len(split), rows, digits), digits)
        figures.append(fig)
    return figures


def _low(now: np.ndarray, before: np.ndarray, pass_mark: float) -> float:
    """The left end of the score axis: a multiple of 10 below every value and the pass mark."""
    values = np.concatenate([now[~np.isnan(now)], before[~np.isnan(before)], [pass_mark]])
    return max(0.0, math.floor((float(values.min()) - 1) / 10) * 10)


def _draw(ax: Axes, now: np.ndarray, before: np.ndarray, single: bool, digits: Digits) -> None:
    y = np.arange(len(now), dtype=float)
    for yi, a, b in zip(y, before, now, strict=True):
        if not math.isnan(a) and not math.isnan(b):
            colour = UP_COLOUR if b > a else DOWN_COLOUR if b < a else CURRENT_COLOUR
            ax.plot([a, b], [yi, yi], color=colour, linewidth=2.0, alpha=0.55, zorder=2, solid_capstyle="butt")
            ax.scatter([a], [yi], s=30, color=PREVIOUS_COLOUR, edgecolors="#777777", linewidths=0.6, zorder=3)
        else:
            colour = CURRENT_COLOUR
        if not math.isnan(b):
            ax.scatter([b], [yi], s=42, color=colour, zorder=4)
        if single:
            text, text_colour = ("" if math.isnan(b) else num(b, digits)), CURRENT_COLOUR
        elif math.isnan(a) or math.isnan(b):
            text, text_colour = NO_PREVIOUS, MUTED
        else:
            text, text_colour = num(b - a, digits, signed=True), colour
        ax.annotate(
            text,
            xy=(1.0, yi),
            xycoords=ax.get_yaxis_transform(),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=10,
            color=text_colour,
            annotation_clip=False,
            parse_math=False,
        )


def _axes(ax: Axes, labels: list[str], low: float, pass_mark: float, digits: Digits) -> None:
    n = len(labels)
    ax.axvline(pass_mark, linestyle="--", color=PASS_COLOUR, linewidth=1.3, zorder=1)
    ax.set_yticks(range(n), labels, parse_math=False, fontsize=10)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(n - 0.5, -0.5)
    ticks, tick_labels = score_ticks(digits, low, 100, 5 if 100 - low <= 40 else 10)
    ax.set_xticks(ticks, tick_labels)
    ax.set_xlim(low, 100)
    ax.set_xlabel("คะแนนรวม")
    ax.grid(axis="x")
    ax.grid(axis="y", color="#F0F0F0", linewidth=0.6)


def _legend(single: bool, year: int, prev: int, pass_mark: float, digits: Digits) -> list[Line2D]:
    def dot(colour: str, label: str, edge: str = "none") -> Line2D:
        return Line2D(
            [], [], marker="o", markersize=7, linestyle="none", color=colour, markeredgecolor=edge, label=label
        )

    pass_line = Line2D([], [], linestyle="--", color=PASS_COLOUR, label=f"เกณฑ์ผ่าน {mark(pass_mark, digits)}")
    if single:
        return [dot(CURRENT_COLOUR, show(f"ปี {year}", digits)), pass_line]
    return [
        dot(PREVIOUS_COLOUR, show(f"ปี {prev}", digits), "#777777"),
        dot(UP_COLOUR, show(f"ปี {year} (เพิ่มขึ้น)", digits)),
        dot(DOWN_COLOUR, show(f"ปี {year} (ลดลง)", digits)),
        pass_line,
    ]
