"""Weakness rules; the reference document's default rule gives indicators 2, 4, 7, 9 and 10."""

from __future__ import annotations

import pytest
from conftest import AGENCY, FIXTURES, SCORES, write_csv

from ita_analysis.compute.tables import comparison_table
from ita_analysis.compute.weakness import WEAKNESS_COLUMNS, select_weak, weakness_table
from ita_analysis.ingest.scores import load_scores
from ita_analysis.ingest.side_inputs import load_items, load_notes, load_recommendations

ROOT = FIXTURES.parents[1]


@pytest.fixture
def comparison(sample_csv):
    return comparison_table(load_scores(sample_csv), 2563)


def test_default_rule_is_the_reference_documents(comparison):
    w = weakness_table(comparison)
    assert list(w.columns) == WEAKNESS_COLUMNS
    assert w["indicator"].tolist() == [2, 4, 7, 9, 10]
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
    assert w.loc[9, "sub_items"].split("\n") == ["o9 ข้อ 9 (0.00)", "o8 ข้อ 8 (50.00)"]
    assert w.loc[9, "sub_items_source"] == "items" and w.loc[2, "sub_items_source"] == ""
