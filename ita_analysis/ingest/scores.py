"""Load ITA score tables of any shape into one tidy, validated DataFrame.

Shapes understood (headers in Thai or English, Thai or Arabic digits anywhere):

- **long**: a row per agency, year, indicator, score;
- **wide**: a row per agency-year, a column per indicator (``ind_1`` ... ``ind_n``,
  ``ตัวชี้วัดที่ 1``, or the indicator names);
- **report**: the results table as NACC reports print it, agency and year from the caller;
- **comparison**: like the report table but with one score column per year, the years in the
  header (on the header row or the row below it, as ``พ.ศ. ๒๕๖๒``).

A Word ``.docx`` (an earlier measures document) is read table by table (:mod:`.docx_scores`):
its results and comparison tables as report and comparison tables, with the agency and year the
sentence before each table (else the document's title) names, unless the caller gives them.

Published figures found on the way (tool means, weighted sums, totals, grades) are kept apart
so that scoring can compare them with its own. The work is shared out: the header row and its
columns (:mod:`.header_row`, :mod:`.headers`), cells (:mod:`.cells`), one table below its header
(:mod:`.table`) in its shape (:mod:`.wide`, :mod:`.rows`), printed figures (:mod:`.published`) and
the checks (:mod:`.validate`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.ingest.cells import SCORE_COLUMNS, WHOLE_YEAR, Collector, fractional_year
from ita_analysis.ingest.docx_scores import load_docx
from ita_analysis.ingest.docx_tables import DOCX_SUFFIX
from ita_analysis.ingest.grid import read_grid
from ita_analysis.ingest.groups import combine_groups, group_column, read_groups
from ita_analysis.ingest.header_row import find_header
from ita_analysis.ingest.no_header import no_header
from ita_analysis.ingest.sheet_cells import percent_warnings
from ita_analysis.ingest.spelling import spelling_warnings
from ita_analysis.ingest.table import Loaded, parse_table, select_rows
from ita_analysis.ingest.validate import validation_problems
from ita_analysis.thai.numbers import check_be_year, find_year

__all__ = ["SCORE_COLUMNS", "Loaded", "caller_year", "load", "load_scores"]

TEXT_NAMED_EXCEL = N_(
    "an Excel workbook, as the file's name says; it is a text (CSV) file, read as CSV: rename it to .csv"
)


def load(
    paths: str | Path | list[str | Path],
    *,
    agency: str | None = None,
    fiscal_year: int | str | None = None,
    sheet: str | int | None = None,
    validate: bool = True,
    select: bool = True,
    group: str | None = None,
) -> Loaded:
    """Load and validate score tables.

    ``agency`` and ``fiscal_year`` fill in what a file does not say (report and comparison tables
    carry neither); where a file has those columns they select rows instead, unless ``select`` is
    False (the yearly run keeps every year for its comparisons). ``group`` names the column that
    holds each agency's group (its header as written); without it a column headed กระทรวง,
    จังหวัด, ประเภทหน่วยงาน, กลุ่ม ... is the group column (:mod:`~ita_analysis.ingest.groups`).
    Raises :class:`InputError` listing every problem of every file.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    fy = caller_year(fiscal_year)
    parts: list[tuple[str, Loaded]] = []
    problems: list[Problem] = []
    for p in paths:
        try:
            part, found = _load_one(Path(p), agency=agency, fiscal_year=fy, sheet=sheet, select=select, group=group)
        except InputError as exc:  # the file as a whole: unreadable, no header, no agency
            problems.extend(exc.problems)
            continue
        parts.append((str(p), part))
        problems.extend(found)
    if not parts:
        raise InputError(problems)
    groups, group_name, clashes = combine_groups([(f, x.scores, x.groups, x.group_name) for f, x in parts])
    problems += clashes
    scores = pd.concat([x.scores for _, x in parts], ignore_index=True)
    origin = pd.concat([x.origin for _, x in parts], ignore_index=True)
    published = pd.concat([x.published for _, x in parts], ignore_index=True)
    warnings = [w for _, x in parts for w in x.warnings]
    loaded = Loaded(scores, origin, published, warnings, groups, group_name)
    if validate:  # also where cells could not be read: every problem of every file in one round
        problems += validation_problems(loaded)
    if problems:
        raise InputError(_by_file(problems, paths))
    loaded.warnings += spelling_warnings(scores, origin)
    return loaded


def _by_file(problems: list[Problem], paths: list) -> list[Problem]:
    """Problems in the order of the files, each file's by spreadsheet row (those of the file as a
    whole last); problems of no file (--fy) first."""
    order = {str(p): k for k, p in enumerate(paths)}

    def key(p: Problem) -> tuple:
        return order.get(p.file, order.get(p.file.split(" (table ")[0], -1)), p.row is None, p.row or 0

    return sorted(dict.fromkeys(problems), key=key)  # one message once (an --agency two files lack alike)


def load_scores(path: str | Path | list[str | Path], **kwargs) -> pd.DataFrame:
    """The tidy score table of one or more files: agency, fiscal_year, indicator, tool, score."""
    return load(path, **kwargs).scores


def caller_year(value: int | str | None) -> int | None:
    """The fiscal year a caller gave (``--fy``: "2563", "พ.ศ. ๒๕๖๓", 2563) as a BE year; None for none."""
    if value is None:
        return None
    if fractional_year(value):
        raise InputError([Problem("--fy", None, None, str(value), WHOLE_YEAR)])
    year = find_year(value)
    if year is None:
        raise InputError([Problem("--fy", None, None, str(value), N_("a Buddhist Era fiscal year such as 2563"))])
    why = check_be_year(year)
    if why:
        raise InputError([Problem("--fy", None, None, str(value), why)])
    return year


def _load_one(
    path: Path, *, agency, fiscal_year, sheet, select: bool = True, group: str | None = None
) -> tuple[Loaded, list[Problem]]:
    """One file's scores, and the problems of its cells (the rows stay, with <NA> or "" where a cell
    could not be read, so that the checks of the whole table still run). Raises :class:`InputError`
    when the file as a whole cannot be read."""
    if path.suffix.lower() == DOCX_SUFFIX:
        return load_docx(path, agency=agency, fiscal_year=fiscal_year, sheet=sheet, select=select), []
    name = str(path)
    grid = read_grid(path, sheet)
    col = Collector(name)
    if grid.attrs.get("text_named_excel"):
        col.warnings.append(Problem(name, None, None, path.suffix, TEXT_NAMED_EXCEL))
    col.warnings += percent_warnings(name, grid.attrs.get("percent_columns", ()))
    header = find_header(grid)
    if header is None:
        raise InputError([no_header(path, grid, sheet)])
    group_col = group_column(col, grid, header, group)  # before the roles are checked and read
    scores, origin, published = parse_table(col, grid, header, agency, fiscal_year, keep_going=True)
    if select:
        scores, origin, published = select_rows(col, scores, origin, published, agency, fiscal_year, header)
    known = (scores["agency"] != "") & scores["fiscal_year"].notna()
    groups = read_groups(col, grid, group_col, scores[known], origin[known])
    group_name = None if group_col is None else group_col[1]
    return Loaded(scores, origin, published, col.warnings, groups, group_name), col.problems
