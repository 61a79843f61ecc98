"""Failures stay local: one agency's failing step (or notebook, or worker process) does not stop the
others; it is listed in errors.csv, run.log and manifest.json, and `run` exits 1 saying so."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import run_params

from ita_analysis.batch import agency_tasks, tasks
from ita_analysis.batch.agency_tasks import AgencyTask, write_agency_outputs
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FOLDERS = {"01234": "01234", "เทศบาลตำบล ก/ข": "เทศบาลตำบล ก_ข", "CON": "_CON", "อบต. ทดสอบ": "อบต. ทดสอบ"}
# the patches below reach the workers because they are forked from the test process
forked = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers must be forked")


def _params(generated, out, notebooks, **kw) -> RunParams:
    base = dict(fiscal_year=2564, data=[generated], out_root=out, notebooks_dir=notebooks, notebook_limit=2,
                documents=False, workers=2)  # fmt: skip
    return run_params(**{**base, **kw})


def _errors(folder) -> pd.DataFrame:
    raw = (folder / "errors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(folder / "errors.csv", encoding="utf-8-sig", keep_default_na=False)


def _break_analysis_for(monkeypatch, agency: str) -> None:
    real = agency_tasks._analysis_for

    def broken(task, *args, **kwargs):
        if task.parameters.agency == agency:
            raise ValueError("แถวเสียในไฟล์ประกอบ")
        return real(task, *args, **kwargs)

    monkeypatch.setattr(agency_tasks, "_analysis_for", broken)


def test_a_failing_step_is_the_result_s_failure(sample_params, tmp_path):
    """In the worker: a step that raises ends the task; the steps before it are kept."""
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    task = AgencyTask(sample_params(tmp_path).analysis_parameters("สำนักงาน ก.พ.", not_a_folder), "thai",
                      tables=True, documents=True)  # fmt: skip
    result = write_agency_outputs(task)
    assert [s.name for s in result.steps] == ["analysis"]
    assert result.failure.step == "tables" and result.failure.agency == "สำนักงาน ก.พ."
    assert result.failure.brief.startswith(("FileExistsError", "NotADirectoryError", "FileNotFoundError"))
    assert "\n  at " in result.failure.message  # where it happened


@forked
def test_one_agency_failing_does_not_stop_the_others(generated, generated_run, tmp_path, monkeypatch, read_table,
                                                     quick_notebooks):  # fmt: skip
    _break_analysis_for(monkeypatch, "CON")
    folder = run_year(_params(generated, tmp_path, quick_notebooks()))
    assert folder == tmp_path / "2564" and not (tmp_path / "2564.failed").exists()  # published
    errors = _errors(folder)
    assert errors[["agency", "step"]].values.tolist() == [["CON", "analysis"]]
    assert errors["message"].iloc[0].startswith("ValueError: แถวเสียในไฟล์ประกอบ")
    for agency, sub in FOLDERS.items():
        if agency != "CON":
            pd.testing.assert_frame_equal(read_table(folder / sub / "results.csv"),
                                          read_table(generated_run / sub / "results.csv"))  # fmt: skip
    assert not (folder / "_CON" / "results.csv").exists()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (failed,) = manifest["failed"]
    assert failed["agency"] == "CON" and failed["step"] == "analysis"
    assert failed["brief"] == "ValueError: แถวเสียในไฟล์ประกอบ"
    assert manifest["summary"]["done"] == 3 and manifest["summary"]["failed"] == 1 and "errors.csv" in manifest["files"]
    assert json.loads((folder / "_CON" / "manifest.json").read_text(encoding="utf-8"))["failed"] == [failed]
    assert json.loads((folder / "01234" / "manifest.json").read_text(encoding="utf-8"))["failed"] == []
    log = (folder / "run.log").read_text(encoding="utf-8")
    assert "FAILED agency 'CON' analysis: ValueError: แถวเสียในไฟล์ประกอบ" in log
    assert "summary: 4 agencies: 3 done, 1 failed" in log


@pytest.mark.slow  # a run with its notebook kernels
def test_a_notebook_failing_for_one_agency(generated, tmp_path, quick_notebooks):
    """Notebook mode: the agency's failing notebooks are its failures; the other agencies complete."""
    folder = run_year(_params(generated, tmp_path, quick_notebooks(["CON"]), notebook_limit=50))
    errors = _errors(folder)
    assert set(errors["agency"]) == {"CON"} and len(errors) == 5
    assert errors["step"].str.startswith("notebook ").all()
    assert errors["message"].str.endswith("ValueError: แถวเสียของ CON").all()
    assert errors["message"].str.startswith("notebook ").all()  # which notebook, agency and cell
    assert (folder / "01234" / "05_plan.ipynb").exists()
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["summary"]["failed"] == 1


@pytest.mark.slow  # a run with its notebook kernels
@forked
def test_a_worker_that_dies_once_is_retried(generated, tmp_path, monkeypatch, quick_notebooks):
    marker = tmp_path / "died"
    real = tasks.write_agency_outputs

    def dies_once(task, *shared):
        if task.parameters.agency == "CON" and not marker.exists():
            marker.touch()
            os._exit(1)
        return real(task, *shared)

    monkeypatch.setattr(tasks, "write_agency_outputs", dies_once)
    folder = run_year(_params(generated, tmp_path / "out", quick_notebooks()))
    assert marker.exists() and not (folder / "errors.csv").exists()
    assert all((folder / sub / "results.csv").exists() for sub in FOLDERS.values())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["failed"] == [] and manifest["summary"]["retried"] >= 1
    log = (folder / "run.log").read_text(encoding="utf-8")
    assert "a worker process died (BrokenProcessPool)" in log and "retrying" in log


@pytest.mark.slow  # a run with its notebook kernels
@forked
def test_a_worker_that_dies_twice_is_a_failure(generated, tmp_path, monkeypatch, quick_notebooks):
    real = tasks.write_agency_outputs
    monkeypatch.setattr(
        tasks,
        "write_agency_outputs",
        lambda t, *shared: os._exit(1) if t.parameters.agency == "CON" else real(t, *shared),
    )
    folder = run_year(_params(generated, tmp_path, quick_notebooks()))
    errors = _errors(folder)
    assert errors[["agency", "step"]].values.tolist() == [["CON", "tables"]]
    assert "died again" in errors["message"].iloc[0]
    assert all((folder / sub / "results.csv").exists() for a, sub in FOLDERS.items() if a != "CON")


_PATCHED_CLI = """
import sys
from ita_analysis.batch import agency_tasks, run
real = agency_tasks._analysis_for
def broken(task, *args, **kwargs):
    if task.parameters.agency == "CON":
        raise ValueError("แถวเสียในไฟล์ประกอบ")
    return real(task, *args, **kwargs)
agency_tasks._analysis_for = broken
notebooks = __import__("pathlib").Path(sys.argv.pop(1))
run.default_notebooks_dir = lambda: notebooks
from ita_analysis.cli import main
main()
"""


@pytest.mark.slow  # two runs in their own processes
@forked
def test_the_command_exits_1_naming_each_failure(generated, tmp_path, quick_notebooks):
    out = tmp_path / "o"
    args = ["run", "--fy", "2564", "--data", str(generated), "--out", str(out), "--notebook-limit", "2",
            "--no-documents", "--workers", "2"]  # fmt: skip
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}
    r = subprocess.run([sys.executable, "-c", _PATCHED_CLI, str(quick_notebooks()), *args], capture_output=True,
                       text=True, encoding="utf-8", env=env)  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert "FY2564: agency 'CON' analysis: ValueError: แถวเสียในไฟล์ประกอบ" in r.stderr.splitlines()[-1]
    assert "1 failure(s)" in r.stderr and "Traceback" not in r.stderr
    assert "4 agencies: 3 done, 1 failed" in r.stderr
    assert (out / "2564" / "errors.csv").exists() and (out / "2564" / "01234" / "results.csv").exists()
    # a year with failures is not skipped next time; run again without the fault, it is clean
    r = subprocess.run([sys.executable, "-c", _PATCHED_CLI.replace('"CON"', '"none"'), str(quick_notebooks()),
                        *args], capture_output=True, text=True, encoding="utf-8", env=env)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "skipped" not in r.stderr and not (out / "2564" / "errors.csv").exists()
    assert (out / "2564" / "_CON" / "results.csv").exists()


def test_describe_in_full_and_in_one_line():
    from ita_analysis.batch.notebooks import RunError
    from ita_analysis.batch.results import describe

    assert describe(RunError("notebook 02.ipynb failed for agency x\ncell 3:\n    raise\nValueError: พัง")) == (
        "notebook 02.ipynb failed for agency x\ncell 3:\n    raise\nValueError: พัง",
        "ValueError: พัง",
    )
    try:
        raise KeyError
    except KeyError as exc:
        message, brief = describe(exc)
    assert brief == "KeyError" and message.startswith("KeyError\n  at test_failures.py:")
