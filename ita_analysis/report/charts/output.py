"""Charts out of the process: PNG bytes for a notebook, PNG and SVG files for documents."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from ita_analysis.files import atomic_path
from ita_analysis.report.charts.style import chart_style


def png_bytes(fig: Figure, *, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (for showing in a notebook without pyplot)."""
    buf = io.BytesIO()
    with chart_style():
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def save_figure(fig: Figure, stem: str | Path, *, dpi: int = 200, svg: bool = True) -> list[Path]:
    """Write ``<stem>.png`` (``dpi`` dots per inch) and ``<stem>.svg`` (unless ``svg`` is False);
    returns [png, svg] or [png].

    ``stem`` is the path without extension (a trailing ".png"/".svg" is dropped). The folder is
    created. Each file is written to a temporary file in the same folder and moved into place
    with ``os.replace``, so a reader never sees half a file. SVG text is stored as outlines
    (``svg.fonttype = "path"``): Thai shows correctly without Sarabun on the viewer's machine.
    """
    stem = Path(stem)
    if stem.suffix.lower() in (".png", ".svg"):
        stem = stem.with_suffix("")
    written: list[Path] = []
    with chart_style(), mpl.rc_context({"svg.fonttype": "path", "svg.hashsalt": "ita-analysis"}):
        for fmt, metadata in (("png", None), ("svg", {"Date": None}))[: 2 if svg else 1]:
            target = stem.with_name(f"{stem.name}.{fmt}")
            with atomic_path(target) as tmp:
                fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata)
            written.append(target)
    return written
