"""Scoring, tables and weakness rules under a made-up framework: three tools STAFF / USER / WEB
with 4 / 3 / 5 indicators, weights 0.2 / 0.3 / 0.5, pass mark 80, and a rating whose top level
(ดีเด่น) needs a total of 90 and every tool at 90. Expected figures are worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ita_analysis.compute.scoring import score, summary_columns
from ita_analysis.compute.tables import comparison_table, results_table
from ita_analysis.compute.weakness import select_weak
from ita_analysis.frameworks import load_framework
from ita_analysis.report.texts import rule_th
from ita_analysis.report.weakness_text import rules_th

AGENCY = "สำนักงานทดสอบกรอบใหม่"
TOOLS = ["STAFF"] * 4 + ["USER"] * 3 + ["WEB"] * 5
SCORES = {
    2589: [82, 88, 70, 65, 80, 95, 92, 100, 95, 85, 75, 60],
    2590: [80, 90, 70, 60, 85, 95, 90, 100, 90, 80, 70, 60],
}


pytestmark = pytest.mark.usefixtures("madeup_frameworks")


def tidy(rows: dict[tuple[str, int], list[float]]) -> pd.DataFrame:
    records = [
        {"agency": a, "fiscal_year": y, "indicator": i, "tool": TOOLS[i - 1], "score": float(s)}
        for (a, y), scores in rows.items()
        for i, s in enumerate(scores, start=1)
    ]
    df = pd.DataFrame.from_records(records)
    return df.astype({"fiscal_year": "Int64", "indicator": "Int64", "score": "float64", "agency": "object"})


def test_summary_has_the_framework_columns():
    fw = load_framework(2590)
    assert summary_columns(fw) == [
        "agency", "fiscal_year", "staff", "user", "web", "staff_weighted", "user_weighted", "web_weighted",
        "total", "grade", "framework_status", *(f"ind_{n}" for n in range(1, 13)),
    ]  # fmt: skip


def test_scores_with_other_tools_weights_and_twelve_indicators():
    s = score(tidy({(AGENCY, y): v for y, v in SCORES.items()})).set_index("fiscal_year")
    # FY2590: STAFF (80+90+70+60)/4 = 75, USER (85+95+90)/3 = 90, WEB (100+90+80+70+60)/5 = 80
    # total 0.2*75 + 0.3*90 + 0.5*80 = 15 + 27 + 40 = 82
    assert s.loc[2590, ["staff", "user", "web"]].tolist() == [75.0, 90.0, 80.0]
    assert s.loc[2590, ["staff_weighted", "user_weighted", "web_weighted"]].tolist() == [15.0, 27.0, 40.0]
    assert s.loc[2590, "total"] == 82.0 and s.loc[2590, "grade"] == "ผ่านเกณฑ์"
    # FY2589: 76.25, 89, 83 -> 15.25 + 26.70 + 41.50 = 83.45
    assert s.loc[2589, ["staff", "user", "web"]].tolist() == [76.25, 89.0, 83.0]
    assert s.loc[2589, "total"] == 83.45
    assert s.loc[2590, "ind_12"] == 60.0 and "ind_13" not in s.columns


def test_top_rating_needs_every_tool():
    s = score(tidy({("ดีเด่น", 2590): [95] * 12, ("บุคลากรต่ำ", 2590): [80] * 4 + [100] * 8})).set_index("agency")
    assert (s.loc["ดีเด่น", "total"], s.loc["ดีเด่น", "grade"]) == (95.0, "ดีเด่น")
    # 0.2*80 + 0.3*100 + 0.5*100 = 96, but STAFF is under 90
    assert (s.loc["บุคลากรต่ำ", "total"], s.loc["บุคลากรต่ำ", "grade"]) == (96.0, "ผ่านเกณฑ์")


def test_results_and_comparison_tables_follow_the_framework():
    scores = tidy({(AGENCY, y): v for y, v in SCORES.items()})
    results = results_table(scores, 2590)
    assert len(results) == 12 and results["tool"].tolist() == TOOLS
    assert results.loc[results["tool"] == "WEB", "tool_weight"].unique().tolist() == [0.5]
    assert results["indicator_name"].iloc[11] == "สถิติเรื่องร้องเรียน"
    comparison = comparison_table(scores, 2590)
    assert comparison.loc[comparison["indicator"] == 4, "change"].item() == -5.0


def test_weakness_rules_use_the_framework_pass_mark():
    comparison = comparison_table(tidy({(AGENCY, y): v for y, v in SCORES.items()}), 2590)
    declined = select_weak(comparison)  # default: the ones that fell from FY2589
    assert declined["indicator"].tolist() == [1, 4, 7, 9, 10, 11]
    below = select_weak(comparison, rule="below_pass")  # under 80 (80 itself passes)
    assert below["indicator"].tolist() == [3, 4, 11, 12]
    assert rules_th(below)[0] == rule_th("below_pass", pass_mark=80) == "คะแนนต่ำกว่าเกณฑ์ผ่าน (80 คะแนน)"
