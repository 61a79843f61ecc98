"""File helpers every stage uses: atomic writes, text from data that never turns into a formula, folder
names made from agency names, file checksums, and the message for a file that does not exist (with the
nearest existing file)."""

from __future__ import annotations

import csv
import difflib
import hashlib
import os
import re
import shlex
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from ita_analysis.errors import Problem
from ita_analysis.i18n import gettext as _
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.wrap import clipped

FORMULA_START = ("=", "+", "-", "@")
"""First characters with which a spreadsheet reads a cell as a formula."""

FORMULA_PREFIXES = (*FORMULA_START, "\t", "\r")

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a path in a private temporary folder beside ``target``; the file written there replaces
    ``target`` only if the block succeeds.

    Readers never see a half-written file, and a failed run leaves the previous file in place. The
    folder is made exclusively (``mkdtemp``, readable by its owner alone), so no link planted
    beside ``target`` can make the writer write elsewhere; the rename that puts the file in place
    replaces ``target`` itself, never what a link there points at. The file gets the usual
    permissions (the writer creates it). An error of the file system names ``target``.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent))
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, os.path.abspath(target)) from exc
    tmp = folder / target.name
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if exc.errno is None or (exc.filename and not _within(exc.filename, folder)):
            raise
        raise OSError(exc.errno, exc.strerror, os.path.abspath(target)) from exc  # the file meant, not its draft
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    shutil.rmtree(folder, ignore_errors=True)


def _within(path: str | bytes, folder: Path) -> bool:
    return Path(os.fsdecode(path)).parent == folder


def write_new(path: str | Path, data: bytes) -> None:
    """Create ``path`` with ``data``; FileExistsError when anything is there, a link included (the
    file is created exclusively, never through a link)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        Path(path).unlink(missing_ok=True)
        raise
    os.close(fd)


def remove_tree(path: str | Path) -> OSError | None:
    """Remove what is at ``path``: a folder with everything in it, a file, or a link (the link, never
    what it points at). Returns the error that left something there; None when nothing is left."""
    path = Path(path)
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        return exc if os.path.lexists(path) else None
    return None


def defuse_text(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass.

    Used for CSV, where no cell type can say "text": Excel shows the apostrophe-prefixed value as
    text, and the original can be recovered by stripping one leading apostrophe.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """CSV in UTF-8 with a BOM (Excel then shows Thai), CRLF line ends, formula-safe text, atomic.

    The bytes are those of ``DataFrame.to_csv(index=False)``: columns of numbers, flags and Python
    objects are written with the ``csv`` module directly, as pandas itself writes them (numbers in
    their shortest round-trip form, missing values empty), which is quicker for the small tables
    of one agency; other columns (dates, categories, pandas' own string type) go through pandas."""
    columns = _csv_columns(df)
    with atomic_path(path) as tmp:
        if columns is None:
            out = df.copy()
            for c in out.columns:
                if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
                    out[c] = out[c].map(defuse_text)
            out.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")
        else:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f, lineterminator="\r\n")
                writer.writerow(list(df.columns))
                writer.writerows(zip(*columns, strict=True))
    return Path(path)


def _csv_columns(df: pd.DataFrame) -> list[list] | None:
    """Each column's cells as pandas hands them to the csv writer; None when a column (or the
    header) is of a kind left to pandas."""
    if not len(df.columns) or not all(isinstance(c, str) for c in df.columns) or not df.columns.is_unique:
        return None
    columns = []
    for name in df.columns:
        series = df[name]
        if isinstance(series.dtype, pd.StringDtype) or series.dtype == object:  # text: missing empty
            values = series.to_numpy(dtype=object)
            missing = pd.isna(values)
            columns.append(["" if m else defuse_text(v) for v, m in zip(values, missing, strict=True)])
        elif isinstance(series.dtype, pd.Int64Dtype):  # whole numbers with gaps
            columns.append(["" if v is None else v for v in series.to_numpy(dtype=object, na_value=None)])
        elif not isinstance(series.dtype, np.dtype):  # pandas' other types (categories, dates with zones ...)
            return None
        elif series.dtype.kind == "f" and series.dtype.itemsize == 8:
            values = series.to_numpy()
            cells = values.astype(str)
            cells[np.isnan(values)] = ""
            columns.append(cells.tolist())
        elif series.dtype.kind in "iub":
            columns.append(series.to_numpy().astype(object).tolist())
        else:
            return None
    return columns


FOLDER_CHARS = 80  # at most this many characters in an agency's folder name ...
FOLDER_BYTES = 200  # ... and this many bytes in UTF-8 (file systems allow 255; Thai takes 3 a letter)
_FOLDER_PUNCTUATION = " .-_()"


def safe_folder_name(name: str, taken: set[str] | None = None) -> str:
    """A folder name for an agency, made only of safe characters: letters (Thai kept), their marks,
    digits, spaces and ``. - _ ( )``. Everything else (path separators, braces, ``%``, quotes,
    characters Windows forbids, control characters) becomes ``_``; leading and trailing dots,
    dashes and spaces go; reserved device names (CON, NUL, ...) get a leading ``_``; the name is
    cut to :data:`FOLDER_CHARS` characters and :data:`FOLDER_BYTES` bytes at a character boundary
    (never between a Thai letter and its marks). Unique within ``taken`` (compared
    case-insensitively, as Windows does; ``taken`` is updated)."""
    kept = "".join(c if _safe_char(c) else "_" for c in normalize_text(name))
    s = re.sub(r"_{2,}", "_", kept).strip(" .-") or "agency"
    if s.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        s = "_" + s
    s = clipped(s, FOLDER_CHARS, FOLDER_BYTES - 8).rstrip(" .-")  # 8 bytes left for a "_<n>" suffix
    if taken is not None:
        base, k = s, 2
        while s.casefold() in taken:
            s = f"{base}_{k}"
            k += 1
        taken.add(s.casefold())
    return s


def _safe_char(c: str) -> bool:
    return unicodedata.category(c)[0] in "LMN" or c in _FOLDER_PUNCTUATION


def sha256_file(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, as hex (read in 1 MiB chunks)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _name_key(name: str) -> str:
    """A file name as compared with another: NFC, SARA AM composed, without case."""
    return normalize_text(name).casefold()


def nearest_file(path: str | Path) -> Path | None:
    """The existing file of ``path``'s folder whose name is most like ``path``'s: the same name once
    Thai and case are normalised (NFC, SARA AM copied as two characters), else the closest by
    difflib (at least 0.6 alike); None when the folder holds none such."""
    path = Path(path)
    try:
        files = sorted(p for p in path.parent.iterdir() if p.is_file())
    except OSError:
        return None
    by_key = {}
    for p in files:
        by_key.setdefault(_name_key(p.name), p)
    key = _name_key(path.name)
    if key in by_key:
        return by_key[key]
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
    return by_key[close[0]] if close else None


def missing_file(path: str | Path, option: str | None = None) -> Problem | None:
    """None when ``path`` is an existing file; else the one message for it: the option (or argument)
    that gave it, and the nearest existing file with what to type."""
    path = Path(path)
    if path.is_file():
        return None
    head = _("an existing file") if option is None else _("an existing file ({option})").format(option=option)
    nearest = nearest_file(path)
    if nearest is not None:
        text = _("{head}; the nearest in its folder: {nearest}").format(head=head, nearest=f"'{nearest}'")
        if option and option.startswith("-"):
            text += _(" (type {typed})").format(typed=f"{option} {shlex.quote(str(nearest))}")
    elif path.parent.is_dir():
        text = _("{head}; its folder {folder} holds none of a similar name").format(
            head=head, folder=f"'{path.parent}'"
        )
    else:
        text = _("{head}; the folder {folder} does not exist").format(head=head, folder=f"'{path.parent}'")
    return Problem(str(path), None, None, None, text)


def missing_files(named: dict[str, str | Path | list | tuple | None]) -> list[Problem]:
    """The message of each file given that does not exist (:func:`missing_file`), by the option (or
    argument) that gave it; ``named`` maps each option to its file, files or None."""
    problems = []
    for option, given in named.items():
        paths = given if isinstance(given, list | tuple) else [] if given in (None, "") else [given]
        problems += [p for p in (missing_file(path, option) for path in paths) if p is not None]
    return problems
