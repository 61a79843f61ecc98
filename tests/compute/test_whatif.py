"""What-if: the reference document's FY2563 scores with planned changes, worked by hand."""

from __future__ import annotations

import pytest
from conftest import SCORES

from ita_analysis.compute.whatif import Row, apply_changes, evaluate, parse_settings, what_if, whatif_rows
from ita_analysis.frameworks import load_framework

OCSC = dict(zip(range(1, 11), SCORES[2563], strict=True))


def test_actual_scores_give_published_result():
    r = evaluate(OCSC, load_framework(2563))
    assert r.tools == {"IIT": 80.43, "EIT": 78.98, "OIT": 86.53}
    assert (r.total, r.grade) == (82.44, "B")


def test_oit_at_100():
    # OIT 100 -> 40.00; 24.1302 + 23.695 + 40 = 87.8252 -> 87.83, A
    w = what_if(OCSC, load_framework(2563), set_scores={9: 100, 10: 100})
    assert w.before.total == 82.44 and w.after.total == 87.83
    assert w.after.tools["OIT"] == 100.0 and w.after.grade == "A"
    assert w.changed == {9: (85.56, 100.0), 10: (87.50, 100.0)}


def test_the_rows_both_doors_show():
    # OIT 100 (as above): the two changed indicators, the three tool means, the total, the grade
    fw = load_framework(2563)
    rows = whatif_rows(what_if(OCSC, fw, set_scores={9: 100, 10: 100}), fw)
    assert rows == [
        Row("indicator", 9, 85.56, 100.0),
        Row("indicator", 10, 87.50, 100.0),
        Row("tool", "IIT", 80.43, 80.43),
        Row("tool", "EIT", 78.98, 78.98),
        Row("tool", "OIT", 86.53, 100.0),
        Row("total", None, 82.44, 87.83),
        Row("grade", None, "B", "A"),
    ]


def test_tool_change_capped_at_100():
    # EIT +20 each: 100 (capped), 95.42, 95.79 -> mean 97.07; total 24.1302 + 29.121 + 34.612 = 87.8632
    w = what_if(OCSC, load_framework(2563), tool_change={"eit": 20})
    assert w.after.scores[6] == 100.0 and w.after.scores[7] == 95.42
    assert w.after.tools["EIT"] == 97.07 and w.after.total == 87.86


def test_rating_year_tool_condition():
    # FY2566: all 96 except EIT 92 -> ผ่านดี; EIT set to 95 -> ผ่านดีเยี่ยม
    fw = load_framework(2566)
    scores = {1: 96, 2: 96, 3: 96, 4: 96, 5: 96, 6: 92, 7: 92, 8: 92, 9: 100, 10: 100}
    w = what_if(scores, fw, set_scores={6: 95, 7: 95, 8: 95})
    assert (w.before.grade, w.after.grade) == ("ผ่านดี", "ผ่านดีเยี่ยม")
    assert w.after.total == 97.30


def test_parse_settings_thai_digits_names_and_tools():
    fw = load_framework(2563)
    assert parse_settings(["9=100", "๑๐=๙๕.๕", "OIT=+5", "iit=-2"], fw) == (
        {9: 100.0, 10: 95.5},
        {"OIT": 5.0, "IIT": -2.0},
    )
    assert parse_settings(["การเปิดเผยข้อมูล=90"], fw) == ({9: 90.0}, {})
    with pytest.raises(ValueError, match="INDICATOR=SCORE"):
        parse_settings(["9:100"], fw)
    with pytest.raises(ValueError, match="indicator number"):
        parse_settings(["11=100"], fw)


def test_bad_changes():
    fw = load_framework(2563)
    with pytest.raises(ValueError, match="0 to 100"):
        apply_changes(OCSC, fw, set_scores={9: 120})
    with pytest.raises(ValueError, match="unknown tool"):
        apply_changes(OCSC, fw, tool_change={"XYZ": 1})


@pytest.mark.parametrize("year", [2563, 2566])
def test_evaluate_equals_scoring_on_random_scores(year):
    """The what-if's quick figures are those of compute.scoring.score, letter and rating years."""
    import numpy as np
    import pandas as pd

    from ita_analysis.compute.scoring import score

    fw = load_framework(year)
    rng = np.random.default_rng(year)
    for _ in range(200):
        scores = {n: float(np.round(rng.uniform(60, 100), 2)) for n in fw.numbers}
        tidy = pd.DataFrame(
            {"agency": "x", "fiscal_year": year, "indicator": list(scores), "score": list(scores.values())}
        )
        row = score(tidy).iloc[0]
        r = evaluate(scores, fw)
        assert (r.total, r.grade) == (row["total"], row["grade"])
        assert r.tools == {c: row[c.lower()] for c in fw.tool_codes}
