"""Cells, sizes and print set-up of the measures workbook: what every sheet gets.

Every cell is "TH Sarabun New" 16 pt (the government font); widths and heights are estimated for
it, counting only base characters (Thai vowels above/below and tone marks take no width). Text
goes in with :func:`~ita_analysis.report.excel.set_text`, so it never becomes a formula. Every
sheet prints on A4, one page wide (as many pages down as needed), a table running over pages with
its header repeated.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from copy import copy
from functools import partial

import pandas as pd
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ita_analysis.report.excel import THAI_FONT, set_text
from ita_analysis.thai.wrap import base_characters

NUMBER_FORMAT = "0.00"
FONT_SIZE = 16

# Sizes for 16 pt TH Sarabun New. Column widths are in Excel's units (the width of a digit of the
# default 11 pt font, 7 px). A base character of the Thai font at 16 pt averages about 0.4 em
# (Thai letters less, digits and Latin capitals more): 8.5 px, 1.2 units; a space about 0.55.
# Rows get 30 pt per line, room for Thai marks stacked above and below.
CHAR_UNITS = 1.2
SPACE_UNITS = 0.6
BOLD_FACTOR = 1.08
CELL_PADDING = 2.0  # width units lost to the cell's margins
WRAP_SLACK = 1.05  # wrapped lines break between words and end short
LINE_PT = 30.0
SPACER_PT = 10.0  # the blank row between a sheet's heading and its table
MAX_ROW_PT = 409.0  # Excel's largest row height
LANDSCAPE_FROM = 100.0  # total column width (units) above which a sheet prints landscape
# Page margins (inches): narrow enough that a 120-unit table prints landscape at full size (the
# printable width of landscape A4 is about 146 units), with room for the page number below.
A4_INCH = (8.27, 11.69)  # width, height (portrait)
PX_PER_UNIT = 7.0  # pixels (at 96 per inch) per column-width unit: the default font's digit width
DEFAULT_ROW_PT = 15.0  # height of a row left at Excel's default
PAGE_SLACK = 0.97  # of the printable height: row heights are rounded to the screen's pixels when printed
MARGINS_INCH = {"left": 0.5, "right": 0.5, "top": 0.5, "bottom": 0.55, "header": 0.25, "footer": 0.25}
DEFAULT_WIDTH = 8.43

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def text_width(text: str, *, bold: bool = False) -> float:
    """Estimated width of one line of 16 pt Thai text, in column-width units.

    Only base characters count: Thai vowels above and below and tone marks (combining marks)
    take no width.
    """
    base = base_characters(text)
    units = sum(SPACE_UNITS if ch == " " else CHAR_UNITS for ch in base)
    return units * (BOLD_FACTOR if bold else 1.0)


# ---------------------------------------------------------------------------------------- cells
def put(cell: Cell, value: object, kind: str) -> None:
    """Store ``value``: "int" and "score" kinds as numbers, anything else as text; empty when missing."""
    if not present(value) or (isinstance(value, str) and not value.strip()):
        cell.value = None
    elif kind == "int" and not isinstance(value, str):
        cell.value = int(value)
        cell.number_format = "0"
    elif kind == "score" and not isinstance(value, str):
        cell.value = float(value)
        cell.number_format = NUMBER_FORMAT
    else:
        set_text(cell, str(value))


def font(*, bold: bool = False, color: str | None = None) -> Font:
    return Font(name=THAI_FONT, size=FONT_SIZE, bold=bold, color=color)


def fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


class CellFormats:
    """Cell formats (font, fill, border, alignment and number format together) made once through
    openpyxl and then copied to the other cells that take the same, as openpyxl copies a cell's
    format: its array of indices into the workbook's fonts, fills, borders... Each assignment of a
    Font, Border or Alignment makes openpyxl compare and hash it anew, which was most of a
    workbook's time. Keep one for cells of one workbook only (the indices are that workbook's)."""

    def __init__(self) -> None:
        self._made: dict[tuple, object] = {}

    def apply(self, cell: Cell, key: tuple, make: Callable[[Cell], None]) -> None:
        """Give ``cell`` the format ``make`` sets, for ``key`` (what ``make`` depends on) on top of
        the cell's format so far (its number format)."""
        key = (None if cell._style is None else tuple(cell._style), *key)
        made = self._made.get(key)
        if made is None:
            make(cell)
            self._made[key] = copy(cell._style)
        else:
            cell._style = copy(made)


def merge(ws: Worksheet, formats: CellFormats, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """``ws.merge_cells`` over these rows and columns: the same merged range, cells and formats (and
    the workbook's list of borders in the same order), in a fraction of the time. openpyxl replaces
    the range's other cells by MergedCells and draws the first cell's border sides on the range's
    edges, side by side, a Border added and assigned per cell; here each step is made that way once
    per ``formats`` for a cell's format before it, and copied after."""
    merged = MergedCellRange(
        ws, CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row).coord
    )
    ws.merged_cells.add(merged)
    for row, col in merged.cells:
        if (row, col) != (first_row, first_col):
            ws._cells[row, col] = MergedCell(ws, row=row, column=col)
    start = merged.start_cell
    for name in ("top", "left", "right", "bottom"):  # as MergedCellRange.format, step by step
        side = getattr(start.border, name)
        if side and side.style is None:
            continue
        edge = Border(**{name: side})

        def draw(cell: Cell, edge: Border = edge) -> None:
            cell.border += edge

        for coord in getattr(merged, name):
            formats.apply(ws._cells[coord], ("edge", name, tuple(start._style)), draw)
    if start.protection is not None:
        protection = copy(start.protection)
        for coord in merged.cells:
            formats.apply(
                ws._cells[coord], ("protection", tuple(start._style)), partial(_protect, protection=protection)
            )


def _protect(cell: Cell, protection) -> None:
    cell.protection = protection


def band(ws: Worksheet, row: int, text: str, ncols: int, *, bold: bool = False, colour: str | None = None) -> int:
    """One line of text merged across the table's width (title, sentence, note); returns the next row."""
    cell = ws.cell(row=row, column=1)
    put(cell, text, "long")
    cell.font = font(bold=bold)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    if colour:
        cell.fill = fill(colour)
    if ncols > 1:
        merge(ws, CellFormats(), row, 1, row, ncols)
    return row + 1


def present(value: object) -> bool:
    if value is None:
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def _shown(cell: Cell) -> str:
    """The text a cell shows (numbers with two decimals)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def needed_width(cell: Cell) -> float:
    """Column width that shows the cell's longest line without wrapping."""
    bold = bool(cell.font and cell.font.b)
    widest = max((text_width(line, bold=bold) for line in _shown(cell).split("\n")), default=0.0)
    return widest * WRAP_SLACK + CELL_PADDING


def column_width(ws: Worksheet, col: int) -> float:
    width = ws.column_dimensions[get_column_letter(col)].width
    return float(width) if width else DEFAULT_WIDTH


def set_width(ws: Worksheet, col: int, width: float) -> None:
    ws.column_dimensions[get_column_letter(col)].width = round(width, 1)


# ------------------------------------------------------------------------------- row heights
def fit_rows(ws: Worksheet) -> None:
    """Row heights for 16 pt Thai: one LINE_PT per line of the tallest cell, wrapped lines counted.

    A cell merged over several rows (a tool over its indicators) spreads its lines over them.
    """
    merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    heights: dict[int, float] = {}
    spans: list[tuple[int, int, float]] = []
    for cell in (c for line in ws.iter_rows() for c in line):
        if cell.value is None:
            continue
        row, col = cell.row, cell.column
        rng = merged.get((row, col))
        first_col, last_col, last_row = (rng.min_col, rng.max_col, rng.max_row) if rng else (col, col, row)
        width = sum(column_width(ws, c) for c in range(first_col, last_col + 1))
        need = _lines(cell, width) * LINE_PT
        if last_row == row:
            heights[row] = max(heights.get(row, 0.0), need)
        else:
            spans.append((row, last_row, need))
    for first, last, need in spans:
        rows = range(first, last + 1)
        for r in rows:
            heights.setdefault(r, LINE_PT)
        short = need - sum(heights[r] for r in rows)
        if short > 0:
            for r in rows:
                heights[r] += short / len(rows)
    for r, h in heights.items():
        ws.row_dimensions[r].height = round(min(h, MAX_ROW_PT), 1)


def _lines(cell: Cell, width: float) -> int:
    """Lines the cell needs at ``width``: its own line breaks, plus wrapping when it wraps."""
    bold = bool(cell.font and cell.font.b)
    wraps = bool(cell.alignment and cell.alignment.wrap_text)
    usable = max(width - CELL_PADDING, 1.0)
    total = 0
    for line in _shown(cell).split("\n"):
        w = text_width(line, bold=bold) * WRAP_SLACK
        total += max(1, math.ceil(w / usable - 0.02)) if wraps else 1  # 0.02: widths are rounded
    return total


# ---------------------------------------------------------------------------------- page set-up
def finish(
    ws: Worksheet,
    header: tuple[int, int] | None,
    *,
    columns: int | None = None,
    last_row: int | None = None,
    first_page: int | None = None,
) -> None:
    """Row heights, frozen header, print set-up: what every sheet gets once its cells are in.

    ``header``: the first and last rows of the table's header, None for a sheet without a table.
    The header is frozen when nothing above it is taller than one line (a title, not a paragraph),
    and repeated on every printed page unless ``first_page`` keeps the table whole on the first.
    ``columns`` and ``last_row``: the printed part of the sheet (by default all of it); cells to the
    right of ``columns`` (a chart's reference lines) are left out of the print. ``first_page``: the
    last row of the first page (a short table kept whole, its chart after a manual page break).
    """
    fit_rows(ws)
    if header is not None:
        first, last = header
        if first > 1 and all(c.value is None for c in ws[first - 1]):
            ws.row_dimensions[first - 1].height = SPACER_PT
        if all((ws.row_dimensions[r].height or DEFAULT_ROW_PT) <= LINE_PT for r in range(1, first)):
            ws.freeze_panes = ws.cell(row=last + 1, column=1)  # no paragraph kept on screen above it
        if first_page is None:  # a table kept whole on the first page needs no header repeated
            ws.print_title_rows = f"{first}:{last}"
    page_setup(ws, columns or ws.max_column, last_row or ws.max_row, first_page)


def page_setup(ws: Worksheet, columns: int, last_row: int, first_page: int | None = None) -> None:
    """A4, one page wide with as many pages down as the sheet needs (landscape when wide), the
    print area, page numbers in the footer.

    Only the width scales the sheet: long text wraps in its column and the rows grow, so the text
    prints at the size of a full-width page instead of shrinking to fit a page's height. With
    ``first_page`` the scale is fixed instead (:func:`print_scale`): Excel and LibreOffice both
    ignore manual page breaks when fitting to pages, and a sheet with a chart needs its break.
    """
    total = sum(column_width(ws, c) for c in range(1, columns + 1))
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = "landscape" if total > LANDSCAPE_FROM else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = first_page is None
    if first_page is not None:
        height = sum(ws.row_dimensions[r].height or DEFAULT_ROW_PT for r in range(1, first_page + 1))
        setup.scale = print_scale(total, height, landscape=setup.orientation == "landscape")
    ws.page_margins = PageMargins(**MARGINS_INCH)
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:{get_column_letter(columns)}{last_row}"
    ws.oddFooter.center.text = "หน้า &P / &N"
    ws.oddFooter.center.font = THAI_FONT
    ws.oddFooter.center.size = 14


def print_scale(width_units: float, height_pt: float, *, landscape: bool) -> int:
    """The print scale (percent, at most 100) at which ``width_units`` of columns fit the A4 page's
    printable width and ``height_pt`` of rows its printable height."""
    paper_w, paper_h = (A4_INCH[1], A4_INCH[0]) if landscape else A4_INCH
    m = MARGINS_INCH
    printable_px = (paper_w - m["left"] - m["right"]) * 96
    printable_pt = (paper_h - m["top"] - m["bottom"]) * 72
    fits = min(printable_px / (width_units * PX_PER_UNIT), printable_pt * PAGE_SLACK / max(height_pt, 1.0))
    return max(10, min(100, math.floor(fits * 100)))
