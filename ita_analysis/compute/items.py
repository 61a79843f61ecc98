"""Which items (questions, checklist entries) to work on first, and what each is worth in the total.

NACC publishes item scores but not how an indicator's score is made of them. We assume an
indicator's score is the mean of its items with equal weight (see docs/caveats.md), so raising an
item from its score to 100 raises the total by

    (100 - score) x tool weight / number of the tool's indicators / number of the indicator's items

(points of the total). The number of items is the framework's item list for the indicator where it
lists them, else the number of the indicator's items in the data. Example (FY2563): o35 of indicator
10 (items o34-o43) scored 0 is worth 100 x 0.40 / 2 / 10 = 2.00 points; o8 of indicator 9 (33
items) scored 0 is worth 100 x 0.40 / 2 / 33 = 0.61.

Priority: items scored 0 first (the cheapest points: an OIT item is often a document not yet
published), the highest worth first; then the others by score, lowest first (higher worth first on
equal scores; then item code).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ita_analysis.compute.scoring import round2
from ita_analysis.frameworks import Framework

ITEM_PRIORITY_COLUMNS = [
    "agency", "fiscal_year", "indicator", "tool", "item", "text", "score", "score_previous", "change",
    "worth_in_total", "priority", "reason",
]  # fmt: skip
FULL_SCORE = 100.0
REASONS = {
    "zero": "score 0",
    "lowest": "lowest",
    "below": "below full score",
    "full": "full score",
    "fell": "fell most",
}
"""``reason`` of a row: score 0; the lowest score of its indicator (above 0, below 100); another
score below 100; full score; "; fell most" is added to the item(s) of an indicator that fell most
from the previous year."""


def item_code_key(code: str) -> tuple[str, int, str]:
    """Item codes in natural order: o2 before o10."""
    m = re.match(r"^(\D*)(\d*)(.*)$", str(code))
    return m.group(1), int(m.group(2)) if m.group(2) else -1, m.group(3)


def _of(items: pd.DataFrame, agency: str, year: int) -> pd.DataFrame:
    return items[(items["agency"] == agency) & (items["fiscal_year"] == year)]


def _item_counts(current: pd.DataFrame, framework: Framework) -> dict[int, int]:
    """Items per indicator: the framework's list where it has one, else the items in the data."""
    in_data = current.groupby("indicator")["item"].nunique().to_dict()
    return {
        n: len(framework.indicator(n).items) or int(in_data.get(n, 0)) for n in {int(x) for x in current["indicator"]}
    }


def item_worth(current: pd.DataFrame, framework: Framework) -> np.ndarray:
    """Unrounded points of the total each item (a row of ``current``: indicator, tool, score; the
    items of one agency-year, or of many whose indicators the framework lists items for) adds by
    reaching 100 (equal weights, see the module's note)."""
    counts = _item_counts(current, framework)
    n_items = current["indicator"].map(counts).to_numpy(dtype="float64")
    weight = current["tool"].map(framework.weights).to_numpy(dtype="float64")
    n_ind = current["tool"].map({c: len(framework.tool_indicators(c)) for c in framework.tool_codes})
    gap = np.clip(FULL_SCORE - current["score"].to_numpy(dtype="float64"), 0.0, None)
    return gap * weight / n_ind.to_numpy(dtype="float64") / n_items


def _reasons(out: pd.DataFrame) -> list[str]:
    score = round2(out["score"].to_numpy(dtype="float64"))
    middle = (score > 0) & (score < FULL_SCORE)
    lowest = pd.Series(np.where(middle, score, np.inf), index=out.index).groupby(out["indicator"]).transform("min")
    falls = out["change"].where(out["change"] < 0)
    most = falls.groupby(out["indicator"]).transform("min")
    reasons = []
    for s, is_mid, low, fall, worst in zip(score, middle, lowest, falls, most, strict=True):
        key = "zero" if s <= 0 else "full" if s >= FULL_SCORE else "lowest" if is_mid and s <= low else "below"
        fell = not pd.isna(fall) and fall <= worst
        reasons.append(REASONS[key] + (f"; {REASONS['fell']}" if fell else ""))
    return reasons


def item_priorities(
    items: pd.DataFrame, framework: Framework, agency: str, fiscal_year: int, previous_year: int | None = None
) -> pd.DataFrame:
    """One agency-year's items in the order to work on them, with what each is worth in the total.

    ``items`` is the item-score table (:func:`ita_analysis.ingest.side_inputs.load_items`: agency,
    fiscal_year, indicator, item, text, score) and ``framework`` the year's. Columns
    (``ITEM_PRIORITY_COLUMNS``): tool; text (the item file's, else the framework's, else "");
    score_previous (the same item code in ``previous_year``, default fiscal_year - 1; NaN when
    absent); change (2 decimals); worth_in_total (points of the total the item adds by reaching
    100, 2 decimals, see the module's note); priority (1 = first); reason (see :data:`REASONS`).
    """
    previous_year = fiscal_year - 1 if previous_year is None else previous_year
    cur = _of(items, agency, fiscal_year).drop_duplicates("item", keep="first")
    prev = _of(items, agency, previous_year).drop_duplicates("item", keep="first")
    out = cur[["agency", "fiscal_year", "indicator", "item", "text", "score"]].merge(
        prev[["item", "score"]].rename(columns={"score": "score_previous"}), on="item", how="left"
    )
    out["indicator"] = out["indicator"].astype("int64")
    unknown = sorted(set(out["indicator"]) - set(framework.numbers))
    if unknown:
        raise ValueError(f"items of indicators {unknown}, which the FY{framework.fiscal_year} framework lacks")
    out["tool"] = out["indicator"].map(framework.tool_of())
    texts = zip(out["text"], out["item"], strict=True)
    out["text"] = [t if isinstance(t, str) and t else framework.item_text(c) for t, c in texts]
    out["change"] = round2(out["score"].to_numpy(dtype="float64") - out["score_previous"].to_numpy(dtype="float64"))
    worth = item_worth(out, framework)
    out["worth_in_total"] = round2(worth)
    zero = round2(out["score"].to_numpy(dtype="float64")) <= 0
    keys = pd.DataFrame(
        {
            "group": np.where(zero, 0, 1),
            "score": np.where(zero, 0.0, out["score"]),
            "worth": -worth,
            "code": [item_code_key(c) for c in out["item"]],
        }
    )
    order = sorted(range(len(out)), key=lambda i: tuple(keys.iloc[i]))
    out = out.iloc[order].reset_index(drop=True)
    out["priority"] = np.arange(1, len(out) + 1)
    out["reason"] = _reasons(out)
    return out[ITEM_PRIORITY_COLUMNS]
