"""Where a year's run is built and how it is published: the staging folder swapped in on success,
``<YEAR>.failed/`` kept on failure, removed when the run is stopped by a signal; the year's lock
held meanwhile (:mod:`ita_analysis.batch.lock`); the run log and the manifests."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ita_analysis import __version__
from ita_analysis.batch.interrupts import Interrupted, signals_held, stop_on_signals
from ita_analysis.batch.lock import clear_leftovers, year_lock
from ita_analysis.batch.notebooks import RunError
from ita_analysis.batch.params import RunParams
from ita_analysis.errors import ItaError
from ita_analysis.filenames import portable
from ita_analysis.files import safe_folder_name, sha256_file, write_csv
from ita_analysis.frameworks import load_framework


def utc_now() -> str:
    """Now in UTC, ISO 8601 to the second: the time stamp of run.log and manifest.json."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class RunLog:
    """run.log: what was run, one line per step, each with its UTC time. Once :meth:`open` names
    the file, every line is appended and flushed as it is noted (the lines before it first)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._path: Path | None = None
        self._file = None

    def open(self, path: Path) -> None:
        self._path = path
        for line in self.lines:
            self._write(line)

    def note(self, message: str, at: str | None = None) -> None:
        """A line stamped ``at`` (when the step happened, e.g. in a worker) or now. A message of
        several lines (an error with its notebook cell) becomes as many lines, each stamped and the
        later ones indented, so that every line of run.log starts with its time."""
        stamp = at or utc_now()
        first, *more = str(message).splitlines() or [""]
        for line in [f"{stamp} {first}", *(f"{stamp}   {m}" for m in more)]:
            self.lines.append(line)
            if self._path is not None:
                self._write(line)

    def _write(self, line: str) -> None:
        if self._file is None:  # the file appears with its first line
            self._file = open(self._path, "a", encoding="utf-8")
        self._file.write(line + "\n")
        self._file.flush()

    def close(self) -> None:
        """Close the file (before its folder is renamed); a later note opens it again."""
        if self._file is not None:
            self._file.close()
            self._file = None


@contextmanager
def staged_year(out_root: Path, fiscal_year: int, log: RunLog) -> Iterator[Path]:
    """A fresh staging folder for the year; swapped in as ``<out_root>/<YEAR>`` when the block
    succeeds. When it fails, the staging folder (with run.log) becomes ``<YEAR>.failed`` and the
    previous outputs stay in place; the error says so (RunError in its message, others in their
    ``attempt_kept``).
    Stopped by SIGINT or SIGTERM (:class:`~ita_analysis.batch.interrupts.Interrupted`), the
    unfinished attempt is removed. Meanwhile the year's lock is held (another run into the year is
    refused) and the leftovers of runs that died are cleared first."""
    out_root.mkdir(parents=True, exist_ok=True)
    tell = _teller(log)
    with stop_on_signals(), year_lock(out_root, fiscal_year, tell):
        clear_leftovers(out_root, fiscal_year, tell)
        staging = out_root / f".{fiscal_year}.staging-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        log.open(staging / "run.log")
        final, failed = out_root / str(fiscal_year), out_root / f"{fiscal_year}.failed"
        try:
            yield staging
        except Interrupted as exc:
            log.close()
            shutil.rmtree(staging, ignore_errors=True)
            exc.year, exc.final, exc.removed = fiscal_year, final if final.exists() else None, staging
            raise
        except BaseException as exc:
            _keep_failed(exc, staging, final, failed, log)
            raise
        log.close()
        try:
            with signals_held():  # not between the two renames: the year folder would be missing
                _swap(staging, final)
                shutil.rmtree(failed, ignore_errors=True)
        except Interrupted as exc:
            exc.year, exc.final, exc.published = fiscal_year, final, True
            raise


def _teller(log: RunLog) -> Callable[[str], None]:
    """Note a message in run.log and print it on stderr (rich shows it above the progress bar): what
    the run cleared away of runs that died is for the user to see, not only in the log."""

    def tell(message: str) -> None:
        log.note(message)
        print(message, file=sys.stderr, flush=True)

    return tell


def _keep_failed(exc: BaseException, staging: Path, final: Path, failed: Path, log: RunLog) -> None:
    """Keep the failed attempt as ``<YEAR>.failed`` (replacing an older one) and say where: a
    RunError or an OSError is raised as a RunError with it in its message, other errors of the
    package carry it in their ``attempt_kept`` field."""
    shutil.rmtree(failed, ignore_errors=True)
    log.note(f"FAILED: {str(exc) or type(exc).__name__}")
    log.close()
    try:
        staging.rename(failed)
        where = f"this attempt is in {failed}"
    except OSError as move:
        shutil.rmtree(staging, ignore_errors=True)
        where = f"this attempt could not be kept ({move}) and was removed"
    previous = f"The previous outputs in {final} are untouched" if final.exists() else "There were no earlier outputs"
    if isinstance(exc, RunError):
        raise RunError(f"{exc}\n{previous}; {where}") from None
    if isinstance(exc, OSError):
        raise RunError(f"{exc}\n{previous}; {where}") from exc
    if isinstance(exc, ItaError):
        exc.attempt_kept = f"{previous}; {where}"  # for the command's message; the error itself is unchanged


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with two renames (the old one removed afterwards)."""
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def agency_folders(staging: Path, agencies: list[str]) -> dict[str, Path]:
    """One new folder per agency, named by :func:`~ita_analysis.files.safe_folder_name`."""
    taken: set[str] = set()
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
        return json.loads(json.dumps({**parameters, **extra}, ensure_ascii=False))


def unchanged_since(fingerprint: Fingerprint) -> str | None:
    """When ``<out>/<YEAR>/manifest.json`` is of a run without failures on the same inputs, framework
    file, package version and parameters: when that run finished (else None)."""
    p = fingerprint.params
    try:
        m = json.loads((p.out_root / str(p.analysis.fiscal_year) / "manifest.json").read_text(encoding="utf-8"))
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
    """errors.csv of the year (agency, step, message; UTF-8 with BOM): the tasks that failed."""
    write_csv(pd.DataFrame([f.row() for f in failures], columns=["agency", "step", "message"]), staging / "errors.csv")


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
) -> None:
    """Each agency's manifest, then the year's (which lists run.log, errors.csv and the failures)."""
    for agency, folder in folders.items():
        mine = [f for f in failed if f["agency"] == agency]
        write_manifest(
            folder / "manifest.json", fingerprint, started, folder, agency=agency, notebooks=notebooks, failed=mine
        )
    agencies = {a: folder.name for a, folder in folders.items()}
    write_manifest(
        staging / "manifest.json",
        fingerprint,
        started,
        staging,
        agency=fingerprint.params.analysis.agency,
        agencies=agencies,
        warnings=warnings,
        notebooks=notebooks,
        failed=failed,
        summary=summary,
    )


def write_manifest(path: Path, fingerprint: Fingerprint, started: dt.datetime, folder: Path, **extra) -> None:
    """manifest.json of ``folder``: inputs with SHA-256, framework, version, parameters, files."""
    files = sorted(
        str(p.relative_to(folder)).replace(os.sep, "/")
        for p in folder.rglob("*")
        if p.is_file() and p.name != "manifest.json"
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
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
