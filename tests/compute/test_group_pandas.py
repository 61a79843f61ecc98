"""The group figures of a synthetic national-like year checked against a computation in plain
pandas, written here from the method (tool means, weights, pass mark, levels from the framework
files) and sharing no code with the package's scoring or group analysis."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ita_analysis.compute import group_members
from ita_analysis.compute.group import group_analysis
from ita_analysis.compute.scoring import score
from ita_analysis.frameworks import load_framework
from ita_analysis.synthetic import synth_scores

YEARS = (2565, 2566)  # letter grades, then ratings with a minimum for every tool
KINDS = ("กระทรวง", "จังหวัด")


def half_up(x):
    return np.floor(np.asarray(x, dtype=float) * 100 + 0.5 + 1e-7) / 100


def by_hand(raw: pd.DataFrame, year: int) -> pd.DataFrame:
    """agency, the group columns, tool means, total and level of each agency of ``year``, in pandas."""
    fw = load_framework(year)
    rows = raw[raw["fiscal_year"] == year].copy()
    rows["tool"] = rows["indicator"].map({i.number: i.tool for i in fw.indicators})
    tools = rows.pivot_table(index="agency", columns="tool", values="score", aggfunc="mean")
    weights = pd.Series({t.code: t.weight for t in fw.tools})
    out = pd.DataFrame({"total": half_up((tools[weights.index] * weights).sum(axis=1))}, index=tools.index)
    rounded = pd.DataFrame(half_up(tools), index=tools.index, columns=tools.columns)
    level = pd.Series("", index=out.index)
    for lv in reversed(fw.levels):  # the highest level reached wins: written last
        ok = out["total"] >= lv.min_total
        if lv.min_each_tool is not None:
            ok &= (rounded >= lv.min_each_tool).all(axis=1)
        level[ok] = lv.label
    out["level"] = level
    kinds = rows.drop_duplicates("agency").set_index("agency")[list(KINDS)]
    return out.join(kinds)


@pytest.fixture(scope="module")
def data():
    raw = synth_scores(1500, YEARS, groups=True, seed=7)
    pairs = zip(raw["fiscal_year"], raw["indicator"], strict=True)
    tidy = raw.assign(tool=[load_framework(int(y)).tool_of()[int(n)] for y, n in pairs])
    keys = raw.drop_duplicates(["agency", "fiscal_year"])
    members = group_members.combine(*(group_members.from_groups(keys.rename(columns={k: "group"}), k) for k in KINDS))
    return raw, group_analysis(score(tidy), members, YEARS[1])


@pytest.mark.parametrize("kind", KINDS)
def test_means_medians_shares_and_counts_match_pandas(data, kind):
    raw, analysis = data
    now, before = by_hand(raw, YEARS[1]), by_hand(raw, YEARS[0])
    fw = load_framework(YEARS[1])
    ours = analysis.overview[analysis.overview["kind"] == kind].set_index("group")
    g = now.groupby(kind)["total"]
    expected = pd.DataFrame(
        {
            "n": g.size(),
            "mean": g.mean(),
            "median": g.median(),
            "share_at_pass": now["total"].ge(fw.pass_mark).groupby(now[kind]).mean() * 100,
            "mean_previous": before.groupby(kind)["total"].mean(),
        }
    )
    assert sorted(ours.index) == sorted(expected.index)
    assert len(expected) == {"กระทรวง": 20, "จังหวัด": 77}[kind]
    diff = (ours[expected.columns].astype(float) - expected.loc[ours.index]).abs()
    assert (diff <= 0.01).all().all(), diff.max()
    counts = pd.crosstab(now[kind], now["level"]).reindex(columns=list(fw.grade_labels()), fill_value=0)
    levels = analysis.levels[analysis.levels["kind"] == kind]
    got = levels.pivot_table(index="group", columns="level", values="count", aggfunc="sum")
    assert (got.reindex(index=counts.index, columns=counts.columns) == counts).all().all()


def test_indicator_means_and_shares_below_match_pandas(data):
    raw, analysis = data
    fw = load_framework(YEARS[1])
    rows = raw[raw["fiscal_year"] == YEARS[1]]
    g = rows.groupby(["จังหวัด", "indicator"])["score"]
    expected = pd.DataFrame(
        {
            "mean": g.mean(),
            "share_below": rows["score"].lt(fw.pass_mark).groupby([rows["จังหวัด"], rows["indicator"]]).mean() * 100,
        }
    )
    ours = analysis.indicators[analysis.indicators["kind"] == "จังหวัด"].set_index(["group", "indicator"])
    diff = (ours[expected.columns] - expected.loc[ours.index]).abs()
    assert len(ours) == 77 * len(fw.numbers) and (diff <= 0.01).all().all()
