"""Scores over any number of fiscal years: each indicator's change from year to year, and the
indicators that fell two years running.

A fall is judged on the two-decimal change (a change of 0.00 is not a fall), as the weakness rules
judge it. Years are compared with the fiscal year just before (year - 1) only: where the agency has
no score for that year the change is NaN, and a gap in the years breaks a run of falls.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ita_analysis.compute.scoring import in_agency_order, round2
from ita_analysis.compute.tables import trend_table
from ita_analysis.frameworks import load_framework

HISTORY_COLUMNS = ["agency", "fiscal_year", "indicator", "score", "change", "declined_two_years"]
_KEY = ["agency", "fiscal_year", "indicator"]


def _select(scores: pd.DataFrame, agency: str | None, up_to: int | None) -> pd.DataFrame:
    sel = scores if agency is None else scores[scores["agency"] == agency]
    if up_to is not None:
        sel = sel[sel["fiscal_year"] <= up_to]
    return sel


def history_table(scores: pd.DataFrame, agency: str | None = None, up_to: int | None = None) -> pd.DataFrame:
    """One row per agency, fiscal year and indicator, with the change from the year before.

    ``scores`` is the tidy score table (agency, fiscal_year, indicator, tool, score) over any number
    of years; ``agency`` keeps one agency, ``up_to`` the years up to and including that one.
    Columns (``HISTORY_COLUMNS``): score; change (score minus the same indicator's score in
    fiscal_year - 1, 2 decimals rounded half up; NaN when the agency has no score that year);
    declined_two_years (True when the score fell from year - 1 to this year *and* from year - 2
    to year - 1: three consecutive years present, each change below 0.00). Sorted by agency (in
    input order), fiscal year, indicator.
    """
    sel = _select(scores, agency, up_to)
    base = sel[_KEY + ["score"]].astype({"fiscal_year": "int64", "indicator": "int64", "score": "float64"})
    base = base.drop_duplicates(_KEY, keep="first")
    shifted = base.assign(fiscal_year=base["fiscal_year"] + 1).rename(columns={"score": "score_before"})
    out = base.merge(shifted, on=_KEY, how="left")
    out["change"] = round2(out["score"].to_numpy() - out["score_before"].to_numpy())
    fell = out[_KEY].assign(fell_before=out["change"] < 0, fiscal_year=out["fiscal_year"] + 1)
    out = out.merge(fell, on=_KEY, how="left")
    out["declined_two_years"] = ((out["change"] < 0) & out["fell_before"].eq(True)).astype(bool)
    out = in_agency_order(out, sel["agency"], _KEY)
    return out[HISTORY_COLUMNS].reset_index(drop=True)


def declined_two_years(scores: pd.DataFrame, agency: str, fiscal_year: int) -> set[int]:
    """The indicator numbers of ``agency`` whose score fell in ``fiscal_year`` and in the year before
    (see :func:`history_table`); ``scores`` is the tidy score table or a history table."""
    hist = scores if "declined_two_years" in scores.columns else history_table(scores, agency, up_to=fiscal_year)
    mine = hist[(hist["agency"] == agency) & (hist["fiscal_year"] == fiscal_year) & hist["declined_two_years"]]
    return {int(n) for n in mine["indicator"]}


def declined_two_years_by_agency(history: pd.DataFrame) -> dict[tuple[str, int], set[int]]:
    """(agency, fiscal year) -> indicator numbers flagged ``declined_two_years`` in a history table
    (the form :func:`ita_analysis.compute.weakness.weakness_table` takes as ``history``)."""
    flagged = history[history["declined_two_years"].astype(bool)]
    out: dict[tuple[str, int], set[int]] = {}
    for a, y, n in zip(flagged["agency"], flagged["fiscal_year"], flagged["indicator"], strict=True):
        out.setdefault((a, int(y)), set()).add(int(n))
    return out


def history_summary(
    history_or_scores: pd.DataFrame, agency: str | None = None, up_to: int | None = None
) -> pd.DataFrame:
    """Tool means, weighted scores, total and grade per agency and year (the rows of
    :func:`ita_analysis.compute.tables.trend_table`, which draws the trend chart).

    Takes the tidy score table or a history table (which has no tool column: each indicator's tool
    is then read from its year's framework).
    """
    df = history_or_scores
    if "tool" not in df.columns:
        tools = {int(y): load_framework(int(y)).tool_of() for y in pd.unique(df["fiscal_year"])}
        pairs = zip(df["fiscal_year"], df["indicator"], strict=True)
        df = df.assign(tool=[tools[int(y)].get(int(n), np.nan) for y, n in pairs])
    return trend_table(df[["agency", "fiscal_year", "indicator", "tool", "score"]], agency=agency, up_to=up_to)
