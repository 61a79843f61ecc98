"""Where a year's run is built and how it is published: the staging folder swapped in on success,
``<YEAR>.failed/`` kept on failure, removed when the run is stopped by a signal or the machine fails
it (:mod:`ita_analysis.batch.machine`); the year's lock held meanwhile
(:mod:`ita_analysis.batch.lock`); the run log and the manifests.

Nothing is written through a link: the staging folder is made exclusively (``mkdir`` fails on
anything there), every file in it is created there or moved into it, and what the run removes or
renames beside it (the previous outputs, an earlier failed attempt) is a link's name, never what
the link points at."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ita_analysis import __version__
from ita_analysis.batch.interrupts import Interrupted, signals_held, stop_on_signals
from ita_analysis.batch.lock import clear_leftovers, year_lock
from ita_analysis.batch.machine import MachineError, SystemProblem, machine_step
from ita_analysis.batch.notebooks import RunError
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.runlog import RunLog, utc_now
from ita_analysis.errors import ItaError
from ita_analysis.filenames import portable
from ita_analysis.files import atomic_path, remove_tree, safe_folder_name, sha256_file, write_csv
from ita_analysis.frameworks import load_framework
from ita_analysis.i18n import gettext as _

SUMMARY, PEERS, PEER_GROUPS = "summary.csv", "peers.csv", "peer_groups.csv"
MANIFEST, RUN_LOG, ERRORS, KERNELS_LOG = "manifest.json", "run.log", "errors.csv", "kernels.log"
OVERVIEW = "notebooks"  # the year's notebooks, when they run once for the whole year
GROUPS = "groups"  # the groups' folders (run --groups): groups/<kind>/<group>/
YEAR_NAMES = (SUMMARY, PEERS, PEER_GROUPS, MANIFEST, RUN_LOG, ERRORS, KERNELS_LOG, OVERVIEW, GROUPS)
"""What a year folder holds besides the agencies' folders: names no agency's folder may take."""


@contextmanager
def staged_year(out_root: Path, fiscal_year: int, log: RunLog) -> Iterator[Path]:
    """A fresh staging folder for the year; swapped in as ``<out_root>/<YEAR>`` when the block
    succeeds. When it fails, the staging folder (with run.log) becomes ``<YEAR>.failed`` and the
    previous outputs stay in place; the error says so (RunError in its message, others in their
    ``attempt_kept``). When the machine fails it (a :class:`~ita_analysis.batch.machine.MachineError`,
    or any OSError), the attempt is removed (it may hold the space that ran out) and a MachineError
    says the step, the file and that the previous outputs are untouched.
    Stopped by SIGINT or SIGTERM (:class:`~ita_analysis.batch.interrupts.Interrupted`), the
    unfinished attempt is removed. Meanwhile the year's lock is held (another run into the year is
    refused) and the leftovers of runs that died are cleared first."""
    with stop_on_signals(), ExitStack() as held:
        staging = _prepare(out_root, fiscal_year, _teller(log), held)
        final, failed = out_root / str(fiscal_year), out_root / f"{fiscal_year}.failed"
        try:
            log.open(staging / RUN_LOG)
            yield staging
        except Interrupted as exc:
            log.close()
            exc.year, exc.final, exc.removed = fiscal_year, final if final.exists() else None, staging
            exc.left = remove_tree(staging)
            raise
        except (MachineError, OSError) as exc:
            raise _machine_failed(exc, fiscal_year, staging, final, log) from None
        except BaseException as exc:
            _keep_failed(exc, staging, final, failed, log)
            raise
        log.close()
        _publish(staging, final, failed, fiscal_year, log)


def _prepare(out_root: Path, fiscal_year: int, tell: Callable[[str], None], held: ExitStack) -> Path:
    """The year's lock taken (held by ``held``), the leftovers of dead runs cleared, a new staging
    folder made; a failure of the machine on the way is a MachineError saying nothing was written."""
    try:
        with machine_step(_("preparing FY{year} in {folder}").format(year=fiscal_year, folder=out_root)):
            out_root.mkdir(parents=True, exist_ok=True)
            held.enter_context(year_lock(out_root, fiscal_year, tell))
            clear_leftovers(out_root, fiscal_year, tell)
            return _new_staging(out_root, fiscal_year)
    except MachineError as exc:
        staging = out_root / f".{fiscal_year}.staging-{os.getpid()}"  # (files beside it shown as they are)
        raise exc.told(
            fiscal_year,
            staging,
            _("{previous}; nothing was written.").format(previous=_previous(out_root / str(fiscal_year))),
        ) from None


def _previous(final: Path) -> str:
    if final.exists():
        return _("The previous outputs in {folder} are untouched").format(folder=final)
    return _("There were no earlier outputs")


def _new_staging(out_root: Path, fiscal_year: int) -> Path:
    """``<out_root>/.<YEAR>.staging-<pid>``, made exclusively: what was there (left by an earlier
    process with this one's id, or planted: a link is removed, not followed) is removed first, and
    ``mkdir`` fails on anything that comes back in between."""
    staging = out_root / f".{fiscal_year}.staging-{os.getpid()}"
    remove_tree(staging)
    staging.mkdir()
    return staging


def _publish(staging: Path, final: Path, failed: Path, fiscal_year: int, log: RunLog) -> None:
    """Swap the finished attempt in, then remove an earlier failed attempt. A stop signal waits for
    the swap; an OSError (the machine's) puts the previous outputs back and removes the attempt."""
    try:
        with signals_held():  # not between the two renames: the year folder would be missing
            _swap(staging, final)
            remove_tree(failed)
    except Interrupted as exc:
        exc.year, exc.final, exc.published = fiscal_year, final, True
        raise
    except OSError as exc:
        problem = MachineError(_("publishing"), SystemProblem.of(exc))
        raise _machine_failed(problem, fiscal_year, staging, final, log) from None


def _teller(log: RunLog) -> Callable[[str], None]:
    """Note a message in run.log and print it on stderr (rich shows it above the progress bar): what
    the run cleared away of runs that died is for the user to see, not only in the log."""

    def tell(message: str) -> None:
        log.note(message)
        print(message, file=sys.stderr, flush=True)

    return tell


def _machine_failed(
    exc: MachineError | OSError, fiscal_year: int, staging: Path, final: Path, log: RunLog
) -> MachineError:
    """The MachineError to raise for a failure of the machine, the attempt removed (the year is not
    published, and the attempt may hold the space that ran out)."""
    if isinstance(exc, OSError):
        exc = MachineError(_("the run"), SystemProblem.of(exc))
    log.close()
    error = remove_tree(staging)
    previous = _previous(final)
    if error is None:
        outcome = _("{previous}; this attempt was removed.").format(previous=previous)
    else:
        outcome = _("{previous}; this attempt could not be removed ({why}): it is in {folder}.").format(
            previous=previous, why=error.strerror or error, folder=staging
        )
    return exc.told(fiscal_year, staging, outcome)


def _keep_failed(exc: BaseException, staging: Path, final: Path, failed: Path, log: RunLog) -> None:
    """Keep the failed attempt as ``<YEAR>.failed`` (replacing an older one) and say where: a
    RunError is raised as a RunError with it in its message, other errors of the package carry it
    in their ``attempt_kept`` field."""
    remove_tree(failed)
    try:
        log.note(f"FAILED: {str(exc) or type(exc).__name__}")
    except MachineError:  # run.log cannot be written: the attempt is kept without the line
        pass
    log.close()
    try:
        staging.rename(failed)
        where = _("this attempt is in {folder}").format(folder=failed)
    except OSError as move:
        left = remove_tree(staging)
        if left is None:
            gone = _("and was removed")
        else:
            gone = _("nor removed ({why}): it is in {folder}").format(why=left.strerror or left, folder=staging)
        where = _("this attempt could not be kept ({why}) {gone}").format(why=move, gone=gone)
    previous = _previous(final)
    if isinstance(exc, RunError):
        raise RunError(f"{exc}\n{previous}; {where}") from None
    if isinstance(exc, ItaError):
        exc.attempt_kept = f"{previous}; {where}"  # for the command's message; the error itself is unchanged


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with two renames (the old one removed afterwards); when the
    second fails, the first is undone. Renames move names: a link at ``final`` is moved and removed
    as a link."""
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    remove_tree(old)  # left by an earlier process with this one's id
    had = os.path.lexists(final)
    if had:
        final.rename(old)
    try:
        staging.rename(final)
    except OSError:
        if had:
            old.rename(final)
        raise
    remove_tree(old)  # what cannot be removed now, the next run clears (and says so)


def group_folders(staging: Path, groups: list[tuple[str, str]]) -> dict[tuple[str, str], Path]:
    """One new folder per group, ``groups/<kind>/<group>/``, each name made safe as an agency's
    (:func:`~ita_analysis.files.safe_folder_name`, unique within its folder)."""
    kinds: dict[str, Path] = {}
    taken_kinds: set[str] = set()
    taken: dict[str, set[str]] = {}
    folders = {}
    for kind, group in groups:
        if kind not in kinds:
            kinds[kind] = staging / GROUPS / safe_folder_name(kind, taken_kinds)
            taken[kind] = set()
        folders[(kind, group)] = kinds[kind] / safe_folder_name(group, taken[kind])
    for folder in folders.values():
        folder.mkdir(parents=True)
    return folders


def agency_folders(staging: Path, agencies: list[str]) -> dict[str, Path]:
    """One new folder per agency, named by :func:`~ita_analysis.files.safe_folder_name`; never one of
    the year's own names (:data:`YEAR_NAMES`, compared case-insensitively as Windows does): an
    agency called so gets a suffix (``summary.csv_2``)."""
    taken = {name.casefold() for name in YEAR_NAMES}
    folders = {a: staging / safe_folder_name(a, taken) for a in agencies}
    for folder in folders.values():
        folder.mkdir()
    return folders


@dataclass(frozen=True)
class Fingerprint:
    """What a year's outputs depend on, hashed once per run: the inputs (SHA-256), the framework
    file, the package version and the parameters; every manifest of the run reuses it."""

    params: RunParams
    inputs: list[dict]
    framework: dict
    provisional: bool

    @classmethod
    def of(cls, params: RunParams) -> Fingerprint:
        fw = load_framework(params.analysis.fiscal_year)
        framework = {
            "fiscal_year": fw.fiscal_year,
            "status": fw.status,
            "file": Path(fw.path).name,
            "sha256": sha256_file(fw.path),
        }
        inputs = [{"path": portable(p), "sha256": sha256_file(p)} for p in params.input_files()]
        return cls(params, inputs, framework, bool(fw.provisional))

    def parameters(self, agency: str | None) -> dict:
        """The run's parameters as manifest.json records them (JSON values)."""
        p = self.params
        parameters = p.notebook_parameters(agency, None)
        del parameters["output_dir"]
        extra = {
            "digits": p.digits,
            "documents": p.documents,
            "svg": p.svg,
            "charts": p.charts,
            "notebook_limit": p.notebook_limit,
        }
        if p.groups:  # run --groups (the mapping file is among the inputs)
            extra["groups"] = list(p.groups)
        if not p.agencies:
            extra["agencies"] = False
        return json.loads(json.dumps({**parameters, **extra}, ensure_ascii=False))


def unchanged_since(fingerprint: Fingerprint) -> str | None:
    """When ``<out>/<YEAR>/manifest.json`` is of a run without failures on the same inputs, framework
    file, package version and parameters: when that run finished (else None). Only a plain file is
    read (a link or a device put in its place is not the run's)."""
    p = fingerprint.params
    path = p.out_root / str(p.analysis.fiscal_year) / MANIFEST
    try:
        if not (path.parent.is_dir() and not path.parent.is_symlink() and stat.S_ISREG(path.lstat().st_mode)):
            return None
        m = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = (
        m.get("version") == __version__
        and m.get("inputs") == fingerprint.inputs
        and m.get("framework") == fingerprint.framework
        and m.get("parameters") == fingerprint.parameters(p.analysis.agency)
        and m.get("failed") == []
    )
    return m.get("finished", "?") if same else None


def write_errors(staging: Path, failures: list) -> None:
    """errors.csv of the year (agency, group, step, message; UTF-8 with BOM): the tasks that failed."""
    columns = ["agency", "group", "step", "message"]
    write_csv(pd.DataFrame([f.row() for f in failures], columns=columns), staging / ERRORS)


def write_manifests(
    staging: Path,
    fingerprint: Fingerprint,
    folders: dict[str, Path],
    *,
    started: dt.datetime,
    warnings: list[str],
    notebooks: str,
    failed: list[dict],
    summary: dict,
    groups: dict[tuple[str, str], Path] | None = None,
    cluster: str | None = None,
) -> None:
    """Each agency's manifest, each group's, then the year's (which lists run.log, errors.csv, the
    failures, the agencies' folders and the groups': "<kind>/<group>": "groups/<kind>/<group>" and,
    for a run on a Dask cluster, its scheduler's address)."""
    for agency, folder in folders.items():
        mine = [f for f in failed if f["agency"] == agency and f.get("group") is None]
        write_manifest(folder / MANIFEST, fingerprint, started, folder, agency=agency, notebooks=notebooks, failed=mine)
    listed = {}
    for (kind, group), folder in (groups or {}).items():
        label = f"{kind}/{group}"
        mine = [f for f in failed if f.get("group") == label]
        write_manifest(folder / MANIFEST, fingerprint, started, folder, kind=kind, group=group, failed=mine)
        listed[label] = folder.relative_to(staging).as_posix()
    extra = {"groups": listed} if groups is not None else {}
    agencies = {a: folder.name for a, folder in folders.items()}
    write_manifest(
        staging / MANIFEST,
        fingerprint,
        started,
        staging,
        agency=fingerprint.params.analysis.agency,
        agencies=agencies,
        warnings=warnings,
        notebooks=notebooks,
        failed=failed,
        summary=summary,
        **extra,
        **({"cluster": cluster} if cluster else {}),
    )


def write_manifest(path: Path, fingerprint: Fingerprint, started: dt.datetime, folder: Path, **extra) -> None:
    """manifest.json of ``folder``: inputs with SHA-256, framework, version, parameters, files."""
    files = sorted(
        str(p.relative_to(folder)).replace(os.sep, "/") for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST
    )
    manifest = {
        "tool": "ita-analysis",
        "version": __version__,
        "fiscal_year": fingerprint.params.analysis.fiscal_year,
        "framework": fingerprint.framework,
        "inputs": fingerprint.inputs,
        "parameters": fingerprint.parameters(extra.get("agency")),
        "started": started.isoformat(timespec="seconds"),
        "finished": utc_now(),
        "files": files,
        **extra,
    }
    if fingerprint.provisional:
        fy = fingerprint.framework["fiscal_year"]
        manifest["note"] = f"provisional framework for fiscal year {fy}: not from a published NACC manual"
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
