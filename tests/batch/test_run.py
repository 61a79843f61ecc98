"""The notebooks under papermill: sample data, a generated set, failures, large runs, the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from conftest import AGENCY, ROOT, write_csv

from ita_analysis.batch.run import NOTEBOOKS, RunError, RunParams, run_year, safe_folder_name
from ita_analysis.compute.tables import comparison_table, results_table
from ita_analysis.ingest.scores import load_scores

RAW = ROOT / "data" / "raw"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def sample_params(out: Path, **kw) -> RunParams:
    base = dict(
        fiscal_year=2563, data=[RAW / "ocsc_scores_2562_2563.csv"], targets=RAW / "targets.csv",
        notes=RAW / "notes_2563.csv", recommendations=RAW / "recommendations_2563.csv", plan=RAW / "plan_2564.csv",
        out_root=out,
    )  # fmt: skip
    base.update(kw)
    return RunParams(**base)


def read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no BOM"
    return pd.read_csv(path, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    return run_year(sample_params(out))


def test_sample_run_outputs(sample_run):
    folder = sample_run / safe_folder_name(AGENCY)
    names = {p.name for p in folder.iterdir()}
    assert set(NOTEBOOKS) <= names
    assert {"results.csv", "comparison.csv", "weaknesses.csv", "manifest.json"} <= names
    assert {"chart_indicators.png", "chart_indicators.svg", "chart_comparison.png", "chart_contributions.png"} <= names
    assert {"measures.xlsx", "measures.pdf", "measures.docx"} <= names
    weak = read_csv(folder / "weaknesses.csv")
    assert weak["indicator"].tolist() == [2, 4, 7, 9, 10]
    for name in ("results.csv", "comparison.csv", "weaknesses.csv"):
        assert {"agency", "fiscal_year", "indicator"} <= set(read_csv(folder / name).columns)
    summary = read_csv(sample_run / "summary.csv")
    assert summary[["total", "grade"]].values.tolist() == [[82.44, "B"]]


def test_notebook_figures_equal_the_package(sample_run, sample_csv):
    folder = sample_run / safe_folder_name(AGENCY)
    scores = load_scores(sample_csv)
    pd.testing.assert_frame_equal(read_csv(folder / "results.csv"), results_table(scores, 2563), check_dtype=False)
    pd.testing.assert_frame_equal(
        read_csv(folder / "comparison.csv"), comparison_table(scores, 2563), check_dtype=False
    )
    nb = nbformat.read(folder / "01_results.ipynb", as_version=4)
    shown = "".join(
        o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "82.44" in shown and "80.43" in shown and "24.13" in shown
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2
    injected = next(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "agency = 'สำนักงาน ก.พ.'" in injected  # Thai kept readable


def test_manifest(sample_run):
    m = json.loads((sample_run / safe_folder_name(AGENCY) / "manifest.json").read_text(encoding="utf-8"))
    assert m["framework"]["fiscal_year"] == 2563 and m["framework"]["status"] == "confirmed"
    assert all(len(i["sha256"]) == 64 for i in m["inputs"])
    assert m["parameters"]["weakness_rule"] == "default" and m["parameters"]["agency"] == AGENCY
    assert "weaknesses.csv" in m["files"] and "measures.pdf" in m["files"] and m["version"]
    assert m["parameters"]["digits"] == "thai" and m["parameters"]["plan"].endswith("plan_2564.csv")
    year = json.loads((sample_run / "manifest.json").read_text(encoding="utf-8"))
    assert year["agencies"] == {AGENCY: safe_folder_name(AGENCY)}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Four agencies (one known by a code with a leading zero), FY2562-FY2564, one with 2564 only."""
    rng = np.random.default_rng(42)
    rows = [["agency", "fiscal_year", "indicator", "score"]]
    for a, years in (
        ("01234", (2562, 2563, 2564)),
        ("เทศบาลตำบล ก/ข", (2563, 2564)),
        ("CON", (2564,)),
        ("อบต. ทดสอบ", (2562, 2563, 2564)),
    ):
        for y in years:
            for i in range(1, 11):
                rows.append([a, y, i, round(float(rng.uniform(60, 100)), 2)])
    return write_csv(tmp_path_factory.mktemp("gen") / "generated.csv", rows)


def test_generated_set(generated, tmp_path):
    folder = run_year(RunParams(fiscal_year=2564, data=[generated], out_root=tmp_path))
    summary = read_csv(folder / "summary.csv")
    assert len(summary) == 4
    dirs = {p.name for p in folder.iterdir() if p.is_dir()}
    assert dirs == {"01234", "เทศบาลตำบล ก_ข", "_CON", "อบต. ทดสอบ"}
    assert (folder / "01234" / "chart_trend.png").exists()  # three years
    assert not (folder / "_CON" / "chart_trend.png").exists()
    scores = load_scores(generated)
    comp = comparison_table(scores, 2564)
    for agency, sub in (("01234", "01234"), ("CON", "_CON")):
        weak = read_csv(folder / sub / "weaknesses.csv")
        mine = comp[comp["agency"] == agency]
        declined = mine.loc[mine["change"] < 0, "indicator"].tolist()
        expected = declined or mine.loc[mine["score_current"] < 85, "indicator"].tolist()
        assert weak["indicator"].tolist() == expected
    nb = nbformat.read(folder / "01234" / "02_comparison.ipynb", as_version=4)
    injected = next(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "agency = '01234'" in injected  # a code stays a string


def test_large_runs_write_the_same_tables_without_notebooks(generated, tmp_path):
    per_agency = run_year(RunParams(fiscal_year=2564, data=[generated], out_root=tmp_path / "a"))
    overview = run_year(RunParams(fiscal_year=2564, data=[generated], out_root=tmp_path / "b", notebook_limit=2))
    assert set(NOTEBOOKS) <= {p.name for p in (overview / "notebooks").iterdir()}
    assert read_csv(overview / "notebooks" / "results.csv")["agency"].nunique() == 4  # the year's overview
    for name in ("results.csv", "comparison.csv", "weaknesses.csv"):
        pd.testing.assert_frame_equal(read_csv(per_agency / "01234" / name), read_csv(overview / "01234" / name))
    assert not (overview / "01234" / "01_results.ipynb").exists()
    assert (overview / "01234" / "chart_indicators.png").exists()


def test_a_failing_notebook_keeps_the_previous_outputs(tmp_path, sample_run):
    out = tmp_path / "outputs"
    good = run_year(sample_params(out))
    before = (good / safe_folder_name(AGENCY) / "results.csv").read_bytes()
    broken = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", broken)
    nb = nbformat.read(broken / "02_comparison.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('ตารางเสีย')"))
    nbformat.write(nb, broken / "02_comparison.ipynb")
    with pytest.raises(RunError) as info:
        run_year(sample_params(out, notebooks_dir=broken))
    message = str(info.value)
    assert "02_comparison.ipynb" in message and "raise ValueError" in message and "ตารางเสีย" in message
    assert (good / safe_folder_name(AGENCY) / "results.csv").read_bytes() == before
    assert (out / "2563.failed" / "run.log").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebooks_run_with_their_own_defaults(notebook, tmp_path):
    """As an analyst opens them in JupyterLab: default parameters, every agency, nothing written."""
    import papermill as pm

    from ita_analysis.batch.run import ensure_kernel

    pm.execute_notebook(
        ROOT / "notebooks" / notebook, tmp_path / notebook, kernel_name=ensure_kernel(), cwd=ROOT / "notebooks",
        progress_bar=False,
    )  # fmt: skip
    assert not list((ROOT / "notebooks").glob("*.csv"))


def test_notebooks_are_committed_clean_and_paired():
    for nb_name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / nb_name, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
        assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
        import jupytext

        paired = jupytext.read(ROOT / "notebooks" / nb_name.replace(".ipynb", ".py"))
        assert [c.source for c in paired.cells] == [c.source for c in nb.cells], f"{nb_name} and its .py differ"


def test_cli_run_bad_input(tmp_path):
    rows = [["agency", "fiscal_year", "indicator", "score"], [AGENCY, 2563, 1, "x"]]
    bad = write_csv(tmp_path / "bad.csv", rows)
    r = subprocess.run(
        [sys.executable, "-m", "ita_analysis", "run", "--fy", "2563", "--data", str(bad), "--out", str(tmp_path / "o")],
        capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    assert r.returncode == 1 and "row 2" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o" / "2563").exists()


def test_run_on_a_report_style_table(tmp_path):
    """A report table names neither agency nor year: --agency and --fy fill them in."""
    from conftest import FIXTURES

    folder = run_year(RunParams(fiscal_year=2563, data=[FIXTURES / "ocsc_2562_2563_comparison.tsv"], agency=AGENCY,
                                out_root=tmp_path, documents=False))  # fmt: skip
    weak = read_csv(folder / safe_folder_name(AGENCY) / "weaknesses.csv")
    assert weak["indicator"].tolist() == [2, 4, 7, 9, 10]
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["warnings"] == []  # totals agree


def test_published_differences_reach_the_log_and_manifest(tmp_path):
    from conftest import FIXTURES

    folder = run_year(RunParams(fiscal_year=2563, data=[FIXTURES / "ocsc_2563_report.tsv"], agency=AGENCY,
                                out_root=tmp_path, documents=False))  # fmt: skip
    (warning,) = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["warnings"]
    assert "78.99" in warning and "78.98" in warning
    assert "WARNING" in (folder / "run.log").read_text(encoding="utf-8")
    # with no FY2562 in this table, the default rule falls back to the pass mark
    weak = read_csv(folder / safe_folder_name(AGENCY) / "weaknesses.csv")
    assert weak["indicator"].tolist() == [2, 3, 4, 5, 7, 8] and set(weak["rule"]) == {"below_pass"}
