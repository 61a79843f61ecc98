"""The group analysis of a small province (group_data.py), every figure worked out by hand."""

from __future__ import annotations

import math

import pytest
from group_data import PROVINCE, items, members, summary

from ita_analysis.compute.group import group_analysis
from ita_analysis.compute.peers import ALL_AGENCIES


@pytest.fixture(scope="module")
def analysis():
    return group_analysis(summary(), members(), 2563, items=items())


def test_the_groups_of_the_year_all_agencies_first(analysis):
    assert analysis.groups() == [(ALL_AGENCIES, ALL_AGENCIES), (PROVINCE, "ก"), (PROVINCE, "ข")]
    assert analysis.previous_year == 2562


def test_overview_of_the_province(analysis):
    o = analysis.of(PROVINCE, "ก").overview
    # FY2563 totals 90, 80, 97, 54; sorted 54, 80, 90, 97
    assert o["n"] == 4
    assert o["mean"] == 80.25  # 321 / 4
    assert o["median"] == 85.00  # (80 + 90) / 2
    # deviations from 80.25: 9.75, -0.25, 16.75, -26.25; squares 95.0625 + 0.0625 + 280.5625 + 689.0625
    # = 1064.75; / (4 - 1) = 354.9167; square root 18.839...
    assert o["sd"] == 18.84
    assert (o["min"], o["max"]) == (54.00, 97.00)
    assert o["q1"] == 73.50  # position 0.25 x 3 = 0.75: 54 + 0.75 x (80 - 54)
    assert o["q3"] == 91.75  # position 2.25: 90 + 0.25 x (97 - 90)
    assert (o["n_at_pass"], o["share_at_pass"]) == (2, 50.00)  # 90 and 97 reach 85
    # FY2562 totals 84, 85, 94, 66
    assert o["n_previous"] == 4
    assert o["mean_previous"] == 82.25  # 329 / 4
    assert o["median_previous"] == 84.50  # (84 + 85) / 2
    assert o["share_at_pass_previous"] == 50.00  # 85 and 94
    assert o["change_mean"] == -2.00 and o["change_median"] == 0.50 and o["change_share_at_pass"] == 0.00
    assert (o["n_stayed"], o["n_joined"], o["n_left"]) == (4, 0, 0)
    # all five agencies of FY2563: 90, 80, 97, 54, 85
    assert o["all_n"] == 5
    assert o["all_mean"] == 81.20  # 406 / 5
    assert o["all_median"] == 85.00
    assert o["all_share_at_pass"] == 60.00  # 90, 97, 85 of 5
    # NACC's FY2563 national figures (fy2563.toml [national]): 8,303 agencies, mean 67.90, no share
    assert (o["nacc_agencies"], o["nacc_mean"]) == (8303, 67.90) and math.isnan(o["nacc_share_at_pass"])
    assert o["notes"] == ""


def test_counts_per_grade(analysis):
    levels = analysis.of(PROVINCE, "ก").levels
    assert levels["level"].tolist() == ["AA", "A", "B", "C", "D", "E", "F"]
    # FY2563: ก3 97 AA, ก1 90 A, ก2 80 B, ก4 54 E
    assert levels["count"].tolist() == [1, 1, 1, 0, 0, 1, 0]
    assert levels["share"].tolist() == [25.00, 25.00, 25.00, 0.00, 0.00, 25.00, 0.00]
    # FY2562: ก1 84 B, ก2 85 A, ก3 94 A, ก4 66 C
    assert levels["count_previous"].tolist() == [0, 2, 1, 1, 0, 0, 0]


def test_ranking_table(analysis):
    r = analysis.of(PROVINCE, "ก").ranking
    assert r["agency"].tolist() == ["ก3", "ก1", "ก2", "ก4"]
    assert r["rank"].tolist() == [1, 2, 3, 4]
    assert r["total"].tolist() == [97.00, 90.00, 80.00, 54.00]
    assert r["grade"].tolist() == ["AA", "A", "B", "E"]
    assert r["at_pass"].tolist() == [True, True, False, False]
    assert r["total_previous"].tolist() == [94.00, 84.00, 85.00, 66.00]
    assert r["change"].tolist() == [3.00, 6.00, -5.00, -12.00]
    assert r["grade_previous"].tolist() == ["A", "B", "A", "C"]
    assert r["move"].tolist() == ["up", "up", "down", "down"]
    assert r["in_group_previous"].tolist() == [True] * 4
    # tools: IIT = EIT = a, OIT = (b + c) / 2: ก3 (100 + 100) / 2, ก1 (100 + 80) / 2, ก2 (70 + 90) / 2, ก4 (50 + 40) / 2
    assert r["iit"].tolist() == [95.00, 90.00, 80.00, 60.00] and r["eit"].tolist() == r["iit"].tolist()
    assert r["oit"].tolist() == [100.00, 90.00, 80.00, 45.00]


def test_indicators(analysis):
    ind = analysis.of(PROVINCE, "ก").indicators.set_index("indicator")
    assert ind.index.tolist() == list(range(1, 11))
    # indicator 1 (a): 90, 80, 95, 60 -> 325 / 4; below 85: 80 and 60. FY2562: 80, 85, 90, 70 -> 325 / 4
    one = ind.loc[1]
    assert (one["tool"], one["n"], one["mean"], one["n_below"], one["share_below"]) == ("IIT", 4, 81.25, 2, 50.00)
    assert (one["mean_previous"], one["change"]) == (81.25, 0.00)
    # all agencies (ข1 85 too): 410 / 5 = 82.00; below: 2 of 5
    assert (one["all_mean"], one["all_share_below"]) == (82.00, 40.00)
    # indicator 9 (b): 100, 70, 100, 50 -> 320 / 4 = 80.00, below: 70 and 50; FY2562: 90, 90, 100, 60 -> 85.00
    nine = ind.loc[9]
    assert (nine["mean"], nine["share_below"], nine["mean_previous"], nine["change"]) == (80.00, 50.00, 85.00, -5.00)
    assert (nine["all_mean"], nine["all_share_below"]) == (81.00, 40.00)  # + 85: 405 / 5
    # indicator 10 (c): 80, 90, 100, 40 -> 310 / 4 = 77.50, below: 80 and 40; FY2562: 90, 80, 100, 60 -> 82.50
    ten = ind.loc[10]
    assert (ten["tool"], ten["mean"], ten["n_below"], ten["mean_previous"], ten["change"]) == (
        "OIT", 77.50, 2, 82.50, -5.00,
    )  # fmt: skip


def test_agencies_to_watch(analysis):
    w = analysis.of(PROVINCE, "ก").watch
    # below 85 in FY2563: ก4 54 (gap 31.00, the furthest), ก2 80 (gap 5.00)
    assert w["agency"].tolist() == ["ก4", "ก2"]
    assert w["gap"].tolist() == [31.00, 5.00] and w["furthest"].tolist() == [1, 2]
    assert w["fell_below"].tolist() == [False, True]  # ก2 had 85.00 in FY2562, ก4 66.00
    assert w["below_two_years"].tolist() == [True, False]
    assert w["fell_two_years"].tolist() == [False, False]  # no FY2561 in the data
    # points to pass, worth per point: OIT 0.40 / 2 = 0.20, EIT 0.30 / 3 = 0.10, IIT 0.30 / 5 = 0.06.
    # ก2 (gap 5.00): OIT room (100 - 70) + (100 - 90) = 40 points = 8.00 of the total > 5.00:
    #   5.00 / 0.20 = 25 OIT points.
    # ก4 (gap 31.00): OIT room (100 - 50) + (100 - 40) = 110 points = 22.00; the other 9.00 from EIT
    #   (room 3 x 40 = 120 points = 12.00): 9.00 / 0.10 = 90 points; 110 + 90 = 200.
    assert w["points_to_pass"].tolist() == [200.00, 25.00]
    assert w["reachable"].tolist() == [True, True]


def test_items_most_often_at_zero(analysis):
    z = analysis.of(PROVINCE, "ก").zero_items
    # o35 and o8 at 0 for two agencies each, o38 for one; o40 never
    assert z["item"].tolist() == ["o35", "o8", "o38"]
    assert z["rank"].tolist() == [1, 2, 3]
    assert z["n_scored"].tolist() == [4, 4, 4] and z["n_zero"].tolist() == [2, 2, 1]
    assert z["share_zero"].tolist() == [50.00, 50.00, 25.00]
    # worth of an item from 0 to 100: o35, o38: 100 x 0.40 / 2 / 10 items = 2.00; o8: 100 x 0.40 / 2 / 33 = 0.606
    assert z["worth_in_total"].tolist() == [2.00, 0.61, 2.00]
    # the group's mean total gains n_zero x worth / n: 2 x 2 / 4 = 1.00; 2 x 0.606 / 4 = 0.303; 1 x 2 / 4
    assert z["group_gain"].tolist() == [1.00, 0.30, 0.50]
    # texts: the item file gives none; the FY2563 framework names o8, o35 and o38 ([item_texts])
    assert z["text"].tolist() == ["การมีส่วนร่วมของผู้บริหาร", "Q&A", "การเสริมสร้างวัฒนธรรมองค์กร"]
    assert z["tool"].tolist() == ["OIT", "OIT", "OIT"] and z["indicator"].tolist() == [10, 9, 10]


def test_the_group_of_all_agencies(analysis):
    o = analysis.of(ALL_AGENCIES, ALL_AGENCIES).overview
    assert (o["n"], o["mean"], o["median"], o["share_at_pass"]) == (5, 81.20, 85.00, 60.00)
    # FY2562: 84, 85, 94, 66, 70 -> 399 / 5 = 79.80, median 84, at pass 85 and 94
    assert (o["mean_previous"], o["median_previous"], o["share_at_pass_previous"]) == (79.80, 84.00, 40.00)
    assert analysis.of(ALL_AGENCIES, ALL_AGENCIES).ranking["agency"].tolist() == ["ก3", "ก1", "ข1", "ก2", "ก4"]
