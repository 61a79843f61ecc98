"""Charts of ITA scores with Thai labels, ready for a report at A4 width.

matplotlib only, object-oriented: every function builds a :class:`matplotlib.figure.Figure`
directly, so no pyplot state and no GUI backend are involved (:func:`save_figure`,
:func:`png_bytes` or ``FigureCanvasAgg`` render it). Importing this package registers the bundled
Sarabun font (:func:`ita_analysis.report.fonts.register_matplotlib_fonts`); each chart is also
built under its own ``rc_context`` so later changes to the global rcParams do not change how it
looks.

The facts of the method come from the fiscal year's :class:`~ita_analysis.frameworks.Framework`,
passed to every chart as ``framework=``: the tools and their order, the colour of each tool (by
its position, :data:`TOOL_PALETTE`), the tools' Thai names (legends name the tools as a manager
reads them, not by code), the most each tool can add (weight x 100), the pass mark and the
indicator numbers.

Conventions for every chart:

- Scores are points on the 0-100 ITA scale; weighted tool scores are points of the total (at
  most weight x 100 for each tool); years are Buddhist Era fiscal years (e.g. 2563).
- Numbers are shown with 2 decimals, as NACC publishes them.
- ``digits="thai"`` shows every number in the figure (value labels, ticks, years, and digits in
  the title and names) with Thai digits ๐-๙; ``digits="arabic"`` (default) leaves them as 0-9.
- Text that comes from data (names, titles) goes in as plain text: mathtext and TeX are off, so
  "$" or "\\" in a name is drawn as written.
- Sizes: about 8 in wide, text 11-14 pt; a legend puts on a row as many entries as fit.
- Titles come from the caller; the facade's name the agency and the fiscal year (Buddhist Era).

Modules: :mod:`.style` (look, palette, numbers as shown), :mod:`.tools` (what the charts take
from a framework's tools), :mod:`.inputs` (checks of chart data), one module per chart
(:mod:`.indicators`, :mod:`.comparison`, :mod:`.trend`, :mod:`.contributions`, :mod:`.history`, :mod:`.peers`), the
charts of a group of agencies (:mod:`.group_heatmap`, :mod:`.group`, :mod:`.group_change`: values of
:func:`ita_analysis.compute.group.group_analysis` in; the heat map and the change from the previous
year give a list of figures, one per page of at most 40 agencies), :mod:`.output` (PNG and SVG),
:mod:`.png` (the PNG encoder) and :mod:`.painter` (the documents' two charts of one agency after
another on figures laid out once, for large runs).
"""

from __future__ import annotations

from ita_analysis.report.charts.comparison import comparison_bars
from ita_analysis.report.charts.contributions import tool_contributions
from ita_analysis.report.charts.group import group_distribution, indicator_share_below
from ita_analysis.report.charts.group_change import group_change
from ita_analysis.report.charts.group_heatmap import group_heatmap
from ita_analysis.report.charts.history import tool_history
from ita_analysis.report.charts.indicators import indicator_bars
from ita_analysis.report.charts.output import png_bytes, save_figure
from ita_analysis.report.charts.painter import ChartImage, ChartPainter
from ita_analysis.report.charts.peers import peer_distribution
from ita_analysis.report.charts.style import TOOL_PALETTE, TOTAL_LABEL, Digits
from ita_analysis.report.charts.tools import max_points, tool_colours, tool_names, tool_text_colours
from ita_analysis.report.charts.trend import trend_lines, trend_series
from ita_analysis.report.fonts import register_matplotlib_fonts

__all__ = [
    "ChartImage",
    "ChartPainter",
    "Digits",
    "TOOL_PALETTE",
    "TOTAL_LABEL",
    "comparison_bars",
    "group_change",
    "group_distribution",
    "group_heatmap",
    "indicator_share_below",
    "indicator_bars",
    "max_points",
    "peer_distribution",
    "png_bytes",
    "save_figure",
    "tool_colours",
    "tool_contributions",
    "tool_history",
    "tool_names",
    "tool_text_colours",
    "trend_lines",
    "trend_series",
]

register_matplotlib_fonts()
