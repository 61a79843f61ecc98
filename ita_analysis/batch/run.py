"""The yearly batch run: execute the notebooks with papermill per agency and leave outputs/<YEAR>/.

Layout of a year's outputs::

    outputs/2563/
      summary.csv            every agency of the year (the columns of `ita-analysis score`)
      peers.csv              every agency's rank and percentile (and in its group, where given)
      peer_groups.csv        per group: n, mean, median, share at the pass mark, levels, movement
      manifest.json          the run: inputs with SHA-256, framework, version, parameters, agencies,
                             the failures ("failed") and the summary (done, failed, time, slowest)
      run.log                written as the run goes: one line per agency and step, with its UTC time
                             and duration; the failures; the closing summary
      errors.csv             only when something failed: agency, step, message
      kernels.log            what the notebook kernels printed to stderr (their known noise left out)
      groups/<kind>/<group>/ with --groups: each group's tables (overview, levels, ranking,
                             indicators, watch, zero_items .csv), 06_group.ipynb (up to the
                             notebook limit of groups), group_report.pdf/.xlsx/.docx and its charts,
                             manifest.json; the group of all the agencies in groups/ทั้งหมด/ทั้งหมด/
      <agency>/              the agency's name made safe for file systems (Thai letters kept), never
                             one of the names above (compared as Windows does, without case: an
                             agency called "summary.csv" gets "summary.csv_2")
        01_results.ipynb ... 05_plan.ipynb                          executed notebooks
        results.csv comparison.csv weaknesses.csv                   tables (UTF-8 with BOM)
        trend.csv target_gap.csv peers.csv peer_groups.csv          history, plan to the target, peers
        item_priorities.csv                                         with item scores (--items)
        chart_*.png chart_*.svg                                     charts
        measures.xlsx measures.pdf measures.docx                    the measures document
        manifest.json

The year is built in a staging folder and swapped in at the end. A task that fails (a notebook or
an agency's tables or documents) fails its agency alone: the others complete, and the year is
published with the failures listed in errors.csv and manifest.json (see
:mod:`ita_analysis.batch.tasks`). Only problems of the whole year (bad score tables or side files,
no framework) stop the run before anything is written (every problem of every input at once, see
:mod:`ita_analysis.batch.inputs_check`), and when every agency failed, the year is not published:
the previous good outputs stay in place and the attempt is kept in ``<YEAR>.failed/`` (see
:mod:`ita_analysis.batch.staging`). A failure of the machine (no space left, no permission, a
read-only file system) is no agency's: it ends the year at once, the attempt is removed and the
previous outputs stay in place (:mod:`ita_analysis.batch.machine`).

Runs with more agencies than ``notebook_limit`` execute the notebooks once for the whole year
(``agency=None``, in ``notebooks/`` of the year folder) and write each agency's tables and charts
by calling the same :class:`~ita_analysis.facade.Analysis` methods directly
(:mod:`ita_analysis.batch.agency_tasks`): one notebook execution costs seconds, which a national
run of 8,300 agencies cannot afford three times each. The groups follow the same rule by their
number (:mod:`ita_analysis.batch.group_tasks`); ``agencies=False`` (``--no-agencies``) writes no
agency's folder, only the year's tables and the groups'.

With a Dask scheduler's address (``cluster``, ``run --cluster``) the tasks run on its workers
instead of the local process pool (:mod:`ita_analysis.batch.cluster`), which must see the output
folder and the inputs at the same paths; the rest of the run stays in this process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from ita_analysis.batch.agency_tasks import AgencyTask
from ita_analysis.batch.cluster import cluster_session, run_on_cluster
from ita_analysis.batch.group_tasks import group_tasks, year_groups
from ita_analysis.batch.inputs_check import check_inputs
from ita_analysis.batch.machine import machine_step
from ita_analysis.batch.notebooks import (
    GROUP_NOTEBOOK,
    NOTEBOOKS,
    NotebookTask,
    RunError,
    default_notebooks_dir,
    drop_kernel_noise,
    ensure_kernel,
)
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.scratch import scratch_folder
from ita_analysis.batch.staging import (
    ERRORS,
    KERNELS_LOG,
    OVERVIEW,
    PEER_GROUPS,
    PEERS,
    SUMMARY,
    Fingerprint,
    RunLog,
    agency_folders,
    group_folders,
    staged_year,
    write_errors,
    write_manifests,
)
from ita_analysis.batch.tasks import Failure, Progress, Tally, run_tasks
from ita_analysis.compute.peers import peer_summary, peer_table
from ita_analysis.compute.scoring import compare_published, score
from ita_analysis.facade import AnalysisParameters
from ita_analysis.files import write_csv
from ita_analysis.frameworks import load_framework
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.scores import Loaded, load


def run_year(params: RunParams, progress: Progress | None = None, fingerprint: Fingerprint | None = None) -> Path:
    """Run one fiscal year; returns the year's output folder. Raises RunError, InputError or (when
    the machine fails the run: no space, no permission ...) MachineError.

    ``progress(done, total)`` is called once the year's tasks are known (done 0) and after each
    notebook or agency task. ``fingerprint`` (the inputs hashed) is made here when not given.
    A failing task fails its agency alone (errors.csv, manifest.json "failed"); only when every
    agency failed, or the machine failed, is the year not published.
    """
    fy = params.analysis.fiscal_year
    load_framework(fy)  # a clear error for a year without a framework, before anything is written
    # every input read first: one InputError lists all problems before anything is staged
    loaded, agencies = check_inputs(params, fy)
    groups = year_groups(params, loaded, fy)  # the mapping file's problems too, before anything is written
    fingerprint = fingerprint or Fingerprint.of(params)
    started = dt.datetime.now(dt.UTC)
    log = RunLog()
    with (
        cluster_session(params) as client,
        staged_year(params.out_root, fy, log) as staging,
        scratch_folder() as scratch,
    ):
        with machine_step(_("writing the year's tables")):
            warnings = _write_summary(loaded, fy, staging, log)
            _write_peers(loaded, fy, staging)
        with machine_step(_("making the agencies' folders")):
            folders = agency_folders(staging, agencies if params.agencies else [])
            groups_at = group_folders(staging, groups)
        per_agency = len(agencies) <= params.notebook_limit
        with machine_step(_("preparing the notebooks")):
            tasks = [
                *(_notebook_tasks(params, staging, folders, per_agency, log) if params.agencies else []),
                *_agency_tasks(params, folders, per_agency),
                *_group_tasks(params, staging, groups_at, log),
            ]
        tally = Tally(log, len(tasks), progress)
        retried = _run_tasks(tasks, params.workers, client, tally, log, scratch)
        with machine_step(_("writing {file}").format(file=KERNELS_LOG)):
            drop_kernel_noise(staging / KERNELS_LOG)
        summary = tally.summary(list(folders), retried, groups=len(groups))
        if tally.failures:
            with machine_step(_("writing {file}").format(file=ERRORS)):
                write_errors(staging, tally.failures)
            _everything_failed(tally.failures, list(folders), [f"{k}/{g}" for k, g in groups])
        notebooks = "per agency" if per_agency else "year overview (notebooks/)"
        failed = [f.record() for f in tally.failures]
        with machine_step(_("writing the manifests")):
            write_manifests(
                staging,
                fingerprint,
                folders,
                started=started,
                warnings=warnings,
                notebooks=notebooks,
                failed=failed,
                summary=summary,
                cluster=params.cluster,
                groups=groups_at if groups else None,
            )
    return params.out_root / str(fy)


def _run_tasks(tasks: list, workers: int, client, tally: Tally, log: RunLog, scratch: Path) -> int:
    """The tasks on the local process pool, or on the Dask cluster's workers when ``client`` is one;
    returns how many were retried."""
    if client is None:
        return run_tasks(tasks, workers, tally, log.note, scratch)
    return run_on_cluster(client, tasks, tally, log.note)


def _everything_failed(failures: list[Failure], agencies: list[str], groups: list[str]) -> None:
    """Raise RunError (the year is not published) when no agency came through and no group either
    (a run without agencies or without groups: the others alone)."""
    agencies_failed = set(agencies) <= {f.agency for f in failures if f.group is None}
    groups_failed = set(groups) <= {f.group for f in failures if f.group is not None}
    if not (agencies_failed and groups_failed) or not (agencies or groups):
        return
    others = [f"  - {f.line()}" for f in failures[1:11]]
    more = ["  " + _("... and {n} more").format(n=len(failures) - 11)] if len(failures) > 11 else []
    heading = [_("other failures:")] if others else []
    raise RunError("\n".join([failures[0].message, *heading, *others, *more]))


def _write_summary(loaded: Loaded, fy: int, staging: Path, log: RunLog) -> list[str]:
    """summary.csv of the year; returns the warnings (skipped rows, printed figures that differ)."""
    summary = score(loaded.scores[loaded.scores["fiscal_year"] == fy])
    warnings = [str(w) for w in loaded.warnings + compare_published(summary, loaded.published)]
    for w in warnings:
        log.note(f"WARNING {w}")
    write_csv(summary, staging / SUMMARY)
    return warnings


def _write_peers(loaded: Loaded, fy: int, staging: Path) -> None:
    """peers.csv (every agency's rank and percentile in the year, and in its group) and
    peer_groups.csv (each group's figures and movement from the previous year)."""
    summary = score(loaded.scores[loaded.scores["fiscal_year"] <= fy])
    groups = loaded.groups if len(loaded.groups) and (loaded.groups["group"] != "").any() else None
    peers = peer_table(summary, groups)
    write_csv(peers[peers["fiscal_year"] == fy], staging / PEERS)
    table = peer_summary(summary, load_framework, groups)
    write_csv(table[table["fiscal_year"] == fy], staging / PEER_GROUPS)


def _notebook_tasks(
    params: RunParams, staging: Path, folders: dict[str, Path], per_agency: bool, log: RunLog
) -> list[NotebookTask]:
    """The notebooks for each agency, or (above the notebook limit) once for the whole year. Each
    runs in its own folder and writes there: its ``output_dir`` is ``"."``, which still names that
    folder once the year is published, when the notebook is opened and run again by hand."""
    nb_dir = (params.notebooks_dir or default_notebooks_dir()).resolve()
    kernel = ensure_kernel()
    if per_agency:
        log.note(f"kernel {kernel}; notebooks per agency from {nb_dir}")
        targets: list[tuple[str | None, Path]] = list(folders.items())
    else:
        overview = staging / OVERVIEW
        overview.mkdir()
        log.note(f"{len(folders)} agencies > notebook limit {params.notebook_limit}: notebooks run once for the year")
        targets = [(None, overview)]
    kernel_log = (staging / KERNELS_LOG).resolve()
    return [
        NotebookTask(nb, nb_dir / nb, folder / nb, _here(params.analysis_parameters(agency, None)), folder, kernel_log)
        for agency, folder in targets
        for nb in NOTEBOOKS
    ]


def _group_tasks(params: RunParams, staging: Path, folders: dict, log: RunLog) -> list:
    """Each group's notebook (up to the notebook limit of groups), tables and report."""
    if not folders:
        return []
    notebook = None
    if len(folders) <= params.notebook_limit:
        notebook = (params.notebooks_dir or default_notebooks_dir()).resolve() / GROUP_NOTEBOOK
        ensure_kernel()
    else:
        log.note(f"{len(folders)} groups > notebook limit {params.notebook_limit}: no group notebooks")
    return group_tasks(params, folders, notebook, (staging / KERNELS_LOG).resolve())


def _here(parameters: AnalysisParameters) -> AnalysisParameters:
    """The parameters with ``output_dir`` the folder the notebook runs in (and is kept in)."""
    return dataclasses.replace(parameters, output_dir=os.curdir)


def _agency_tasks(params: RunParams, folders: dict[str, Path], per_agency: bool) -> list[AgencyTask]:
    """Each agency's documents, and its tables and charts where no notebook runs for it."""
    if (per_agency and not params.documents) or not folders:
        return []
    svg, charts = params.svg_charts(len(folders)), params.chart_set(len(folders))
    return [
        AgencyTask(
            params.analysis_parameters(agency, folder), params.digits, not per_agency, params.documents, svg, charts
        )
        for agency, folder in folders.items()
    ]


def years_in(data: list[Path], sheet: str | None = None) -> list[int]:
    """Fiscal years with scores in the data (its ``sheet`` of a workbook), for ``--fy all``."""
    return sorted(int(y) for y in load(data, sheet=sheet).scores["fiscal_year"].dropna().unique())
