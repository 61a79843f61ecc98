"""The group of each agency-year: an optional column of a score table (ministry, province, agency type).

The column is the one the caller names (``load(..., group="เขตตรวจราชการ")``, compared like every
header: case, spaces and punctuation ignored), or else the first column the header vocabulary calls
a group (กระทรวง, จังหวัด, ประเภทหน่วยงาน, กลุ่ม, ministry, province, type ...). Its cells are read
on the rows the scores came from: a long table repeats the group on each row of an agency-year, and
two different groups for one agency-year are a problem. Empty cells say nothing: an agency-year
whose cells are all empty has the group "" (ungrouped).
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.errors import Problem
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.cells import Collector, unique_map
from ita_analysis.ingest.header_row import Header
from ita_analysis.thai.normalize import match_key, normalize_text

GROUP_COLUMNS = ["agency", "fiscal_year", "group"]
"""Columns of :attr:`~ita_analysis.ingest.table.Loaded.groups`: agency (str), fiscal_year (Int64,
BE), group (str, "" for none)."""

_KEY = ["agency", "fiscal_year"]


def empty_groups() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "agency": pd.Series(dtype="object"),
            "fiscal_year": pd.Series(dtype="Int64"),
            "group": pd.Series(dtype="object"),
        }
    )


def group_column(col: Collector, grid: pd.DataFrame, header: Header, named: str | None) -> tuple[int, str] | None:
    """(column index, header text) of the group column, or None when the table has none.

    The "group" role is taken off the header (the rest of the loader does not read it, and a table
    may carry several: ministry and province). A column the caller names but the header rows do not
    hold is a problem listing the headers found.
    """
    vocabulary = header.columns("group")
    for c in vocabulary:
        del header.roles[c]
    if named is None:
        return (vocabulary[0], header.names[vocabulary[0]]) if vocabulary else None
    key = match_key(normalize_text(named))
    found: list[str] = []
    for r in header.rows:
        for c, cell in enumerate(grid.iloc[r]):
            text = normalize_text(cell)
            if key and match_key(text) == key:
                return c, text
            if text:
                found.append(text)
    headers = ", ".join(f"'{t}'" for t in found) or _("none")
    why = _("a group column with this header; the headers are {headers}").format(headers=headers)
    col.add(header.row + 1, None, normalize_text(named), why)
    return None


def read_groups(col: Collector, grid: pd.DataFrame, column: tuple[int, str] | None, scores, origin) -> pd.DataFrame:
    """The group of each agency-year of ``scores`` (:data:`GROUP_COLUMNS`), read on the rows ``origin``
    gives; a problem for each other group an agency-year is given (at its first row)."""
    if column is None:
        return ungrouped(scores)
    c, name = column
    rows = origin["row"].astype("int64")
    cells = pd.Series(grid[c].reindex(rows.to_numpy() - 1).to_numpy(), index=scores.index)
    frame = pd.DataFrame(
        {"agency": scores["agency"], "fiscal_year": scores["fiscal_year"], "group": unique_map(cells, normalize_text)}
    ).assign(row=rows)
    frame = frame.drop_duplicates(["agency", "fiscal_year", "group"])  # first row of each group given
    given = frame[frame["group"] != ""]
    first = given.drop_duplicates(_KEY)
    others = given[~given.index.isin(first.index)].merge(first, on=_KEY, suffixes=("", "_first"))
    for r in others.itertuples(index=False):
        why = _("one group for {agency}, fiscal year {year}: row {row} gives '{group}'").format(
            agency=r.agency, year=r.fiscal_year, row=r.row_first, group=r.group_first
        )
        col.add(int(r.row), name, r.group, why)
    return _one_per_key(ungrouped(scores), first)


def ungrouped(scores: pd.DataFrame) -> pd.DataFrame:
    """Each agency-year of ``scores`` once, in order of appearance, with the group ""."""
    keys = scores[_KEY].drop_duplicates().reset_index(drop=True)
    return keys.assign(group="")[GROUP_COLUMNS]


def _one_per_key(keys: pd.DataFrame, given: pd.DataFrame) -> pd.DataFrame:
    """``keys`` (agency-years, group "") with the group of ``given`` where it has one."""
    merged = keys.drop(columns="group").merge(given[[*_KEY, "group"]], on=_KEY, how="left", sort=False)
    merged["group"] = merged["group"].fillna("").astype("object")
    merged["fiscal_year"] = merged["fiscal_year"].astype("Int64")
    return merged[GROUP_COLUMNS]


def combine_groups(parts: list[tuple[str, pd.DataFrame, pd.DataFrame, str | None]]) -> tuple:
    """(groups, group_name, problems) of several files: ``parts`` are (file, its scores, its groups,
    the header of its group column). Every agency-year of the scores has a row (group "" where no
    file gives one); group_name is the first file's header; an agency-year that two files put in
    different groups is a problem of the later file."""
    name = next((n for *_, n in parts if n is not None), None)
    keys = [ungrouped(scores) for _file, scores, _groups, _name in parts if len(scores)]
    if not keys:
        return empty_groups(), name, []
    frames = [g.assign(src_file=f, src_column=n) for f, _scores, g, n in parts if len(g)]
    every = pd.concat(frames, ignore_index=True) if frames else empty_groups()
    given = every[every["group"] != ""]
    first = given.drop_duplicates(_KEY)
    clash = given.drop_duplicates([*_KEY, "group"])
    clash = clash[~clash.index.isin(first.index)].merge(first, on=_KEY, suffixes=("", "_first"))
    problems = [
        Problem(
            r.src_file,
            None,
            r.src_column,
            r.group,
            _("one group for {agency}, fiscal year {year}: {file} gives '{group}'").format(
                agency=r.agency, year=r.fiscal_year, file=r.src_file_first, group=r.group_first
            ),
        )
        for r in clash.itertuples(index=False)
    ]
    every_key = pd.concat(keys, ignore_index=True).drop_duplicates(_KEY)
    return _one_per_key(every_key, first), name, problems
