"""The groups' outputs of a yearly run (``run --groups``), written by the package in a worker.

Each group (a province, a ministry, all the agencies) gets a folder ``groups/<kind>/<group>/`` with
its tables (CSV) where no notebook ran for it, and its report (:meth:`~ita_analysis.facade.groups.Group.write_report`).
Group tasks go to the workers in batches (:class:`GroupBatch`) like the agencies': the worker
computes every group of the year once for its batch (:class:`SharedGroups`) and writes each group
of the batch from it. A failing group fails alone.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ita_analysis.batch.notebooks import GROUP_NOTEBOOK, NotebookTask
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.results import TaskResult
from ita_analysis.errors import InputError
from ita_analysis.facade import AnalysisParameters
from ita_analysis.facade.group_inputs import ALL_AGENCIES, group_kinds, memberships
from ita_analysis.facade.groups import Group, GroupData, group_analysis_from_params
from ita_analysis.files import missing_files
from ita_analysis.i18n import N_
from ita_analysis.ingest.scores import Loaded


@dataclass(frozen=True)
class GroupTask:
    """What to write for the group ``kind``/``group`` into ``folder``: the year's ``parameters``
    (agency None, paths absolute), the kinds the run analyses and its mapping file, ``tables``
    (the CSV tables: no notebook ran for the group) and ``report`` (group_report.pdf/.xlsx/.docx
    and their charts) in ``digits``."""

    parameters: AnalysisParameters
    kinds: tuple[str, ...]
    group_map: str | None
    kind: str
    group: str
    folder: Path
    digits: str = "thai"
    tables: bool = True
    report: bool = True

    @property
    def label(self) -> str:
        """How run.log, errors.csv and the manifest name the group: "<kind>/<group>"."""
        return f"{self.kind}/{self.group}"


@dataclass(frozen=True)
class GroupBatch:
    """Group tasks run one after the other by one worker, which computes the groups once."""

    tasks: tuple[GroupTask, ...]


class SharedGroups:
    """The groups of the year a worker keeps while it runs a batch's tasks: computed once for the
    tasks that share their parameters, kinds and mapping file."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.data: GroupData | None = None

    def group(self, task: GroupTask) -> Group:
        """The task's group, from the groups of the year computed once for the batch."""
        return Group.of(self.data_for(task), task.kind, task.group, output_dir=task.folder)

    def data_for(self, task: GroupTask) -> GroupData:
        key = (dataclasses.replace(task.parameters, output_dir=None), task.kinds, task.group_map)
        if self.data is None or key != self.key:
            self.key, self.data = key, group_analysis_from_params(task.parameters, task.kinds, task.group_map)
        return self.data


def write_group_outputs(task: GroupTask, shared: SharedGroups | None = None) -> TaskResult:
    """Worker: the group's tables and report, each step ("group analysis", "group tables", "group
    report") timed; a failure becomes the result's, so that it fails this group alone."""
    result = TaskResult(None, group=task.label)
    try:
        with result.step(N_("group analysis")):
            group = (shared or SharedGroups()).group(task)
        if task.tables:
            with result.step(N_("group tables")):
                group.save_tables()
        if task.report:
            with result.step(N_("group report")):
                group.write_report(task.folder, digits=task.digits)
    except Exception as exc:
        result.fail(exc)
    return result


def run_group_batch(batch: GroupBatch) -> list[TaskResult]:
    """Worker: the tasks of a batch in turn, the groups computed once; a failure of the machine ends
    the batch (the others would fail the same way)."""
    shared, results = SharedGroups(), []
    for task in batch.tasks:
        results.append(write_group_outputs(task, shared))
        if results[-1].failure is not None and results[-1].failure.machine is not None:
            break
    return results


def year_groups(params: RunParams, loaded: Loaded, fy: int) -> list[tuple[str, str]]:
    """(kind, group) of each group whose outputs the run writes: the group of all the agencies, then
    each group of the kinds asked for (``--groups``) with an agency scored in the year, by kind and
    name. Reads the group columns and the mapping file (checked against the score data) before
    anything is written: one InputError with every problem."""
    if not params.groups:
        return []
    problems = missing_files({"--group-map": params.group_map})
    if problems:
        raise InputError(problems)
    members = memberships(
        loaded, params.score_tables(), group_kinds(params.groups), params.group_map, sheet=params.analysis.sheet
    )
    scored = set(loaded.scores.loc[loaded.scores["fiscal_year"].astype("int64") == fy, "agency"])
    year = members[(members["fiscal_year"] == fy) & members["agency"].isin(scored)]
    kinds = list(pd.unique(year["kind"]))
    found = year[["kind", "group"]].drop_duplicates().assign(_k=lambda t: t["kind"].map(kinds.index))
    found = found.sort_values(["_k", "group"], kind="stable")
    return [(ALL_AGENCIES, ALL_AGENCIES), *found[["kind", "group"]].itertuples(index=False, name=None)]


def group_tasks(
    params: RunParams, folders: dict[tuple[str, str], Path], notebook: Path | None, kernel_log: Path
) -> list[NotebookTask | GroupTask]:
    """Each group's tasks: the notebook ``notebook`` (06_group, None above the notebook limit: the
    package writes the tables) run in its folder, and its tables and report."""
    year = params.analysis_parameters(None, None)
    kinds, group_map = group_kinds(params.groups), params.group_map_path()
    tasks: list[NotebookTask | GroupTask] = []
    for (kind, group), folder in folders.items():
        if notebook is not None:
            extra = (("group_kind", kind), ("group_value", group), ("group_map", group_map))
            here = dataclasses.replace(year, output_dir=os.curdir)
            tasks.append(
                NotebookTask(
                    GROUP_NOTEBOOK,
                    notebook,
                    folder / GROUP_NOTEBOOK,
                    here,
                    folder,
                    kernel_log,
                    group=f"{kind}/{group}",
                    extra=extra,
                )  # fmt: skip
            )
        if notebook is None or params.documents:
            tables, report = notebook is None, params.documents
            tasks.append(GroupTask(year, kinds, group_map, kind, group, folder, params.digits, tables, report))
    return tasks
