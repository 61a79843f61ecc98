"""One fiscal year's analysis for one agency or all: the code the notebooks and the batch run share.

A notebook sets its parameters (the fields of :class:`~ita_analysis.parameters.AnalysisParameters`,
in that order), builds an :class:`Analysis` with :meth:`Analysis.from_params`, shows what :meth:`Analysis.results`,
:meth:`Analysis.comparison` and :meth:`Analysis.weaknesses` return and writes it with
:meth:`Analysis.save`. The batch run (``ita-analysis run``) executes those notebooks; for very large
runs it calls the same methods directly. Either way the figures are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from ita_analysis.compute.scoring import score
from ita_analysis.compute.tables import comparison_table, results_table
from ita_analysis.facade.output import Output
from ita_analysis.facade.planning import PlanningOutputs
from ita_analysis.frameworks import Framework, load_framework
from ita_analysis.ingest.scores import Loaded, load
from ita_analysis.parameters import AnalysisParameters

__all__ = ["TABLE_FILES", "Analysis", "AnalysisParameters", "Output"]

TABLE_FILES = {
    "results": "results.csv", "comparison": "comparison.csv", "weaknesses": "weaknesses.csv",
    "target_gap": "target_gap.csv", "trend": "trend.csv", "peers": "peers.csv", "peer_groups": "peer_groups.csv",
    "items": "item_priorities.csv",
}  # fmt: skip


def _only_agency(scores: pd.DataFrame) -> str | None:
    """The agency of a score table that holds one agency; None when it holds several or none."""
    names = pd.unique(scores["agency"])
    return str(names[0]) if len(names) == 1 else None


@dataclass
class Analysis(PlanningOutputs):
    """Parameters and data of one run. Build it with :meth:`from_params`.

    The fields are those of :class:`AnalysisParameters` with the files read, plus ``loaded`` (the
    score tables), ``n_lowest`` and ``n_items`` (how many indicators the ``lowest`` rule takes and
    how many items each weak indicator lists) and ``digits`` (the charts' digits).
    """

    fiscal_year: int
    loaded: Loaded
    agency: str | None = None
    previous_year: int | None = None
    weakness_rule: str = "default"
    target: float | str | None = None
    n_lowest: int = 3
    n_items: int = 3
    items: pd.DataFrame | None = None
    notes: pd.DataFrame | None = None
    recommendations: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    plan: pd.DataFrame | None = None
    output_dir: Path | None = None
    digits: str = "arabic"
    charts: tuple[str, ...] | None = None  # the charts to draw (e.g. ("indicators", "comparison")); None: all
    svg: bool = True  # save charts as SVG too
    agency_from_data: bool = False  # agency was None and the data holds one agency: that one is analysed

    def wants(self, chart: str) -> bool:
        """Whether the chart ``chart`` (indicators, contributions, comparison, trend, history_<tool>,
        peers) is drawn: every one unless ``charts`` names some."""
        return self.charts is None or chart in self.charts

    @classmethod
    def from_params(cls, parameters: AnalysisParameters) -> Analysis:
        """Load the data files (and the optional targets, items, notes, recommendations, plan files).

        With ``agency`` None and one agency in the data, that agency is analysed (``agency_from_data``).
        """
        from ita_analysis.ingest import side_inputs as inputs

        p = parameters
        fiscal_year, agency, data, sheet, group = p.fiscal_year, p.agency, p.data, p.sheet, p.group
        items, notes, recommendations, targets, plan = p.items, p.notes, p.recommendations, p.targets, p.plan
        fiscal_year = int(fiscal_year)
        load_framework(fiscal_year)  # a clear error for a year without a framework
        # agency and year fill in report-style tables that do not name them
        loaded = load(data, agency=agency or None, fiscal_year=fiscal_year, sheet=sheet or None, select=False,
                      group=group or None)  # fmt: skip
        agency = None if agency in (None, "") else str(agency)
        only = _only_agency(loaded.scores) if agency is None else None  # its charts and target, not a mean
        if agency is not None and not (loaded.scores["agency"] == agency).any():
            from ita_analysis.errors import InputError, Problem

            known = ", ".join(pd.unique(loaded.scores["agency"])[:10])
            raise InputError([Problem("agency", None, None, agency, f"an agency in the data ({known})")])
        # every side file read with the analysed year's framework, all their problems in one error
        side = inputs.load_side_files(
            {"items": items, "notes": notes, "recommendations": recommendations, "targets": targets, "plan": plan},
            fiscal_year,
        )
        return cls(
            fiscal_year=fiscal_year,
            loaded=loaded,
            agency=agency if only is None else only,
            agency_from_data=only is not None,
            previous_year=None if p.previous_year in (None, "") else int(p.previous_year),
            weakness_rule=p.weakness_rule,
            target=_checked_choices(p.weakness_rule, p.target, fiscal_year),
            items=side.get("items"),
            notes=side.get("notes"),
            recommendations=side.get("recommendations"),
            targets=side.get("targets"),
            plan=side.get("plan"),
            output_dir=None if p.output_dir in (None, "") else Path(p.output_dir),
        )

    # ----------------------------------------------------------------- data
    @property
    def framework(self) -> Framework:
        return load_framework(self.fiscal_year)

    @property
    def prev_year(self) -> int:
        return self.fiscal_year - 1 if self.previous_year is None else self.previous_year

    @cached_property
    def scores(self) -> pd.DataFrame:
        """Tidy scores of the selected agency (or all), every year in the data."""
        s = self.loaded.scores
        if self.agency is None:
            return s
        # one grouping of the data, shared by every agency's Analysis of it (a national table holds
        # 8,300 agencies: scanning it once per agency would cost more than the agency's tables)
        rows = self._shared("rows by agency", lambda: s.groupby("agency", sort=False).indices)
        index = rows.get(self.agency)
        return s.iloc[index].reset_index(drop=True) if index is not None else s.iloc[:0].reset_index(drop=True)

    @cached_property
    def summary(self) -> pd.DataFrame:
        """Scored rows (``ita-analysis score`` columns) of the analysed year."""
        return score(self.scores[self.scores["fiscal_year"] == self.fiscal_year])

    def agencies(self) -> list[str]:
        """Agencies with scores in the analysed year, in input order."""
        s = self.scores
        return list(pd.unique(s.loc[s["fiscal_year"] == self.fiscal_year, "agency"]))

    def target_spec(self, agency: str) -> float | str | None:
        """The agency's target as given (a score, or a grade/rating label): the ``target``
        parameter, else the targets file's row for the next fiscal year (the year the measures are
        for), else for the analysed year, else a row without a year."""
        if self.target is not None:
            return self.target
        if self.targets is None:
            return None
        t = self.targets[self.targets["agency"] == agency]
        for hit in (t[t["fiscal_year"] == self.fiscal_year + 1], t[t["fiscal_year"] == self.fiscal_year],
                    t[t["fiscal_year"].isna()]):  # fmt: skip
            if len(hit):
                level = hit["target_level"].iloc[-1] if "target_level" in hit else ""
                return level or float(hit["target"].iloc[-1])
        return None

    def target_for(self, agency: str) -> float | None:
        """The agency's target as a total (a grade or rating: its minimum total)."""
        spec = self.target_spec(agency)
        if spec is None or isinstance(spec, float | int):
            return None if spec is None else float(spec)
        from ita_analysis.compute.target_gap import goal_for

        return goal_for(spec, self.goal_framework()).min_total

    def _label(self) -> str:
        return self.agency if self.agency is not None else f"{len(self.agencies())} หน่วยงาน"

    # --------------------------------------------------------------- tables
    @cached_property
    def results_data(self) -> pd.DataFrame:
        """The results table (``analysis.RESULTS_COLUMNS``) of the selected agency, or of all."""
        return results_table(self.scores, self.fiscal_year)

    @cached_property
    def comparison_data(self) -> pd.DataFrame:
        """The two-year comparison table (``analysis.COMPARISON_COLUMNS``)."""
        return comparison_table(self.scores, self.fiscal_year, self.prev_year)

    @cached_property
    def weakness_data(self) -> pd.DataFrame:
        """The weakness table (``weakness.WEAKNESS_COLUMNS``) under the chosen rule (for
        below_target, each agency against its own target)."""
        from ita_analysis.compute.weakness import weakness_table

        comp = self.comparison_data
        targets = None
        if self.weakness_rule == "below_target":
            targets = {a: t for a in pd.unique(comp["agency"]) if (t := self.target_for(a)) is not None}
        return weakness_table(
            comp, rule=self.weakness_rule, pass_mark=self.framework.pass_mark, target=targets,
            n_lowest=self.n_lowest, items=self.items, notes=self.notes, recommendations=self.recommendations,
            n_items=self.n_items, history=self.history_data,
        )  # fmt: skip

    # -------------------------------------------------------------- outputs
    def results(self) -> Output:
        """Results table (``analysis.RESULTS_COLUMNS``), the indicator chart and the tool contributions."""
        from ita_analysis.report import charts

        table = self.results_data
        notes = self.provisional_note()
        figures = {}
        if self.agency is not None and len(table) and self.wants("indicators"):
            figures["indicators"] = charts.indicator_bars(
                table.rename(columns={"indicator_name": "name_th"}),
                framework=self.framework,
                target=self.target_for(self.agency),
                title=f"ผลคะแนนรายตัวชี้วัด ปีงบประมาณ พ.ศ. {self.fiscal_year} {self.agency}",
                digits=self.digits,
            )
        if self.agency is not None and len(table) and self.wants("contributions"):
            row = self.summary.iloc[0]
            figures["contributions"] = charts.tool_contributions(
                row.to_dict(),
                framework=self.framework,
                title=f"คะแนนรวม {row['total']:.2f} ({row['grade']}) จาก {len(self.framework.tools)} เครื่องมือ "
                f"ปีงบประมาณ พ.ศ. {self.fiscal_year} {self.agency}",
                digits=self.digits,
            )
        if self.agency is None and len(table) and self.wants("indicators"):
            means = table.groupby(["indicator", "indicator_name", "tool"], as_index=False)["score"].mean()
            figures["indicators"] = charts.indicator_bars(
                means.rename(columns={"indicator_name": "name_th"}),
                framework=self.framework,
                title=f"คะแนนเฉลี่ยรายตัวชี้วัดของ {self._label()} ปีงบประมาณ พ.ศ. {self.fiscal_year}",
                digits=self.digits,
            )
        return Output("results", table, figures, notes)

    def comparison(self) -> Output:
        """Two-year comparison table (``analysis.COMPARISON_COLUMNS``) and grouped bars (the years
        before: :meth:`history`)."""
        from ita_analysis.report import charts

        table = self.comparison_data
        figures, notes = {}, self.provisional_note()
        if len(table) and not table["score_previous"].notna().any():  # nothing to compare: no chart of blanks
            notes = [*notes, f"ไม่มีผลการประเมินปีงบประมาณ พ.ศ. {self.prev_year} ให้เปรียบเทียบ"]
        elif len(table) and self.wants("comparison"):
            data = table
            if self.agency is None:
                means = table.groupby(["indicator", "indicator_name"], as_index=False)
                data = means[["score_previous", "score_current"]].mean()
            figures["comparison"] = charts.comparison_bars(
                data.rename(columns={"indicator_name": "name_th"}),
                framework=self.framework,
                previous_year=self.prev_year,
                current_year=self.fiscal_year,
                title=f"เปรียบเทียบผลคะแนน ปีงบประมาณ พ.ศ. {self.prev_year} - {self.fiscal_year} {self._label()}",
                digits=self.digits,
            )
        return Output("comparison", table, figures, notes)

    def weaknesses(self) -> Output:
        """The weakness table (``weakness.WEAKNESS_COLUMNS``) under the chosen rule."""
        return Output("weaknesses", self.weakness_data, {}, self.provisional_note())

    def provisional_note(self) -> list[str]:
        """A note (in Thai) for outputs computed with a provisional framework; empty otherwise."""
        fw = self.framework
        if fw.provisional:
            return [
                f"กรอบการประเมินปีงบประมาณ {fw.fiscal_year} เป็นข้อมูลเบื้องต้น (provisional): "
                "ยังไม่ได้ยืนยันจากคู่มือของสำนักงาน ป.ป.ช."
            ]
        return []

    # ----------------------------------------------------------------- save
    def save(self, output: Output) -> list[Path]:
        """Write the table as CSV (UTF-8 with BOM) and each chart as PNG (200 dpi) and SVG (when
        ``svg``) into ``output_dir``; nothing happens when ``output_dir`` is None. Returns the paths
        written."""
        if self.output_dir is None:
            return []
        from ita_analysis.files import write_csv
        from ita_analysis.report import charts

        paths = [write_csv(output.table, self.output_dir / TABLE_FILES[output.name])]
        for name, fig in output.figures.items():
            paths += charts.save_figure(fig, self.output_dir / f"chart_{name}", svg=self.svg)
        return paths


def _checked_choices(weakness_rule: str, target: object, fiscal_year: int) -> float | str | None:
    """The target as a value, once the weakness rule and the target are known to be valid: a typo
    in a notebook's parameters is an InputError (a one-line message), not a traceback."""
    from ita_analysis.compute.target_gap import TargetError, read_target
    from ita_analysis.compute.weakness import RULES, read_rule
    from ita_analysis.errors import InputError, Problem

    problems = []
    try:
        read_rule(weakness_rule)
    except ValueError:
        problems.append(Problem("weakness_rule", None, None, weakness_rule, f"one of {', '.join(RULES)}"))
    value = None
    try:
        value = read_target(target, fiscal_year)
    except TargetError as exc:
        problems.append(Problem("target", None, None, target, str(exc)))
    if problems:
        raise InputError(problems)
    return value
