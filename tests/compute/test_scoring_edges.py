"""Edges of scoring: what round2 returns for each kind of input, a total with no grade, the order and
shape of a summary, and the warnings for printed figures that differ from the recomputed ones.

Reference figures (OCSC FY2563, as published): IIT 80.43, EIT 78.98 recomputed (78.99 printed),
OIT 86.53, weighted 24.13 / 23.70 / 34.61, total 82.44, grade B.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import AGENCY, SCORES

from ita_analysis.compute.scoring import compare_published, grade, printed_differences, round2, score
from ita_analysis.errors import Problem
from ita_analysis.frameworks import load_framework

TOOLS = ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2


def tidy(rows: list[tuple[str, int, list[float]]]) -> pd.DataFrame:
    records = [
        {"agency": a, "fiscal_year": y, "indicator": i, "tool": TOOLS[i - 1], "score": s}
        for a, y, scores in rows
        for i, s in enumerate(scores, start=1)
    ]
    df = pd.DataFrame.from_records(records)
    return df.astype({"fiscal_year": "Int64", "indicator": "Int64", "score": "float64", "agency": "object"})


# ---------------------------------------------------------------------------------------- round2
def test_round2_of_a_number_is_a_float():
    assert type(round2(23.695)) is float and round2(23.695) == 23.70
    assert type(round2(85)) is float and round2(85) == 85.0


def test_round2_of_a_list_or_an_object_column_is_an_array():
    assert round2([0.005, 0.015]).tolist() == [0.01, 0.02]
    out = round2(pd.Series([23.695, None], dtype=object))  # a column of printed figures with a gap
    assert out.dtype == np.float64 and out[0] == 23.70 and np.isnan(out[1])


# ----------------------------------------------------------------------------------------- grade
@pytest.mark.parametrize("year", [2563, 2567])
def test_a_missing_or_negative_total_has_no_grade(year):
    tools = {c: np.array([90.0, 90.0]) for c in ("IIT", "EIT", "OIT")}
    assert grade(np.array([np.nan, -0.01]), tools, load_framework(year)).tolist() == ["", ""]


# ----------------------------------------------------------------------------------------- score
SUMMARY = [
    "agency", "fiscal_year", "iit", "eit", "oit", "iit_weighted", "eit_weighted", "oit_weighted", "total", "grade",
    "framework_status", "ind_1", "ind_2", "ind_3", "ind_4", "ind_5", "ind_6", "ind_7", "ind_8", "ind_9", "ind_10",
]  # fmt: skip


def test_no_scores_give_an_empty_summary_with_its_columns():
    out = score(tidy([(AGENCY, 2563, SCORES[2563])]).iloc[:0])
    assert out.empty and list(out.columns) == SUMMARY


def test_summary_order_years_then_agencies_as_given():
    rows = [("ข", 2566, SCORES[2563]), ("ก", 2566, SCORES[2563]), ("ข", 2563, SCORES[2563]), ("ก", 2563, SCORES[2562])]
    out = score(tidy(rows))
    assert list(zip(out["fiscal_year"], out["agency"], strict=True)) == [
        (2563, "ข"), (2563, "ก"), (2566, "ข"), (2566, "ก"),
    ]  # fmt: skip
    assert out["total"].tolist() == [82.44, 87.11, 82.44, 82.44]
    assert list(out.columns) == SUMMARY


def test_a_repeated_indicator_row_counts_once_the_first():
    scores = tidy([(AGENCY, 2563, SCORES[2563])])
    again = scores[scores["indicator"] == 1].assign(score=0.0)  # a second row for indicator 1
    out = score(pd.concat([scores, again], ignore_index=True)).iloc[0]
    assert out["ind_1"] == 89.29 and out["total"] == 82.44


# ---------------------------------------------------------------------------- compare_published
def published(*rows: tuple[str, object, int]) -> pd.DataFrame:
    """(measure, printed value, row) of the reference agency's FY2563, from one file and column."""
    return pd.DataFrame(
        [
            {
                "agency": AGENCY,
                "fiscal_year": 2563,
                "measure": m,
                "value": v,
                "file": "ผล.csv",
                "row": r,
                "column": "คะแนน",
            }
            for m, v, r in rows
        ]
    )


@pytest.fixture(scope="module")
def summary() -> pd.DataFrame:
    return score(tidy([(AGENCY, 2563, SCORES[2563])]))


def test_printed_figures_that_match_give_no_warning(summary):
    pub = published(
        ("iit", 80.43, 2),
        ("eit", 78.98, 3),
        ("oit_weighted", 34.61, 4),
        ("total", 82.44, 5),
        ("grade", "B", 6),
        ("total", 82.445, 7),
    )
    assert compare_published(summary, pub) == []  # 82.445 is within half a hundredth: no difference


def test_a_hundredth_off_is_said_to_be_rounding(summary):
    pub = published(("eit", 78.99, 9), ("eit_weighted", 23.69, 10), ("total", 82.4451, 11))
    assert compare_published(summary, pub) == [
        Problem(
            "ผล.csv",
            9,
            "คะแนน",
            "78.99",
            "EIT 78.98 as recomputed from the indicator scores for "
            f"{AGENCY}, 2563 (difference +0.01, within the 0.01 that rounding allows)",
        ),
        Problem(
            "ผล.csv",
            10,
            "คะแนน",
            "23.69",
            "EIT weighted 23.70 as recomputed from the indicator scores for "
            f"{AGENCY}, 2563 (difference -0.01, within the 0.01 that rounding allows)",
        ),
        Problem(
            "ผล.csv",
            11,
            "คะแนน",
            "82.45",
            "TOTAL 82.44 as recomputed from the indicator scores for "
            f"{AGENCY}, 2563 (difference +0.01, within the 0.01 that rounding allows)",
        ),
    ]


def test_printed_differences_as_figures(summary):
    # EIT (85.74 + 75.42 + 75.79) / 3 = 78.983: NACC printed 78.99 from its unrounded scores; IIT 80.43
    # and the grade B agree; the same printed figure read twice from two files counts once
    pub = published(("eit", 78.99, 9), ("iit", 80.43, 2), ("grade", "A", 6), ("eit", 78.99, 20))
    diff = printed_differences(summary, pub)
    assert diff.to_dict("records") == [
        {"agency": AGENCY, "fiscal_year": 2563, "measure": "eit", "printed": 78.99, "computed": 78.98}
    ]
    assert printed_differences(summary, published(("iit", 80.43, 2))).empty
    assert printed_differences(summary, published()).empty


def test_more_than_a_hundredth_off_is_said_to_be_more(summary):
    (w,) = compare_published(summary, published(("total", 82.46, 12)))
    assert w == Problem(
        "ผล.csv",
        12,
        "คะแนน",
        "82.46",
        "TOTAL 82.44 as recomputed from the indicator scores for "
        f"{AGENCY}, 2563 (difference +0.02, more than rounding explains)",
    )
    (w,) = compare_published(summary, published(("oit", 80.00, 13)))
    assert w.expected.endswith("(difference -6.53, more than rounding explains)") and w.value == "80.00"


def test_a_printed_grade_that_differs(summary):
    (w,) = compare_published(summary, published(("grade", "A", 14)))
    assert w == Problem("ผล.csv", 14, "คะแนน", "A", f"the grade 'B' that the framework gives for {AGENCY}, 2563")


def test_figures_of_others_or_of_unknown_measures_are_left_alone(summary):
    pub = published(("total", 10.0, 2), ("ไม่รู้จัก", 1.0, 3))
    pub.loc[0, "agency"] = "หน่วยงานอื่น"  # not in the summary
    assert compare_published(summary, pub) == []
    assert compare_published(summary, published()) == []
    assert compare_published(summary.iloc[:0], published(("total", 10.0, 2))) == []


def test_every_row_is_compared_after_a_grade_or_an_unknown_measure(summary):
    pub = published(("ไม่รู้จัก", 1.0, 2), ("grade", "A", 3), ("grade", "B", 4), ("total", 82.46, 5))
    assert [(w.row, w.value) for w in compare_published(summary, pub)] == [(3, "A"), (5, "82.46")]
