"""What the notebooks call: Analysis built from the parameters, its tables and outputs, and save()."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import AGENCY, FIXTURES, PUBLISHED, ROOT, SCORES, sample_analysis

from ita_analysis.errors import FrameworkError, InputError
from ita_analysis.facade import Analysis, AnalysisParameters

RAW = ROOT / "data" / "raw"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def sample(**kw) -> Analysis:
    return sample_analysis(**kw)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return sample(agency=AGENCY)


def test_parameters_have_the_defaults_the_notebooks_document():
    p = AnalysisParameters(fiscal_year=2563, data="scores.csv")
    assert dataclasses.asdict(p) == {
        "fiscal_year": 2563,
        "agency": None,
        "data": "scores.csv",
        "sheet": None,
        "group": None,
        "previous_year": None,
        "weakness_rule": "default",
        "target": None,
        "targets": None,
        "items": None,
        "notes": None,
        "recommendations": None,
        "plan": None,
        "target_paragraph": True,
        "output_dir": None,
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.agency = AGENCY
    with pytest.raises(TypeError):
        AnalysisParameters(2563, None, "scores.csv")  # by keyword only


def test_from_params_takes_the_parameters_as_the_batch_gives_them(tmp_path):
    p = AnalysisParameters(
        fiscal_year="2563",
        agency=AGENCY,
        data=str(RAW / "ocsc_scores_2562_2563.csv"),
        previous_year="2562",
        target="95",
        plan=str(RAW / "plan_2564.csv"),
        output_dir=str(tmp_path),
    )
    a = Analysis.from_params(p)
    assert (a.fiscal_year, a.agency, a.previous_year, a.target, a.output_dir) == (2563, AGENCY, 2562, 95.0, tmp_path)
    assert a.plan["indicator"].tolist()[:4] == [1, 2, 4, 7]
    assert a.notes is None and a.targets is None and a.items is None


def test_the_reference_figures(analysis):
    row = analysis.summary.iloc[0]
    assert (row["agency"], row["total"], row["grade"]) == (AGENCY, PUBLISHED[2563]["total"], PUBLISHED[2563]["grade"])
    assert (row["iit_weighted"], row["oit_weighted"]) == (24.13, 34.61)
    assert analysis.results_data["score"].tolist() == SCORES[2563]
    assert analysis.comparison_data["score_previous"].tolist() == SCORES[2562]
    last_year = sample(fiscal_year=2562, agency=AGENCY).summary.iloc[0]
    assert (last_year["total"], last_year["grade"]) == (PUBLISHED[2562]["total"], PUBLISHED[2562]["grade"])


def test_weaknesses_with_notes_and_recommendations(analysis):
    weak = analysis.weaknesses().table
    assert weak["indicator"].tolist() == [2, 4, 7, 9, 10]  # the indicators that declined from FY2562
    assert analysis.target_for(AGENCY) == 95.0  # the targets file's row for FY2564


def test_the_one_agency_of_the_data_when_none_is_given():
    a = sample()
    assert a.agency == AGENCY and a.agency_from_data and a.agencies() == [AGENCY]
    assert set(a.results().figures) == {"indicators", "contributions"}  # the agency's own charts


def test_every_agency_when_none_is_given_and_there_are_several(tmp_path):
    from conftest import long_rows, write_csv

    rows = long_rows() + long_rows(agency="กรมตัวอย่าง")[1:]
    a = Analysis.from_params(AnalysisParameters(fiscal_year=2563, data=[write_csv(tmp_path / "two.csv", rows)]))
    assert a.agency is None and not a.agency_from_data and a.agencies() == [AGENCY, "กรมตัวอย่าง"]
    assert set(a.results().figures) == {"indicators"}  # one chart of the means, no contributions


def test_a_report_style_table_gets_its_agency_and_year():
    a = Analysis.from_params(
        AnalysisParameters(fiscal_year=2563, agency=AGENCY, data=FIXTURES / "ocsc_2562_2563_comparison.tsv")
    )
    assert a.summary["total"].tolist() == [82.44]


def test_bad_parameters_are_clear_errors():
    with pytest.raises(InputError, match="กรมที่ไม่มี"):
        sample(agency="กรมที่ไม่มี")
    with pytest.raises(FrameworkError, match="2500"):
        sample(fiscal_year=2500)


def test_save_writes_only_with_an_output_dir(analysis, tmp_path):
    results = analysis.results()
    assert set(results.figures) == {"indicators", "contributions"}
    assert analysis.save(results) == []  # output_dir None: show only
    saved = analysis.replace(output_dir=tmp_path)
    paths = saved.save(results)
    assert sorted(p.name for p in paths) == sorted(p.name for p in tmp_path.iterdir())
    assert {"results.csv", "chart_indicators.png", "chart_indicators.svg", "chart_contributions.png"} <= {
        p.name for p in paths
    }
    assert saved.save(saved.weaknesses()) == [tmp_path / "weaknesses.csv"]


def test_a_mistyped_weakness_rule_and_target_are_one_input_error():
    # a notebook shows an InputError as one message per problem, not a traceback
    with pytest.raises(InputError) as caught:
        sample(weakness_rule="worst", target="ZZ")
    assert [(p.file, p.value) for p in caught.value.problems] == [("weakness_rule", "worst"), ("target", "ZZ")]
    assert "default, declined, below_pass, below_target, lowest" in caught.value.problems[0].expected
