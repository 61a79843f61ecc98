"""Charts of ITA scores with Thai labels, ready for a report at A4 width.

matplotlib only, object-oriented: every function builds a :class:`matplotlib.figure.Figure`
directly, so no pyplot state and no GUI backend are involved (``save_figure`` or
``FigureCanvasAgg`` render it). Importing this module registers the bundled Sarabun font
(:func:`ita_analysis.report.fonts.register_matplotlib_fonts`); each chart is also built under its own
``rc_context`` so later changes to the global rcParams do not change how it looks.

Conventions for every chart:

- Scores are points on the 0-100 ITA scale; weighted tool scores are points of the total
  (at most 30 / 30 / 40 for IIT / EIT / OIT); years are Buddhist Era fiscal years (e.g. 2563).
- Numbers are shown with 2 decimals, as NACC publishes them.
- ``digits="thai"`` shows every number in the figure (value labels, ticks, years, and digits in
  the title and names) with Thai digits ๐-๙; ``digits="arabic"`` (default) leaves them as 0-9.
- Text that comes from data (names, titles) goes in as plain text: mathtext and TeX are off, so
  "$" or "\\" in a name is drawn as written.
- Sizes: about 8 in wide, text 11-14 pt.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ita_analysis.files import atomic_path
from ita_analysis.report.fonts import add_sarabun_fonts, register_matplotlib_fonts, sarabun_rc_params
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import check_be_year, to_thai_digits
from ita_analysis.thai.wrap import wrap_thai

__all__ = [
    "Digits",
    "TOOL_COLOURS",
    "TOOL_MAX_WEIGHTED",
    "indicator_bars",
    "comparison_bars",
    "trend_lines",
    "tool_contributions",
    "save_figure",
]

register_matplotlib_fonts()

Digits = Literal["arabic", "thai"]

PASS_MARK = 85.0
"""The ITA pass mark (points of 100), the same in every framework FY2562-FY2569."""

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
TOOL_COLOURS: dict[str, str] = {"IIT": "#0072B2", "EIT": "#E69F00", "OIT": "#009E73"}
"""Fill colour per tool: blue, orange, bluish green."""
_TOOL_TEXT_COLOURS = {"IIT": "white", "EIT": "#1A1A1A", "OIT": "#1A1A1A"}  # readable on the fill

TOOL_MAX_WEIGHTED: dict[str, float] = {"IIT": 30.0, "EIT": 30.0, "OIT": 40.0}
"""Most a tool can add to the total (weight x 100): 30 / 30 / 40 points in FY2562-FY2569."""

TOTAL_LABEL = "คะแนนรวม"
_TEXT = "#1A1A1A"
_MUTED = "#6B6B6B"
_PASS_COLOUR = "#333333"
_TARGET_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple
_PREVIOUS_COLOUR = "#B9B9B9"
_CURRENT_COLOUR = "#0072B2"
_UP_COLOUR = "#00734F"
_DOWN_COLOUR = "#B3261E"  # red-ish, dark enough for small text on white
_NO_DATA = "ไม่มีข้อมูล"
# White backing for value labels, so a reference line or series line does not strike through them.
_LABEL_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
MINUS = "\u2212"  # typographic minus for changes; Sarabun has the glyph

WIDTH_IN = 8.0
HEIGHT_IN = 4.5

_STYLE_RC: dict[str, Any] = {
    "font.size": 11,
    "axes.titlesize": 14,
    "figure.titlesize": 14,
    "figure.titleweight": "bold",
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "text.color": _TEXT,
    "axes.labelcolor": _TEXT,
    "axes.edgecolor": "#444444",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "xtick.labelcolor": _TEXT,
    "ytick.labelcolor": _TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "legend.frameon": False,
    "axes.formatter.use_locale": False,
}


def _check_digits(digits: str) -> None:
    if digits not in ("arabic", "thai"):
        raise ValueError(f"digits must be 'arabic' or 'thai', not {digits!r}")


def _show(text: str, digits: Digits) -> str:
    """Text as displayed: with Thai digits when asked."""
    return to_thai_digits(text) if digits == "thai" else text


def _num(value: float, digits: Digits, *, decimals: int = 2, signed: bool = False) -> str:
    """A number as shown: fixed decimals, "+"/"−" when ``signed`` (no sign on a rounded zero)."""
    rounded = round(float(value), decimals)
    body = f"{abs(rounded):.{decimals}f}"
    sign = ""
    if rounded < 0:
        sign = MINUS
    elif rounded > 0 and signed:
        sign = "+"
    return _show(sign + body, digits)


def _mark(value: float, digits: Digits) -> str:
    """A reference value (pass mark, target, tick) without trailing zeros: 85, 87.5."""
    return _show(f"{float(value):.2f}".rstrip("0").rstrip("."), digits)


# --- data checks ----------------------------------------------------------------------------


def _require(df: pd.DataFrame, columns: Sequence[str], what: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, not {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {missing}; it has {list(df.columns)}")
    if df.empty:
        raise ValueError(f"{what} has no rows")
    return df.reset_index(drop=True)


def _scores(series: pd.Series, what: str) -> np.ndarray:
    """Float scores; NaN allowed (shown as missing), anything outside 0-100 refused."""
    values = pd.to_numeric(series, errors="raise").astype(float).to_numpy()
    bad = values[~np.isnan(values) & ((values < 0) | (values > 100))]
    if bad.size:
        raise ValueError(f"{what} must be scores from 0 to 100; got {bad.tolist()}")
    return values


def _names(df: pd.DataFrame, digits: Digits, width: int | None = None) -> list[str]:
    """Tick labels "1 การปฏิบัติหน้าที่", the name optionally wrapped to ``width`` cells."""
    labels = []
    for number, name in zip(df["indicator"], df["name_th"], strict=True):
        name = normalize_text(name)
        if width is not None:
            name = wrap_thai(name, width)
        labels.append(_show(f"{int(number)} {name}", digits))
    return labels


# --- figure helpers ---------------------------------------------------------------------------


@contextmanager
def _chart_style() -> Iterator[None]:
    """Sarabun, plain-text labels and the chart look, for the artists created in the block."""
    add_sarabun_fonts()
    with mpl.rc_context({**sarabun_rc_params(), **_STYLE_RC}):
        yield


def _new_figure(height: float = HEIGHT_IN, width: float = WIDTH_IN) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _title(fig: Figure, title: str, digits: Digits) -> None:
    """Title above everything (a suptitle, so labels above the axes never collide with it)."""
    lines = [normalize_text(line) for line in str(title).splitlines()]
    if any(lines):
        fig.suptitle(_show("\n".join(lines), digits), parse_math=False)


def _plain_legend_texts(legend: Any) -> None:
    for text in legend.get_texts():
        text.set_parse_math(False)


def _score_ticks(digits: Digits, lo: float = 0, hi: float = 100, step: float = 10) -> tuple[list[float], list[str]]:
    ticks = [float(t) for t in np.arange(lo, hi + step / 2, step)]
    return ticks, [_mark(t, digits) for t in ticks]


# --- charts -----------------------------------------------------------------------------------


def indicator_bars(
    results: pd.DataFrame,
    *,
    pass_mark: float = PASS_MARK,
    target: float | None = None,
    title: str = "",
    digits: Digits = "arabic",
) -> Figure:
    """Score of each indicator as a horizontal bar, coloured by tool, indicator 1 at the top.

    ``results`` columns:
        ``indicator`` (int, 1-10), ``name_th`` (Thai indicator name, e.g. "การปฏิบัติหน้าที่"),
        ``tool`` ("IIT", "EIT" or "OIT"), ``score`` (float, points 0-100; NaN shown as missing).

    Each bar ends in its value (2 decimals). A dashed vertical line marks ``pass_mark`` (points,
    labelled "เกณฑ์ผ่าน 85") and, when ``target`` (points) is given, a dotted line labelled
    "เป้าหมาย <target>". The x axis runs from 0 to 100; the legend gives the tool codes.
    """
    _check_digits(digits)
    df = _require(results, ["indicator", "name_th", "tool", "score"], "results").sort_values("indicator")
    scores = _scores(df["score"], "results['score']")
    tools = [str(t).strip().upper() for t in df["tool"]]
    unknown = sorted(set(tools) - TOOL_COLOURS.keys())
    if unknown:
        raise ValueError(f"results['tool'] must be one of {list(TOOL_COLOURS)}; got {unknown}")
    for name, value in (("pass_mark", pass_mark), ("target", target)):
        if value is not None and not 0 <= value <= 100:
            raise ValueError(f"{name} must be from 0 to 100 points, not {value}")

    n = len(df)
    y = np.arange(n, dtype=float)
    with _chart_style():
        fig = _new_figure(max(HEIGHT_IN, 1.5 + 0.3 * n))
        ax = fig.add_subplot()
        ax.barh(y, np.nan_to_num(scores), height=0.68, color=[TOOL_COLOURS[t] for t in tools], zorder=2)
        for yi, score in zip(y, scores, strict=True):
            text = _NO_DATA if np.isnan(score) else _num(score, digits)
            ax.annotate(
                text,
                xy=(0 if np.isnan(score) else score, yi),
                xytext=(4, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                color=_MUTED if np.isnan(score) else _TEXT,
                zorder=5,
                annotation_clip=False,
                parse_math=False,
                bbox=_LABEL_BOX,
            )

        lines = [(pass_mark, f"เกณฑ์ผ่าน {_mark(pass_mark, digits)}", "--", _PASS_COLOUR)]
        if target is not None:
            lines.append((target, f"เป้าหมาย {_mark(target, digits)}", ":", _TARGET_COLOUR))
        # Labels sit above the axes: the left line's label ends at its line, the right one's starts there.
        lines.sort(key=lambda item: item[0])
        for k, (x, label, style, colour) in enumerate(lines):
            ax.axvline(x, linestyle=style, color=colour, linewidth=1.8 if style == ":" else 1.4, zorder=3)
            stacked = len(lines) == 2 and math.isclose(lines[0][0], lines[1][0])
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

        # Real indicator names fit on one line (at most 20 cells); wrap only runaway ones.
        ax.set_yticks(y, _names(df, digits, width=26), parse_math=False, multialignment="left")
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(n - 0.5, -0.5)  # indicator 1 at the top
        ax.set_xlim(0, 100)
        ticks, labels = _score_ticks(digits)
        ax.set_xticks(ticks, labels)
        ax.set_xlabel("คะแนน")
        ax.grid(axis="x")
        present = [t for t in TOOL_COLOURS if t in tools]
        legend = fig.legend(
            handles=[Patch(color=TOOL_COLOURS[t], label=t) for t in present],
            loc="outside lower center",
            ncols=len(present),
        )
        _plain_legend_texts(legend)
        _title(fig, title, digits)
    return fig


def comparison_bars(
    comparison: pd.DataFrame,
    *,
    previous_year: int,
    current_year: int,
    title: str = "",
    digits: Digits = "arabic",
) -> Figure:
    """Each indicator's score in two fiscal years as a pair of horizontal bars, with the change.

    ``comparison`` columns:
        ``indicator`` (int, 1-10), ``name_th`` (Thai indicator name), ``score_previous`` and
        ``score_current`` (float, points 0-100; ``score_previous`` may be NaN, e.g. for a new
        indicator, and is then shown as missing with no change).

    ``previous_year`` and ``current_year`` are Buddhist Era years (legend "พ.ศ. 2562" /
    "พ.ศ. 2563"). Values are written inside the bar ends; the change (current minus previous, of
    the 2-decimal values, e.g. "+0.22" / "−0.79") follows each pair, declines in red. Names longer
    than 18 character cells are wrapped (see :func:`wrap_thai`).
    """
    _check_digits(digits)
    for year in (previous_year, current_year):
        problem = check_be_year(int(year))
        if problem:
            raise ValueError(f"year {year}: expected {problem}")
    df = _require(comparison, ["indicator", "name_th", "score_previous", "score_current"], "comparison")
    df = df.sort_values("indicator")
    previous = _scores(df["score_previous"], "comparison['score_previous']")
    current = _scores(df["score_current"], "comparison['score_current']")

    n = len(df)
    y = np.arange(n, dtype=float)
    h = 0.42  # bar height (one indicator = 1 unit); 11 pt values must fit inside a bar
    with _chart_style():
        fig = _new_figure(max(HEIGHT_IN, 1.5 + 0.45 * n))
        ax = fig.add_subplot()
        series = (
            (previous, y - h / 2, _PREVIOUS_COLOUR, _TEXT, previous_year),
            (current, y + h / 2, _CURRENT_COLOUR, "white", current_year),
        )
        for values, ys, colour, text_colour, year in series:
            ax.barh(
                ys, np.nan_to_num(values), height=h, color=colour, zorder=2, label=_show(f"พ.ศ. {int(year)}", digits)
            )
            for yi, v in zip(ys, values, strict=True):
                if np.isnan(v):
                    ax.annotate(
                        _NO_DATA,
                        xy=(0, yi),
                        xytext=(4, 0),
                        textcoords="offset points",
                        ha="left",
                        va="center",
                        color=_MUTED,
                        parse_math=False,
                    )
                elif v >= 15:  # room inside the bar
                    ax.annotate(
                        _num(v, digits),
                        xy=(v, yi),
                        xytext=(-4, 0),
                        textcoords="offset points",
                        ha="right",
                        va="center",
                        color=text_colour,
                        parse_math=False,
                    )
                else:
                    ax.annotate(
                        _num(v, digits),
                        xy=(v, yi),
                        xytext=(3, 0),
                        textcoords="offset points",
                        ha="left",
                        va="center",
                        color=_TEXT,
                        parse_math=False,
                    )
        for yi, p, c in zip(y, previous, current, strict=True):
            if np.isnan(p) or np.isnan(c):
                continue
            change = round(c, 2) - round(p, 2)
            label = _num(change, digits, signed=True)
            colour = _DOWN_COLOUR if round(change, 2) < 0 else _UP_COLOUR if round(change, 2) > 0 else _MUTED
            shift = 6 if max(p, c) >= 15 else 48  # clear of a value label written outside the bar
            ax.annotate(
                label,
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

        ax.set_yticks(y, _names(df, digits, width=18), parse_math=False, multialignment="left")
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 100)
        ticks, labels = _score_ticks(digits)
        ax.set_xticks(ticks, labels)
        ax.set_xlabel(_show(f"คะแนน (ตัวเลขท้ายแท่ง: ผลต่าง พ.ศ. {int(current_year)} เทียบกับ {int(previous_year)})", digits))
        ax.grid(axis="x")
        legend = fig.legend(loc="outside lower center", ncols=2)
        _plain_legend_texts(legend)
        _title(fig, title, digits)
    return fig


_SERIES = (  # column, legend label, colour, marker, line width
    ("iit", "IIT", TOOL_COLOURS["IIT"], "o", 1.8),
    ("eit", "EIT", TOOL_COLOURS["EIT"], "s", 1.8),
    ("oit", "OIT", TOOL_COLOURS["OIT"], "^", 1.8),
    ("total", TOTAL_LABEL, "#1A1A1A", "D", 2.6),
)


def _spread(targets: Sequence[float], gap: float) -> list[float]:
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


def trend_lines(summary: pd.DataFrame, *, title: str = "", digits: Digits = "arabic") -> Figure:
    """One agency's tool scores and total over fiscal years, one line with markers per series.

    ``summary`` columns (one row per year, as :func:`ita_analysis.compute.scoring.score` gives them for
    one agency): ``fiscal_year`` (int, Buddhist Era, e.g. 2563), ``iit``, ``eit``, ``oit`` (tool
    means, points 0-100) and ``total`` (weighted total, points 0-100). NaN leaves a gap.

    Each point carries its value (2 decimals; labels pushed apart where they would overlap); a
    dashed line marks the pass mark 85 (in the legend as "เกณฑ์ผ่าน 85"); x ticks are the years.
    """
    _check_digits(digits)
    df = _require(summary, ["fiscal_year", "iit", "eit", "oit", "total"], "summary")
    years_raw = pd.to_numeric(df["fiscal_year"], errors="raise")
    if (years_raw % 1 != 0).any():
        raise ValueError(f"summary['fiscal_year'] must be whole years; got {years_raw.tolist()}")
    df = df.assign(fiscal_year=years_raw.astype(int)).sort_values("fiscal_year")
    if df["fiscal_year"].duplicated().any():
        raise ValueError("summary has more than one row for a fiscal year: pass one agency at a time")
    years = df["fiscal_year"].to_list()
    for year in years:
        problem = check_be_year(year)
        if problem:
            raise ValueError(f"summary['fiscal_year'] {year}: expected {problem}")
    values = {col: _scores(df[col], f"summary[{col!r}]") for col, *_ in _SERIES}

    finite = np.concatenate([v[~np.isnan(v)] for v in values.values()] + [np.array([PASS_MARK])])
    lo = max(0.0, math.floor((finite.min() - 4) / 5) * 5)
    hi = min(100.0, math.ceil((finite.max() + 2) / 5) * 5)
    step = 5.0 if hi - lo <= 40 else 10.0
    span = max(years[-1] - years[0], 1)

    with _chart_style():
        fig = _new_figure()
        ax = fig.add_subplot()
        for col, label, colour, marker, width in _SERIES:
            ax.plot(
                years,
                values[col],
                marker=marker,
                markersize=7,
                color=colour,
                linewidth=width,
                label=label,
                zorder=3,
                clip_on=False,
            )
        ax.axhline(
            PASS_MARK,
            linestyle="--",
            color=_PASS_COLOUR,
            linewidth=1.3,
            zorder=2,
            label=f"เกณฑ์ผ่าน {_mark(PASS_MARK, digits)}",
        )
        # Room for the value labels: left of the first year's points, right of the others.
        pad = 0.22 * span if len(years) > 1 else 0.6
        ax.set_xlim(years[0] - pad, years[-1] + pad)
        ax.set_ylim(lo, hi + (1.5 if hi >= 100 else 0))  # room for a marker at 100
        ax.set_xticks(years, [_show(str(y), digits) for y in years])
        ticks, labels = _score_ticks(digits, lo, hi, step)
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
        legend = fig.legend(loc="outside lower center", ncols=len(_SERIES) + 1)
        _plain_legend_texts(legend)
        _title(fig, title, digits)

        # Value labels beside each point (left of the first year's, where no line leaves, right of
        # the others), spread apart vertically where they would collide.
        fig.draw_without_rendering()  # final axes size, to convert data units to points
        pt_per_unit = ax.bbox.height * 72 / fig.dpi / (ax.get_ylim()[1] - ax.get_ylim()[0])
        gap = 1.4 * mpl.rcParams["font.size"]  # points: Sarabun's line box is 1.3 em
        for j, year in enumerate(years):
            left = j == 0 and len(years) > 1
            points = [(col, colour, values[col][j]) for col, _, colour, _, _ in _SERIES if not np.isnan(values[col][j])]
            targets = [v * pt_per_unit for _, _, v in points]
            for (col, colour, v), placed in zip(points, _spread(targets, gap=gap), strict=True):
                ax.annotate(
                    _num(v, digits),
                    xy=(year, v),
                    xytext=(-9 if left else 9, placed - v * pt_per_unit),
                    textcoords="offset points",
                    ha="right" if left else "left",
                    va="center",
                    color=colour,
                    fontweight="bold" if col == "total" else "normal",
                    zorder=4,
                    annotation_clip=False,
                    parse_math=False,
                    bbox=_LABEL_BOX,
                )
    return fig


def tool_contributions(row: Mapping[str, Any] | pd.Series, *, title: str = "", digits: Digits = "arabic") -> Figure:
    """What each tool adds to the total, as one stacked horizontal bar over the 0-100 scale.

    ``row`` keys (a Mapping or one row of the :func:`ita_analysis.compute.scoring.score` summary):
        ``iit_weighted``, ``eit_weighted``, ``oit_weighted`` (points each tool adds to the
        total: weight x tool score, at most 30 / 30 / 40) and ``total`` (points 0-100).

    Segments are labelled "IIT 24.13" etc. and the bar ends in "คะแนนรวม 82.44" (from ``total``).
    Behind it, a faint bar split 30 / 30 / 40 shows the most each tool can add ("IIT เต็ม 30").
    """
    _check_digits(digits)
    missing = [k for k in ("iit_weighted", "eit_weighted", "oit_weighted", "total") if k not in row]
    if missing:
        raise ValueError(f"row lacks key(s) {missing}")
    parts: dict[str, float] = {}
    for tool in TOOL_COLOURS:
        value = float(row[f"{tool.lower()}_weighted"])
        if not 0 <= value <= TOOL_MAX_WEIGHTED[tool]:
            raise ValueError(
                f"{tool.lower()}_weighted must be from 0 to {TOOL_MAX_WEIGHTED[tool]:g} points, not {value}"
            )
        parts[tool] = value
    total = float(row["total"])
    if not 0 <= total <= 100:
        raise ValueError(f"total must be from 0 to 100 points, not {total}")

    with _chart_style():
        fig = _new_figure(2.8)
        ax = fig.add_subplot()
        tools = list(TOOL_COLOURS)
        max_left = np.cumsum([0.0] + [TOOL_MAX_WEIGHTED[t] for t in tools])[:-1]
        ax.barh(
            [0.0] * 3,
            [TOOL_MAX_WEIGHTED[t] for t in tools],
            left=max_left,
            height=0.86,
            color=[TOOL_COLOURS[t] for t in tools],
            alpha=0.16,
            edgecolor="white",
            linewidth=2,
            zorder=1,
        )
        for tool, left in zip(tools, max_left, strict=True):
            ax.annotate(
                _show(f"{tool} เต็ม {TOOL_MAX_WEIGHTED[tool]:g}", digits),
                xy=(left + TOOL_MAX_WEIGHTED[tool] / 2, 0.43),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                color=_MUTED,
                annotation_clip=False,
                parse_math=False,
            )

        widths = [parts[t] for t in tools]
        lefts = np.cumsum([0.0] + widths)[:-1]
        ax.barh(
            [0.0] * 3,
            widths,
            left=lefts,
            height=0.5,
            color=[TOOL_COLOURS[t] for t in tools],
            edgecolor="white",
            linewidth=1.5,
            zorder=2,
        )
        for tool, left, width in zip(tools, lefts, widths, strict=True):
            label = f"{tool} {_num(width, digits)}"
            if width >= 12:  # fits inside the segment
                ax.annotate(
                    label,
                    xy=(left + width / 2, 0),
                    ha="center",
                    va="center",
                    color=_TOOL_TEXT_COLOURS[tool],
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
                    color=_TEXT,
                    annotation_clip=False,
                    parse_math=False,
                )
        ax.annotate(
            f"{TOTAL_LABEL} {_num(total, digits)}",
            xy=(sum(widths), 0),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=_TEXT,
            fontweight="bold",
            annotation_clip=False,
            parse_math=False,
        )

        ax.set_xlim(0, 100)
        ax.set_ylim(-0.85 if min(widths) < 12 else -0.5, 0.5)  # room below for a narrow segment's label
        ticks, labels = _score_ticks(digits)
        ax.set_xticks(ticks, labels)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(_show("คะแนนถ่วงน้ำหนัก (รวมเต็ม 100)", digits))
        _title(fig, title, digits)
    return fig


# --- output -----------------------------------------------------------------------------------


def png_bytes(fig: Figure, *, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (for showing in a notebook without pyplot)."""
    import io

    buf = io.BytesIO()
    with _chart_style():
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def save_figure(fig: Figure, stem: str | Path, *, dpi: int = 200) -> list[Path]:
    """Write ``<stem>.png`` (``dpi`` dots per inch) and ``<stem>.svg``; returns [png, svg].

    ``stem`` is the path without extension (a trailing ".png"/".svg" is dropped). The folder is
    created. Each file is written to a temporary file in the same folder and moved into place
    with ``os.replace``, so a reader never sees half a file. SVG text is stored as outlines
    (``svg.fonttype = "path"``): Thai shows correctly without Sarabun on the viewer's machine.
    """
    stem = Path(stem)
    if stem.suffix.lower() in (".png", ".svg"):
        stem = stem.with_suffix("")
    written: list[Path] = []
    with _chart_style(), mpl.rc_context({"svg.fonttype": "path", "svg.hashsalt": "ita-analysis"}):
        for fmt, metadata in (("png", None), ("svg", {"Date": None})):
            target = stem.with_name(f"{stem.name}.{fmt}")
            with atomic_path(target) as tmp:
                fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata)
            written.append(target)
    return written
