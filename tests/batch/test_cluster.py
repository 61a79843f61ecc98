"""`run --cluster`: the year's tasks on the workers of a Dask cluster (a LocalCluster of two worker
processes, one thread each, as docs/scale.md asks of a real one) write what the local pool writes;
a failing agency fails alone, a worker that dies is retried once, Ctrl-C waits for the tasks running
and removes the attempt, and a scheduler out of reach is said plainly before anything is written."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from cli_run import run_in_process, run_process
from conftest import SAMPLE, run_params, write_csv
from word_text import read_docx

from ita_analysis.batch import cluster as cluster_module
from ita_analysis.batch.interrupts import Interrupted
from ita_analysis.batch.run import run_year
from ita_analysis.synthetic import synth_scores

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
AGENCIES = 3


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster: two worker processes of one thread; a worker that dies under a
    task fails it at once (``allowed-failures`` 0: the run's own retry is what is tested)."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local:
            yield local.scheduler_address


@pytest.fixture(scope="module")
def year_data(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "scores.csv"
    synth_scores(AGENCIES, [2565, 2566], groups=True, seed=7).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _params(data: Path, out: Path, notebooks: Path, **kw):
    base = dict(fiscal_year=2566, data=[data], out_root=out, notebooks_dir=notebooks, notebook_limit=2,
                documents=True, workers=2)  # fmt: skip
    return run_params(**{**base, **kw})


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _docx_text(path: Path) -> list[str]:
    document = read_docx(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def _xlsx_values(path: Path) -> dict:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}


@pytest.mark.slow  # two whole runs with documents, one of them on two worker processes
def test_a_cluster_run_writes_what_a_local_run_writes(scheduler, year_data, tmp_path, stand_in_notebooks):
    notebooks = stand_in_notebooks(write=True)
    local = run_year(_params(year_data, tmp_path / "local", notebooks))
    on_cluster = run_year(_params(year_data, tmp_path / "cluster", notebooks, cluster=scheduler))
    files = _files(local)
    assert files == _files(on_cluster)
    agencies = [f for f in files if f.endswith("/measures.pdf")]
    assert len(agencies) == AGENCIES and len([f for f in files if f.endswith("/results.csv")]) == AGENCIES
    for name in files:
        a, b = local / name, on_cluster / name
        if name.endswith((".csv", ".png", ".txt")):  # tables, charts, what the stand-in notebooks wrote
            assert a.read_bytes() == b.read_bytes(), name
        elif name.endswith(".pdf"):
            assert _pdf_text(a) == _pdf_text(b) and "หน่วยงานสมมติ" in _pdf_text(b), name
        elif name.endswith(".docx"):
            assert _docx_text(a) == _docx_text(b), name
        elif name.endswith(".xlsx"):
            assert _xlsx_values(a) == _xlsx_values(b), name
    manifest = json.loads((on_cluster / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["cluster"] == scheduler and manifest["failed"] == [] and manifest["summary"]["done"] == AGENCIES
    assert "cluster" not in json.loads((local / "manifest.json").read_text(encoding="utf-8"))
    log = (on_cluster / "run.log").read_text(encoding="utf-8")
    assert f"summary: {AGENCIES} agencies: {AGENCIES} done, 0 failed" in log
    assert log.count(" documents ") == AGENCIES  # one line per agency's documents, as locally


def _two_agencies(data: Path, folder: Path) -> Path:
    rows = [["agency", "fiscal_year", "indicator", "score"]]
    for agency, base in (("กรมตัวอย่าง", 70.0), ("CON", 80.0)):
        rows += [[agency, year, i, base + i] for year in (2565, 2566) for i in range(1, 11)]
    return write_csv(folder / "two.csv", rows)


@pytest.mark.slow  # ten notebook kernels on the workers
def test_a_failing_agency_fails_alone_on_the_cluster(scheduler, tmp_path, stand_in_notebooks):
    data = _two_agencies(tmp_path, tmp_path)
    notebooks = stand_in_notebooks(fail_for=["CON"], fail_in=["01_results.ipynb"])
    folder = run_year(_params(data, tmp_path / "out", notebooks, notebook_limit=50, documents=False, cluster=scheduler))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [(f["agency"], f["step"]) for f in manifest["failed"]] == [("CON", "notebook 01_results.ipynb")]
    assert manifest["failed"][0]["brief"] == "ValueError: แถวเสียของ CON"
    assert manifest["summary"]["done"] == 1 and manifest["summary"]["failed"] == 1
    assert all((folder / "กรมตัวอย่าง" / nb).is_file() for nb in ("01_results.ipynb", "05_plan.ipynb"))


def _killing_notebooks(stand_in_notebooks, marker: Path | None) -> Path:
    """Stand-in notebooks whose 03_weaknesses kills the process that started its kernel (the Dask
    worker) for agency CON: every time (``marker`` None), or only while ``marker`` does not exist."""
    import nbformat

    folder = stand_in_notebooks()
    nb = nbformat.read(folder / "03_weaknesses.ipynb", as_version=4)
    once = f" and not Path({str(marker)!r}).exists()" if marker else ""
    touch = f"Path({str(marker)!r}).touch()\n    " if marker else ""
    kill = f"import os, signal\nif agency == 'CON'{once}:\n    {touch}os.kill(os.getppid(), signal.SIGKILL)"
    nb.cells.append(nbformat.v4.new_code_cell(kill))
    nbformat.write(nb, folder / "03_weaknesses.ipynb")
    return folder


@pytest.mark.slow  # worker processes killed and started again, notebook kernels
@pytest.mark.parametrize("dies", ["once", "always"])
def test_a_worker_that_dies_is_retried_once(scheduler, tmp_path, stand_in_notebooks, dies):
    marker = tmp_path / "died" if dies == "once" else None
    notebooks = _killing_notebooks(stand_in_notebooks, marker)
    params = _params(_two_agencies(tmp_path, tmp_path), tmp_path / "out", notebooks, notebook_limit=50,
                     documents=False, cluster=scheduler)  # fmt: skip
    folder = run_year(params)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    log = (folder / "run.log").read_text(encoding="utf-8")
    # the task queued on the same worker, if any, is lost with it and retried too
    assert "a Dask worker died (KilledWorker)" in log and "task(s) lost with a Dask worker, each agency alone" in log
    assert manifest["summary"]["retried"] >= 1
    if dies == "once":
        assert manifest["failed"] == [] and (folder / "_CON" / "03_weaknesses.ipynb").is_file()
    else:
        (failed,) = manifest["failed"]
        assert (failed["agency"], failed["step"]) == ("CON", "notebook 03_weaknesses.ipynb")
        assert failed["brief"].startswith("WorkerLost: the Dask worker running it died again on retry")
        assert manifest["summary"]["done"] == 1


@pytest.mark.slow  # a run with documents on the workers
def test_an_interrupted_cluster_run_waits_for_its_tasks_and_removes_the_attempt(
    scheduler, year_data, tmp_path, stand_in_notebooks
):
    def stop(done: int, total: int) -> None:
        if done >= 1:
            raise Interrupted(signal.SIGINT)

    out = tmp_path / "out"
    with pytest.raises(Interrupted) as stopped:
        run_year(_params(year_data, out, stand_in_notebooks(), cluster=scheduler), progress=stop)
    with distributed.Client(scheduler) as client:  # nothing of the run goes on after it
        assert cluster_module.running_tasks(client, "ita-analysis-") == []
    left = [p.name for p in out.iterdir() if not p.name.endswith(".lock")]
    assert left == []  # the attempt removed, and the workers' check file
    assert stopped.value.removed is not None and stopped.value.left is None
    assert "no worker was running" in str(stopped.value) or "running on the Dask cluster" in str(stopped.value)


def test_a_scheduler_out_of_reach_is_said_plainly(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1.0)
    out = tmp_path / "out"
    r = run_in_process("run", "--fy", "2563", "--data", SAMPLE, "--out", out, "--cluster", "tcp://127.0.0.1:9")
    assert r.returncode == 1, r.stderr
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


@pytest.mark.slow  # a command in a process of its own
def test_a_bad_address_leaves_no_traceback_on_the_way_out(tmp_path):
    """A client that never connected says nothing when the process ends (Dask's own would)."""
    out = tmp_path / "out"
    r = run_process("run", "--fy", "2563", "--data", SAMPLE, "--out", out, "--cluster", "nonsense://x")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "cannot reach the Dask scheduler" in r.stderr
    assert not out.exists()


def test_workers_that_do_not_see_an_input_file_are_refused(scheduler, tmp_path):
    missing = tmp_path / "elsewhere" / "scores.csv"
    with distributed.Client(scheduler) as client:
        with pytest.raises(cluster_module.ClusterError) as refused:
            cluster_module.check_workers(client, tmp_path / "out", [missing])
    lines = str(refused.value).splitlines()
    assert "same paths as this computer (a shared file system)" in lines[0]
    assert len(lines) == 3 and all(line.endswith(f"does not see the input file {missing}") for line in lines[1:])
    assert list((tmp_path / "out").iterdir()) == []  # the check file removed


def test_what_a_worker_lacks(tmp_path):
    """The check run on each worker: the file written into the output folder (with its token), the
    input files."""
    marker, scores = tmp_path / "marker", tmp_path / "scores.csv"
    assert cluster_module.worker_sees(str(marker), "token", [str(scores)]) == [
        ("folder", str(marker)),
        ("input", str(scores)),
    ]
    marker.write_text("another run's", encoding="utf-8")
    scores.write_text("", encoding="utf-8")
    assert cluster_module.worker_sees(str(marker), "token", [str(scores)]) == [("folder", str(marker))]
    marker.write_text("token", encoding="utf-8")
    assert cluster_module.worker_sees(str(marker), "token", [str(scores)]) == []


def test_each_worker_keeps_the_run_s_temporary_files_in_a_folder_of_its_own(scheduler, tmp_path):
    import tempfile

    from ita_analysis.batch.scratch import PREFIX

    params = run_params(fiscal_year=2563, data=[SAMPLE], out_root=tmp_path / "out", cluster=scheduler)
    with distributed.Client(scheduler) as client:
        before = client.run(tempfile.gettempdir)
    with cluster_module.cluster_session(params) as client:
        during = client.run(tempfile.gettempdir)
        variables = client.run(os.getenv, "TMPDIR")
    assert len(set(during.values())) == 2 and all(Path(f).name.startswith(PREFIX) for f in during.values())
    assert variables == during  # the kernels they start too
    assert not any(Path(f).exists() for f in during.values())  # removed at the end
    with distributed.Client(scheduler) as client:
        assert client.run(tempfile.gettempdir) == before
