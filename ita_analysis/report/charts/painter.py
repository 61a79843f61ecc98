"""The documents' two charts drawn for one agency after another on figures kept from one to the next.

A large run draws the indicator and comparison charts of thousands of agencies. Most of a chart's
time went into building a new figure, laying it out (the constrained layout measures every Thai
label several times) and drawing labels that are the same for every agency. A
:class:`ChartPainter` keeps one figure (a *scene*) for each layout: the framework, the digits, the
indicators, the years, the target and the number of title lines. The scene is laid out once, with
the widest labels a chart of that kind can have ("100.00" at 100, the change "+100.00" after it, a
title whose lines have the tallest Thai marks), and its layout is then fixed, so every agency's
chart has the same geometry. Everything that does not depend on the agency (axes, grid, indicator
names, ticks, legend, the reference lines' labels) is drawn once and saved; for each agency the
saved pixels are put back and only its bars, the lines drawn over them, its value and change labels
and its title are drawn on them. The labels are placed as :func:`~.indicators.indicator_bars` and
:func:`~.comparison.comparison_bars` place them, and checked the same way.

The painter belongs to its caller (a worker makes one for its agencies), holds a few scenes
(:data:`MAX_SCENES`, the oldest let go) and draws PNG only, at :data:`DPI`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg

from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.comparison import comparison_figure, comparison_inputs, pair_labels
from ita_analysis.report.charts.indicators import indicator_figure, indicator_inputs, place_value_labels, value_labels
from ita_analysis.report.charts.inputs import indicator_labels
from ita_analysis.report.charts.png import rgb_png
from ita_analysis.report.charts.style import ChartParts, Digits, chart_style, show, title_lines
from ita_analysis.report.charts.tools import tool_colours, tool_text_colours

DPI = 200
MAX_SCENES = 8
TALL_MARKS = "ปั้ ปี่ ปํ่ ฎุ ฏู ฤๅ"
"""Each line of the title a scene is laid out with: the tallest and deepest Thai glyphs, so that any
title of as many lines fits the space kept for it."""


@dataclass(frozen=True)
class ChartImage:
    """A chart drawn by a :class:`ChartPainter`: an opaque RGB PNG file's bytes
    (:func:`~.png.rgb_png`) at :data:`DPI`; :func:`~.output.save_figure` writes it."""

    png: bytes

    def clear(self) -> None:
        """Nothing to let go (a figure's ``clear``), so that callers treat charts of both kinds alike."""


class Scene:
    """A laid-out figure whose fixed parts are drawn and saved; :meth:`paint` draws an agency's parts."""

    def __init__(self, parts: ChartParts) -> None:
        self.parts = parts
        fig = parts.fig
        self.canvas = FigureCanvasAgg(fig)
        fig.set_dpi(DPI)
        moving = self._moving()
        with chart_style():
            self.canvas.draw()  # the layout, with the widest labels
            fig.set_layout_engine("none")  # ... kept from now on
            for artist in moving:
                artist.set_visible(False)
            self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(fig.bbox)
        for artist in moving:
            artist.set_visible(True)

    def _moving(self) -> list[Any]:
        """What is drawn for each agency, in drawing order: bars, the axis along their base, the
        reference lines over them, the labels over those, the title."""
        p = self.parts
        return [*p.bars, p.ax.spines["left"], *p.ax.lines, *p.labels, *([p.title] if p.title is not None else [])]

    def paint(self) -> ChartImage:
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        with chart_style():
            for artist in self._moving():
                artist.draw(renderer)
        return ChartImage(rgb_png(np.asarray(self.canvas.buffer_rgba()), DPI))

    def retitle(self, title: str, digits: Digits) -> None:
        if self.parts.title is not None:
            self.parts.title.set_text(show("\n".join(title_lines(title)), digits))

    def relabel(self, labels: list[Any]) -> None:
        for label in self.parts.labels:
            label.remove()
        self.parts.labels = labels

    def close(self) -> None:
        self.parts.fig.clear()


class ChartPainter:
    """Draws :func:`~.indicators.indicator_bars` and :func:`~.comparison.comparison_bars` charts (same
    arguments) as :class:`ChartImage` pixels, on scenes kept between calls."""

    def __init__(self) -> None:
        self.scenes: OrderedDict[tuple, Scene] = OrderedDict()

    def _scene(self, key: tuple, build) -> Scene:
        scene = self.scenes.get(key)
        if scene is None:
            scene = self.scenes[key] = Scene(build())
            if len(self.scenes) > MAX_SCENES:
                self.scenes.popitem(last=False)[1].close()
        self.scenes.move_to_end(key)
        return scene

    def indicator_bars(
        self,
        results: pd.DataFrame,
        *,
        framework: Framework,
        target: float | None = None,
        title: str = "",
        digits: Digits = "arabic",
    ) -> ChartImage:
        df, scores, tools = indicator_inputs(results, framework, target, digits)
        lines = _shown_lines(title)
        key = (
            "indicators",
            framework,
            digits,
            tuple(indicator_labels(df, digits, 26)),
            tuple(tools),
            target,
            len(lines),
        )

        def build() -> ChartParts:
            widest = np.full(len(df), 100.0)
            heading = _tallest(lines)
            return indicator_figure(df, widest, tools, framework=framework, target=target, title=heading, digits=digits)

        scene = self._scene(key, build)
        colours, on_bar = tool_colours(framework), tool_text_colours(framework)
        with chart_style():
            for bar, score, tool in zip(scene.parts.bars, scores, tools, strict=True):
                bar.set_width(0.0 if np.isnan(score) else score)
                bar.set_facecolor(colours[tool])
            ax = scene.parts.ax
            scene.relabel(value_labels(ax, np.arange(len(df), dtype=float), scores, digits))
            place_value_labels(ax, scene.parts.labels, [on_bar[t] for t in tools], framework.pass_mark, target)
            scene.retitle(title, digits)
        return scene.paint()

    def comparison_bars(
        self,
        comparison: pd.DataFrame,
        *,
        framework: Framework,
        previous_year: int,
        current_year: int,
        title: str = "",
        digits: Digits = "arabic",
    ) -> ChartImage:
        df, previous, current = comparison_inputs(comparison, framework, previous_year, current_year, digits)
        years = (previous_year, current_year)
        lines = _shown_lines(title)
        key = ("comparison", framework, digits, tuple(indicator_labels(df, digits, 18)), years, len(lines))

        def build() -> ChartParts:
            lowest, widest = np.zeros(len(df)), np.full(len(df), 100.0)  # "+100.00" after each pair
            heading = _tallest(lines)
            return comparison_figure(df, lowest, widest, framework=framework, years=years, title=heading, digits=digits)

        scene = self._scene(key, build)
        n = len(df)
        with chart_style():
            for bar, value in zip(scene.parts.bars, [*previous, *current], strict=True):
                bar.set_width(0.0 if np.isnan(value) else value)
            scene.relabel(pair_labels(scene.parts.ax, np.arange(n, dtype=float), previous, current, digits))
            scene.retitle(title, digits)
        return scene.paint()


def _tallest(lines: list[str]) -> str:
    """A title of as many lines, each as tall and deep as Thai text gets (:data:`TALL_MARKS`)."""
    return "\n".join(TALL_MARKS for _ in lines)


def _shown_lines(title: str) -> list[str]:
    """The title's lines; none for a title with no text (the chart then has no title)."""
    lines = title_lines(title)
    return lines if any(lines) else []
