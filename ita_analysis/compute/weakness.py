"""Weak points: which indicators an agency must improve, why, with sub-items and NACC's recommendations.

Rules (``rule=``):

- ``declined``: the score fell from the previous year;
- ``below_pass``: the score is under the framework's pass mark;
- ``below_target``: the score is under the agency's own target;
- ``lowest``: the agency's ``n_lowest`` lowest indicators;
- ``default`` (the reference document's): ``declined``; for an agency with no previous year or
  nothing declined, ``below_pass``.

The table says which rule selected each indicator (``rule``, and ``rule_figure``: the pass mark, the
target or the number of lowest indicators it compared with), and flags the weak indicators that fell
two years running (``declined_two_years``, given a history). Sub-items are facts
(:class:`SubItem`, or the analyst's note as written); the Thai columns of ``weaknesses.csv``
(``rule_th``, ``sub_items``) are written by :func:`ita_analysis.report.weakness_text.weakness_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ita_analysis.compute.history import declined_two_years_by_agency
from ita_analysis.compute.items import FULL_SCORE, item_priorities
from ita_analysis.compute.scoring import round2
from ita_analysis.frameworks import load_framework
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.side_inputs import for_agency

RULES = ("default", "declined", "below_pass", "below_target", "lowest")
WEAKNESS_COLUMNS = [
    "agency", "fiscal_year", "previous_year", "indicator", "indicator_name", "tool", "score_previous",
    "score_current", "change", "rule", "rule_th", "sub_items", "sub_items_source", "recommendation",
    "declined_two_years",
]  # fmt: skip
"""The columns of ``weaknesses.csv`` (the facts with their Thai text)."""
FACT_COLUMNS = [
    "agency", "fiscal_year", "previous_year", "indicator", "indicator_name", "tool", "score_previous",
    "score_current", "change", "rule", "rule_figure", "sub_item_facts", "sub_items_source", "recommendation",
    "declined_two_years",
]  # fmt: skip
"""The columns of :func:`weakness_table`."""


def read_rule(rule: object) -> str:
    """A weakness rule where it enters (``--weakness-rule``, the notebooks' ``weakness_rule``): one of
    :data:`RULES`; raises ValueError naming them."""
    if rule not in RULES:
        raise ValueError(
            _("unknown weakness rule '{rule}'; choose one of {rules}").format(rule=rule, rules=", ".join(RULES))
        )
    return str(rule)


@dataclass(frozen=True)
class SubItem:
    """An item of a weak indicator, from the item scores: ``kind`` "zero" (scored 0; ``worth_in_total``:
    the points of the total it adds at 100), "low" (under 100) or "fell" (``change``: from last year)."""

    item: str
    text: str
    score: float
    kind: str
    worth_in_total: float = 0.0
    change: float = 0.0


def select_weak(
    comparison: pd.DataFrame,
    *,
    rule: str = "default",
    pass_mark: float | None = None,
    target: float | Mapping[str, float] | None = None,
    n_lowest: int = 3,
) -> pd.DataFrame:
    """Rows of a comparison table (see :func:`ita_analysis.compute.tables.comparison_table`) that are weak.

    Adds ``rule`` (the rule that selected the row) and ``rule_figure`` (what the rule compared with:
    the pass mark, the target, the number of lowest indicators; NaN for ``declined``). ``target`` is
    one number for all agencies or a mapping agency -> target; it is needed for ``below_target`` only.
    """
    read_rule(rule)
    if comparison.empty:
        return comparison.assign(rule=pd.Series(dtype=object), rule_figure=pd.Series(dtype="float64"))
    year = int(comparison["fiscal_year"].iloc[0])
    pass_mark = load_framework(year).pass_mark if pass_mark is None else float(pass_mark)
    c = comparison
    declined = (c["change"] < 0).to_numpy()
    below_pass = (c["score_current"] < pass_mark - 1e-9).to_numpy()
    targets = _targets(c, target)
    if rule == "below_target" and targets.isna().any():
        missing = ", ".join(pd.unique(c.loc[targets.isna(), "agency"]))
        raise ValueError(_("the rule below_target needs a target for: {agencies}").format(agencies=missing))
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
    figures = {"declined": np.nan, "below_pass": pass_mark, "lowest": float(n_lowest)}
    out["rule_figure"] = [figures.get(r, t) for r, t in zip(out["rule"], targets[mask], strict=True)]
    return out.reset_index(drop=True).astype({"rule_figure": "float64"})


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
    history: pd.DataFrame | Mapping[tuple[str, int], Iterable[int]] | None = None,
) -> pd.DataFrame:
    """The weakness table: weak indicators with their sub-items and NACC's recommendations.

    Sub-items come from item-level scores where given (at most ``n_items`` per indicator, in the
    order of :func:`ita_analysis.compute.items.item_priorities`: items scored 0 first, with the
    points of the total each would add; then the lowest items below 100; where the previous year's
    items exist, part of the places left (half, rounded down) goes to the items that fell most:
    :class:`SubItem` facts), otherwise from the analyst's notes (their text); ``sub_item_facts``
    holds them (a tuple) and ``sub_items_source`` says which ("items", "notes" or "").
    ``recommendation`` joins the recommendations file's rows for the indicator (one per line).

    ``history`` is a history table (:func:`ita_analysis.compute.history.history_table`) or a mapping
    (agency, fiscal year) -> indicator numbers that fell two years running; a weak row among them
    gets ``declined_two_years`` True. Columns: ``FACT_COLUMNS``.
    """
    weak = select_weak(comparison, rule=rule, pass_mark=pass_mark, target=target, n_lowest=n_lowest)
    subs, sources, recs = [], [], []
    priorities: dict[tuple[str, int], pd.DataFrame] = {}
    for r in weak.itertuples(index=False):
        facts, source = _sub_items(r, items, notes, n_items, priorities)
        subs.append(tuple(facts))
        sources.append(source)
        recs.append(_recommendation(r.agency, r.fiscal_year, r.indicator, recommendations))
    weak["sub_item_facts"] = pd.Series(subs, index=weak.index, dtype=object)
    weak["sub_items_source"] = pd.Series(sources, index=weak.index, dtype=object)
    weak["recommendation"] = pd.Series(recs, index=weak.index, dtype=object)
    _flag_declined_two_years(weak, history)
    return weak[FACT_COLUMNS]


def _flag_declined_two_years(weak: pd.DataFrame, history) -> None:
    if isinstance(history, pd.DataFrame):
        history = declined_two_years_by_agency(history)
    flagged = {key: {int(n) for n in numbers} for key, numbers in (history or {}).items()}
    flags = [
        int(n) in flagged.get((a, int(y)), ())
        for a, y, n in zip(weak["agency"], weak["fiscal_year"], weak["indicator"], strict=True)
    ]
    weak["declined_two_years"] = pd.Series(flags, index=weak.index, dtype=bool)


def _sub_items(r, items, notes, n_items, priorities) -> tuple[list[SubItem | str], str]:
    if items is not None and len(items):
        key = (r.agency, int(r.fiscal_year))
        if key not in priorities:
            fw = load_framework(key[1])
            priorities[key] = item_priorities(items, fw, r.agency, key[1], int(r.previous_year))
        lines = _item_lines(priorities[key][priorities[key]["indicator"] == r.indicator], n_items)
        if lines:  # none when the indicator has no item scores, or all at 100
            return lines, "items"
    if notes is not None and len(notes):
        mine = for_agency(notes, r.agency, r.fiscal_year)
        mine = mine[mine["indicator"] == r.indicator]
        if len(mine):
            return mine["sub_item"].tolist(), "notes"
    return [], ""


def _item_lines(mine: pd.DataFrame, n_items: int) -> list[SubItem]:
    """Up to ``n_items`` items: zeros, the lowest below 100, and (with last year's items) those that
    fell most, half of the places left after the zeros (rounded down) going to the falls."""
    score = round2(mine["score"].to_numpy(dtype="float64"))
    zeros = [x for x, s in zip(mine.itertuples(index=False), score, strict=True) if s <= 0][:n_items]
    lows = [x for x, s in zip(mine.itertuples(index=False), score, strict=True) if 0 < s < FULL_SCORE]
    falls = sorted((x for x in lows if x.change < 0), key=lambda x: (x.change, -x.worth_in_total, x.priority))
    left = n_items - len(zeros)
    n_fell = min(left // 2, len(falls)) if mine["score_previous"].notna().any() else 0
    low_take = lows[: left - n_fell]
    fell_take = [x for x in falls if x not in low_take][:n_fell]
    low_take += [x for x in lows if x not in low_take and x not in fell_take][: left - len(low_take) - len(fell_take)]
    return (
        [SubItem(x.item, x.text, 0.0, "zero", worth_in_total=x.worth_in_total) for x in zeros]
        + [SubItem(x.item, x.text, x.score, "low") for x in low_take]
        + [SubItem(x.item, x.text, x.score, "fell", change=x.change) for x in fell_take]
    )


def _recommendation(agency, year, indicator, recommendations) -> str:
    if recommendations is None or not len(recommendations):
        return ""
    mine = for_agency(recommendations, agency, year)
    return "\n".join(mine.loc[mine["indicator"] == indicator, "recommendation"].tolist())
