"""Stopping `run` with SIGINT (Ctrl-C) or SIGTERM, one run per year folder at a time, the leftovers of
runs that died, and what a failed run says and logs.

The signal tests start `run` as a user does, in a process session of its own, on 60 made-up agencies
(above the notebook limit: the year's notebooks, then each agency's tables and documents), and stop
it once its run.log shows finished tasks. Each such run costs tens of seconds, so they are few.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from ita_analysis.batch.interrupts import Interrupted, signals_held, stop_on_signals
from ita_analysis.batch.notebooks import RunError
from ita_analysis.batch.staging import RunLog, staged_year
from ita_analysis.errors import InputError, Problem
from ita_analysis.synthetic import agency_names, synth_scores

FY = 2565
HANG_GUARD = 120  # seconds after the signal: a run still going then hangs (no measure of speed)
START_GUARD = 600  # seconds for a run to get its first tasks done on a busy machine
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"


def _command(data: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "ita_analysis", "run", "--data", str(data), "--fy", str(FY), "--workers", "2",
            "--out", str(out), *extra]  # fmt: skip


def _fingerprints(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its path: its SHA-256."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """(scores file, output root, the files of FY2565 from a first complete run there, by SHA-256).
    The first run is of one agency without documents, to be quick; the runs stopped later are of
    every agency, so none of them is skipped as unchanged."""
    root = tmp_path_factory.mktemp("interrupts")
    data = root / "scores.csv"
    synth_scores(60, (2563, 2564, FY), groups=True, seed=1).to_csv(data, encoding="utf-8-sig", index=False)
    out = root / "out"
    first = _command(data, out, "--agency", agency_names(60)[0], "--no-documents")
    done = subprocess.run(first, capture_output=True, text=True, encoding="utf-8", env=ENV, timeout=START_GUARD)
    assert done.returncode == 0, done.stderr
    return data, out, _fingerprints(out / str(FY))


def _start(data: Path, out: Path, temp: Path) -> tuple[subprocess.Popen, Path]:
    """Start a run of every agency, its temporary directory ``temp`` (made here); returns it and its
    staging folder once its run.log shows finished tasks."""
    temp.mkdir()
    env = {**ENV, "TMPDIR": str(temp)}
    run = subprocess.Popen(_command(data, out), start_new_session=True, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)  # fmt: skip
    staging = out / f".{FY}.staging-{run.pid}"
    deadline = time.monotonic() + START_GUARD
    while time.monotonic() < deadline and run.poll() is None:
        log = staging / "run.log"
        if log.exists() and re.search(r" agency .* \d+\.\d\d s$", log.read_text(encoding="utf-8"), re.M):
            return run, staging
        time.sleep(0.2)
    _end(run)
    pytest.fail(f"the run did not get to its tasks: {run.communicate()[1]}")


def _end(run: subprocess.Popen) -> None:
    """Kill what is left of a run whose test failed (its session is its process group)."""
    if run.poll() is None:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()


def _running(procs: list[psutil.Process]) -> list[psutil.Process]:
    return [p for p in procs if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def _stop(run: subprocess.Popen, signum: int, whole_group: bool) -> tuple[list[psutil.Process], str]:
    """Send the signal (to the run's process group, as a terminal's Ctrl-C does, or to the run
    alone, as `kill` does); returns the processes the run had started (recorded before) and its stderr."""
    family = psutil.Process(run.pid).children(recursive=True)
    assert len(family) >= 2  # the two workers, and the kernels they run
    (os.killpg if whole_group else os.kill)(run.pid, signum)
    try:
        _, stderr = run.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        _end(run)
        for p in _running(family):
            p.kill()
        pytest.fail(f"the run hung after {signal.Signals(signum).name}")
    return family, stderr


def _check_stopped(out: Path, staging: Path, before: dict, family: list, stderr: str, name: str, temp: Path) -> None:
    last = stderr.strip().splitlines()[-1]
    kernels = r"( and \d+ process(es)? they had started \(notebook kernels\))?"
    assert re.fullmatch(
        rf"interrupted by {name}: stopped 2 worker processes{kernels}; the previous outputs in "
        rf"{re.escape(str(out / str(FY)))} are untouched; the unfinished attempt of FY{FY} was removed "
        rf"\({re.escape(str(staging))}\)",
        last,
    ), stderr
    assert "Traceback" not in stderr
    time.sleep(1)  # a process terminated by the run may take a moment to be reaped by its new parent
    assert _running(family) == []
    assert sorted(os.listdir(out)) == [str(FY)]  # no staging folder, no lock, no .failed
    assert _fingerprints(out / str(FY)) == before
    assert os.listdir(temp) == []  # no kernel connection file, no WeasyPrint fonts, no other temporary file


@pytest.mark.slow  # a run of 60 agencies, stopped
def test_ctrl_c_stops_the_run_and_a_second_run_is_refused_meanwhile(year, tmp_path):
    data, out, before = year
    run, staging = _start(data, out, tmp_path / "temp")
    try:
        present = sorted(os.listdir(out))
        second = subprocess.run(_command(data, out), capture_output=True, text=True, encoding="utf-8", env=ENV,
                                timeout=START_GUARD)  # fmt: skip
        assert second.returncode == 1, second.stderr
        lock = out / f".{FY}.lock"
        message = " ".join(second.stderr.split())
        assert f"FY{FY} in {out} is being written by another run: process {run.pid} (" in message
        assert f"which holds the lock {lock}. Nothing was written." in message
        assert f"if no such run is going on, delete {lock} and run again." in message
        assert "Traceback" not in second.stderr
        assert sorted(os.listdir(out)) == present and lock.read_text(encoding="utf-8").split()[0] == str(run.pid)
        family, stderr = _stop(run, signal.SIGINT, whole_group=True)
    finally:
        _end(run)
    assert run.returncode == 130
    _check_stopped(out, staging, before, family, stderr, "SIGINT", tmp_path / "temp")


@pytest.mark.slow  # a run of 60 agencies, stopped
def test_sigterm_stops_the_run_and_its_workers(year, tmp_path):
    data, out, before = year
    run, staging = _start(data, out, tmp_path / "temp")
    try:
        family, stderr = _stop(run, signal.SIGTERM, whole_group=False)  # the run alone: its workers must go too
    finally:
        _end(run)
    assert run.returncode == 143
    _check_stopped(out, staging, before, family, stderr, "SIGTERM", tmp_path / "temp")


def test_leftovers_of_dead_runs_are_cleared_and_a_stale_lock_taken_over(tmp_path, capsys):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])  # a process that has finished: its pid runs nothing
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        for name in (f".{FY}.staging-{dead.pid}", f".{FY}.staging-{live.pid}", f".{FY - 1}.staging-{dead.pid}",
                     f".{FY}.old-{dead.pid}"):  # fmt: skip
            (tmp_path / name).mkdir()
            (tmp_path / name / "old.txt").write_text(name)
        (tmp_path / f".{FY}.lock").write_text(f"{dead.pid}\n", encoding="utf-8")
        log = RunLog()
        with staged_year(tmp_path, FY, log):
            # the previous outputs, put aside by a run that died between its two renames, are back
            assert (tmp_path / str(FY) / "old.txt").read_text() == f".{FY}.old-{dead.pid}"
            assert (tmp_path / f".{FY}.lock").read_text(encoding="utf-8").split()[0] == str(os.getpid())
        assert sorted(os.listdir(tmp_path)) == [f".{FY - 1}.staging-{dead.pid}", f".{FY}.staging-{live.pid}", str(FY)]
    finally:
        live.kill()
        live.wait()
    told = [
        f"took over the lock {tmp_path / f'.{FY}.lock'} (left by process {dead.pid}, which is no longer running)",
        f"put back {tmp_path / str(FY)} from {tmp_path / f'.{FY}.old-{dead.pid}'}: process {dead.pid} stopped "
        "while swapping it in",
        f"removed {tmp_path / f'.{FY}.staging-{dead.pid}'}, left by process {dead.pid}, which is no longer running",
    ]
    lines = (tmp_path / str(FY) / "run.log").read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == told
    assert capsys.readouterr().err.splitlines() == told


def test_a_failed_run_logs_its_error_one_stamped_line_per_line(tmp_path):
    log = RunLog()
    error = "notebook 02.ipynb failed for agency x\ncell 3:\n    raise ValueError('พัง')\nValueError: พัง"
    with pytest.raises(RunError):
        with staged_year(tmp_path, FY, log):
            log.note("started")
            raise RunError(error)
    lines = (tmp_path / f"{FY}.failed" / "run.log").read_text(encoding="utf-8").splitlines()
    assert all(re.match(rf"{STAMP} ", line) for line in lines), lines
    assert [line.split(" ", 1)[1] for line in lines] == [
        "started",
        "FAILED: notebook 02.ipynb failed for agency x",
        "  cell 3:",
        "      raise ValueError('พัง')",
        "  ValueError: พัง",
    ]


@pytest.mark.parametrize("inside", [False, True], ids=["before-staging", "in-staging"])
def test_a_failed_run_says_what_was_kept_where(tmp_path, monkeypatch, capsys, inside):
    from ita_analysis import cli
    from ita_analysis.batch import run

    (tmp_path / "out" / str(FY)).mkdir(parents=True)
    problem = Problem("scores.csv", 3, "score", "x", "a number")

    def failing_run_year(params, **kw):
        if not inside:
            raise InputError([problem])
        with staged_year(params.out_root, FY, RunLog()):
            raise InputError([problem])

    monkeypatch.setattr(run, "run_year", failing_run_year)
    data = tmp_path / "scores.csv"
    data.write_text("agency,fiscal_year,indicator,score\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["ita-analysis", "run", "--fy", str(FY), "--data", str(data), "--force",
                                      "--out", str(tmp_path / "out")])  # fmt: skip
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 1
    err = [" ".join(line.split()) for line in capsys.readouterr().err.splitlines()]
    shown = "- scores.csv, row 3, column 'score': value 'x': expected a number"
    if inside:
        kept = tmp_path / "out" / f"{FY}.failed"
        assert err == [
            "1 problem(s) found:",
            shown,
            f"The previous outputs in {tmp_path / 'out' / str(FY)} are untouched; this attempt is in {kept}",
        ]
        assert kept.is_dir()
    else:
        assert err == ["1 problem(s) found; nothing was written:", shown]
        assert sorted(os.listdir(tmp_path / "out")) == [str(FY)]


def test_the_first_signal_raises_and_none_cuts_a_held_step_in_half():
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with stop_on_signals():
        with pytest.raises(Interrupted) as first:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)  # the handler raises here, long before the end
        assert first.value.exit_code == 130 and first.value.name == "SIGINT"
    steps = []
    with stop_on_signals():
        with pytest.raises(Interrupted) as held:
            with signals_held():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.5)
                steps.append("finished")
        assert steps == ["finished"] and held.value.exit_code == 143
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before  # restored


def test_workers_end_with_a_run_killed_outright():
    """SIGKILL leaves the run no chance to stop its workers: they end on their own (Linux)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the workers ask the Linux kernel for a signal when their parent dies")
    script = (
        "import os, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from ita_analysis.batch.interrupts import worker_signals\n"
        "pool = ProcessPoolExecutor(2, initializer=worker_signals, initargs=(os.getpid(),))\n"
        "futures = [pool.submit(time.sleep, 300) for _ in range(2)]\n"
        "time.sleep(1)\n"
        "print('ready', flush=True)\n"
        "time.sleep(300)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert run.stdout.readline() == "ready\n"
        workers = psutil.Process(run.pid).children()
        assert len(workers) == 2
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        _, alive = psutil.wait_procs(_running(workers), timeout=HANG_GUARD)
        assert _running(alive) == []
    finally:
        _end(run)
        for p in _running(workers if "workers" in locals() else []):
            p.kill()
