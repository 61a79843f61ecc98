"""The score of each indicator as a horizontal bar in its tool's colour, with the pass mark and target."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Annotation

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
    ChartParts,
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
from ita_analysis.report.charts.tools import tool_colours, tool_names, tool_text_colours
from ita_analysis.thai.numbers import read_digits

CLEARANCE_PT = 9.0
"""Space kept between a value label and a reference line, in points."""
MEASURE_DPI = 200
"""Resolution at which labels are measured: the PNG's, where hinted text is widest."""


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
    df, scores, tools = indicator_inputs(results, framework, target, digits)
    return indicator_figure(df, scores, tools, framework=framework, target=target, title=title, digits=digits).fig


def indicator_inputs(
    results: pd.DataFrame, framework: Framework, target: float | None, digits: Digits
) -> tuple[pd.DataFrame, np.ndarray, list[str]]:
    """The rows of :func:`indicator_bars` in indicator order, checked: (rows, scores, tool codes)."""
    read_digits(digits)
    df = require(results, ["indicator", "name_th", "tool", "score"], "results").sort_values("indicator")
    check_indicators(df, framework, "results")
    scores = score_values(df["score"], "results['score']")
    tools = row_tools(df["tool"], framework, "results['tool']")
    check_points("pass_mark", framework.pass_mark)
    check_points("target", target)
    return df, scores, tools


def indicator_figure(
    df: pd.DataFrame,
    scores: np.ndarray,
    tools: list[str],
    *,
    framework: Framework,
    target: float | None,
    title: str,
    digits: Digits,
) -> ChartParts:
    """The figure of :func:`indicator_bars` from checked rows (:func:`indicator_inputs`), with the
    parts an agency changes."""
    colours = tool_colours(framework)
    n = len(df)
    y = np.arange(n, dtype=float)
    with chart_style():
        fig = new_figure(max(HEIGHT_IN, 1.5 + 0.3 * n))
        ax = fig.add_subplot()
        bars = ax.barh(y, np.nan_to_num(scores), height=0.68, color=[colours[t] for t in tools], zorder=2)
        on_bars = value_labels(ax, y, scores, digits)
        reference_lines(ax, framework.pass_mark, target, digits)
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
        heading = add_title(fig, title, digits)
        text_on_bar = tool_text_colours(framework)
        _labels_clear_of_lines(fig, ax, on_bars, [text_on_bar[t] for t in tools], framework.pass_mark, target)
    return ChartParts(fig, ax, list(bars), on_bars, heading)


def value_labels(ax: Axes, y: np.ndarray, scores: np.ndarray, digits: Digits) -> list[Annotation]:
    """Each bar's value just after its end; "ไม่มีข้อมูล" at 0 for a missing score."""
    labels = []
    for yi, score in zip(y, scores, strict=True):
        missing = np.isnan(score)
        label = ax.annotate(
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
        labels.append(label)
    return labels


def _labels_clear_of_lines(
    fig: Figure, ax: Axes, labels: list[Annotation], on_bar: list[str], pass_mark: float, target: float | None
) -> None:
    """:func:`place_value_labels` on the laid-out figure, where text has its drawn size (measured at
    :data:`MEASURE_DPI`)."""
    screen_dpi = fig.dpi
    fig.set_dpi(MEASURE_DPI)
    fig.draw_without_rendering()
    place_value_labels(ax, labels, on_bar, pass_mark, target)
    fig.set_dpi(screen_dpi)


def place_value_labels(
    ax: Axes, labels: list[Annotation], on_bar: list[str], pass_mark: float, target: float | None
) -> None:
    """Move each value label that a reference line runs through into its bar's end (in the tool's
    text colour on the fill) when the lines leave it clear there; a label that the pass-mark line
    would cross in both places goes just past that line. Measured at the figure's resolution, on
    its layout as it stands; :data:`CLEARANCE_PT` either side of a line."""
    margin = CLEARANCE_PT * ax.figure.dpi / 72
    pass_px = ax.transData.transform((pass_mark, 0))[0]
    lines_px = [pass_px] + ([ax.transData.transform((target, 0))[0]] if target is not None else [])

    def crossings() -> tuple[bool, bool]:
        extent = label.get_window_extent()
        crossed = [extent.x0 - margin <= x <= extent.x1 + margin for x in lines_px]
        return crossed[0], any(crossed)

    for label, colour in zip(labels, on_bar, strict=True):
        x, y = label.xy
        places = [((x, y), 4, "left", TEXT, LABEL_BOX), ((x, y), -4, "right", colour, None)]
        ranked = []
        for k, place in enumerate(places):
            _place(label, *place)
            ranked.append((*crossings(), k))
        best = places[min(ranked)[2]]
        if min(ranked)[0] and x < pass_mark:
            best = ((pass_mark, y), 4, "left", TEXT, LABEL_BOX)
        _place(label, *best)


def _place(label: Annotation, xy: tuple[float, float], offset: float, ha: str, colour: str, box) -> None:
    label.xy = xy
    label.xyann = (offset, 0)
    label.set_horizontalalignment(ha)
    label.set_color(colour)
    label.set_bbox(box)


def reference_lines(ax: Axes, pass_mark: float, target: float | None, digits: Digits) -> None:
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
