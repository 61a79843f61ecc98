"""How every chart looks: rcParams, colours, the figure and its title, and numbers as shown.

Each chart is built under :func:`chart_style` (its own ``rc_context``), so later changes to the
global rcParams do not change how it looks. Numbers are shown with 2 decimals, as NACC publishes
them; ``digits="thai"`` shows them with Thai digits ๐-๙.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ita_analysis.report.fonts import add_sarabun_fonts, sarabun_rc_params
from ita_analysis.report.safe_text import printable
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import Digits, in_digits
from ita_analysis.thai.wrap import display_width, wrap_thai

TEXT = "#1A1A1A"
MUTED = "#6B6B6B"
PASS_COLOUR = "#333333"
TARGET_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple
PREVIOUS_COLOUR = "#B9B9B9"
CURRENT_COLOUR = "#0072B2"
UP_COLOUR = "#00734F"
DOWN_COLOUR = "#B3261E"  # red-ish, dark enough for small text on white
NO_DATA = "ไม่มีข้อมูล"
TOTAL_LABEL = "คะแนนรวม"
MINUS = "\u2212"  # typographic minus for changes; Sarabun has the glyph
# White backing for value labels, so a reference line or series line does not strike through them.
LABEL_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}

TOOL_PALETTE: tuple[tuple[str, str], ...] = (
    ("#0072B2", "white"),  # blue
    ("#E69F00", TEXT),  # orange
    ("#009E73", TEXT),  # bluish green
    ("#D55E00", TEXT),  # vermillion
    ("#56B4E9", TEXT),  # sky blue
    ("#F0E442", TEXT),  # yellow
    ("#CC79A7", TEXT),  # reddish purple: last, as the target line has it too
)
"""(fill, text on the fill) for the framework's tools in order: the Okabe-Ito colours, which stay
distinguishable with the common colour-vision deficiencies. Black is left out: it draws the total.
Each text colour is the one of white and near-black with the higher contrast on its fill."""

WIDTH_IN = 8.0
HEIGHT_IN = 4.5
TITLE_CELLS = 64
"""A title line longer than this many character cells (14 pt bold, 8 in wide) is wrapped."""

STYLE_RC: dict[str, Any] = {
    "font.size": 11,
    "axes.titlesize": 14,
    "figure.titlesize": 14,
    "figure.titleweight": "bold",
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": "#444444",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
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


@dataclass
class ChartParts:
    """A chart's figure and the parts of it that change from one agency to the next: its axes, bars,
    the labels written on or beside them (value and change labels) and its title (None: none)."""

    fig: Figure
    ax: Any
    bars: list[Any]
    labels: list[Any]
    title: Any


@contextmanager
def chart_style() -> Iterator[None]:
    """Sarabun, plain-text labels and the chart look, for the artists created in the block."""
    add_sarabun_fonts()
    with mpl.rc_context({**sarabun_rc_params(), **STYLE_RC}):
        yield


def new_figure(height: float = HEIGHT_IN, width: float = WIDTH_IN) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def add_title(fig: Figure, title: str, digits: Digits) -> Any:
    """Title above everything (a suptitle, so labels above the axes never collide with it); a line
    too long for the figure's width (a long agency name) is wrapped (:func:`title_lines`). Returns
    the title's text (None without a title)."""
    lines = title_lines(title)
    if any(lines):
        return fig.suptitle(show("\n".join(lines), digits), parse_math=False)
    return None


def title_lines(title: str) -> list[str]:
    """A title's lines as the chart shows them: each line wrapped at :data:`TITLE_CELLS` cells with
    the year whole."""
    lines: list[str] = []
    for line in (normalize_text(line) for line in str(title).splitlines()):
        too_long = display_width(line) > TITLE_CELLS
        lines += _keep_years_whole(wrap_thai(line, TITLE_CELLS).split("\n")) if too_long else [line]
    return lines


def _keep_years_whole(lines: list[str]) -> list[str]:
    """Wrapped title lines with "ปีงบประมาณ" and "พ.ศ." moved to the start of the next line when a
    line ends with them, so that "พ.ศ. 2563" is never split over two lines."""
    lines = list(lines)
    for k in range(len(lines) - 1):
        for word in ("พ.ศ.", "ปีงบประมาณ"):
            head, _, tail = lines[k].rpartition(" ")
            if tail == word and head:
                lines[k], lines[k + 1] = head, f"{word} {lines[k + 1]}"
    return lines


def plain_legend_texts(legend: Any) -> None:
    for text in legend.get_texts():
        text.set_parse_math(False)


def fitted_legend(fig: Figure, handles: list[Any] | None = None) -> Any:
    """A legend below the axes with as many entries on a row as fit the figure's width (Thai tool
    names are long: three of them do not fit on one row of an 8 in figure); labels plain text."""
    if handles is None:
        handles = [h for ax in fig.axes for h in ax.get_legend_handles_labels()[0]]
    if not handles:
        raise ValueError("a legend needs at least one entry")
    labels = tuple(h.get_label() for h in handles)
    ncols = legend_columns(labels, tuple(fig.get_size_inches()), fig.dpi, mpl.rcParams["legend.fontsize"])
    legend = fig.legend(handles=row_major(handles, ncols), loc="outside lower center", ncols=ncols)
    plain_legend_texts(legend)
    return legend


@cache
def legend_columns(labels: tuple[str, ...], size: tuple[float, float], dpi: float, fontsize: Any) -> int:
    """How many legend entries fit on a row of a figure of ``size`` inches: the most whose legend is
    at most 96 % of the figure's width. The same labels fit the same way in every chart of a run, so
    this is worked out once per process, on a figure of its own (a legend's width depends on its
    labels and font, not on the kind of mark beside each)."""
    with mpl.rc_context({"legend.fontsize": fontsize}):
        scratch = Figure(figsize=size, dpi=dpi, layout="constrained")
        marks = [Patch(label=label) for label in labels]
        for ncols in range(len(labels), 1, -1):
            legend = scratch.legend(handles=row_major(marks, ncols), loc="outside lower center", ncols=ncols)
            plain_legend_texts(legend)
            if legend.get_window_extent().width <= 0.96 * scratch.bbox.width:
                return ncols
            legend.remove()
    return 1


def row_major(items: list[Any], ncols: int) -> list[Any]:
    """``items`` reordered so that a legend, which fills its columns top to bottom, reads them left
    to right, row after row (the last row the shorter one)."""
    rows = -(-len(items) // ncols)
    return [items[r * ncols + c] for c in range(ncols) for r in range(rows) if r * ncols + c < len(items)]


# --- numbers as shown ---------------------------------------------------------------------------


def show(text: str, digits: Digits) -> str:
    """Text as displayed: in the chart's digits, without control characters (no font has a glyph
    for them)."""
    return in_digits(printable(text), digits)


def num(value: float, digits: Digits, *, decimals: int = 2, signed: bool = False) -> str:
    """A number as shown: fixed decimals, "+"/"−" when ``signed`` (no sign on a rounded zero)."""
    rounded = round(float(value), decimals)
    body = f"{abs(rounded):.{decimals}f}"
    sign = ""
    if rounded < 0:
        sign = MINUS
    elif rounded > 0 and signed:
        sign = "+"
    return show(sign + body, digits)


def mark(value: float, digits: Digits) -> str:
    """A reference value (pass mark, target, tick) without trailing zeros: 80, 87.5."""
    return show(f"{float(value):.2f}".rstrip("0").rstrip("."), digits)


def score_ticks(digits: Digits, lo: float = 0, hi: float = 100, step: float = 10) -> tuple[list[float], list[str]]:
    ticks = [float(t) for t in np.arange(lo, hi + step / 2, step)]
    return ticks, [mark(t, digits) for t in ticks]
