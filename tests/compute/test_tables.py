"""Results and comparison tables reproduce the reference document's tables."""

from __future__ import annotations

import pytest
from conftest import AGENCY, NAMES, SCORES

from ita_analysis.compute.tables import COMPARISON_COLUMNS, RESULTS_COLUMNS, comparison_table, results_table
from ita_analysis.ingest.scores import load_scores


@pytest.fixture
def scores(sample_csv):
    return load_scores(sample_csv)


def test_results_table_as_in_the_reference(scores):
    t = results_table(scores, 2563)
    assert list(t.columns) == RESULTS_COLUMNS
    assert t["indicator"].tolist() == list(range(1, 11))
    assert t["indicator_name"].tolist() == NAMES
    assert t["score"].tolist() == SCORES[2563]
    by_tool = t.drop_duplicates("tool").set_index("tool")
    assert by_tool["tool_score"].to_dict() == {"IIT": 80.43, "EIT": 78.98, "OIT": 86.53}
    assert by_tool["tool_weighted"].to_dict() == {"IIT": 24.13, "EIT": 23.70, "OIT": 34.61}
    assert by_tool["tool_weight"].to_dict() == {"IIT": 0.3, "EIT": 0.3, "OIT": 0.4}
    assert set(t["total"]) == {82.44} and set(t["grade"]) == {"B"} and set(t["agency"]) == {AGENCY}


def test_comparison_table_as_in_the_reference(scores):
    c = comparison_table(scores, 2563)
    assert list(c.columns) == COMPARISON_COLUMNS
    assert c["score_previous"].tolist() == SCORES[2562]
    assert c["score_current"].tolist() == SCORES[2563]
    assert c["change"].tolist() == [0.22, -0.79, 1.98, -1.73, 0.92, 3.47, -6.96, 0.87, -9.72, -12.5]
    assert c.loc[c["direction"] == "down", "indicator"].tolist() == [2, 4, 7, 9, 10]
    assert set(c["previous_year"]) == {2562}


def test_comparison_without_previous_year(scores):
    c = comparison_table(scores, 2562)
    assert c["score_previous"].isna().all() and set(c["direction"]) == {"new"}
