"""``target-gap``: the plan reaching a target with the fewest indicator points."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ita_analysis.cli.common import (
    AgencyOpt,
    DataOpt,
    FyRequired,
    SheetOpt,
    bad_value,
    check_table_path,
    err,
    literal,
    literals,
    out,
    write_table,
    year_agency_scores,
)
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _


def target_gap(
    fy: FyRequired,
    target: Annotated[str, typer.Option("--target", help=N_("A total (95, ๙๕) or a grade/rating (AA, ผ่านดีเยี่ยม)."))],
    data: DataOpt = None,
    agency: AgencyOpt = None,
    sheet: SheetOpt = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            help=N_("Only these tools' indicators may change (tool codes as `frameworks` lists them); repeat."),
        ),
    ] = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help=N_("Write the plans to FILE.csv or FILE.xlsx."))
    ] = None,
) -> None:
    """The plan reaching a target with the fewest indicator points (no indicator above 100)."""
    import pandas as pd

    from ita_analysis.compute.target_gap import TargetError, plan_for, read_target
    from ita_analysis.ingest.scores import caller_year

    if out_path is not None:
        check_table_path(out_path)
    try:  # judged as `run --target` judges it: by the plan year's framework (FY2565 -> FY2566 ratings)
        if read_target(target, caller_year(fy)) is None:
            raise TargetError(_("a target score (0-100) or a level"))
    except TargetError as exc:
        raise bad_value(str(exc), "--target") from None
    fw, agencies = year_agency_scores(data, agency, fy, sheet)
    movable = _movable(fw, only)
    targeted = {a: plan_for(s, fw.fiscal_year, target, movable) for a, s in agencies.items()}
    plans = {a: t.plan for a, t in targeted.items()}
    for a, t in targeted.items():
        _print_plan(fw, a, t)
    if out_path is not None:
        write_table(pd.concat([p.table(a, fw.fiscal_year) for a, p in plans.items()]), out_path, sheet="target_gap")
        err.print(_("Wrote the plans of {n} agency(ies) to {path}").format(n=len(plans), path=out_path), markup=False)


def _movable(fw, only: list[str] | None) -> list[int] | None:
    if not only:
        return None
    codes = [c.strip().upper() for c in only]
    unknown = [c for c in codes if c not in fw.tool_codes]
    if unknown:
        why = _("{unknown}: the FY{year} tools are {tools}").format(
            unknown=", ".join(unknown), year=fw.fiscal_year, tools=", ".join(fw.tool_codes)
        )
        raise bad_value(why, "--only")
    return [i.number for i in fw.indicators if i.tool in codes]


HEADS = {
    "indicator": N_("indicator"),
    "score": N_("score"),
    "per point": N_("per point"),
    "required": N_("required"),
    "points": N_("points"),
}


def _print_plan(fw, agency: str, targeted) -> None:
    plan = targeted.plan
    head = _("{agency}, FY{year}: {total:.2f} ({grade}) -> target {target}").format(
        agency=agency, year=fw.fiscal_year, total=plan.before.total, grade=plan.before.grade, target=plan.goal.given
    )
    if targeted.judged_by != fw.fiscal_year:
        head += _(" ({level}, FY{year} levels)").format(level=plan.goal.level, year=targeted.judged_by)
    if plan.goal.min_each_tool is not None:
        head += _(", every tool at least {score:.2f}").format(score=plan.goal.min_each_tool)
    if not plan.reachable:
        best = _("{head}: out of reach; the best possible is {total:.2f} ({grade})")
        out.print(best.format(head=head, total=plan.after.total, grade=plan.after.grade), markup=False)
        return
    if not plan.raised:
        out.print(_("{head}: already reached").format(head=head), markup=False)
        return
    table = Table(title=literal(head))
    for name in ("indicator", "score", "per point", "required", "points"):
        table.add_column(literal(_(HEADS[name])), justify="left" if name == "indicator" else "right")
    for n in plan.raised:
        before, after = plan.before.scores[n], plan.required[n]
        figures = (before, plan.weight_per_point[n], after, after - before)
        table.add_row(*literals([f"{n} {fw.indicator(n).name_th}", *(f"{v:.2f}" for v in figures)]))
    out.print(table, markup=False)
    in_all = _("{points:.2f} points in all; total {total:.2f} ({grade})")
    out.print(in_all.format(points=plan.points, total=plan.after.total, grade=plan.after.grade), markup=False)
