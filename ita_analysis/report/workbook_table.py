"""A layout table (:mod:`ita_analysis.report.layout`) written into a worksheet (openpyxl).

The header rows, the body and footer rows and the merged cells as the layout places them;
integers and scores as numbers (scores formatted ``0.00``, a missing value left empty), text as
text; a cell with extra lines holds them below its text, one per line as "- ...". Alignment,
weight and fills are the layout's, so the sheet looks like the PDF and Word tables. Column widths
follow the layout's proportions, widened where short text or a number needs more room.
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ita_analysis.report import layout
from ita_analysis.report.layout import Cell, Row, Table
from ita_analysis.report.workbook_sizing import BORDER, CellFormats, fill, font, merge, needed_width, put, set_width

TABLE_UNITS = 120.0  # width of a whole table, in column-width units, shared out by the layout
MAX_FIT = 60.0  # widest a column grows to fit short text
VERTICAL = {"top": "top", "middle": "center"}


def write_table(ws: Worksheet, top: int, table: Table) -> tuple[tuple[int, int], int]:
    """Write ``table`` with its header at row ``top``; sets the columns' widths.

    Returns ((first, last) header row, the last row written).
    """
    rows = (*table.header, *table.rows)
    formats = CellFormats()
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell is not None:
                _write_cell(ws, top + r, c + 1, cell, row, formats)
    _set_widths(ws, top + len(table.header), table)
    return (top, top + len(table.header) - 1), top + len(rows) - 1


def _write_cell(ws: Worksheet, r: int, c: int, cell: Cell, row: Row, formats: CellFormats) -> None:
    """The cell's value and format; a merged cell's value and format go in its first cell, and its
    border round the whole range (openpyxl draws it on the range's edges)."""
    target = ws.cell(row=r, column=c)
    if cell.kind == layout.LINES and cell.lines:
        put(target, "\n".join([str(cell.value), *layout.sub_lines(cell)]), cell.kind)
    else:
        put(target, cell.value, cell.kind)
    wraps = row.header or cell.kind in (layout.LONG, layout.LINES)
    bold, align, valign, colour = (
        layout.bold(cell, row),
        layout.align(cell, row),
        layout.valign(cell, row),
        layout.fill(cell, row),
    )

    def format_cell(each) -> None:
        each.border = BORDER
        each.font = font(bold=bold)
        each.alignment = Alignment(horizontal=align, vertical=VERTICAL[valign], wrap_text=wraps)
        if colour:
            each.fill = fill(colour)

    formats.apply(target, (bold, align, valign, wraps, colour), format_cell)
    if cell.rowspan > 1 or cell.colspan > 1:
        merge(ws, formats, r, c, r + cell.rowspan - 1, c + cell.colspan - 1)


def _set_widths(ws: Worksheet, first_body: int, table: Table) -> None:
    """Each column its share of :data:`TABLE_UNITS`; a column of short text or numbers widened to
    show its longest cell on one line."""
    for c, (column, share) in enumerate(zip(table.columns, table.shares(), strict=True), start=1):
        width = share * TABLE_UNITS
        if column.kind not in (layout.LONG, layout.LINES):
            for r, cc, _, cell in table.placed():
                if cc == c - 1 and cell.colspan == 1:
                    width = max(width, min(needed_width(ws.cell(row=first_body + r, column=c)), MAX_FIT))
        set_width(ws, c, width)
