"""The cells of one worksheet as Excel shows them, read from the sheet's XML in one pass.

The extent is that of the cells that hold a value, whatever the sheet's stored ``<dimension>``
says (some exporters write a stale, smaller one; a sheet can also claim Excel's last cell,
XFD1048576): each row ends at its last value and the sheet at its last row with a value, so empty
trailing cells and rows, styled or not, cost nothing. Before a row is kept, the extent so far is
checked against the limits (:class:`~ita_analysis.limits.Limits`: cells, row width, cell length),
and the message names the cell that reaches past them. XML elements are dropped as soon as they
are read, so memory follows the cells kept, not the size of the XML.

Two things Excel shows differently from what is stored are told: a number formatted as percent
holds a fraction (0.8907 shown as 89.07 %) and is read as Excel shows it, multiplied by 100
(:class:`PercentColumn` says where, for a warning); a formula without a saved value (a workbook
written by a program that does not calculate) has no value to read and is refused, cell by cell,
rather than read as an empty cell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.grid_columns import column_letter
from ita_analysis.limits import Limits, over_limit

_LAST_LETTERED = 18_278  # column "ZZZ"

EXCEL_ROWS = 1_048_576
"""Rows of an Excel sheet: a cell numbered past them is no cell of a sheet."""
EXCEL_COLUMNS = 16_384
"""Columns of an Excel sheet (A to XFD)."""
MAX_DEPTH = 64
"""XML nesting of a sheet (its cells are six levels down); deeper is a damaged or hostile file."""
MAX_CELL_PARTS = 10_000
"""XML elements in one cell (rich text runs of an inline string)."""
LISTED_FORMULAS = 20
"""Formula cells without a saved value named one by one; more are counted in one line."""
NO_FORMULA_VALUE = N_(
    "a value: the cell holds a formula without a saved value (the workbook was written by a program "
    "that does not calculate); open the file in Excel and save it so that the value is stored"
)
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _FORMULA, _VALUE = _NS + "row", _NS + "c", _NS + "f", _NS + "v"
# what a number format prints literally: quoted text, escaped characters, [colour]/[condition], _x and *x
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


@dataclass(frozen=True)
class PercentColumn:
    """Cells of one column formatted as percent, read multiplied by 100: how many, the first and
    last spreadsheet rows, and the first one's value as stored and as read."""

    column: str
    cells: int
    first: int
    last: int
    stored: str
    shown: str


@dataclass(frozen=True)
class SheetCells:
    """The rows of a sheet (index 0 = row 1; each row ends at its last value) and its percent columns."""

    rows: list[list[str]]
    percent: tuple[PercentColumn, ...]


def shows_percent(number_format: str) -> bool:
    """Whether Excel multiplies a number by 100 to show it in this format (a ``%`` outside quotes,
    escapes and brackets: ``0.00%`` does, ``0.00"%"`` and ``0.00\\%`` do not)."""
    return "%" in _LITERAL.sub("", number_format or "")


def cell_text(value: object) -> str:
    """A cell's value as text: "" for none, whole floats without ".0", other floats as Python writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def percent_text(value: int | float) -> str:
    """A number formatted as percent as Excel shows it, without the sign: 0.8907 -> "89.07"
    (the decimal point moved, so no rounding error is added)."""
    if isinstance(value, float) and not math.isfinite(value):
        return cell_text(value)
    shown = Decimal(repr(value) if isinstance(value, float) else value).scaleb(2)
    if shown == shown.to_integral_value():
        return str(int(shown))
    return format(shown.normalize(), "f")


def read_sheet_cells(ws, file: str, max_rows: int | None, limits: Limits) -> SheetCells:
    """The cells of a read-only openpyxl worksheet ``ws`` (``max_rows``: only the top rows)."""
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.functions import iterparse

    wb = ws.parent
    parser = WorkSheetParser(
        None,
        ws._shared_strings,
        data_only=True,
        epoch=wb.epoch,
        date_formats=wb._date_formats,
        timedelta_formats=wb._timedelta_formats,
    )
    reader = _Reader(ws, file, max_rows, limits)
    with ws._get_source() as src:
        reader.run(iterparse(src, events=("start", "end")), parser)
    return reader.finish()


class _Reader:
    """The state of one pass over a sheet's XML."""

    def __init__(self, ws, file: str, max_rows: int | None, limits: Limits):
        self.ws, self.file, self.max_rows, self.limits = ws, file, max_rows, limits
        self.rows: list[list[str]] = []
        self.texts: dict[str, str] = {}  # each distinct text once: a sheet repeats names and scores
        self.widest = self.height = 0
        self.lowest = self.rightmost = (1, 1)  # the cells that reach the last row and the widest column
        self.row_no = 0
        self.done = False
        self.keep_depth: int | None = None  # inside a cell: its parts are kept until it ends
        self.parts = 0
        self.percent_styles: dict[int, bool] = {}
        self.percent: dict[int, list] = {}  # column: [cells, first row, last row, stored, shown]
        self.formulas: list[tuple[int, int, str]] = []  # the first LISTED_FORMULAS
        self.more_formulas = 0

    def run(self, events, parser) -> None:
        """Read the cells as the XML's events come; each element is dropped once read (the parts of a
        cell once the cell is read), so that memory follows the cells kept, not the XML."""
        stack: list = []
        for event, element in events:
            tag = element.tag
            if event == "start":
                stack.append(element)
                if tag == _CELL:
                    self.keep_depth, self.parts = len(stack), 0
                elif tag == _ROW:
                    self.start_row(element, parser)
                    if self.done:
                        return
                elif self.keep_depth is not None:
                    self.parts += 1
                    if self.parts > MAX_CELL_PARTS:
                        self._damaged(
                            _("a cell of row {row} has more than {most:,} parts").format(
                                row=self.row_no, most=MAX_CELL_PARTS
                            )
                        )
                elif len(stack) > MAX_DEPTH:
                    self._damaged(_("its XML nests deeper than {most} levels").format(most=MAX_DEPTH))
                continue
            stack.pop()
            if tag == _CELL:
                self.keep_depth = None
                self.cell(element, parser)
            if stack and (self.keep_depth is None or len(stack) < self.keep_depth):
                stack[-1].remove(element)

    def start_row(self, element, parser) -> None:
        self.row_no = _row_number(element.get("r"), self.row_no)
        if self.row_no is None:
            self._damaged(_("a row is numbered '{number}'").format(number=element.get("r")))
        parser.row_counter, parser.col_counter = self.row_no, 0
        self.done = self.max_rows is not None and self.row_no > self.max_rows

    def cell(self, element, parser) -> None:
        try:
            found = parser.parse_cell(element)
        except (ValueError, IndexError, KeyError, TypeError, OverflowError) as exc:
            self._damaged(_("a cell of row {row} cannot be read ({error})").format(row=self.row_no, error=exc))
        row, col, value = found["row"], found["column"], found["value"]
        if self.max_rows is not None and row > self.max_rows:
            return
        if col > EXCEL_COLUMNS:
            self._damaged(
                _("a cell is numbered past Excel's sheet (row {row}, column {column:,})").format(row=row, column=col)
            )
        if value is None or value == "":
            formula = element.find(_FORMULA)
            if formula is not None and element.find(_VALUE) is None:  # <v></v>: a saved empty text
                self._formula(row, col, formula.text)
            return  # an empty cell costs nothing
        text = cell_text(value)
        if found["data_type"] == "n" and self._is_percent(found["style_id"]):
            text = percent_text(value)
            seen = self.percent.setdefault(col, [0, row, row, cell_text(value), text])
            seen[0], seen[1], seen[2] = seen[0] + 1, min(seen[1], row), max(seen[2], row)
        self._keep(row, col, text)

    def _formula(self, row: int, col: int, text: str | None) -> None:
        if len(self.formulas) < LISTED_FORMULAS:
            self.formulas.append((row, col, f"={text}" if text else _("(a shared formula)")))
        else:
            self.more_formulas += 1

    def _is_percent(self, style_id: int) -> bool:
        if not style_id:
            return False
        if style_id not in self.percent_styles:
            from openpyxl.cell.read_only import ReadOnlyCell

            try:
                shown = ReadOnlyCell(self.ws, 1, 1, None, "n", style_id).number_format
            except (IndexError, KeyError, TypeError):
                shown = ""
            self.percent_styles[style_id] = shows_percent(shown)
        return self.percent_styles[style_id]

    def _keep(self, row: int, col: int, text: str) -> None:
        """A cell with a value, kept while the extent it makes is within the limits; past them the
        cells are no longer kept, only the extent measured (for the message)."""
        limits = self.limits
        if not 1 <= row <= EXCEL_ROWS or col > limits.row_width or len(text) > limits.cell_chars:
            self._refuse(row, col, text)
        if row >= self.height:
            self.height, self.lowest = row, (row, col)
        if col > self.widest:
            self.widest, self.rightmost = col, (row, col)
        if self.height * self.widest > limits.cells:
            self.rows = []  # past the limit: the sheet is measured, not kept
            return
        rows = self.rows
        while len(rows) < row:
            rows.append([])
        cells = rows[row - 1]
        if len(cells) < col:
            cells.extend([""] * (col - len(cells)))
        cells[col - 1] = self.texts.setdefault(text, text)

    def _refuse(self, row: int, col: int, text: str):
        """Refuse a cell past Excel's sheet, too wide a row or too long a text, naming the cell."""
        limits, name = self.limits, _cell_name(row, col)
        where = _("{file}, cell {cell}").format(file=self.file, cell=name)
        if not 1 <= row <= EXCEL_ROWS:
            self._damaged(_("a cell is numbered past Excel's sheet ({cell})").format(cell=name))
        if col > limits.row_width:
            raise InputError([over_limit(where, N_("cells in one row"), col, "row_width", limits)])
        raise InputError([over_limit(where, N_("characters in one cell"), len(text), "cell_chars", limits)])

    def _too_large(self) -> Problem:
        """The problem of a sheet whose cells with a value span more than the limit."""
        what = _(
            "cells (rows times the widest row: cells with a value reach row {row:,} at {lowest} and column "
            "{column} at {rightmost}; delete any that is stray)"
        ).format(
            row=self.height,
            lowest=_cell_name(*self.lowest),
            column=_column_letter(self.widest),
            rightmost=_cell_name(*self.rightmost),
        )
        return over_limit(self.file, what, self.height * self.widest, "cells", self.limits)

    def finish(self) -> SheetCells:
        if self.height * self.widest > self.limits.cells:
            raise InputError([self._too_large()])
        if self.formulas:
            raise InputError(self._formula_problems())
        percent = tuple(PercentColumn(_column_letter(col), *seen) for col, seen in sorted(self.percent.items()))
        return SheetCells(self.rows, percent)

    def _formula_problems(self) -> list[Problem]:
        listed = sorted(self.formulas)
        problems = [Problem(self.file, r, _column_letter(c), f, NO_FORMULA_VALUE) for r, c, f in listed]
        if self.more_formulas:
            more = _("values in {count:,} more cells: {expected}").format(
                count=self.more_formulas, expected=_(NO_FORMULA_VALUE)
            )
            problems.append(Problem(self.file, None, None, None, more))
        return problems

    def _damaged(self, why: str):
        why = _("a sheet that can be read: {why}; open the file in Excel and save it again").format(why=why)
        raise InputError([Problem(self.file, None, None, self.ws.title, why)])


def _row_number(text: str | None, previous: int) -> int | None:
    """A row element's number (its ``r``, else the one after the previous row); None when unreadable."""
    if text is None:
        return previous + 1
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and 1 <= number <= EXCEL_ROWS else None


def _column_letter(col: int) -> str:
    """A 1-based column's letters up to "ZZZ" (the last that has them), its number past that."""
    return column_letter(col - 1) if col <= _LAST_LETTERED else str(col)


def _cell_name(row: int, col: int) -> str:
    return f"{_column_letter(col)}{row}"


def percent_warnings(file: str, percent: tuple[PercentColumn, ...]) -> list[Problem]:
    """A warning for each column whose cells were formatted as percent and read multiplied by 100."""
    warnings = []
    for p in percent:
        if p.first == p.last:
            rows = _("row {row}").format(row=p.first)
        else:
            rows = _("rows {first}-{last}").format(first=p.first, last=p.last)
        why = _(
            "numbers as stored: {count:,} cell(s) of column {column} ({rows}) are formatted as percent "
            "({stored} shown as {shown} %), so they are read as Excel shows them, multiplied by 100 ({shown})"
        ).format(count=p.cells, column=p.column, rows=rows, stored=p.stored, shown=p.shown)
        warnings.append(Problem(file, None, p.column, p.stored, why))
    return warnings
