"""``whatif``: tool means, total and grade or rating before and after planned scores."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ita_analysis.cli.common import (
    AgencyOpt,
    DataOpt,
    FyRequired,
    SheetOpt,
    bad_value,
    err,
    literal,
    literals,
    out,
    year_agency_scores,
)
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _

SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help=N_("INDICATOR=SCORE (9=100, ๙=๑๐๐) or TOOL=+POINTS (a tool code: +5 to each of its indicators); repeat."),
    ),
]


HEADS = {
    "agency": N_("agency"),
    "total before": N_("total before"),
    "grade before": N_("grade before"),
    "total after": N_("total after"),
    "grade after": N_("grade after"),
    "before": N_("before"),
    "after": N_("after"),
}
ROWS = {"total": N_("total"), "grade": N_("grade")}  # the lines of a what-if without a key


def whatif(
    fy: FyRequired,
    set_: SetOpt = None,
    data: DataOpt = None,
    agency: AgencyOpt = None,
    sheet: SheetOpt = None,
) -> None:
    """Tool means, total and grade or rating before and after planned scores (--set 9=100 --set 10=95)."""
    from ita_analysis.compute.whatif import parse_settings, what_if

    fw, agencies = year_agency_scores(data, agency, fy, sheet)
    try:
        indicators, tools = parse_settings(set_ or [], fw)
        results = {a: what_if(s, fw, indicators, tools) for a, s in agencies.items()}
    except ValueError as exc:
        raise bad_value(str(exc), "--set") from None
    if len(results) == 1:
        _print_one(fw, *next(iter(results.items())))
    else:
        table = Table(title=literal(_("FY{year}").format(year=fw.fiscal_year)))
        for name in ("agency", "total before", "grade before", "total after", "grade after"):
            justify = "left" if name == "agency" or "grade" in name else "right"
            table.add_column(literal(_(HEADS[name])), justify=justify)
        for a, w in results.items():
            table.add_row(
                *literals([a, f"{w.before.total:.2f}", w.before.grade, f"{w.after.total:.2f}", w.after.grade])
            )
        out.print(table, markup=False)
    if not set_:
        # an unchanged table would say nothing of why: what to add
        last = fw.indicators[-1].number  # an indicator and its tool of the year's framework, as examples
        text = _(
            "Nothing was set, so before and after are the same: add --set {indicator}=100 (an indicator's score) "
            "or --set {tool}=+5 (points added to each indicator of a tool)."
        )
        err.print(text.format(indicator=last, tool=fw.tool_of()[last]), style="yellow", markup=False)


def _print_one(fw, agency: str, w) -> None:
    from ita_analysis.compute.whatif import whatif_rows

    table = Table(title=literal(_("{agency}, FY{year}").format(agency=agency, year=fw.fiscal_year)))
    for name in ("", "before", "after"):
        table.add_column(literal(_(HEADS.get(name, name))), justify="left" if not name else "right")
    for r in whatif_rows(w, fw):
        label = f"{r.key} {fw.indicator(r.key).name_th}" if r.kind == "indicator" else (r.key or _(ROWS[r.kind]))
        table.add_row(*literals([label, *(f"{v:.2f}" if isinstance(v, float) else v for v in (r.before, r.after))]))
    out.print(table, markup=False)
