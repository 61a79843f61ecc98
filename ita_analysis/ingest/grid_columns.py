"""A grid of text cells built column by column, within the limits of :mod:`ita_analysis.limits`.

Rows are added one at a time (as a CSV reader or a sheet gives them) straight into one list per
column (a column ends where the rows stop reaching it, and is filled out with empty cells only in
the grid itself); a text met again in a column is the same object as the first time (a national table repeats
its agency names, years and score texts thousands of times), so a cell costs a pointer. The widths
and lengths are checked as each row comes, before the memory is spent: a row wider than
``row_width``, rows times the widest row over ``cells``, a cell longer than ``cell_chars``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ita_analysis.errors import InputError
from ita_analysis.i18n import N_
from ita_analysis.limits import Limits, over_limit

CELLS = N_("cells, rows times the widest row")
ROW_CELLS = N_("cells in one row")
CELL_CHARS = N_("characters in one cell")


def column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column: 0 -> "A", 25 -> "Z", 26 -> "AA"."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def limit_problem(file: str, row: int | None, column: int | None, what: str, found: int, name: str, limits: Limits):
    """:func:`~ita_analysis.limits.over_limit` placed at a row (spreadsheet number) and column (0-based);
    what was found is the cell's (a column given), the row's (a row given, the limit ``row_width``) or
    the file's."""
    holder = "cell" if column is not None else "row" if name == "row_width" else "file"
    problem = over_limit(file, what, found, name, limits, holder)
    column_name = None if column is None else column_letter(column)
    return dataclasses.replace(problem, row=row, column=column_name)


class TooManyCells(Exception):
    """Rows times the widest row went over the ``cells`` limit at spreadsheet row ``row``."""

    def __init__(self, row: int, width: int, widest_row: int):
        super().__init__(row, width, widest_row)
        self.row, self.width, self.widest_row = row, width, widest_row


class GridColumns:
    """The columns of a grid as rows are added (:meth:`add`), then the grid itself (:meth:`frame`)."""

    def __init__(self, file: str, limits: Limits):
        self.file = file
        self.limits = limits
        self.columns: list[list[str]] = []
        self.shared: list[dict[str, str]] = []  # per column: each distinct text, once
        self.rows = 0
        self.widest_row = 0  # spreadsheet number of the first row as wide as the grid
        self._full = 0  # the columns before this one hold a cell of every row; those after may end early

    @property
    def width(self) -> int:
        return len(self.columns)

    def add(self, row: Sequence[str]) -> None:
        """Add the next row (spreadsheet row ``rows + 1``); raises :class:`InputError` for a row over
        ``row_width`` or a cell over ``cell_chars``, :class:`TooManyCells` past ``cells``."""
        number = self.rows + 1
        n = len(row)
        if n > self.width:
            self._widen(n, number)
        elif number * self.width > self.limits.cells:
            raise TooManyCells(number, self.width, self.widest_row)
        for j in range(self._full, n):  # cells left empty to the right of shorter rows above
            column = self.columns[j]
            column.extend([""] * (self.rows - len(column)))
        self._full = n
        for j, text in enumerate(row):
            shared = self.shared[j]
            kept = shared.get(text)
            if kept is None:
                if len(text) > self.limits.cell_chars:
                    self._too_long(number, j, text)
                kept = shared[text] = text
            self.columns[j].append(kept)
        self.rows = number

    def _widen(self, n: int, number: int) -> None:
        if n > self.limits.row_width:
            raise InputError([limit_problem(self.file, number, None, ROW_CELLS, n, "row_width", self.limits)])
        if number * n > self.limits.cells:
            raise TooManyCells(number, n, number)
        for _ in range(self.width, n):
            self.columns.append([])
            self.shared.append({"": ""})
        self.widest_row = number

    def _too_long(self, number: int, j: int, text: str) -> None:
        problem = limit_problem(self.file, number, j, CELL_CHARS, len(text), "cell_chars", self.limits)
        raise InputError([problem])

    def frame(self) -> pd.DataFrame:
        """The grid: a DataFrame of str, index 0 = spreadsheet row 1, columns 0..width-1. The
        columns are moved into it one at a time (no second copy of the whole grid)."""
        block = np.empty((self.width, self.rows), dtype=object)
        for j in range(self.width):
            column = self.columns[j]
            block[j, : len(column)] = column
            block[j, len(column) :] = ""
            self.columns[j] = []
        self.shared = []
        return pd.DataFrame(block.T, columns=range(block.shape[0]), dtype=object, copy=False)


def grid_of_rows(file: str, rows: Iterable[Sequence[str]], limits: Limits) -> pd.DataFrame:
    """The grid of rows already read (a sheet's), the limits checked on the whole before it is built;
    each row of the list is let go once its cells are in the columns."""
    rows = rows if isinstance(rows, list) else list(rows)
    widths = [len(r) for r in rows]
    if widths:
        widest = max(range(len(widths)), key=widths.__getitem__)
        width = widths[widest]
        if width > limits.row_width:
            raise InputError([limit_problem(file, widest + 1, None, ROW_CELLS, width, "row_width", limits)])
        if width * len(rows) > limits.cells:
            found = width * len(rows)
            raise InputError([limit_problem(file, widest + 1, None, CELLS, found, "cells", limits)])
    columns = GridColumns(file, limits)
    for i, row in enumerate(rows):
        columns.add(row)
        rows[i] = ()
    return columns.frame()
