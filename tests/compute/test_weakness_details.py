"""The weakness rules in detail: texts, defaults, errors, the shape of the table, and which
recommendations, notes and item lines go with each weak indicator, worked out by hand on the
reference agency (OCSC: weak under the default rule in FY2563 = 2, 4, 7, 9, 10)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AGENCY, SCORES, long_rows, write_csv

from ita_analysis.compute import weakness
from ita_analysis.compute.tables import COMPARISON_COLUMNS, comparison_table
from ita_analysis.compute.weakness import select_weak
from ita_analysis.ingest.scores import load_scores
from ita_analysis.ingest.side_inputs import load_items, load_notes, load_recommendations
from ita_analysis.report.texts import rule_th
from ita_analysis.report.weakness_text import rules_th, weakness_rows

OTHER = "หน่วยงานอื่น"


def weakness_table(comparison, **options):
    """The weakness table as written (weaknesses.csv): compute's facts with report's Thai columns."""
    return weakness_rows(weakness.weakness_table(comparison, **options))


@pytest.fixture
def comparison(sample_csv):
    return comparison_table(load_scores(sample_csv), 2563)


@pytest.fixture
def two_agencies(tmp_path):
    """OCSC and another agency whose indicators all rose from FY2562 to FY2563."""
    rows = long_rows()
    rows += [[OTHER, y, i, min(100.0, s + y - 2562)] for y in (2562, 2563) for i, s in enumerate(SCORES[2562], start=1)]
    return comparison_table(load_scores(write_csv(tmp_path / "two.csv", rows)), 2563)


def test_rule_texts():
    assert rule_th("declined", pass_mark=85) == "คะแนนลดลงจากปีก่อน"
    assert rule_th("below_pass", pass_mark=85.5) == "คะแนนต่ำกว่าเกณฑ์ผ่าน (85.5 คะแนน)"
    assert rule_th("below_target", pass_mark=85) == "คะแนนต่ำกว่าค่าเป้าหมายของหน่วยงาน"
    assert rule_th("below_target", pass_mark=85, target=86.5) == "คะแนนต่ำกว่าค่าเป้าหมายของหน่วยงาน (86.50 คะแนน)"
    assert rule_th("lowest", pass_mark=85) == "คะแนนต่ำสุด 3 ตัวชี้วัด"


def test_defaults_three_lowest_and_three_items(comparison, tmp_path):
    # OCSC FY2563, lowest first: 7 (75.42), 4 (75.78), 8 (75.79)
    assert select_weak(comparison, rule="lowest")["indicator"].tolist() == [4, 7, 8]
    w = weakness_table(comparison, rule="lowest")
    assert w["indicator"].tolist() == [4, 7, 8] and set(w["rule_th"]) == {"คะแนนต่ำสุด 3 ตัวชี้วัด"}


def test_the_table_keeps_the_comparison_columns_and_a_fresh_index(comparison):
    w = select_weak(comparison, rule="below_pass")
    assert list(w.columns) == [*COMPARISON_COLUMNS, "rule", "rule_figure"] and list(w.index) == list(range(6))
    assert set(w["rule_figure"]) == {85.0} and set(rules_th(w)) == {"คะแนนต่ำกว่าเกณฑ์ผ่าน (85 คะแนน)"}
    empty = select_weak(comparison.iloc[:0])
    assert list(empty.columns) == [*COMPARISON_COLUMNS, "rule", "rule_figure"] and empty.empty
    assert (empty["rule"].dtype, empty["rule_figure"].dtype) == (object, "float64")
    assert weakness_table(comparison.iloc[:0])["rule_th"].dtype == object


def test_one_row_and_an_index_that_does_not_start_at_0(comparison, two_agencies):
    one = comparison[comparison["indicator"] == 2]  # 78.61 in FY2563, down from 79.40
    assert select_weak(one)["rule"].tolist() == ["declined"]
    # OCSC's rows of a two-agency table keep their index (0-9); the other agency's are 10-19
    other = two_agencies[two_agencies["agency"] == OTHER]
    assert other.index[0] == 10
    w = select_weak(other)
    # its FY2563 scores are FY2562's + 1: under 85 are 2, 3, 4, 5, 6 (83.27), 7 (83.38), 8
    assert set(w["rule"]) == {"below_pass"} and w["indicator"].tolist() == [2, 3, 4, 5, 6, 7, 8]
    mine = select_weak(two_agencies[two_agencies["agency"] == AGENCY])
    assert set(mine["rule"]) == {"declined"} and mine["indicator"].tolist() == [2, 4, 7, 9, 10]


def test_errors_name_what_is_missing(two_agencies):
    with pytest.raises(ValueError, match="^unknown weakness rule 'x'; choose one of default, declined, below_pass, "):
        select_weak(two_agencies, rule="x")
    with pytest.raises(ValueError, match=f"^the rule below_target needs a target for: {AGENCY}, {OTHER}$"):
        select_weak(two_agencies, rule="below_target")


def test_weakness_table_passes_its_options_on(comparison):
    # OCSC FY2563 under 90: 1 (89.29) and 2, 3, 4, 5, 6 (85.74), 7, 8, 9 (85.56), 10 (87.50)
    assert weakness_table(comparison, rule="below_pass", pass_mark=90)["indicator"].tolist() == list(range(1, 11))
    # under 80: 2 (78.61), 4 (75.78), 5 (77.62), 7 (75.42), 8 (75.79)
    assert weakness_table(comparison, rule="below_target", target=80.0)["indicator"].tolist() == [2, 4, 5, 7, 8]
    assert weakness_table(comparison, rule="lowest", n_lowest=1)["indicator"].tolist() == [7]


def test_nothing_weak_still_has_the_flag_column(comparison):
    w = weakness_table(comparison, rule="below_target", target=50.0)
    assert w.empty and w["declined_two_years"].dtype == bool


def test_recommendations_of_the_agency_year_and_indicator(comparison, tmp_path):
    rows = [["agency", "fiscal_year", "indicator", "recommendation"],
            ["", 2563, 2, "ทุกหน่วยงาน ตัวชี้วัด 2"], [AGENCY, 2563, 2, "ของ ก.พ. ตัวชี้วัด 2"],
            [OTHER, 2563, 2, "ของหน่วยงานอื่น"], [AGENCY, 2562, 2, "ของปีก่อน"], [AGENCY, "", 4, "ทุกปี ตัวชี้วัด 4"]]  # fmt: skip
    recs = load_recommendations(write_csv(tmp_path / "recs.csv", rows))
    w = weakness_table(comparison, recommendations=recs).set_index("indicator")["recommendation"]
    assert w.to_dict() == {2: "ทุกหน่วยงาน ตัวชี้วัด 2\nของ ก.พ. ตัวชี้วัด 2", 4: "ทุกปี ตัวชี้วัด 4", 7: "", 9: "", 10: ""}


def test_notes_of_the_year_only(comparison, tmp_path):
    rows = [
        ["agency", "fiscal_year", "indicator", "sub_item"],
        [AGENCY, 2563, 2, "ของปีนี้"],
        [AGENCY, 2562, 2, "ของปีก่อน"],
    ]
    notes = load_notes(write_csv(tmp_path / "notes.csv", rows))
    w = weakness_table(comparison, notes=notes).set_index("indicator")
    assert w.loc[2, "sub_items"] == "ของปีนี้" and w.loc[4, "sub_items"] == ""


def test_item_scores_near_zero(comparison, tmp_path):
    # indicator 9 (o1-o33): o2 at 0.50 and o1 at 1.00 are low scores, not zeros; three lines by default
    scores = {"o1": 1.0, "o2": 0.5, "o3": 50.0, "o4": 60.0}
    rows = [["agency", "fiscal_year", "item", "text", "score"]]
    rows += [[AGENCY, 2563, f"o{k}", f"ข้อ {k}", scores.get(f"o{k}", 100.0)] for k in range(1, 34)]
    items = load_items(write_csv(tmp_path / "items.csv", rows))
    w = weakness_table(comparison, items=items).set_index("indicator")
    assert w.loc[9, "sub_items"].split("\n") == ["o2 ข้อ 2 (0.50)", "o1 ข้อ 1 (1.00)", "o3 ข้อ 3 (50.00)"]


def test_items_fall_against_the_compared_year(tmp_path):
    # FY2565 compared with FY2563 (not the year before): i8 fell 90 -> 70 since FY2563, not since FY2564
    rows = long_rows((2562, 2563)) + [[AGENCY, y, i, s] for y in (2564, 2565) for i, s in enumerate(SCORES[2563], 1)]
    comp = comparison_table(load_scores(write_csv(tmp_path / "s.csv", rows)), 2565, previous_year=2563)
    now = {"i7": 60.0, "i8": 70.0, "i9": 100.0, "i10": 100.0, "i11": 100.0, "i12": 100.0}
    rows = [["agency", "fiscal_year", "item", "score"]]
    rows += [[AGENCY, 2565, k, v] for k, v in now.items()]
    rows += [[AGENCY, 2564, k, v] for k, v in now.items()]  # no change since FY2564
    rows += [[AGENCY, 2563, k, {"i8": 90.0}.get(k, v)] for k, v in now.items()]
    items = load_items(write_csv(tmp_path / "items.csv", rows))
    w = weakness_table(comp, rule="below_pass", items=items, n_items=2).set_index("indicator")
    # two places, none at zero: one to the lowest (i7), one to the largest fall (i8, -20.00)
    assert w.loc[2, "sub_items"].split("\n") == ["i7 (60.00)", "i8 (70.00; ลดลง 20.00 จากปีก่อน)"]


def test_empty_recommendations_and_notes_give_empty_text(comparison):
    empty = pd.DataFrame(columns=["agency", "fiscal_year", "indicator", "recommendation", "sub_item"])
    w = weakness_table(comparison, recommendations=empty, notes=empty)
    assert set(w["recommendation"]) == {""} and set(w["sub_items"]) == {""} and set(w["sub_items_source"]) == {""}


def _items_of_indicator_2(tmp_path, now: dict[str, float], before: dict[str, float]):
    rows = [["agency", "fiscal_year", "item", "score"]]
    rows += [[AGENCY, 2564, k, v] for k, v in now.items()] + [[AGENCY, 2563, k, v] for k, v in before.items()]
    return load_items(write_csv(tmp_path / "items.csv", rows))


@pytest.fixture
def comparison_2564(tmp_path):
    rows = long_rows((2563,)) + [[AGENCY, 2564, i, s] for i, s in enumerate(SCORES[2563], start=1)]
    return comparison_table(load_scores(write_csv(tmp_path / "s.csv", rows)), 2564)


def test_unchanged_items_are_no_falls(tmp_path, comparison_2564):
    # i7, i8, i9 as last year: three places, all to the lowest, none "fell"
    now = {"i7": 60.0, "i8": 70.0, "i9": 80.0, "i10": 100.0, "i11": 100.0, "i12": 100.0}
    items = _items_of_indicator_2(tmp_path, now, now)
    w = weakness_table(comparison_2564, rule="below_pass", items=items, n_items=3).set_index("indicator")
    assert w.loc[2, "sub_items"].split("\n") == ["i7 (60.00)", "i8 (70.00)", "i9 (80.00)"]


def test_the_largest_fall_first_and_of_equal_falls_the_one_worth_more(tmp_path, comparison_2564):
    # three places: two to the lowest (i7 40, i8 50), one to a fall. i9 and i10 both fell 5.00; i10
    # (90) adds more to the total by reaching 100 than i9 (95), so i10 is named
    now = {"i7": 40.0, "i8": 50.0, "i9": 95.0, "i10": 90.0, "i11": 100.0, "i12": 100.0}
    before = {**now, "i9": 100.0, "i10": 95.0}
    w = weakness_table(
        comparison_2564, rule="below_pass", items=_items_of_indicator_2(tmp_path, now, before), n_items=3
    )
    assert w.set_index("indicator").loc[2, "sub_items"].split("\n") == [
        "i7 (40.00)", "i8 (50.00)", "i10 (90.00; ลดลง 5.00 จากปีก่อน)",
    ]  # fmt: skip
    # i9 fell 5.00 (100 -> 95), i12 only 1.00 (91 -> 90): the larger fall is named, though i12 is lower
    now = {"i7": 40.0, "i8": 50.0, "i9": 95.0, "i10": 100.0, "i11": 100.0, "i12": 90.0}
    before = {**now, "i9": 100.0, "i12": 91.0}
    w = weakness_table(
        comparison_2564, rule="below_pass", items=_items_of_indicator_2(tmp_path, now, before), n_items=3
    )
    assert w.set_index("indicator").loc[2, "sub_items"].split("\n") == [
        "i7 (40.00)", "i8 (50.00)", "i9 (95.00; ลดลง 5.00 จากปีก่อน)",
    ]  # fmt: skip


def test_a_fall_already_listed_as_lowest_leaves_its_place_to_the_next_lowest(tmp_path, comparison_2564):
    # two places: i7 (60, fell 10.00) is the lowest and the only fall; the other place goes to i8
    now = {"i7": 60.0, "i8": 70.0, "i9": 100.0, "i10": 100.0, "i11": 100.0, "i12": 100.0}
    before = {**now, "i7": 70.0}
    w = weakness_table(
        comparison_2564, rule="below_pass", items=_items_of_indicator_2(tmp_path, now, before), n_items=2
    )
    assert w.set_index("indicator").loc[2, "sub_items"].split("\n") == ["i7 (60.00)", "i8 (70.00)"]
