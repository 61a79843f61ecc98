"""The measures plan template: one row per indicator of each agency, weak indicators marked.

``ita-analysis init-plan --fy 2563`` writes it from FY2563's weaknesses for the plan year 2564;
the analyst fills in action (แนวทางการดำเนินงาน), responsible unit, and optionally timeline and
KPI, then passes it to ``ita-analysis run --plan``. Rows left empty are ignored when read back;
weak indicators without an action are flagged in the documents.
"""

from __future__ import annotations

import pandas as pd

PLAN_COLUMNS = [
    "agency", "fiscal_year", "indicator", "indicator_name", "weak", "score", "action", "responsible", "timeline", "kpi",
]  # fmt: skip
WEAK_MARK = "จุดอ่อน"


def plan_template(analysis) -> pd.DataFrame:
    """Template rows for every agency of an :class:`~ita_analysis.facade.Analysis` (or its agency).

    Columns (``PLAN_COLUMNS``): fiscal_year is the plan year (analysed year + 1); weak holds
    "จุดอ่อน" for the weak indicators under the analysis's rule; score is the analysed year's score;
    action, responsible, timeline, kpi are empty, to be filled in. Weak indicators come first.
    """
    results = analysis.results().table
    weak = analysis.weaknesses().table[["agency", "indicator"]].assign(weak=WEAK_MARK)
    out = results[["agency", "indicator", "indicator_name", "score"]].merge(
        weak, on=["agency", "indicator"], how="left"
    )
    out["weak"] = out["weak"].fillna("")
    out["fiscal_year"] = analysis.fiscal_year + 1
    for c in ("action", "responsible", "timeline", "kpi"):
        out[c] = ""
    order = {a: k for k, a in enumerate(pd.unique(out["agency"]))}
    out = out.assign(_a=out["agency"].map(order), _w=out["weak"] == "").sort_values(["_a", "_w", "indicator"])
    return out[PLAN_COLUMNS].reset_index(drop=True)
