"""One agency's indicator scores of one tool over fiscal years, the indicators that fell two years
running drawn thick and ringed; or, for the whole, its tool means and total (:func:`trend_lines`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ita_analysis.compute.history import history_summary, history_table
from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.inputs import check_indicators, check_points, check_year, require, score_values
from ita_analysis.report.charts.style import (
    DOWN_COLOUR,
    MUTED,
    NO_DATA,
    PASS_COLOUR,
    TOOL_PALETTE,
    Digits,
    add_title,
    chart_style,
    mark,
    new_figure,
    plain_legend_texts,
    show,
)
from ita_analysis.report.charts.trend import (
    TOOL_MARKERS,
    Series,
    score_range,
    trend_lines,
    year_frame,
    year_value_labels,
)
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import read_digits

DECLINED_LABEL = "ลดลงต่อเนื่อง 2 ปี"
LINE_STYLES = ("-", "--", ":", "-.")
"""Line style of an indicator, changed each time the colours run out (more than seven indicators)."""
HISTORY_HEIGHT_IN = 5.2
RING = {
    "linestyle": "none",
    "marker": "o",
    "markerfacecolor": "none",
    "markeredgecolor": DOWN_COLOUR,
    "markeredgewidth": 2,
}
"""The ring around a score that fell two years running, on the chart and in its legend."""


def tool_history(
    history_or_scores: pd.DataFrame,
    *,
    framework: Framework,
    tool: str | None = None,
    agency: str | None = None,
    title: str = "",
    digits: Digits = "arabic",
) -> Figure:
    """One agency's scores over fiscal years: one line per indicator of ``tool``, or (``tool=None``)
    the tool means and total drawn by :func:`~ita_analysis.report.charts.trend.trend_lines`.

    ``history_or_scores`` is a history table (:func:`ita_analysis.compute.history.history_table`:
    agency, fiscal_year, indicator, score, declined_two_years) or the tidy score table (agency,
    fiscal_year, indicator, tool, score), from which the history is made. It holds one agency, or
    ``agency`` picks one. ``tool`` is a tool code of ``framework`` (the analysed year's: its
    indicators, names, pass mark).

    The x axis runs over every fiscal year (Buddhist Era) from the first to the last in the data,
    so a year without scores leaves a gap in the lines. Each point carries its value (2 decimals);
    a dashed line marks the pass mark. An indicator that fell two years running (in any year shown)
    is drawn thicker, its legend entry says "ลดลงต่อเนื่อง 2 ปี" with the years, and a red ring marks
    each year in which it had fallen for the second year running.
    """
    read_digits(digits)
    df = _one_agency(require(history_or_scores, ["agency", "fiscal_year", "indicator", "score"], "history"), agency)
    if tool is None:
        return trend_lines(history_summary(df), framework=framework, title=title, digits=digits)
    if tool not in framework.tool_codes:
        raise ValueError(f"tool must be one of {list(framework.tool_codes)} (FY{framework.fiscal_year}); got {tool!r}")
    check_points("pass_mark", framework.pass_mark)
    hist = df if "declined_two_years" in df.columns else history_table(df)
    check_indicators(hist, framework, "history")
    years = _years(hist)
    series, values, flagged = _series(hist, framework, tool, years, digits)
    lo, hi, step = score_range(list(values.values()), framework.pass_mark)
    with chart_style():
        fig = new_figure(HISTORY_HEIGHT_IN)
        ax = fig.add_subplot()
        _draw_lines(ax, years, series, values, flagged, digits)
        label = f"เกณฑ์ผ่าน {mark(framework.pass_mark, digits)}"
        ax.axhline(framework.pass_mark, linestyle="--", color=PASS_COLOUR, linewidth=1.3, zorder=2, label=label)
        year_frame(ax, years, (lo, hi, step), digits)
        _no_data(ax, years, values)
        legend = fig.legend(loc="outside lower center", ncols=2)
        plain_legend_texts(legend)
        add_title(fig, title, digits)
        year_value_labels(fig, ax, years, series, values, digits)
    return fig


def _one_agency(df: pd.DataFrame, agency: str | None) -> pd.DataFrame:
    if agency is not None:
        df = df[df["agency"] == agency]
        if df.empty:
            raise ValueError(f"history has no rows for agency {agency!r}")
    agencies = pd.unique(df["agency"])
    if len(agencies) > 1:
        raise ValueError(f"history holds {len(agencies)} agencies: pass one at a time (agency=)")
    return df.reset_index(drop=True)


def _years(hist: pd.DataFrame) -> list[int]:
    """Every fiscal year from the first to the last in the data (Buddhist Era, checked)."""
    raw = pd.to_numeric(hist["fiscal_year"], errors="raise")
    if (raw % 1 != 0).any():
        raise ValueError(f"history['fiscal_year'] must be whole years; got {sorted(set(raw))}")
    first, last = int(raw.min()), int(raw.max())
    for year in (first, last):
        check_year(year, "history['fiscal_year']")
    return list(range(first, last + 1))


def _series(hist, framework, tool, years, digits):
    """The lines (one per indicator of the tool), their values per year, and the flagged years."""
    series, values, flagged = [], {}, {}
    for k, ind in enumerate(framework.tool_indicators(tool)):
        rows = hist[hist["indicator"] == ind.number].drop_duplicates("fiscal_year").set_index("fiscal_year")
        column = f"ind_{ind.number}"
        values[column] = score_values(rows["score"].reindex(years), f"history score of indicator {ind.number}")
        flags = rows["declined_two_years"].reindex(years).fillna(False).astype(bool).to_numpy()
        flagged[column] = flags
        label = f"{ind.number} {normalize_text(ind.name_th)}"
        if flags.any():
            label += f" ({DECLINED_LABEL}: พ.ศ. {', '.join(str(y) for y, f in zip(years, flags, strict=True) if f)})"
        colour = TOOL_PALETTE[k % len(TOOL_PALETTE)][0]
        marker = TOOL_MARKERS[k % len(TOOL_MARKERS)]
        series.append(Series(column, show(label, digits), colour, marker, 3.2 if flags.any() else 1.6))
    return series, values, flagged


def _draw_lines(ax: Axes, years, series: list[Series], values, flagged, digits: Digits) -> None:
    any_flag = False
    for k, s in enumerate(series):
        ax.plot(
            years,
            values[s.column],
            marker=s.marker,
            markersize=8 if s.width > 2 else 6,
            color=s.colour,
            linewidth=s.width,
            linestyle=LINE_STYLES[k // len(TOOL_PALETTE) % len(LINE_STYLES)],
            label=s.label,
            zorder=4 if s.width > 2 else 3,
            clip_on=False,
        )
        flags = flagged[s.column]
        if flags.any():
            any_flag = True
            ax.plot(
                np.asarray(years)[flags],
                values[s.column][flags],
                markersize=15,
                zorder=5,
                clip_on=False,
                **RING,
            )
    if any_flag:
        label = show(f"ปีที่{DECLINED_LABEL}", digits)
        ring = Line2D([], [], markersize=12, label=label, **RING)
        ax.add_line(ring)


def _no_data(ax: Axes, years: list[int], values: dict[str, np.ndarray]) -> None:
    """ "ไม่มีข้อมูล" at the foot of a year inside the range that has no score of the tool."""
    empty = np.all(np.isnan(np.vstack(list(values.values()))), axis=0)
    for year in np.asarray(years)[empty]:
        ax.annotate(
            NO_DATA,
            xy=(year, 0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 6),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=MUTED,
            parse_math=False,
        )
