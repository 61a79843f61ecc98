"""Multi-year history: changes from the year before and indicators that fell two years running.

Figures worked out by hand. Agency ก (2562-2565, four years in a row), every indicator 85.00 except:
  1: 90.00, 91.00, 88.50, 87.25  -> change -, +1.00, -2.50, -1.25: fell 2564 and 2565 -> flagged 2565
  2: 80.00, 79.00, 79.50, 79.50  -> change -, -1.00, +0.50,  0.00: fell once, never flagged
  3: 70.10, 70.09, 70.09, 70.08  -> change -, -0.01,  0.00, -0.01: 0.00 is no fall, never flagged
  4: 80.00, 80.125, 80.125, 80.125 -> change -, +0.13 (0.125 rounded half up), 0.00, 0.00
Agency ข (2562, 2563, 2565, 2566: no 2564), indicator 1: 90, 89, 88, 87 -> change -, -1.00, NaN,
  -1.00: falls every year it has, but the gap breaks the run: never flagged.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ita_analysis.compute.history import (
    HISTORY_COLUMNS,
    declined_two_years,
    declined_two_years_by_agency,
    history_summary,
    history_table,
)

A, B = "ก", "ข"
TOOLS = ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2
A_SCORES = {
    1: [90.00, 91.00, 88.50, 87.25],
    2: [80.00, 79.00, 79.50, 79.50],
    3: [70.10, 70.09, 70.09, 70.08],
    4: [80.00, 80.125, 80.125, 80.125],
}
B_SCORES = {1: [90.0, 89.0, 88.0, 87.0]}


def _rows(agency, years, special):
    return [
        (agency, y, n, TOOLS[n - 1], special.get(n, [85.0] * len(years))[k])
        for k, y in enumerate(years)
        for n in range(1, 11)
    ]


@pytest.fixture
def scores() -> pd.DataFrame:
    rows = _rows(B, [2562, 2563, 2565, 2566], B_SCORES) + _rows(A, [2562, 2563, 2564, 2565], A_SCORES)
    return pd.DataFrame(rows, columns=["agency", "fiscal_year", "indicator", "tool", "score"]).iloc[::-1]


def _changes(h, agency, indicator):
    rows = h[(h["agency"] == agency) & (h["indicator"] == indicator)]
    return [None if math.isnan(c) else c for c in rows["change"]]


def test_columns_order_and_changes(scores):
    h = history_table(scores)
    assert list(h.columns) == HISTORY_COLUMNS
    assert len(h) == 80
    # agencies in input order (the input is reversed: ก first), then year, then indicator
    assert h["agency"].tolist()[:1] == [A] and h["agency"].tolist()[-1] == B
    a = h[h["agency"] == A]
    assert a["fiscal_year"].tolist() == sorted(a["fiscal_year"].tolist())
    assert a[a["fiscal_year"] == 2563]["indicator"].tolist() == list(range(1, 11))
    assert _changes(h, A, 1) == [None, 1.00, -2.50, -1.25]
    assert _changes(h, A, 2) == [None, -1.00, 0.50, 0.00]
    assert _changes(h, A, 3) == [None, -0.01, 0.00, -0.01]
    assert _changes(h, A, 4) == [None, 0.13, 0.00, 0.00]  # 0.125 rounded half up
    assert _changes(h, B, 1) == [None, -1.00, None, -1.00]  # 2565 has no 2564 to compare with


def test_declined_two_years(scores):
    h = history_table(scores)
    flagged = h[h["declined_two_years"]]
    assert list(zip(flagged["agency"], flagged["fiscal_year"], flagged["indicator"], strict=True)) == [(A, 2565, 1)]
    assert h["declined_two_years"].dtype == bool
    assert declined_two_years(scores, A, 2565) == {1}
    assert declined_two_years(scores, A, 2564) == set()  # fell 2564 only once so far
    assert declined_two_years(scores, B, 2566) == set()  # a gap year breaks the run
    assert declined_two_years(h, A, 2565) == {1}  # a history table works too
    assert declined_two_years_by_agency(h) == {(A, 2565): {1}}


def test_agency_and_up_to(scores):
    h = history_table(scores, agency=A, up_to=2564)
    assert set(h["agency"]) == {A} and sorted(set(h["fiscal_year"])) == [2562, 2563, 2564]
    assert not h["declined_two_years"].any()
    assert history_table(scores, agency="ไม่มี").empty


def test_history_summary_tool_means_and_total(scores):
    # ก 2565: IIT = (87.25 + 79.50 + 70.08 + 80.125 + 85) / 5 = 401.955 / 5 = 80.391 -> 80.39;
    # EIT = OIT = 85; total = 0.3 x 80.391 + 0.3 x 85 + 0.4 x 85 = 24.1173 + 25.5 + 34 = 83.6173 -> 83.62
    for source in (scores, history_table(scores)):
        s = history_summary(source, agency=A)
        assert s["fiscal_year"].tolist() == [2562, 2563, 2564, 2565]
        row = s.set_index("fiscal_year").loc[2565]
        assert (row["iit"], row["eit"], row["oit"], row["total"]) == (80.39, 85.00, 85.00, 83.62)
    assert history_summary(scores, agency=B, up_to=2565)["fiscal_year"].tolist() == [2562, 2563, 2565]
