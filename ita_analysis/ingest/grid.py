"""Read a CSV, TSV or XLSX file into a grid of text cells, rows numbered as a spreadsheet shows them.

No interpretation happens here: the grid keeps every row (blank ones too) so that row numbers in
error messages match what a person sees in Excel (the first line of the file is row 1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
ENCODINGS = ("utf-8-sig", "cp874")  # UTF-8 (with or without BOM), then Windows Thai as Excel saves it


def read_grid(path: str | Path, sheet: str | int | None = None) -> pd.DataFrame:
    """All cells of a file as text: a DataFrame of str ("" for empty), index 0 = spreadsheet row 1.

    CSV delimiters (comma, semicolon, tab) are detected; .tsv/.txt/.tab are tab-separated unless
    their first line has no tab. XLSX is read with the given sheet (name or 0-based index), the
    first one by default; merged cells give their value on the first row only, as Excel stores them.
    """
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise InputError([Problem(name, None, None, None, "an existing file (CSV, TSV or XLSX)")])
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        rows = _read_xlsx(path, sheet)
    elif suffix in TEXT_SUFFIXES:
        if sheet is not None:
            raise InputError([Problem(name, None, None, str(sheet), "no sheet for a text file (only XLSX has sheets)")])
        rows = _read_text(path)
    else:
        why = "a file ending in .csv, .tsv, .txt or .xlsx (score tables also .docx)"
        raise InputError([Problem(name, None, None, path.suffix or "(none)", why)])
    width = max((len(r) for r in rows), default=0)
    padded = [list(r) + [""] * (width - len(r)) for r in rows]
    return pd.DataFrame(padded, columns=range(width), dtype=object)


def _read_text(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for enc in ENCODINGS:
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp874 decodes almost anything; kept for clarity
        raise InputError([Problem(str(path), None, None, None, "text encoded as UTF-8 or Windows Thai (cp874)")])
    sample = [ln for ln in text.splitlines()[:200] if ln.strip()][:50]
    if path.suffix.lower() in {".tsv", ".txt", ".tab"} and any("\t" in ln for ln in sample):
        delimiter = "\t"
    else:  # the delimiter found on most lines (a title line above the table has none)
        counts = {d: (sum(d in ln for ln in sample), sum(ln.count(d) for ln in sample)) for d in (",", "\t", ";")}
        delimiter = max(counts, key=counts.get) if any(c[0] for c in counts.values()) else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _read_xlsx(path: Path, sheet: str | int | None) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError([Problem(str(path), None, None, None, f"a readable XLSX workbook ({exc})")]) from None
    try:
        names = wb.sheetnames
        if sheet is None:
            ws = wb[names[0]]
        elif isinstance(sheet, int) or str(sheet).isdigit() and str(sheet) not in names:
            idx = int(sheet)
            if not 0 <= idx < len(names):
                raise InputError([Problem(str(path), None, None, str(sheet), f"a sheet index 0-{len(names) - 1}")])
            ws = wb[names[idx]]
        elif sheet in names:
            ws = wb[sheet]
        else:
            raise InputError([Problem(str(path), None, None, str(sheet), "one of the sheets: " + ", ".join(names))])
        rows: list[list[str]] = []
        for row_cells in ws.iter_rows(min_row=1):
            r: list[str] = []
            for cell in row_cells:
                col = getattr(cell, "column", None)
                if col is None:  # EmptyCell in read-only mode
                    r.append("")
                    continue
                while len(r) < col - 1:
                    r.append("")
                r.append(_cell_text(cell.value))
            row_no = getattr(row_cells[0], "row", None) if row_cells else None
            if row_no is not None:
                while len(rows) < row_no - 1:
                    rows.append([])
            rows.append(r)
        return rows
    finally:
        wb.close()
