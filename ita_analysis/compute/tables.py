"""The yearly analysis tables of the measures document: results, two-year comparison, trend.

Every table holds the columns agency, fiscal_year and indicator (the number 1-10) so that tables of
many agencies stack and filter alike. Scores are points on the 0-100 scale, two decimals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ita_analysis.compute.scoring import in_agency_order, round2, score
from ita_analysis.frameworks import Framework, load_framework, tool_column, weighted_column

RESULTS_COLUMNS = [
    "agency", "fiscal_year", "indicator", "indicator_name", "tool", "score",
    "tool_score", "tool_weight", "tool_weighted", "total", "grade", "framework_status",
]  # fmt: skip
COMPARISON_COLUMNS = [
    "agency", "fiscal_year", "previous_year", "indicator", "indicator_name", "tool",
    "score_previous", "score_current", "change", "direction",
]  # fmt: skip


def indicator_names(fw: Framework) -> pd.DataFrame:
    """The framework's indicators as a table: indicator (number), indicator_name (Thai), tool."""
    return pd.DataFrame(
        {
            "indicator": [i.number for i in fw.indicators],
            "indicator_name": [i.name_th for i in fw.indicators],
            "tool": [i.tool for i in fw.indicators],
        }
    )


def _per_tool(summary: pd.DataFrame, columns: dict[str, str], value_name: str) -> pd.DataFrame:
    """One row per agency-year and tool from the summary's tool columns (column -> tool code)."""
    out = summary.melt(
        id_vars=["agency", "fiscal_year"], value_vars=list(columns), var_name="tool", value_name=value_name
    )
    out["tool"] = out["tool"].map(columns)
    return out


def results_table(scores: pd.DataFrame, fiscal_year: int, agency: str | None = None) -> pd.DataFrame:
    """The year's results as the reference document prints them, one row per agency and indicator.

    Columns (``RESULTS_COLUMNS``): indicator_name (Thai), tool, score, tool_score (the tool mean),
    tool_weight (0.30/0.30/0.40), tool_weighted (weight x mean), total and grade of the agency-year,
    framework_status. Sorted by agency (input order), then indicator.
    """
    fw = load_framework(fiscal_year)
    year = scores[scores["fiscal_year"] == fiscal_year]
    if agency is not None:
        year = year[year["agency"] == agency]
    summary = score(year)
    rows = year[["agency", "fiscal_year", "indicator", "score"]].merge(indicator_names(fw), on="indicator", how="left")
    tools = _per_tool(summary, {tool_column(c): c for c in fw.tool_codes}, "tool_score")
    weighted = _per_tool(summary, {weighted_column(c): c for c in fw.tool_codes}, "tool_weighted")
    out = rows.merge(tools, on=["agency", "fiscal_year", "tool"]).merge(weighted, on=["agency", "fiscal_year", "tool"])
    out["tool_weight"] = out["tool"].map(fw.weights)
    out = out.merge(
        summary[["agency", "fiscal_year", "total", "grade", "framework_status"]], on=["agency", "fiscal_year"]
    )
    out = in_agency_order(out, year["agency"], ["agency", "indicator"])
    return out[RESULTS_COLUMNS].reset_index(drop=True)


def comparison_table(
    scores: pd.DataFrame, fiscal_year: int, previous_year: int | None = None, agency: str | None = None
) -> pd.DataFrame:
    """Each indicator's score in the previous and the current year, and the change.

    Columns (``COMPARISON_COLUMNS``): score_previous (NaN where the agency has no previous year),
    score_current, change (current - previous, 2 decimals), direction (up / down / same / new).
    Agencies are those with scores in ``fiscal_year``.
    """
    previous_year = fiscal_year - 1 if previous_year is None else previous_year
    fw = load_framework(fiscal_year)
    sel = scores if agency is None else scores[scores["agency"] == agency]
    cur = sel[sel["fiscal_year"] == fiscal_year][["agency", "indicator", "score"]].rename(
        columns={"score": "score_current"}
    )
    prev = sel[sel["fiscal_year"] == previous_year][["agency", "indicator", "score"]]
    out = cur.merge(prev.rename(columns={"score": "score_previous"}), on=["agency", "indicator"], how="left")
    out = out.merge(indicator_names(fw), on="indicator", how="left")
    out["fiscal_year"] = fiscal_year
    out["previous_year"] = previous_year
    change = round2(out["score_current"].to_numpy() - out["score_previous"].to_numpy())
    out["change"] = change
    out["direction"] = np.select(
        [out["score_previous"].isna(), change > 0, change < 0], ["new", "up", "down"], default="same"
    )
    out = in_agency_order(out, cur["agency"], ["agency", "indicator"])
    return out[COMPARISON_COLUMNS].reset_index(drop=True)


def trend_table(scores: pd.DataFrame, agency: str | None = None, up_to: int | None = None) -> pd.DataFrame:
    """Tool scores, total and grade per year (all years in the data up to ``up_to``): the summary rows."""
    sel = scores if agency is None else scores[scores["agency"] == agency]
    if up_to is not None:
        sel = sel[sel["fiscal_year"] <= up_to]
    return score(sel).sort_values(["agency", "fiscal_year"]).reset_index(drop=True)
