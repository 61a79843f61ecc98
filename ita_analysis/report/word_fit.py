"""Sizes for the Word document measured with the bundled Sarabun's metrics: column widths from a
table's content, and the title's lines.

Word and LibreOffice lay a table's text out in its fixed column widths and break a word in the
middle when a column is narrower than the word (a header "ลำดั|บที่", a score "๑๐|๐.๐๐"). The PDF's
engine sizes the same columns by their shares; here each column gets at least the width of its
widest unbreakable piece (a score, an indicator number, a word of its header, a Latin name such as
"(OIT)"), with room for a wider Thai font than Sarabun (:data:`FONT_ALLOWANCE`), the width taken
from the columns that have room to spare. A header label too long for any column
(:data:`MAX_PIECE_SHARE`) is left to the reader's Thai word breaking.

The title breaks only between its space-separated phrases, as the PDF's does ("ประจำปีงบประมาณ"
is one phrase), and a table's header only between its known words: :func:`filled_lines` fills the
lines piece by piece, and the writer puts a line break between them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ita_analysis.report.fonts import sarabun_file
from ita_analysis.thai.wrap import is_zero_width

FONT_ALLOWANCE = 1.1  # a Thai font other than Sarabun (Loma, Garuda) may be this much wider
MAX_PIECE_SHARE = 0.3  # an unbreakable piece wider than this share of the table is not made to fit
UNKNOWN_EM = 0.6  # a character the font lacks (drawn from a fallback font)


@dataclass(frozen=True)
class Metrics:
    """Advance widths (in em) of the characters of a font's regular and bold styles."""

    regular: Mapping[str, float]
    bold: Mapping[str, float]

    @classmethod
    def sarabun(cls) -> Metrics:
        """The bundled Sarabun's metrics (fontTools reads its cmap and hmtx tables)."""
        from fontTools.ttLib import TTFont

        def advances(weight: str) -> dict[str, float]:
            with TTFont(str(sarabun_file(weight)), lazy=True) as font:
                em = font["head"].unitsPerEm
                hmtx = font["hmtx"]
                return {chr(code): hmtx[name][0] / em for code, name in font.getBestCmap().items()}

        return cls(advances("Regular"), advances("Bold"))

    def width(self, text: str, pt: float, *, bold: bool = False) -> float:
        """Width of ``text`` in points, set in ``pt`` points (marks drawn over a letter add none)."""
        table = self.bold if bold else self.regular
        return pt * sum(table.get(ch, UNKNOWN_EM) for ch in text if not is_zero_width(ch))


def fitted_widths(shares: Sequence[float], minimums: Sequence[float], total: float) -> list[float]:
    """Column widths adding up to ``total``: each column its share of ``total``, raised to its
    minimum where the share is narrower, the width added taken from the other columns in
    proportion to what they have above their own minimums. When the minimums add up to more
    than ``total``, each is scaled down to fit."""
    need = sum(minimums)
    if need >= total:
        return [total * m / need for m in minimums]
    widths = [total * s for s in shares]
    for _ in range(len(widths)):  # each pass fixes at least one more column at its minimum
        short = [i for i, (w, m) in enumerate(zip(widths, minimums, strict=True)) if w < m - 1e-9]
        if not short:
            break
        missing = sum(minimums[i] - widths[i] for i in short)
        for i in short:
            widths[i] = minimums[i]
        spare = {i: widths[i] - minimums[i] for i in range(len(widths)) if i not in short}
        room = sum(v for v in spare.values() if v > 0)
        for i, v in spare.items():
            if v > 0:
                widths[i] -= missing * v / room
    return widths


def pieces_of(text: str, words: Sequence[str]) -> list[tuple[str, str]]:
    """(what comes before, word) for each of ``words`` in order as they occur in ``text``: the
    text between one word and the next (a space, or nothing between Thai words) comes with the
    word after it, so that joining them all gives ``text`` back."""
    out, at = [], 0
    for word in words:
        start = text.find(word, at)
        if start < 0:
            return [("", text)]
        out.append((text[at:start], word))
        at = start + len(word)
    if out and at < len(text):
        sep, word = out[-1]
        out[-1] = (sep, word + text[at:])
    return out or [("", text)]


def filled_lines(pieces: Sequence[tuple[str, str]], fits) -> list[str]:
    """The lines of ``pieces`` (see :func:`pieces_of`), each as long as ``fits(line)`` allows, a
    line broken only between two pieces (a piece that does not fit alone gets a line of its own).
    A space where a line breaks ends the line before, so that the lines joined give the text back."""
    lines: list[str] = []
    for sep, word in pieces:
        if lines and fits(lines[-1] + sep + word):
            lines[-1] += sep + word
        elif lines:
            lines[-1] += sep
            lines.append(word)
        else:
            lines.append(sep + word)
    return lines
