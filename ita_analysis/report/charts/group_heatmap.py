"""A group's agencies by indicator: one row per agency (the best total at the top), one column per
indicator and one for the total, each cell coloured by its score around the pass mark.

A group of a hundred agencies or more is drawn on several figures (pages) of at most
:data:`ROWS_PER_PAGE` agencies each, the agencies shared out evenly (120 agencies: 3 pages of 40;
101: 34, 34 and 33), so that names and values keep their size instead of shrinking.
"""

from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.inputs import check_points, require, score_values
from ita_analysis.report.charts.style import (
    MUTED,
    TEXT,
    TOTAL_LABEL,
    WIDTH_IN,
    Digits,
    add_title,
    chart_style,
    legend_columns,
    mark,
    new_figure,
    num,
    plain_legend_texts,
    show,
)
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import read_digits
from ita_analysis.thai.wrap import clipped, display_width, is_zero_width

ROWS_PER_PAGE = 40
"""Most agencies on one figure: 40 rows of 0.24 in fit an A4 page with the title and the key."""
ROW_IN = 0.24
NAME_CELLS = 30
"""An agency name longer than this many character cells is cut, ending in "…" (the ranking table
of the report gives it in full)."""
COLOUR_SPAN = 25.0
"""The colour scale runs from this many points below the pass mark (deepest red) to 100 (deepest
blue); lower scores take the deepest red, their value is written in the cell."""
CMAP = "RdBu"
MISSING_FILL = "#EEEEEE"


def pages(n: int, per_page: int = ROWS_PER_PAGE) -> list[range]:
    """Rows 0..n-1 shared out over as few pages of at most ``per_page`` rows as hold them, the first
    pages one row longer where they cannot be equal."""
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, not {per_page}")
    count = max(1, math.ceil(n / per_page))
    bounds = np.cumsum([0] + [len(p) for p in np.array_split(np.arange(n), count)])
    return [range(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def agency_label(rank: object, name: object, digits: Digits) -> str:
    """ "<rank> <name>", the name cut to :data:`NAME_CELLS` cells."""
    name = normalize_text(name)
    if display_width(name) > NAME_CELLS:
        cells = np.cumsum([0 if is_zero_width(ch) else 1 for ch in name])
        keep = int(np.searchsorted(cells, NAME_CELLS - 1, side="right"))  # characters in NAME_CELLS - 1 cells
        name = clipped(name, keep).rstrip() + "…"
    return show(f"{rank} {name}", digits)


def page_title(title: str, page: int, count: int, rows: range, digits: Digits) -> str:
    """``title`` with "หน้า <k>/<count> (ลำดับที่ <a>-<b>)" on a line of its own when there are pages."""
    if count == 1:
        return title
    where = f"หน้า {page + 1}/{count} (ลำดับที่ {rows.start + 1}-{rows.stop})"
    return show(f"{title}\n{where}" if title else where, digits)


def _rows(ranking: pd.DataFrame, scores: pd.DataFrame, framework: Framework) -> tuple[pd.DataFrame, list[int]]:
    """The group's agencies sorted by total (then name), with their indicator scores; the
    indicator numbers that have a column."""
    ranking = require(ranking, ["agency", "total"], "ranking")
    scores = require(scores, ["agency"], "scores")
    if "fiscal_year" in scores.columns:
        scores = scores[pd.to_numeric(scores["fiscal_year"]) == framework.fiscal_year]
    numbers = [n for n in framework.numbers if f"ind_{n}" in scores.columns]
    if not numbers:
        raise ValueError(f"scores has no indicator column (ind_1 ... ind_{framework.numbers[-1]})")
    if scores["agency"].duplicated().any():
        raise ValueError("scores must hold one row per agency of the fiscal year")
    columns = ["agency", *[f"ind_{n}" for n in numbers]]
    df = ranking[[c for c in ("agency", "total", "rank") if c in ranking.columns]].merge(
        scores[columns], on="agency", how="left"
    )
    df = df.assign(_name=df["agency"].map(normalize_text)).sort_values(["total", "_name"], ascending=[False, True])
    df = df.drop(columns="_name").reset_index(drop=True)
    if "rank" not in df.columns:
        df["rank"] = df["total"].rank(method="min", ascending=False).astype(int)
    return df, numbers


def group_heatmap(
    ranking: pd.DataFrame,
    scores: pd.DataFrame,
    *,
    framework: Framework,
    title: str | None = None,
    per_page: int = ROWS_PER_PAGE,
    digits: Digits = "arabic",
) -> list[Figure]:
    """Each agency's score per indicator and its total, as coloured cells with the value written in.

    ``ranking``: the group's agencies of the year, ``agency`` and ``total`` (and ``rank``: the
    ranking table of :func:`~ita_analysis.compute.group.group_analysis`, ``view.ranking``).
    ``scores``: the scores of those agencies (the summary of :func:`~ita_analysis.compute.scoring.score`,
    other agencies and years may be in it), ``agency`` and ``ind_<n>`` per indicator.

    Rows: agencies by total, the highest at the top, labelled "<rank> <name>"; columns: the
    indicators by number (tool codes above), then the total. Colours: red below the framework's
    pass mark, blue above, white at it (the colour scale's midpoint); a missing score is a grey
    cell with "–". The key below names the indicators. One figure per :func:`pages` page of at
    most ``per_page`` agencies. ``title``: None gives "คะแนนรายตัวชี้วัดของหน่วยงาน ปีงบประมาณ
    พ.ศ. <year> (<n> หน่วยงาน)", "" none; each page adds its number and ranks.
    """
    read_digits(digits)
    check_points("pass_mark", framework.pass_mark)
    df, numbers = _rows(ranking, scores, framework)
    values = np.column_stack(
        [score_values(df[f"ind_{n}"], f"scores['ind_{n}']") for n in numbers]
        + [score_values(df["total"], "ranking['total']")]
    )
    if title is None:
        title = f"คะแนนรายตัวชี้วัดของหน่วยงาน ปีงบประมาณ พ.ศ. {framework.fiscal_year} ({len(df):,} หน่วยงาน)"
    norm = TwoSlopeNorm(vmin=max(0.0, framework.pass_mark - COLOUR_SPAN), vcenter=framework.pass_mark, vmax=100.0)
    split = pages(len(df), per_page)
    labels = [agency_label(r, a, digits) for r, a in zip(df["rank"], df["agency"], strict=True)]
    figures = []
    for k, rows in enumerate(split):
        with chart_style():
            fig = new_figure(2.9 + ROW_IN * max(len(rows), 4), WIDTH_IN)
            _page(fig, values[rows.start : rows.stop], labels[rows.start : rows.stop], numbers, framework, norm, digits)
            add_title(fig, page_title(title, k, len(split), rows, digits), digits)
        figures.append(fig)
    return figures


def _page(fig: Figure, values, labels, numbers, framework: Framework, norm, digits: Digits) -> None:
    grid = fig.add_gridspec(1, 2, width_ratios=(len(numbers), 1.35), wspace=0.02)
    ind_ax = fig.add_subplot(grid[0])
    total_ax = fig.add_subplot(grid[1], sharey=ind_ax)
    image = None
    for ax, block in ((ind_ax, values[:, :-1]), (total_ax, values[:, -1:])):
        image = _cells(ax, block, norm, digits)
    ind_ax.set_yticks(range(len(labels)), labels, parse_math=False, fontsize=10)
    total_ax.tick_params(axis="y", left=False, labelleft=False)
    ind_ax.set_xticks(range(len(numbers)), [show(str(n), digits) for n in numbers])
    total_ax.set_xticks([0], [TOTAL_LABEL])
    tool_of = framework.tool_of()
    for tool in framework.tool_codes:  # the tool's code above its indicators' numbers
        cols = [i for i, n in enumerate(numbers) if tool_of[n] == tool]
        if cols:
            ind_ax.annotate(
                tool,
                xy=((cols[0] + cols[-1]) / 2, 1.0),
                xycoords=ind_ax.get_xaxis_transform(),
                xytext=(0, 22),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=10,
                color=MUTED,
                annotation_clip=False,
            )
    bar = fig.colorbar(image, ax=[ind_ax, total_ax], location="bottom", shrink=0.7, aspect=40, extend="min")
    low, centre = norm.vmin, norm.vcenter
    ticks = sorted({low, centre, *range(int(math.ceil(low / 5) * 5), 101, 5)})
    bar.set_ticks(ticks, labels=[mark(t, digits) for t in ticks], fontsize=9)
    bar.set_label(f"คะแนน: สีขาวที่เกณฑ์ผ่าน {mark(centre, digits)}, แดงต่ำกว่า, น้ำเงินสูงกว่า", fontsize=10)
    _key(fig, numbers, framework, digits)


def _cells(ax: Axes, block: np.ndarray, norm, digits: Digits):
    """The coloured cells of ``block`` (rows x columns) with their values; grey "–" where missing."""
    cmap = mpl.colormaps[CMAP].with_extremes(bad=MISSING_FILL)
    image = ax.imshow(np.ma.masked_invalid(block), cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    for (r, c), v in np.ndenumerate(block):
        missing = math.isnan(v)
        strong = not missing and abs(float(norm(v)) - 0.5) > 0.32
        ax.text(
            c,
            r,
            "–" if missing else num(v, digits),
            ha="center",
            va="center",
            fontsize=8.5,
            color="white" if strong else (MUTED if missing else TEXT),
            parse_math=False,
        )
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False, length=0, labelsize=10)
    ax.tick_params(axis="y", length=0)
    ax.set_xticks(np.arange(block.shape[1] + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(block.shape[0] + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.0)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)
    return image


def _key(fig: Figure, numbers: list[int], framework: Framework, digits: Digits) -> None:
    """The indicators' names below the figure: "<number> <Thai name>", as many to a row as fit."""
    handles = [
        Line2D([], [], linestyle="none", label=show(f"{n} {normalize_text(framework.indicator(n).name_th)}", digits))
        for n in numbers
    ]
    labels = tuple(h.get_label() for h in handles)
    ncols = legend_columns(labels, tuple(fig.get_size_inches()), fig.dpi, 10)
    legend = fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=ncols,
        fontsize=10,
        handlelength=0,
        handletextpad=0,
        columnspacing=1.6,
        title="ตัวชี้วัด",
        title_fontsize=10,
    )
    plain_legend_texts(legend)
