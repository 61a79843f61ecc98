"""A year's tasks on the workers of a Dask cluster (``run --cluster ADDRESS``) instead of the local
process pool: the same units (:func:`~ita_analysis.batch.tasks.batches`) run by the same function
(:func:`~ita_analysis.batch.tasks.run_task`), their results handed to the run's tally as they come.

The workers write into the staging folder themselves: every worker must see the run's output root
and its input files at the same paths as this process (a shared file system mounted alike on every
machine; docs/scale.md). This is checked before anything is staged (:func:`cluster_session`), as is
that the workers run the same version of the package. One thread per worker is expected
(``dask worker ADDRESS --nthreads 1 --nworkers N``): a worker that dies then takes one task with it.

The failure rules are the local pool's: a task's failure comes back inside its result and fails its
agency alone; a unit lost with a dead worker (``KilledWorker``, or cancelled by the scheduler) is
retried once at the end, each of its agencies alone, and if lost again that is their failure; a
failure of the machine (:class:`~ita_analysis.batch.machine.MachineError`, raised by the tally)
ends the run. Whatever ends the run early (that, or Ctrl-C's
:class:`~ita_analysis.batch.interrupts.Interrupted`) cancels the tasks not started and waits for
those running (a Dask task cannot be stopped) before the staging folder is removed.

Each worker gets a private temporary folder for the run (:class:`Scratch`, a worker plugin), as the
local pool's workers do (:func:`~ita_analysis.batch.tasks.worker_start`), removed when the run ends.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ita_analysis import __version__
from ita_analysis.batch.interrupts import Interrupted
from ita_analysis.batch.notebooks import ensure_kernel
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.results import TaskResult
from ita_analysis.batch.scratch import PREFIX, TEMP_VARIABLES, use_scratch
from ita_analysis.batch.tasks import Task, Unit, batches, failed_results, run_task, unit_tasks, worker_data
from ita_analysis.errors import ItaError
from ita_analysis.i18n import gettext as _

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler
WORKERS_TIMEOUT = 60.0  # seconds to wait for a first worker
STOP_WAIT = 600.0  # seconds, at most, to wait for the tasks still running when the run ends early
POLL = 0.5  # seconds between two looks at the tasks still running
MARKER = ".ita-analysis-cluster-check-{pid}"  # written into the output root for the workers to find
SHOWN = 5  # workers named in an error


class ClusterError(ItaError):
    """The Dask cluster cannot run the year: its scheduler out of reach, no worker, or workers that
    do not see the run's files or run another version of the package."""


class WorkerLost(Exception):
    """A unit's Dask worker died under it twice (the first time it was retried)."""


def _lost_errors() -> tuple[type[BaseException], ...]:
    """The exceptions of a future whose worker died (or that the scheduler dropped)."""
    from distributed import KilledWorker

    return (KilledWorker, asyncio.CancelledError, concurrent.futures.CancelledError)


@contextmanager
def cluster_session(params: RunParams) -> Iterator[object | None]:
    """A ``distributed.Client`` of ``params.cluster`` (None when the run has no cluster), its
    workers checked (:func:`check_workers`) and given their temporary folders (:class:`Scratch`);
    closed when the block ends. Raises ClusterError before anything is staged."""
    if params.cluster is None:
        yield None
        return
    client = connect(params.cluster)
    name = f"ita-analysis-scratch-{uuid.uuid4().hex[:12]}"
    try:
        check_workers(client, params.out_root, params.input_files())
        client.register_plugin(scratch_plugin(), name=name)
        yield client
    finally:
        try:
            client.unregister_worker_plugin(name)
        except Exception:  # never registered, or the scheduler is gone: nothing to remove from here
            pass
        client.close()


def connect(address: str):
    """A client of the scheduler at ``address`` with at least one worker; ClusterError otherwise."""
    from distributed import Client

    try:  # the address tried first: a client that fails to connect hangs on its way out
        asyncio.run(_reach(address))
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as exc:  # OSError, TimeoutError, ValueError for an address of no known protocol
        why = str(exc) or type(exc).__name__
        raise ClusterError(
            _("cannot reach the Dask scheduler at {address} ({why}); is `dask scheduler` running there?").format(
                address=address, why=why
            )
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except Exception:
        client.close()
        raise ClusterError(
            _(
                "the Dask scheduler at {address} has no worker after {seconds:.0f} s: start them with "
                "`dask worker {address} --nthreads 1`"
            ).format(address=address, seconds=WORKERS_TIMEOUT)
        ) from None
    return client


async def _reach(address: str) -> None:
    from distributed.comm import connect

    comm = await connect(address, timeout=CONNECT_TIMEOUT)
    await comm.close()


def check_workers(client, out_root: Path, inputs: list[Path]) -> None:
    """ClusterError unless every worker sees a file written here into ``out_root`` and the input
    files at the same paths, and runs this version of the package. ``out_root`` is made when missing."""
    out_root = out_root.resolve()
    out_root.mkdir(parents=True, exist_ok=True)
    marker = out_root / MARKER.format(pid=os.getpid())
    token = uuid.uuid4().hex
    marker.write_text(token, encoding="utf-8")
    try:
        seen = client.run(worker_sees, str(marker), token, [str(p.resolve()) for p in inputs], on_error="return")
    finally:
        marker.unlink(missing_ok=True)
    problems = []
    for worker, found in sorted(seen.items()):
        if isinstance(found, BaseException):
            found = [("error", f"{type(found).__name__}: {found}")]
        problems += [f"  {worker}: {_problem(kind, what, out_root)}" for kind, what in found]
    if problems:
        more = ["  " + _("... and {n} more").format(n=len(problems) - SHOWN)] if len(problems) > SHOWN else []
        heading = _(
            "the Dask workers cannot run this year: they must see the output folder and the input files at the "
            "same paths as this computer (a shared file system) and run the same version of ita-analysis "
            "(docs/scale.md):"
        )
        raise ClusterError("\n".join([heading, *problems[:SHOWN], *more]))


def _problem(kind: str, what: str, out_root: Path) -> str:
    if kind == "folder":
        return _("does not see the output folder {folder}").format(folder=out_root)
    if kind == "input":
        return _("does not see the input file {file}").format(file=what)
    if kind == "version":
        return _("runs ita-analysis {theirs}, this computer {ours}").format(theirs=what, ours=__version__)
    return _("could not be checked ({why})").format(why=what)


def worker_sees(marker: str, token: str, inputs: list[str]) -> list[tuple[str, str]]:
    """On a worker: what it lacks, as (kind, detail): the marker with ``token`` ("folder"), an input
    file ("input"), this version of the package ("version")."""
    found = []
    try:
        if Path(marker).read_text(encoding="utf-8") != token:
            found.append(("folder", marker))
    except OSError:
        found.append(("folder", marker))
    found += [("input", p) for p in inputs if not Path(p).is_file()]
    if __version__ != version_here():
        found.append(("version", __version__))
    return found


def version_here() -> str:
    """The package's version as installed where this runs (a worker's own, not the one it was sent)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ita-analysis")
    except PackageNotFoundError:
        return __version__


def scratch_plugin():
    """A :class:`Scratch` that Dask takes for a worker plugin (distributed is imported only by runs
    on a cluster: it takes half a CPU-second)."""
    from distributed import WorkerPlugin

    return type("ScratchPlugin", (Scratch, WorkerPlugin), {})()


class Scratch:
    """Worker plugin (see :func:`scratch_plugin`): the run's temporary files on a Dask worker (and
    those of the notebook kernels it starts) in a private folder, as
    :func:`~ita_analysis.batch.tasks.worker_start` gives the local pool's workers; the project's
    kernel installed where missing. The folder goes, and the worker's temporary directory is
    restored, when the plugin is removed at the run's end or the worker closes. What the worker
    keeps for its batches (:func:`~ita_analysis.batch.tasks.worker_data`) is dropped at both: a
    Dask worker outlives runs, and the data files may change between them."""

    def __init__(self) -> None:
        self.folder: str | None = None
        self.before: dict[str, str | None] = {}
        self.tempdir: str | None = None

    def setup(self, worker=None) -> None:
        worker_data.cache_clear()  # a worker outlives runs: nothing read for an earlier one is kept
        ensure_kernel()
        self.before = {name: os.environ.get(name) for name in TEMP_VARIABLES}
        self.tempdir = tempfile.tempdir
        self.folder = tempfile.mkdtemp(prefix=PREFIX)
        use_scratch(Path(self.folder))

    def teardown(self, worker=None) -> None:
        worker_data.cache_clear()  # the run's data not held between runs
        if self.folder is None:
            return
        if os.environ.get(TEMP_VARIABLES[0]) == self.folder:  # not since changed by another run's plugin
            for name, value in self.before.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            tempfile.tempdir = self.tempdir
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def run_on_cluster(
    client, tasks: list[Task], on_result: Callable[[TaskResult], None], on_note: Callable[[str], None]
) -> int:
    """:func:`~ita_analysis.batch.tasks.run_tasks` on the cluster's workers: each result handed to
    ``on_result`` as it comes; the units lost with a dead worker retried once at the end, each agency
    alone and one at a time (a worker holds a task or two queued besides the one it runs, which
    die with it), and failed if lost again. Returns how many tasks were retried."""
    threads = max(1, sum(client.nthreads().values()))
    run = f"ita-analysis-{uuid.uuid4().hex[:12]}"
    lost = _run_units(client, batches(tasks, threads), on_result, on_note, f"{run}-first")
    again = [t for unit, _exc in lost for t in unit_tasks(unit)]
    if again:
        on_note(_("retrying {n} task(s) lost with a Dask worker, each agency alone").format(n=len(again)))
    for k, alone in enumerate(batches(again, len(again))):  # one at a time: a worker takes queued tasks
        for unit, exc in _run_units(client, [alone], on_result, on_note, f"{run}-retry-{k}"):
            why = _("the Dask worker running it died again on retry ({why})").format(why=type(exc).__name__)
            for result in failed_results(unit, WorkerLost(why)):
                on_result(result)
    return len(again)


def _run_units(client, units: list[Unit], on_result, on_note, prefix: str) -> list[tuple[Unit, BaseException]]:
    """Submit the units (keys starting with ``prefix``) and hand on their results as they complete;
    returns those lost with a dead worker and why. Whatever ends this early cancels the units not
    started and waits for those running (:func:`stop_units`)."""
    from distributed import as_completed

    futures: dict = {}
    lost: list[tuple[Unit, BaseException]] = []
    try:
        for k, unit in enumerate(units):
            # retries=0: a task's own failure is in its result; a dead worker is retried here, as locally
            futures[client.submit(run_task, unit, key=f"{prefix}-{k}", pure=False, retries=0)] = unit
        for future in as_completed(list(futures), loop=client.loop):
            _collect(future, futures.pop(future), on_result, on_note, lost)
    except BaseException as exc:
        waited = stop_units(client, list(futures), prefix)
        if isinstance(exc, Interrupted):
            exc.waited += waited
        raise
    return lost


def _collect(future, unit: Unit, on_result, on_note, lost: list) -> None:
    """Hand a finished future's results on; a unit whose worker died goes to ``lost``."""
    try:
        results = future.result()
    except _lost_errors() as exc:
        lost.append((unit, exc))
        on_note(_("a Dask worker died ({why}); {n} task(s) lost so far").format(why=type(exc).__name__, n=len(lost)))
        return
    except Exception as exc:  # e.g. a result that could not be sent back
        results = failed_results(unit, exc)
    for result in results:
        on_result(result)


def stop_units(client, futures: list, prefix: str) -> int:
    """Cancel ``futures`` and wait (at most :data:`STOP_WAIT` seconds) for the tasks of keys starting
    with ``prefix`` still running on a worker: a Dask task cannot be stopped, and one left running
    would go on writing into the staging folder. Returns how many were running."""
    try:
        client.cancel(futures)
        running = running_tasks(client, prefix)
        count, deadline = len(running), time.monotonic() + STOP_WAIT
        while running and time.monotonic() < deadline:
            time.sleep(POLL)
            running = running_tasks(client, prefix)
        return count
    except Exception:  # the scheduler is gone: nothing is left to cancel or ask from here
        return 0


def running_tasks(client, prefix: str) -> list[str]:
    """The keys starting with ``prefix`` that the workers are executing."""
    found = client.run(executing_keys, prefix, on_error="return")
    return [key for keys in found.values() if isinstance(keys, list) for key in keys]


def executing_keys(prefix: str, dask_worker=None) -> list[str]:
    """On a worker: the keys starting with ``prefix`` it is executing (cancelled ones included: a
    cancelled task goes on until it ends)."""
    state = dask_worker.state
    return [str(ts.key) for ts in state.executing | state.long_running if str(ts.key).startswith(prefix)]
