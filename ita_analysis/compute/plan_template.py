"""The measures plan template: one row per indicator of each agency, weak indicators marked.

``ita-analysis init-plan --fy 2563`` writes it from FY2563's weaknesses for the plan year 2564;
the analyst fills in action (แนวทางการดำเนินงาน), responsible unit, and optionally timeline and
KPI, then passes it to ``ita-analysis run --plan``. Rows left empty are ignored when read back;
weak indicators without an action are flagged in the documents.
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.compute.scoring import in_agency_order

PLAN_COLUMNS = [
    "agency", "fiscal_year", "indicator", "indicator_name", "weak", "score", "action", "responsible", "timeline", "kpi",
]  # fmt: skip
WEAK_MARK = "จุดอ่อน"


def plan_template(results: pd.DataFrame, weaknesses: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """Template rows for every agency of a results table, from the year's weakness table.

    Columns (``PLAN_COLUMNS``): fiscal_year is the plan year (``fiscal_year`` + 1); weak holds
    "จุดอ่อน" for the weak indicators (the rows of ``weaknesses``); score is the analysed year's
    score; action, responsible, timeline, kpi are empty, to be filled in. Weak indicators come first.
    """
    weak = weaknesses[["agency", "indicator"]].assign(weak=WEAK_MARK)
    out = results[["agency", "indicator", "indicator_name", "score"]].merge(
        weak, on=["agency", "indicator"], how="left"
    )
    out["weak"] = out["weak"].fillna("")
    out["fiscal_year"] = fiscal_year + 1
    for c in ("action", "responsible", "timeline", "kpi"):
        out[c] = ""
    out = in_agency_order(out.assign(_w=out["weak"] == ""), out["agency"], ["agency", "_w", "indicator"])
    return out[PLAN_COLUMNS].reset_index(drop=True)
