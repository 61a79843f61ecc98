"""Read a CSV, TSV or XLSX file into a grid of text cells, rows numbered as a spreadsheet shows them.

No interpretation happens here: the grid keeps every row (blank ones too) so that row numbers in
error messages match what a person sees in Excel (the first line of the file is row 1).

A file is told by its first bytes as well as by its name: a workbook is a zip archive; a
password-protected workbook and an old Excel 97-2003 .xls are OLE2 compound files, which this
reader cannot open, so the message says how to save them; a text (CSV) file named .xlsx is read
as text, and ``grid.attrs["text_named_excel"]`` says so (the caller warns).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.files import missing_file
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.grid_columns import grid_of_rows
from ita_analysis.ingest.grid_text import read_text_grid
from ita_analysis.ingest.grid_xlsx import file_kind, pick_sheet, read_xlsx_rows, sheet_names
from ita_analysis.limits import current_limits

__all__ = ["EXCEL_SUFFIXES", "TEXT_SUFFIXES", "file_kind", "pick_sheet", "read_grid", "sheet_names"]

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
OLD_EXCEL_SUFFIX = ".xls"


def read_grid(path: str | Path, sheet: str | int | None = None, *, max_rows: int | None = None) -> pd.DataFrame:
    """All cells of a file as text: a DataFrame of str ("" for empty), index 0 = spreadsheet row 1.

    CSV delimiters (comma, semicolon, tab) are detected; .tsv/.txt/.tab are tab-separated unless
    their first line has no tab. XLSX is read with the given sheet (name or 0-based index), the
    one Excel opens on by default (:func:`~ita_analysis.ingest.grid_xlsx.pick_sheet`); merged cells
    give their value on the first row only, as Excel stores them. ``grid.attrs["percent_columns"]``
    lists a workbook's cells formatted as percent, read as Excel shows them (the caller warns).
    ``max_rows`` reads only the top rows (enough to look for a header).

    The grid is built column by column as the rows are read (a text file as a stream), within the
    limits of :func:`~ita_analysis.limits.current_limits` (cells, row width, cell length): a file over
    one is refused, naming the row and the limit, before the memory is spent.
    """
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise InputError([missing_file(path)])
    limits = current_limits()
    suffix = path.suffix.lower()
    text_named_excel, read_as = False, {}
    if suffix in EXCEL_SUFFIXES or suffix == OLD_EXCEL_SUFFIX:
        kind = file_kind(path)
        if kind == "text":
            text_named_excel = True
            _no_sheet(path, sheet, _("this {suffix} file is text (CSV): rename it to .csv").format(suffix=path.suffix))
            grid = read_text_grid(path, limits, max_rows)
        else:
            rows, read_as = read_xlsx_rows(path, sheet, max_rows)
            grid = grid_of_rows(name, rows, limits)
    elif suffix in TEXT_SUFFIXES:
        _no_sheet(path, sheet, _("only XLSX has sheets"))
        grid = read_text_grid(path, limits, max_rows)
    else:
        why = N_("a file ending in .csv, .tsv, .txt or .xlsx (score tables also .docx)")
        raise InputError([Problem(name, None, None, path.suffix or "(none)", why)])
    grid.attrs.update(text_named_excel=text_named_excel, **read_as)
    return grid


def _no_sheet(path: Path, sheet: str | int | None, why_no_sheet: str) -> None:
    if sheet is not None:
        raise InputError(
            [Problem(str(path), None, None, str(sheet), _("no sheet for a text file ({why})").format(why=why_no_sheet))]
        )
