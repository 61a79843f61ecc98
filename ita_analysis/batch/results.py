"""What a task of the yearly run reports: its timed steps and the failure that ended it, if any.

A worker (:mod:`~ita_analysis.batch.tasks`) returns a :class:`TaskResult` per task; it is
picklable, and its :class:`Failure` becomes a row of errors.csv and an entry of manifest.json.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ita_analysis.batch.machine import SystemProblem, machine_problem
from ita_analysis.batch.notebooks import RunError
from ita_analysis.batch.runlog import utc_now
from ita_analysis.errors import ItaError
from ita_analysis.filenames import shown
from ita_analysis.i18n import gettext as _

__all__ = ["Failure", "Step", "TaskResult", "describe", "who"]


@dataclass(frozen=True)
class Step:
    """One finished step of a task: "analysis", "tables", "documents" or "notebook 01_results.ipynb"."""

    name: str
    finished: str  # UTC, ISO 8601 to the second
    seconds: float


@dataclass(frozen=True)
class Failure:
    """What ended a task: its agency (None: the year's overview, or a group's task), step and error;
    ``group`` ("<kind>/<group>") for a group's task."""

    agency: str | None
    step: str
    message: str  # in full: a notebook's cell and error, or the exception with its last frames
    brief: str  # one line
    machine: SystemProblem | None = None  # a failure of the machine (no space ...): it ends the year
    group: str | None = None

    def line(self) -> str:
        if self.group is not None:
            return _("group {group} {step}: {brief}").format(group=self.group, step=_(self.step), brief=self.brief)
        return _("agency {agency} {step}: {brief}").format(agency=who(self.agency), step=_(self.step), brief=self.brief)

    def row(self) -> dict:
        """Its row of errors.csv."""
        agency = "" if self.agency is None else self.agency
        return {"agency": agency, "group": self.group or "", "step": self.step, "message": self.message}

    def record(self) -> dict:
        """Its entry in manifest.json's "failed" (with "group" for a group's task)."""
        record = {"agency": self.agency, "step": self.step, "message": self.message, "brief": self.brief}
        return record if self.group is None else {**record, "group": self.group}


@dataclass
class TaskResult:
    """A task's timed steps and, when one raised, its failure (the steps after it are not run).
    ``group``: "<kind>/<group>" for a group's task (``agency`` None)."""

    agency: str | None
    steps: list[Step] = field(default_factory=list)
    failure: Failure | None = None
    running: str | None = None  # the step under way
    began: float | None = None  # when the first step began and the last one ended (or failed), as
    ended: float | None = None  # seconds since the epoch (time.time) measured in the task itself
    group: str | None = None

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time a step; an exception leaves it as :attr:`running` for :meth:`fail`."""
        self.running = name
        if self.began is None:
            self.began = time.time()
        t0 = time.perf_counter()
        yield
        self.steps.append(Step(name, utc_now(), time.perf_counter() - t0))
        self.ended = time.time()
        self.running = None

    def fail(self, exc: BaseException, step: str | None = None) -> TaskResult:
        message, brief = describe(exc)
        step = step or self.running or "task"
        self.failure = Failure(self.agency, step, message, brief, machine_problem(exc), self.group)
        if self.began is not None:  # the failing step ends here
            self.ended = time.time()
        return self

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)


def describe(exc: BaseException) -> tuple[str, str]:
    """An error in full and in one line. A notebook's RunError already names its cell and ends with
    the error; other package errors are their message; anything else also shows its last frames.
    A file name that is not UTF-8 in the message has its bytes shown as ``\\xff``: the text goes to
    UTF-8 files (errors.csv, manifest.json, run.log)."""
    text = shown(str(exc).strip())
    if isinstance(exc, RunError):
        return text, text.splitlines()[-1] if text else "RunError"
    name = type(exc).__name__
    brief = f"{name}: {text.splitlines()[0]}" if text else name
    full = f"{name}: {text}" if text else name
    if isinstance(exc, ItaError):
        return full, brief
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    return full + "".join(f"\n  at {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames), brief


def who(agency: str | None) -> str:
    return repr(agency) if agency is not None else _("(all)")
