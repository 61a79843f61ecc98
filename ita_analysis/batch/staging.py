"""Where a year's run is built and how it is published: the staging folder swapped in on success,
``<YEAR>.failed/`` kept on failure, the run log and the manifests."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ita_analysis import __version__
from ita_analysis.batch.notebooks import RunError
from ita_analysis.batch.params import RunParams
from ita_analysis.files import safe_folder_name, sha256_file
from ita_analysis.frameworks import load_framework


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class RunLog:
    """run.log: what was run, one line per step, each with its UTC time."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def note(self, message: str) -> None:
        self.lines.append(f"{_now()} {message}")

    def write(self, folder: Path) -> None:
        (folder / "run.log").write_text("\n".join(self.lines) + "\n", encoding="utf-8")


@contextmanager
def staged_year(out_root: Path, fiscal_year: int, log: RunLog) -> Iterator[Path]:
    """A fresh staging folder for the year; swapped in as ``<out_root>/<YEAR>`` when the block
    succeeds. When it fails, the staging folder (with run.log) becomes ``<YEAR>.failed`` and the
    previous outputs stay in place."""
    out_root.mkdir(parents=True, exist_ok=True)
    staging = out_root / f".{fiscal_year}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    failed = out_root / f"{fiscal_year}.failed"
    try:
        yield staging
    except BaseException as exc:
        shutil.rmtree(failed, ignore_errors=True)
        log.note(f"FAILED: {exc}")
        try:
            log.write(staging)
            staging.rename(failed)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, RunError):
            raise RunError(
                f"{exc}\nThe previous outputs of {fiscal_year} are untouched; this attempt is in {failed}"
            ) from None
        raise
    _swap(staging, out_root / str(fiscal_year))
    shutil.rmtree(failed, ignore_errors=True)


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


def write_manifests(
    staging: Path, params: RunParams, folders: dict[str, Path], *, started: dt.datetime, warnings: list[str],
    notebooks: str, log: RunLog,
) -> None:  # fmt: skip
    """Each agency's manifest, then run.log, then the year's manifest (which lists run.log)."""
    for agency, folder in folders.items():
        write_manifest(folder / "manifest.json", params, started, folder, agency=agency, notebooks=notebooks)
    log.note("done")
    log.write(staging)
    agencies = {a: folder.name for a, folder in folders.items()}
    write_manifest(staging / "manifest.json", params, started, staging, agency=params.agency, agencies=agencies,
                   warnings=warnings, notebooks=notebooks)  # fmt: skip


def write_manifest(path: Path, params: RunParams, started: dt.datetime, folder: Path, **extra) -> None:
    """manifest.json of ``folder``: inputs with SHA-256, framework, version, parameters, files."""
    fw = load_framework(params.fiscal_year)
    files = sorted(
        str(p.relative_to(folder)).replace(os.sep, "/")
        for p in folder.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    parameters = params.notebook_parameters(extra.get("agency"), None)
    del parameters["output_dir"]
    manifest = {
        "tool": "ita-analysis",
        "version": __version__,
        "fiscal_year": int(params.fiscal_year),
        "framework": {"fiscal_year": fw.fiscal_year, "status": fw.status, "file": Path(fw.path).name,
                      "sha256": sha256_file(fw.path)},
        "inputs": [{"path": str(p), "sha256": sha256_file(p)} for p in params.input_files()],
        "parameters": {**parameters, "digits": params.digits},
        "started": started.isoformat(timespec="seconds"),
        "finished": _now(),
        "files": files,
        **extra,
    }  # fmt: skip
    if fw.provisional:
        manifest["note"] = f"provisional framework for fiscal year {fw.fiscal_year}: not from a published NACC manual"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
