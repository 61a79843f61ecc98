"""Read a text (CSV, TSV) file into rows of text cells, as :func:`~ita_analysis.ingest.grid.read_grid` needs.

The encoding (UTF-8 with or without a BOM, else Windows Thai) and the delimiter (comma, semicolon,
tab) are found from the file itself.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ita_analysis.errors import InputError, Problem

ENCODINGS = ("utf-8-sig", "cp874")  # UTF-8 (with or without BOM), then Windows Thai as Excel saves it
_SNIFF_TEXT = 1 << 20  # characters searched for a text file's first lines


def read_text_rows(path: Path) -> list[list[str]]:
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
