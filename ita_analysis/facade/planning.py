"""From score to plan, for the notebooks and the batch alike: target gap, what-if, peers, history and items.

Mixed into :class:`ita_analysis.facade.Analysis`; the methods read its fields (fiscal_year,
agency, year, items ...) and the agencies' figures compute gives
(:mod:`ita_analysis.compute.agency`), and return :class:`~ita_analysis.facade.output.Output`
objects (a table, charts and notes) like the yearly tables do. Sentences and titles come from
:mod:`ita_analysis.report.texts` and :mod:`ita_analysis.report.titles`.
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.compute.agency import indicator_scores
from ita_analysis.compute.history import declined_two_years
from ita_analysis.compute.items import item_priorities
from ita_analysis.compute.peers import GROUP_COLUMNS
from ita_analysis.compute.tables import trend_table
from ita_analysis.compute.target_gap import GAP_COLUMNS, TargetPlan, goal_framework, plan_for
from ita_analysis.compute.whatif import WhatIf, what_if
from ita_analysis.facade.output import Output
from ita_analysis.frameworks import Framework
from ita_analysis.report import charts, titles
from ita_analysis.report.gap_text import gap_sentence_th
from ita_analysis.report.texts import ALONE_TH, NO_ITEMS_TH, declined_note_th, standing_th, top_level_th

NO_PEERS_HIDDEN = ("rank", "percentile", *GROUP_COLUMNS)
"""The peer columns an agency alone in its year leaves empty: saved (``peers.csv``), not shown."""


class PlanningOutputs:
    """Target gap, what-if, peers, history and item priorities of an Analysis."""

    # ------------------------------------------------------------ target gap
    def goal_framework(self) -> Framework:
        """The framework a target is judged by (:func:`~ita_analysis.compute.target_gap.goal_framework`)."""
        return goal_framework(self.fiscal_year)

    def target_plan(self, agency: str) -> TargetPlan:
        """The agency's goal and plan (:func:`~ita_analysis.compute.target_gap.plan_for`)."""
        agency = self.agency_named(agency)
        if self._has_own() and agency == self.agency:
            return self.own.gap
        return plan_for(self.indicator_scores(agency), self.fiscal_year, self.target_spec(agency))

    def indicator_scores(self, agency: str, year: int | None = None) -> dict[int, float]:
        """Indicator number -> score of an agency in the analysed year (or ``year``)."""
        return indicator_scores(self.year, agency, year)

    def target_gap(self) -> Output:
        """``target_gap.csv``: each agency's plan to its target (or the next level), and the plan in words."""
        tables, notes = [], list(self.provisional_note())
        for agency in self.agencies():
            gap = self.target_plan(agency)
            if gap.plan is None:
                notes.append(top_level_th(agency, gap.result.grade))
                continue
            tables.append(gap.plan.table(agency, self.fiscal_year))
            if self.agency is not None:
                notes.append(gap_sentence_th(gap.plan, self.framework, given=gap.given, judge=gap.judge))
        table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=GAP_COLUMNS)
        return Output("target_gap", table, {}, notes)

    # --------------------------------------------------------------- what-if
    def what_if(self, set_scores=None, tool_change=None, agency: str | None = None) -> WhatIf:
        """Before and after (:class:`~ita_analysis.compute.whatif.WhatIf`) for planned scores."""
        agency = self._one_agency(agency)
        return what_if(self.indicator_scores(agency), self.framework, set_scores, tool_change)

    def _one_agency(self, agency: str | None) -> str:
        agency = self.agency_named(agency) if agency else self.agency
        if agency is None:
            names = self.agencies()
            if len(names) != 1:
                raise ValueError(f"set agency: the data holds {len(names)} agencies ({', '.join(names[:5])} ...)")
            agency = names[0]
        return agency

    # ----------------------------------------------------------------- peers
    @property
    def peer_data(self) -> pd.DataFrame:
        """``peers.csv`` rows of the analysed year (every agency; rank, percentile, group rank)."""
        return self.year.peers

    def peer_groups(self) -> Output:
        """Per group of the analysed year (and all agencies): n, mean, median, share at the pass mark,
        level counts, movement from the previous year (the year run's peer_groups.csv). The counts of
        levels the year's framework does not have (another year's grades or ratings: empty in every
        row) are saved, not shown."""
        table = self.year.peer_groups
        others = tuple(c for c in table.columns if str(c).startswith("count_") and table[c].isna().all())
        return Output("peer_groups", table, {}, [], hidden=others)

    def peer_note(self, agency: str) -> str:
        """The peer paragraph of an agency (Thai), or the national figures when it is alone in the data."""
        return standing_th(self.year.standing(agency), self.framework)

    def peers(self) -> Output:
        """The agency's standing among all agencies (or every agency's), and the distribution charts."""
        table = self.peer_data
        year = self.year.year_summary
        notes = list(self.provisional_note())
        if self.year.alone:  # no one to compare with: no rank, no percentile, NACC's national figures
            notes.append(ALONE_TH)
            notes.append(self.peer_note(self.agency or self.agencies()[0]))
            return Output("peers", table, {}, [n for n in notes if n], hidden=NO_PEERS_HIDDEN)
        if self.agency is not None:
            table = table[table["agency"] == self.agency].reset_index(drop=True)
            notes.append(self.peer_note(self.agency))
        if not self.wants("peers"):
            return Output("peers", table, {}, notes)
        figure = charts.peer_distribution(
            year,
            framework=self.framework,
            agency=self.agency,
            digits=self.digits,
            title=titles.peers_title(self.fiscal_year, len(year), self.agency),
        )
        return Output("peers", table, {"peers": figure}, notes)

    # --------------------------------------------------------------- history
    def declined_two_years(self, agency: str) -> list[int]:
        """The agency's indicators that fell in the analysed year and the year before."""
        if self._has_own() and agency == self.agency:
            return list(self.own.declined)
        return sorted(declined_two_years(self.history_data, agency, self.fiscal_year))

    def trend(self) -> Output:
        """The multi-year table and, for one agency with three years or more, a chart per tool
        (``history_<tool>``) and the tool means with the total (``trend``)."""
        table = self.history_data
        figures, notes = {}, list(self.provisional_note())
        span = titles.years_span(int(table["fiscal_year"].min()), self.fiscal_year) if len(table) else ""
        if self.agency is not None and table["fiscal_year"].nunique() > 2:
            for code in self.framework.tool_codes:
                if not self.wants(f"history_{code.lower()}"):
                    continue
                figures[f"history_{code.lower()}"] = charts.tool_history(
                    table,
                    framework=self.framework,
                    tool=code,
                    digits=self.digits,
                    title=titles.tool_history_title(code, span, self.agency),
                )
            if self.wants("trend"):
                trend = trend_table(self.scores, up_to=self.fiscal_year)
                figures["trend"] = charts.trend_lines(
                    trend, framework=self.framework, title=titles.trend_title(span, self.agency), digits=self.digits
                )
            note = declined_note_th(self.declined_two_years(self.agency), self.framework)
            if note:
                notes.append(note)
        return Output("trend", table, figures, notes)

    # ----------------------------------------------------------------- items
    def item_priorities(self) -> Output:
        """Item scores of each agency, cheapest points first (items at 0, then the lowest, then
        those that fell most), with what each is worth in the total."""
        if self.items is None:
            return Output("items", pd.DataFrame(), {}, [NO_ITEMS_TH])
        parts = [
            item_priorities(self.items, self.framework, agency, self.fiscal_year, previous_year=self.previous_year)
            for agency in self.agencies()
        ]
        parts = [p for p in parts if len(p)]
        table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        return Output("items", table, {}, list(self.provisional_note()))
