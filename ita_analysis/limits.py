"""How much an input file may make the program hold, checked before the work starts.

A small file can claim a huge extent (a sheet whose used range ends at Excel's last cell, a Word
table cell spanning a million columns, an archive member that inflates to gigabytes): each claim is
checked against these limits first, and a file over one is refused with a message that names the
file, the limit and the environment variable that raises it. The defaults pass a national table
(8,300 agencies, every item, several years) many times over.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _

ENV_PREFIX = "ITA_ANALYSIS_MAX_"


@dataclass(frozen=True)
class Limits:
    """The limits; each can be raised with the environment variable ``ITA_ANALYSIS_MAX_<NAME>``
    (``ITA_ANALYSIS_MAX_CELLS=100000000``)."""

    cells: int = 30_000_000
    """Cells of one table: its rows times its widest row (a national table of items is about 6 million)."""
    row_width: int = 16_384
    """Cells in one row (Excel's own limit is 16,384 columns)."""
    cell_chars: int = 32_767
    """Characters in one cell (Excel's own limit)."""
    member_bytes: int = 1 << 30
    """Inflated size of one part of an .xlsx or .docx archive (a sheet, a document, an image): 1 GiB."""
    archive_bytes: int = 2 << 30
    """Inflated size of all the parts of one archive together: 2 GiB."""
    archive_members: int = 10_000
    """Parts in one archive."""
    xml_bytes: int = 32 << 20
    """Inflated size of one XML part that a library reads whole into a tree (a Word document's body and
    styles, a workbook's index): 32 MiB, a document of thousands of pages. Such a tree takes up to twenty
    times the XML's size; a workbook's sheets and shared strings are read in pieces, under ``member_bytes``."""

    def env_name(self, name: str) -> str:
        """The environment variable that raises the limit ``name``."""
        return ENV_PREFIX + name.upper()


def current_limits() -> Limits:
    """The limits, the defaults raised or lowered by the environment (read at each call)."""
    values: dict[str, int] = {}
    problems: list[Problem] = []
    for f in fields(Limits):
        var = ENV_PREFIX + f.name.upper()
        text = os.environ.get(var)
        if text is None:
            continue
        try:
            value = int(text.replace(",", "").replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            problems.append(Problem(var, None, None, text, N_("a whole number above 0 (a limit, as 30000000)")))
        else:
            values[f.name] = value
    if problems:
        raise InputError(problems)
    return Limits(**values)


HOLDERS = {"file": N_("file"), "row": N_("row"), "cell": N_("cell")}


def over_limit(file: str, what: str, found: int, name: str, limits: Limits, holder: str = "file") -> Problem:
    """The problem of a file over the limit ``name``: what it holds (``what``, a message marked with
    ``N_``), the limit, how to raise it; ``holder`` (file, row or cell) is what holds ``found``."""
    expected = _(
        "at most {limit:,} {what} (this {holder} has {found:,}); "
        "if the file is right, raise the limit with the environment variable {variable}"
    )
    limit, variable = getattr(limits, name), limits.env_name(name)
    return Problem(
        file,
        None,
        None,
        None,
        expected.format(limit=limit, what=_(what), holder=_(HOLDERS[holder]), found=found, variable=variable),
    )
