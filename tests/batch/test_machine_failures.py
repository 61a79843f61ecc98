"""A failure of the machine (no space, a quota, no permission, a read-only file system) during a run of
several agencies ends the year: nothing of it is published, the previous year's outputs stay byte for
byte, the attempt is removed, and the message names the step and the file. A failure of one agency's
data still fails that agency alone (tests/batch/test_failures.py).

The errors are injected into the writers of a real run (in this process, its workers forked from it);
the notebooks are replaced by a stand-in that writes the executed notebook's file, so that no kernel
starts (what the notebooks compute does not matter here)."""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import PIL.Image
import pytest
from cli_run import run_in_process
from conftest import run_params

from ita_analysis import files
from ita_analysis.batch import runlog, tasks
from ita_analysis.batch.machine import MachineError, kernel_os_error, machine_problem
from ita_analysis.batch.notebooks import NotebookTask, RunError, execute_notebook
from ita_analysis.batch.run import run_year
from ita_analysis.facade import AnalysisParameters

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning"),  # no "Exception ignored"
    pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the faults reach forked workers"),
]
FY = 2564
AGENCY = "อบต. ทดสอบ"  # the agency whose writer fails (the generated set's fourth)


def stand_in_notebook(task: NotebookTask) -> str:
    """Worker: the executed notebook's file, as papermill would leave it (no kernel)."""
    task.destination.write_text("{}", encoding="utf-8")
    return f"ran {task.notebook}"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links not followed) by its path: its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


def params(data: Path, out: Path, **kw):
    """Above the notebook limit (the year's notebooks once, each agency's tables and documents written
    directly), two workers."""
    base = dict(fiscal_year=FY, data=[data], out_root=out, notebook_limit=0, workers=2, documents=True)
    return run_params(**{**base, **kw})


@pytest.fixture(scope="module")
def published(generated, tmp_path_factory):
    """A year published by a complete run: (its output root, the files of its year folder)."""
    out = tmp_path_factory.mktemp("published") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tasks, "execute_notebook", stand_in_notebook)
        run_year(params(generated, out))
    return out, tree(out / str(FY))


@pytest.fixture
def previous(published, tmp_path, monkeypatch):
    """A copy of the published year to run again over; the notebooks stand in, temporary files go
    to a folder of the test's own (checked empty afterwards)."""
    out = tmp_path / "out"
    shutil.copytree(published[0], out, symlinks=True)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tasks, "execute_notebook", stand_in_notebook)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(temp))
    yield out, published[1]
    assert list(temp.iterdir()) == []  # nothing left in the temporary directory


def _in(path, folder: str) -> bool:
    """Whether ``path`` is a file of ``folder``: its draft sits in a temporary folder inside it."""
    return Path(str(path)).parent.parent.name == folder


def _pdf_of_agency(monkeypatch, exc):
    import weasyprint

    real = weasyprint.HTML.write_pdf

    def write_pdf(self, target=None, *args, **kwargs):
        if target is not None and _in(target, AGENCY):
            raise exc
        return real(self, target, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", write_pdf)


def _to_csv_failing(monkeypatch, exc, name: str, folder) -> None:
    real = pd.DataFrame.to_csv

    def to_csv(self, path=None, *args, **kwargs):
        if path is not None and Path(str(path)).name == name and folder(Path(str(path)).parent.parent.name):
            raise exc
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)

    def open_failing(file, *args, **kwargs):  # write_csv's own writer (the csv module)
        if Path(str(file)).name == name and folder(Path(str(file)).parent.parent.name):
            raise exc
        return open(file, *args, **kwargs)

    monkeypatch.setattr(files, "open", open_failing, raising=False)


def _csv_table(monkeypatch, exc):
    _to_csv_failing(monkeypatch, exc, "weaknesses.csv", lambda folder: folder == AGENCY)


def _year_table(monkeypatch, exc):
    _to_csv_failing(monkeypatch, exc, "peer_groups.csv", lambda folder: folder.startswith(f".{FY}.staging-"))


def _png_chart(monkeypatch, exc):
    real = PIL.Image.Image.save

    def save(self, fp, *args, **kwargs):
        if Path(str(fp)).name == "chart_indicators.png" and _in(fp, AGENCY):
            raise exc
        return real(self, fp, *args, **kwargs)

    monkeypatch.setattr(PIL.Image.Image, "save", save)
    real_bytes = Path.write_bytes

    def write_bytes(self, data):  # the charts' own PNG writer
        if self.name == "chart_indicators.png" and _in(self, AGENCY):
            raise exc
        return real_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def _manifest(monkeypatch, exc):
    real = Path.write_text

    def write_text(self, data, *args, **kwargs):
        if self.name == "manifest.json":
            raise exc
        return real(self, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)


class _OsWithFullLog:
    """``os`` as run.log sees it: writing the line of an agency's finished tables fails."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def write(fd, data):
        if b" tables " in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return os.write(fd, data)


def _run_log(monkeypatch, exc):
    monkeypatch.setattr(runlog, "os", _OsWithFullLog())


# (fault, the error, the step and the file the message names: {folder} is the failing agency's)
CASES = {
    "pdf": (_pdf_of_agency, errno.ENOSPC, f"documents for agency '{AGENCY}'", f"{FY}/{AGENCY}/measures.pdf"),
    "csv": (_csv_table, errno.EDQUOT, f"tables for agency '{AGENCY}'", f"{FY}/{AGENCY}/weaknesses.csv"),
    "png": (_png_chart, errno.EROFS, f"tables for agency '{AGENCY}'", f"{FY}/{AGENCY}/chart_indicators.png"),
    "year table": (_year_table, errno.EACCES, "writing the year's tables", f"{FY}/peer_groups.csv"),
    "manifest": (_manifest, errno.EPERM, "writing the manifests", "manifest.json"),
    "run.log": (_run_log, errno.ENOSPC, "writing run.log", f"{FY}/run.log"),
}


@pytest.mark.slow  # a whole year, up to the failure
@pytest.mark.parametrize("case", list(CASES))
def test_a_machine_failure_ends_the_year_and_keeps_the_previous_one(case, previous, generated, monkeypatch):
    out, before = previous
    fault, code, step, file = CASES[case]
    fault(monkeypatch, OSError(code, os.strerror(code)))
    with pytest.raises(MachineError) as info:
        run_year(params(generated, out, documents=case == "pdf"))  # documents only where they fail
    first, second = str(info.value).splitlines()
    said = f"{os.strerror(code)} ({errno.errorcode[code]})"
    assert first.startswith(f"FY{FY} stopped: {step} failed: {said}: "), first
    assert first.split(": ", 3)[3].startswith(file if case != "manifest" else f"{FY}/"), first
    assert file in first and "a failure of the machine, not of the data" in first
    assert first.endswith(f"FY{FY} was not published.")
    assert second == f"The previous outputs in {out / str(FY)} are untouched; this attempt was removed."
    assert tree(out / str(FY)) == before  # byte for byte
    assert sorted(os.listdir(out)) == [str(FY)]  # no partial year, no attempt, no lock left


@pytest.mark.slow  # a whole year, up to the failure
def test_the_command_says_it_in_two_lines_and_exits_1(previous, generated, monkeypatch, capfd):
    out, before = previous
    _csv_table(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    done = run_in_process("run", "--fy", FY, "--data", generated, "--out", out, "--notebook-limit", "0",
                          "--workers", "2", "--no-documents")  # fmt: skip
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if not line.startswith(f"FY{FY}: ") or "stopped" in line]
    assert lines[0].startswith(f"Error: FY{FY} stopped: tables for agency '{AGENCY}' failed: No space left")
    assert lines[1:] == [f"The previous outputs in {out / str(FY)} are untouched; this attempt was removed."]
    workers = capfd.readouterr()
    for said in (done.stderr, workers.err, workers.out):
        assert "Traceback" not in said and "Exception ignored" not in said
    assert tree(out / str(FY)) == before and sorted(os.listdir(out)) == [str(FY)]


@pytest.mark.slow  # a whole year
def test_an_agency_s_own_error_still_fails_it_alone(previous, generated, monkeypatch):
    """Not the machine's: a file that is not there (ENOENT) fails its agency, the year is published."""
    out, _ = previous
    _csv_table(monkeypatch, FileNotFoundError(errno.ENOENT, "No such file or directory", "logo.png"))
    assert run_year(params(generated, out, documents=False)) == out / str(FY)
    errors = pd.read_csv(out / str(FY) / "errors.csv", encoding="utf-8-sig")
    assert errors[["agency", "step"]].values.tolist() == [[AGENCY, "tables"]]


def test_errors_of_the_machine_are_told_from_the_data_s():
    for code in (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO):
        problem = machine_problem(OSError(code, os.strerror(code), "/x/y.csv"))
        assert problem is not None and problem.filename == "/x/y.csv"
        assert problem.text() == f"{os.strerror(code)} ({errno.errorcode[code]}): /x/y.csv"
    for exc in (FileNotFoundError(errno.ENOENT, "gone"), NotADirectoryError(errno.ENOTDIR, "x"), ValueError("x")):
        assert machine_problem(exc) is None


def test_an_os_error_in_a_kernel_is_read_back():
    error = kernel_os_error("OSError", "[Errno 28] No space left on device: '/o/ก ข/results.csv'")
    assert (error.errno, error.strerror, error.filename) == (28, "No space left on device", "/o/ก ข/results.csv")
    error = kernel_os_error("PermissionError", "[Errno 13] Permission denied")
    assert (error.errno, error.filename) == (13, None) and isinstance(error, PermissionError)
    assert kernel_os_error("ValueError", "[Errno 28] x") is None
    assert kernel_os_error("OSError", "no number") is None


@pytest.mark.parametrize("ename, evalue, raised", [
    ("OSError", "[Errno 28] No space left on device: '/o/results.csv'", OSError),
    ("FileNotFoundError", "[Errno 2] No such file or directory: 'x.csv'", RunError),
    ("ValueError", "พัง", RunError),
])  # fmt: skip
def test_a_notebook_failing_for_the_machine_is_the_machine_s(tmp_path, monkeypatch, ename, evalue, raised):
    import papermill as pm

    def failing(*args, **kwargs):
        raise pm.PapermillExecutionError(1, 1, "save()", ename, evalue, [])

    monkeypatch.setattr(pm, "execute_notebook", failing)
    task = NotebookTask("01_results.ipynb", tmp_path / "in.ipynb", tmp_path / "out.ipynb",
                        AnalysisParameters(fiscal_year=FY, data=[]), tmp_path, tmp_path / "kernels.log")  # fmt: skip
    with pytest.raises(raised) as info:
        execute_notebook(task)
    assert type(info.value) is raised
    if raised is OSError:
        assert machine_problem(info.value).text() == "No space left on device (ENOSPC): /o/results.csv"


def test_a_machine_failure_before_the_attempt_says_nothing_was_written(tmp_path, monkeypatch):
    from ita_analysis.batch import lock
    from ita_analysis.batch.staging import RunLog, staged_year

    (tmp_path / str(FY)).mkdir()
    (tmp_path / str(FY) / "summary.csv").write_text("previous", encoding="utf-8")

    def read_only(path, data):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(lock, "write_new", read_only)
    with pytest.raises(MachineError) as info:
        with staged_year(tmp_path, FY, RunLog()):
            pytest.fail("no attempt is made")
    draft = tmp_path / f".{FY}.lock.{os.getpid()}"
    assert str(info.value).splitlines() == [
        f"FY{FY} stopped: preparing FY{FY} in {tmp_path} failed: {os.strerror(errno.EROFS)} (EROFS): {draft}. "
        f"This is a failure of the machine, not of the data: FY{FY} was not published.",
        f"The previous outputs in {tmp_path / str(FY)} are untouched; nothing was written.",
    ]
    assert sorted(os.listdir(tmp_path)) == [str(FY)]
