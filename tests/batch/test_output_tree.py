"""The output tree: nothing written outside --out through a link planted at a name the run uses, no
agency folder taking a name of the year's own outputs, clean-up that says only what it removed, no
temporary file left, and published notebooks that name their published folder.

Whole runs here replace the notebooks by a stand-in that writes the executed notebook's file (no
kernel starts), except the one test that runs a published notebook again by hand."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
from cli_run import run_in_process
from conftest import run_params

from ita_analysis.batch import lock, staging, tasks
from ita_analysis.batch.interrupts import Interrupted
from ita_analysis.batch.notebooks import KERNEL_NAME, NotebookTask
from ita_analysis.batch.run import run_year
from ita_analysis.batch.staging import RunLog, agency_folders, staged_year

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the stand-ins reach forked workers"),
]
FY = 2564
# What a year folder holds besides its agencies' folders (the layout in ita_analysis.batch.run; the
# overview notebooks' folder in runs above the notebook limit, errors.csv when something failed).
YEAR_OUTPUTS = ["summary.csv", "peers.csv", "peer_groups.csv", "manifest.json", "run.log", "errors.csv",
                "kernels.log", "notebooks"]  # fmt: skip


def stand_in_notebook(task: NotebookTask) -> str:
    """Worker: the executed notebook's file, as papermill would leave it (no kernel)."""
    task.destination.write_text("{}", encoding="utf-8")
    return f"ran {task.notebook}"


@pytest.fixture
def no_kernels(monkeypatch):
    monkeypatch.setattr(tasks, "execute_notebook", stand_in_notebook)


def entries(folder: Path) -> dict[str, str]:
    """Everything under ``folder``, links not followed: a file's SHA-256, a link's target, 'folder'."""
    found = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            found[p.relative_to(folder).as_posix()] = f"-> {os.readlink(p)}"
        elif p.is_file():
            found[p.relative_to(folder).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            found[p.relative_to(folder).as_posix()] = "folder"
    return found


def params(data: Path, out: Path, **kw):
    base = dict(fiscal_year=FY, data=[data], out_root=out, notebook_limit=0, workers=2, documents=False)
    return run_params(**{**base, **kw})


@pytest.fixture
def outside(tmp_path) -> Path:
    """Files and a folder outside --out that planted links point at."""
    folder = tmp_path / "outside"
    (folder / "dir").mkdir(parents=True)
    (folder / "victim.txt").write_text("not the run's\n", encoding="utf-8")
    (folder / "dir" / "kept.txt").write_text("not the run's either\n", encoding="utf-8")
    return folder


def _plant(link: Path, target: Path, old: bool = False) -> None:
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    else:
        link.unlink(missing_ok=True)
    link.symlink_to(target)
    if old:  # a lock file's age says whether it may still be being written
        os.utime(link, (time.time() - 60, time.time() - 60), follow_symlinks=False)


def _dead_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


# ------------------------------------------------------------------------------------------------ links
@pytest.mark.slow  # two whole years
def test_links_at_every_name_a_run_uses_are_never_followed(generated, tmp_path, outside, no_kernels):
    out = tmp_path / "out"
    run_year(params(generated, out))
    year, me, dead = out / str(FY), os.getpid(), _dead_pid()
    victim, folder = outside / "victim.txt", outside / "dir"
    planted = {
        out / f".{FY}.lock": victim,  # the lock itself (left, unreadable: taken over)
        out / f".{FY}.lock.{me}": victim,  # the lock's draft
        out / f".{FY}.staging-{me}": folder,  # the staging folder (and so kernels.log, run.log ...)
        out / f".{FY}.old-{me}": folder,  # where the previous outputs are put aside
        out / f"{FY}.failed": folder,
        out / f".{FY}.staging-{dead}": folder,  # leftovers of a run that died
        out / f".{FY}.old-{dead}": victim,
        year / "summary.csv": victim,  # the previous outputs' own files and folders
        year / "run.log": victim,
        year / "01234": folder,
    }
    for link, target in planted.items():
        _plant(link, target, old=link.name == f".{FY}.lock")
    before = entries(outside)
    done = run_in_process("run", "--fy", FY, "--data", generated, "--out", out, "--notebook-limit", "0",
                          "--workers", "2", "--no-documents", "--force")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert entries(outside) == before  # nothing outside --out changed
    assert sorted(os.listdir(out)) == [str(FY)]  # every planted link is gone, none followed
    assert not any(p.is_symlink() for p in year.rglob("*"))
    assert (year / "summary.csv").read_bytes().startswith(b"\xef\xbb\xbf") and (year / "01234" / "results.csv").exists()
    said = done.stderr.splitlines()
    assert f"removed {out / f'.{FY}.staging-{dead}'}, left by process {dead}, which is no longer running" in said


@pytest.mark.slow  # a whole year
def test_a_year_folder_that_is_a_link_is_replaced_not_written_through(generated, tmp_path, outside, no_kernels):
    out = tmp_path / "out"
    out.mkdir()
    (out / str(FY)).symlink_to(outside / "dir")
    before = entries(outside)
    run_year(params(generated, out))
    assert entries(outside) == before
    assert not (out / str(FY)).is_symlink() and (out / str(FY) / "summary.csv").is_file()
    assert sorted(os.listdir(out)) == [str(FY)]


def test_the_lock_s_draft_and_the_staging_folder_are_created_exclusively(tmp_path, outside, capsys):
    out = tmp_path / "out"
    out.mkdir()
    me, dead = os.getpid(), _dead_pid()
    _plant(out / f".{FY}.lock.{me}", outside / "victim.txt")
    _plant(out / f".{FY}.staging-{me}", outside / "dir")
    (out / f".{FY}.lock.{dead}").write_text(f"{dead}\n", encoding="utf-8")  # a draft left by a run killed
    os.mkfifo(out / f".{FY}.lock")  # a lock that would block a reader: not read, taken over
    os.utime(out / f".{FY}.lock", (time.time() - 60, time.time() - 60))
    before = entries(outside)
    with staged_year(out, FY, RunLog()) as folder:
        assert folder == out / f".{FY}.staging-{me}" and folder.is_dir() and not folder.is_symlink()
        assert (out / f".{FY}.lock").read_text(encoding="utf-8").split()[0] == str(me)
        assert not os.path.lexists(out / f".{FY}.lock.{me}")
        (folder / "summary.csv").write_text("new", encoding="utf-8")
    assert entries(outside) == before
    assert set(entries(out)) == {str(FY), f"{FY}/summary.csv", f"{FY}/run.log"}
    assert capsys.readouterr().err.splitlines() == [
        f"took over the lock {out / f'.{FY}.lock'} (left by no readable process id)",
        f"removed {out / f'.{FY}.lock.{dead}'}, left by process {dead}, which is no longer running",
    ]
    assert (out / str(FY) / "summary.csv").read_text(encoding="utf-8") == "new"


# ---------------------------------------------------------------------------------------- reserved names
def _variants(name: str) -> list[str]:
    """A year's name as an agency may write it: as is, in capitals, with a trailing dot or space."""
    return [name, name.upper(), name.title(), f"{name}.", f" {name} "]


def test_agency_folders_never_take_a_year_name(tmp_path):
    names = [v for name in YEAR_OUTPUTS for v in _variants(name)]
    folders = agency_folders(tmp_path, names)
    taken = [f.name.casefold() for f in folders.values()]
    assert not set(taken) & {name.casefold() for name in YEAR_OUTPUTS}
    assert len(set(taken)) == len(names)  # each its own, compared case-insensitively as Windows does
    assert (
        folders["summary.csv"].name == "summary.csv_2" and folders["NOTEBOOKS"].name == "NOTEBOOKS_3"
    )  # after notebooks_2
    assert all(f.is_dir() and f.parent == tmp_path for f in folders.values())


@pytest.mark.slow  # a whole year
def test_agencies_named_as_the_year_s_outputs_run_like_any_other(tmp_path, no_kernels, read_table):
    rows = [
        {"agency": name, "fiscal_year": year, "indicator": k, "score": 60 + (7 * i + 3 * k + year) % 40}
        for i, name in enumerate(YEAR_OUTPUTS + ["Summary.CSV"])
        for year in (FY - 1, FY)
        for k in range(1, 11)
    ]
    data = tmp_path / "scores.csv"
    pd.DataFrame(rows).to_csv(data, index=False, encoding="utf-8-sig")
    year = run_year(params(data, tmp_path / "out"))
    summary = read_table(year / "summary.csv")
    assert sorted(summary["agency"]) == sorted(YEAR_OUTPUTS + ["Summary.CSV"])
    folders = json.loads((year / "manifest.json").read_text(encoding="utf-8"))["agencies"]
    assert not {f.casefold() for f in folders.values()} & {n.casefold() for n in YEAR_OUTPUTS}
    for agency, folder in folders.items():
        assert (year / folder / "results.csv").is_file(), agency
    own = {p.name for p in year.iterdir()} - set(folders.values())
    assert own <= set(YEAR_OUTPUTS) and {"summary.csv", "manifest.json", "run.log", "notebooks"} <= own
    assert (year / "notebooks").is_dir() and (year / "notebooks" / "01_results.ipynb").is_file()


# ---------------------------------------------------------------------------------------------- clean-up
def test_clean_up_says_only_what_it_removed(tmp_path, outside, monkeypatch, capsys):
    out = tmp_path / "out"
    dead = _dead_pid()
    stuck, link = out / f".{FY}.staging-{dead}", out / f".{FY}.old-{dead}"
    stuck.mkdir(parents=True)
    _plant(link, outside / "dir")  # a link with a leftover's name: removed as a link
    (out / str(FY)).mkdir()  # so the old one is not put back
    real = lock.remove_tree

    def remove_tree(path):
        return OSError(13, "Permission denied", str(path)) if Path(path) == stuck else real(path)

    monkeypatch.setattr(lock, "remove_tree", remove_tree)
    before = entries(outside)
    for _ in range(2):  # run after run, the same truth
        with staged_year(out, FY, RunLog()):
            pass
        said = capsys.readouterr().err.splitlines()
        left = f"left by process {dead}, which is no longer running"
        assert f"could not remove {stuck}, {left}: Permission denied" in said
        assert not any(line.startswith(f"removed {stuck}") for line in said)
        assert stuck.is_dir()
    assert entries(outside) == before and not os.path.lexists(link)


def test_an_attempt_that_could_not_be_removed_is_not_said_removed(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(staging, "remove_tree", lambda path: OSError(16, "Device or resource busy", str(path)))
    with pytest.raises(Interrupted) as info:
        with staged_year(out, FY, RunLog()) as folder:
            raise Interrupted(2)
    assert str(info.value).endswith(
        f"the unfinished attempt of FY{FY} could not be removed (Device or resource busy): it is in {folder}"
    )


# ------------------------------------------------------------------------------------------ temporary files
@pytest.mark.slow  # a whole year with its documents
def test_no_temporary_file_is_left(generated, tmp_path, monkeypatch, no_kernels):
    """The documents' WeasyPrint fonts and charts, in worker processes that end without exit handlers."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(temp))
    year = run_year(params(generated, tmp_path / "out", agency="01234", documents=True, charts="all"))
    assert (year / "01234" / "measures.pdf").is_file()
    assert list(temp.iterdir()) == []
    assert not [p for p in year.rglob(".*")]  # nor a writer's draft in the outputs


# -------------------------------------------------------------------------------------------- notebooks
@pytest.mark.slow  # a run with its notebook kernels, and one notebook run again by hand
def test_a_published_notebook_run_again_writes_into_its_published_folder(generated, tmp_path, quick_notebooks):
    import nbformat
    import papermill as pm

    out = tmp_path / "out"
    notebooks = quick_notebooks(write=True)
    year = run_year(params(generated, out, agency="01234", notebook_limit=50, notebooks_dir=notebooks))
    folder = year / "01234"
    published = folder / "01_results.ipynb"
    cells = nbformat.read(published, as_version=4).cells
    (injected,) = [c.source for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "output_dir = '.'" in injected.splitlines()
    (folder / "01_results.txt").unlink()
    # as Jupyter runs it: in the notebook's folder
    pm.execute_notebook(published, tmp_path / "again.ipynb", cwd=folder, kernel_name=KERNEL_NAME, progress_bar=False)
    assert (folder / "01_results.txt").read_text(encoding="utf-8") == repr("01234")
    assert sorted(os.listdir(out)) == [str(FY)]  # no staging folder made again


def test_a_manifest_that_is_a_link_is_not_read_as_the_year_s(generated, tmp_path, outside):
    """A year is skipped as unchanged on its own manifest only: not on one a link leads to."""
    from ita_analysis import __version__
    from ita_analysis.batch.staging import Fingerprint, unchanged_since

    p = params(generated, tmp_path / "out")
    fingerprint = Fingerprint.of(p)
    manifest = {"version": __version__, "inputs": fingerprint.inputs, "framework": fingerprint.framework,
                "parameters": fingerprint.parameters(None), "failed": [], "finished": "then"}  # fmt: skip
    (outside / "dir" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    year = tmp_path / "out" / str(FY)
    year.mkdir(parents=True)
    shutil.copy(outside / "dir" / "manifest.json", year / "manifest.json")
    assert unchanged_since(fingerprint) == "then"  # its own
    _plant(year / "manifest.json", outside / "dir" / "manifest.json")
    assert unchanged_since(fingerprint) is None
    _plant(year, outside / "dir")
    assert unchanged_since(fingerprint) is None
