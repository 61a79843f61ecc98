"""``init-plan``: the measures-plan template that staff fill in, with Thai column headers.

The template's rows come from :func:`ita_analysis.compute.plan.plan_template`; its columns are
written under the Thai headers of :data:`ita_analysis.ingest.headers.PLAN_HEADERS` (ตัวชี้วัด,
แนวทางการดำเนินงาน, ผู้รับผิดชอบ, ระยะเวลา, ตัวชี้วัดความสำเร็จ, as the measures table of the
published document heads them), because the people who fill it in read Thai. ``run --plan`` reads
these headers and the English ones (indicator, action, responsible, timeline, kpi) alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ita_analysis.cli import AgencyOpt, _check_table_path, _default_data, _write_table, app, err


def thai_headers(template, analysed_year: int):
    """The template with its columns renamed to the Thai headers; the score column names the
    analysed year ("คะแนนที่ได้ พ.ศ. 2563"), since the template's year is the plan year after it."""
    from ita_analysis.ingest.headers import PLAN_HEADERS

    names = {**PLAN_HEADERS, "score": f"{PLAN_HEADERS['score']} พ.ศ. {analysed_year}"}
    return template.rename(columns=names)


@app.command("init-plan")
def init_plan(
    fy: Annotated[
        str, typer.Option("--fy", help="Fiscal year (BE) whose weaknesses the plan answers; the plan is for FY+1.")
    ],
    data: Annotated[
        list[Path] | None, typer.Option("--data", help="Score table(s). Default: data/raw/*scores*.")
    ] = None,
    agency: AgencyOpt = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help="FILE.csv or FILE.xlsx (default outputs/plan_template_<FY+1>.csv).")
    ] = None,
    weakness_rule: Annotated[str, typer.Option("--weakness-rule", help="As for run.")] = "default",
    target: Annotated[str | None, typer.Option("--target", help="Target, for the below_target rule.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a measures-plan template with Thai headers: every indicator, the weak ones marked and first."""
    from ita_analysis.compute.plan import plan_template
    from ita_analysis.facade import Analysis
    from ita_analysis.ingest.scores import caller_year

    year = caller_year(fy)
    out_path = out_path or Path("outputs") / f"plan_template_{year + 1}.csv"
    _check_table_path(out_path)
    if out_path.exists() and not force:
        raise typer.BadParameter(
            f"{out_path} exists (it may hold a filled-in plan); use --force to replace it", param_hint="--out"
        )
    analysis = Analysis.from_params(fiscal_year=year, data=data or _default_data(), agency=agency,
                                    weakness_rule=weakness_rule, target=target)  # fmt: skip
    template = plan_template(analysis.results_data, analysis.weakness_data, year)
    _write_table(thai_headers(template, year), out_path, sheet="มาตรการ")
    n_weak = int((template["weak"] != "").sum())
    err.print(
        f"Wrote {len(template)} rows ({n_weak} weak indicators) to {out_path}; fill in แนวทางการดำเนินงาน "
        "(action) and ผู้รับผิดชอบ (responsible), and ระยะเวลา and ตัวชี้วัดความสำเร็จ where known."
    )
