"""The Thai font for everything we render: Sarabun, bundled by the ``fontpkg-sarabun`` package.

No system font is assumed. Sarabun is the open (OFL, embedding allowed) design of the
government's TH Sarabun New; the TTFs ship inside the Python package, so charts look the same on
every machine. DejaVu Sans (bundled with matplotlib) is kept as a per-glyph fallback only.
"""

from __future__ import annotations

from pathlib import Path

import fontpkg_sarabun
import matplotlib as mpl
from matplotlib import font_manager

FAMILY = "Sarabun"
"""The family name the TTFs declare (name table ID 1) and that matplotlib knows them by."""

FALLBACK_FAMILY = "DejaVu Sans"
"""Bundled with matplotlib; used only for a glyph Sarabun lacks."""

REQUIRED_WEIGHTS = ("Regular", "Bold", "Italic", "BoldItalic")
"""Styles that must be present; any other ``Sarabun-*.ttf`` found beside them is registered too."""


def _font_dir() -> Path:
    return Path(fontpkg_sarabun.ROOT) / "files"


def sarabun_file(weight: str = "Regular") -> Path:
    """Path of the bundled ``Sarabun-<weight>.ttf`` ("Regular", "Bold", "Italic", "BoldItalic", ...).

    Raises FileNotFoundError naming the path and the styles that are available.
    """
    path = _font_dir() / f"Sarabun-{weight}.ttf"
    if not path.is_file():
        available = sorted(p.stem.removeprefix("Sarabun-") for p in _font_dir().glob("Sarabun-*.ttf"))
        raise FileNotFoundError(
            f"Sarabun font file not found: {path} (style {weight!r}); "
            f"available styles: {', '.join(available) or 'none'}. "
            "Is the 'fontpkg-sarabun' package installed completely?"
        )
    return path


def sarabun_rc_params() -> dict[str, object]:
    """The rcParams that make matplotlib render data text in Sarabun, as plain text.

    - ``font.family``: Sarabun, then DejaVu Sans as per-glyph fallback; Sarabun also heads
      ``font.sans-serif`` so code asking for "sans-serif" gets it too.
    - ``text.parse_math`` False and ``text.usetex`` False: labels come from data, and a "$" must
      not send Thai through mathtext (where it turns into boxes) or LaTeX.
    - ``axes.unicode_minus`` False: tick labels use the ASCII hyphen-minus.
    - ``svg.fonttype`` "path": SVG text as outlines, so Thai shows without the font installed.
    """
    sans = [FAMILY, *(f for f in mpl.rcParams["font.sans-serif"] if f != FAMILY)]
    if FALLBACK_FAMILY not in sans:
        sans.append(FALLBACK_FAMILY)
    return {
        "font.family": [FAMILY, FALLBACK_FAMILY],
        "font.sans-serif": sans,
        "text.parse_math": False,
        "text.usetex": False,
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
    }


def add_sarabun_fonts() -> list[Path]:
    """Add every bundled Sarabun TTF to matplotlib's font manager, once; returns the files.

    Idempotent: a file already in ``fontManager.ttflist`` is not added again.
    """
    files = [sarabun_file(w) for w in REQUIRED_WEIGHTS]
    files += sorted(p for p in _font_dir().glob("Sarabun-*.ttf") if p not in files)
    added = {entry.fname for entry in font_manager.fontManager.ttflist}
    if all(str(path) in added for path in files):  # as added here before: every chart asks again
        return files
    known = {Path(entry.fname).resolve() for entry in font_manager.fontManager.ttflist}
    for path in files:
        if path.resolve() not in known:
            font_manager.fontManager.addfont(path)
    return files


def register_matplotlib_fonts() -> str:
    """Make Sarabun matplotlib's font (process-wide rcParams) and return the family name.

    Idempotent and cheap to call again: fonts are added once, the rcParams of
    :func:`sarabun_rc_params` are (re)applied each call.
    """
    add_sarabun_fonts()
    mpl.rcParams.update(sarabun_rc_params())
    return FAMILY
