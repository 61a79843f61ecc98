"""``score``, ``validate`` and ``frameworks``: the score tables checked and scored, and the years known."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ita_analysis.cli.common import (
    AgencyOpt,
    FyOpt,
    Inputs,
    SheetOpt,
    check_files,
    check_table_path,
    err,
    literal,
    literals,
    out,
    show_problems,
    write_table,
)
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.report.labels import status_text


def score(
    inputs: Inputs,
    agency: AgencyOpt = None,
    fy: FyOpt = None,
    sheet: SheetOpt = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help=N_("Write the table to FILE.csv (UTF-8 with BOM) or FILE.xlsx."))
    ] = None,
) -> None:
    """Tool scores, weighted total and grade per agency and fiscal year."""
    if out_path is not None:
        check_table_path(out_path)
    summary = _load_scored(inputs, agency, fy, sheet)[1]
    provisional = sorted(summary.loc[summary["framework_status"] == "provisional", "fiscal_year"].unique())
    if provisional:
        text = _(
            "Provisional framework for fiscal year(s) {years}: grades follow the rules as reported, "
            "not a published NACC manual."
        )
        err.print(text.format(years=", ".join(str(y) for y in provisional)), style="yellow", markup=False)
    if out_path is None:
        _print_summary(summary)
        return
    write_table(summary, out_path)
    err.print(_("Wrote {n} agency-year row(s) to {path}").format(n=len(summary), path=out_path), markup=False)


def _load_scored(inputs, agency, fy, sheet):
    """Load and score the inputs; show the warnings (skipped rows, printed figures that differ)."""
    from ita_analysis.compute.scoring import compare_published, score
    from ita_analysis.ingest.scores import load

    check_files({"argument INPUTS": inputs})
    loaded = load(inputs, agency=agency, fiscal_year=fy, sheet=sheet)
    summary = score(loaded.scores)
    warnings = loaded.warnings + compare_published(summary, loaded.published)
    if warnings:
        title = _("{n} warning(s) (figures are never changed to match):").format(n=len(warnings))
        show_problems(warnings, title, "yellow")
    return loaded, summary


# The headers of the tables shown (the columns of a file written keep their names)
HEADS = {
    "agency": N_("agency"),
    "fiscal_year": N_("fiscal_year"),
    "total": N_("total"),
    "grade": N_("grade"),
    "status": N_("status"),
    "grading": N_("grading"),
    "pass_mark": N_("pass_mark"),
    "weights": N_("weights"),
    "file": N_("file"),
}
GRADING = {"letter": N_("letter"), "rating": N_("rating")}

CHUNK = 1000
"""Rows of the score table printed at a time: a national table (tens of thousands of agency-years) is
printed piece by piece, not laid out whole in memory first."""


def _print_summary(summary) -> None:
    """agency, fiscal_year, the tool means of the frameworks in the summary, total and grade; a table
    of more than :data:`CHUNK` rows in pieces of that many, with the same column widths."""
    from rich.cells import cell_len

    from ita_analysis.frameworks import known_tool_codes, tool_column

    tools = [c for c in map(tool_column, known_tool_codes()) if c in summary.columns]
    names = ("agency", "fiscal_year", *tools, "total", "grade")
    heads = [_(HEADS.get(name, name)) for name in names]
    figures = (*tools, "total")
    rows = [
        (r["agency"], r["fiscal_year"], *(f"{r[c]:.2f}" if r[c] == r[c] else "" for c in figures), r["grade"])
        for r in summary.to_dict("records")
    ]  # plain values: each piece's cells are made as it is printed
    if len(rows) <= CHUNK:
        out.print(_score_table(names, heads, rows, widths=None, first=True, edge=True), markup=False)
        return
    widths = [max(cell_len(str(cells[k])) for cells in [heads, *rows]) for k in range(len(names))]
    for start in range(0, len(rows), CHUNK):
        piece = rows[start : start + CHUNK]
        table = _score_table(names, heads, piece, widths=widths, first=start == 0, edge=False)
        out.print(table, markup=False)


def _score_table(names, heads, rows, *, widths, first: bool, edge: bool) -> Table:
    """One piece of the score table: without its outer edges, pieces of the same widths stack into
    one table."""
    table = Table(show_lines=False, show_header=first, show_edge=edge)
    for k, name in enumerate(names):
        width = None if widths is None else widths[k]
        justify = "left" if name in ("agency", "grade") else "right"
        table.add_column(literal(heads[k]), justify=justify, width=width, no_wrap=widths is not None)
    for cells in rows:
        table.add_row(*literals(cells))
    return table


ProcessedOpt = Annotated[
    Path | None,
    typer.Option("--processed", help=N_("Write the tidy, validated tables (scores.csv, published.csv) into DIR.")),
]


def validate(
    inputs: Inputs, agency: AgencyOpt = None, fy: FyOpt = None, sheet: SheetOpt = None, processed: ProcessedOpt = None
) -> None:
    """Check score tables and list every problem; exit 0 when they are clean. With --processed DIR,
    also write their tidy tables there (e.g. data/processed)."""
    from ita_analysis.ingest.processed import write_processed

    loaded = _load_scored(inputs, agency, fy, sheet)[0]
    n_groups = len(loaded.scores.groupby(["agency", "fiscal_year"]))
    text = _("OK: {scores} scores, {groups} agency-year(s) in {files} file(s).")
    out.print(text.format(scores=len(loaded.scores), groups=n_groups, files=len(inputs)), markup=False)
    if processed is not None:
        for path in write_processed(loaded, processed):
            err.print(_("Wrote {path}").format(path=path), markup=False)


def frameworks() -> None:
    """List the fiscal years that have a framework, with their status and grading."""
    from ita_analysis.frameworks import available_years, load_framework

    table = Table()
    for name in ("fiscal_year", "status", "grading", "pass_mark", "weights", "file"):
        table.add_column(literal(_(HEADS[name])))
    for y in available_years():
        fw = load_framework(y)
        weights = " / ".join(f"{t.code} {t.weight:.2f}" for t in fw.tools)
        kind = _(GRADING.get(fw.grading_kind, fw.grading_kind))
        table.add_row(*literals([y, status_text(fw.status), kind, f"{fw.pass_mark:.2f}", weights, Path(fw.path).name]))
    out.print(table, markup=False)
