"""Reading a chart's text as a reader sees it, for the chart tests."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def legend_texts(fig: Figure) -> list[str]:
    """The entries of the figure's legend in reading order: row by row from the top, left to right
    in a row (from where they are drawn: a legend fills its columns top to bottom)."""
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_window_extent(renderer), t.get_text()) for t in fig.legends[0].get_texts()]
    boxes.sort(key=lambda b: -(b[0].y0 + b[0].y1))
    rows: list[list] = []
    for box, text in boxes:  # a new row where the text's middle is half a line below the row's first
        if not rows or abs((box.y0 + box.y1) - (rows[-1][0][0].y0 + rows[-1][0][0].y1)) / 2 > box.height / 2:
            rows.append([])
        rows[-1].append((box, text))
    return [text for row in rows for _, text in sorted(row, key=lambda b: b[0].x0)]
