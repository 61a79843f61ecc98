"""``run``: the yearly run, its options made from the analysis parameters and the run's own."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from pathlib import Path
from typing import Annotated

import typer

from ita_analysis.cli.common import check_files, default_data, err, parameter_option
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.parameters import AnalysisParameters

OutRootOpt = Annotated[Path, typer.Option("--out", help=N_("Output root: the run writes <out>/<YEAR>/."))]
DigitsOpt = Annotated[str, typer.Option("--digits", help=N_("Digits in the PDF and Word documents: thai or arabic."))]
DocumentsOpt = Annotated[bool, typer.Option("--documents/--no-documents", help=N_("Write measures.xlsx/.pdf/.docx."))]
NotebookLimitOpt = Annotated[
    int, typer.Option("--notebook-limit", help=N_("Up to this many agencies, notebooks run per agency."))
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", help=N_("Processes side by side (default and most: the cores available)."), min=1),
]
SvgOpt = Annotated[
    bool | None,
    typer.Option("--svg/--no-svg", help=N_("Charts also as SVG (default: in notebook mode only, not in large runs).")),
]
ChartsOpt = Annotated[
    str | None,
    typer.Option(
        "--charts",
        help=N_(
            "all, or documents (only the charts the documents show); default: all in "
            "notebook mode, documents in large runs."
        ),
    ),
]
ClusterOpt = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        help=N_(
            "Run the agencies' tasks on the workers of this Dask scheduler (e.g. tcp://10.0.0.5:8786) instead of "
            "local processes; the workers must see the output folder and the input files at the same paths "
            "(docs/scale.md)."
        ),
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help=N_("Redo years whose outputs are up to date."))]
GroupsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--groups",
        help=N_(
            "Write a report per group of these group columns (repeat, or a comma list: จังหวัด,กระทรวง; "
            "all: every group column), and one of all the agencies, under <YEAR>/groups/."
        ),
    ),
]
GroupMapOpt = Annotated[
    Path | None,
    typer.Option(
        "--group-map",
        help=N_(
            "Mapping file of agencies to groups (agency, [fiscal_year], one column per kind); alone: --groups all."
        ),
    ),
]
AgenciesOpt = Annotated[
    bool,
    typer.Option(
        "--agencies/--no-agencies", help=N_("Write each agency's folder (--no-agencies: the year's and groups' only).")
    ),
]
# The run's own options (after the analysis parameters' options): name, type and option, default
RUN_OPTIONS = [
    ("out_root", OutRootOpt, Path("outputs")),
    ("digits", DigitsOpt, "thai"),
    ("documents", DocumentsOpt, True),
    ("notebook_limit", NotebookLimitOpt, 50),
    ("workers", WorkersOpt, None),
    ("svg", SvgOpt, None),
    ("charts", ChartsOpt, None),
    ("cluster", ClusterOpt, None),
    ("force", ForceOpt, False),
    ("groups", GroupsOpt, None),
    ("group_map", GroupMapOpt, None),
    ("agencies", AgenciesOpt, True),
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
    from ita_analysis.batch.params import RunParams, capped_workers, read_charts
    from ita_analysis.compute.weakness import read_rule
    from ita_analysis.facade.group_inputs import group_kinds
    from ita_analysis.thai.numbers import read_digits

    own = {name: options.pop(name) for name, _, _ in RUN_OPTIONS}
    own["groups"] = group_kinds(own["groups"])
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
    data = options.pop("data") or default_data()
    years = _years_to_run(options.pop("fiscal_year"), data, options["sheet"])
    options["target"] = _check_target(options["target"], years)
    analysis = AnalysisParameters(fiscal_year=years[0], data=data, **options)
    workers, warning = capped_workers(workers)
    if warning:
        err.print(warning, style="yellow", markup=False)
    _run_years(RunParams(analysis, workers=workers, **own), years, force)


run.__signature__ = _run_signature()
run.__annotations__ = {p.name: p.annotation for p in run.__signature__.parameters.values()}


def _check_target(target: str | None, years: list[int]) -> float | str | None:
    """--target before anything runs: a score from 0 to 100, or a level of each plan year's framework."""
    from ita_analysis.compute.target_gap import TargetError, read_target

    value = None
    for year in years:
        try:
            value = read_target(target, year)
        except TargetError as exc:
            why = _("{why} (the target is for FY{year})").format(why=exc, year=year + 1)
            raise typer.BadParameter(why, param_hint="--target") from None
    return value


def _years_to_run(fy: str, data: list[Path], sheet: str | None = None) -> list[int]:
    """The fiscal years of --fy: the one given, or every year in the data (its --sheet) for 'all'."""
    from ita_analysis.batch.run import years_in
    from ita_analysis.ingest.scores import caller_year

    if fy.strip().lower() == "all":
        check_files({"--data": data})  # the years are read from them
        return years_in(data, sheet)
    return [caller_year(fy)]


def _run_years(params, years: list[int], force: bool = False) -> None:
    """Run each year with ``params`` (its fiscal year replaced), skipping those up to date, with a
    progress bar on a terminal (plain lines otherwise); then, once the bar is gone, each year's
    closing lines and the run's wall time (:mod:`ita_analysis.batch.closing`). Exit 1 when an agency
    failed, 130 or 143 when SIGINT (Ctrl-C) or SIGTERM stopped the run (its workers and their
    kernels with it)."""
    import time
    from functools import partial

    from ita_analysis.batch.closing import YearEnd, closing_lines
    from ita_analysis.batch.interrupts import exit_on_signals
    from ita_analysis.batch.progress import RunDisplay
    from ita_analysis.batch.results import who
    from ita_analysis.batch.run import run_year

    t0, ended = time.monotonic(), []
    say = partial(err.print, style="red", markup=False, highlight=False)  # the line saying what was stopped
    try:
        with exit_on_signals(say), RunDisplay(err, len(years)) as display:
            for year in years:
                year_params = params.for_year(year)
                fingerprint, finished = (None, None) if force else _unchanged(year_params)
                folder = year_params.out_root / str(year)
                if finished:
                    ended.append(YearEnd(year, folder, unchanged_since=finished))
                else:
                    run_year(year_params, progress=display.year(year), fingerprint=fingerprint)
                    ended.append(YearEnd.read(year, folder))
                display.year_done()
    finally:  # the years done are told, also when a later one stops the run
        if ended:
            for line in closing_lines(ended, time.monotonic() - t0):
                err.print(line.text, style=line.style, markup=False, highlight=False)
    failure = _("FY{year}: agency {agency} {step}: {brief}")
    of_group = _("FY{year}: group {group} {step}: {brief}")
    failures = [
        of_group.format(year=y.year, group=f["group"], step=_(f["step"]), brief=f["brief"])
        if f.get("group")
        else failure.format(year=y.year, agency=who(f["agency"]), step=_(f["step"]), brief=f["brief"])
        for y in ended
        for f in y.failed
    ]
    if failures:
        failed = _("{n} failure(s), the other agencies' outputs are written:").format(n=len(failures))
        err.print(failed, style="red", markup=False)
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
