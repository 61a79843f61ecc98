"""File helpers every stage uses: atomic writes, and text from data that never turns into a formula."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@")
"""First characters with which a spreadsheet reads a cell as a formula."""

FORMULA_PREFIXES = (*FORMULA_START, "\t", "\r")


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; it replaces ``target`` only if the block succeeds.

    Readers never see a half-written file, and a failed run leaves the previous file in place.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual permissions
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def defuse_text(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass.

    Used for CSV, where no cell type can say "text": Excel shows the apostrophe-prefixed value as
    text, and the original can be recovered by stripping one leading apostrophe.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """CSV in UTF-8 with a BOM (Excel then shows Thai), CRLF line ends, formula-safe text, atomic."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(defuse_text)
    with atomic_path(path) as tmp:
        out.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return Path(path)
