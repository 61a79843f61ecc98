"""Peer comparison: where each agency stands among the agencies of the data, year by year.

The input is a summary (:func:`ita_analysis.compute.scoring.score` over every agency of the data,
every year) and, optionally, the group of each agency-year (:attr:`ita_analysis.ingest.table.Loaded.groups`:
agency, fiscal_year, group; "" = ungrouped). Totals are compared as published: on their two-decimal
figures. Ranks: 1 = the highest total of the year; agencies with the same total share the lowest
rank (1, 2, 2, 4). Percentile: the percentage of the year's agencies whose total is at or below the
agency's (the top agency has 100.00). An agency alone in its year has no peers: no rank and no
percentile (empty, not 1 and 100.00).

The pass mark and the grades or ratings come from each year's framework; the national figures of a
year (for a lone agency's document) from the framework's ``[national]`` table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ita_analysis.compute.scoring import round2
from ita_analysis.frameworks import Framework

KEY = ["agency", "fiscal_year"]
ALL_AGENCIES = "ทั้งหมด"
"""The ``group`` of :func:`peer_summary`'s rows over all the agencies of a year."""
PEER_COLUMNS = ["agency", "fiscal_year", "total", "rank", "percentile"]
GROUP_COLUMNS = ["group", "group_rank", "group_size"]
MOVEMENT_COLUMNS = ["moved_up", "moved_down", "same"]


def _totals(summary: pd.DataFrame) -> pd.DataFrame:
    """agency, fiscal_year (int), total (2 decimals), grade when given, in input order."""
    missing = [c for c in (*KEY, "total") if c not in summary.columns]
    if missing:
        raise ValueError(f"summary lacks column(s) {missing}; it has {list(summary.columns)}")
    df = summary[[c for c in (*KEY, "total", "grade") if c in summary.columns]].reset_index(drop=True)
    if df["total"].isna().any():
        raise ValueError(f"summary has no total for {df.loc[df['total'].isna(), KEY].values.tolist()}")
    if df.duplicated(KEY).any():
        raise ValueError(f"summary has more than one row for {df.loc[df.duplicated(KEY), KEY].values.tolist()}")
    return df.assign(fiscal_year=df["fiscal_year"].astype("int64"), total=round2(df["total"].to_numpy(float)))


def _group_of(df: pd.DataFrame, groups: pd.DataFrame | None) -> pd.Series | None:
    """Each row's group ("" where none); None when there are no groups or all are ""."""
    if groups is None or groups.empty:
        return None
    g = groups[[*KEY, "group"]].astype({"fiscal_year": "int64"}).drop_duplicates(KEY)
    merged = df[KEY].merge(g, on=KEY, how="left", sort=False)
    out = pd.Series(merged["group"].fillna("").astype(str).to_numpy(), index=df.index)
    return None if (out == "").all() else out


def rank_within(totals: pd.Series, by: list[pd.Series]) -> pd.Series:
    """1 = the highest total within ``by`` (Int64); ties share the lowest rank (1, 2, 2, 4)."""
    return totals.groupby(by).rank(method="min", ascending=False).astype("Int64")


def peer_table(summary: pd.DataFrame, groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per agency-year: agency, fiscal_year, total, rank, percentile; with groups also
    group, group_rank, group_size.

    rank: 1 = the highest 2-decimal total of the year, ties share the lowest rank (1, 2, 2, 4).
    percentile: the percentage of the year's agencies whose total is at or below this one, 2 decimals
    (the top agency has 100.00). In a year of one agency both are empty (``<NA>``, NaN), and so is
    its group_rank: there is no one to rank it against. group_rank and group_size: the same within the year's group
    (``<NA>`` for an ungrouped agency, group ""). The group columns are left out when ``groups`` is
    None or every group is "". Sorted by year, then rank, then input order.
    """
    df = _totals(summary)
    year = df["fiscal_year"]
    size = df.groupby("fiscal_year")["total"].transform("size")
    at_or_below = df.groupby("fiscal_year")["total"].rank(method="max")
    alone = (size < 2).to_numpy()  # no peers in the year: no rank, no percentile
    df["rank"] = rank_within(df["total"], [year]).mask(alone)
    df["percentile"] = np.where(alone, np.nan, round2((at_or_below / size * 100).to_numpy()))
    columns = list(PEER_COLUMNS)
    group = _group_of(df, groups)
    if group is not None:
        df["group"] = group
        grouped = group != ""
        sub = df[grouped]
        df["group_rank"] = pd.Series(pd.NA, index=df.index, dtype="Int64")
        df["group_size"] = pd.Series(pd.NA, index=df.index, dtype="Int64")
        df.loc[grouped, "group_rank"] = rank_within(sub["total"], [sub["fiscal_year"], sub["group"]])
        df["group_rank"] = df["group_rank"].mask(alone)
        df.loc[grouped, "group_size"] = sub.groupby(["fiscal_year", "group"])["total"].transform("size")
        columns += GROUP_COLUMNS
    df = df.assign(_order=np.arange(len(df))).sort_values(["fiscal_year", "rank", "_order"], kind="stable")
    return df[columns].reset_index(drop=True)


def peer_summary(
    summary: pd.DataFrame, framework_for_year: Callable[[int], Framework], groups: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per fiscal year, a row over all the agencies (group "ทั้งหมด") and one per group.

    ``framework_for_year``: the framework of a year (e.g. :func:`ita_analysis.frameworks.load_framework`).
    ``summary`` needs agency, fiscal_year, total and grade. Columns: fiscal_year, group, n, mean and
    median (of the 2-decimal totals, 2 decimals), share_at_pass (percentage of the agencies whose
    2-decimal total reaches the year's pass mark, 2 decimals), ``count_<label>`` for each grade or
    rating of the frameworks in the data (``<NA>`` in a year whose framework has no such level), and
    the movement since the previous fiscal year (year - 1) of the agencies present both years:
    moved_up, moved_down, same, by the position of the grade among its framework's levels
    (:meth:`~ita_analysis.frameworks.Framework.level_rank`, 0 = the highest); ``<NA>`` when the
    previous year is not in the data. Across a change of grading (letters to ratings, FY2565 to
    FY2566) the positions are compared all the same: the highest letter and the highest rating are
    both position 0, and so on, so "moved up" there means a higher position on the new scale than on
    the old one. Agencies whose grade is not a level of its framework are left out of the movement.
    Groups are sorted by name, ungrouped agencies (group "") last.
    """
    df = _totals(summary)
    if "grade" not in df.columns:
        raise ValueError(f"summary lacks column 'grade'; it has {list(summary.columns)}")
    group = _group_of(df, groups)
    df["group"] = "" if group is None else group
    years = sorted(df["fiscal_year"].unique())
    frameworks = {int(y): framework_for_year(int(y)) for y in years}
    labels = list(dict.fromkeys(lv.label for y in years for lv in frameworks[int(y)].levels))
    rows = []
    for y in years:
        block = df[df["fiscal_year"] == y]
        previous = df[df["fiscal_year"] == y - 1]
        before = _levels(previous, framework_for_year(int(y) - 1)) if len(previous) else None
        parts = [(ALL_AGENCIES, block)]
        if group is not None:
            names = sorted(block["group"].unique(), key=lambda g: (g == "", g))
            parts += [(g, block[block["group"] == g]) for g in names]
        for name, part in parts:
            rows.append({"fiscal_year": int(y), "group": name, **_stats(part, frameworks[int(y)], labels, before)})
    out = pd.DataFrame(rows)
    counts = [f"count_{label}" for label in labels]
    return out.astype({c: "Int64" for c in ["n", *counts, *MOVEMENT_COLUMNS]})


def spread(totals: np.ndarray, pass_mark: float | None = None) -> dict[str, float]:
    """mean, median and share_at_pass (the percentage of totals at or above ``pass_mark``; NaN
    without one) of 2-decimal totals, each 2 decimals."""
    share = float(round2(100.0 * np.mean(totals >= pass_mark - 1e-9))) if pass_mark is not None else float("nan")
    return {"mean": float(round2(totals.mean())), "median": float(round2(np.median(totals))), "share_at_pass": share}


def level_counts(grades: pd.Series, by: list[pd.Series], labels) -> pd.DataFrame:
    """Agencies per grade or rating: one row per group of ``by`` (its index), one column per label
    of ``labels`` in that order (int64, 0 where none; a grade not in ``labels`` is not counted)."""
    table = grades.groupby(by, sort=False).value_counts().unstack(fill_value=0)
    return table.reindex(columns=list(labels), fill_value=0).astype("int64")


def _levels(block: pd.DataFrame, framework: Framework) -> pd.Series:
    """Agency -> the position of its grade among the framework's levels (0 = the highest; NaN unknown)."""
    ranks = block["grade"].map(lambda g: framework.level_rank(str(g)))
    return pd.Series(ranks.to_numpy(dtype=float), index=block["agency"].to_numpy())


def _stats(part: pd.DataFrame, fw: Framework, labels: list[str], before: pd.Series | None) -> dict:
    known = set(fw.grade_labels())
    row = {"n": len(part), **spread(part["total"].to_numpy(float), fw.pass_mark)}
    counts = level_counts(part["grade"], [pd.Series(0, index=part.index)], labels).iloc[0]
    for label in labels:
        row[f"count_{label}"] = int(counts[label]) if label in known else pd.NA
    if before is None:
        return {**row, **dict.fromkeys(MOVEMENT_COLUMNS, pd.NA)}
    now = _levels(part, fw)
    then = before.reindex(now.index)
    both = now.notna() & then.notna()
    now, then = now[both], then[both]
    return {
        **row,
        "moved_up": int((now < then).sum()),
        "moved_down": int((now > then).sum()),
        "same": int((now == then).sum()),
    }


@dataclass(frozen=True)
class Standing:
    """What a document's short peer paragraph says about one agency in one year."""

    agency: str
    fiscal_year: int
    total: float
    rank: int | None  # None: alone in its year (n 1), no one to rank it against
    n: int  # agencies of the year in the data
    tied: int  # agencies of the year with the same total (1 = none shares it)
    percentile: float  # NaN when alone in its year
    mean: float
    median: float
    share_at_pass: float
    group: str = ""
    group_name: str | None = None  # the header of the group column, e.g. "กระทรวง"
    group_rank: int | None = None
    group_size: int | None = None
    group_mean: float | None = None
    group_median: float | None = None


def agency_standing(
    peers: pd.DataFrame,
    agency: str,
    fiscal_year: int,
    *,
    framework: Framework | None = None,
    group_name: str | None = None,
) -> Standing:
    """The standing of one agency-year, from :func:`peer_table` (``peers``: every agency of the year,
    other years may be there too). The year's n, mean and median (and the group's) are those of the
    2-decimal totals in ``peers``, as :func:`peer_summary` gives them; share_at_pass needs the year's
    ``framework`` (NaN without it). ``group_name``: the header of the group column
    (:attr:`~ita_analysis.ingest.table.Loaded.group_name`), for the sentence. Raises KeyError when
    the agency-year is not in ``peers``. An agency alone in its year has no rank (None) and no
    percentile (NaN)."""
    year = int(fiscal_year)
    same_year = peers[peers["fiscal_year"] == year]
    mine = same_year[same_year["agency"] == agency]
    if mine.empty:
        raise KeyError(f"{agency}, fiscal year {year} is not in the peer table")
    r = mine.iloc[0]
    totals = same_year["total"].to_numpy(float)
    standing = dict(
        agency=agency,
        fiscal_year=year,
        total=float(r["total"]),
        rank=None if pd.isna(r["rank"]) else int(r["rank"]),
        n=len(same_year),
        tied=int((totals == float(r["total"])).sum()),
        percentile=float(r["percentile"]),
        **spread(totals, framework.pass_mark if framework else None),
    )
    group = str(r["group"]) if "group" in peers.columns else ""
    if group and not pd.isna(r["group_rank"]):
        g = spread(same_year.loc[same_year["group"] == group, "total"].to_numpy(float))
        standing.update(
            group=group,
            group_name=group_name,
            group_rank=int(r["group_rank"]),
            group_size=int(r["group_size"]),
            group_mean=g["mean"],
            group_median=g["median"],
        )
    return Standing(**standing)
