"""Tool scores, weighted total and grade for any number of agencies and years, as NACC computes them.

- tool score = arithmetic mean of the tool's indicator scores (unrounded);
- weighted = tool weight x tool score; total = sum of the weighted scores (unrounded);
- published figures carry two decimals, rounded half up; the grade (letter or rating) is read from
  the framework's levels on the 2-decimal total and, where a level asks, the 2-decimal tool scores.

All figures are points on the 0-100 scale.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ita_analysis.errors import Problem
from ita_analysis.frameworks import Framework, any_framework, load_framework, tool_column, weighted_column
from ita_analysis.i18n import gettext as _

KEY = ["agency", "fiscal_year"]


def round2(values):
    """Round half up to 2 decimals, as printed figures are (23.695 -> 23.70, not 23.69).

    A tiny epsilon absorbs binary noise: 0.3 * 78.98333... is stored as 23.694999999999997.
    """
    arr = np.asarray(values, dtype="float64")
    out = np.floor(arr * 100.0 + 0.5 + 1e-7) / 100.0
    return out if isinstance(values, np.ndarray) or np.ndim(values) else float(out)


def indicator_columns(framework: Framework) -> list[str]:
    """Names of the indicator columns in a summary: ind_1 ... ind_n, one per indicator of the framework."""
    return [f"ind_{n}" for n in framework.numbers]


def summary_columns(*frameworks: Framework) -> list[str]:
    """Columns of a summary of years scored with these frameworks (the tools' and indicators' columns
    of all of them, in the order they first appear)."""
    codes = list(dict.fromkeys(c for fw in frameworks for c in fw.tool_codes))
    indicators = list(dict.fromkeys(c for fw in frameworks for c in indicator_columns(fw)))
    return [
        *KEY,
        *map(tool_column, codes),
        *map(weighted_column, codes),
        "total",
        "grade",
        "framework_status",
        *indicators,
    ]


def grade(total, tool_scores: dict[str, np.ndarray] | None, framework: Framework) -> np.ndarray:
    """Grade or rating label per row from 2-decimal totals (and tool scores where a level needs them)."""
    total = round2(np.atleast_1d(np.asarray(total, dtype="float64")))
    conditions = []
    for level in framework.levels:
        ok = total >= level.min_total - 1e-9
        if level.min_each_tool is not None:
            if tool_scores is None:
                raise ValueError(f"grading level {level.label} needs the tool scores")
            for code in framework.tool_codes:
                ok = ok & (round2(np.asarray(tool_scores[code], dtype="float64")) >= level.min_each_tool - 1e-9)
        conditions.append(ok)
    labels = [level.label for level in framework.levels]
    return np.select(conditions, labels, default="")


def score(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per agency-year from a tidy score table (see :data:`ita_analysis.ingest.scores.SCORE_COLUMNS`).

    Columns: agency, fiscal_year, one column per tool of the year's framework (the tool mean, named
    by the lower-case tool code, e.g. ``iit``), then ``<tool>_weighted`` (weight x mean), total,
    grade, framework_status ("confirmed"/"provisional"), ind_1 ... ind_n (the framework's indicators).
    Figures are rounded half up to 2 decimals; grades come from those 2-decimal figures.
    Sorted by fiscal year, then agency in input order.
    """
    if scores.empty:
        return pd.DataFrame(columns=summary_columns(any_framework()))
    wide = scores.pivot_table(index=KEY, columns="indicator", values="score", aggfunc="first", sort=False)
    wide.columns = [int(c) for c in wide.columns]
    parts, frameworks = [], []
    for year, block in wide.groupby(level="fiscal_year", sort=True):
        frameworks.append(load_framework(int(year)))
        parts.append(_score_block(block, frameworks[-1]))
    out = pd.concat(parts).reset_index()
    return out[[c for c in summary_columns(*frameworks) if c in out.columns]]


def _score_block(block: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    out = pd.DataFrame(index=block.index)
    tool_means: dict[str, np.ndarray] = {}
    total = np.zeros(len(block))
    for tool in fw.tools:
        nums = [i.number for i in fw.tool_indicators(tool.code)]
        mean = block[nums].to_numpy(dtype="float64").mean(axis=1)
        tool_means[tool.code] = mean
        total = total + tool.weight * mean
    for tool in fw.tools:
        out[tool_column(tool.code)] = round2(tool_means[tool.code])
    for tool in fw.tools:
        out[weighted_column(tool.code)] = round2(tool.weight * tool_means[tool.code])
    out["total"] = round2(total)
    out["grade"] = grade(total, tool_means, fw)
    out["framework_status"] = fw.status
    for n in fw.numbers:
        out[f"ind_{n}"] = block[n].to_numpy(dtype="float64")
    return out


def compare_published(summary: pd.DataFrame, published: pd.DataFrame) -> list[Problem]:
    """Warnings where a figure printed in the input differs from the recomputed one.

    Printed means come from NACC's unrounded scores, so a difference of 0.01 is expected now
    and then (the OCSC FY2563 EIT mean is printed 78.99; its printed indicators give 78.98).
    Each difference is reported, never corrected and never an error.
    """
    if published.empty or summary.empty:
        return []
    merged = published.merge(summary, on=KEY, how="inner", suffixes=("", "_computed"))
    warnings = []
    for _index, r in merged.iterrows():
        measure = r["measure"]
        if measure not in summary.columns:
            continue
        computed = r[measure]
        if measure == "grade":
            if str(r["value"]) != str(computed):
                warnings.append(
                    Problem(
                        r["file"],
                        int(r["row"]),
                        r["column"],
                        str(r["value"]),
                        _("the grade '{grade}' that the framework gives for {agency}, {year}").format(
                            grade=computed, agency=r["agency"], year=r["fiscal_year"]
                        ),
                    )
                )
            continue
        value = float(r["value"])
        diff = value - float(computed)
        if abs(diff) > 0.005:
            size = (
                _("within the 0.01 that rounding allows")
                if abs(diff) <= 0.0100001
                else _("more than rounding explains")
            )
            label = measure.upper().replace("_WEIGHTED", " weighted")
            warnings.append(
                Problem(
                    r["file"],
                    int(r["row"]),
                    r["column"],
                    f"{value:.2f}",
                    _(
                        "{label} {computed:.2f} as recomputed from the indicator scores for "
                        "{agency}, {year} (difference {diff:+.2f}, {size})"
                    ).format(
                        label=label,
                        computed=float(computed),
                        agency=r["agency"],
                        year=r["fiscal_year"],
                        diff=diff,
                        size=size,
                    ),
                )
            )
    return warnings


def printed_differences(summary: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The figures (not grades) printed in the input that differ from the recomputed ones, as
    :func:`compare_published` reports them: agency, fiscal_year, measure (``eit``, ``eit_weighted``,
    ``total`` ...), printed and computed (the OCSC FY2563 EIT mean: printed 78.99, computed 78.98)."""
    columns = [*KEY, "measure", "printed", "computed"]
    if published.empty or summary.empty:
        return pd.DataFrame(columns=columns)
    merged = published.merge(summary, on=KEY, how="inner", suffixes=("", "_computed"))
    rows = [
        (r["agency"], int(r["fiscal_year"]), r["measure"], float(r["value"]), float(r[r["measure"]]))
        for _index, r in merged.iterrows()
        if r["measure"] in summary.columns and r["measure"] != "grade"
    ]
    out = pd.DataFrame(rows, columns=columns)
    return out[(out["printed"] - out["computed"]).abs() > 0.005].drop_duplicates(columns).reset_index(drop=True)


def in_agency_order(table: pd.DataFrame, agencies, by: list[str]) -> pd.DataFrame:
    """``table`` sorted by ``by``, whose "agency" column sorts in the order the agencies first appear
    in ``agencies`` (the input order); the other columns sort by value."""
    order = {a: k for k, a in enumerate(pd.unique(pd.Series(agencies)))}
    return table.sort_values(by, key=lambda s: s.map(order) if s.name == "agency" else s)
