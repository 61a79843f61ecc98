"""Quotes in a CSV file that make the reader take many rows as one cell, found and reported.

A quote (") at the start of a cell opens a quoted cell that may hold delimiters and line breaks; a
quote opened by mistake (``"5,89``) takes everything up to the next quote into one cell: the rows
after it vanish. :class:`RecordLines` hands a file's lines to ``csv.reader`` and keeps the lines of
the record being read, so that a record spanning several lines can be checked (:meth:`stray_quote`).
An open quote is reported at the row where it opens (:func:`open_quote`) when:

- the file ends inside the quoted cell (never closed);
- the quoted cell runs past the ``cell_chars`` limit (:func:`unreadable_record`);
- the quote that ends the cell is not at the end of a cell (``B,2563,"5,89`` further down closes
  it and goes on: it was another cell's opening quote);
- every line of the record holds a row's worth of delimiters and all have one shape (as many
  cells, empty in the same places, numbers in the same places): the rows read into the cell, the
  first and the last with the quotes that opened and closed it (in the first row, a header, the
  lines after it have the shape of the row below); or the cell holds a whole line shaped as the
  row above, a row of the table with numbers (tables of three columns or more: a cell of several
  lines of text seldom is either).

A quoted cell with line breaks that is closed where a cell ends is a cell of several lines, one row
(as Excel shows it). No error of the csv module reaches the user: each is a problem with its row.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterator

from ita_analysis.errors import Problem
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.grid_columns import CELL_CHARS, ROW_CELLS, column_letter, limit_problem
from ita_analysis.limits import Limits

OPEN_QUOTE = N_(
    'a closing quote: a quote (") opens this cell and is never closed, so the rows after it were read '
    "as one cell; close it or remove it"
)
_FIELD_SLACK = 100  # characters above cell_chars a field may reach in the reader (the end marker, a few more)
_KEPT_CELLS = 4  # lines of a record kept for the checks: up to this many cells' worth of characters
_READ_AGAIN = 16  # a line read again to find its long cell: up to this many times the characters kept


@contextlib.contextmanager
def field_limit(cell_chars: int) -> Iterator[None]:
    """The csv module's longest field set just above ``cell_chars`` (a cell over the limit, or an open
    quote reading the rest of a file, stops there), then set back."""
    old = csv.field_size_limit(cell_chars + _FIELD_SLACK)
    try:
        yield
    finally:
        csv.field_size_limit(old)


class WideLine(Exception):
    """A line without quotes that holds more cells than the ``row_width`` limit (``cells`` of them)."""

    def __init__(self, cells: int):
        super().__init__(cells)
        self.cells = cells


class RecordLines:
    """The lines of a text file, then ``end`` (a last line no file holds), for ``csv.reader``.

    ``kept`` holds the lines of the record being read (up to a few cells' worth of characters) and
    ``spanned`` how many lines it took; :meth:`next_record` starts the next record. A first line
    without quotes wider than the ``row_width`` limit raises :class:`WideLine` before it is split.
    """

    def __init__(self, lines, delimiter: str, end: str, limits: Limits):
        self._lines = iter(lines)
        self.delimiter = delimiter
        self.end = end
        self.limits = limits
        self.kept: list[str] = []
        self.spanned = 0
        self._kept_chars = 0
        self._ended = False
        self.keep_chars = _KEPT_CELLS * limits.cell_chars

    def __iter__(self) -> RecordLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines, None)
        if line is None:
            if self._ended:
                raise StopIteration
            self._ended = True
            return self.end
        if not self.spanned and len(line) > self.limits.row_width and '"' not in line:
            cells = line.count(self.delimiter) + 1
            if cells > self.limits.row_width:
                raise WideLine(cells)
        self.spanned += 1
        if self._kept_chars < self.keep_chars:
            self.kept.append(line)
            self._kept_chars += len(line)
        return line

    def next_record(self) -> None:
        self.kept.clear()
        self.spanned = 0
        self._kept_chars = 0

    @property
    def whole(self) -> bool:
        """Whether every line of the record is kept."""
        return len(self.kept) == self.spanned

    def stray_quote(self, record: list[str], width: int, previous: list[str] | None, first: bool) -> int | None:
        """The column (0-based) where a quote opened by mistake starts, in a record that spans lines
        (``width``: the table's width so far; ``previous``: the last record with cells, if any, and
        ``first`` whether it is the first, a header); None when its line breaks may be those of cells
        of several lines (the row below may still tell: :meth:`later_shapes`)."""
        column = self.broken(record)
        if column is None:
            return None
        if self.whole:
            try:
                for _ in csv.reader(self.kept, delimiter=self.delimiter, strict=True):
                    pass
            except csv.Error:  # a quote ends the cell where no cell ends: it opened another cell
                return column
            shapes = self.later_shapes(width)
            if previous is None:  # the first row (a header): the rows read into it alike one another
                alike = shapes is not None and len(shapes) > 1 and all(shape == shapes[0] for shape in shapes)
            else:  # every line alike the first, a row itself with the quote that opened the cell
                alike = shapes is not None and all(shape == self._shape(self.kept[0]) for shape in shapes)
            if alike:
                return column
        like = None if previous is None or first else row_shape(previous)
        if like is None or True not in like:  # a whole line shaped as a row of numbers and text
            return None
        least = max(2, width - 1)
        for j, text in enumerate(record):
            inner = text.splitlines()[1:-1]
            if any(line.count(self.delimiter) >= least and self._shape(line) == like for line in inner):
                return j
        return None

    @staticmethod
    def broken(record: list[str]) -> int | None:
        """The first cell (0-based) with a line break."""
        return next((j for j, text in enumerate(record) if "\n" in text or "\r" in text), None)

    def later_shapes(self, width: int) -> list[tuple[bool | None, ...]] | None:
        """The shapes (:func:`row_shape`) of the record's lines after the first (blank ones aside) when
        every line holds a row's worth of delimiters, at least half of them filled, as rows read into
        one cell do (the first and the last with the quotes that opened and closed it); else None."""
        if not self.whole:
            return None
        d = self.delimiter
        lines = [line for line in self.kept if line.strip()]
        least = max(width, lines[0].count(d) + 1) - 1
        if least < 2 or any(line.count(d) < least for line in lines):
            return None
        shapes = [self._shape(line) for line in lines]
        if any(2 * shape.count(None) > len(shape) for shape in shapes):
            return None
        return shapes[1:]

    def heading(self) -> bool:
        """Whether the record's first line is a heading's: every cell filled with text (no number)."""
        return self.whole and all(cell is False for cell in self._shape(self.kept[0]))

    def _shape(self, line: str) -> tuple[bool | None, ...]:
        return row_shape(line.rstrip("\r\n").split(self.delimiter))


_NUMBER = re.compile(r"[-+]?[\d๐-๙]+([.,][\d๐-๙]+)*%?")


def row_shape(cells: list[str]) -> tuple[bool | None, ...]:
    """Which cells of a row hold a number (None for an empty one): rows of one table share it (as
    many cells, empty in the same places, numbers in the same places)."""
    out = []
    for cell in cells:
        text = cell.strip().strip('"').strip()
        out.append(None if not text else bool(_NUMBER.fullmatch(text)))
    return tuple(out)


def open_quote(file: str, row: int, column: int | None) -> Problem:
    """The problem of a quote opened at ``row`` (spreadsheet number) and ``column`` (0-based) and never closed."""
    return Problem(file, row, None if column is None else column_letter(column), None, OPEN_QUOTE)


def unreadable_record(file: str, row: int, lines: RecordLines, exc: csv.Error, limits: Limits) -> Problem:
    """The problem of the record at ``row`` that the csv reader stopped on (``exc``)."""
    if "field larger than field limit" not in str(exc):
        why = _("text that can be read as rows of cells: this row cannot ({why})").format(why=exc)
        return Problem(file, row, None, None, why)
    first = lines.kept[0] if lines.kept else ""
    cells = _cells(first, lines.delimiter, limits) if len(first) <= _READ_AGAIN * lines.keep_chars else None
    if lines.spanned > 1:  # an open quote read the following lines into the cell
        return open_quote(file, row, None if cells is None else len(cells) - 1)
    long = next((j for j, text in enumerate(cells or []) if len(text) > limits.cell_chars), None)
    found = len(cells[long]) if long is not None else len(first)
    return limit_problem(file, row, long, CELL_CHARS, found, "cell_chars", limits)


def _cells(line: str, delimiter: str, limits: Limits) -> list[str]:
    """The cells of one line as the reader splits it (the last one up to the line's end when a quote is
    left open), read without the field limit."""
    with field_limit(max(limits.cell_chars, len(line))):
        return next(csv.reader([line], delimiter=delimiter), [])


def wide_line(file: str, row: int, wide: WideLine, limits: Limits) -> Problem:
    """The problem of a line without quotes wider than the ``row_width`` limit."""
    return limit_problem(file, row, None, ROW_CELLS, wide.cells, "row_width", limits)
