"""The score of each indicator as a horizontal bar in its tool's colour, with the pass mark and target."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.inputs import (
    check_indicators,
    check_points,
    indicator_labels,
    require,
    row_tools,
    score_values,
)
from ita_analysis.report.charts.style import (
    HEIGHT_IN,
    LABEL_BOX,
    MUTED,
    NO_DATA,
    PASS_COLOUR,
    TARGET_COLOUR,
    TEXT,
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


def indicator_bars(
    results: pd.DataFrame,
    *,
    framework: Framework,
    target: float | None = None,
    title: str = "",
    digits: Digits = "arabic",
) -> Figure:
    """Score of each indicator as a horizontal bar, coloured by tool, the first indicator at the top.

    ``results`` columns:
        ``indicator`` (int, one of ``framework``'s indicator numbers), ``name_th`` (Thai indicator
        name), ``tool`` (one of ``framework``'s tool codes), ``score`` (float, points 0-100; NaN
        shown as missing).

    Each bar ends in its value (2 decimals); a tool's colour follows its position among the
    framework's tools. A dashed vertical line marks the framework's pass mark (labelled
    "เกณฑ์ผ่าน <pass mark>") and, when ``target`` (points) is given, a dotted line labelled
    "เป้าหมาย <target>". The x axis runs from 0 to 100; the legend names the tools present by
    their Thai names (from the framework file), in the framework's order.
    """
    read_digits(digits)
    df = require(results, ["indicator", "name_th", "tool", "score"], "results").sort_values("indicator")
    check_indicators(df, framework, "results")
    scores = score_values(df["score"], "results['score']")
    tools = row_tools(df["tool"], framework, "results['tool']")
    check_points("pass_mark", framework.pass_mark)
    check_points("target", target)
    colours = tool_colours(framework)

    n = len(df)
    y = np.arange(n, dtype=float)
    with chart_style():
        fig = new_figure(max(HEIGHT_IN, 1.5 + 0.3 * n))
        ax = fig.add_subplot()
        ax.barh(y, np.nan_to_num(scores), height=0.68, color=[colours[t] for t in tools], zorder=2)
        _value_labels(ax, y, scores, digits)
        _reference_lines(ax, framework.pass_mark, target, digits)
        # Real indicator names fit on one line (at most 20 cells); wrap only runaway ones.
        ax.set_yticks(y, indicator_labels(df, digits, width=26), parse_math=False, multialignment="left")
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(n - 0.5, -0.5)  # the first indicator at the top
        ax.set_xlim(0, 100)
        ticks, labels = score_ticks(digits)
        ax.set_xticks(ticks, labels)
        ax.set_xlabel("คะแนน")
        ax.grid(axis="x")
        present = [t for t in colours if t in tools]
        names = tool_names(framework)
        fitted_legend(fig, [Patch(color=colours[t], label=show(names[t], digits)) for t in present])
        add_title(fig, title, digits)
    return fig


def _value_labels(ax: Axes, y: np.ndarray, scores: np.ndarray, digits: Digits) -> None:
    """Each bar's value just after its end; "ไม่มีข้อมูล" at 0 for a missing score."""
    for yi, score in zip(y, scores, strict=True):
        missing = np.isnan(score)
        ax.annotate(
            NO_DATA if missing else num(score, digits),
            xy=(0 if missing else score, yi),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=MUTED if missing else TEXT,
            zorder=5,
            annotation_clip=False,
            parse_math=False,
            bbox=LABEL_BOX,
        )


def _reference_lines(ax: Axes, pass_mark: float, target: float | None, digits: Digits) -> None:
    """Vertical lines for the pass mark (dashed) and the target (dotted), labelled above the axes."""
    lines = [(pass_mark, f"เกณฑ์ผ่าน {mark(pass_mark, digits)}", "--", PASS_COLOUR)]
    if target is not None:
        lines.append((target, f"เป้าหมาย {mark(target, digits)}", ":", TARGET_COLOUR))
    # Labels sit above the axes: the left line's label ends at its line, the right one's starts there.
    lines.sort(key=lambda item: item[0])
    stacked = len(lines) == 2 and math.isclose(lines[0][0], lines[1][0])
    for k, (x, label, style, colour) in enumerate(lines):
        ax.axvline(x, linestyle=style, color=colour, linewidth=1.8 if style == ":" else 1.4, zorder=3)
        left_side = len(lines) == 2 and k == 0 and not stacked
        ax.annotate(
            label,
            xy=(x, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(-3 if left_side else 3, 3 + (16 if stacked and k == 1 else 0)),
            textcoords="offset points",
            ha="right" if left_side else "left",
            va="bottom",
            color=colour,
            annotation_clip=False,
            parse_math=False,
        )
