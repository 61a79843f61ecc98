"""Cell formats made once and copied (CellFormats), and merged ranges (merge) as openpyxl makes them."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, PatternFill, Side

from ita_analysis.report.workbook_sizing import CellFormats, merge

THICK = Side(style="thick", color="FF0000")
SHAPES = [(2, 2, 2, 5), (4, 1, 7, 1), (9, 2, 11, 4), (13, 3, 13, 3), (15, 1, 16, 2)]


def first_cells(ws, bordered: bool) -> None:
    """The first cell of each shape: a value, a fill, and (``bordered``) a border of four sides."""
    for r, c, *_ in SHAPES:
        cell = ws.cell(row=r, column=c, value=f"{r},{c}")
        cell.fill = PatternFill(fill_type="solid", start_color="D9D9D9", end_color="D9D9D9")
        if bordered:
            cell.border = Border(left=THICK, right=Side(style="thin"), top=THICK, bottom=Side(style="dashed"))


def cells(ws) -> dict:
    """Every cell's kind, value and format, by the values the format stands for."""
    return {
        (c.row, c.column): (
            type(c).__name__,
            c.value,
            repr(c.border),
            repr(c.fill),
            repr(c.font),
            repr(c.alignment),
            repr(c.protection),
            c.number_format,
        )
        for row in ws.iter_rows()
        for c in row
    }


def saved(wb) -> dict[str, bytes]:
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(out) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_merge_gives_the_cells_and_the_file_of_openpyxls_merge_cells():
    books = []
    for ours in (False, True):
        wb = Workbook()
        ws = wb.active
        for bordered in (True, False):
            if not bordered:
                ws = wb.create_sheet("plain")
            first_cells(ws, bordered)
            formats = CellFormats()
            for shape in SHAPES:
                if ours:
                    merge(ws, formats, *shape)
                else:
                    ws.merge_cells(start_row=shape[0], start_column=shape[1], end_row=shape[2], end_column=shape[3])
        books.append(wb)
    theirs, ours = books
    for a, b in zip(theirs.worksheets, ours.worksheets, strict=True):
        assert cells(a) == cells(b)
        assert [str(r) for r in a.merged_cells.ranges] == [str(r) for r in b.merged_cells.ranges]
    assert isinstance(ours.active["C2"], MergedCell) and ours.active["C2"].border.top.style == "thick"
    assert ours.active["E2"].border.right.style == "thin" and ours.active["C2"].border.right.style is None
    assert saved(theirs) == saved(ours)  # styles.xml too: the same borders, in the same order


def test_a_format_is_made_once_then_copied():
    wb = Workbook()
    ws = wb.active
    formats, made = CellFormats(), []

    def centred(cell):
        made.append(cell.coordinate)
        cell.alignment = Alignment(horizontal="center")
        cell.border = Border(top=THICK)

    for coordinate in ("A1", "B1", "C1"):
        formats.apply(ws[coordinate], ("centre",), centred)
    ws["D1"].number_format = "0.00"  # a cell's own format so far is part of the key
    formats.apply(ws["D1"], ("centre",), centred)
    assert made == ["A1", "D1"]
    assert all(ws[c].alignment.horizontal == "center" and ws[c].border.top.style == "thick" for c in ("B1", "C1", "D1"))
    assert ws["D1"].number_format == "0.00" and ws["C1"].number_format == "General"
    ws["B1"].alignment = Alignment(horizontal="left")  # a copy, not shared with the cell it came from
    assert ws["A1"].alignment.horizontal == "center"
