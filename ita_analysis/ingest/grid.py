"""Read a CSV, TSV or XLSX file into a grid of text cells, rows numbered as a spreadsheet shows them.

No interpretation happens here: the grid keeps every row (blank ones too) so that row numbers in
error messages match what a person sees in Excel (the first line of the file is row 1).

A file is told by its first bytes as well as by its name: a workbook is a zip archive; a
password-protected workbook and an old Excel 97-2003 .xls are OLE2 compound files, which this
reader cannot open, so the message says how to save them; a text (CSV) file named .xlsx is read
as text, and ``grid.attrs["text_named_excel"]`` says so (the caller warns).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
OLD_EXCEL_SUFFIX = ".xls"
ENCODINGS = ("utf-8-sig", "cp874")  # UTF-8 (with or without BOM), then Windows Thai as Excel saves it

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
"""First bytes of an OLE2 compound file: an encrypted Office file, or an old .xls/.doc."""
_SNIFF_BYTES = 8192
_SNIFF_TEXT = 1 << 20  # characters searched for a text file's first lines
_OLE2_SCAN = 64 * 1024 * 1024  # bytes searched for the stream names of a compound file

ENCRYPTED = (
    "an XLSX workbook without a password: this file is password-protected (encrypted), which this "
    "program cannot read; open it in Excel and save a copy without a password"
)
OLD_XLS = (
    "an XLSX workbook: this is an old Excel 97-2003 .xls file; open it in Excel and save it as .xlsx (Excel Workbook)"
)
MARKUP = (
    "an XLSX workbook: this file is a web page or XML (HTML/XML) with an Excel name; open it in Excel "
    "and save it as .xlsx (Excel Workbook)"
)


def read_grid(path: str | Path, sheet: str | int | None = None, *, max_rows: int | None = None) -> pd.DataFrame:
    """All cells of a file as text: a DataFrame of str ("" for empty), index 0 = spreadsheet row 1.

    CSV delimiters (comma, semicolon, tab) are detected; .tsv/.txt/.tab are tab-separated unless
    their first line has no tab. XLSX is read with the given sheet (name or 0-based index), the
    first one by default; merged cells give their value on the first row only, as Excel stores them.
    ``max_rows`` reads only the top rows of a sheet (enough to look for a header).
    """
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise InputError([Problem(name, None, None, None, "an existing file (CSV, TSV or XLSX)")])
    suffix = path.suffix.lower()
    text_named_excel = False
    if suffix in EXCEL_SUFFIXES or suffix == OLD_EXCEL_SUFFIX:
        kind = file_kind(path)
        if kind == "text":
            text_named_excel = True
            rows = _text_rows(path, sheet, f"this {path.suffix} file is text (CSV): rename it to .csv")
        else:
            rows = _read_xlsx(path, sheet, max_rows)
    elif suffix in TEXT_SUFFIXES:
        rows = _text_rows(path, sheet, "only XLSX has sheets")
    else:
        why = "a file ending in .csv, .tsv, .txt or .xlsx (score tables also .docx)"
        raise InputError([Problem(name, None, None, path.suffix or "(none)", why)])
    width = max((len(r) for r in rows), default=0)
    padded = [r if len(r) == width and isinstance(r, list) else [*r, *[""] * (width - len(r))] for r in rows]
    grid = pd.DataFrame(padded, columns=range(width), dtype=object)
    grid.attrs["text_named_excel"] = text_named_excel
    return grid


def file_kind(path: Path) -> str:
    """What a file named as a workbook holds, by its first bytes: "zip" (a workbook, or any zip),
    "encrypted" (a password-protected Office file), "xls" (an Excel 97-2003 workbook), "markup"
    (HTML or XML, as some web sites export "Excel" files), "text" (CSV) or "binary" (anything else)."""
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return _compound_kind(path)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith((b"<!doctype", b"<html", b"<table", b"<?xml")):
        return "markup"
    if not head or b"\x00" in head:
        return "binary"
    return "text"


def _compound_kind(path: Path) -> str:
    """An OLE2 compound file: "xls" when it holds an Excel 97-2003 workbook stream, else
    "encrypted" (Excel keeps the .xlsx name of a password-protected workbook, whose streams are
    EncryptionInfo and EncryptedPackage)."""
    with path.open("rb") as f:
        data = f.read(_OLE2_SCAN)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted"
    if any(stream.encode("utf-16-le") in data for stream in ("Workbook", "Book")):  # Excel 97-2003, Excel 5
        return "xls"
    return "encrypted"


def _text_rows(path: Path, sheet: str | int | None, why_no_sheet: str) -> list[list[str]]:
    if sheet is not None:
        raise InputError([Problem(str(path), None, None, str(sheet), f"no sheet for a text file ({why_no_sheet})")])
    return _read_text(path)


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
    sample = [ln for ln in _first_lines(text, 200) if ln.strip()][:50]
    if path.suffix.lower() in {".tsv", ".txt", ".tab"} and any("\t" in ln for ln in sample):
        delimiter = "\t"
    else:  # the delimiter found on most lines (a title line above the table has none)
        counts = {d: (sum(d in ln for ln in sample), sum(ln.count(d) for ln in sample)) for d in (",", "\t", ";")}
        delimiter = max(counts, key=counts.get) if any(c[0] for c in counts.values()) else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _first_lines(text: str, n: int) -> list[str]:
    """The first ``n`` lines of a text, without splitting all of a large one."""
    lines = text[:_SNIFF_TEXT].splitlines()
    return lines[:n] if len(lines) > n or len(text) <= _SNIFF_TEXT else text.splitlines()[:n]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _open_workbook(path: Path):
    """The workbook, read-only; an :class:`InputError` saying what the file is when it is no workbook."""
    from openpyxl import load_workbook

    kind = file_kind(path)
    why = {"encrypted": ENCRYPTED, "xls": OLD_XLS, "markup": MARKUP}.get(kind)
    if why is None and kind != "zip":
        why = "an XLSX workbook: the file is neither a workbook nor text"
    if why is not None:
        raise InputError([Problem(str(path), None, None, None, why)])
    try:  # a file object: openpyxl refuses a workbook by its name when it ends in .xls
        return load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError([Problem(str(path), None, None, None, f"a readable XLSX workbook ({exc})")]) from None


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of a workbook, in order."""
    wb = _open_workbook(Path(path))
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def pick_sheet(path: Path, names: list[str], sheet: str | int | None) -> str:
    """The name of the sheet ``sheet`` asks for (a name, a 0-based index, or None for the first)."""
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) or str(sheet).isdigit() and str(sheet) not in names:
        idx = int(sheet)
        if not 0 <= idx < len(names):
            raise InputError([Problem(str(path), None, None, str(sheet), f"a sheet index 0-{len(names) - 1}")])
        return names[idx]
    if sheet in names:
        return sheet
    raise InputError([Problem(str(path), None, None, str(sheet), "one of the sheets: " + ", ".join(names))])


def _read_xlsx(path: Path, sheet: str | int | None, max_rows: int | None = None) -> list[list[str]]:
    wb = _open_workbook(path)
    try:
        title = pick_sheet(path, wb.sheetnames, sheet)
        try:
            return _sheet_rows(wb[title], max_rows)
        except Exception as exc:  # the sheet's XML is damaged: openpyxl fails while reading it
            why = (
                f"a sheet that can be read: its data is damaged ({type(exc).__name__}: {exc}); "
                "open the file in Excel and save it again"
            )
            raise InputError([Problem(str(path), None, None, title, why)]) from None
    finally:
        wb.close()


def _sheet_rows(ws, max_rows: int | None) -> list[list[str]]:
    """The cells of a read-only sheet as text, empty rows kept so that row numbers match Excel's."""
    rows: list[list[str]] = []
    for row_cells in ws.iter_rows(min_row=1, max_row=max_rows):
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
