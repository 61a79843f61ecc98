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
from ita_analysis.report.workbook_sizing import BORDER, fill, font, needed_width, put, set_width

TABLE_UNITS = 120.0  # width of a whole table, in column-width units, shared out by the layout
MAX_FIT = 60.0  # widest a column grows to fit short text
VERTICAL = {"top": "top", "middle": "center"}


def write_table(ws: Worksheet, top: int, table: Table) -> tuple[tuple[int, int], int]:
    """Write ``table`` with its header at row ``top``; sets the columns' widths.

    Returns ((first, last) header row, the last row written).
    """
    rows = (*table.header, *table.rows)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell is not None:
                _write_cell(ws, top + r, c + 1, cell, row)
    _set_widths(ws, top + len(table.header), table)
    return (top, top + len(table.header) - 1), top + len(rows) - 1


def _write_cell(ws: Worksheet, r: int, c: int, cell: Cell, row: Row) -> None:
    target = ws.cell(row=r, column=c)
    if cell.kind == layout.LINES and cell.lines:
        put(target, "\n".join([str(cell.value), *layout.sub_lines(cell)]), cell.kind)
    else:
        put(target, cell.value, cell.kind)
    wraps = row.header or cell.kind in (layout.LONG, layout.LINES)
    alignment = Alignment(
        horizontal=layout.align(cell, row), vertical=VERTICAL[layout.valign(cell, row)], wrap_text=wraps
    )
    colour = layout.fill(cell, row)
    for rr in range(r, r + cell.rowspan):  # every cell of a merged range keeps its border
        for cc in range(c, c + cell.colspan):
            each = ws.cell(row=rr, column=cc)
            each.border = BORDER
            each.font = font(bold=layout.bold(cell, row))
            each.alignment = alignment
            if colour:
                each.fill = fill(colour)
    if cell.rowspan > 1 or cell.colspan > 1:
        ws.merge_cells(start_row=r, start_column=c, end_row=r + cell.rowspan - 1, end_column=c + cell.colspan - 1)


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
