"""Who is in which group, year by year: the membership table the group analysis reads.

A *membership* row says an agency belongs, in one fiscal year, to one group of one *kind* (the
header of the column that names it: กระทรวง, จังหวัด, ประเภทหน่วยงาน, เขตตรวจราชการ ...). An agency
may belong to several kinds at once (a ministry and a province) and, where a mapping file says so,
to more than one group of a kind. Columns (:data:`MEMBER_COLUMNS`): agency (str), fiscal_year
(int64, BE), kind (str), group (str, never ""). The group of every agency of a year, kind and group
:data:`ALL_AGENCIES` ("ทั้งหมด"), is the whole country when the data is the national table.

Memberships come from a group column of the score table (:attr:`ita_analysis.ingest.table.Loaded.groups`,
:func:`from_groups`) or from a mapping file (:func:`ita_analysis.ingest.group_map.load_group_map`,
:func:`from_map`), or both (:func:`combine`).
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.compute.peers import ALL_AGENCIES
from ita_analysis.compute.scoring import round2

MEMBER_COLUMNS = ["agency", "fiscal_year", "kind", "group"]
KEY = ["kind", "group"]
"""The columns that name a group in every table of the group analysis."""


def empty_members() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "fiscal_year" else "object") for c in MEMBER_COLUMNS})


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[MEMBER_COLUMNS].astype({"fiscal_year": "int64", "agency": str, "kind": str, "group": str})
    return out[out["group"] != ""].drop_duplicates().reset_index(drop=True)


def from_groups(groups: pd.DataFrame, kind: str | None) -> pd.DataFrame:
    """Memberships from the loaded group column (agency, fiscal_year, group; "" = ungrouped, left
    out); ``kind``: the column's header (:attr:`~ita_analysis.ingest.table.Loaded.group_name`),
    "กลุ่ม" where None."""
    if groups is None or groups.empty:
        return empty_members()
    return _clean(groups.assign(kind=kind or "กลุ่ม"))


def from_map(group_map: pd.DataFrame, years) -> pd.DataFrame:
    """Memberships of ``years`` from a mapping file's rows (agency, fiscal_year, kind, group): a
    row without a year (<NA>) holds in every one of ``years``; a row with a year only in that year."""
    years = [int(y) for y in years]
    if group_map.empty or not years:
        return empty_members()
    every = group_map[group_map["fiscal_year"].isna()].drop(columns="fiscal_year")
    spread = every.merge(pd.DataFrame({"fiscal_year": years}), how="cross")
    dated = group_map[group_map["fiscal_year"].notna() & group_map["fiscal_year"].isin(years)]
    return _clean(pd.concat([spread, dated], ignore_index=True))


def all_agencies(summary: pd.DataFrame) -> pd.DataFrame:
    """The group of all the agencies of each year of ``summary`` (agency, fiscal_year): kind and
    group :data:`ALL_AGENCIES`."""
    keys = summary[["agency", "fiscal_year"]].drop_duplicates()
    return _clean(keys.assign(kind=ALL_AGENCIES, group=ALL_AGENCIES))


def combine(*parts: pd.DataFrame) -> pd.DataFrame:
    """Memberships of several sources together (the same row once)."""
    frames = [p for p in parts if p is not None and len(p)]
    return _clean(pd.concat(frames, ignore_index=True)) if frames else empty_members()


def kinds(members: pd.DataFrame) -> list[str]:
    """The kinds of group, in order of appearance, :data:`ALL_AGENCIES` first where present."""
    found = list(pd.unique(members["kind"]))
    return sorted(found, key=lambda k: k != ALL_AGENCIES)


def member_rows(summary: pd.DataFrame, members: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """The year's summary row of each member of each group (kind, group, then the summary's
    columns; total on two decimals), members without scores that year left out; in membership order."""
    year = int(fiscal_year)
    m = members.loc[members["fiscal_year"] == year, MEMBER_COLUMNS]
    s = year_rows(summary, year)
    return m.merge(s, on=["agency", "fiscal_year"], how="inner", sort=False)


def year_rows(summary: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """The summary rows of one year (fiscal_year int64, total rounded to two decimals as published)."""
    s = summary[summary["fiscal_year"].astype("int64") == int(fiscal_year)]
    return s.assign(fiscal_year=s["fiscal_year"].astype("int64"), total=round2(s["total"].to_numpy(float)))


def carry_back(members: pd.DataFrame, fiscal_year: int, previous_year: int) -> tuple[pd.DataFrame, set[str]]:
    """(memberships, kinds carried): for each kind that has members in ``fiscal_year`` but none in
    ``previous_year`` (a previous year's file without the group column), the year's members stand
    for the previous year too, so that the group's previous figures are those of its present members
    rather than none."""
    now = members[members["fiscal_year"] == int(fiscal_year)]
    then = set(members.loc[members["fiscal_year"] == int(previous_year), "kind"])
    carried = set(now["kind"]) - then
    extra = now[now["kind"].isin(carried)].assign(fiscal_year=int(previous_year))
    return combine(members, extra), carried
