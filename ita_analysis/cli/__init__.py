"""The ``ita-analysis`` command. Exit codes: 0 ok, 1 bad input (a message, no traceback), 2 usage."""

from __future__ import annotations

import dataclasses
import inspect
import json
import sys
import typing
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ita_analysis.errors import InputError, ItaError, Problem
from ita_analysis.parameters import AnalysisParameters

app = typer.Typer(
    help="ITA (Integrity and Transparency Assessment) scores into analysis, charts and documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Inputs = Annotated[list[Path], typer.Argument(help="Score tables: CSV, TSV or XLSX, in any supported shape.")]
FyOpt = Annotated[
    str | None,
    typer.Option("--fy", help="Fiscal year (BE, e.g. 2563) of a report-style table; selects rows otherwise."),
]


def parameter_option(name: str):
    """The option of an analysis parameter, as its field's metadata gives it (name, type, help)."""
    meta = next(f.metadata for f in dataclasses.fields(AnalysisParameters) if f.name == name)
    takes = meta["cli"]
    return Annotated[takes, typer.Option(meta["option"], help=meta["help"])]


AgencyOpt = parameter_option("agency")
SheetOpt = parameter_option("sheet")
DataOpt = parameter_option("data")


def _show_problems(problems: list[Problem], title: str, style: str) -> None:
    err.print(f"[{style}]{title}[/{style}]")
    for p in problems:
        err.print(f"  - {p}", markup=False, highlight=False)


@app.command()
def score(
    inputs: Inputs,
    agency: AgencyOpt = None,
    fy: FyOpt = None,
    sheet: SheetOpt = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Write the table to FILE.csv (UTF-8 with BOM) or FILE.xlsx.")
    ] = None,
) -> None:
    """Tool scores, weighted total and grade per agency and fiscal year."""
    if out_path is not None:
        _check_table_path(out_path)
    _, summary = _load_scored(inputs, agency, fy, sheet)
    provisional = sorted(summary.loc[summary["framework_status"] == "provisional", "fiscal_year"].unique())
    if provisional:
        err.print(
            "[yellow]Provisional framework for fiscal year(s) "
            + ", ".join(str(y) for y in provisional)
            + ": grades follow the rules as reported, not a published NACC manual.[/yellow]"
        )
    if out_path is None:
        _print_summary(summary)
        return
    _write_table(summary, out_path)
    err.print(f"Wrote {len(summary)} agency-year row(s) to {out_path}")


def _load_scored(inputs, agency, fy, sheet):
    """Load and score the inputs; show the warnings (skipped rows, printed figures that differ)."""
    from ita_analysis.compute.scoring import compare_published, score
    from ita_analysis.ingest.scores import load

    loaded = load(inputs, agency=agency, fiscal_year=fy, sheet=sheet)
    summary = score(loaded.scores)
    warnings = loaded.warnings + compare_published(summary, loaded.published)
    if warnings:
        _show_problems(warnings, f"{len(warnings)} warning(s) (figures are never changed to match):", "yellow")
    return loaded, summary


def _check_table_path(path: Path) -> None:
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise typer.BadParameter("--out must end in .csv or .xlsx", param_hint="--out")


def _write_table(df, path: Path, sheet: str = "scores") -> None:
    """CSV (UTF-8 with BOM) or XLSX by the file's suffix, written atomically."""
    if path.suffix.lower() == ".csv":
        from ita_analysis.files import write_csv

        write_csv(df, path)
    else:
        from ita_analysis.report.excel import write_table_xlsx

        write_table_xlsx(df, path, sheet=sheet)


def _print_summary(summary) -> None:
    """agency, fiscal_year, the tool means of the frameworks in the summary, total and grade."""
    from ita_analysis.frameworks import known_tool_codes, tool_column

    tools = [c for c in map(tool_column, known_tool_codes()) if c in summary.columns]
    table = Table(show_lines=False)
    for name in ("agency", "fiscal_year", *tools, "total", "grade"):
        table.add_column(name, justify="left" if name in ("agency", "grade") else "right")
    for r in summary.to_dict("records"):
        figures = [f"{r[c]:.2f}" if r[c] == r[c] else "" for c in (*tools, "total")]
        table.add_row(str(r["agency"]), str(r["fiscal_year"]), *figures, str(r["grade"]))
    out.print(table)


ProcessedOpt = Annotated[
    Path | None,
    typer.Option("--processed", help="Write the tidy, validated tables (scores.csv, published.csv) into DIR."),
]


@app.command()
def validate(
    inputs: Inputs, agency: AgencyOpt = None, fy: FyOpt = None, sheet: SheetOpt = None, processed: ProcessedOpt = None
) -> None:
    """Check score tables and list every problem; exit 0 when they are clean (--processed DIR: and
    write their tidy tables there, e.g. data/processed)."""
    from ita_analysis.ingest.processed import write_processed

    loaded, _ = _load_scored(inputs, agency, fy, sheet)
    n_groups = len(loaded.scores.groupby(["agency", "fiscal_year"]))
    out.print(f"OK: {len(loaded.scores)} scores, {n_groups} agency-year(s) in {len(inputs)} file(s).")
    if processed is not None:
        for path in write_processed(loaded, processed):
            err.print(f"Wrote {path}", markup=False, highlight=False)


OutRootOpt = Annotated[Path, typer.Option("--out", help="Output root: the run writes <out>/<YEAR>/.")]
DigitsOpt = Annotated[str, typer.Option("--digits", help="Digits in the PDF and Word documents: thai or arabic.")]
DocumentsOpt = Annotated[bool, typer.Option("--documents/--no-documents", help="Write measures.xlsx/.pdf/.docx.")]
NotebookLimitOpt = Annotated[
    int, typer.Option("--notebook-limit", help="Up to this many agencies, notebooks run per agency.")
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", help="Processes side by side (default: the machine's cores).", min=1)
]
SvgOpt = Annotated[
    bool | None,
    typer.Option("--svg/--no-svg", help="Charts also as SVG (default: in notebook mode only, not in large runs)."),
]
ChartsOpt = Annotated[
    str | None,
    typer.Option("--charts", help="all, or documents (only the charts the documents show); default: all in "
                 "notebook mode, documents in large runs."),
]  # fmt: skip
ForceOpt = Annotated[bool, typer.Option("--force", help="Redo years whose outputs are up to date.")]
# The run's own options (after the analysis parameters' options): name, type and option, default
RUN_OPTIONS = [
    ("out_root", OutRootOpt, Path("outputs")),
    ("digits", DigitsOpt, "thai"),
    ("documents", DocumentsOpt, True),
    ("notebook_limit", NotebookLimitOpt, 50),
    ("workers", WorkersOpt, None),
    ("svg", SvgOpt, None),
    ("charts", ChartsOpt, None),
    ("force", ForceOpt, False),
]


def _run_signature() -> inspect.Signature:
    """``run``'s options: one per field of AnalysisParameters that names an option (its name, type and
    help from the field's metadata), then the run's own (:data:`RUN_OPTIONS`)."""
    kw = inspect.Parameter.KEYWORD_ONLY
    options = []
    for f in dataclasses.fields(AnalysisParameters):
        if f.metadata["option"] is not None:
            optional = type(None) in typing.get_args(f.metadata["cli"])
            default = None if optional else (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
            options.append(inspect.Parameter(f.name, kw, default=default, annotation=parameter_option(f.name)))
    own = [inspect.Parameter(name, kw, default=default, annotation=kind) for name, kind, default in RUN_OPTIONS]
    return inspect.Signature([*options, *own])


def run(**options) -> None:
    """Execute the notebooks with papermill for a fiscal year and write <out>/<YEAR>/.

    A year whose outputs are of the same inputs, framework, version and parameters is skipped
    (--force redoes it). A failing agency fails alone: it is listed in errors.csv, and the run
    exits 1 after the other agencies and years are done.
    """
    from ita_analysis.batch.params import RunParams, default_workers, read_charts
    from ita_analysis.compute.weakness import read_rule
    from ita_analysis.thai.numbers import read_digits

    own = {name: options.pop(name) for name, _, _ in RUN_OPTIONS}
    force, workers = own.pop("force"), own.pop("workers")
    checks = [
        ("--weakness-rule", read_rule, options["weakness_rule"]),
        ("--digits", read_digits, own["digits"]),
        ("--charts", read_charts, own["charts"]),
    ]
    for option, read, value in checks:
        try:
            read(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=option) from None
    data = options.pop("data") or _default_data()
    years = _years_to_run(options.pop("fiscal_year"), data, options["sheet"])
    options["target"] = _check_target(options["target"], years)
    analysis = AnalysisParameters(fiscal_year=years[0], data=data, **options)
    _run_years(RunParams(analysis, workers=workers or default_workers(), **own), years, force)


run.__signature__ = _run_signature()
run.__annotations__ = {p.name: p.annotation for p in run.__signature__.parameters.values()}
app.command()(run)


def _check_target(target: str | None, years: list[int]) -> float | str | None:
    """--target before anything runs: a score from 0 to 100, or a level of each plan year's framework."""
    from ita_analysis.compute.target_gap import TargetError, read_target

    value = None
    for year in years:
        try:
            value = read_target(target, year)
        except TargetError as exc:
            raise typer.BadParameter(f"{exc} (the target is for FY{year + 1})", param_hint="--target") from None
    return value


def _years_to_run(fy: str, data: list[Path], sheet: str | None = None) -> list[int]:
    """The fiscal years of --fy: the one given, or every year in the data (its --sheet) for 'all'."""
    from ita_analysis.batch.run import years_in
    from ita_analysis.ingest.scores import caller_year

    if fy.strip().lower() == "all":
        return years_in(data, sheet)
    return [caller_year(fy)]


def _run_years(params, years: list[int], force: bool = False) -> None:
    """Run each year with ``params`` (its fiscal year replaced), skipping those up to date, with a
    progress bar on a terminal (plain lines otherwise); exit 1 when an agency failed, 130 or 143
    when SIGINT (Ctrl-C) or SIGTERM stopped the run (its workers and their kernels with it)."""
    from functools import partial

    from ita_analysis.batch.interrupts import exit_on_signals
    from ita_analysis.batch.progress import RunDisplay
    from ita_analysis.batch.run import run_year

    failures: list[str] = []
    say = partial(err.print, style="red", markup=False, highlight=False)  # the line saying what was stopped
    with exit_on_signals(say), RunDisplay(err, len(years)) as display:
        for year in years:
            year_params = params.for_year(year)
            fingerprint, finished = (None, None) if force else _unchanged(year_params)
            if finished:
                display.print(f"FY{year}: unchanged since {finished}, skipped; --force to redo")
            else:
                folder = run_year(year_params, progress=display.year(year), fingerprint=fingerprint)
                failures += _report_year(year, folder, display)
            display.year_done()
    if failures:
        err.print(f"{len(failures)} failure(s), the other agencies' outputs are written:", style="red")
        for line in failures:
            err.print(f"  {line}", markup=False, highlight=False)
        raise typer.Exit(1)


def _unchanged(params):
    """(the inputs hashed, when the previous run finished) where the year has outputs of the same
    inputs, framework, version and parameters; the hashes are reused by the run."""
    from ita_analysis.batch.staging import Fingerprint, unchanged_since

    if not (params.out_root / str(params.analysis.fiscal_year) / "manifest.json").is_file():
        return None, None
    try:
        fingerprint = Fingerprint.of(params)
    except OSError:  # an input that cannot be read: the run says what is wrong with it
        return None, None
    return fingerprint, unchanged_since(fingerprint)


def _report_year(year: int, folder: Path, display) -> list[str]:
    """Print a year's warnings and summary; returns its failures, one line each."""
    from ita_analysis.batch.tasks import summary_line, who

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    warned = manifest.get("warnings", [])
    if warned:
        display.print(f"FY{year}: {len(warned)} warning(s), listed in {folder / 'run.log'}", style="yellow")
    display.print(f"FY{year}: {summary_line(manifest['summary'])}")
    failed = manifest.get("failed", [])
    if failed:
        display.print(f"FY{year}: failures in {folder / 'errors.csv'}", style="red")
    display.print(f"FY{year}: outputs in {folder}")
    return [f"FY{year}: agency {who(f['agency'])} {f['step']}: {f['brief']}" for f in failed]


def _default_data() -> list[Path]:
    found = sorted(Path("data/raw").glob("*scores*.csv")) + sorted(Path("data/raw").glob("*scores*.xlsx"))
    if not found:
        raise typer.BadParameter("no --data given and no data/raw/*scores*.csv|xlsx found", param_hint="--data")
    return found


@app.command()
def frameworks() -> None:
    """List the fiscal years that have a framework, with their status and grading."""
    from ita_analysis.frameworks import available_years, load_framework

    table = Table()
    for name in ("fiscal_year", "status", "grading", "pass_mark", "weights", "file"):
        table.add_column(name)
    for y in available_years():
        fw = load_framework(y)
        weights = " / ".join(f"{t.code} {t.weight:.2f}" for t in fw.tools)
        table.add_row(str(y), fw.status, fw.grading_kind, f"{fw.pass_mark:.2f}", weights, Path(fw.path).name)
    out.print(table)


from ita_analysis.cli import plan as plan  # noqa: E402,F401  (registers init-plan)
from ita_analysis.cli import planning  # noqa: E402,F401  (registers whatif and target-gap)
from ita_analysis.cli import synth as synth  # noqa: E402,F401  (registers synth)


def main() -> None:
    """Console entry point: bad input becomes a message and exit code 1, never a traceback.

    Usage errors are click's own (exit code 2).
    """
    try:
        app()
    except InputError as exc:
        kept = exc.attempt_kept  # where `run` kept its failed attempt (batch.staging)
        _show_problems(
            exc.problems, f"{len(exc.problems)} problem(s) found{'' if kept else '; nothing was written'}:", "red"
        )
        _say_kept(exc)
        sys.exit(1)
    except (ItaError, OSError) as exc:
        err.print(f"[red]Error:[/red] {exc}", markup=True, highlight=False)
        _say_kept(exc)
        sys.exit(1)


def _say_kept(exc: BaseException) -> None:
    """Where `run` kept the attempt that failed, and that the previous outputs are untouched."""
    if isinstance(exc, ItaError) and exc.attempt_kept:
        err.print(exc.attempt_kept, markup=False, highlight=False)


if __name__ == "__main__":
    main()
