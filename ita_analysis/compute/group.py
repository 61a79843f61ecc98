"""A group of agencies in one fiscal year (a province, a ministry, all the agencies): its figures
as values, for every group of the year at once.

Each table holds every group of the year, one ``groupby`` over the year's rows (no loop filtering
the data group by group), keyed by kind and group (:mod:`~ita_analysis.compute.group_members`);
:meth:`GroupAnalysis.of` picks one group's rows for its report.

Choices (docs/groups.md):

- Totals are the published two-decimal totals; the mean, median, quartiles and standard deviation
  of a group are rounded half up to two decimals, like every printed figure. The spread is given
  as min, max, the quartiles q1 and q3 (linear interpolation, pandas' and numpy's default) and the
  sample standard deviation (n - 1; empty for a group of one agency).
- "At or above the pass mark": a two-decimal total reaching the year's pass mark (framework).
- The previous year is fiscal_year - 1 unless given. The group's previous-year figures are those of
  its members *of that year* (the group as it was reported then); each agency's change in the
  ranking table is its own total's change. n_stayed, n_joined and n_left compare the members
  with scores in the two years.
- National figures: ``all_*`` are those of every agency of the data in the year (the national
  figures when the data is the national table); ``nacc_*`` are NACC's published national figures
  of the framework's ``[national]`` table (empty where unknown), as the documents' national
  paragraph gives them.
- ``notes``: machine-readable codes (:data:`NOTES`) joined by ";".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ita_analysis.compute.group_detail import indicator_table, watch_table, zero_items
from ita_analysis.compute.group_members import KEY, all_agencies, carry_back, combine, kinds, member_rows, year_rows
from ita_analysis.compute.peers import ALL_AGENCIES, level_counts, rank_within
from ita_analysis.compute.scoring import round2
from ita_analysis.frameworks import Framework, National, load_framework, tool_column

NOTES = {
    "one_agency": "the group has one agency: no spread, its rank is 1 of 1",
    "no_previous_year": "the data holds no scores of the previous year: no change can be given",
    "new_group": "the group had no agency with scores in the previous year",
    "members_changed": "agencies joined or left the group since the previous year (n_joined, n_left)",
    "members_carried_back": "the data gives no group of this kind in the previous year: the previous figures are "
    "those of this year's members",
}
"""The codes of the overview's ``notes`` column and what each says."""
STATS = ["n", "mean", "median", "sd", "min", "q1", "q3", "max", "n_at_pass", "share_at_pass"]
OVERVIEW_COLUMNS = [
    *KEY, "fiscal_year", *STATS, "previous_year", "n_previous", "mean_previous", "median_previous",
    "share_at_pass_previous", "change_mean", "change_median", "change_share_at_pass", "n_stayed", "n_joined",
    "n_left", "all_n", "all_mean", "all_median", "all_share_at_pass", "nacc_agencies", "nacc_mean",
    "nacc_share_at_pass", "notes",
]  # fmt: skip
LEVEL_COLUMNS = [*KEY, "level", "level_en", "position", "count", "share", "count_previous"]
RANKING_COLUMNS = [
    *KEY, "rank", "agency", "total", "grade", "at_pass", "total_previous", "change", "grade_previous", "move",
    "in_group_previous",
]  # fmt: skip
"""Followed by each tool's score (iit, eit, oit: the year's framework's tools, lower case)."""
_EPS = 1e-9


def group_stats(rows: pd.DataFrame, pass_mark: float) -> pd.DataFrame:
    """:data:`STATS` of each group (index kind, group) over the two-decimal totals of ``rows``
    (:func:`~ita_analysis.compute.group_members.member_rows`)."""
    by = [rows[k] for k in KEY]
    g = rows["total"].groupby(by, sort=False)
    at_pass = (rows["total"] >= pass_mark - _EPS).groupby(by, sort=False).sum()
    n = g.size()
    out = pd.DataFrame(
        {
            "n": n,
            "mean": round2(g.mean().to_numpy()),
            "median": round2(g.median().to_numpy()),
            "sd": round2(g.std(ddof=1).to_numpy()),
            "min": g.min(),
            "q1": round2(g.quantile(0.25).to_numpy()),
            "q3": round2(g.quantile(0.75).to_numpy()),
            "max": g.max(),
            "n_at_pass": at_pass.reindex(n.index).astype("int64"),
        }
    )
    out["share_at_pass"] = round2(100.0 * out["n_at_pass"].to_numpy(float) / n.to_numpy(float))
    return out


def _membership(now: pd.DataFrame, before: pd.DataFrame | None) -> pd.DataFrame:
    """n_stayed, n_joined, n_left per group (index kind, group) from the members with scores."""
    if before is None:
        empty = pd.MultiIndex.from_arrays([[], []], names=KEY)
        return pd.DataFrame(columns=["n_stayed", "n_joined", "n_left"], index=empty, dtype="float64")
    both = now[[*KEY, "agency"]].merge(before[[*KEY, "agency"]], how="outer", indicator=True)
    flags = pd.DataFrame(
        {
            "n_stayed": both["_merge"] == "both",
            "n_joined": both["_merge"] == "left_only",
            "n_left": both["_merge"] == "right_only",
        }
    )
    return flags.groupby([both[k] for k in KEY], sort=False).sum().astype("int64")


def group_overview(
    summary: pd.DataFrame, members: pd.DataFrame, fiscal_year: int, previous_year: int | None = None
) -> pd.DataFrame:
    """One row per group of the year (:data:`OVERVIEW_COLUMNS`): its :data:`STATS`, the same of
    the previous year's members and the changes (mean, median: points; share: percentage points),
    the membership change, the figures of all the agencies of the data and NACC's national ones,
    and ``notes`` (:data:`NOTES`). Groups in the order of :func:`_order`."""
    year, prev = int(fiscal_year), _previous(fiscal_year, previous_year)
    fw = load_framework(year)
    rows = member_rows(summary, members, year)
    out = group_stats(rows, fw.pass_mark)
    has_prev = bool((summary["fiscal_year"].astype("int64") == prev).any())
    before_rows = member_rows(summary, members, prev) if has_prev else None
    if before_rows is not None:
        before = group_stats(before_rows, load_framework(prev).pass_mark)
        cols = ["n", "mean", "median", "share_at_pass"]
        out = out.join(before[cols].add_suffix("_previous"))
        for c in ("mean", "median", "share_at_pass"):
            out[f"change_{c}"] = round2((out[c] - out[f"{c}_previous"]).to_numpy(float))
    out = out.join(_membership(rows, before_rows))
    every = group_stats(year_rows(summary, year).assign(kind=ALL_AGENCIES, group=ALL_AGENCIES), fw.pass_mark)
    for c in ("n", "mean", "median", "share_at_pass"):
        out[f"all_{c}"] = every[c].iloc[0] if len(every) else np.nan
    nat = fw.national or National()
    nacc = {"nacc_agencies": nat.agencies, "nacc_mean": nat.mean, "nacc_share_at_pass": nat.share_at_pass}
    out = out.assign(**{k: np.nan if v is None else float(v) for k, v in nacc.items()})
    out = out.reset_index().assign(fiscal_year=year, previous_year=prev)
    out = out.reindex(columns=OVERVIEW_COLUMNS)
    ints = ["n", "n_at_pass", "n_previous", "n_stayed", "n_joined", "n_left", "all_n", "nacc_agencies"]
    out = out.astype({c: "Int64" for c in ints})
    out["notes"] = _notes(out, has_prev)
    return _order(out, members)


def _notes(out: pd.DataFrame, has_prev: bool) -> list[str]:
    flags = {
        "one_agency": out["n"] == 1,
        "no_previous_year": pd.Series(not has_prev, index=out.index),
        "new_group": out["n_previous"].isna() & has_prev,
        "members_changed": out["n_previous"].notna()
        & ((out["n_joined"].fillna(0) > 0) | (out["n_left"].fillna(0) > 0)),
    }
    return [";".join(code for code, f in flags.items() if f.iloc[i]) for i in range(len(out))]


def _carried_note(overview: pd.DataFrame, carried: set[str]) -> pd.DataFrame:
    """The overview with "members_carried_back" among the notes of the kinds in ``carried``; those
    groups' membership change is unknown (<NA>), not "no change"."""
    hit = overview["kind"].isin(carried)
    if not hit.any():
        return overview
    out = overview.copy()
    out.loc[hit, ["n_stayed", "n_joined", "n_left"]] = pd.NA
    out.loc[hit, "notes"] = [";".join(filter(None, [n, "members_carried_back"])) for n in out.loc[hit, "notes"]]
    return out


def _previous(fiscal_year: int, previous_year: int | None) -> int:
    return int(fiscal_year) - 1 if previous_year is None else int(previous_year)


def _order(table: pd.DataFrame, members: pd.DataFrame, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows by kind (:func:`~ita_analysis.compute.group_members.kinds` order), group name, then ``by``."""
    order = {k: i for i, k in enumerate(kinds(members))}
    keyed = table.assign(_kind=table["kind"].map(order), _row=np.arange(len(table)))
    keyed = keyed.sort_values(["_kind", "group", *by, "_row"], kind="stable")
    return keyed.drop(columns=["_kind", "_row"]).reset_index(drop=True)


def level_table(
    summary: pd.DataFrame, members: pd.DataFrame, fiscal_year: int, previous_year: int | None = None
) -> pd.DataFrame:
    """Agencies per grade or rating of each group (:data:`LEVEL_COLUMNS`): one row per level of the
    year's framework (position 0 = the highest), count, share (% of the group, 2 decimals) and
    count_previous (the previous year's members with that label; <NA> when the previous year's
    framework has no such level or the data has no previous year). Ratings (FY2566+) are the
    summary's, which apply the tool minimums as for one agency."""
    year, prev = int(fiscal_year), _previous(fiscal_year, previous_year)
    fw = load_framework(year)
    labels = list(fw.grade_labels())
    rows = member_rows(summary, members, year)
    counts = level_counts(rows["grade"], [rows[k] for k in KEY], labels)
    long = counts.rename_axis(columns="level").stack().rename("count").reset_index()
    long["share"] = round2(100.0 * long["count"] / long.groupby(KEY)["count"].transform("sum"))
    info = pd.DataFrame(
        {"level": labels, "level_en": [lv.label_en or lv.label for lv in fw.levels], "position": range(len(labels))}
    )
    long = long.merge(info, on="level", how="left")
    long["count_previous"] = pd.array([pd.NA] * len(long), dtype="Int64")
    if (summary["fiscal_year"].astype("int64") == prev).any():
        before = member_rows(summary, members, prev)
        known = [lab for lab in labels if lab in load_framework(prev).grade_labels()]
        then = level_counts(before["grade"], [before[k] for k in KEY], known)  # 0 where none, every group of then
        then = then.rename_axis(columns="level").stack().rename("then").reset_index()
        merged = long[[*KEY, "level"]].merge(then, on=[*KEY, "level"], how="left", sort=False)
        long["count_previous"] = pd.array(merged["then"].to_numpy(), dtype="Int64")
    return _order(long[LEVEL_COLUMNS], members, ("position",))


def ranking_table(
    summary: pd.DataFrame, members: pd.DataFrame, fiscal_year: int, previous_year: int | None = None
) -> pd.DataFrame:
    """Every member of every group, ranked within its group (:data:`RANKING_COLUMNS`, then each
    tool's score): rank (1 = the highest two-decimal total, ties share the lowest rank, as
    ``peers.csv``), total, grade, at_pass, total_previous and grade_previous (the agency's own
    previous year; empty where it has none), change (2 decimals), move ("up", "down", "same" by the
    position of the grade among its framework's levels, as ``peer_groups.csv``; "" unknown),
    in_group_previous (a member of the same group in the previous year)."""
    year, prev = int(fiscal_year), _previous(fiscal_year, previous_year)
    fw = load_framework(year)
    rows = member_rows(summary, members, year)
    rows["rank"] = rank_within(rows["total"], [rows[k] for k in KEY])
    rows["at_pass"] = rows["total"] >= fw.pass_mark - _EPS
    then = year_rows(summary, prev)[["agency", "total", "grade"]]
    then = then.rename(columns={"total": "total_previous", "grade": "grade_previous"})
    rows = rows.merge(then, on="agency", how="left", sort=False)
    rows["change"] = round2((rows["total"] - rows["total_previous"]).to_numpy(float))
    rows["move"] = _moves(rows, fw, prev)
    before = members.loc[members["fiscal_year"] == prev, [*KEY, "agency"]].drop_duplicates()
    rows = rows.merge(before.assign(in_group_previous=True), on=[*KEY, "agency"], how="left", sort=False)
    rows["in_group_previous"] = rows["in_group_previous"].astype("boolean").fillna(False).astype(bool)
    tools = [tool_column(c) for c in fw.tool_codes]
    return _order(rows[[*RANKING_COLUMNS, *tools]], members, ("rank",))


def _moves(rows: pd.DataFrame, fw: Framework, prev: int) -> np.ndarray:
    """up / down / same from the positions of the grades among their frameworks' levels."""
    if rows["grade_previous"].isna().all():
        return np.full(len(rows), "", dtype=object)
    before_fw = load_framework(prev)
    now = rows["grade"].map({lab: fw.level_rank(lab) for lab in fw.grade_labels()}).astype(float)
    then = rows["grade_previous"].map({lab: before_fw.level_rank(lab) for lab in before_fw.grade_labels()})
    then = then.astype(float)
    move = np.select([now < then, now > then, now == then], ["up", "down", "same"], default="")
    return move.astype(object)


@dataclass(frozen=True)
class GroupView:
    """One group's rows of each table of a :class:`GroupAnalysis` (a report's figures)."""

    kind: str
    group: str
    overview: pd.Series
    levels: pd.DataFrame
    ranking: pd.DataFrame
    indicators: pd.DataFrame
    watch: pd.DataFrame
    zero_items: pd.DataFrame | None

    @property
    def notes(self) -> tuple[str, ...]:
        """The overview's note codes (:data:`NOTES`)."""
        return tuple(code for code in str(self.overview["notes"]).split(";") if code)


@dataclass(frozen=True)
class GroupAnalysis:
    """Every group of one fiscal year: each table holds all the groups (see the functions that make
    them: :func:`group_overview`, :func:`level_table`, :func:`ranking_table`,
    :func:`~ita_analysis.compute.group_detail.indicator_table`,
    :func:`~ita_analysis.compute.group_detail.watch_table`,
    :func:`~ita_analysis.compute.group_detail.zero_items`; ``zero_items`` None without item scores)."""

    fiscal_year: int
    previous_year: int
    framework: Framework
    members: pd.DataFrame
    overview: pd.DataFrame
    levels: pd.DataFrame
    ranking: pd.DataFrame
    indicators: pd.DataFrame
    watch: pd.DataFrame
    zero_items: pd.DataFrame | None = None

    def groups(self) -> list[tuple[str, str]]:
        """(kind, group) of every group of the year, in the overview's order."""
        return list(self.overview[KEY].itertuples(index=False, name=None))

    def of(self, kind: str, group: str) -> GroupView:
        """One group's rows; KeyError when the year has no such group."""
        pick = self.overview[(self.overview["kind"] == kind) & (self.overview["group"] == group)]
        if pick.empty:
            raise KeyError(f"no group {kind} {group} in fiscal year {self.fiscal_year}")

        def rows(t: pd.DataFrame) -> pd.DataFrame:
            return t[(t["kind"] == kind) & (t["group"] == group)].reset_index(drop=True)

        tables = (self.levels, self.ranking, self.indicators, self.watch)
        items = None if self.zero_items is None else rows(self.zero_items)
        return GroupView(kind, group, pick.iloc[0], *map(rows, tables), items)


def group_analysis(
    summary: pd.DataFrame,
    members: pd.DataFrame,
    fiscal_year: int,
    *,
    items: pd.DataFrame | None = None,
    previous_year: int | None = None,
) -> GroupAnalysis:
    """Every table of every group of ``fiscal_year``. ``summary``: :func:`~ita_analysis.compute.scoring.score`
    of every agency-year of the data (the previous years too); ``members``: the memberships
    (:mod:`~ita_analysis.compute.group_members`), the group of all agencies added here; ``items``:
    the item scores (:func:`~ita_analysis.ingest.side_inputs.load_items`), optional."""
    year, prev = int(fiscal_year), _previous(fiscal_year, previous_year)
    members = combine(all_agencies(summary), members)
    if (summary["fiscal_year"].astype("int64") == prev).any():
        members, carried = carry_back(members, year, prev)
    else:
        carried = set()
    args = (summary, members, year, prev)
    zero = None if items is None or items.empty else _order(zero_items(items, members, year), members, ("rank",))
    return GroupAnalysis(
        fiscal_year=year,
        previous_year=prev,
        framework=load_framework(year),
        members=members,
        overview=_carried_note(group_overview(*args), carried),
        levels=level_table(*args),
        ranking=ranking_table(*args),
        indicators=_order(indicator_table(*args), members, ("indicator",)),
        watch=_order(watch_table(*args), members, ("furthest",)),
        zero_items=zero,
    )
