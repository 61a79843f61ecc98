"""A year's tasks in worker processes: each task's steps timed, a failure kept to its agency (one of
the machine ends the run, see :mod:`ita_analysis.batch.machine`), a worker that dies replaced and the
tasks it took down retried once.

Workers ignore SIGINT and end with the run: when anything ends the pool early (SIGINT or SIGTERM
in the run, see :mod:`ita_analysis.batch.interrupts`), its workers and the kernels they started are
terminated before the pool is left.

Agency tasks go to the workers in batches (:func:`batches`). A worker keeps what its tasks share
(:class:`~ita_analysis.batch.agency_tasks.SharedData`: the data read, the charts' figures laid out)
from one batch to the next (:func:`worker_data`), and computes the tables of a batch's agencies at
once (:meth:`~ita_analysis.batch.agency_tasks.SharedData.prepare`).
A worker returns a :class:`~ita_analysis.batch.results.TaskResult` (picklable) per task: the
steps it finished, each with its UTC time and duration, and the failure that ended it, if any.
:class:`Tally` turns results into run.log lines, progress and the year's summary as they come in.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from ita_analysis.batch.agency_tasks import AgencyBatch, AgencyTask, SharedData, write_agency_outputs
from ita_analysis.batch.group_tasks import GroupBatch, GroupTask, run_group_batch
from ita_analysis.batch.interrupts import Interrupted, stop_processes, worker_signals
from ita_analysis.batch.machine import MachineError
from ita_analysis.batch.notebooks import NotebookTask, execute_notebook
from ita_analysis.batch.results import Failure, TaskResult, who
from ita_analysis.batch.runlog import RunLog
from ita_analysis.batch.scratch import use_scratch
from ita_analysis.i18n import gettext as _
from ita_analysis.i18n import ngettext

Task = NotebookTask | AgencyTask | GroupTask
Unit = NotebookTask | AgencyBatch | GroupBatch  # what one worker call runs
BATCHES_PER_WORKER = 4  # agency tasks go to the workers in batches, about this many per worker ...
BATCH_AGENCIES = 100  # ... of at most this many agencies, so that progress and run.log move along
GROUP_BATCHES_PER_WORKER = 4  # group tasks likewise (each batch computes the year's groups once) ...
BATCH_GROUPS = 10  # ... of at most this many groups: a report takes seconds, progress moves every ten
Progress = Callable[[int, int], None]
SLOWEST = 5  # agencies named in the closing summary


def run_notebook(task: NotebookTask) -> TaskResult:
    """Worker: one notebook, timed; its failure returned, not raised."""
    result = TaskResult(task_agency(task), group=task.group)
    try:
        with result.step(f"notebook {task.notebook}"):
            execute_notebook(task)
    except Exception as exc:
        result.fail(exc)
    return result


@functools.cache
def worker_data() -> SharedData:
    """The worker's :class:`~ita_analysis.batch.agency_tasks.SharedData`, kept for all its batches:
    the data is read and the charts' figures are laid out once per worker process, not once per
    batch (:func:`worker_start` lets go of one a forked worker inherited)."""
    return SharedData()


def run_task(unit: Unit) -> list[TaskResult]:
    """Worker: a notebook, or a batch of agencies' tables, charts and documents (the worker's data,
    :func:`worker_data`; the batch's tables computed at once)."""
    if isinstance(unit, NotebookTask):
        return [run_notebook(unit)]
    if isinstance(unit, GroupBatch):
        return run_group_batch(unit)
    shared, results = worker_data(), []
    shared.prepare(unit.tasks)
    settle()
    for task in unit.tasks:
        results.append(write_agency_outputs(task, shared))
        if results[-1].failure is not None and results[-1].failure.machine is not None:
            break  # the machine failed: the run ends, the other tasks would fail the same way
    return results


def settle() -> None:
    """Move what the worker holds for a batch (its modules, the data, the figures, the batch's
    tables) out of the garbage collector's way: one full collection, then every object left frozen
    (``gc.freeze``), so that the collections the agencies' documents set off (over a thousand per
    agency) no longer walk them each time (a tenth of an agency's CPU). What was frozen for the
    previous batch is unfrozen first, so it is collected when no longer used."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def worker_start(parent: int, scratch: Path | None) -> None:
    """Worker initializer: the signals of :func:`~ita_analysis.batch.interrupts.worker_signals`, and
    temporary files in the run's ``scratch`` folder (:mod:`ita_analysis.batch.scratch`)."""
    worker_signals(parent)
    worker_data.cache_clear()
    if scratch is not None:
        use_scratch(scratch)


def task_agency(task: Task) -> str | None:
    return task.parameters.agency


def task_group(task: Task) -> str | None:
    """ "<kind>/<group>" of a group's task (its notebook or its tables and report); None otherwise."""
    return task.label if isinstance(task, GroupTask) else getattr(task, "group", None)


def unit_tasks(unit: Unit) -> list[Task]:
    return list(unit.tasks) if isinstance(unit, AgencyBatch | GroupBatch) else [unit]


def batches(tasks: list[Task], workers: int) -> list[Unit]:
    """The tasks as worker calls: each notebook alone, the agency tasks in batches of consecutive
    agencies, each batch reading the data once: about ``BATCHES_PER_WORKER`` per worker, of at most
    ``BATCH_AGENCIES`` (a national year reads its data some 80 times, a few seconds each, and its
    progress moves every hundred agencies rather than every thousand)."""
    agency = [t for t in tasks if isinstance(t, AgencyTask)]
    size = min(BATCH_AGENCIES, max(1, -(-len(agency) // (max(1, workers) * BATCHES_PER_WORKER))))
    grouped = [AgencyBatch(tuple(agency[k : k + size])) for k in range(0, len(agency), size)]
    group = [t for t in tasks if isinstance(t, GroupTask)]
    size = min(BATCH_GROUPS, max(1, -(-len(group) // (max(1, workers) * GROUP_BATCHES_PER_WORKER))))
    groups = [GroupBatch(tuple(group[k : k + size])) for k in range(0, len(group), size)]
    return [*(t for t in tasks if isinstance(t, NotebookTask)), *groups, *grouped]


def task_step(task: Task) -> str:
    """The step a task is known by when it cannot say itself (its worker died)."""
    if isinstance(task, NotebookTask):
        return f"notebook {task.notebook}"
    if isinstance(task, GroupTask):
        return " and ".join(name for name, on in (("group tables", task.tables), ("group report", task.report)) if on)
    return " and ".join(name for name, on in (("tables", task.tables), ("documents", task.documents)) if on) or "task"


def failed_results(unit: Unit, exc: BaseException) -> list[TaskResult]:
    """The results of a unit that could not say them itself: each of its tasks failed with ``exc``."""
    return [TaskResult(task_agency(t), group=task_group(t)).fail(exc, task_step(t)) for t in unit_tasks(unit)]


def run_tasks(
    tasks: list[Task],
    workers: int,
    on_result: Callable[[TaskResult], None],
    on_note: Callable[[str], None],
    scratch: Path | None = None,
) -> int:
    """Run the tasks side by side, handing each result to ``on_result`` as it comes. A failing task
    fails alone. When a worker process dies, the tasks in flight are lost: the others go on in a
    fresh pool, and the lost ones are retried once at the end, one at a time in a fresh pool (so
    one that kills its worker again takes no other task with it); if they die again, that is their
    failure. Returns how many tasks were retried. The workers' temporary files go into ``scratch``
    (None: the temporary directory)."""
    start = (os.getpid(), scratch)
    units = _run_pool(batches(tasks, workers), max(1, workers), 2 * max(1, workers), on_result, on_note, start)
    lost = [t for unit in units for t in unit_tasks(unit)]
    if lost:
        on_note(_("retrying {n} task(s) lost with a worker process, one at a time in a fresh pool").format(n=len(lost)))
    for unit in _run_pool(batches(lost, len(lost)), 1, 1, on_result, on_note, start):
        for result in failed_results(unit, BrokenProcessPool(_("the worker process died again on retry"))):
            on_result(result)
    return len(lost)


def _run_pool(units, workers, window, on_result, on_note, start) -> list[Unit]:
    """Run ``units`` with at most ``window`` in flight; returns those lost with a dead worker.
    ``start``: the arguments of :func:`worker_start`."""
    queue: deque[Unit] = deque(units)
    lost: list[Unit] = []
    while queue:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_start, initargs=start)
        with pool, _stop_workers_on_exit(pool):
            in_flight: dict = {}
            broken = False
            while (queue or in_flight) and not broken:
                broken = _submit(pool, queue, in_flight, window)
                finished = wait(in_flight, return_when=FIRST_COMPLETED).done
                for future in finished:
                    broken |= _collect(future, in_flight.pop(future), on_result, lost)
            if broken:
                wait(in_flight)  # a broken pool fails every future it holds
                for future, task in in_flight.items():
                    _collect(future, task, on_result, lost)
                on_note(_("a worker process died (BrokenProcessPool); {n} task(s) lost so far").format(n=len(lost)))
    return lost


@contextmanager
def _stop_workers_on_exit(pool: ProcessPoolExecutor) -> Iterator[None]:
    """Whatever ends the pool's block early (:class:`Interrupted`, an error in this process) first
    terminates its workers and the kernels they started: leaving the block would otherwise wait
    for every task under way, and a worker left running would go on writing into the staging folder."""
    try:
        yield
    except BaseException as exc:
        workers, others = stop_processes(_workers(pool))
        pool.shutdown(wait=True, cancel_futures=True)  # quick: its workers are gone
        if isinstance(exc, Interrupted):
            exc.workers, exc.others = exc.workers + workers, exc.others + others
        raise


def _workers(pool: ProcessPoolExecutor) -> list:
    """The pool's worker processes (``multiprocessing.Process``; the executor keeps them by pid and
    offers no public way to them; should that go, this process's multiprocessing children)."""
    processes = getattr(pool, "_processes", None)
    return list(processes.values()) if isinstance(processes, dict) else multiprocessing.active_children()


def _submit(pool: ProcessPoolExecutor, queue: deque[Unit], in_flight: dict, window: int) -> bool:
    """Fill the window from the queue; True when the pool turned out broken (the task stays queued)."""
    while queue and len(in_flight) < window:
        try:
            in_flight[pool.submit(run_task, queue[0])] = queue[0]
        except BrokenProcessPool:
            return True
        queue.popleft()
    return False


def _collect(future, unit: Unit, on_result: Callable[[TaskResult], None], lost: list[Unit]) -> bool:
    """Hand a finished future's results on; True when its worker died (the unit goes to ``lost``)."""
    try:
        results = future.result()
    except BrokenProcessPool:
        lost.append(unit)
        return True
    except Exception as exc:  # e.g. a result that could not be sent back
        results = failed_results(unit, exc)
    for result in results:
        on_result(result)
    return False


class Tally:
    """The year's results as they come in: run.log lines (one per step, at its own UTC time, and
    one per failure), progress, failures and time per agency; the closing summary. A failure of the
    machine (:mod:`ita_analysis.batch.machine`) raises its MachineError: the run stops there."""

    def __init__(self, log: RunLog, total: int, progress: Progress | None = None) -> None:
        self.log, self.total, self.progress = log, total, progress
        self.done = 0
        self.failures: list[Failure] = []
        self.spans: dict[str, tuple[float, float]] = {}  # agency: (its first task's start, its last's end)
        self.t0 = time.perf_counter()
        if progress:
            progress(0, total)

    def __call__(self, result: TaskResult) -> None:
        whose = f"group {result.group}" if result.group is not None else f"agency {who(result.agency)}"
        for s in result.steps:
            self.log.note(f"{whose} {s.name} {s.seconds:.2f} s", at=s.finished)
        if result.agency is not None and result.began is not None and result.ended is not None:
            began, ended = self.spans.get(result.agency, (result.began, result.ended))
            self.spans[result.agency] = (min(began, result.began), max(ended, result.ended))
        if result.failure is not None:
            self.failures.append(result.failure)
            self.log.note(f"FAILED {result.failure.line()}")
            if result.failure.machine is not None:  # not this agency's: the year stops here
                whose = _("agency {agency}").format(agency=repr(result.agency))
                whose = _("the year's overview") if result.agency is None else whose
                whose = _("group {group}").format(group=result.group) if result.group is not None else whose
                step = _("{step} for {whose}").format(step=_(result.failure.step), whose=whose)
                raise MachineError(step, result.failure.machine)
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)

    def summary(self, agencies: list[str], retried: int = 0, groups: int = 0) -> dict:
        """done, failed, the tasks' wall time, the slowest agencies; noted as run.log's closing line.

        An agency's time is its own wall time: from the start of its first task to the end of its
        last, as the tasks measured them (its notebooks and documents may run side by side, so
        their durations added up would be more than the time it took)."""
        failed = {f.agency for f in self.failures if f.agency is not None}
        own = {agency: ended - began for agency, (began, ended) in self.spans.items()}
        slowest = sorted(own.items(), key=lambda kv: -kv[1])[:SLOWEST]
        summary = {
            "agencies": len(agencies),
            "done": len(agencies) - len(failed),
            "failed": len(failed),
            "failures": len(self.failures),
            "overview_failures": sum(f.agency is None and f.group is None for f in self.failures),
            "retried": retried,
            "seconds": round(time.perf_counter() - self.t0, 1),
            "slowest": [{"agency": a, "seconds": round(s, 2)} for a, s in slowest],
        }
        if groups:  # run --groups: the groups' tasks, each failing alone
            failed_groups = len({f.group for f in self.failures if f.group is not None})
            summary.update(groups=groups, groups_done=groups - failed_groups, groups_failed=failed_groups)
        self.log.note(f"summary: {summary_line(summary)}")
        return summary


def summary_line(summary: dict) -> str:
    """'300 agencies: 298 done, 2 failed, in 142.3 s; slowest: 'A' 4.10 s, ...' (the tasks' wall
    time, and each agency's own: from its first task's start to its last's end)."""
    n = summary["agencies"]
    line = ngettext("{n} agency: {done} done, {failed} failed", "{n} agencies: {done} done, {failed} failed", n)
    line = line.format(n=n, done=summary["done"], failed=summary["failed"])
    if summary.get("groups"):
        line += _("; {n} group(s): {done} done, {failed} failed").format(
            n=summary["groups"], done=summary["groups_done"], failed=summary["groups_failed"]
        )
    if summary.get("overview_failures"):  # the year's overview notebooks, failed for no one agency
        line += _(" (and {n} overview notebook(s))").format(n=summary["overview_failures"])
    line += _(", in {seconds:.1f} s").format(seconds=summary["seconds"])
    if summary.get("retried"):
        line += _("; {n} task(s) retried after a worker process died").format(n=summary["retried"])
    each = _("{agency} {seconds:.2f} s")
    slowest = ", ".join(each.format(agency=who(s["agency"]), seconds=s["seconds"]) for s in summary["slowest"])
    return _("{line}; slowest: {slowest}").format(line=line, slowest=slowest) if slowest else line
