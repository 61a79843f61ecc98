"""Read a text (CSV, TSV) file into a grid of text cells, as :func:`~ita_analysis.ingest.grid.read_grid` needs.

The encoding (UTF-8 with or without a BOM, else Windows Thai) and the delimiter (comma, semicolon,
tab) are found from the file's first megabyte. The file is then read as a stream, record by record,
straight into the grid's columns (:class:`~ita_analysis.ingest.grid_columns.GridColumns`): a large
table is held once, as its cells, never as its whole text. A UTF-8 file with a byte that is not
UTF-8 further on is read again from the start as Windows Thai, as the whole file would have been.

Row numbers are records, as a spreadsheet shows them: a quoted cell with line breaks in it is one
row. A quote (") that opens a cell and is never closed makes the reader take the rows after it as
one cell: that is reported at the row where the quote opens (:mod:`.csv_quotes`), as is a cell over
the ``cell_chars`` limit; no error of the csv module reaches the user.
"""

from __future__ import annotations

import codecs
import csv
import uuid
from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.ingest.csv_quotes import (
    RecordLines,
    WideLine,
    field_limit,
    open_quote,
    row_shape,
    unreadable_record,
    wide_line,
)
from ita_analysis.ingest.grid_columns import CELLS, GridColumns, TooManyCells, limit_problem
from ita_analysis.limits import Limits

ENCODINGS = ("utf-8-sig", "cp874")  # UTF-8 (with or without BOM), then Windows Thai as Excel saves it
_SNIFF_BYTES = 1 << 20  # bytes read to decide the encoding and the delimiter
_BUFFER = 1 << 20
NOT_TEXT = N_("text encoded as UTF-8 or Windows Thai (cp874)")


def read_text_grid(path: Path, limits: Limits, max_rows: int | None = None) -> pd.DataFrame:
    """The grid of a CSV or TSV file (all rows, or the first ``max_rows``)."""
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    encoding = _encoding(head)
    delimiter = _delimiter(path, head.decode(encoding, errors="replace"), len(head) < _SNIFF_BYTES)
    try:
        return _read(path, encoding, delimiter, limits, max_rows)
    except UnicodeDecodeError:
        if encoding == ENCODINGS[-1]:
            raise InputError([Problem(str(path), None, None, None, NOT_TEXT)]) from None
    try:  # a byte further on is not UTF-8: the whole file is Windows Thai
        return _read(path, ENCODINGS[-1], delimiter, limits, max_rows)
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), None, None, None, NOT_TEXT)]) from None


def _encoding(head: bytes) -> str:
    """UTF-8 when the first bytes decode as UTF-8 (a character cut at the end of them is fine)."""
    try:
        codecs.getincrementaldecoder(ENCODINGS[0])().decode(head, final=False)
    except UnicodeDecodeError:
        return ENCODINGS[-1]
    return ENCODINGS[0]


def _delimiter(path: Path, text: str, whole: bool) -> str:
    """Tab for a .tsv/.txt/.tab file with tabs, else the delimiter found on most of the first lines
    (a title line above the table has none)."""
    lines = text.splitlines()
    if not whole and len(lines) > 1:
        lines = lines[:-1]  # cut by the sample's end
    sample = [ln for ln in lines[:200] if ln.strip()][:50]
    if path.suffix.lower() in {".tsv", ".txt", ".tab"} and any("\t" in ln for ln in sample):
        return "\t"
    counts = {d: (sum(d in ln for ln in sample), sum(ln.count(d) for ln in sample)) for d in (",", "\t", ";")}
    return max(counts, key=counts.get) if any(c[0] for c in counts.values()) else ","


def _read(path: Path, encoding: str, delimiter: str, limits: Limits, max_rows: int | None) -> pd.DataFrame:
    file = str(path)
    grid = GridColumns(file, limits)
    end = f"\x00{uuid.uuid4().hex}"  # a last line no file holds: read into a cell when a quote is left open
    with path.open("r", encoding=encoding, newline="", buffering=_BUFFER) as f, field_limit(limits.cell_chars):
        lines = RecordLines(f, delimiter, end, limits)
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            _records(grid, reader, lines, max_rows)
        except WideLine as wide:
            raise InputError([wide_line(file, grid.rows + 1, wide, limits)]) from None
        except TooManyCells as full:
            rows, width, widest = _count_rest(reader, lines.end, full)
            found = rows * width
            raise InputError([limit_problem(file, widest, None, CELLS, found, "cells", limits)]) from None
        except csv.Error as exc:
            raise InputError([unreadable_record(file, grid.rows + 1, lines, exc, limits)]) from None
    return grid.frame()


def _records(grid: GridColumns, reader, lines: RecordLines, max_rows: int | None) -> None:
    """Each record of ``reader`` into ``grid``, the quotes of those that span lines checked against
    the rows above as it is read (the first row, a header, against the row below once that is read)."""
    previous, filled = None, 0  # the last record with cells, how many records had cells
    suspect = None  # (row, column, shapes of its later lines) of a first row of several lines
    for record in reader:
        number = grid.rows + 1
        if record and record[-1].endswith(lines.end):
            if record == [lines.end]:
                return
            raise InputError([open_quote(grid.file, number, len(record) - 1)])
        if suspect is not None and any(record):
            if suspect[2] and all(shape == row_shape(record) for shape in suspect[2]):
                raise InputError([open_quote(grid.file, suspect[0], suspect[1])])
            suspect = None
        if lines.spanned > 1:
            column = lines.stray_quote(record, grid.width, previous, filled == 1)
            if column is not None:
                raise InputError([open_quote(grid.file, number, column)])
            if previous is None and lines.heading():  # the header: the rows read into it alike the row below?
                suspect = (number, lines.broken(record), lines.later_shapes(grid.width))
        lines.next_record()
        grid.add(record)
        if any(record):
            previous, filled = record, filled + 1
        if max_rows is not None and grid.rows >= max_rows:
            return


def _count_rest(reader, end: str, full: TooManyCells) -> tuple[int, int, int]:
    """(rows, widest row's width, its row number) of a file found over the ``cells`` limit at ``full``:
    the rest of the records are counted, not kept."""
    rows, width, widest = full.row, full.width, full.widest_row
    try:
        for record in reader:
            if record and record[-1].endswith(end):
                break
            rows += 1
            if len(record) > width:
                width, widest = len(record), rows
    except (csv.Error, WideLine):  # counted up to there: the file is over the limit already
        pass
    return rows, width, widest
