"""Stopping a run on SIGINT (Ctrl-C) or SIGTERM: the parent process decides, its workers and their
notebook kernels are terminated, and the run ends with one line saying what was left where.

The parent turns the first signal into :class:`Interrupted`, raised in its main thread wherever it
is (usually waiting for a task). Worker processes ignore SIGINT (a Ctrl-C on a terminal reaches every
process of the foreground group; without this each worker would print a KeyboardInterrupt traceback
and abandon its task on its own), and take SIGTERM as the order to stop. The pool that catches
:class:`Interrupted` terminates its workers with everything they started (:func:`stop_processes`),
so no worker outlives its run nor writes into its staging folder afterwards.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ita_analysis.i18n import gettext as _
from ita_analysis.i18n import ngettext

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
GRACE = 5.0  # seconds a terminated process gets before it is killed
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies (Linux)


class Interrupted(BaseException):
    """The run was stopped by a signal. A BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` on the way (a task's failure handling) takes it for an ordinary error.

    The pool adds the processes it stopped (a run on a Dask cluster, the tasks it waited for), the
    staging code what became of the year's folders.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.workers = 0  # worker processes stopped
        self.others = 0  # processes they had started (notebook kernels)
        self.waited = 0  # tasks running on a Dask cluster, waited for (they cannot be stopped)
        self.year: int | None = None
        self.final: Path | None = None  # <out>/<YEAR>: the previous outputs, untouched
        self.removed: Path | None = None  # the unfinished attempt's staging folder, removed ...
        self.left: OSError | None = None  # ... unless this error left it there
        self.published = False  # the signal came while the year was being swapped in: it was finished

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as a shell reports a process ended by it: 130 or 143."""
        return 128 + self.signum

    def __str__(self) -> str:
        if self.workers:
            stopped = ngettext("stopped {n} worker process", "stopped {n} worker processes", self.workers)
            stopped = stopped.format(n=self.workers)
        elif self.waited:
            stopped = ngettext(
                "waited for {n} task running on the Dask cluster",
                "waited for {n} tasks running on the Dask cluster",
                self.waited,
            ).format(n=self.waited)
        else:
            stopped = _("no worker was running")
        if self.others:
            more = ngettext(
                "{stopped} and {n} process they had started (notebook kernels)",
                "{stopped} and {n} processes they had started (notebook kernels)",
                self.others,
            )
            stopped = more.format(stopped=stopped, n=self.others)
        return _("interrupted by {signal}: {stopped}; {left}").format(
            signal=self.name, stopped=stopped, left=self._left()
        )

    def _left(self) -> str:
        """What became of the year under way."""
        if self.year is None:
            return _("nothing of the year under way had been written")
        if self.published:
            return _("FY{year} had finished and is in {folder}").format(year=self.year, folder=self.final)
        if self.final:
            had = _("the previous outputs in {folder} are untouched").format(folder=self.final)
        else:
            had = _("there were no earlier outputs")
        if self.left is None:
            text = _("{had}; the unfinished attempt of FY{year} was removed ({folder})")
            return text.format(had=had, year=self.year, folder=self.removed)
        text = _("{had}; the unfinished attempt of FY{year} could not be removed ({why}): it is in {folder}")
        return text.format(had=had, year=self.year, why=self.left.strerror or self.left, folder=self.removed)


_state = threading.local()


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, the first SIGINT or SIGTERM raises :class:`Interrupted` in the main thread;
    a later one only says that the run is stopping (the cleanup is under way and takes seconds).
    The previous handlers are restored afterwards. Nested use, and use outside the main thread
    (where Python cannot set handlers), changes nothing."""
    if threading.current_thread() is not threading.main_thread() or getattr(_state, "active", False):
        yield
        return
    _state.active, _state.raised, _state.held = True, False, None
    previous = {s: signal.signal(s, _on_signal) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        _state.active = False


@contextmanager
def exit_on_signals(say: Callable[[str], None]) -> Iterator[None]:
    """:func:`stop_on_signals` for a command: the :class:`Interrupted` that ends the block is said
    in one line and exits the process with its code (130 for SIGINT, 143 for SIGTERM)."""
    try:
        with stop_on_signals():
            yield
    except Interrupted as exc:
        say(str(exc))
        raise SystemExit(exc.exit_code) from None


def _on_signal(signum: int, frame) -> None:
    if _state.raised:
        said = _("{signal} again: the run is already stopping").format(signal=signal.Signals(signum).name)
        print(said, file=sys.stderr, flush=True)
        return
    if _state.held is not None:  # in a step that must not be cut in half: raised when it ends
        _state.held.append(signum)
        return
    _state.raised = True
    raise Interrupted(signum)


@contextmanager
def signals_held() -> Iterator[None]:
    """A step that must not be cut in half (the two renames that swap a year in): a stop signal
    arriving within it is raised as :class:`Interrupted` once it has finished."""
    if not getattr(_state, "active", False) or _state.held is not None:
        yield
        return
    _state.held = []
    try:
        yield
    finally:
        held, _state.held = _state.held, None
    if held and not _state.raised:
        _state.raised = True
        raise Interrupted(held[0])


def worker_signals(parent: int) -> None:
    """Worker initializer: ignore SIGINT (the parent decides), and stop on SIGTERM as by default
    (a forked worker would otherwise inherit the parent's handler and raise in its task). On Linux
    the worker also asks for SIGTERM when ``parent`` dies: a run killed outright (SIGKILL), which
    cannot stop its workers itself, then leaves none running (their kernels follow: a kernel ends
    when its worker does)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        import psutil

        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM))
        except (OSError, AttributeError):  # no such call here: the worker is stopped by its parent alone
            return
        if not psutil.pid_exists(parent):  # the run died before the request was made
            os._exit(1)


def stop_processes(workers: Iterable) -> tuple[int, int]:
    """Terminate these worker processes (``multiprocessing.Process``) and every process they started
    (found before any is stopped, as a kernel whose worker is gone no longer shows as its child);
    those still running after :data:`GRACE` seconds are killed. Returns (how many workers, how many
    others) were running. The workers are waited for through their own objects: reaped behind the
    pool's back, they would look alive to it forever and its shutdown would never end."""
    import psutil

    mine, others = [], []
    for worker in workers:
        try:
            others += psutil.Process(worker.pid).children(recursive=True)
            mine.append(worker)
        except psutil.Error:  # already gone
            continue
    for proc in others:  # kernels first: a worker terminated first could not be asked
        _signal(proc, "terminate")
    for worker in mine:
        worker.terminate()
    deadline = time.monotonic() + GRACE
    for worker in mine:
        worker.join(max(0.0, deadline - time.monotonic()))
    _, alive = psutil.wait_procs(others, timeout=max(0.0, deadline - time.monotonic()))
    for worker in mine:
        if worker.is_alive():
            worker.kill()
            worker.join(GRACE)
    for proc in alive:
        _signal(proc, "kill")
    psutil.wait_procs(alive, timeout=GRACE)
    return len(mine), len(others)


def _signal(proc, how: str) -> None:
    import psutil

    try:
        getattr(proc, how)()
    except psutil.Error:  # gone in the meantime
        pass
