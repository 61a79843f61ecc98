"""One table model for the measures document, rendered alike by the PDF, Word and Excel writers.

A :class:`Table` says everything the three documents must agree on: the columns (label, kind of
cell, relative width, and the group label that spans several columns in a second header row),
the body and footer rows, the merged cells (a cell with ``rowspan``/``colspan`` covers the
positions marked ``None`` below and to the right of it), the rows to flag and the note below the
table. :class:`~ita_analysis.report.document.MeasuresDocument` builds the four tables once; the
writers only render them, with the helpers below for what every renderer needs (the text of a
cell in the document's digits, alignment, fills).

Numbers stay numbers in the model (``int`` for counts, ``float`` for scores, ``None`` when
missing); a renderer formats them: PDF and Word with the document's digits (:func:`cell_text`,
"-" for a missing value), Excel as numeric cells (empty when missing).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from ita_analysis.frameworks import Framework, Tool

INT = "int"  # a count or number (indicator number): no decimals
SCORE = "score"  # points, two decimals
TEXT = "text"  # short text: fits its column
LONG = "long"  # long text: wraps
LINES = "lines"  # text, then extra lines (sub-items), one per line as "- ..."
KINDS = (INT, SCORE, TEXT, LONG, LINES)

MISSING_MARK = "-"  # a missing value in the PDF and Word tables
SUB_ITEM_MARK = "- "

HEADER_FILL = "D9D9D9"  # light grey: header cells
FOOTER_FILL = "F2F2F2"  # lighter grey: total and grade rows
FLAG_FILL = "FCE4D6"  # light orange: a flagged row (a weak indicator without a measure)
LEVEL_PALETTE = ("63BE7B", "FFEB84", "F8696B")  # green, yellow, red: highest level to lowest

TOTAL_LABEL = "คะแนนรวมการประเมินฯ"
GRADE_LABEL = "ผลการประเมินอยู่ในระดับ"


@dataclass(frozen=True)
class Column:
    """A table column: its header label, the kind of its body cells, its width relative to the
    other columns', and the group label spanning it and its neighbours with the same group."""

    label: str
    kind: str = TEXT
    width: float = 1.0
    group: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column {self.label!r}: kind must be one of {', '.join(KINDS)}, not {self.kind!r}")


@dataclass(frozen=True)
class Cell:
    """One cell placed in the grid. ``value`` None is a missing value (shown "-" in PDF and Word);
    use :data:`BLANK` for a cell left empty on purpose. ``level`` is the position of a grade or
    rating among the framework's levels (0.0 the highest, 1.0 the lowest) and colours the cell."""

    value: object = None
    kind: str = TEXT
    lines: tuple[str, ...] = ()
    rowspan: int = 1
    colspan: int = 1
    level: float | None = None
    bold: bool = False


BLANK = Cell("")


@dataclass(frozen=True)
class Row:
    """A row of cells, one entry per column; ``None`` where a merged cell covers the position."""

    cells: tuple[Cell | None, ...]
    footer: bool = False
    flagged: bool = False
    header: bool = False


@dataclass(frozen=True)
class Table:
    """A document table: columns, body rows then footer rows, and the note printed below it.

    ``keep_together``: the table is short and its merged cells must not split over two pages.
    """

    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str = ""
    keep_together: bool = False

    @property
    def header(self) -> tuple[Row, ...]:
        """The header rows: one, or two when a group label spans columns (the others span both)."""
        if not any(c.group for c in self.columns):
            return (Row(tuple(Cell(c.label) for c in self.columns), header=True),)
        top: list[Cell | None] = []
        bottom: list[Cell | None] = []
        for group, first, last in runs([c.group for c in self.columns]):
            if group is None:
                for c in self.columns[first : last + 1]:
                    top.append(Cell(c.label, rowspan=2))
                    bottom.append(None)
                continue
            top += [Cell(group, colspan=last - first + 1)] + [None] * (last - first)
            bottom += [Cell(c.label) for c in self.columns[first : last + 1]]
        return Row(tuple(top), header=True), Row(tuple(bottom), header=True)

    @property
    def body(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.footer)

    @property
    def footers(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.footer)

    @property
    def labels(self) -> list[str]:
        """Every header label, in reading order (group labels before their columns' labels)."""
        return [str(c.value) for row in self.header for c in row.cells if c is not None]

    def shares(self) -> list[float]:
        """Each column's share of the table's width (they add up to 1)."""
        total = sum(c.width for c in self.columns)
        return [c.width / total for c in self.columns]

    def row_groups(self) -> list[tuple[int, int]]:
        """(first, end) row ranges that a page must not split: rows joined by a merged cell's
        ``rowspan``, and the footer rows with the body rows just above them."""
        groups: list[tuple[int, int]] = []
        reach = 0
        for r, row in enumerate(self.rows):
            if groups and (r < reach or row.footer):
                groups[-1] = (groups[-1][0], r + 1)
            else:
                groups.append((r, r + 1))
            reach = max([reach, *(r + c.rowspan for c in row.cells if c is not None)])
        return groups

    def placed(self, rows: Sequence[Row] | None = None) -> Iterator[tuple[int, int, Row, Cell]]:
        """(row index, column index, row, cell) of every cell that is not covered by a merge."""
        for r, row in enumerate(self.rows if rows is None else rows):
            for c, cell in enumerate(row.cells):
                if cell is not None:
                    yield r, c, row, cell


# ------------------------------------------------------------------------------- building
def runs(values: Sequence[object]) -> list[tuple[object, int, int]]:
    """(value, first index, last index) of each run of equal consecutive values."""
    out: list[tuple[object, int, int]] = []
    for i, v in enumerate(values):
        if out and out[-1][0] == v:
            out[-1] = (v, out[-1][1], i)
        else:
            out.append((v, i, i))
    return out


def merge_down(grid: list[list[Cell | None]], keys: Sequence[object], columns: Sequence[int]) -> None:
    """Merge ``columns`` of ``grid`` (body rows) over each run of equal ``keys``: the first row's
    cell spans the run, the cells below it are covered."""
    for _, first, last in runs(list(keys)):
        for c in columns:
            grid[first][c] = replace(grid[first][c], rowspan=last - first + 1)
            for r in range(first + 1, last + 1):
                grid[r][c] = None


def body_rows(grid: Sequence[Sequence[Cell | None]]) -> tuple[Row, ...]:
    return tuple(Row(tuple(cells)) for cells in grid)


def footer_row(label: str, label_span: int, values: Sequence[Cell]) -> Row:
    """A footer row: the label spanning the first ``label_span`` columns, then one cell per column."""
    cells = [Cell(label, colspan=label_span, bold=True), *[None] * (label_span - 1)]
    cells += [replace(v, bold=True) for v in values]
    return Row(tuple(cells), footer=True)


def score_cell(value: object) -> Cell:
    """A score (float), None when missing (NaN included)."""
    return Cell(None if value is None or pd.isna(value) else float(value), SCORE)


def text_cell(value: object, kind: str = TEXT, lines: Sequence[str] = ()) -> Cell:
    """Text from data: "" for a missing value (NaN included)."""
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    return Cell(text, kind, tuple(lines))


def tool_label(tool: Tool) -> str:
    """How tables and sentences name a tool: "<Thai name> (<code>)"."""
    return f"{tool.name_th} ({tool.code})"


def level_position(framework: Framework, label: object) -> float | None:
    """Where a grade or rating stands among the framework's levels: 0.0 the highest, 1.0 the lowest."""
    if label is None or not isinstance(label, str):
        return None
    rank = framework.level_rank(label.strip())
    if rank is None:
        return None
    n = len(framework.levels)
    return rank / (n - 1) if n > 1 else 0.0


def level_cell(framework: Framework, label: object) -> Cell:
    """A grade or rating, coloured by its rank among the framework's levels; missing when None."""
    if label is None or not isinstance(label, str):
        return Cell(None)
    return Cell(label, level=level_position(framework, label))


# ------------------------------------------------------------------------------ rendering
def cell_text(cell: Cell, doc) -> str:
    """The first line of a cell as PDF and Word print it: numbers in the document's digits, "-"
    for a missing value."""
    if cell.value is None:
        return MISSING_MARK
    if cell.kind == INT:
        return doc.count(int(cell.value))
    if cell.kind == SCORE:
        return doc.num(cell.value)
    return str(cell.value)


def sub_lines(cell: Cell) -> list[str]:
    """The extra lines of a cell, each marked "- "."""
    return [f"{SUB_ITEM_MARK}{line}" for line in cell.lines]


def align(cell: Cell, row: Row) -> str:
    """Horizontal alignment: "left", "center" or "right"."""
    if row.header or cell.colspan > 1 or cell.level is not None or cell.kind == INT:
        return "center"
    return "right" if cell.kind == SCORE else "left"


def valign(cell: Cell, row: Row) -> str:
    """Vertical alignment: "middle" for headers and merged cells, else "top"."""
    return "middle" if row.header or cell.rowspan > 1 else "top"


def fill(cell: Cell, row: Row) -> str | None:
    """Background (RGB hex) of a cell: its level's colour, else the row's fill, else None."""
    if cell.level is not None:
        return level_fill(cell.level)
    if row.header:
        return HEADER_FILL
    if row.flagged:
        return FLAG_FILL
    if row.footer:
        return FOOTER_FILL
    return None


def bold(cell: Cell, row: Row) -> bool:
    return row.header or row.footer or cell.bold


def level_fill(position: float) -> str:
    """The colour at ``position`` (0.0 to 1.0) on :data:`LEVEL_PALETTE`, interpolated between stops."""
    position = min(max(float(position), 0.0), 1.0)
    stops = [tuple(int(hex_[i : i + 2], 16) for i in (0, 2, 4)) for hex_ in LEVEL_PALETTE]
    at = position * (len(stops) - 1)
    k = min(int(at), len(stops) - 2)
    t = at - k
    rgb = (round(a + (b - a) * t) for a, b in zip(stops[k], stops[k + 1], strict=True))
    return "".join(f"{v:02X}" for v in rgb)
