"""Read an XLSX workbook into rows of text cells, as :func:`~ita_analysis.ingest.grid.read_grid` needs.

A file named as a workbook is told by its first bytes (:func:`file_kind`): a password-protected
workbook and an old Excel 97-2003 .xls are OLE2 compound files, which this reader cannot open, so
the message says how to save them. The archive's parts are checked against the limits before
openpyxl opens it (:func:`~ita_analysis.ingest.archive.check_archive`).

The sheet read is the one Excel opens on (the active one; the first visible one when the active
one is hidden) unless ``--sheet`` names another; a chart sheet holds no table, and the message
lists the sheets that do. Its cells are read as Excel shows them (:mod:`.sheet_cells`).
"""

from __future__ import annotations

import io
import shlex
from dataclasses import dataclass
from pathlib import Path

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.archive import check_archive, unreadable
from ita_analysis.ingest.sheet_cells import PercentColumn, read_sheet_cells
from ita_analysis.limits import current_limits

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
"""First bytes of an OLE2 compound file: an encrypted Office file, or an old .xls/.doc."""
STREAMED_PARTS = ("xl/worksheets/", "xl/sharedStrings.xml")
"""Parts of a workbook read in pieces (the sheets, read by :mod:`.sheet_cells`; the shared strings)."""
_SNIFF_BYTES = 8192
_OLE2_SCAN = 64 * 1024 * 1024  # bytes searched for the stream names of a compound file

ENCRYPTED = N_(
    "an XLSX workbook without a password: this file is password-protected (encrypted), which this "
    "program cannot read; open it in Excel and save a copy without a password"
)
OLD_XLS = N_(
    "an XLSX workbook: this is an old Excel 97-2003 .xls file; open it in Excel and save it as .xlsx (Excel Workbook)"
)
MARKUP = N_(
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


def _open_workbook(path: Path):
    """The workbook, read-only; an :class:`InputError` saying what the file is when it is no workbook."""
    from openpyxl import load_workbook

    kind = file_kind(path)
    why = {"encrypted": ENCRYPTED, "xls": OLD_XLS, "markup": MARKUP}.get(kind)
    if why is None and kind != "zip":
        why = N_("an XLSX workbook: the file is neither a workbook nor text")
    if why is not None:
        raise InputError([Problem(str(path), None, None, None, why)])
    check_archive(path, N_("an XLSX workbook"), STREAMED_PARTS)
    try:  # a file object: openpyxl refuses a workbook by its name when it ends in .xls
        return load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError([Problem(str(path), None, None, None, _unreadable(path, exc))]) from None


def _unreadable(path: Path, exc: Exception) -> str:
    """Why a workbook cannot be opened; a chart sheet that openpyxl fails on is named as such."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            charts = any(n.startswith("xl/chartsheets/") for n in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        charts = False
    if charts:
        return _(
            "a readable XLSX workbook: it has a chart sheet whose chart cannot be read ({error}); "
            "copy the sheets that hold tables to a new workbook, or delete the chart sheet, and save it"
        ).format(error=exc)
    return unreadable(N_("a readable XLSX workbook"), exc)


@dataclass(frozen=True)
class Sheets:
    """The sheets of a workbook in order: which are chart sheets, which are hidden, the active one."""

    names: tuple[str, ...]
    charts: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    active: int = 0

    @property
    def tables(self) -> list[str]:
        """The sheets that can hold a table (all but the chart sheets)."""
        return [n for n in self.names if n not in self.charts]

    def default(self) -> str:
        """The sheet Excel opens on: the active one, or the first visible one when it is hidden."""
        active = self.names[self.active] if 0 <= self.active < len(self.names) else self.names[0]
        if active not in self.hidden:
            return active
        return next((n for n in self.names if n not in self.hidden), active)


def _sheets(wb) -> Sheets:
    names = tuple(wb.sheetnames)
    charts = tuple(cs.title for cs in wb.chartsheets)
    hidden = tuple(n for n in names if getattr(wb[n], "sheet_state", "visible") != "visible")
    active = wb.active  # None when the workbook names no sheet that it has
    return Sheets(names, charts, hidden, names.index(active.title) if active is not None else 0)


def workbook_sheets(path: str | Path) -> Sheets:
    """The sheets of a workbook."""
    wb = _open_workbook(Path(path))
    try:
        return _sheets(wb)
    finally:
        wb.close()


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of a workbook, in order."""
    return list(workbook_sheets(path).names)


def pick_sheet(path: Path, sheets: Sheets, sheet: str | int | None) -> str:
    """The name of the sheet ``sheet`` asks for (a name, a 0-based index, or None for the one
    Excel opens on: :meth:`Sheets.default`)."""
    names = list(sheets.names)
    if sheet is None:
        return sheets.default()
    if isinstance(sheet, int) or str(sheet).isdigit() and str(sheet) not in names:
        idx = int(sheet)
        if not 0 <= idx < len(names):
            raise InputError(
                [Problem(str(path), None, None, str(sheet), _("a sheet index 0-{last}").format(last=len(names) - 1))]
            )
        return names[idx]
    if sheet in names:
        return sheet
    raise InputError(
        [Problem(str(path), None, None, str(sheet), _("one of the sheets: {names}").format(names=", ".join(names)))]
    )


def chart_sheet(path: Path, sheets: Sheets, title: str, given: bool) -> Problem:
    """The problem of reading a chart sheet: it holds no table; the sheets that do."""
    opened = "" if given else _(" (the workbook opens on it)")
    tables = sheets.tables
    if not tables:
        why = _("a sheet with a table: '{title}' is a chart sheet{opened}, and the workbook has no other kind")
        why = why.format(title=title, opened=opened)
        return Problem(str(path), None, None, title, why)
    listed = ", ".join(f"'{t}'" for t in tables)
    why = _(
        "a sheet with a table: '{title}' is a chart sheet{opened}, which holds a chart and no table; "
        "the sheets with tables: {listed}: give --sheet {sheet}"
    ).format(title=title, opened=opened, listed=listed, sheet=shlex.quote(tables[0]))
    return Problem(str(path), None, None, title, why)


def read_xlsx_rows(
    path: Path, sheet: str | int | None, max_rows: int | None = None
) -> tuple[list[list[str]], dict[str, tuple[PercentColumn, ...]]]:
    """The rows of a sheet (each ending at its last value) and what the grid's ``attrs`` say of them:
    ``percent_columns``, the cells formatted as percent and read multiplied by 100."""
    wb = _open_workbook(path)
    try:
        sheets = _sheets(wb)
        title = pick_sheet(path, sheets, sheet)
        if title in sheets.charts:
            raise InputError([chart_sheet(path, sheets, title, sheet is not None)])
        try:
            cells = read_sheet_cells(wb[title], str(path), max_rows, current_limits())
        except InputError:
            raise
        except Exception as exc:  # the sheet's XML is damaged: openpyxl fails while reading it
            why = _(
                "a sheet that can be read: its data is damaged ({kind}: {error}); "
                "open the file in Excel and save it again"
            ).format(kind=type(exc).__name__, error=exc)
            raise InputError([Problem(str(path), None, None, title, why)]) from None
        return cells.rows, {"percent_columns": cells.percent}
    finally:
        wb.close()
