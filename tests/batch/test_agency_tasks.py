"""The direct path: an agency's tables, charts and documents written by the package, not by notebooks."""

from __future__ import annotations

import pickle
import re

import pandas as pd
import pytest
from conftest import AGENCY

from ita_analysis.batch import agency_tasks
from ita_analysis.batch.agency_tasks import AgencyTask, write_agency_outputs
from ita_analysis.batch.notebooks import NOTEBOOKS
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year
from ita_analysis.parameters import AnalysisParameters

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
TABLES = (
    "results.csv", "comparison.csv", "weaknesses.csv", "trend.csv", "target_gap.csv", "peers.csv", "peer_groups.csv",
)  # fmt: skip


def test_large_runs_write_the_same_tables_without_notebooks(generated, generated_run, tmp_path, read_table):
    overview = run_year(
        RunParams(AnalysisParameters(fiscal_year=2564, data=[generated]), out_root=tmp_path, notebook_limit=2)
    )
    assert set(NOTEBOOKS) <= {p.name for p in (overview / "notebooks").iterdir()}
    assert read_table(overview / "notebooks" / "results.csv")["agency"].nunique() == 4  # the year's overview
    for agency in ("01234", "_CON", "อบต. ทดสอบ", "เทศบาลตำบล ก_ข"):
        for name in TABLES:
            pd.testing.assert_frame_equal(
                read_table(generated_run / agency / name), read_table(overview / agency / name)
            )
        assert not (overview / agency / "01_results.ipynb").exists()
        assert (overview / agency / "chart_indicators.png").exists()
        assert (overview / agency / "measures.pdf").exists()
    # a large run draws only the charts the documents show, once, in their digits, PNG only
    charts = sorted(p.name for p in (overview / "01234").glob("chart_*"))
    assert charts == ["chart_comparison.png", "chart_indicators.png"]
    peers = read_table(overview / "peers.csv")
    assert sorted(peers["rank"]) == sorted(peers["total"].rank(ascending=False, method="min").astype(int))
    from word_text import read_docx

    text = "\n".join(p.text for p in read_docx(overview / "01234" / "measures.docx").paragraphs)
    rank = int(peers.loc[peers["agency"] == "01234", "rank"].iloc[0])
    assert f"อยู่ลำดับที่ {rank}" in text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    assert "จาก 4 หน่วยงานในข้อมูล" in text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    log = (overview / "run.log").read_text(encoding="utf-8")
    assert "4 agencies > notebook limit 2: notebooks run once for the year" in log
    for step in ("analysis", "tables", "documents"):
        assert re.search(rf"\+00:00 agency '01234' {step} \d+\.\d\d s\n", log)
    assert re.search(r"\+00:00 agency \(all\) notebook 01_results.ipynb \d+\.\d\d s\n", log)


def test_direct_tables_equal_the_notebooks(sample_run, sample_params, tmp_path, read_table):
    task = AgencyTask(sample_params(tmp_path).analysis_parameters(AGENCY, tmp_path), "thai", tables=True,
                      documents=False)  # fmt: skip
    result = write_agency_outputs(task)
    assert result.agency == AGENCY and result.failure is None
    assert [s.name for s in result.steps] == ["analysis", "tables"]
    assert all(s.seconds >= 0 and s.finished.endswith("+00:00") for s in result.steps)
    assert pickle.loads(pickle.dumps(result)) == result  # it comes back from a worker process
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(tmp_path / name), read_table(sample_run / "สำนักงาน ก.พ" / name))
    summary = read_table(tmp_path / "results.csv")
    assert summary[["total", "grade"]].drop_duplicates().values.tolist() == [[82.44, "B"]]
    assert {"chart_indicators.png", "chart_comparison.svg", "chart_contributions.png"} <= {
        p.name for p in tmp_path.iterdir()
    }  # every chart, as the notebooks draw them
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("measures")]


def test_documents_only(sample_params, tmp_path):
    task = AgencyTask(sample_params(tmp_path).analysis_parameters(AGENCY, tmp_path), "arabic", tables=False,
                      documents=True)  # fmt: skip
    result = write_agency_outputs(task)
    assert [s.name for s in result.steps] == ["analysis", "documents"] and result.failure is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["measures.docx", "measures.pdf", "measures.xlsx"]


def test_a_worker_reads_the_data_once_for_all_its_agencies(generated, tmp_path):
    params = RunParams(AnalysisParameters(fiscal_year=2564, data=[generated]))

    def task(p, agency, folder):
        return AgencyTask(p.analysis_parameters(agency, folder), "thai", tables=True, documents=False)

    shared = agency_tasks.SharedData()
    first = agency_tasks._analysis_for(task(params, "01234", tmp_path / "a"), shared)
    second = agency_tasks._analysis_for(task(params, "CON", tmp_path / "b"), shared)
    assert second.loaded is first.loaded and second.year is first.year
    assert (first.agency, second.agency) == ("01234", "CON")
    assert (first.output_dir, second.output_dir) == (tmp_path / "a", tmp_path / "b")
    assert second.summary["agency"].tolist() == ["CON"]  # nothing cached from the first agency
    other = agency_tasks._analysis_for(
        task(RunParams(AnalysisParameters(fiscal_year=2563, data=[generated])), "CON", tmp_path), shared
    )
    assert other.loaded is not first.loaded and other.fiscal_year == 2563


def test_a_worker_keeps_its_data_from_one_batch_to_the_next(generated, tmp_path):
    from ita_analysis.batch.agency_tasks import AgencyBatch
    from ita_analysis.batch.tasks import run_task, worker_data

    params = RunParams(AnalysisParameters(fiscal_year=2564, data=[generated]))

    def batch(*agencies):
        tasks = [AgencyTask(params.analysis_parameters(a, tmp_path / a), "thai", True, False, False) for a in agencies]
        return AgencyBatch(tuple(tasks))

    worker_data.cache_clear()
    try:
        first = run_task(batch("01234", "CON"))
        loaded = worker_data().analysis.loaded
        assert set(worker_data().analysis.batch) == {"01234", "CON"}  # the batch's tables, computed at once
        second = run_task(batch("อบต. ทดสอบ"))
        assert worker_data().analysis.loaded is loaded  # not read again
        assert set(worker_data().analysis.batch) == {"อบต. ทดสอบ"}
    finally:
        worker_data.cache_clear()
    assert [r.failure for r in first + second] == [None, None, None]
    for agency in ("01234", "CON", "อบต. ทดสอบ"):
        assert {"results.csv", "comparison.csv", "weaknesses.csv"} <= {p.name for p in (tmp_path / agency).iterdir()}
