"""Each indicator's score in two fiscal years as a pair of horizontal bars, with the change."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.inputs import check_indicators, check_year, indicator_labels, require, score_values
from ita_analysis.report.charts.style import (
    CURRENT_COLOUR,
    DOWN_COLOUR,
    HEIGHT_IN,
    MUTED,
    NO_DATA,
    PREVIOUS_COLOUR,
    TEXT,
    UP_COLOUR,
    ChartParts,
    Digits,
    add_title,
    chart_style,
    new_figure,
    num,
    plain_legend_texts,
    score_ticks,
    show,
)
from ita_analysis.thai.numbers import read_digits

BAR_HEIGHT = 0.42
"""Height of one year's bar (one indicator = 1 unit): an 11 pt value must fit inside it."""
INSIDE_FROM = 15
"""Values from this many points up are written inside the bar end; shorter bars get them outside."""


def comparison_bars(
    comparison: pd.DataFrame,
    *,
    framework: Framework,
    previous_year: int,
    current_year: int,
    title: str = "",
    digits: Digits = "arabic",
) -> Figure:
    """Each indicator's score in two fiscal years as a pair of horizontal bars, with the change.

    ``comparison`` columns:
        ``indicator`` (int, one of ``framework``'s indicator numbers: the current year's
        framework), ``name_th`` (Thai indicator name), ``score_previous`` and ``score_current``
        (float, points 0-100; ``score_previous`` may be NaN, e.g. for a new indicator, and is then
        shown as missing with no change).

    ``previous_year`` and ``current_year`` are Buddhist Era years (legend "พ.ศ. <year>"). Values
    are written inside the bar ends; the change (current minus previous, of the 2-decimal values,
    e.g. "+0.22" / "−0.79") follows each pair, declines in red. Names longer than 18 character
    cells are wrapped (see :func:`ita_analysis.thai.wrap.wrap_thai`).
    """
    df, previous, current = comparison_inputs(comparison, framework, previous_year, current_year, digits)
    years = (previous_year, current_year)
    return comparison_figure(df, previous, current, framework=framework, years=years, title=title, digits=digits).fig


def comparison_inputs(
    comparison: pd.DataFrame, framework: Framework, previous_year: int, current_year: int, digits: Digits
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The rows of :func:`comparison_bars` in indicator order, checked: (rows, previous, current scores)."""
    read_digits(digits)
    for year in (previous_year, current_year):
        check_year(year, "year")
    df = require(comparison, ["indicator", "name_th", "score_previous", "score_current"], "comparison")
    df = df.sort_values("indicator")
    check_indicators(df, framework, "comparison")
    previous = score_values(df["score_previous"], "comparison['score_previous']")
    current = score_values(df["score_current"], "comparison['score_current']")
    return df, previous, current


def comparison_figure(
    df: pd.DataFrame,
    previous: np.ndarray,
    current: np.ndarray,
    *,
    framework: Framework,
    years: tuple[int, int],
    title: str,
    digits: Digits,
) -> ChartParts:
    """The figure of :func:`comparison_bars` from checked rows (:func:`comparison_inputs`), with the
    parts an agency changes."""
    n = len(df)
    y = np.arange(n, dtype=float)
    h = BAR_HEIGHT
    previous_year, current_year = years
    with chart_style():
        fig = new_figure(max(HEIGHT_IN, 1.5 + 0.45 * n))
        ax = fig.add_subplot()
        ax.barh(y - h / 2, np.nan_to_num(previous), height=h, color=PREVIOUS_COLOUR, zorder=2,
                label=show(f"พ.ศ. {int(previous_year)}", digits))  # fmt: skip
        ax.barh(y + h / 2, np.nan_to_num(current), height=h, color=CURRENT_COLOUR, zorder=2,
                label=show(f"พ.ศ. {int(current_year)}", digits))  # fmt: skip
        labels = pair_labels(ax, y, previous, current, digits)
        ax.set_yticks(y, indicator_labels(df, digits, width=18), parse_math=False, multialignment="left")
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 100)
        ticks, tick_labels = score_ticks(digits)
        ax.set_xticks(ticks, tick_labels)
        ax.set_xlabel(show(f"คะแนน (ตัวเลขท้ายแท่ง: ผลต่าง พ.ศ. {int(current_year)} เทียบกับ {int(previous_year)})", digits))
        ax.grid(axis="x")
        legend = fig.legend(loc="outside lower center", ncols=2)
        plain_legend_texts(legend)
        heading = add_title(fig, title, digits)
    bars = [bar for container in ax.containers for bar in container]
    return ChartParts(fig, ax, bars, labels, heading)


def pair_labels(ax: Axes, y: np.ndarray, previous: np.ndarray, current: np.ndarray, digits: Digits) -> list[Annotation]:
    """Both years' value labels and the change after each pair."""
    h = BAR_HEIGHT
    labels = []
    for values, ys, text_colour in ((previous, y - h / 2, TEXT), (current, y + h / 2, "white")):
        labels += [value_label(ax, v, yi, text_colour, digits) for yi, v in zip(ys, values, strict=True)]
    return labels + change_labels(ax, y, previous, current, digits)


def value_label(ax: Axes, value: float, yi: float, text_colour: str, digits: Digits) -> Annotation:
    """One bar's value: inside its end when there is room, else after it; "ไม่มีข้อมูล" when missing."""
    if np.isnan(value):
        text, xy, shift, ha, colour = NO_DATA, (0, yi), 4, "left", MUTED
    elif value >= INSIDE_FROM:
        text, xy, shift, ha, colour = num(value, digits), (value, yi), -4, "right", text_colour
    else:
        text, xy, shift, ha, colour = num(value, digits), (value, yi), 3, "left", TEXT
    return ax.annotate(
        text,
        xy=xy,
        xytext=(shift, 0),
        textcoords="offset points",
        ha=ha,
        va="center",
        color=colour,
        parse_math=False,
    )


def change_labels(
    ax: Axes, y: np.ndarray, previous: np.ndarray, current: np.ndarray, digits: Digits
) -> list[Annotation]:
    """The change of the 2-decimal values after each pair: green up, red down, grey unchanged."""
    labels = []
    for yi, p, c in zip(y, previous, current, strict=True):
        if np.isnan(p) or np.isnan(c):
            continue
        change = round(c, 2) - round(p, 2)
        shown = round(change, 2)
        colour = DOWN_COLOUR if shown < 0 else UP_COLOUR if shown > 0 else MUTED
        shift = 6 if max(p, c) >= INSIDE_FROM else 48  # clear of a value label written outside the bar
        label = ax.annotate(
            num(change, digits, signed=True),
            xy=(max(p, c), yi),
            xytext=(shift, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=colour,
            fontweight="bold",
            annotation_clip=False,
            parse_math=False,
        )
        labels.append(label)
    return labels
