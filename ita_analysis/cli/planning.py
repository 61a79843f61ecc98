"""``whatif`` and ``target-gap``: what planned scores give, and what a target takes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ita_analysis.cli.common import (
    AgencyOpt,
    DataOpt,
    SheetOpt,
    check_table_path,
    default_data,
    err,
    out,
    write_table,
)
from ita_analysis.errors import InputError, Problem

FyRequired = Annotated[str, typer.Option("--fy", help="Fiscal year (BE, e.g. 2563) of the scores.")]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="INDICATOR=SCORE (9=100, ๙=๑๐๐) or TOOL=+POINTS (a tool code: +5 to each of its indicators); repeat.",
    ),
]


def _agency_scores(data, agency, fy, sheet):
    """(framework, {agency: {indicator: score}}) of the year's agencies (one with --agency)."""
    from ita_analysis.compute.whatif import agency_scores
    from ita_analysis.frameworks import load_framework
    from ita_analysis.ingest.scores import caller_year, load

    year = caller_year(fy)
    fw = load_framework(year)
    tidy = load(data or default_data(), agency=agency, fiscal_year=year, sheet=sheet).scores
    tidy = tidy[tidy["fiscal_year"] == year]
    names = list(dict.fromkeys(tidy["agency"]))
    if agency is not None:
        names = [a for a in names if a == agency]
    if not names:
        raise InputError([Problem("--agency", None, None, agency or "", f"an agency with scores in FY{year}")])
    return fw, {a: agency_scores(tidy, a, year) for a in names}


def _value(text: str, option: str) -> ValueError:
    return typer.BadParameter(text, param_hint=option)


def whatif(
    fy: FyRequired,
    set_: SetOpt = None,
    data: DataOpt = None,
    agency: AgencyOpt = None,
    sheet: SheetOpt = None,
) -> None:
    """Tool means, total and grade or rating before and after planned scores (--set 9=100 --set 10=95)."""
    from ita_analysis.compute.whatif import parse_settings, what_if

    fw, agencies = _agency_scores(data, agency, fy, sheet)
    try:
        indicators, tools = parse_settings(set_ or [], fw)
        results = {a: what_if(s, fw, indicators, tools) for a, s in agencies.items()}
    except ValueError as exc:
        raise _value(str(exc), "--set") from None
    if len(results) == 1:
        _print_one(fw, *next(iter(results.items())))
    else:
        table = Table(title=f"FY{fw.fiscal_year}")
        for name in ("agency", "total before", "grade before", "total after", "grade after"):
            table.add_column(name, justify="left" if name == "agency" or "grade" in name else "right")
        for a, w in results.items():
            table.add_row(a, f"{w.before.total:.2f}", w.before.grade, f"{w.after.total:.2f}", w.after.grade)
        out.print(table)


def _print_one(fw, agency: str, w) -> None:
    from ita_analysis.compute.whatif import whatif_rows

    table = Table(title=f"{agency}, FY{fw.fiscal_year}")
    for name in ("", "before", "after"):
        table.add_column(name, justify="left" if not name else "right")
    for r in whatif_rows(w, fw):
        label = f"{r.key} {fw.indicator(r.key).name_th}" if r.kind == "indicator" else (r.key or r.kind)
        table.add_row(label, *(f"{v:.2f}" if isinstance(v, float) else v for v in (r.before, r.after)))
    out.print(table)


def target_gap(
    fy: FyRequired,
    target: Annotated[str, typer.Option("--target", help="A total (95, ๙๕) or a grade/rating (AA, ผ่านดีเยี่ยม).")],
    data: DataOpt = None,
    agency: AgencyOpt = None,
    sheet: SheetOpt = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only", help="Only these tools' indicators may change (tool codes as `frameworks` lists them); repeat."
        ),
    ] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Write the plans to FILE.csv or FILE.xlsx.")] = None,
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
        raise _value(str(exc), "--target") from None
    fw, agencies = _agency_scores(data, agency, fy, sheet)
    movable = _movable(fw, only)
    targeted = {a: plan_for(s, fw.fiscal_year, target, movable) for a, s in agencies.items()}
    plans = {a: t.plan for a, t in targeted.items()}
    for a, t in targeted.items():
        _print_plan(fw, a, t)
    if out_path is not None:
        write_table(pd.concat([p.table(a, fw.fiscal_year) for a, p in plans.items()]), out_path, sheet="target_gap")
        err.print(f"Wrote the plans of {len(plans)} agency(ies) to {out_path}")


def _movable(fw, only: list[str] | None) -> list[int] | None:
    if not only:
        return None
    codes = [c.strip().upper() for c in only]
    unknown = [c for c in codes if c not in fw.tool_codes]
    if unknown:
        raise _value(f"{', '.join(unknown)}: the FY{fw.fiscal_year} tools are {', '.join(fw.tool_codes)}", "--only")
    return [i.number for i in fw.indicators if i.tool in codes]


def _print_plan(fw, agency: str, targeted) -> None:
    plan = targeted.plan
    head = f"{agency}, FY{fw.fiscal_year}: {plan.before.total:.2f} ({plan.before.grade}) -> target {plan.goal.given}"
    if targeted.judged_by != fw.fiscal_year:
        head += f" ({plan.goal.level}, FY{targeted.judged_by} levels)"
    if plan.goal.min_each_tool is not None:
        head += f", every tool at least {plan.goal.min_each_tool:.2f}"
    if not plan.reachable:
        out.print(f"{head}: out of reach; the best possible is {plan.after.total:.2f} ({plan.after.grade})")
        return
    if not plan.raised:
        out.print(f"{head}: already reached")
        return
    table = Table(title=head)
    for name in ("indicator", "score", "per point", "required", "points"):
        table.add_column(name, justify="left" if name == "indicator" else "right")
    for n in plan.raised:
        before, after = plan.before.scores[n], plan.required[n]
        table.add_row(f"{n} {fw.indicator(n).name_th}", f"{before:.2f}", f"{plan.weight_per_point[n]:.2f}",
                      f"{after:.2f}", f"{after - before:.2f}")  # fmt: skip
    out.print(table)
    out.print(f"{plan.points:.2f} points in all; total {plan.after.total:.2f} ({plan.after.grade})")
