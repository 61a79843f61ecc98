"""The yearly batch run: execute the notebooks with papermill per agency and leave outputs/<YEAR>/.

Layout of a year's outputs::

    outputs/2563/
      summary.csv            every agency of the year (the columns of `ita-analysis score`)
      manifest.json          the run: inputs with SHA-256, framework, version, parameters, agencies
      run.log                what was run, one line per notebook
      kernels.log            what the notebook kernels printed to stderr
      <agency>/              the agency's name made safe for file systems (Thai letters kept)
        01_results.ipynb 02_comparison.ipynb 03_weaknesses.ipynb   executed notebooks
        results.csv comparison.csv weaknesses.csv                   tables (UTF-8 with BOM)
        chart_*.png chart_*.svg                                     charts
        measures.xlsx measures.pdf measures.docx                    the measures document
        manifest.json

The year is built in a staging folder and swapped in only when every notebook succeeded, so a
failed run leaves the previous good outputs in place (the failed attempt is kept in
``<YEAR>.failed/`` for inspection).

Runs with more agencies than ``notebook_limit`` execute the notebooks once for the whole year
(``agency=None``, in ``notebooks/`` of the year folder) and write each agency's tables and charts
by calling the same :class:`~ita_analysis.facade.Analysis` methods directly: one notebook
execution costs seconds, which a national run of 8,300 agencies cannot afford three times each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ita_analysis import __version__
from ita_analysis.errors import ItaError
from ita_analysis.frameworks import load_framework
from ita_analysis.thai.normalize import normalize_text

NOTEBOOKS = ("01_results.ipynb", "02_comparison.ipynb", "03_weaknesses.ipynb")
KERNEL_NAME = "ita-analysis"
KERNEL_DISPLAY = "Python (ita-analysis)"
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


class RunError(ItaError):
    """A notebook failed; the message shows the notebook, agency, cell and error."""


@dataclass
class RunParams:
    """What `ita-analysis run` was asked for. Paths are made absolute before notebooks see them."""

    fiscal_year: int
    data: list[Path]
    agency: str | None = None
    previous_year: int | None = None
    weakness_rule: str = "default"
    target: float | None = None
    targets: Path | None = None
    items: Path | None = None
    notes: Path | None = None
    recommendations: Path | None = None
    plan: Path | None = None
    digits: str = "thai"
    documents: bool = True
    out_root: Path = Path("outputs")
    notebooks_dir: Path | None = None
    notebook_limit: int = 50
    workers: int = 2
    extra: dict = field(default_factory=dict)

    def notebook_parameters(self, agency: str | None, output_dir: Path) -> dict:
        def p(x):
            return None if x is None else str(Path(x).resolve())

        return {
            "fiscal_year": int(self.fiscal_year),
            "agency": agency,
            "data": [p(d) for d in self.data],
            "previous_year": self.previous_year,
            "weakness_rule": self.weakness_rule,
            "target": self.target,
            "targets": p(self.targets),
            "items": p(self.items),
            "notes": p(self.notes),
            "recommendations": p(self.recommendations),
            "output_dir": str(output_dir.resolve()),
        }


def safe_folder_name(name: str, taken: set[str] | None = None) -> str:
    """A folder name for an agency: Thai letters kept; path separators, characters Windows forbids,
    leading/trailing dots and spaces, reserved device names and '..' made harmless; unique within
    ``taken`` (compared case-insensitively, as Windows does)."""
    s = normalize_text(name)
    s = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f]', "_", s)
    s = s.strip(" .") or "agency"
    if s.split(".")[0].upper() in _WINDOWS_RESERVED:
        s = "_" + s
    s = s[:80].rstrip(" .")
    if taken is not None:
        base, k = s, 2
        while s.casefold() in taken:
            s = f"{base}_{k}"
            k += 1
        taken.add(s.casefold())
    return s


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def default_notebooks_dir() -> Path:
    """notebooks/ of the project (beside the package in a source checkout), else ./notebooks."""
    here = Path(__file__).resolve().parents[2] / "notebooks"
    return here if here.is_dir() else Path.cwd() / "notebooks"


def ensure_kernel() -> str:
    """The project's Jupyter kernel, installed into this environment (sys.prefix) if missing."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        from ipykernel.kernelspec import install

        install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY, prefix=sys.prefix)
    return KERNEL_NAME


@contextmanager
def _stderr_to(path: Path):
    """Send this process's stderr (file descriptor 2, which kernels inherit) to a log file."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _execute(task: tuple[str, str | None, str, str, dict, str, str]) -> tuple[str, str | None, float]:
    """Worker: run one notebook with papermill. Returns (notebook, agency, seconds)."""
    import time

    import papermill as pm

    notebook, agency, src, dst, parameters, cwd, log = task
    _readable_thai_parameters()
    t0 = time.perf_counter()
    try:
        with _stderr_to(Path(log)):
            pm.execute_notebook(
                src, dst, parameters=parameters, kernel_name=KERNEL_NAME, progress_bar=False, cwd=cwd, log_output=False
            )
    except pm.PapermillExecutionError as exc:
        raise RunError(_describe_failure(notebook, agency, dst, exc)) from None
    return notebook, agency, time.perf_counter() - t0


def _readable_thai_parameters() -> None:
    """Write injected string parameters with repr() so Thai stays Thai ("สำนักงาน ก.พ.", not "\\u0e2a...")."""
    from papermill.translators import PythonTranslator, papermill_translators

    class _Translator(PythonTranslator):
        @classmethod
        def translate_str(cls, val):
            return repr(val)

    papermill_translators.register("python", _Translator)


def _describe_failure(notebook: str, agency: str | None, dst: str, exc) -> str:
    source = ""
    try:
        import nbformat

        nb = nbformat.read(dst, as_version=4)
        # papermill puts an error banner first in the executed copy: find the cell by its count
        hits = [c for c in nb.cells if c.cell_type == "code" and c.get("execution_count") == exc.exec_count]
        source = (hits[0] if hits else nb.cells[exc.cell_index]).source
    except Exception:  # the executed copy may be unreadable; the error itself is still shown
        pass
    lines = [
        f"notebook {notebook} failed for agency {agency if agency is not None else '(all)'}",
        f"cell {exc.exec_count if exc.exec_count is not None else exc.cell_index}:",
        *("    " + ln for ln in source.splitlines()[:12]),
        f"{exc.ename}: {exc.evalue}",
    ]
    return "\n".join(lines)


def _agency_task(task: tuple[dict, str, str, str | None, str, bool, bool]) -> tuple[str, str]:
    """Worker: one agency's outputs made by the package directly (the code the notebooks call).

    ``tables``: results/comparison/weaknesses CSV and charts (large runs, where no notebook runs
    per agency); ``documents``: measures.xlsx, .pdf and .docx, their charts in the documents' digits.
    """
    params, agency, folder, plan, digits, tables, documents = task
    analysis = _analysis_for(params, agency, Path(folder), plan)
    done = []
    if tables:
        for output in (analysis.results(), analysis.comparison(), analysis.weaknesses()):
            analysis.save(output)
            for fig in output.figures.values():
                fig.clear()
        done.append("tables and charts")
    if documents:
        _write_documents(analysis, Path(folder), digits)
        done.append("measures.xlsx, .pdf, .docx")
    return " and ".join(done), agency


def _write_documents(analysis, folder: Path, digits: str) -> None:
    import dataclasses
    import tempfile

    from ita_analysis.report import charts
    from ita_analysis.report.document import build_document
    from ita_analysis.report.pdf import write_pdf
    from ita_analysis.report.word import write_docx
    from ita_analysis.report.workbook import write_workbook

    # the documents' charts speak the documents' digits; the tables are shared with the analysis
    shown = analysis if analysis.digits == digits else dataclasses.replace(analysis, digits=digits, output_dir=None)
    with tempfile.TemporaryDirectory() as tmp:
        figures = {**shown.results().figures, **shown.comparison().figures}
        paths = {name: charts.save_figure(fig, Path(tmp) / name)[0] for name, fig in figures.items()}
        doc = build_document(shown, charts=paths, digits=digits)
        write_workbook(doc, folder / "measures.xlsx")
        write_pdf(doc, folder / "measures.pdf")
        write_docx(doc, folder / "measures.docx")


_BASE: dict = {}


def _analysis_for(params: dict, agency: str, folder: Path, plan: str | None = None):
    """The agency's Analysis in a worker process: data and side files are read once per worker."""
    import dataclasses

    from ita_analysis.facade import Analysis

    shared = {k: v for k, v in params.items() if k not in ("agency", "output_dir")}
    key = (json.dumps(shared, sort_keys=True, default=str), plan)
    if key not in _BASE:
        _BASE.clear()
        # agency fills in report-style tables, which hold that one agency only
        _BASE[key] = Analysis.from_params(**shared, agency=agency, plan=plan)
    return dataclasses.replace(_BASE[key], agency=agency, output_dir=folder, written=[])


def run_year(params: RunParams, progress: Callable[[int, int], None] | None = None, log=print) -> Path:
    """Run one fiscal year; returns the year's output folder. Raises RunError or InputError."""
    from ita_analysis.compute.scoring import score
    from ita_analysis.files import write_csv
    from ita_analysis.ingest.scores import load

    fy = int(params.fiscal_year)
    fw = load_framework(fy)
    loaded = load(params.data, agency=params.agency, fiscal_year=fy, select=False)
    year_scores = loaded.scores[loaded.scores["fiscal_year"] == fy]
    if params.agency is not None:
        if not (year_scores["agency"] == params.agency).any():
            from ita_analysis.errors import InputError, Problem

            raise InputError(
                [Problem("--agency", None, None, params.agency, f"an agency with scores in fiscal year {fy}")]
            )
        agencies = [params.agency]
    else:
        agencies = list(pd.unique(year_scores["agency"]))
    if not agencies:
        from ita_analysis.errors import InputError, Problem

        raise InputError(
            [Problem(", ".join(map(str, params.data)), None, None, str(fy), "scores for this fiscal year")]
        )

    params.out_root.mkdir(parents=True, exist_ok=True)
    final = params.out_root / str(fy)
    staging = params.out_root / f".{fy}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    started = dt.datetime.now(dt.UTC)
    log_lines: list[str] = []

    def note(msg: str) -> None:
        log_lines.append(f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} {msg}")

    try:
        from ita_analysis.compute.scoring import compare_published

        summary = score(year_scores)
        warnings = [str(w) for w in loaded.warnings + compare_published(summary, loaded.published)]
        for w in warnings:
            note(f"WARNING {w}")
        write_csv(summary, staging / "summary.csv")
        taken: set[str] = set()
        folders = {a: staging / safe_folder_name(a, taken) for a in agencies}
        for folder in folders.values():
            folder.mkdir()
        nb_dir = (params.notebooks_dir or default_notebooks_dir()).resolve()
        per_agency = len(agencies) <= params.notebook_limit
        kernel_log = str((staging / "kernels.log").resolve())
        tasks = []
        if per_agency:
            kernel = ensure_kernel()
            note(f"kernel {kernel}; notebooks per agency from {nb_dir}")
            for a, folder in folders.items():
                for nb in NOTEBOOKS:
                    tasks.append(
                        (
                            nb,
                            a,
                            str(nb_dir / nb),
                            str(folder / nb),
                            params.notebook_parameters(a, folder),
                            str(nb_dir),
                            kernel_log,
                        )
                    )
        else:
            ensure_kernel()
            overview = staging / "notebooks"
            overview.mkdir()
            note(f"{len(agencies)} agencies > notebook limit {params.notebook_limit}: notebooks run once for the year")
            for nb in NOTEBOOKS:
                tasks.append(
                    (
                        nb,
                        None,
                        str(nb_dir / nb),
                        str(overview / nb),
                        params.notebook_parameters(None, overview),
                        str(nb_dir),
                        kernel_log,
                    )
                )
        plan = str(Path(params.plan).resolve()) if params.plan else None
        agency_tasks = [
            (
                params.notebook_parameters(a, folder),
                a,
                str(folder),
                plan,
                params.digits,
                not per_agency,
                params.documents,
            )
            for a, folder in folders.items()
            if params.documents or not per_agency
        ]
        total = len(tasks) + len(agency_tasks)
        done = 0
        with ProcessPoolExecutor(max_workers=max(1, params.workers)) as pool:
            futures = [pool.submit(_execute, t) for t in tasks] + [pool.submit(_agency_task, t) for t in agency_tasks]
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for f in finished:
                    exc = f.exception()
                    if exc is not None:
                        for p in pending:
                            p.cancel()
                        raise exc
                    r = f.result()
                    what, who = r[0], r[1] if r[1] is not None else "(all)"
                    note(f"ran {what} for {who} in {r[2]:.1f} s" if len(r) == 3 else f"wrote {what} for {who}")
                    done += 1
                    if progress:
                        progress(done, total)
        for a, folder in folders.items():
            _write_manifest(folder / "manifest.json", params, fw, loaded, started, folder, agency=a,
                            notebooks="per agency" if per_agency else "year overview (notebooks/)")  # fmt: skip
        note("done")
        (staging / "run.log").write_text("\n".join(log_lines) + "\n", encoding="utf-8")
        _write_manifest(staging / "manifest.json", params, fw, loaded, started, staging, agency=params.agency,
                        agencies={a: folders[a].name for a in agencies}, warnings=warnings,
                        notebooks="per agency" if per_agency else "year overview (notebooks/)")  # fmt: skip
    except BaseException as exc:
        failed = params.out_root / f"{fy}.failed"
        shutil.rmtree(failed, ignore_errors=True)
        note(f"FAILED: {exc}")
        try:
            (staging / "run.log").write_text("\n".join(log_lines) + "\n", encoding="utf-8")
            staging.rename(failed)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, RunError):
            raise RunError(f"{exc}\nThe previous outputs of {fy} are untouched; this attempt is in {failed}") from None
        raise
    _swap(staging, final)
    shutil.rmtree(params.out_root / f"{fy}.failed", ignore_errors=True)
    return final


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with two renames (the old one removed afterwards)."""
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _write_manifest(path: Path, params: RunParams, fw, loaded, started, folder: Path, **extra) -> None:
    inputs = [Path(p) for p in params.data] + [
        Path(p) for p in (params.targets, params.items, params.notes, params.recommendations, params.plan) if p
    ]
    files = sorted(
        str(p.relative_to(folder)).replace(os.sep, "/")
        for p in folder.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    manifest = {
        "tool": "ita-analysis",
        "version": __version__,
        "fiscal_year": int(params.fiscal_year),
        "framework": {"fiscal_year": fw.fiscal_year, "status": fw.status, "file": Path(fw.path).name,
                      "sha256": sha256_file(Path(fw.path))},
        "inputs": [{"path": str(p), "sha256": sha256_file(p)} for p in inputs],
        "parameters": {**{k: v for k, v in params.notebook_parameters(extra.get("agency"), folder).items()
                          if k not in ("output_dir",)},
                       "plan": str(Path(params.plan).resolve()) if params.plan else None, "digits": params.digits},
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": files,
        **extra,
    }  # fmt: skip
    if fw.provisional:
        manifest["note"] = f"provisional framework for fiscal year {fw.fiscal_year}: not from a published NACC manual"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def years_in(data: list[Path]) -> list[int]:
    """Fiscal years with scores in the data (for ``--fy all``)."""
    from ita_analysis.ingest.scores import load

    return sorted(int(y) for y in load(data).scores["fiscal_year"].dropna().unique())
