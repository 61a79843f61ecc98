"""The values compute hands the report: YearData (the year, every agency) and AgencyYear (one agency),
checked on the reference document's OCSC figures (FY2562 total 87.11 A, FY2563 82.44 B; weak under
the default rule 2, 4, 7, 9, 10)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from conftest import AGENCY, SCORES, long_rows, write_csv

from ita_analysis.compute.agency import PLAN_ROW_COLUMNS, Options, agency_year
from ita_analysis.compute.target_gap import plan_for
from ita_analysis.compute.year import year_data
from ita_analysis.ingest.scores import load_scores

OTHER = "กรมตัวอย่าง"


@pytest.fixture
def year(sample_csv):
    return year_data(load_scores(sample_csv), 2563)


def test_one_agency_s_year(year):
    f = agency_year(year, AGENCY, Options(target=95.0))
    assert (f.summary["total"], f.summary["grade"]) == (82.44, "B")
    assert (f.previous_summary["total"], f.previous_summary["grade"]) == (87.11, "A")
    assert f.weaknesses["indicator"].tolist() == [2, 4, 7, 9, 10] and f.rule == "declined"
    assert f.results["score"].tolist() == SCORES[2563] and f.comparison["score_previous"].tolist() == SCORES[2562]
    assert f.target == 95.0 and f.declined == () and f.notes == ()
    assert f.standing is None and year.alone  # alone in the data: the national figures instead
    # the target 95 judged by the plan year's (FY2564) letters: AA; 104.49 points as in the reference plan
    assert (f.gap.goal.min_total, f.gap.goal.level, f.gap.given, f.gap.judge.fiscal_year) == (95.0, "AA", True, 2564)
    assert f.gap.plan.points == pytest.approx(104.49)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.target = 90.0


def test_without_a_target_the_goal_is_the_next_level(year):
    f = agency_year(year, AGENCY, Options())
    assert f.target is None and (f.gap.goal.level, f.gap.goal.min_total, f.gap.given) == ("A", 85.0, False)
    top = plan_for(dict.fromkeys(range(1, 11), 100.0), 2563, None)
    assert top.goal is None and top.plan is None and top.result.grade == "AA"


def test_plan_rows_mark_weak_indicators_without_an_action(year):
    plan = pd.DataFrame(
        {
            "agency": [AGENCY, ""],
            "fiscal_year": [2564, 2564],
            "indicator": [2, 4],
            "action": ["ทำ", "ทำด้วย"],
            "responsible": ["ก", "ข"],
            "timeline": "",
            "kpi": "",
        }
    )
    f = agency_year(year, AGENCY, Options(plan=plan))
    assert list(f.plan.columns) == PLAN_ROW_COLUMNS
    # 2 and 4 planned (4 by a row for every agency); 7, 9, 10 weak without one: empty action, marked
    assert f.plan[["indicator", "missing"]].values.tolist() == [
        [2, False],
        [4, False],
        [7, True],
        [9, True],
        [10, True],
    ]
    assert f.plan.loc[f.plan["missing"], "action"].tolist() == ["", "", ""]


def test_the_year_of_two_agencies(tmp_path):
    rows = long_rows() + long_rows(agency=OTHER)[1:]
    scores = load_scores(write_csv(tmp_path / "two.csv", rows))
    year = year_data(scores, 2563)
    assert year.agencies == (AGENCY, OTHER) and not year.alone
    assert year.agency_scores(OTHER)["agency"].unique().tolist() == [OTHER]
    assert year.agency_scores("none").empty
    # the same totals: both rank 1 of 2, tied; mean and median 82.44
    s = agency_year(year, OTHER, Options()).standing
    assert (s.rank, s.n, s.tied, s.mean, s.median, s.share_at_pass) == (1, 2, 2, 82.44, 82.44, 0.0)
    assert year.peers["fiscal_year"].unique().tolist() == [2563]
    assert year.peer_groups["group"].tolist() == ["ทั้งหมด"] and year.peer_groups["n"].tolist() == [2]
