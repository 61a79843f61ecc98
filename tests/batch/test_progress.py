"""Progress that moves: the task count known up front, a bar on a terminal and lines elsewhere,
run.log written as the run goes, the closing summary, inputs hashed once."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from ita_analysis.batch import staging
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.progress import PlainProgress, RunDisplay, duration
from ita_analysis.batch.results import Failure, Step, TaskResult
from ita_analysis.batch.run import run_year
from ita_analysis.batch.staging import RunLog
from ita_analysis.batch.tasks import Tally, summary_line
from ita_analysis.parameters import AnalysisParameters

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_plain_progress_every_five_percent_or_ten_seconds():
    lines: list[str] = []
    clock = Clock()
    progress = PlainProgress("FY2563", lines.append, clock=clock)
    progress(0, 300)
    for done in range(1, 301):
        clock.now += 0.5 if done <= 100 else 25.0 if done == 101 else 0.01
        progress(done, 300)
    assert lines[0] == "FY2563: 15/300 tasks, 2.0/s, about 2 min left"  # 5 % after 7.5 s
    assert [int(ln.split("/")[0].split()[-1]) for ln in lines] == [
        15, 30, 45, 60, 75, 90,  # every 5 % (7.5 s apart)
        101,  # 25 s without a line: said at the next task
        *range(105, 300, 15), 300,  # every 5 % again, and the end
    ]  # fmt: skip
    assert lines[-1].startswith("FY2563: 300/300 tasks in ")
    assert all(re.fullmatch(r"FY2563: \d+/300 tasks, [\d.]+/s, about \d+ (s|min) left", ln) for ln in lines[:-1])


def test_durations():
    assert [duration(s) for s in (0.4, 85, 119.6, 720, 7300)] == ["0 s", "85 s", "120 s", "12 min", "2.0 h"]


def test_display_off_a_terminal_prints_lines():
    out = io.StringIO()
    with RunDisplay(Console(file=out, force_terminal=False, width=200), years=2) as display:
        callback = display.year(2563)
        callback(0, 2)
        callback(1, 2)
        callback(2, 2)
        display.year_done()
    text = out.getvalue()
    assert "FY2563: 1/2 tasks, " in text and "FY2563: 2/2 tasks in " in text


def test_display_on_a_terminal_shows_a_bar_with_the_total():
    out = io.StringIO()
    with RunDisplay(Console(file=out, force_terminal=True, width=200), years=2) as display:
        callback = display.year(2563)
        callback(0, 40)
        callback(12, 40)
        display.bar.refresh()
        display.print("FY2563: outputs in x")
    text = out.getvalue()
    assert "FY2563" in text and "12/40" in text and "fiscal years" in text and "0/2" in text


def test_tally_logs_each_step_at_its_own_time_and_sums_up(tmp_path):
    log = RunLog()
    log.open(tmp_path / "run.log")
    calls = []
    tally = Tally(log, 4, lambda d, t: calls.append((d, t)))
    steps = [Step("tables", "2026-11-27T02:00:00+00:00", 0.42), Step("documents", "2026-11-27T02:00:01+00:00", 0.81)]
    tally(TaskResult("ก", steps, began=1000.0, ended=1001.25))
    # ก's notebook ran beside its tables on another worker: ก took 1000.0 to 1002.5, 2.5 s of its
    # own, not the 0.42 + 0.81 + 2.3 = 3.53 s its steps add up to
    notebook = Step("notebook 01_results.ipynb", "2026-11-27T02:00:02+00:00", 2.3)
    tally(TaskResult("ก", [notebook], began=1000.2, ended=1002.5))
    tally(TaskResult(None, [Step("notebook 01_results.ipynb", "2026-11-27T02:00:02+00:00", 2.3)]))
    failure = Failure("ข", "documents", "ValueError: x\n  at a.py:1 in f", "ValueError: x")
    tally(TaskResult("ข", failure=failure, began=1000.5, ended=1000.75))
    summary = tally.summary(["ก", "ข"])
    lines = (tmp_path / "run.log").read_text(encoding="utf-8").splitlines()
    assert lines[:5] == [
        "2026-11-27T02:00:00+00:00 agency 'ก' tables 0.42 s",
        "2026-11-27T02:00:01+00:00 agency 'ก' documents 0.81 s",
        "2026-11-27T02:00:02+00:00 agency 'ก' notebook 01_results.ipynb 2.30 s",
        "2026-11-27T02:00:02+00:00 agency (all) notebook 01_results.ipynb 2.30 s",
        lines[4][:26] + "FAILED agency 'ข' documents: ValueError: x",
    ]
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert (summary["agencies"], summary["done"], summary["failed"]) == (2, 1, 1)
    assert summary["slowest"] == [{"agency": "ก", "seconds": 2.5}, {"agency": "ข", "seconds": 0.25}]
    assert lines[-1].endswith(f"summary: {summary_line(summary)}")
    assert re.search(r"2 agencies: 1 done, 1 failed, in [\d.]+ s; slowest: 'ก' 2.50 s, 'ข' 0.25 s$", lines[-1])


def test_a_task_measures_its_own_wall_time(monkeypatch):
    """From its first step's start to its last step's end, or to the failure that ended it."""
    from ita_analysis.batch import results

    clock = Clock()
    monkeypatch.setattr(results.time, "time", clock)
    result = TaskResult("ก")
    clock.now = 10.0
    with result.step("analysis"):
        clock.now = 11.0
    clock.now = 11.5
    with pytest.raises(ValueError), result.step("documents"):
        clock.now = 14.0
        raise ValueError("x")
    result.fail(ValueError("x"))
    assert (result.began, result.ended, result.failure.step) == (10.0, 14.0, "documents")
    lost = TaskResult("ข").fail(ValueError("its worker died"), "tables")  # never started here: no time
    assert (lost.began, lost.ended) == (None, None)


@pytest.mark.slow  # a run with its notebook kernels
def test_run_log_is_written_as_the_run_goes(generated, tmp_path, quick_notebooks):
    """At each progress call, the staging folder's run.log already holds the finished tasks' lines."""
    out = tmp_path / "out"
    seen = []

    def progress(done, total):
        (log,) = out.glob(".2564.staging-*/run.log")
        seen.append((done, total, len(re.findall(r" agency .* \d+\.\d\d s$", log.read_text("utf-8"), re.M))))

    folder = run_year(
        RunParams(
            AnalysisParameters(fiscal_year=2564, data=[generated]),
            out_root=out,
            notebooks_dir=quick_notebooks(),
            notebook_limit=2,
            documents=False,
            workers=2,
        ),
        progress=progress,
    )
    total = 5 + 4  # the year's five notebooks, then each agency's tables
    assert [(d, t) for d, t, _ in seen] == [(k, total) for k in range(total + 1)]
    # an agency task logs two steps (analysis, tables), a notebook one
    assert all(n >= d for d, _, n in seen) and seen[-1][2] == 5 + 2 * 4
    assert (folder / "run.log").read_text("utf-8").count("\n") == len(
        (folder / "run.log").read_text("utf-8").splitlines()
    )


@pytest.mark.slow  # a run with its notebook kernels
def test_inputs_are_hashed_once_per_run(generated, tmp_path, monkeypatch, quick_notebooks):
    hashed = []
    real = staging.sha256_file
    monkeypatch.setattr(staging, "sha256_file", lambda p: hashed.append(str(p)) or real(p))
    run_year(
        RunParams(
            AnalysisParameters(fiscal_year=2564, data=[generated]),
            out_root=tmp_path,
            notebooks_dir=quick_notebooks(),
            notebook_limit=2,
            documents=False,
            workers=1,
        )
    )
    assert sorted(hashed) == sorted([str(generated), str(staging.load_framework(2564).path)])


def test_summary_counts_failed_agencies_once_and_overview_notebooks_apart(tmp_path):
    """Five failed notebooks of one agency are one failed agency; a failed overview notebook (no
    agency) is named apart."""
    log = RunLog()
    log.open(tmp_path / "run.log")
    tally = Tally(log, 7, None)
    for k in range(1, 6):
        tally(TaskResult("ก", failure=Failure("ก", f"notebook 0{k}", "RunError: x", "RunError: x")))
    tally(TaskResult("ข", [Step("tables", "2026-11-27T02:00:00+00:00", 0.5)]))
    line = summary_line(tally.summary(["ก", "ข"]))
    assert line.startswith("2 agencies: 1 done, 1 failed, in ")
    tally(TaskResult(None, failure=Failure(None, "notebook 01", "RunError: y", "RunError: y")))
    assert summary_line(tally.summary(["ก", "ข"])).startswith(
        "2 agencies: 1 done, 1 failed (and 1 overview notebook(s)), in "
    )


def test_agency_tasks_go_in_batches_of_at_most_a_hundred():
    """A worker reads the data once per batch; batches stay small enough for progress to move."""
    from ita_analysis.batch.agency_tasks import AgencyBatch, AgencyTask
    from ita_analysis.batch.tasks import batches
    from ita_analysis.parameters import AnalysisParameters

    def tasks(n):
        return [
            AgencyTask(AnalysisParameters(fiscal_year=2563, data=[], agency=f"a{k}"), "thai", True, True)
            for k in range(n)
        ]

    # 2 workers x 4 batches: 40 agencies in 8 batches of 5; 8,300 in 83 batches of 100, not 8 of 1,038
    assert [len(b.tasks) for b in batches(tasks(40), 2)] == [5] * 8
    national = batches(tasks(8300), 2)
    assert len(national) == 83 and {len(b.tasks) for b in national} == {100}
    assert all(isinstance(b, AgencyBatch) for b in national)
    # the order of the agencies is kept
    assert [t.parameters.agency for b in national for t in b.tasks] == [f"a{k}" for k in range(8300)]
