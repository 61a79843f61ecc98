"""What every command of ``ita-analysis`` shares: the Typer app, the consoles, common options and
the writing of a table the user asked for.

Everything the commands print is literal text: agency names, file paths and messages may hold
square brackets (``[/x]``, ``[bold]``, ``[link=...]``) and colons (``:smile:``) that rich would
read as markup or emoji codes. The consoles (:class:`LiteralConsole`) never read either; a style
is given as ``style=``, and table cells and titles are :func:`literal` texts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from ita_analysis import __version__
from ita_analysis.cli.language import LANG_HELP, TranslatedGroup, set_language
from ita_analysis.errors import InputError, Problem
from ita_analysis.filenames import shown
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.parameters import AnalysisParameters

app = typer.Typer(
    cls=TranslatedGroup,
    help=N_("ITA (Integrity and Transparency Assessment) scores into analysis, charts and documents."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


VERSION_HELP = N_("Print the version of ita-analysis and exit.")


def show_version(asked: bool) -> None:
    """``--version``: the installed version, then exit."""
    if asked:
        out.print(f"ita-analysis {__version__}", markup=False)
        raise typer.Exit()


@app.callback(cls=TranslatedGroup)
def shared_options(
    lang: Annotated[
        str | None, typer.Option("--lang", help=LANG_HELP, callback=set_language, is_eager=True, metavar="th|en")
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", help=VERSION_HELP, callback=show_version, is_eager=True),
    ] = False,
) -> None:
    """The options every command shares, given before it (--lang is read as soon as it is given:
    see set_language; ``ita-analysis --version``)."""


class LiteralConsole(Console):
    """A rich console that prints every string as it is: no markup, no emoji codes, no highlighting,
    and the bytes of a file name that are not UTF-8 shown as ``\\xff`` (a terminal cannot take them)."""

    def __init__(self, **options) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **options)

    def render_str(self, text: str, **options) -> Text:
        return super().render_str(shown(text), **{**options, "markup": False, "emoji": False})


def literal(value: object, style: str = "") -> Text:
    """``value`` as text that is only text (a table cell, a title, part of a styled line)."""
    return Text(shown(value), style=style)


def literals(values) -> list[Text]:
    """:func:`literal` of each value (a table row)."""
    return [literal(v) for v in values]


out = LiteralConsole()
err = LiteralConsole(stderr=True, soft_wrap=True)

Inputs = Annotated[list[Path], typer.Argument(help=N_("Score tables: CSV, TSV or XLSX, in any supported shape."))]
FyOpt = Annotated[
    str | None,
    typer.Option("--fy", help=N_("Fiscal year (BE, e.g. 2563) of a report-style table; selects rows otherwise.")),
]
FyRequired = Annotated[str, typer.Option("--fy", help=N_("Fiscal year (BE, e.g. 2563) of the scores."))]


def parameter_option(name: str):
    """The option of an analysis parameter, as its field's metadata gives it (name, type, help)."""
    meta = next(f.metadata for f in dataclasses.fields(AnalysisParameters) if f.name == name)
    takes = meta["cli"]
    return Annotated[takes, typer.Option(meta["option"], help=meta["help"])]


AgencyOpt = parameter_option("agency")
SheetOpt = parameter_option("sheet")
DataOpt = parameter_option("data")


def show_problems(problems: list[Problem], title: str, style: str) -> None:
    err.print(title, style=style, markup=False)
    for p in problems:
        err.print(f"  - {p}", markup=False, highlight=False)


def check_table_path(path: Path) -> None:
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise typer.BadParameter(_("--out must end in .csv or .xlsx"), param_hint="--out")


def write_table(df, path: Path, sheet: str = "scores") -> None:
    """CSV (UTF-8 with BOM) or XLSX by the file's suffix, written atomically."""
    if path.suffix.lower() == ".csv":
        from ita_analysis.files import write_csv

        write_csv(df, path)
    else:
        from ita_analysis.report.excel import write_table_xlsx

        write_table_xlsx(df, path, sheet=sheet)


def default_data() -> list[Path]:
    found = sorted(Path("data/raw").glob("*scores*.csv")) + sorted(Path("data/raw").glob("*scores*.xlsx"))
    if not found:
        raise typer.BadParameter(_("no --data given and no data/raw/*scores*.csv|xlsx found"), param_hint="--data")
    return found


def check_files(named: dict) -> None:
    """Every file the command was given exists; else one message listing each missing one by its
    option or argument, with the nearest existing file (:func:`~ita_analysis.files.missing_file`)."""
    from ita_analysis.files import missing_files

    problems = missing_files(named)
    if problems:
        raise InputError(problems)


def year_agency_scores(data, agency, fy, sheet):
    """(framework, {agency: {indicator: score}}) of the year's agencies (the one --agency means,
    found as :func:`~ita_analysis.ingest.selection.which_agency` finds it), read from the year's
    figures as the notebooks and the run read them."""
    from ita_analysis.compute.agency import indicator_scores
    from ita_analysis.compute.year import year_data
    from ita_analysis.ingest.scores import caller_year, load
    from ita_analysis.ingest.selection import which_agency

    check_files({"--data": data})
    year = caller_year(fy)
    loaded = load(data or default_data(), agency=agency, fiscal_year=year, sheet=sheet)
    figures = year_data(loaded.scores, year)
    names = figures.agencies if agency is None else [which_agency(agency, loaded.scores, year)]
    return figures.framework, {a: indicator_scores(figures, a) for a in names}


def bad_value(text: str, option: str) -> ValueError:
    """A usage error (exit code 2) naming the option whose value is wrong."""
    return typer.BadParameter(text, param_hint=option)
