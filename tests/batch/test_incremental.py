"""Incremental years: a year whose outputs are of the same inputs, framework, version and parameters
is skipped (--force redoes it); the run's options: workers, svg."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil

import pytest
from cli_run import run_in_process
from conftest import ROOT

from ita_analysis.batch import run, staging
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year
from ita_analysis.batch.staging import Fingerprint, unchanged_since
from ita_analysis.parameters import AnalysisParameters

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SAMPLE = ROOT / "data" / "raw" / "ocsc_scores_2562_2563.csv"


@pytest.fixture
def quick_run(tmp_path, quick_notebooks):
    """The sample's FY2563 with stand-in notebooks, on a copy of the data; returns its RunParams."""
    data = tmp_path / "scores.csv"
    shutil.copy(SAMPLE, data)
    params = RunParams(
        AnalysisParameters(fiscal_year=2563, data=[data]),
        out_root=tmp_path / "out",
        notebooks_dir=quick_notebooks(),
        documents=False,
        workers=1,
    )
    run_year(params)
    return params


def _manifest(params: RunParams) -> dict:
    return json.loads((params.out_root / "2563" / "manifest.json").read_text(encoding="utf-8"))


def test_the_same_inputs_framework_version_and_parameters_are_unchanged(quick_run):
    assert unchanged_since(Fingerprint.of(quick_run)) == _manifest(quick_run)["finished"]
    for change in ({"digits": "arabic"}, {"svg": True}, {"documents": True}):
        assert unchanged_since(Fingerprint.of(dataclasses.replace(quick_run, **change))) is None, change
    for change in ({"target": 95.0}, {"agency": "x"}):
        changed = dataclasses.replace(quick_run, analysis=dataclasses.replace(quick_run.analysis, **change))
        assert unchanged_since(Fingerprint.of(changed)) is None, change
    assert unchanged_since(Fingerprint.of(quick_run.for_year(2562))) is None  # never run
    assert unchanged_since(Fingerprint.of(dataclasses.replace(quick_run, workers=3))) is not None  # not an output


def test_changed_inputs_version_or_framework_are_not(quick_run, monkeypatch):
    fingerprint = Fingerprint.of(quick_run)
    monkeypatch.setattr(staging, "__version__", "99.0")
    assert unchanged_since(fingerprint) is None
    monkeypatch.undo()
    path = quick_run.out_root / "2563" / "manifest.json"
    manifest = _manifest(quick_run)
    path.write_text(json.dumps({**manifest, "framework": {**manifest["framework"], "sha256": "0" * 64}}), "utf-8")
    assert unchanged_since(fingerprint) is None
    path.write_text(json.dumps(manifest), "utf-8")
    assert unchanged_since(fingerprint) is not None
    with open(quick_run.score_tables()[0], "a", encoding="utf-8") as f:
        f.write("\n")  # same scores, other bytes
    assert unchanged_since(Fingerprint.of(quick_run)) is None


def test_a_year_with_failures_or_an_unreadable_manifest_is_not_skipped(quick_run):
    fingerprint = Fingerprint.of(quick_run)
    path = quick_run.out_root / "2563" / "manifest.json"
    manifest = _manifest(quick_run)
    path.write_text(json.dumps({**manifest, "failed": [{"agency": "x", "step": "tables", "message": "m"}]}), "utf-8")
    assert unchanged_since(fingerprint) is None
    path.write_text("{", "utf-8")
    assert unchanged_since(fingerprint) is None
    path.unlink()
    assert unchanged_since(fingerprint) is None


@pytest.mark.slow  # four runs of two years
def test_run_skips_an_unchanged_year_and_force_redoes_it(tmp_path, quick_notebooks, monkeypatch):
    out = tmp_path / "o"
    notebooks = quick_notebooks()
    monkeypatch.setattr(run, "default_notebooks_dir", lambda: notebooks)

    def cli(*args):
        return run_in_process("run", "--fy", "all", "--data", SAMPLE, "--out", out, "--no-documents", *args)

    first = cli()
    assert first.returncode == 0, first.stderr
    assert "FY2562: outputs in" in first.stderr and "FY2563: 1 agency: 1 done, 0 failed, in " in first.stderr
    finished = json.loads((out / "2563" / "manifest.json").read_text(encoding="utf-8"))["finished"]
    again = cli()
    assert again.returncode == 0, again.stderr
    assert f"FY2563: unchanged since {finished}, skipped; --force to redo" in again.stderr
    assert "FY2562: unchanged since" in again.stderr and "outputs in" not in again.stderr
    forced = cli("--force", "--svg")
    assert forced.returncode == 0 and "skipped" not in forced.stderr and "FY2563: outputs in" in forced.stderr
    assert json.loads((out / "2563" / "manifest.json").read_text(encoding="utf-8"))["parameters"]["svg"] is True
    other = cli("--no-svg")  # another parameter: the years run again
    assert "skipped" not in other.stderr and "FY2562: outputs in" in other.stderr, other.stderr


def test_workers_default_to_the_cores_and_svg_to_notebook_mode(tmp_path):
    params = RunParams(AnalysisParameters(fiscal_year=2563, data=[SAMPLE]), notebook_limit=2)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert params.workers == max(1, cores or 1)  # the cores this process may use
    assert [params.svg_charts(n) for n in (1, 2, 3)] == [True, True, False]
    assert dataclasses.replace(params, svg=False).svg_charts(1) is False
    assert dataclasses.replace(params, svg=True).svg_charts(3) is True
    folders = {a: tmp_path / a for a in ("a", "b", "c")}
    assert {t.svg for t in run._agency_tasks(params, folders, per_agency=False)} == {False}
    assert {t.svg for t in run._agency_tasks(dataclasses.replace(params, svg=True), folders, False)} == {True}
    assert {t.svg for t in run._agency_tasks(params, dict(list(folders.items())[:2]), True)} == {True}
