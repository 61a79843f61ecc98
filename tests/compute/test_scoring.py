"""Scoring as NACC does it: tool means, 30/30/40 weights, half-up 2-decimal figures, grades and ratings."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ita_analysis.compute.scoring import grade, in_agency_order, round2, score
from ita_analysis.frameworks import load_framework

TOOLS = ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2


def tidy(rows: dict[tuple[str, int], list[float]]) -> pd.DataFrame:
    records = [
        {"agency": a, "fiscal_year": y, "indicator": i, "tool": TOOLS[i - 1], "score": s}
        for (a, y), scores in rows.items()
        for i, s in enumerate(scores, start=1)
    ]
    df = pd.DataFrame.from_records(records)
    return df.astype({"fiscal_year": "Int64", "indicator": "Int64", "score": "float64", "agency": "object"})


def by_tools(iit: float, eit: float, oit: float) -> list[float]:
    return [iit] * 5 + [eit] * 3 + [oit] * 2


@pytest.mark.parametrize(
    ("total", "expected"),
    [(100.0, "AA"), (95.00, "AA"), (94.99, "A"), (85.00, "A"), (84.99, "B"), (75.00, "B"), (74.99, "C"),
     (65.00, "C"), (64.99, "D"), (55.00, "D"), (54.99, "E"), (50.00, "E"), (49.99, "F"), (0.0, "F")],
)  # fmt: skip
def test_letter_band_edges(total, expected):
    fw = load_framework(2563)
    assert grade(np.array([total]), None, fw)[0] == expected
    # the same through score(): every indicator equal gives that total
    assert score(tidy({("x", 2563): [total] * 10}))["grade"].iloc[0] == expected


def test_grade_uses_the_two_decimal_total():
    fw = load_framework(2565)
    assert grade(np.array([84.995]), None, fw)[0] == "A"  # printed 85.00
    assert grade(np.array([84.9949]), None, fw)[0] == "B"  # printed 84.99


@pytest.mark.parametrize(
    ("tools", "expected"),
    [
        ((100.0, 84.00, 98.50), "ผ่าน"),  # total 94.60 but EIT under 85: not ผ่านดี
        ((100.0, 84.99, 98.5075), "ผ่าน"),
        ((100.0, 85.00, 97.75), "ผ่านดี"),  # total 94.60, every tool >= 85
        ((95.0, 95.0, 95.0), "ผ่านดีเยี่ยม"),
        ((100.0, 94.99, 100.0), "ผ่านดี"),  # total 98.50 >= 95 but a tool under 95
        ((85.0, 85.0, 85.0), "ผ่านดี"),
        ((84.99, 84.99, 84.99), "ต้องปรับปรุง"),
        ((70.0, 70.0, 70.0), "ต้องปรับปรุง"),
        ((69.99, 69.99, 69.99), "ต้องปรับปรุงโดยด่วน"),
        ((100.0, 100.0, 40.0), "ต้องปรับปรุง"),  # total 76
    ],
)
def test_fy2567_rating_edges(tools, expected):
    out = score(tidy({("agency", 2567): by_tools(*tools)}))
    assert out["grade"].iloc[0] == expected
    assert out["framework_status"].iloc[0] == "provisional"


def test_fy2567_example_total():
    out = score(tidy({("a", 2567): by_tools(100.0, 84.0, 98.5)})).iloc[0]
    assert out["total"] == pytest.approx(94.60)
    assert (out["iit"], out["eit"], out["oit"]) == (100.0, 84.0, 98.5)


def test_round_half_up():
    assert round2(23.695) == 23.70
    assert round2(0.3 * (85.74 + 75.42 + 75.79) / 3) == 23.70
    assert round2(78.9833333) == 78.98
    assert list(round2(np.array([0.005, 0.015, 1.125]))) == [0.01, 0.02, 1.13]


def exact_round(x: Fraction) -> float:
    return float(Fraction(int(x * 100 + Fraction(1, 2)), 100))


hundredths = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=300, deadline=None)
@given(st.lists(hundredths, min_size=10, max_size=10))
def test_matches_exact_rational_arithmetic(cents):
    """Against an independent exact computation (fractions), on any 2-decimal indicator scores."""
    scores = [c / 100 for c in cents]
    q = [Fraction(c, 100) for c in cents]
    iit, eit, oit = sum(q[:5]) / 5, sum(q[5:8]) / 3, sum(q[8:]) / 2
    total = Fraction(3, 10) * iit + Fraction(3, 10) * eit + Fraction(4, 10) * oit
    out = score(tidy({("a", 2564): scores})).iloc[0]
    assert out["iit"] == exact_round(iit)
    assert out["eit"] == exact_round(eit)
    assert out["oit"] == exact_round(oit)
    assert out["eit_weighted"] == exact_round(Fraction(3, 10) * eit)
    assert out["total"] == exact_round(total)
    expected = next(lv.label for lv in load_framework(2564).levels if exact_round(total) >= lv.min_total)
    assert out["grade"] == expected


def test_many_agencies_and_years_at_once():
    rng = np.random.default_rng(7)
    rows = {}
    for k in range(300):
        for y in (2563, 2566):
            rows[(f"หน่วยงาน {k:04d}", y)] = list(np.round(rng.uniform(40, 100, 10), 2))
    out = score(tidy(rows))
    assert len(out) == 600
    # each row equals the agency scored alone
    for a, y in [("หน่วยงาน 0000", 2563), ("หน่วยงาน 0123", 2566), ("หน่วยงาน 0299", 2563)]:
        alone = score(tidy({(a, y): rows[(a, y)]})).iloc[0]
        row = out[(out["agency"] == a) & (out["fiscal_year"] == y)].iloc[0]
        assert row.drop("agency").equals(alone.drop("agency"))
    assert set(out.loc[out["fiscal_year"] == 2566, "framework_status"]) == {"provisional"}
    assert set(out.loc[out["fiscal_year"] == 2563, "grade"]) <= {"AA", "A", "B", "C", "D", "E", "F"}


def test_in_agency_order_keeps_the_input_order_of_agencies():
    """Agencies sort as they first appear in the input (not by name); other columns by value."""
    table = pd.DataFrame(
        {"agency": ["ก", "ข", "ก", "ค", "ข"], "fiscal_year": [2563, 2563, 2562, 2563, 2562], "x": [1, 2, 3, 4, 5]}
    )
    ordered = in_agency_order(table, ["ค", "ข", "ก", "ข"], ["agency", "fiscal_year"])
    assert ordered["agency"].tolist() == ["ค", "ข", "ข", "ก", "ก"]
    assert ordered["fiscal_year"].tolist() == [2563, 2562, 2563, 2562, 2563]
    assert ordered["x"].tolist() == [4, 5, 2, 3, 1]
