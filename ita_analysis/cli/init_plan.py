"""``init-plan``: the measures-plan template that staff fill in, with Thai column headers.

The template's rows come from :func:`ita_analysis.compute.plan_template.plan_template`; its columns are
written under the Thai headers of :data:`ita_analysis.ingest.headers.PLAN_HEADERS` (ตัวชี้วัด,
แนวทางการดำเนินงาน, ผู้รับผิดชอบ, ระยะเวลา, ตัวชี้วัดความสำเร็จ, as the measures table of the
published document heads them), because the people who fill it in read Thai. ``run --plan`` reads
these headers and the English ones (indicator, action, responsible, timeline, kpi) alike. As
.xlsx the template is a form that prints on A4 landscape
(:func:`ita_analysis.report.plan_workbook.write_plan_xlsx`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ita_analysis.cli.common import (
    AgencyOpt,
    DataOpt,
    check_files,
    check_table_path,
    default_data,
    err,
    parameter_option,
    write_table,
)
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _


def plan_headers(analysed_year: int) -> dict[str, str]:
    """The Thai header of each template column; the score column names the analysed year
    ("คะแนนที่ได้ พ.ศ. 2563"), since the template's year is the plan year after it."""
    from ita_analysis.ingest.headers import PLAN_HEADERS

    return {**PLAN_HEADERS, "score": f"{PLAN_HEADERS['score']} พ.ศ. {analysed_year}"}


def thai_headers(template, analysed_year: int):
    """The template with its columns renamed to the Thai headers (:func:`plan_headers`)."""
    return template.rename(columns=plan_headers(analysed_year))


RuleOpt = parameter_option("weakness_rule")
PLAN_SHEET = "มาตรการ"


def init_plan(
    fy: Annotated[
        str, typer.Option("--fy", help=N_("Fiscal year (BE) whose weaknesses the plan answers; the plan is for FY+1."))
    ],
    data: DataOpt = None,
    agency: AgencyOpt = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help=N_("FILE.csv or FILE.xlsx (default outputs/plan_template_<FY+1>.csv)."))
    ] = None,
    weakness_rule: RuleOpt = "default",
    target: Annotated[str | None, typer.Option("--target", help=N_("Target, for the below_target rule."))] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite an existing file."))] = False,
) -> None:
    """Write a measures-plan template with Thai headers: every indicator, the weak ones marked and first."""
    from ita_analysis.compute.plan_template import plan_template
    from ita_analysis.facade import Analysis, AnalysisParameters
    from ita_analysis.ingest.scores import caller_year

    check_files({"--data": data})
    year = caller_year(fy)
    out_path = out_path or Path("outputs") / f"plan_template_{year + 1}.csv"
    check_table_path(out_path)
    if out_path.exists() and not force:
        raise typer.BadParameter(
            _("{path} exists (it may hold a filled-in plan); use --force to replace it").format(path=out_path),
            param_hint="--out",
        )
    analysis = Analysis.from_params(
        AnalysisParameters(
            fiscal_year=year, data=data or default_data(), agency=agency, weakness_rule=weakness_rule, target=target
        )
    )
    template = plan_template(analysis.results_data, analysis.weakness_data, year)
    if out_path.suffix.lower() == ".csv":
        write_table(thai_headers(template, year), out_path)
    else:  # a form that prints: wrapped text, borders, a wide action column, A4 landscape
        from ita_analysis.report.plan_workbook import write_plan_xlsx

        write_plan_xlsx(template, out_path, headers=plan_headers(year), sheet=PLAN_SHEET)
    n_weak = int((template["weak"] != "").sum())
    wrote = _(
        "Wrote {rows} rows ({weak} weak indicators) to {path}; fill in แนวทางการดำเนินงาน "
        "(action) and ผู้รับผิดชอบ (responsible), and ระยะเวลา and ตัวชี้วัดความสำเร็จ where known."
    )
    err.print(wrote.format(rows=len(template), weak=n_weak, path=out_path), markup=False)
