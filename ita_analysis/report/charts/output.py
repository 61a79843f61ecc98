"""Charts out of the process: PNG bytes for a notebook, PNG and SVG files for documents."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from ita_analysis.files import atomic_path
from ita_analysis.report.charts.painter import ChartImage
from ita_analysis.report.charts.png import write_rgb_png
from ita_analysis.report.charts.style import chart_style


def png_bytes(fig: Figure, *, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (for showing in a notebook without pyplot)."""
    buf = io.BytesIO()
    with chart_style():
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def save_figure(fig: Figure | ChartImage, stem: str | Path, *, dpi: int = 200, svg: bool = True) -> list[Path]:
    """Write ``<stem>.png`` (``dpi`` dots per inch) and ``<stem>.svg`` (unless ``svg`` is False);
    returns [png, svg] or [png]. A :class:`~.painter.ChartImage` (drawn by a
    :class:`~.painter.ChartPainter`) is written as the PNG it holds (``dpi`` is its own), and has no SVG.

    ``stem`` is the path without extension (a trailing ".png"/".svg" is dropped). The folder is
    created. Each file is written in a private temporary folder beside it and moved into place
    with ``os.replace`` (:func:`~ita_analysis.files.atomic_path`), so a reader never sees half a
    file and no link planted at its name is written through. SVG text is stored as outlines
    (``svg.fonttype = "path"``): Thai shows correctly without Sarabun on the viewer's machine.
    """
    stem = Path(stem)
    if stem.suffix.lower() in (".png", ".svg"):
        stem = stem.with_suffix("")
    if isinstance(fig, ChartImage):
        if svg:
            raise ValueError("a chart drawn as pixels (ChartImage) has no SVG: save it with svg=False")
        with atomic_path(stem.with_name(f"{stem.name}.png")) as tmp:
            tmp.write_bytes(fig.png)
        return [stem.with_name(f"{stem.name}.png")]
    written: list[Path] = []
    with chart_style(), mpl.rc_context({"svg.fonttype": "path", "svg.hashsalt": "ita-analysis"}):
        for fmt, metadata in (("png", None), ("svg", {"Date": None}))[: 2 if svg else 1]:
            target = stem.with_name(f"{stem.name}.{fmt}")
            with atomic_path(target) as tmp:
                if fmt == "png":
                    _write_png(fig, tmp, dpi)
                else:
                    fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata)
            written.append(target)
    return written


def _write_png(fig: Figure, path: Path, dpi: int) -> None:
    """The figure as an opaque RGB PNG with light compression (:func:`~.png.rgb_png`).

    The charts have a white background, so the alpha channel that matplotlib's own PNG carries says
    nothing; without it the PNG is about 10 % smaller and quicker to write, and the PDF writer
    embeds it as it is instead of splitting it into an image and a mask. The pixels are the ones
    ``savefig`` draws (the raw RGBA buffer at ``dpi``).
    """
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi)
    width, height = int(fig.get_figwidth() * dpi), int(fig.get_figheight() * dpi)
    data = raw.getbuffer()
    if len(data) != width * height * 4:  # not the buffer expected: matplotlib's own PNG then
        fig.savefig(path, format="png", dpi=dpi)
        return
    write_rgb_png(path, np.frombuffer(data, dtype=np.uint8).reshape(height, width, 4), dpi)
