"""A group's indicators, the agencies to watch and the items most often at 0: every group of a
year at once (see :mod:`ita_analysis.compute.group` for the choices they share).

- Indicators: an indicator is below the pass mark when its two-decimal score is below the year's
  pass mark (the framework's), the measure of one agency's weak indicators. Indicators are compared
  with the previous year by number.
- Watch list: each member whose total is below the pass mark or fell two years running. The points
  to pass are those of the target-gap plan (:func:`~ita_analysis.compute.target_gap.plan_target`)
  to the pass mark's total alone (no tool minimum: passing asks the total only), made once per
  agency, not once per group.
- Items at 0: an item scored 0 (two decimals) is the cheapest point for the group as a whole; its
  worth in an agency's total is that of :func:`~ita_analysis.compute.items.item_worth`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ita_analysis.compute.group_members import KEY, member_rows, year_rows
from ita_analysis.compute.items import item_code_key, item_worth
from ita_analysis.compute.peers import rank_within
from ita_analysis.compute.scoring import round2
from ita_analysis.compute.target_gap import Goal, plan_target
from ita_analysis.frameworks import Framework, load_framework

INDICATOR_COLUMNS = [
    *KEY, "indicator", "tool", "n", "mean", "n_below", "share_below", "mean_previous", "change", "all_mean",
    "all_share_below",
]  # fmt: skip
WATCH_COLUMNS = [
    *KEY, "agency", "total", "grade", "gap", "furthest", "points_to_pass", "reachable", "total_previous",
    "change", "change_previous", "fell_below", "below_two_years", "fell_two_years",
]  # fmt: skip
ZERO_ITEM_COLUMNS = [
    *KEY, "rank", "item", "indicator", "tool", "text", "n_scored", "n_zero", "share_zero", "worth_in_total",
    "group_gain",
]  # fmt: skip
_EPS = 1e-9


def _indicator_stats(rows: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """n, mean, n_below, share_below per kind, group and indicator (index) of ``rows``' ind_ columns."""
    columns = [f"ind_{n}" for n in fw.numbers if f"ind_{n}" in rows.columns]
    long = rows[[*KEY, *columns]].melt(id_vars=KEY, var_name="indicator", value_name="score").dropna(subset="score")
    long["indicator"] = long["indicator"].str.slice(4).astype("int64")
    long["below"] = round2(long["score"].to_numpy(float)) < fw.pass_mark - _EPS
    g = long.groupby([*KEY, "indicator"], sort=False)
    out = pd.DataFrame({"n": g.size(), "mean": g["score"].mean(), "n_below": g["below"].sum()})
    out["mean"] = round2(out["mean"].to_numpy(float))
    out["share_below"] = round2(100.0 * out["n_below"].to_numpy(float) / out["n"].to_numpy(float))
    return out


def indicator_table(summary: pd.DataFrame, members: pd.DataFrame, fiscal_year: int, previous_year: int) -> pd.DataFrame:
    """Per group and indicator (:data:`INDICATOR_COLUMNS`): tool, n (members with a score), mean
    (2 decimals), n_below and share_below (% of n below the pass mark), mean_previous (the previous
    year's members) and change, all_mean and all_share_below (every agency of the data)."""
    fw = load_framework(fiscal_year)
    out = _indicator_stats(member_rows(summary, members, fiscal_year), fw).reset_index()
    everyone = year_rows(summary, fiscal_year).assign(kind="", group="")
    every = _indicator_stats(everyone, fw).reset_index(level=KEY, drop=True)
    out["all_mean"] = out["indicator"].map(every["mean"])
    out["all_share_below"] = out["indicator"].map(every["share_below"])
    out["mean_previous"] = np.nan
    if (summary["fiscal_year"].astype("int64") == previous_year).any():
        before = _indicator_stats(member_rows(summary, members, previous_year), load_framework(previous_year))
        out["mean_previous"] = out.set_index([*KEY, "indicator"]).index.map(before["mean"]).to_numpy(float)
    out["change"] = round2((out["mean"] - out["mean_previous"]).to_numpy(float))
    out["tool"] = out["indicator"].map(fw.tool_of())
    return out.astype({"n": "int64", "n_below": "int64"})[INDICATOR_COLUMNS]


def _pass_goal(fw: Framework) -> Goal:
    """The pass mark as a goal: the total alone, labelled with the level it is (A; ผ่าน)."""
    level = fw.level_for(fw.pass_mark, dict.fromkeys(fw.tool_codes, 0.0))
    return Goal(fw.pass_mark, None, None if level is None else level.label, f"{fw.pass_mark:.2f}")


def points_to_pass(rows: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """points_to_pass (indicator points the target-gap plan raises) and reachable, per agency of
    ``rows`` (summary rows with ind_ columns), indexed by agency."""
    goal = _pass_goal(fw)
    columns = [f"ind_{n}" for n in fw.numbers]
    points, reachable = [], []
    for values in rows[columns].to_numpy(float):
        plan = plan_target(dict(zip(fw.numbers, values, strict=True)), fw, goal)
        points.append(plan.points)
        reachable.append(plan.reachable)
    return pd.DataFrame({"points_to_pass": points, "reachable": reachable}, index=rows["agency"].to_numpy())


def _agency_watch(summary: pd.DataFrame, fiscal_year: int, previous_year: int) -> pd.DataFrame:
    """Each agency of the year with its totals of the two years before, the flags and the points to pass."""
    fw = load_framework(fiscal_year)
    now = year_rows(summary, fiscal_year)
    totals = [year_rows(summary, y).set_index("agency")["total"] for y in (previous_year, previous_year - 1)]
    out = now[["agency", "total", "grade"]].reset_index(drop=True)
    out["total_previous"] = out["agency"].map(totals[0])
    before = out["total_previous"].to_numpy(float)
    out["change"] = round2(out["total"].to_numpy(float) - before)
    out["change_previous"] = round2(before - out["agency"].map(totals[1]).to_numpy(float))
    below = out["total"] < fw.pass_mark - _EPS
    out["gap"] = np.where(below, round2((fw.pass_mark - out["total"]).to_numpy(float)), np.nan)
    out["fell_below"] = below & (out["total_previous"] >= fw.pass_mark - _EPS)
    out["below_two_years"] = below & (out["total_previous"] < fw.pass_mark - _EPS)
    out["fell_two_years"] = (out["change"] < 0) & (out["change_previous"] < 0)
    out = out[below | out["fell_two_years"]].reset_index(drop=True)
    short = out.loc[out["total"] < fw.pass_mark - _EPS, "agency"]
    return out.join(points_to_pass(now[now["agency"].isin(short)], fw), on="agency")


def watch_table(summary: pd.DataFrame, members: pd.DataFrame, fiscal_year: int, previous_year: int) -> pd.DataFrame:
    """The members to watch (:data:`WATCH_COLUMNS`): below the pass mark (gap: points of the total
    short of it; furthest: 1 = the furthest of the group; points_to_pass, reachable), fell_below
    (at or above it the previous year), below_two_years, fell_two_years (the total fell in each of
    the last two years, above the pass mark or not)."""
    agencies = _agency_watch(summary, fiscal_year, previous_year)
    year = members.loc[members["fiscal_year"] == int(fiscal_year), [*KEY, "agency"]]
    out = year.merge(agencies, on="agency", how="inner", sort=False)
    out["furthest"] = rank_within(out["gap"], [out[k] for k in KEY])
    return out[WATCH_COLUMNS]


def zero_items(items: pd.DataFrame, members: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """Per group, the items some member scored 0 (:data:`ZERO_ITEM_COLUMNS`): n_scored (members
    with a score for it), n_zero, share_zero (% of n_scored), worth_in_total (points of an agency's
    total the item adds by reaching 100 from 0), group_gain (what the group's mean total gains when
    every member at 0 reaches 100: n_zero x worth / n_scored), rank (1 = most often at 0; then the
    higher worth; then item code)."""
    fw = load_framework(fiscal_year)
    cur = items[items["fiscal_year"].astype("int64") == int(fiscal_year)].drop_duplicates(["agency", "item"])
    if "indicator" not in cur.columns:  # item scores as synthesised: the indicator from the item code
        cur = cur.assign(indicator=cur["item"].map(fw.item_indicator()))
    cur = cur.dropna(subset="indicator").assign(text=cur.get("text", ""))
    cur = cur.assign(indicator=cur["indicator"].astype("int64"), zero=round2(cur["score"].to_numpy(float)) <= 0)
    year = members.loc[members["fiscal_year"] == int(fiscal_year), [*KEY, "agency"]]
    joined = year.merge(cur[["agency", "item", "indicator", "zero"]], on="agency", how="inner", sort=False)
    g = joined.groupby([*KEY, "item", "indicator"], sort=False)["zero"]
    out = pd.DataFrame({"n_scored": g.size(), "n_zero": g.sum()}).reset_index()
    out = out[out["n_zero"] > 0].reset_index(drop=True)
    distinct = cur.drop_duplicates("item")[["item", "indicator"]].assign(score=0.0)
    distinct["tool"] = distinct["indicator"].map(fw.tool_of())
    worth = pd.Series(item_worth(distinct, fw), index=distinct["item"].to_numpy())
    texts = cur[cur["text"].fillna("") != ""].drop_duplicates("item").set_index("item")["text"]
    out["tool"] = out["indicator"].map(fw.tool_of())
    out["text"] = [texts.get(c) or fw.item_text(c) for c in out["item"]]
    out["share_zero"] = round2(100.0 * out["n_zero"].to_numpy(float) / out["n_scored"].to_numpy(float))
    exact = out["item"].map(worth).to_numpy(float)
    out["worth_in_total"] = round2(exact)
    out["group_gain"] = round2(out["n_zero"].to_numpy(float) * exact / out["n_scored"].to_numpy(float))
    out = out.assign(_w=-exact, _code=out["item"].map(item_code_key), _z=-out["n_zero"])
    out = out.sort_values([*KEY, "_z", "_w", "_code"], kind="stable")
    out["rank"] = out.groupby(KEY, sort=False).cumcount() + 1
    return out.astype({"n_scored": "int64", "n_zero": "int64"})[ZERO_ITEM_COLUMNS].reset_index(drop=True)
