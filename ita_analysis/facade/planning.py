"""From score to plan, for the notebooks and the batch alike: target gap, what-if, peers, history and items.

Mixed into :class:`ita_analysis.facade.Analysis`; the methods read its fields (fiscal_year,
agency, scores, loaded, items, targets ...) and return :class:`~ita_analysis.facade.output.Output`
objects (a table, charts and notes) like the yearly tables do.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ita_analysis.facade.output import Output
from ita_analysis.frameworks import Framework, load_framework


class PlanningOutputs:
    """Target gap, what-if, peers, history and item priorities of an Analysis."""

    # ------------------------------------------------------------ target gap
    def goal_framework(self) -> Framework:
        """The framework a target is judged by (:func:`~ita_analysis.compute.target_gap.goal_framework`)."""
        from ita_analysis.compute.target_gap import goal_framework

        return goal_framework(self.fiscal_year)

    def goal_for(self, agency: str):
        """(Goal, given) for an agency: its target (a score or a grade/rating) when set, else the
        level above the one reached (``given`` False); (None, False) at the top level."""
        from ita_analysis.compute.target_gap import plan_for

        targeted = plan_for(self.indicator_scores(agency), self.fiscal_year, self.target_spec(agency))
        return targeted.goal, targeted.given

    def indicator_scores(self, agency: str, year: int | None = None) -> dict[int, float]:
        """Indicator number -> score of an agency in the analysed year (or ``year``), from the one
        grouping of the data by agency."""
        from ita_analysis.compute.whatif import agency_scores

        s = self.loaded.scores
        rows = self._shared("rows by agency", lambda: s.groupby("agency", sort=False).indices)
        mine = s.iloc[rows[agency]] if agency in rows else s.iloc[:0]
        return agency_scores(mine, agency, self.fiscal_year if year is None else year)

    def indicator_result(self, agency: str):
        from ita_analysis.compute.whatif import evaluate

        return evaluate(self.indicator_scores(agency), self.framework)

    def gap_plan(self, agency: str, movable=None):
        """The agency's :class:`~ita_analysis.compute.target_gap.GapPlan` (None without a goal)."""
        from ita_analysis.compute.target_gap import plan_for

        return plan_for(self.indicator_scores(agency), self.fiscal_year, self.target_spec(agency), movable).plan

    def target_gap(self) -> Output:
        """``target_gap.csv``: each agency's plan to its target (or the next level), and the plan in words."""
        from ita_analysis.compute.target_gap import GAP_COLUMNS
        from ita_analysis.report.plan_text import gap_sentence_th

        tables, notes = [], list(self.provisional_note())
        for agency in self.agencies():
            plan = self.gap_plan(agency)
            if plan is None:
                notes.append(f"{agency}: อยู่ในระดับสูงสุดแล้ว ({self.indicator_result(agency).grade})")
                continue
            tables.append(plan.table(agency, self.fiscal_year))
            if self.agency is not None:
                notes.append(
                    gap_sentence_th(plan, self.framework, given=self.goal_for(agency)[1], judge=self.goal_framework())
                )
        table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=GAP_COLUMNS)
        return Output("target_gap", table, {}, notes)

    # --------------------------------------------------------------- what-if
    def what_if(self, set_scores=None, tool_change=None, agency: str | None = None):
        """Before and after (:class:`~ita_analysis.compute.whatif.WhatIf`) for planned scores."""
        from ita_analysis.compute.whatif import what_if

        agency = self._one_agency(agency)
        return what_if(self.indicator_scores(agency), self.framework, set_scores, tool_change)

    def _one_agency(self, agency: str | None) -> str:
        agency = agency or self.agency
        if agency is None:
            names = self.agencies()
            if len(names) != 1:
                raise ValueError(f"set agency: the data holds {len(names)} agencies ({', '.join(names[:5])} ...)")
            agency = names[0]
        return agency

    # ----------------------------------------------------------------- peers
    def _shared(self, key: str, make):
        """A value computed once per loaded data and shared by every agency's Analysis of it (the
        batch makes one Analysis per agency from the same data)."""
        cache = self.loaded.__dict__.setdefault("_shared", {})
        if key not in cache:
            cache[key] = make()
        return cache[key]

    @property
    def all_summary(self) -> pd.DataFrame:
        """Every agency's scored rows, every year of the data (peers are all agencies, not the selected one)."""
        from ita_analysis.compute.scoring import score

        return self._shared("summary", lambda: score(self.loaded.scores))

    @property
    def groups(self) -> pd.DataFrame | None:
        groups = getattr(self.loaded, "groups", None)
        return groups if groups is not None and len(groups) and (groups["group"] != "").any() else None

    @property
    def peer_data(self) -> pd.DataFrame:
        """``peers.csv`` rows of the analysed year (every agency; rank, percentile, group rank)."""
        from ita_analysis.compute.peers import peer_table

        def make():
            peers = peer_table(self.all_summary, self.groups)
            return peers[peers["fiscal_year"] == self.fiscal_year].reset_index(drop=True)

        return self._shared(f"peers {self.fiscal_year}", make)

    def peer_groups(self) -> Output:
        """Per group of the analysed year (and all agencies): n, mean, median, share at the pass mark,
        level counts, movement from the previous year (the year run's peer_groups.csv)."""
        from ita_analysis.compute.peers import peer_summary

        table = self._shared("peer_groups", lambda: peer_summary(self.all_summary, load_framework, self.groups))
        return Output("peer_groups", table[table["fiscal_year"] == self.fiscal_year].reset_index(drop=True), {}, [])

    def peer_note(self, agency: str) -> str:
        """The peer paragraph of an agency (Thai), or the national figures when it is alone in the data."""
        from ita_analysis.compute.peers import agency_standing, national_note_th, peer_sentence_th

        year = self.all_summary[self.all_summary["fiscal_year"] == self.fiscal_year]
        if len(year) < 2:
            return national_note_th(self.framework)
        standing = agency_standing(self.peer_data, agency, self.fiscal_year, framework=self.framework,
                                   group_name=self.loaded.group_name)  # fmt: skip
        return peer_sentence_th(standing, framework=self.framework)

    def peers(self) -> Output:
        """The agency's standing among all agencies (or every agency's), and the distribution charts."""
        from ita_analysis.report import charts

        table = self.peer_data
        year = self.all_summary[self.all_summary["fiscal_year"] == self.fiscal_year]
        notes = list(self.provisional_note())
        if len(year) < 2:
            notes.append("ข้อมูลมีหน่วยงานเดียว จึงเปรียบเทียบกับหน่วยงานอื่นไม่ได้ (only one agency in the data)")
            notes.append(self.peer_note(self.agency or self.agencies()[0]))
            return Output("peers", table, {}, [n for n in notes if n])
        if self.agency is not None:
            table = table[table["agency"] == self.agency].reset_index(drop=True)
            notes.append(self.peer_note(self.agency))
        if not self.wants("peers"):
            return Output("peers", table, {}, notes)
        figure = charts.peer_distribution(
            year, framework=self.framework, agency=self.agency, digits=self.digits,
            title=f"การกระจายของคะแนน ปีงบประมาณ พ.ศ. {self.fiscal_year} ({len(year)} หน่วยงาน)"
            + (f" {self.agency}" if self.agency else ""),
        )  # fmt: skip
        return Output("peers", table, {"peers": figure}, notes)

    # --------------------------------------------------------------- history
    @cached_property
    def history_data(self) -> pd.DataFrame:
        """``trend.csv``: every indicator's score and change per year, up to the analysed year."""
        from ita_analysis.compute.history import history_table

        return history_table(self.scores, up_to=self.fiscal_year)

    def declined_two_years(self, agency: str) -> list[int]:
        h = self.history_data
        hit = h[(h["agency"] == agency) & (h["fiscal_year"] == self.fiscal_year) & h["declined_two_years"]]
        return sorted(int(n) for n in hit["indicator"])

    def history(self) -> Output:
        """The multi-year table and, for one agency with three years or more, a chart per tool
        (``history_<tool>``) and the tool means with the total (``trend``)."""
        from ita_analysis.compute.tables import trend_table
        from ita_analysis.report import charts

        table = self.history_data
        figures, notes = {}, list(self.provisional_note())
        span = f"ปีงบประมาณ พ.ศ. {int(table['fiscal_year'].min())} - {self.fiscal_year}" if len(table) else ""
        if self.agency is not None and table["fiscal_year"].nunique() > 2:
            for code in self.framework.tool_codes:
                if not self.wants(f"history_{code.lower()}"):
                    continue
                figures[f"history_{code.lower()}"] = charts.tool_history(
                    table, framework=self.framework, tool=code, digits=self.digits,
                    title=f"ผลคะแนนรายปี {code} {span} {self.agency}",
                )  # fmt: skip
            if self.wants("trend"):
                trend = trend_table(self.scores, up_to=self.fiscal_year)
                figures["trend"] = charts.trend_lines(
                    trend, framework=self.framework, title=f"ผลคะแนนรวมรายปี {span} {self.agency}", digits=self.digits
                )
            flagged = self.declined_two_years(self.agency)
            if flagged:
                names = ", ".join(f"{n} {self.framework.indicator(n).name_th}" for n in flagged)
                notes.append(f"ตัวชี้วัดที่คะแนนลดลงต่อเนื่อง 2 ปี: {names}")
        return Output("trend", table, figures, notes)

    # ----------------------------------------------------------------- items
    def item_priorities(self) -> Output:
        """Item scores of each agency, cheapest points first (items at 0, then the lowest, then
        those that fell most), with what each is worth in the total."""
        from ita_analysis.compute.items import item_priorities

        if self.items is None:
            return Output("items", pd.DataFrame(), {}, ["ไม่มีคะแนนรายข้อ (no item scores given: items=None)"])
        parts = [
            item_priorities(self.items, self.framework, agency, self.fiscal_year, previous_year=self.prev_year)
            for agency in self.agencies()
        ]
        parts = [p for p in parts if len(p)]
        table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        return Output("items", table, {}, list(self.provisional_note()))
