"""Read an XLSX workbook into rows of text cells, as :func:`~ita_analysis.ingest.grid.read_grid` needs.

A file named as a workbook is told by its first bytes (:func:`file_kind`): a password-protected
workbook and an old Excel 97-2003 .xls are OLE2 compound files, which this reader cannot open, so
the message says how to save them.
"""

from __future__ import annotations

import io
from pathlib import Path

from ita_analysis.errors import InputError, Problem

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
"""First bytes of an OLE2 compound file: an encrypted Office file, or an old .xls/.doc."""
_SNIFF_BYTES = 8192
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


def read_xlsx_rows(path: Path, sheet: str | int | None, max_rows: int | None = None) -> list[list[str]]:
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
