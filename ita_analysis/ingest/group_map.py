"""The groups of agencies from a mapping file: NACC's national table names no ministry or province.

The file (CSV, TSV or XLSX) has a header row with an agency column (หน่วยงาน, ชื่อหน่วยงาน,
agency ...), an optional fiscal-year column (ปีงบประมาณ), and one column per *kind* of group,
named as the reports will name it (กระทรวง, จังหวัด, เขตตรวจราชการ ... any header): each cell is
the agency's group of that kind, an empty cell puts it in no group of that kind (a department has
no province). An agency in two groups of one kind (a body shared by two provinces) takes one more
row with the other group. A row without a year holds in every year of the data; a row with a year
only in that year.

Checked, every problem at once (file, row as the spreadsheet shows it, column, value, expected):
an empty agency cell, a year that is no year, a row that repeats an earlier one, an agency the
score data does not hold (with the closest name), and an agency of the score data the file puts in
no group (no row, or only empty group cells). Names are compared as the score tables read them
(spaces and Unicode forms normalised).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.cells import Collector, parse_years, required_cells, unique_map
from ita_analysis.ingest.grid import read_grid
from ita_analysis.ingest.header_row import find_columns, header_rows
from ita_analysis.ingest.headers import header_example
from ita_analysis.thai.normalize import normalize_text

MAP_COLUMNS = ["agency", "fiscal_year", "kind", "group"]
"""Columns of :func:`load_group_map`: agency (str), fiscal_year (Int64, <NA> = every year), kind
(the header of the group's column), group (str, never "")."""
SUGGEST_AT_MOST = 50  # unknown names given a closest known name (difflib is slow over 8,300 names)


def _header(path: Path, grid: pd.DataFrame, only_group_words: bool):
    """(header, the columns of the kinds: index -> header text); InputError without a usable header.
    The kinds are the columns beside the agency and year that no header word gives another role
    (ลำดับ, คะแนน ...), or with ``only_group_words`` those the header words call a group."""
    header = find_columns(grid, ("agency",), ("fiscal_year",))
    if header is None:
        expected = _("a header row with an agency column ({example}) and group columns").format(
            example=header_example("agency")
        )
        raise InputError([Problem(str(path), None, None, None, expected)])
    cells, named = next((cells, named) for r, cells, named in header_rows(grid) if r == header.row)
    other = {c for c, (role, _) in named.items() if role != "group"}  # ลำดับ, คะแนน ...: not groups
    if only_group_words:
        other |= {c for c in range(len(cells)) if c not in named}
    kinds = {c: text for c, text in enumerate(cells) if text and c not in header.roles and c not in other}
    if not kinds:
        expected = N_("at least one group column beside the agency and year (e.g. กระทรวง, จังหวัด)")
        raise InputError([Problem(str(path), header.row + 1, None, None, expected)])
    return header, kinds


def _read(path: Path, sheet, only_group_words: bool):
    """(collector, cells by role and kind, spreadsheet rows, headers by role, years, kinds) of the
    file's non-blank rows below its header."""
    grid = read_grid(path, sheet)
    header, kinds = _header(path, grid, only_group_words)
    body = grid.iloc[header.row + 1 :]
    col = Collector(str(path))
    names = {role: header.names[c] for c, (role, _) in header.roles.items()}
    cells = pd.DataFrame({role: unique_map(body[c], normalize_text) for c, (role, _) in header.roles.items()})
    for c, kind in kinds.items():
        cells[kind] = unique_map(body[c], normalize_text)
    rows = pd.Series(body.index + 1, index=body.index)
    keep = (cells != "").any(axis=1)
    cells, rows = cells[keep], rows[keep]
    years = (
        parse_years(col, rows, cells["fiscal_year"], names["fiscal_year"], required=False)
        if "fiscal_year" in cells
        else pd.Series(pd.array([pd.NA] * len(cells), dtype="Int64"), index=cells.index)
    )
    required_cells(col, rows, cells["agency"], names["agency"], N_("an agency name"))
    return col, cells, rows, names, years, list(kinds.values())


def _raise(col: Collector) -> None:
    if col.problems:
        raise InputError(sorted(col.problems, key=lambda p: (p.row is None, p.row or 0)))


def load_group_map(path: str | Path, agencies: pd.DataFrame | None = None, *, sheet=None) -> pd.DataFrame:
    """The memberships a mapping file gives (:data:`MAP_COLUMNS`), one row per agency, year, kind
    and group. ``agencies``: the agency-years of the score data (agency, fiscal_year), to report
    unknown agencies and agencies in no group; None skips those checks. Raises one InputError with
    every problem of the file."""
    path = Path(path)
    col, cells, rows, names, years, kinds = _read(path, sheet, only_group_words=False)
    _repeated(col, cells.assign(fiscal_year=years), rows, names["agency"])
    long = _long(cells, years, kinds, rows)
    if agencies is not None:
        _unknown(col, cells["agency"], rows, names["agency"], agencies)
        _no_group(col, long, names["agency"], agencies)
    _raise(col)
    return long[MAP_COLUMNS]


def load_table_groups(path: str | Path, *, sheet=None) -> pd.DataFrame:
    """The memberships of every group column of a score table (:data:`MAP_COLUMNS`): the columns
    its header words call a group (กระทรวง, จังหวัด, ประเภทหน่วยงาน, กลุ่ม ...), each a kind, read
    on every row (a long table repeats them on each row of an agency-year). An agency-year given two
    groups of one kind is a problem at the row of the second, as for the group column the loader
    reads (:mod:`~ita_analysis.ingest.groups`). A table without a year column gives groups of every
    year (<NA>)."""
    path = Path(path)
    col, cells, rows, names, years, kinds = _read(path, sheet, only_group_words=True)
    long = _long(cells, years, kinds, rows)
    key = ["agency", "fiscal_year", "kind"]
    first = long.drop_duplicates(key)
    clash = long[~long.index.isin(first.index)].merge(first, on=key, suffixes=("", "_first"))
    for r in clash.itertuples(index=False):
        year = "" if pd.isna(r.fiscal_year) else _(", fiscal year {year}").format(year=r.fiscal_year)
        why = _("one {kind} for {agency}{year}: row {row} gives '{group}'").format(
            kind=r.kind, agency=r.agency, year=year, row=r.row_first, group=r.group_first
        )
        col.add(int(r.row), r.kind, r.group, why)
    _raise(col)
    return first[MAP_COLUMNS].reset_index(drop=True)


def _long(cells: pd.DataFrame, years: pd.Series, kinds: list[str], rows: pd.Series) -> pd.DataFrame:
    """One row per non-empty group cell (agency, fiscal_year, kind, group, and the spreadsheet row
    of its first appearance), each once, in the order of the file."""
    wide = cells[["agency", *kinds]].assign(fiscal_year=years, row=rows)
    wide = wide[wide["agency"] != ""]
    long = wide.melt(id_vars=["agency", "fiscal_year", "row"], value_vars=kinds, var_name="kind", value_name="group")
    long = long[long["group"] != ""].sort_values("row", kind="stable").drop_duplicates(MAP_COLUMNS)
    return long.astype({"fiscal_year": "Int64"})[[*MAP_COLUMNS, "row"]].reset_index(drop=True)


def _repeated(col: Collector, cells: pd.DataFrame, rows: pd.Series, column: str) -> None:
    """A problem at each row that repeats an earlier one (the same agency, year and groups)."""
    named = cells[cells["agency"] != ""].astype({"fiscal_year": "object"}).fillna("")
    first = named.drop_duplicates()
    again = named[~named.index.isin(first.index)]
    if again.empty:
        return
    key = list(named.columns)
    where = first.assign(first_row=rows[first.index]).merge(again.assign(row=rows[again.index]), on=key)
    for r in where.itertuples(index=False):
        why = _("each agency's row once: row {row} gives the same groups").format(row=r.first_row)
        col.add(int(r.row), column, r.agency, why)


def _unknown(col: Collector, names: pd.Series, rows: pd.Series, column: str, agencies: pd.DataFrame) -> None:
    """A problem at each row naming an agency the score data does not hold."""
    known = set(agencies["agency"].astype(str))
    bad = (names != "") & ~names.isin(known)
    choices = sorted(known)
    for k, (row, name) in enumerate(zip(rows[bad], names[bad], strict=True)):
        close = difflib.get_close_matches(name, choices, n=1, cutoff=0.8) if k < SUGGEST_AT_MOST else []
        hint = _("; closest: '{name}'").format(name=close[0]) if close else ""
        col.add(int(row), column, name, _("an agency of the score data{hint}").format(hint=hint))


def _no_group(col: Collector, long: pd.DataFrame, column: str, agencies: pd.DataFrame) -> None:
    """A problem for each agency of the score data that no row puts in a group (in some year)."""
    keys = agencies[["agency", "fiscal_year"]].astype({"fiscal_year": "int64"}).drop_duplicates()
    every = set(long.loc[long["fiscal_year"].isna(), "agency"])
    dated = long[long["fiscal_year"].notna()][["agency", "fiscal_year"]].astype({"fiscal_year": "int64"})
    found = keys.merge(dated.drop_duplicates().assign(_in=True), how="left", on=["agency", "fiscal_year"])
    missing = found[found["_in"].isna() & ~found["agency"].isin(every)]
    for agency, block in missing.groupby("agency", sort=False):
        years = ", ".join(str(y) for y in sorted(block["fiscal_year"]))
        why = _("a row putting this agency of the score data (fiscal year {years}) in a group").format(years=years)
        col.add(None, column, agency, why)
