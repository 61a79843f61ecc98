"""The yearly run as a whole: the sample data, a generated set, report-style tables, warnings."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest
from conftest import AGENCY, FIXTURES, PUBLISHED

from ita_analysis.batch.notebooks import NOTEBOOKS
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year, years_in
from ita_analysis.compute.tables import comparison_table, results_table
from ita_analysis.errors import InputError
from ita_analysis.files import safe_folder_name
from ita_analysis.ingest.scores import load_scores
from ita_analysis.parameters import AnalysisParameters

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FOLDER = "สำนักงาน ก.พ"  # the agency's folder: Thai kept, the final dot dropped


def test_sample_run_outputs(sample_run, read_table):
    folder = sample_run / FOLDER
    names = {p.name for p in folder.iterdir()}
    assert set(NOTEBOOKS) <= names
    assert {"results.csv", "comparison.csv", "weaknesses.csv", "manifest.json"} <= names
    assert {"chart_indicators.png", "chart_indicators.svg", "chart_comparison.png", "chart_contributions.png"} <= names
    assert {"measures.xlsx", "measures.pdf", "measures.docx"} <= names
    assert {p.name for p in sample_run.iterdir()} == {
        "summary.csv", "peers.csv", "peer_groups.csv", "manifest.json", "run.log", "kernels.log", FOLDER,
    }  # fmt: skip
    weak = read_table(folder / "weaknesses.csv")
    assert weak["indicator"].tolist() == [2, 4, 7, 9, 10]
    for name in ("results.csv", "comparison.csv", "weaknesses.csv"):
        assert {"agency", "fiscal_year", "indicator"} <= set(read_table(folder / name).columns)
    summary = read_table(sample_run / "summary.csv")
    assert summary[["total", "grade"]].values.tolist() == [[PUBLISHED[2563]["total"], PUBLISHED[2563]["grade"]]]
    results = read_table(folder / "results.csv")
    assert results["total"].iloc[0] == 82.44 and results["grade"].iloc[0] == "B"


def test_sample_run_plans_the_target(sample_run, read_table):
    # targets.csv: 95 for FY2564. By hand (tests/compute/test_target_gap.py): 104.49 points; the OIT
    # and EIT to 100, the IIT's four lowest to 81.85 / 81.85 / 81.84 / 81.84.
    folder = sample_run / FOLDER
    gap = read_table(folder / "target_gap.csv")
    assert list(gap.columns) == [
        "agency", "fiscal_year", "indicator", "score", "weight_per_point", "required_score", "points_to_gain",
    ]  # fmt: skip
    assert round(gap["points_to_gain"].sum(), 2) == 104.49
    assert gap["required_score"].tolist() == [89.29, 81.85, 81.85, 81.84, 81.84, 100, 100, 100, 100, 100]
    trend = read_table(folder / "trend.csv")
    assert list(trend.columns) == ["agency", "fiscal_year", "indicator", "score", "change", "declined_two_years"]
    assert trend.loc[trend["fiscal_year"] == 2563, "change"].round(2).tolist() == [
        0.22, -0.79, 1.98, -1.73, 0.92, 3.47, -6.96, 0.87, -9.72, -12.5,
    ]  # fmt: skip
    peers = read_table(sample_run / "peers.csv")
    # one agency in the data: no one to rank it against, so no rank and no percentile (not 1 and 100)
    assert peers["agency"].tolist() == ["สำนักงาน ก.พ."] and peers[["rank", "percentile"]].isna().all().all()
    groups = read_table(sample_run / "peer_groups.csv")
    # one agency: A in FY2562 (87.11), B in FY2563 (82.44): one move down
    assert groups[["n", "mean", "count_B", "moved_up", "moved_down"]].values.tolist() == [[1, 82.44, 1, 0, 1]]
    pd.testing.assert_frame_equal(read_table(folder / "peer_groups.csv"), groups)
    from ita_analysis.thai.numbers import to_thai_digits

    text = _docx_text(folder / "measures.docx")
    assert to_thai_digits("12.56") in text and to_thai_digits("95.00") in text  # the gap: 95.00 - 82.44


def _docx_text(path) -> str:
    from docx import Document

    d = Document(str(path))
    return "\n".join(p.text for p in d.paragraphs)


def test_notebook_figures_equal_the_package(sample_run, sample_csv, read_table):
    folder = sample_run / FOLDER
    scores = load_scores(sample_csv)
    pd.testing.assert_frame_equal(read_table(folder / "results.csv"), results_table(scores, 2563), check_dtype=False)
    pd.testing.assert_frame_equal(
        read_table(folder / "comparison.csv"), comparison_table(scores, 2563), check_dtype=False
    )
    nb = nbformat.read(folder / "01_results.ipynb", as_version=4)
    shown = "".join(
        o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "82.44" in shown and "80.43" in shown and "24.13" in shown
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2


def test_run_log_lists_every_task(sample_run):
    """One line per agency and step, each with its UTC time and duration; the summary last."""
    lines = (sample_run / "run.log").read_text(encoding="utf-8").splitlines()
    assert "kernel ita-analysis; notebooks per agency from" in lines[0]
    step = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00 agency '(.+)' (.+) (\d+\.\d\d) s$")
    steps = [m.groups()[:2] for m in map(step.match, lines) if m]
    assert sorted(steps) == sorted(
        [(AGENCY, f"notebook {nb}") for nb in NOTEBOOKS] + [(AGENCY, "analysis"), (AGENCY, "documents")]
    )
    assert re.search(rf" summary: 1 agency: 1 done, 0 failed, in [\d.]+ s; slowest: '{AGENCY}' [\d.]+ s$", lines[-1])
    summary = json.loads((sample_run / "manifest.json").read_text(encoding="utf-8"))["summary"]
    assert summary["agencies"] == 1 and summary["done"] == 1 and summary["failed"] == 0
    assert [s["agency"] for s in summary["slowest"]] == [AGENCY]


def test_generated_set(generated, generated_run, read_table):
    folder = generated_run
    summary = read_table(folder / "summary.csv")
    assert len(summary) == 4
    dirs = {p.name for p in folder.iterdir() if p.is_dir()}
    assert dirs == {"01234", "เทศบาลตำบล ก_ข", "_CON", "อบต. ทดสอบ"}
    assert (folder / "01234" / "chart_trend.png").exists()  # three years
    assert not (folder / "_CON" / "chart_trend.png").exists()
    scores = load_scores(generated)
    comp = comparison_table(scores, 2564)
    for agency, sub in (("01234", "01234"), ("CON", "_CON")):
        weak = read_table(folder / sub / "weaknesses.csv")
        mine = comp[comp["agency"] == agency]
        declined = mine.loc[mine["change"] < 0, "indicator"].tolist()
        expected = declined or mine.loc[mine["score_current"] < 85, "indicator"].tolist()
        assert weak["indicator"].tolist() == expected
    nb = nbformat.read(folder / "01234" / "02_comparison.ipynb", as_version=4)
    injected = next(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "agency = '01234'" in injected  # a code stays a string


@pytest.mark.slow  # a run with the real notebooks
def test_run_on_a_report_style_table(tmp_path, read_table):
    """A report table names neither agency nor year: --agency and --fy fill them in."""
    calls = []
    folder = run_year(
        RunParams(
            AnalysisParameters(fiscal_year=2563, data=[FIXTURES / "ocsc_2562_2563_comparison.tsv"], agency=AGENCY),
            out_root=tmp_path,
            documents=False,
        ),
        progress=lambda *a: calls.append(a),
    )
    assert calls == [(k, 5) for k in range(0, 6)]  # the total known up front; five notebooks, no documents
    weak = read_table(folder / safe_folder_name(AGENCY) / "weaknesses.csv")
    assert weak["indicator"].tolist() == [2, 4, 7, 9, 10]
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["warnings"] == []  # totals agree


@pytest.mark.slow  # a run with the real notebooks
def test_published_differences_reach_the_log_and_manifest(tmp_path, read_table):
    folder = run_year(
        RunParams(
            AnalysisParameters(fiscal_year=2563, data=[FIXTURES / "ocsc_2563_report.tsv"], agency=AGENCY),
            out_root=tmp_path,
            documents=False,
        )
    )
    (warning,) = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["warnings"]
    assert "78.99" in warning and "78.98" in warning
    assert "WARNING" in (folder / "run.log").read_text(encoding="utf-8")
    # with no FY2562 in this table, the default rule falls back to the pass mark
    weak = read_table(folder / safe_folder_name(AGENCY) / "weaknesses.csv")
    assert weak["indicator"].tolist() == [2, 3, 4, 5, 7, 8] and set(weak["rule"]) == {"below_pass"}


def test_an_agency_or_year_without_scores_is_bad_input(tmp_path, sample_csv):
    with pytest.raises(InputError, match="กรมที่ไม่มี"):
        run_year(
            RunParams(AnalysisParameters(fiscal_year=2563, data=[sample_csv], agency="กรมที่ไม่มี"), out_root=tmp_path)
        )
    with pytest.raises(InputError, match="2564"):
        run_year(RunParams(AnalysisParameters(fiscal_year=2564, data=[sample_csv]), out_root=tmp_path))
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a staging folder


def test_years_in(generated, sample_csv):
    assert years_in([generated]) == [2562, 2563, 2564]
    assert years_in([sample_csv]) == [2562, 2563]
