"""One score table below its header, read into scores: what a sheet and a Word document's table share.

:class:`Loaded` is what loading gives; :func:`parse_table` reads the rows below a header in the
shape it names (:mod:`.wide`, :mod:`.rows`); :func:`select_rows` keeps the rows of the caller's
agency and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.ingest.cells import Collector, any_cell
from ita_analysis.ingest.groups import empty_groups
from ita_analysis.ingest.header_row import Header, duplicate_roles
from ita_analysis.ingest.rows import parse_rows
from ita_analysis.ingest.selection import find_agency, year_problem
from ita_analysis.ingest.wide import parse_wide
from ita_analysis.thai.normalize import normalize_text

NO_ROWS = N_("rows of scores below the header row")


@dataclass
class Loaded:
    """The result of loading one or more files.

    scores: the tidy table (``SCORE_COLUMNS``).
    origin: aligned with ``scores``: file, row, column where each score was read, and year_column
        where its fiscal year was read ("--fy" when the caller gave it); text: the score's cell as
        written (for messages: "100.0001", not the number rounded).
    published: figures printed in the input (agency, fiscal_year, measure, value, file, row,
        column), measure one of :func:`~ita_analysis.ingest.headers.published_measures` (a tool's
        mean and weighted sum, total, grade); ``value`` is text for grades.
    groups: the group of each agency-year of ``scores`` (agency, fiscal_year, group; group "" when
        none is given): the cells of a group column (ministry, province, agency type ...), see
        :mod:`~ita_analysis.ingest.groups`.
    group_name: the header of that column as written (e.g. "กระทรวง"); None when no file has one.
    """

    scores: pd.DataFrame
    origin: pd.DataFrame
    published: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    groups: pd.DataFrame = field(default_factory=empty_groups)
    group_name: str | None = None


def parse_table(col: Collector, grid: pd.DataFrame, header: Header, agency, fiscal_year, *, keep_going=False):
    """(scores, origin, published) of the rows below a header; raises :class:`InputError` with the
    problems of the table. ``agency`` and ``fiscal_year`` fill in what the table does not say.

    With ``keep_going`` the problems of cells stay in ``col`` and the rows are returned (with <NA>
    or "" where a cell could not be read); only a table without rows or agency raises.
    """
    duplicate_roles(col, header)
    data = grid.iloc[header.row + 1 :]
    rows = pd.Series(data.index + 1, index=data.index)  # spreadsheet row numbers
    if len(data):
        nonblank = any_cell(data, list(header.roles), lambda s: bool(normalize_text(s)))
        data, rows = data[nonblank], rows[nonblank]
    if not len(data):
        raise InputError([*col.problems, Problem(col.file, header.row + 1, None, None, NO_ROWS)])
    parse = parse_wide if header.shape == "wide" else parse_rows
    out = parse(col, header, data, rows, agency, fiscal_year)
    if col.problems and (out is None or not keep_going):
        raise InputError(col.problems)
    return out


def select_rows(col: Collector, scores, origin, published, agency, fiscal_year, header: Header):
    """(scores, origin, published) of the rows the caller's --agency/--fy select, where the file has
    agency/year columns; a problem in ``col`` when they select none (:mod:`.selection`: the agency
    as typed is found as people type it, the years the file holds are named)."""
    kinds = header.kinds()
    by_year = fiscal_year is not None and ("fiscal_year" in kinds or "year_value" in kinds)
    keep = pd.Series(True, index=scores.index)
    pkeep = pd.Series(True, index=published.index)
    # rows whose agency or year could not be read (already a problem) stay: they may be the ones
    # selected, and the checks of the table count them
    if agency is not None and "agency" in kinds:
        name, problem = find_agency(agency, scores, fiscal_year if by_year else None)
        if problem is not None:
            col.problems.append(problem)
        keep &= (scores["agency"] == name) | (scores["agency"] == "")
        pkeep &= published["agency"] == name
    if by_year:
        in_year = (scores["fiscal_year"] == fiscal_year).fillna(True).astype(bool)
        if keep.any() and not (keep & in_year).any():
            col.problems.append(year_problem(fiscal_year, scores[keep], col.file))
        keep &= in_year
        pkeep &= (published["fiscal_year"] == fiscal_year).fillna(False).astype(bool)
    if not keep.all():
        scores, origin, published = scores[keep], origin[keep], published[pkeep]
    return scores.reset_index(drop=True), origin.reset_index(drop=True), published.reset_index(drop=True)
