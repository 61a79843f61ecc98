"""The Thai columns of the weakness table (``weaknesses.csv``, the notebooks, the documents): the
rule each weak indicator was chosen by, and its sub-items one per line."""

from __future__ import annotations

import pandas as pd

from ita_analysis.compute.weakness import WEAKNESS_COLUMNS, SubItem
from ita_analysis.report.texts import rule_th

DECLINED_TWO_YEARS_TH = "ลดลงต่อเนื่อง 2 ปี"
"""Added to ``rule_th`` ("; ลดลงต่อเนื่อง 2 ปี") of a weak indicator that fell two years running."""


def row_rule_th(rule: str, figure: float, declined_two_years: bool = False) -> str:
    """One weak row's rule in Thai, from the rule and the figure it compared with
    (:func:`ita_analysis.compute.weakness.select_weak`'s ``rule_figure``)."""
    value = None if pd.isna(figure) else float(figure)
    text = rule_th(rule, pass_mark=value or 0.0, target=value, n_lowest=int(value or 0))
    return f"{text}; {DECLINED_TWO_YEARS_TH}" if declined_two_years else text


def rules_th(weak: pd.DataFrame) -> list[str]:
    """``rule_th`` of each row of a table of weak rows (with ``rule`` and ``rule_figure``)."""
    declined = weak["declined_two_years"] if "declined_two_years" in weak else [False] * len(weak)
    return [row_rule_th(*row) for row in zip(weak["rule"], weak["rule_figure"], declined, strict=True)]


def sub_item_th(fact: SubItem | str) -> str:
    """A sub-item line: "o35 text (0.00; +2.00 คะแนนรวม)" for an item scored 0, "code text (score)"
    for a low one, "code text (score; ลดลง 20.00 จากปีก่อน)" for one that fell; a note as written."""
    if isinstance(fact, str):
        return fact
    figures = {
        "zero": f"0.00; +{fact.worth_in_total:.2f} คะแนนรวม",
        "low": f"{fact.score:.2f}",
        "fell": f"{fact.score:.2f}; ลดลง {-fact.change:.2f} จากปีก่อน",
    }[fact.kind]
    text = f" {fact.text}" if fact.text else ""
    return f"{fact.item}{text} ({figures})"


def weakness_rows(facts: pd.DataFrame) -> pd.DataFrame:
    """The weakness table as written (``WEAKNESS_COLUMNS``) from
    :func:`ita_analysis.compute.weakness.weakness_table`'s facts."""
    out = facts.copy()
    out["rule_th"] = pd.Series(rules_th(facts), index=facts.index, dtype=object)
    lines = ["\n".join(sub_item_th(f) for f in facts_) for facts_ in facts["sub_item_facts"]]
    out["sub_items"] = pd.Series(lines, index=facts.index, dtype=object)
    return out[WEAKNESS_COLUMNS]
