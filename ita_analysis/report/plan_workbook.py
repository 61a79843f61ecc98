"""The measures-plan template as a workbook (``init-plan --out plan.xlsx``): a form staff fill in
on screen or on paper.

One sheet: the header row (bold, filled, repeated on every printed page and frozen on screen),
then one row per indicator. Every cell has a border and wraps its text, the columns that are
filled in (the action above all) are wide, the others as wide as their content; each row is at
least two lines high, room to write in. The sheet prints on A4 landscape, one page wide. Numbers
are stored as numbers (the score ``0.00``), text as text.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ita_analysis.files import atomic_path
from ita_analysis.report.excel import THAI_FONT
from ita_analysis.report.layout import HEADER_FILL
from ita_analysis.report.workbook_sizing import (
    BORDER,
    LINE_PT,
    MARGINS_INCH,
    fill,
    fit_rows,
    font,
    needed_width,
    put,
    set_width,
    text_width,
)

__all__ = ["FILL_IN_UNITS", "write_plan_xlsx"]

FILL_IN_UNITS = {"action": 48.0, "responsible": 22.0, "timeline": 16.0, "kpi": 30.0}
"""Widths (column-width units) of the columns staff fill in, by the template's column name."""
MAX_CONTENT_UNITS = 30.0  # widest a filled-in column (indicator names) grows; longer text wraps
FORM_LINES = 2  # the least height of a row, in lines of text
CELL_KINDS = {"fiscal_year": "int", "indicator": "int", "score": "score"}


def write_plan_xlsx(template: pd.DataFrame, path: str | Path, *, headers: dict[str, str], sheet: str) -> Path:
    """Write ``template`` (the columns of :data:`ita_analysis.compute.plan_template.PLAN_COLUMNS`)
    under the Thai ``headers`` (by column) to the sheet ``sheet`` of ``path``, atomically."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    names = list(template.columns)
    for c, name in enumerate(names, start=1):
        _put(ws.cell(row=1, column=c), headers.get(name, name), "text", header=True)
        for r, value in enumerate(template[name].tolist(), start=2):
            _put(ws.cell(row=r, column=c), value, CELL_KINDS.get(name, "text"), header=False)
        set_width(ws, c, FILL_IN_UNITS.get(name) or _content_width(ws, c))
    fit_rows(ws)  # the lines the text takes, wrapped: LibreOffice keeps rows without a height at one line
    for r in range(2, ws.max_row + 1):  # and room to write an action in
        ws.row_dimensions[r].height = max(ws.row_dimensions[r].height or 0.0, FORM_LINES * LINE_PT)
    _print_setup(ws, len(names))
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _put(cell, value: object, kind: str, *, header: bool) -> None:
    from openpyxl.styles import Alignment

    put(cell, value, kind)
    cell.font = font(bold=header)
    cell.border = BORDER
    centred = header or kind in ("int", "score")
    cell.alignment = Alignment(
        horizontal="center" if centred else "left", vertical="center" if header else "top", wrap_text=True
    )
    if header:
        cell.fill = fill(HEADER_FILL)


def _content_width(ws, col: int) -> float:
    """As wide as the column's longest value (at most :data:`MAX_CONTENT_UNITS`) and its header's
    longest word: the header wraps between words, never inside one."""
    head = ws.cell(row=1, column=col)
    words = str(head.value or "").split()
    width = max((text_width(w, bold=True) for w in words), default=0.0) + 2.0
    for row in range(2, ws.max_row + 1):
        width = max(width, min(needed_width(ws.cell(row=row, column=col)), MAX_CONTENT_UNITS))
    return width


def _print_setup(ws, columns: int) -> None:
    """A4 landscape, one page wide and as many down as the rows need, the header row on every
    page and frozen on screen, page numbers below."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = "landscape"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(**MARGINS_INCH)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:{get_column_letter(columns)}{max(ws.max_row, 1)}"
    ws.freeze_panes = "A2"
    ws.oddFooter.center.text = "หน้า &P / &N"
    ws.oddFooter.center.font = THAI_FONT
    ws.oddFooter.center.size = 14
