"""What to tell a reader whose score table has no header row the loader recognises.

Three cases, most helpful first: the data is on another sheet of the workbook (name it with
``--sheet``); a row comes close to a header but lacks a column (say which, with the words accepted
for it); nothing comes close (say what the shapes of table need).
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import gettext as _
from ita_analysis.i18n import ngettext
from ita_analysis.ingest.grid import file_kind, pick_sheet, read_grid
from ita_analysis.ingest.grid_xlsx import workbook_sheets
from ita_analysis.ingest.header_row import find_header, near_header, no_header_problem
from ita_analysis.ingest.headers import HEADER_SCAN


def no_header(path: Path, grid: pd.DataFrame, sheet: str | int | None) -> Problem:
    """The problem of a file (read as ``grid``, from ``sheet`` of a workbook) without a header row."""
    name = str(path)
    read, others, with_header = _sheets(path, grid, sheet)
    if with_header:
        listed = ", ".join(f"'{s}'" for s in with_header)
        why = ngettext(
            "a header row on this sheet; the sheet {listed} has one: give --sheet {sheet}",
            "a header row on this sheet; the sheets {listed} have one: give --sheet {sheet}",
            len(with_header),
        ).format(listed=listed, sheet=shlex.quote(with_header[0]))
        return Problem(name, None, None, read, why)
    near = near_header(grid)
    note = _(" (sheet '{sheet}'; the other sheets have no header either)").format(sheet=read) if others else ""
    if near is not None:
        row, why = near
        return Problem(name, row + 1, None, None, why + note)
    return Problem(name, None, None, None, no_header_problem() + note)


def _sheets(path: Path, grid: pd.DataFrame, sheet: str | int | None) -> tuple[str | None, list[str], list[str]]:
    """(the sheet read, the other sheets, those of them with a header row); (None, [], []) for text."""
    if grid.attrs.get("text_named_excel") or path.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        return None, [], []
    if file_kind(path) != "zip":
        return None, [], []
    sheets = workbook_sheets(path)
    read = pick_sheet(path, sheets, sheet)
    others = [s for s in sheets.tables if s != read]
    with_header = []
    for other in others:
        try:
            top = read_grid(path, other, max_rows=HEADER_SCAN + 1)
        except InputError:  # a damaged sheet beside the one read says nothing here
            continue
        if find_header(top) is not None:
            with_header.append(other)
    return read, others, with_header
