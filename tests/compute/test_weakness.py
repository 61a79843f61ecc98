"""Weakness rules; the reference document's default rule gives indicators 2, 4, 7, 9 and 10."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AGENCY, FIXTURES, SCORES, long_rows, write_csv

from ita_analysis.compute import weakness
from ita_analysis.compute.history import history_table
from ita_analysis.compute.tables import comparison_table
from ita_analysis.compute.weakness import WEAKNESS_COLUMNS, select_weak
from ita_analysis.ingest.scores import load_scores
from ita_analysis.ingest.side_inputs import load_items, load_notes, load_recommendations
from ita_analysis.report.weakness_text import rules_th, weakness_rows

ROOT = FIXTURES.parents[1]


def weakness_table(comparison, **options):
    """The weakness table as written (weaknesses.csv): compute's facts with report's Thai columns."""
    return weakness_rows(weakness.weakness_table(comparison, **options))


@pytest.fixture
def comparison(sample_csv):
    return comparison_table(load_scores(sample_csv), 2563)


def test_default_rule_is_the_reference_documents(comparison):
    w = weakness_table(comparison)
    assert list(w.columns) == WEAKNESS_COLUMNS and WEAKNESS_COLUMNS[-1] == "declined_two_years"
    assert w["indicator"].tolist() == [2, 4, 7, 9, 10]
    assert w["declined_two_years"].dtype == bool and not w["declined_two_years"].any()  # no history given
    assert set(w["rule"]) == {"declined"} and set(w["rule_th"]) == {"คะแนนลดลงจากปีก่อน"}
    row9 = w.set_index("indicator").loc[9]
    assert (row9["score_previous"], row9["score_current"]) == (95.28, 85.56)  # weak although above 85


def test_rules(comparison):
    assert select_weak(comparison, rule="below_pass")["indicator"].tolist() == [2, 3, 4, 5, 7, 8]
    assert select_weak(comparison, rule="below_target", target=86.0)["indicator"].tolist() == [2, 3, 4, 5, 6, 7, 8, 9]
    assert select_weak(comparison, rule="lowest", n_lowest=3)["indicator"].tolist() == [4, 7, 8]
    with pytest.raises(ValueError, match="needs a target"):
        select_weak(comparison, rule="below_target")
    with pytest.raises(ValueError, match="unknown weakness rule"):
        select_weak(comparison, rule="worst")


def test_default_falls_back_to_below_pass(sample_csv, tmp_path):
    first_year = comparison_table(load_scores(sample_csv), 2562)  # no 2561 in the data
    w = select_weak(first_year)
    assert w["indicator"].tolist() == [2, 3, 4, 5, 6, 7, 8] and set(w["rule"]) == {"below_pass"}
    # an agency where nothing declined also falls back, while another keeps "declined"
    rows = [["agency", "fiscal_year", "indicator", "score"]]
    for a, bump in ((AGENCY, 0.0), ("ดีขึ้นทุกตัว", None)):
        for y in (2562, 2563):
            for i, s in enumerate(SCORES[y], start=1):
                rows.append([a, y, i, s if bump is not None else min(100.0, SCORES[2562][i - 1] + (y - 2562))])
    comp = comparison_table(load_scores(write_csv(tmp_path / "two.csv", rows)), 2563)
    w = select_weak(comp)
    mixed = w.groupby("agency")["rule"].first().to_dict()
    assert mixed == {AGENCY: "declined", "ดีขึ้นทุกตัว": "below_pass"}


def test_sub_items_from_notes_and_recommendations(comparison):
    notes = load_notes(ROOT / "data/raw/notes_2563.csv")
    recs = load_recommendations(ROOT / "data/raw/recommendations_2563.csv")
    w = weakness_table(comparison, notes=notes, recommendations=recs).set_index("indicator")
    assert w.loc[9, "sub_items"].split("\n") == ["Q&A", "Social Network"]
    assert w.loc[10, "sub_items"].split("\n") == ["การมีส่วนร่วมของผู้บริหาร", "การเสริมสร้างวัฒนธรรมองค์กร"]
    assert len(w.loc[4, "sub_items"].split("\n")) == 3
    assert set(w["sub_items_source"]) == {"notes"}
    assert all(w["recommendation"].str.len() > 10)


def test_sub_items_from_item_scores(comparison, tmp_path):
    rows = [["agency", "fiscal_year", "item", "ข้อคำถาม", "score"]]
    rows += [[AGENCY, 2563, f"o{k}", f"ข้อ {k}", 100.0] for k in range(1, 34)]
    rows[8][4], rows[9][4] = 50.0, 0.0  # o8 Q&A, o9 Social Network
    items = load_items(write_csv(tmp_path / "items.csv", rows))
    assert set(items["indicator"]) == {9}
    w = weakness_table(comparison, items=items, n_items=2).set_index("indicator")
    # o9 scored 0 is worth 100 x 0.40 / 2 indicators / 33 items = 0.606 -> 0.61 points of the total
    assert w.loc[9, "sub_items"].split("\n") == ["o9 ข้อ 9 (0.00; +0.61 คะแนนรวม)", "o8 ข้อ 8 (50.00)"]
    assert w.loc[9, "sub_items_source"] == "items" and w.loc[2, "sub_items_source"] == ""


# Three years of the reference agency: 2564 repeats 2563 except indicator 2, 78.61 -> 78.00 (it fell
# 79.40 -> 78.61 -> 78.00: two years running) and indicator 7, 75.42 -> 76.00 (rose).
def _three_years(tmp_path):
    rows = long_rows()
    for i, s in enumerate(SCORES[2563], start=1):
        rows.append([AGENCY, 2564, i, {2: 78.00, 7: 76.00}.get(i, s)])
    return load_scores(write_csv(tmp_path / "three.csv", rows))


def test_declined_two_years_flag(tmp_path):
    scores = _three_years(tmp_path)
    comp = comparison_table(scores, 2564)
    for history in (history_table(scores), {(AGENCY, 2564): {2}}):
        w = weakness_table(comp, history=history).set_index("indicator")
        assert w.index.tolist() == [2]  # the only fall in 2564
        assert bool(w.loc[2, "declined_two_years"]) is True
        assert w.loc[2, "rule_th"] == "คะแนนลดลงจากปีก่อน; ลดลงต่อเนื่อง 2 ปี"
    # under 85 in 2564: 2, 3, 4, 5, 7, 8; only 2 fell twice (4 and 8 did not change in 2564)
    w = weakness_table(comp, rule="below_pass", history=history_table(scores))
    assert w["indicator"].tolist() == [2, 3, 4, 5, 7, 8]
    assert w["declined_two_years"].tolist() == [True, False, False, False, False, False]
    assert w["rule_th"].tolist()[1] == "คะแนนต่ำกว่าเกณฑ์ผ่าน (85 คะแนน)"
    plain = weakness_table(comp)
    assert not plain["declined_two_years"].any() and plain["rule_th"].tolist() == ["คะแนนลดลงจากปีก่อน"]


def test_sub_items_zeros_lowest_and_fell_most(tmp_path):
    # indicator 2 = i7-i12 (IIT 0.30, 5 indicators, 6 items): i7 scored 0 is worth
    # 100 x 0.30 / 5 / 6 = 1.00 point of the total
    now = {"i7": 0.0, "i8": 60.0, "i9": 70.0, "i10": 90.0, "i11": 100.0, "i12": 95.0}
    before = {"i7": 0.0, "i8": 60.0, "i9": 70.0, "i10": 100.0, "i11": 100.0, "i12": 96.0}
    rows = [["agency", "fiscal_year", "item", "text", "score"]]
    rows += [[AGENCY, 2564, k, "ข้อแปด" if k == "i8" else "", v] for k, v in now.items()]
    with_previous = rows + [[AGENCY, 2563, k, "", v] for k, v in before.items()]
    comp = comparison_table(_three_years(tmp_path), 2564)
    items = load_items(write_csv(tmp_path / "items.csv", with_previous))
    w = weakness_table(comp, items=items, n_items=3).set_index("indicator")
    # zero first; of the two places left, one to the lowest (i8 60) and one to the largest fall (i10 -10)
    assert w.loc[2, "sub_items"].split("\n") == [
        "i7 (0.00; +1.00 คะแนนรวม)", "i8 ข้อแปด (60.00)", "i10 (90.00; ลดลง 10.00 จากปีก่อน)",
    ]  # fmt: skip
    assert w.loc[2, "sub_items_source"] == "items"
    # one place left after the zero: the lowest
    w = weakness_table(comp, items=items, n_items=2).set_index("indicator")
    assert w.loc[2, "sub_items"].split("\n") == ["i7 (0.00; +1.00 คะแนนรวม)", "i8 ข้อแปด (60.00)"]
    # four places left: two lowest (i8, i9), two falls (i10 -10.00, i12 -1.00)
    w = weakness_table(comp, items=items, n_items=5).set_index("indicator")
    assert [x.split(" ")[0] for x in w.loc[2, "sub_items"].split("\n")] == ["i7", "i8", "i9", "i10", "i12"]
    assert w.loc[2, "sub_items"].split("\n")[-1] == "i12 (95.00; ลดลง 1.00 จากปีก่อน)"
    # without last year's items: the lowest only, never a full score
    items = load_items(write_csv(tmp_path / "items_now.csv", rows))
    w = weakness_table(comp, items=items, n_items=3).set_index("indicator")
    assert w.loc[2, "sub_items"].split("\n") == ["i7 (0.00; +1.00 คะแนนรวม)", "i8 ข้อแปด (60.00)", "i9 (70.00)"]
    w = weakness_table(comp, items=items, n_items=9).set_index("indicator")
    assert len(w.loc[2, "sub_items"].split("\n")) == 5  # i11 (100.00) is not listed


def test_items_all_at_full_score_fall_back_to_notes(comparison, tmp_path):
    rows = [["agency", "fiscal_year", "item", "score"]] + [[AGENCY, 2563, f"o{k}", 100.0] for k in range(1, 34)]
    items = load_items(write_csv(tmp_path / "full.csv", rows))
    w = weakness_table(comparison, items=items).set_index("indicator")
    assert (w.loc[9, "sub_items"], w.loc[9, "sub_items_source"]) == ("", "")
    notes = load_notes(ROOT / "data/raw/notes_2563.csv")
    w = weakness_table(comparison, items=items, notes=notes).set_index("indicator")
    assert w.loc[9, "sub_items"].split("\n") == ["Q&A", "Social Network"] and w.loc[9, "sub_items_source"] == "notes"


# ------------------------------------------------------------------ the pass mark's edge (85.00)
EDGE_AGENCY = "กรมขอบเกณฑ์"


def _edge_comparison(year: int, current: list[float], previous: list[float] | None = None) -> pd.DataFrame:
    """A comparison table of one agency written out by hand (indicators 1..n in order)."""
    rows = []
    for n, now in enumerate(current, start=1):
        before = previous[n - 1] if previous else float("nan")
        change = round(now - before, 2) if previous else float("nan")
        rows.append(
            {
                "agency": EDGE_AGENCY,
                "fiscal_year": year,
                "previous_year": year - 1,
                "indicator": n,
                "indicator_name": f"ตัวชี้วัด {n}",
                "tool": "",
                "score_previous": before,
                "score_current": now,
                "change": change,
                "direction": "",
            }
        )
    return pd.DataFrame(rows)


# indicator 1 exactly at the pass mark, 2 just under it, the rest well above
AT_AND_UNDER = [85.00, 84.99, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0]


@pytest.mark.parametrize("year", range(2562, 2570))
def test_below_pass_85_is_not_weak_84_99_is(year):
    w = select_weak(_edge_comparison(year, AT_AND_UNDER), rule="below_pass")
    assert w["indicator"].tolist() == [2] and w["rule_figure"].tolist() == [85.0]
    assert rules_th(w) == ["คะแนนต่ำกว่าเกณฑ์ผ่าน (85 คะแนน)"]
    assert weakness_table(_edge_comparison(year, AT_AND_UNDER), rule="below_pass")["indicator"].tolist() == [2]


def test_default_without_a_previous_year_uses_the_pass_mark_edge():
    w = select_weak(_edge_comparison(2563, AT_AND_UNDER))
    assert w["indicator"].tolist() == [2] and w["rule"].tolist() == ["below_pass"]


def test_below_target_85_is_not_weak_84_99_is():
    comp = _edge_comparison(2563, AT_AND_UNDER)
    for target in (85.0, {EDGE_AGENCY: 85.0}):
        w = select_weak(comp, rule="below_target", target=target)
        assert w["indicator"].tolist() == [2]
        assert rules_th(w) == ["คะแนนต่ำกว่าค่าเป้าหมายของหน่วยงาน (85.00 คะแนน)"]
    assert select_weak(comp, rule="below_target", target=84.99).empty  # 84.99 is not under 84.99
    assert select_weak(comp, rule="below_target", target=85.01)["indicator"].tolist() == [1, 2]


def test_declined_from_85_by_one_hundredth():
    # from 85.00 everywhere: 1 stays at 85.00 (no change), 2 falls to 84.99, 3 rises to 85.01
    now = [85.00, 84.99, 85.01, 85.0, 85.0, 85.0, 85.0, 85.0, 85.0, 85.0]
    comp = _edge_comparison(2563, now, previous=[85.0] * 10)
    assert comp["change"].tolist()[:3] == [0.0, -0.01, 0.01]
    for rule in ("declined", "default"):
        w = select_weak(comp, rule=rule)
        assert w["indicator"].tolist() == [2] and w["rule"].tolist() == ["declined"]


def test_lowest_takes_84_99_before_85():
    comp = _edge_comparison(2563, AT_AND_UNDER)
    assert select_weak(comp, rule="lowest", n_lowest=1)["indicator"].tolist() == [2]
    assert select_weak(comp, rule="lowest", n_lowest=2)["indicator"].tolist() == [1, 2]
    w = select_weak(comp, rule="lowest", n_lowest=2)
    assert rules_th(w) == ["คะแนนต่ำสุด 2 ตัวชี้วัด"] * 2
    tie = _edge_comparison(2563, [85.00, 85.00, *AT_AND_UNDER[2:]])
    assert select_weak(tie, rule="lowest", n_lowest=1)["indicator"].tolist() == [1]  # the first of a tie


def test_the_pass_mark_comes_from_the_framework(madeup_frameworks):
    # the made-up FY2590 framework passes at 80 (twelve indicators): 84.99 is not weak there, 79.99 is
    scores = [80.00, 79.99, 84.99, *[90.0] * 9]
    w = select_weak(_edge_comparison(2590, scores), rule="below_pass")
    assert w["indicator"].tolist() == [2]
    assert rules_th(w) == ["คะแนนต่ำกว่าเกณฑ์ผ่าน (80 คะแนน)"]
    # a pass mark given by the caller overrides the framework's
    w = select_weak(_edge_comparison(2563, AT_AND_UNDER), rule="below_pass", pass_mark=90.0)
    assert w["indicator"].tolist() == [1, 2] and set(rules_th(w)) == {"คะแนนต่ำกว่าเกณฑ์ผ่าน (90 คะแนน)"}
