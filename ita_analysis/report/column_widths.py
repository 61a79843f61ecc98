"""Column widths of a layout table from its content, and header labels that break only between words.

Thai has no spaces between words; the line breaker (libthai, through Pango, as WeasyPrint uses it)
may break between the syllables of a compound such as "ตัวชี้วัด|ความ|สำเร็จ". A header label is
therefore set as at most two phrases, split where the two halves are the most even
("ตัวชี้วัด" / "ความสำเร็จ", "ผลรวมคะแนน" / "ที่ถ่วงน้ำหนัก"), each kept whole (:func:`header_phrases`),
and its column is never narrower than its wider phrase.

:func:`content_shares`: every column starts at its narrowest (its widest header phrase, longest
unbreakable word or whole number, padding included); the rest of the line goes, a slice at a time,
to the column where it saves the most lines of the table (then the most lines of its cells, then
to the column with the most text for its width). Text widths are Sarabun's advance widths
(:class:`TextMeasure`), in ems of the table's font.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from ita_analysis.report import layout
from ita_analysis.report.fonts import sarabun_file
from ita_analysis.report.layout import Cell, Table

SLICES = 40  # the free width is handed out in this many slices
SLACK_EM = 0.3  # room for what the estimate of a word's width leaves out (kerning, rounding)
SUB_INDENT_EM = 0.8  # a sub-item's continuation lines are indented this much (div.sub in the CSS)
UNBROKEN_KINDS = (layout.INT, layout.SCORE)  # numbers never break
# A piece that ends in a number and a space: the number stays on the line of the word after it
# ("ภายใน ๑๕ วัน" never breaks as "ภายใน ๑๕ / วัน", nor "ครบ ๔ ไตรมาส" as "ครบ ๔ / ไตรมาส").
NUMBER_AT_END = re.compile(r"[0-9๐-๙][0-9๐-๙.,]*\s+$")


class TextMeasure:
    """Widths of text in Sarabun (ems) and the places a line may break (Pango's, as WeasyPrint's)."""

    def __init__(self) -> None:
        from fontTools.ttLib import TTFont

        self._fonts = {}
        for bold, style in ((False, "Regular"), (True, "Bold")):
            font = TTFont(str(sarabun_file(style)), lazy=True)
            advances, cmap = font["hmtx"].metrics, font.getBestCmap()
            per_em = font["head"].unitsPerEm
            self._fonts[bold] = (cmap, advances, per_em)

    def width(self, text: str, bold: bool = False) -> float:
        cmap, advances, per_em = self._fonts[bold]
        units = sum(advances[cmap[ord(ch)]][0] for ch in text if ord(ch) in cmap)
        return units / per_em

    @staticmethod
    def pieces(text: str) -> list[str]:
        """``text`` cut at every place a line may break (a piece keeps its trailing space)."""
        from weasyprint.text.line_break import get_log_attrs

        if len(text) < 2:
            return [text] if text else []
        attrs = get_log_attrs(text, "th")
        cuts = [i for i in range(1, len(text)) if attrs[i].is_line_break]
        glued: list[str] = []
        for piece in (text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)):
            if glued and NUMBER_AT_END.search(glued[-1]):
                glued[-1] += piece  # a number with the word after it (NUMBER_AT_END)
            else:
                glued.append(piece)
        return glued

    def segments(self, text: str) -> list[tuple[str, bool]]:
        """``text`` as (segment, whole) pairs: a number with the word after it is one segment that
        must not break inside (``whole``); the text around it may break as usual."""
        if not re.search(r"[0-9๐-๙]\s", text):
            return [(text, False)]
        out: list[tuple[str, bool]] = []
        for piece in self.pieces(text):
            bare = piece.rstrip()
            whole = bool(re.search(r"[0-9๐-๙]\s+\S", bare))
            if out and not whole and not out[-1][1]:
                out[-1] = (out[-1][0] + piece, False)
            else:
                out += [(bare, whole), (piece[len(bare) :], False)] if whole else [(piece, False)]
        return [(s, w) for s, w in out if s]


def sized_by_content(table: Table) -> bool:
    """Whether a table's columns are sized from its content: when several of them hold free text
    that wraps (the plan's), which no set of fixed shares suits for every agency."""
    return sum(c.kind == layout.LONG for c in table.columns) > 1


def header_phrases(label: str, measure: TextMeasure, whole_em: float) -> list[str]:
    """A header label as one phrase when it is at most ``whole_em`` wide, else as two, split where
    the wider half is the narrowest."""
    pieces = measure.pieces(label)
    if len(pieces) < 2 or measure.width(label, True) <= whole_em:
        return [label]
    splits = ["".join(pieces[:k]) for k in range(1, len(pieces))]
    best = min(splits, key=lambda head: max(measure.width(head, True), measure.width(label[len(head) :], True)))
    return [best.strip(), label[len(best) :].strip()]


def content_shares(
    table: Table, texts: Callable[[Cell], list[str]], measure: TextMeasure, line_em: float, padding_em: float
) -> list[float]:
    """Each column's share of a ``line_em`` wide table, from its content (see the module's doc).

    ``texts``: the paragraphs of a cell as printed (its text, then its sub-lines);
    ``padding_em``: a cell's padding and border, left and right together. A header label is kept
    whole when it fits an even share of the line (:func:`header_phrases`)."""
    n = len(table.columns)
    cells = _column_cells(table, texts, measure, line_em / n - padding_em)
    widths = [padding_em + SLACK_EM + max((_narrowest(c) for c in cells[j]), default=1.0) for j in range(n)]
    free = line_em - sum(widths)
    if free <= 0:
        return [w / sum(widths) for w in widths]
    step = free / SLICES
    for _ in range(SLICES):

        def cost(j: int) -> tuple[float, float]:
            trial = [w + (step if k == j else 0.0) for k, w in enumerate(widths)]
            return (*_height(table, cells, trial, padding_em), -_crowding(cells[j], widths[j]))

        widths[min(range(n), key=cost)] += step
    return [w / line_em for w in widths]


# A cell as measured: (row, paragraphs, kind); row -1 is the header. A paragraph is its units, each
# (width without its trailing space, width with it) in ems: the pieces a line may break between; a
# header's phrases, side by side, each whole; a number whole.
Unit = tuple[float, float]
Measured = tuple[int, list[list[Unit]], str]
HEADER, NUMBER, TEXT = "header", "number", "text"


def _column_cells(table: Table, texts, measure: TextMeasure, whole_em: float) -> list[list[Measured]]:
    """Per column, every cell that spans that column only, measured."""
    cells: list[list[Measured]] = [[] for _ in table.columns]
    for row in table.header:
        for j, cell in enumerate(row.cells):
            if cell is not None and cell.colspan == 1:
                phrases = header_phrases(str(cell.value), measure, whole_em)
                units = [(measure.width(p, True), measure.width(p + " ", True)) for p in phrases]
                cells[j].append((-1, [units], HEADER))
    for r, j, _, cell in table.placed():
        if cell.colspan == 1:
            number = cell.kind in UNBROKEN_KINDS
            paragraphs = [[p] if number else measure.pieces(p) for p in texts(cell)]
            units = [[(measure.width(u.rstrip()), measure.width(u)) for u in p] for p in paragraphs]
            cells[j].append((r, units, NUMBER if number else TEXT))
    return cells


def _narrowest(cell: Measured) -> float:
    """The width below which a word, a header phrase or a number of the cell would break."""
    _, paragraphs, kind = cell
    indents = [SUB_INDENT_EM if k and kind == TEXT else 0.0 for k in range(len(paragraphs))]
    return max((indent + w for indent, p in zip(indents, paragraphs, strict=True) for w, _ in p), default=0.0)


def _lines(cell: Measured, width: float) -> int:
    """How many lines the cell takes in ``width`` ems, filled greedily unit by unit."""
    total = 0
    for k, units in enumerate(cell[1]):
        indent, used, lines = 0.0, 0.0, 1
        for bare, spaced in units:
            if used and used + bare > width - indent:
                lines, used, indent = lines + 1, 0.0, SUB_INDENT_EM if k else 0.0
            used += spaced
        total += lines
    return total


def _height(table: Table, cells: list[list[Measured]], widths: list[float], padding_em: float) -> tuple[int, int]:
    """The table's height in lines (each row as tall as its tallest single-row cell, a merged
    cell's rows made taller when it needs more lines than they have), and the lines of all its
    cells together."""
    heights = [1] * (len(table.rows) + 1)
    spans, every = [], 0
    for j, column in enumerate(cells):
        for cell in column:
            r = cell[0]
            lines = _lines(cell, widths[j] - padding_em)
            every += lines
            span = table.rows[r].cells[j].rowspan if r >= 0 else 1
            if span > 1:
                spans.append((r + 1, span, lines))
            else:
                heights[r + 1] = max(heights[r + 1], lines)
    for first, span, lines in spans:
        short = lines - sum(heights[first : first + span])
        heights[first + span - 1] += max(short, 0)
    return sum(heights), every


def _crowding(column: list[Measured], width: float) -> float:
    """Text per unit of width: which column gets a slice that saves no line."""
    return math.fsum(spaced for _, paragraphs, _ in column for p in paragraphs for _, spaced in p) / max(width, 1e-6)
