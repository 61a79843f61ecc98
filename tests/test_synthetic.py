"""Synthetic score tables: deterministic, well formed, near the national figures, loadable."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import FIXTURES

from ita_analysis.compute.scoring import score
from ita_analysis.frameworks import available_years, load_framework
from ita_analysis.ingest.scores import load
from ita_analysis.ingest.side_inputs import load_items
from ita_analysis.synthetic import (
    BINARY_ABOVE,
    GROUP_COLUMNS,
    checklist_tools,
    national_means,
    synth_items,
    synth_scores,
    synth_summary,
)

YEARS = list(range(2562, 2569))


def cli(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ita_analysis", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8", **(env or {})},
    )


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    return synth_scores(2000, YEARS, groups=True, seed=0)


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return synth_scores(120, YEARS, groups=True, seed=7)


def _item_years() -> list[int]:
    return [y for y in YEARS if any(i.items for i in load_framework(y).indicators)]


def test_same_seed_same_table_other_seed_other_table(small):
    assert small.equals(synth_scores(120, YEARS, groups=True, seed=7))
    assert not small["score"].equals(synth_scores(120, YEARS, groups=True, seed=8)["score"])
    items = synth_items(small, seed=7)
    assert items.equals(synth_items(small, seed=7))


def test_a_year_does_not_depend_on_the_others_or_on_groups(small):
    alone = synth_scores(120, [2565], seed=7)
    within = small[small["fiscal_year"] == 2565].drop(columns=list(GROUP_COLUMNS)).reset_index(drop=True)
    assert within.equals(alone)


def test_shape_names_and_ranges(small):
    assert list(small.columns) == ["agency", *GROUP_COLUMNS, "fiscal_year", "indicator", "score"]
    assert len(small) == 120 * sum(len(load_framework(y).numbers) for y in YEARS)
    names = small["agency"].unique()
    assert len(names) == 120 and names[0] == "หน่วยงานสมมติ 001" and names[-1] == "หน่วยงานสมมติ 120"
    for year, block in small.groupby("fiscal_year"):
        assert sorted(block["indicator"].unique()) == sorted(load_framework(year).numbers)
    s = small["score"].to_numpy()
    assert s.min() >= 0 and s.max() <= 100
    assert np.allclose(s * 100, np.round(s * 100), atol=1e-6)  # two decimals
    assert synth_scores(5, [2565])["agency"].iloc[0] == "หน่วยงานสมมติ 1"


def test_means_and_shares_near_the_national_ones(national):
    summary = synth_summary(national).set_index("fiscal_year")
    means = national_means(YEARS)
    for year in YEARS:
        assert abs(summary.at[year, "mean"] - means[year]) < 1.0, year
        fw = load_framework(year)
        if fw.national is not None and fw.national.mean is not None:
            assert means[year] == fw.national.mean
        if fw.national is not None and fw.national.share_at_pass is not None:
            assert abs(summary.at[year, "share_at_pass"] - fw.national.share_at_pass) < 6.0, year
    assert summary["mean"].is_monotonic_increasing  # as the national means rise year on year


def test_a_year_without_a_national_mean_is_interpolated_or_takes_the_nearest():
    known = {y: load_framework(y).national.mean for y in available_years() if load_framework(y).national}
    known = {y: m for y, m in known.items() if m is not None}
    first, last = min(known), max(known)
    assert national_means([first - 1])[first - 1] == pytest.approx(known[first])  # FY2562: FY2563's 67.90
    assert national_means([last + 1])[last + 1] == pytest.approx(known[last])
    inside = [y for y in range(min(known), max(known)) if y not in known]
    for y in inside:
        assert min(known.values()) <= national_means([y])[y] <= max(known.values())


def test_checklist_indicators_spread_more_and_reach_100(national):
    fw = load_framework(2568)
    checklist = checklist_tools(fw)
    assert checklist and checklist < set(fw.tool_codes)
    block = national[national["fiscal_year"] == 2568]
    is_checklist = block["indicator"].map(lambda n: fw.indicator(n).tool in checklist)
    assert block.loc[is_checklist, "score"].std() > block.loc[~is_checklist, "score"].std()
    assert (block.loc[is_checklist, "score"] == 100).mean() > 0.2
    assert (block.loc[is_checklist, "score"] < 50).any()


def test_checklist_tools_come_from_the_nearest_year_listing_items():
    listing = [y for y in available_years() if any(i.items for i in load_framework(y).indicators)]
    for year in YEARS:
        fw = load_framework(year)
        source = fw if year in listing else load_framework(min(listing, key=lambda y: (abs(y - year), y)))
        expected = {i.tool for i in source.indicators if len(i.items) > BINARY_ABOVE}
        assert checklist_tools(fw) == expected


def test_groups_are_constant_per_agency_and_local_bodies_the_majority(national):
    per_agency = national.groupby("agency")[list(GROUP_COLUMNS)].nunique()
    assert (per_agency == 1).all().all()
    groups = national.drop_duplicates("agency")
    assert groups["กระทรวง"].nunique() <= 20 and groups["จังหวัด"].nunique() <= 77
    assert groups["จังหวัด"].str.match(r"^จังหวัดสมมติ \d\d$").all()
    assert (groups["ประเภทหน่วยงาน"] == "องค์กรปกครองส่วนท้องถิ่น").mean() > 0.9
    assert groups["ประเภทหน่วยงาน"].nunique() >= 3


def test_items_average_to_the_indicator_score(small):
    items = synth_items(small, seed=7)
    assert set(items["fiscal_year"]) == set(_item_years())
    parts = []
    for year in _item_years():
        fw = load_framework(year)
        block = items[items["fiscal_year"] == year]
        assert list(block["item"].iloc[: sum(len(i.items) for i in fw.indicators)]) == [
            x for i in fw.indicators for x in i.items
        ]
        indicator = block["item"].str.lower().map(fw.item_indicator())
        counts = {i.number: len(i.items) for i in fw.indicators}
        parts.append(block.assign(indicator=indicator, n=indicator.map(counts)))
    joined = pd.concat(parts)
    binary = joined[joined["n"] > BINARY_ABOVE]
    assert set(binary["score"]) <= {0.0, 100.0}
    assert joined["score"].between(0, 100).all()
    assert (joined.loc[joined["n"] <= BINARY_ABOVE, "score"] % 100 != 0).any()  # continuous items
    means = joined.groupby(["agency", "fiscal_year", "indicator"])["score"].mean().rename("mean").reset_index()
    check = means.merge(small, on=["agency", "fiscal_year", "indicator"], how="left")
    assert len(check) == 120 * len(_item_years()) * 10
    assert (check["mean"] - check["score"]).abs().max() <= 0.005 + 1e-9


def test_no_items_where_the_framework_lists_none():
    years = [y for y in YEARS if y not in _item_years()]
    items = synth_items(synth_scores(10, years), seed=0)
    assert items.empty and list(items.columns) == ["agency", "fiscal_year", "item", "score"]


def test_the_files_load(tmp_path, small):
    from ita_analysis.files import write_csv

    scores = small[small["agency"].isin(small["agency"].unique()[:15])]
    write_csv(scores, tmp_path / "s.csv")
    write_csv(synth_items(scores, seed=7), tmp_path / "s_items.csv")
    loaded = load(tmp_path / "s.csv")
    assert len(loaded.scores) == len(scores) and loaded.group_name == "กระทรวง"
    assert set(loaded.groups["group"]) == set(scores["กระทรวง"])
    by_province = load(tmp_path / "s.csv", group="จังหวัด")
    assert by_province.group_name == "จังหวัด" and set(by_province.groups["group"]) == set(scores["จังหวัด"])
    summary = score(loaded.scores)
    assert summary["total"].equals(score(scores.drop(columns=list(GROUP_COLUMNS)))["total"])
    items = load_items(tmp_path / "s_items.csv")
    assert len(items) == 15 * len(_item_years()) * sum(len(i.items) for i in load_framework(2565).indicators)
    assert items["indicator"].notna().all()


def test_a_made_up_framework_follows_its_own_file(monkeypatch):
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(FIXTURES / "frameworks"))
    fw = load_framework(2590)
    scores = synth_scores(30, [2590], seed=1)
    assert sorted(scores["indicator"].unique()) == sorted(fw.numbers)
    assert checklist_tools(fw) == set()
    items = synth_items(scores, seed=1)
    assert len(items) == 30 * sum(len(i.items) for i in fw.indicators)


def test_cli_writes_the_files_the_same_every_time(tmp_path):
    out = tmp_path / "national.csv"
    r = cli("synth", "--agencies", 40, "--years", "2564-2566", "--groups", "--items", "--out", out)
    assert r.returncode == 0, r.stderr
    items = tmp_path / "national_items.csv"
    assert out.exists() and items.exists()
    first = (out.read_bytes(), items.read_bytes())
    assert cli("synth", "--agencies", 40, "--years", "2564-2566", "--groups", "--items", "--out", out).returncode == 0
    assert (out.read_bytes(), items.read_bytes()) == first
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert len(table) == 40 * 3 * 10 and table["agency"].iloc[0] == "หน่วยงานสมมติ 01"
    assert re.search(r"2565\s.*87\.57", r.stderr)  # the summary shows the national mean it follows


def test_cli_writes_xlsx(tmp_path):
    out = tmp_path / "s.xlsx"
    r = cli("synth", "--agencies", 5, "--years", "๒๕๖๕", "--out", out)
    assert r.returncode == 0, r.stderr
    assert len(load(out).scores) == 50


@pytest.mark.parametrize(
    ("years", "says"),
    [("2550-2555", "known years"), ("2565-2599", "known years"), ("2568-2562", "2562-2568"), ("soon", "2562-2568")],
)
def test_cli_refuses_unknown_years(tmp_path, years, says):
    out = tmp_path / "s.csv"
    r = cli("synth", "--agencies", 5, "--years", years, "--out", out)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "--years" in r.stderr and says in r.stderr
    assert not out.exists()
