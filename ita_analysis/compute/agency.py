"""Everything one agency's outputs show for one fiscal year, as a frozen value of facts.

:func:`agency_year` reads the agency's rows of a :class:`~ita_analysis.compute.year.YearData` and
gives its results, two-year comparison, weaknesses (with sub-items and recommendations), history
and the indicators that fell two years running, its standing among the year's agencies, the plan to
its target, the measures plan rows and the notes (as codes). The report renders the value; no
sentence is written here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ita_analysis.compute.history import declined_two_years, history_table
from ita_analysis.compute.peers import Standing
from ita_analysis.compute.scoring import score
from ita_analysis.compute.tables import comparison_table, indicator_names, results_table
from ita_analysis.compute.target_gap import TargetPlan, goal_for, goal_framework, plan_for
from ita_analysis.compute.weakness import weakness_table
from ita_analysis.compute.whatif import agency_scores
from ita_analysis.compute.year import YearData
from ita_analysis.frameworks import Framework, load_framework
from ita_analysis.ingest.side_inputs import for_agency

PROVISIONAL = "provisional"
"""The note code of outputs computed with a provisional framework."""
PLAN_ROW_COLUMNS = ["indicator", "indicator_name", "tool", "action", "responsible", "timeline", "kpi", "missing"]


@dataclass(frozen=True, kw_only=True)
class Options:
    """The analysis choices and side tables an agency's figures depend on (beside the data)."""

    previous_year: int | None = None  # None: fiscal_year - 1
    weakness_rule: str = "default"
    target: float | str | None = None  # the target of every agency; None: from ``targets``
    targets: pd.DataFrame | None = None
    n_lowest: int = 3
    n_items: int = 3
    items: pd.DataFrame | None = None
    notes: pd.DataFrame | None = None
    recommendations: pd.DataFrame | None = None
    plan: pd.DataFrame | None = None

    def comparison_year(self, fiscal_year: int) -> int:
        """The year ``fiscal_year`` is compared with: ``previous_year``, or the year before."""
        return fiscal_year - 1 if self.previous_year is None else int(self.previous_year)


def target_spec(options: Options, agency: str, fiscal_year: int) -> float | str | None:
    """The agency's target as given (a score, or a grade/rating label): the ``target`` option, else
    the targets file's row for the next fiscal year (the year the measures are for), else for the
    analysed year, else a row without a year."""
    if options.target is not None:
        return options.target
    if options.targets is None:
        return None
    t = options.targets[options.targets["agency"] == agency]
    for hit in (t[t["fiscal_year"] == fiscal_year + 1], t[t["fiscal_year"] == fiscal_year], t[t["fiscal_year"].isna()]):
        if len(hit):
            level = hit["target_level"].iloc[-1] if "target_level" in hit else ""
            return level or float(hit["target"].iloc[-1])
    return None


def target_total(spec: float | str | None, fiscal_year: int) -> float | None:
    """A target as a total (a grade or rating: its minimum total, judged by the goal framework)."""
    if spec is None or isinstance(spec, float | int):
        return None if spec is None else float(spec)
    return goal_for(spec, goal_framework(fiscal_year)).min_total


def indicator_scores(year: YearData, agency: str, fiscal_year: int | None = None) -> dict[int, float]:
    """Indicator number -> score of an agency in the year (or ``fiscal_year``)."""
    return agency_scores(year.agency_scores(agency), agency, year.fiscal_year if fiscal_year is None else fiscal_year)


def weaknesses_under(
    comparison: pd.DataFrame,
    history: pd.DataFrame,
    framework: Framework,
    options: Options,
    target: float | Mapping[str, float] | None,
) -> pd.DataFrame:
    """The weakness table under the options' rule (``target``: the agencies' target totals, for
    below_target)."""
    return weakness_table(
        comparison,
        rule=options.weakness_rule,
        pass_mark=framework.pass_mark,
        target=target if options.weakness_rule == "below_target" else None,
        n_lowest=options.n_lowest,
        items=options.items,
        notes=options.notes,
        recommendations=options.recommendations,
        n_items=options.n_items,
        history=history,
    )


def plan_rows(
    plan: pd.DataFrame | None, agency: str, plan_year: int, framework: Framework, weak: list[int]
) -> pd.DataFrame:
    """The agency's measures plan rows for ``plan_year`` (``PLAN_ROW_COLUMNS``), with a row marked
    ``missing`` (action empty) for each weak indicator that has none."""
    cols = ["indicator", "action", "responsible", "timeline", "kpi"]
    mine = for_agency(plan, agency, plan_year)[cols] if plan is not None else pd.DataFrame(columns=cols)
    mine = mine[mine["action"].astype(str).str.strip() != ""]
    missing = [n for n in weak if n not in set(mine["indicator"].dropna().astype(int))]
    extra = pd.DataFrame({"indicator": missing, "action": "", "responsible": "", "timeline": "", "kpi": ""})
    out = pd.concat([mine.assign(missing=False), extra.assign(missing=True)], ignore_index=True)
    out["indicator"] = out["indicator"].astype(int)
    out = out.merge(indicator_names(framework), on="indicator", how="left").sort_values(["indicator"], kind="stable")
    return out[PLAN_ROW_COLUMNS].reset_index(drop=True)


def _recommendations(recommendations: pd.DataFrame | None, agency: str, fy: int, fw: Framework) -> pd.DataFrame:
    if recommendations is None:
        return pd.DataFrame(columns=["indicator", "recommendation", "indicator_name", "tool"])
    recs = for_agency(recommendations, agency, fy)[["indicator", "recommendation"]]
    recs = recs.merge(indicator_names(fw), on="indicator").sort_values("indicator", kind="stable")
    return recs.reset_index(drop=True)


@dataclass(frozen=True)
class AgencyYear:
    """One agency's figures for one fiscal year (facts only: codes, levels, numbers, tables).

    ``summary`` and ``previous_summary`` are the scored rows (dicts; the previous one None without
    every indicator that year); ``rule`` the weakness rule that chose the weak indicators;
    ``target`` the target as a total (None without one); ``declined`` the indicators that fell two
    years running; ``standing`` None when the agency is alone in the data; ``plan`` the measures
    plan rows (``PLAN_ROW_COLUMNS``); ``notes`` codes such as :data:`PROVISIONAL`.
    """

    agency: str
    fiscal_year: int
    previous_year: int
    framework: Framework
    scores: pd.DataFrame
    summary: dict
    previous_summary: dict | None
    results: pd.DataFrame
    comparison: pd.DataFrame
    weaknesses: pd.DataFrame
    rule: str
    n_lowest: int
    target: float | None
    gap: TargetPlan
    history: pd.DataFrame
    declined: tuple[int, ...]
    standing: Standing | None
    recommendations: pd.DataFrame
    plan: pd.DataFrame
    notes: tuple[str, ...] = ()


def agency_year(year: YearData, agency: str, options: Options) -> AgencyYear:
    """The :class:`AgencyYear` of ``agency`` in ``year`` under ``options``."""
    fy, fw = year.fiscal_year, year.framework
    prev = options.comparison_year(fy)
    scores = year.agency_scores(agency)
    prev_rows = scores[scores["fiscal_year"] == prev]
    previous_summary = (
        score(prev_rows).iloc[0].to_dict() if prev_rows["indicator"].nunique() == len(fw.numbers) else None
    )
    spec = target_spec(options, agency, fy)
    target = target_total(spec, fy)
    comparison = comparison_table(scores, fy, prev)
    history = history_table(scores, up_to=fy)
    weak = weaknesses_under(comparison, history, fw, options, None if target is None else {agency: target})
    tables = {
        "summary": score(scores[scores["fiscal_year"] == fy]).iloc[0].to_dict(),
        "previous_summary": previous_summary,
        "results": results_table(scores, fy),
        "comparison": comparison,
        "weaknesses": weak,
        "history": history,
    }
    return _assembled(year, agency, options, scores, spec, tables)


def agency_years(year: YearData, agencies: Sequence[str], options: Options) -> dict[str, AgencyYear]:
    """The :class:`AgencyYear` of each of ``agencies``, as :func:`agency_year` gives it, with its
    tables (summaries, results, comparison, history, weaknesses) computed for all of them at once
    and cut per agency: a worker's batch of agencies costs a fraction of their tables one by one.
    Left out (for :func:`agency_year` to compute, or fail on, alone): an agency without every
    indicator of the year, or whose previous year holds other indicators than that year's framework."""
    fy, fw = year.fiscal_year, year.framework
    prev = options.comparison_year(fy)
    names = [a for a in dict.fromkeys(agencies) if a in year.rows]
    if not names:
        return {}
    scores = year.scores.iloc[np.concatenate([year.rows[a] for a in names])]
    now, before = scores[scores["fiscal_year"] == fy], scores[scores["fiscal_year"] == prev]
    full = set(fw.numbers)
    indicators = {a: set(rows) for a, rows in now.groupby("agency", sort=False)["indicator"]}
    earlier = {a: set(rows) for a, rows in before.groupby("agency", sort=False)["indicator"]}
    complete = {a for a, n in earlier.items() if len(n) == len(full)}
    if complete and any(earlier[a] != set(load_framework(prev).numbers) for a in complete):
        complete = set()  # another year's indicators: each agency alone, as agency_year does it
    names = [a for a in names if indicators.get(a) == full and (a in complete or len(earlier.get(a, ())) != len(full))]
    if not names:
        return {}
    scores = scores[scores["agency"].isin(names)]
    specs = {a: target_spec(options, a, fy) for a in names}
    targets = {a: t for a in names if (t := target_total(specs[a], fy)) is not None}
    comparison, history = comparison_table(scores, fy, prev), history_table(scores, up_to=fy)
    tables = {
        "summary": _cut_rows(score(scores[scores["fiscal_year"] == fy]), names),
        "previous_summary": _cut_rows(score(before[before["agency"].isin(complete)]), names),
        "results": _cut(results_table(scores, fy), names),
        "comparison": _cut(comparison, names),
        "weaknesses": _cut(weaknesses_under(comparison, history, fw, options, targets or None), names),
        "history": _cut(history, names),
    }
    for a in names:  # no weak indicator: the empty table as the agency's own makes it (its columns' types)
        if tables["weaknesses"][a].empty:
            target = {a: targets[a]} if a in targets else None
            tables["weaknesses"][a] = weaknesses_under(
                tables["comparison"][a], tables["history"][a], fw, options, target
            )
    return {
        a: _assembled(year, a, options, year.agency_scores(a), specs[a], {k: t[a] for k, t in tables.items()})
        for a in names
    }


def _cut(table: pd.DataFrame, names: list[str]) -> dict[str, pd.DataFrame]:
    """Each agency's rows of a table of several agencies, as that agency's own table (rows in order,
    index from 0; no rows: the table's columns)."""
    rows = table.groupby("agency", sort=False).indices if len(table) else {}
    return {a: table.iloc[rows[a] if a in rows else []].reset_index(drop=True) for a in names}


def _cut_rows(summary: pd.DataFrame, names: list[str]) -> dict[str, dict | None]:
    """Each agency's scored row as a dict (None without one)."""
    rows = summary.groupby("agency", sort=False).indices if len(summary) else {}
    return {a: summary.iloc[rows[a][0]].to_dict() if a in rows else None for a in names}


def _assembled(year: YearData, agency: str, options: Options, scores: pd.DataFrame, spec, tables: dict) -> AgencyYear:
    """The :class:`AgencyYear` from the agency's tables (summary, previous_summary, results,
    comparison, weaknesses, history) and its target as given."""
    fy, fw = year.fiscal_year, year.framework
    weak, history = tables["weaknesses"], tables["history"]
    rule = options.weakness_rule
    rule = weak["rule"].iloc[0] if len(weak) else ("declined" if rule == "default" else rule)
    return AgencyYear(
        agency=agency,
        fiscal_year=fy,
        previous_year=options.comparison_year(fy),
        framework=fw,
        scores=scores,
        summary=tables["summary"],
        previous_summary=tables["previous_summary"],
        results=tables["results"],
        comparison=tables["comparison"],
        weaknesses=weak,
        rule=rule,
        n_lowest=options.n_lowest,
        target=target_total(spec, fy),
        gap=plan_for(indicator_scores(year, agency), fw.fiscal_year, spec),
        history=history,
        declined=tuple(sorted(declined_two_years(history, agency, fy))),
        standing=year.standing(agency),
        recommendations=_recommendations(options.recommendations, agency, fy, fw),
        plan=plan_rows(options.plan, agency, fy + 1, fw, weak["indicator"].tolist()),
        notes=(PROVISIONAL,) if fw.provisional else (),
    )
