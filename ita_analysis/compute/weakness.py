"""Weak points: which indicators an agency must improve, why, with sub-items and NACC's recommendations.

Rules (``rule=``):

- ``declined``: the score fell from the previous year;
- ``below_pass``: the score is under the framework's pass mark;
- ``below_target``: the score is under the agency's own target;
- ``lowest``: the agency's ``n_lowest`` lowest indicators;
- ``default`` (the reference document's): ``declined``; for an agency with no previous year or
  nothing declined, ``below_pass``.

The table says which rule selected each indicator (``rule``, and ``rule_th`` in Thai).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ita_analysis.frameworks import load_framework
from ita_analysis.ingest.side_inputs import for_agency

RULES = ("default", "declined", "below_pass", "below_target", "lowest")
WEAKNESS_COLUMNS = [
    "agency", "fiscal_year", "previous_year", "indicator", "indicator_name", "tool", "score_previous",
    "score_current", "change", "rule", "rule_th", "sub_items", "sub_items_source", "recommendation",
]  # fmt: skip


def rule_th(rule: str, *, pass_mark: float, target: float | None = None, n_lowest: int = 3) -> str:
    """The rule in Thai, as the table and the documents show it."""
    return {
        "declined": "คะแนนลดลงจากปีก่อน",
        "below_pass": f"คะแนนต่ำกว่าเกณฑ์ผ่าน ({pass_mark:g} คะแนน)",
        "below_target": "คะแนนต่ำกว่าค่าเป้าหมายของหน่วยงาน" + (f" ({target:.2f} คะแนน)" if target is not None else ""),
        "lowest": f"คะแนนต่ำสุด {n_lowest} ตัวชี้วัด",
    }[rule]


def select_weak(
    comparison: pd.DataFrame,
    *,
    rule: str = "default",
    pass_mark: float | None = None,
    target: float | Mapping[str, float] | None = None,
    n_lowest: int = 3,
) -> pd.DataFrame:
    """Rows of a comparison table (see :func:`ita_analysis.compute.tables.comparison_table`) that are weak.

    Adds ``rule`` (the rule that selected the row) and ``rule_th``. ``target`` is one number for all
    agencies or a mapping agency -> target; it is needed for ``below_target`` only.
    """
    if rule not in RULES:
        raise ValueError(f"unknown weakness rule {rule!r}; choose one of {', '.join(RULES)}")
    if comparison.empty:
        return comparison.assign(rule=pd.Series(dtype=object), rule_th=pd.Series(dtype=object))
    year = int(comparison["fiscal_year"].iloc[0])
    pass_mark = load_framework(year).pass_mark if pass_mark is None else float(pass_mark)
    c = comparison
    declined = (c["change"] < 0).to_numpy()
    below_pass = (c["score_current"] < pass_mark - 1e-9).to_numpy()
    targets = _targets(c, target)
    if rule == "below_target" and targets.isna().any():
        missing = ", ".join(pd.unique(c.loc[targets.isna(), "agency"]))
        raise ValueError(f"the rule below_target needs a target for: {missing}")
    below_target = (c["score_current"] < targets - 1e-9).to_numpy()
    rank = c.groupby("agency", sort=False)["score_current"].rank(method="first").to_numpy()
    lowest = rank <= n_lowest
    if rule == "default":
        any_declined = pd.Series(declined, index=c.index).groupby(c["agency"]).transform("any").to_numpy()
        chosen = np.where(any_declined, "declined", "below_pass")
        mask = np.where(any_declined, declined, below_pass)
    else:
        mask = {"declined": declined, "below_pass": below_pass, "below_target": below_target, "lowest": lowest}[rule]
        chosen = np.full(len(c), rule, dtype=object)
    out = c[mask].copy()
    out["rule"] = chosen[mask]
    tgt = targets[mask]
    out["rule_th"] = [
        rule_th(r, pass_mark=pass_mark, target=None if pd.isna(t) else float(t), n_lowest=n_lowest)
        for r, t in zip(out["rule"], tgt, strict=True)
    ]
    return out.reset_index(drop=True)


def _targets(c: pd.DataFrame, target) -> pd.Series:
    if target is None:
        return pd.Series(np.nan, index=c.index)
    if isinstance(target, Mapping):
        return c["agency"].map(target).astype("float64")
    return pd.Series(float(target), index=c.index)


def weakness_table(
    comparison: pd.DataFrame,
    *,
    rule: str = "default",
    pass_mark: float | None = None,
    target: float | Mapping[str, float] | None = None,
    n_lowest: int = 3,
    items: pd.DataFrame | None = None,
    notes: pd.DataFrame | None = None,
    recommendations: pd.DataFrame | None = None,
    n_items: int = 3,
) -> pd.DataFrame:
    """The weakness table: weak indicators with their sub-items and NACC's recommendations.

    Sub-items come from item-level scores where given (the indicator's ``n_items`` lowest items,
    "code text (score)"), otherwise from the analyst's notes; ``sub_items`` holds them one per line
    and ``sub_items_source`` says which ("items", "notes" or ""). ``recommendation`` joins the
    recommendations file's rows for the indicator (one per line). Columns: ``WEAKNESS_COLUMNS``.
    """
    weak = select_weak(comparison, rule=rule, pass_mark=pass_mark, target=target, n_lowest=n_lowest)
    subs, sources, recs = [], [], []
    for r in weak.itertuples(index=False):
        lines, source = _sub_items(r.agency, r.fiscal_year, r.indicator, items, notes, n_items)
        subs.append("\n".join(lines))
        sources.append(source)
        recs.append(_recommendation(r.agency, r.fiscal_year, r.indicator, recommendations))
    weak["sub_items"] = pd.Series(subs, index=weak.index, dtype=object)
    weak["sub_items_source"] = pd.Series(sources, index=weak.index, dtype=object)
    weak["recommendation"] = pd.Series(recs, index=weak.index, dtype=object)
    return weak[WEAKNESS_COLUMNS]


def _sub_items(agency, year, indicator, items, notes, n_items) -> tuple[list[str], str]:
    if items is not None and len(items):
        mine = items[(items["agency"] == agency) & (items["fiscal_year"] == year) & (items["indicator"] == indicator)]
        if len(mine):
            low = mine.sort_values(["score", "item"], kind="stable").head(n_items)
            return [_item_line(x) for x in low.itertuples(index=False)], "items"
    if notes is not None and len(notes):
        mine = for_agency(notes, agency, year)
        mine = mine[mine["indicator"] == indicator]
        if len(mine):
            return mine["sub_item"].tolist(), "notes"
    return [], ""


def _item_line(x) -> str:
    text = f" {x.text}" if x.text else ""
    return f"{x.item}{text} ({x.score:.2f})"


def _recommendation(agency, year, indicator, recommendations) -> str:
    if recommendations is None or not len(recommendations):
        return ""
    mine = for_agency(recommendations, agency, year)
    return "\n".join(mine.loc[mine["indicator"] == indicator, "recommendation"].tolist())
