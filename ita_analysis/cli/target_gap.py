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
            raise TargetError("a target score (0-100) or a level")
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
        err.print(f"Wrote the plans of {len(plans)} agency(ies) to {out_path}", markup=False)


def _movable(fw, only: list[str] | None) -> list[int] | None:
    if not only:
        return None
    codes = [c.strip().upper() for c in only]
    unknown = [c for c in codes if c not in fw.tool_codes]
    if unknown:
        raise bad_value(f"{', '.join(unknown)}: the FY{fw.fiscal_year} tools are {', '.join(fw.tool_codes)}", "--only")
    return [i.number for i in fw.indicators if i.tool in codes]


def _print_plan(fw, agency: str, targeted) -> None:
    plan = targeted.plan
    head = f"{agency}, FY{fw.fiscal_year}: {plan.before.total:.2f} ({plan.before.grade}) -> target {plan.goal.given}"
    if targeted.judged_by != fw.fiscal_year:
        head += f" ({plan.goal.level}, FY{targeted.judged_by} levels)"
    if plan.goal.min_each_tool is not None:
        head += f", every tool at least {plan.goal.min_each_tool:.2f}"
    if not plan.reachable:
        out.print(
            f"{head}: out of reach; the best possible is {plan.after.total:.2f} ({plan.after.grade})", markup=False
        )
        return
    if not plan.raised:
        out.print(f"{head}: already reached", markup=False)
        return
    table = Table(title=literal(head))
    for name in ("indicator", "score", "per point", "required", "points"):
        table.add_column(literal(name), justify="left" if name == "indicator" else "right")
    for n in plan.raised:
        before, after = plan.before.scores[n], plan.required[n]
        figures = (before, plan.weight_per_point[n], after, after - before)
        table.add_row(*literals([f"{n} {fw.indicator(n).name_th}", *(f"{v:.2f}" for v in figures)]))
    out.print(table, markup=False)
    out.print(f"{plan.points:.2f} points in all; total {plan.after.total:.2f} ({plan.after.grade})", markup=False)
