"""One fiscal year's analysis for one agency or all: the code the notebooks and the batch run share.

A notebook sets its parameters (the fields of :class:`~ita_analysis.parameters.AnalysisParameters`,
in that order), builds an :class:`Analysis` with :meth:`Analysis.from_params`, shows what :meth:`Analysis.results`,
:meth:`Analysis.comparison` and :meth:`Analysis.weaknesses` return and writes it with
:meth:`Analysis.save`. The batch run (``ita-analysis run``) executes those notebooks; for very large
runs it calls the same methods directly. Either way the figures are the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

import pandas as pd

from ita_analysis.compute import agency as compute_agency
from ita_analysis.compute.agency import AgencyYear, Options, agency_year, target_spec, target_total, weaknesses_under
from ita_analysis.compute.history import history_table
from ita_analysis.compute.scoring import score
from ita_analysis.compute.tables import comparison_table, results_table
from ita_analysis.compute.target_gap import TargetError, read_target
from ita_analysis.compute.weakness import RULES, read_rule
from ita_analysis.compute.year import YearData, year_data
from ita_analysis.errors import InputError, Problem
from ita_analysis.facade.output import Output
from ita_analysis.facade.planning import PlanningOutputs
from ita_analysis.files import write_csv
from ita_analysis.frameworks import Framework, load_framework
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest import side_inputs as inputs
from ita_analysis.ingest.scores import Loaded, load
from ita_analysis.ingest.selection import which_agency
from ita_analysis.parameters import AnalysisParameters
from ita_analysis.report import charts, titles
from ita_analysis.report.document import MeasuresDocument, build_document
from ita_analysis.report.texts import no_previous_th, provisional_note_th
from ita_analysis.report.weakness_text import weakness_rows
from ita_analysis.thai.numbers import Digits

__all__ = ["TABLE_FILES", "Analysis", "AnalysisParameters", "Output"]

CHOICES = {"previous_year", "weakness_rule", "target"}
"""Parameters that compute takes as they are (:class:`~ita_analysis.compute.agency.Options` holds them too)."""
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
    """One fiscal year's analysis for the notebooks: its parameters and data. Build it with
    :meth:`from_params`.

    ``parameters`` are the :class:`AnalysisParameters` as read (``agency`` the analysed one: the
    data's only agency when none was given, ``agency_from_data``); ``loaded`` the score tables;
    ``options`` the choices and side tables as compute takes them
    (:class:`~ita_analysis.compute.agency.Options`); ``year`` the year's figures over every agency
    (:class:`~ita_analysis.compute.year.YearData`, computed once from ``loaded`` and shared by the
    copies made for other agencies). ``digits``, ``charts`` and ``svg`` say how charts are drawn
    and saved. One agency's figures are an :class:`~ita_analysis.compute.agency.AgencyYear`
    (:meth:`agency_year`); charts, titles and notes come from :mod:`ita_analysis.report`. The
    parameters and options are read through properties of the same names (``fiscal_year``,
    ``agency``, ``target``, ``notes`` ...); :meth:`replace` makes a copy with some of them changed.
    """

    parameters: AnalysisParameters
    loaded: Loaded
    options: Options = field(default_factory=Options)
    digits: Digits = "arabic"
    charts: tuple[str, ...] | None = None  # the charts to draw (e.g. ("indicators", "comparison")); None: all
    svg: bool = True  # save charts as SVG too
    agency_from_data: bool = False  # no agency was given and the data holds one agency: that one is analysed
    year: YearData | None = field(default=None, repr=False, compare=False)  # None: computed from loaded
    # draws the indicator and comparison charts of agency after agency (PNG only); the caller's
    painter: charts.ChartPainter | None = field(default=None, repr=False, compare=False)
    # agency -> its figures, computed for several agencies at once (:meth:`prepared`)
    batch: Mapping[str, AgencyYear] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        # computed once per loaded data and year: copies of the Analysis for other agencies share it
        if self.year is None or self.year.fiscal_year != self.fiscal_year or self.year.scores is not self.loaded.scores:
            self.year = year_data(
                self.loaded.scores, self.fiscal_year, groups=self.loaded.groups, group_name=self.loaded.group_name
            )

    def replace(self, **changes) -> Analysis:
        """A copy with some parameters (``agency``, ``output_dir`` ...), side tables (``plan``,
        ``recommendations`` ... as DataFrames) or fields (``digits``, ``charts``, ``svg``) changed;
        a choice compute also takes (``previous_year``, ``weakness_rule``, ``target``) changes in
        both. The copy shares the year's figures, and the :meth:`prepared` agencies' figures while
        only ``agency``, ``output_dir`` or fields change."""
        named = {f.name for f in fields(AnalysisParameters)}
        tables = {f.name for f in fields(Options)} - CHOICES
        parameters, options, rest = {}, {}, {}
        for name, value in changes.items():
            if name in tables and isinstance(value, pd.DataFrame):
                options[name] = value
            elif name in named:
                parameters[name] = value
                if name in CHOICES:
                    options[name] = value
            elif name in {f.name for f in fields(Analysis)} - {"parameters", "options"}:
                rest[name] = value
            else:
                raise TypeError(f"Analysis.replace: no parameter, side table or field {name!r}")
        if options or set(parameters) - {"agency", "output_dir"} or {"loaded", "year"} & set(rest):
            rest.setdefault("batch", None)  # figures of other choices
        return dataclasses.replace(
            self,
            parameters=dataclasses.replace(self.parameters, **parameters),
            options=dataclasses.replace(self.options, **options),
            **rest,
        )

    # the parameters and options, read where they are kept
    fiscal_year = property(lambda self: int(self.parameters.fiscal_year))
    agency = property(lambda self: self.parameters.agency)
    output_dir = property(lambda self: None if self.parameters.output_dir is None else Path(self.parameters.output_dir))
    previous_year = property(lambda self: self.options.comparison_year(self.fiscal_year))
    weakness_rule = property(lambda self: self.options.weakness_rule)
    target = property(lambda self: self.options.target)
    targets = property(lambda self: self.options.targets)
    items = property(lambda self: self.options.items)
    notes = property(lambda self: self.options.notes)
    recommendations = property(lambda self: self.options.recommendations)
    plan = property(lambda self: self.options.plan)

    def wants(self, chart: str) -> bool:
        """Whether the chart ``chart`` (indicators, contributions, comparison, trend, history_<tool>,
        peers) is drawn: every one unless ``charts`` names some."""
        return self.charts is None or chart in self.charts

    @classmethod
    def from_params(cls, parameters: AnalysisParameters) -> Analysis:
        """Load the data files (and the optional targets, items, notes, recommendations, plan files).

        With ``agency`` None and one agency in the data, that agency is analysed (``agency_from_data``).
        """
        p = parameters
        fiscal_year, agency, data, sheet, group = p.fiscal_year, p.agency, p.data, p.sheet, p.group
        items, notes, recommendations, targets, plan = p.items, p.notes, p.recommendations, p.targets, p.plan
        fiscal_year = int(fiscal_year)
        load_framework(fiscal_year)  # a clear error for a year without a framework
        # agency and year fill in report-style tables that do not name them
        loaded = load(
            data, agency=agency or None, fiscal_year=fiscal_year, sheet=sheet or None, select=False, group=group or None
        )
        # the agency as typed: the data's name it means (one message for every command where none)
        agency = None if agency in (None, "") else which_agency(str(agency), loaded.scores, option="agency")
        only = _only_agency(loaded.scores) if agency is None else None  # its charts and target, not a mean
        # every side file read with the analysed year's framework, all their problems in one error
        side = inputs.load_side_files(
            {"items": items, "notes": notes, "recommendations": recommendations, "targets": targets, "plan": plan},
            fiscal_year,
        )
        target = _checked_choices(p.weakness_rule, p.target, fiscal_year)
        previous_year = fiscal_year - 1 if p.previous_year in (None, "") else int(p.previous_year)
        output_dir = None if p.output_dir in (None, "") else Path(p.output_dir)
        return cls(
            parameters=dataclasses.replace(
                p,
                fiscal_year=fiscal_year,
                agency=agency if only is None else only,
                previous_year=previous_year,
                target=target,
                output_dir=output_dir,
            ),
            loaded=loaded,
            options=Options(previous_year=previous_year, weakness_rule=p.weakness_rule, target=target, **side),
            agency_from_data=only is not None,
        )

    # ----------------------------------------------------------------- data
    @property
    def framework(self) -> Framework:
        return load_framework(self.fiscal_year)

    def agency_year(self, agency: str | None = None, *, plan: pd.DataFrame | None = None) -> AgencyYear:
        """The :class:`~ita_analysis.compute.agency.AgencyYear` of ``agency`` (default: the analysed
        one); ``plan`` stands in for the measures plan file."""
        agency = self.agency if agency is None else self.agency_named(agency)
        if agency is None:
            raise ValueError("the figures of one agency: give agency=")
        if agency == self.agency and plan is None:
            return self.own
        options = self.options if plan is None else dataclasses.replace(self.options, plan=plan)
        return agency_year(self.year, agency, options)

    def document(
        self,
        agency: str | None = None,
        *,
        plan: pd.DataFrame | None = None,
        charts: dict[str, Path] | None = None,
        digits: Digits = "thai",
    ) -> MeasuresDocument:
        """The measures document of ``agency`` (default: the analysed one), from its figures
        (:func:`~ita_analysis.report.document.build_document`), with the figures the data printed
        and the ``target_paragraph`` parameter; ``plan`` stands in for the plan file."""
        return build_document(
            self.agency_year(agency, plan=plan),
            charts=charts,
            digits=digits,
            published=self.loaded.published,
            target_paragraph=bool(self.parameters.target_paragraph),
        )

    @cached_property
    def own(self) -> AgencyYear:
        """The analysed agency's figures."""
        if self.batch is not None and self.agency in self.batch:
            return self.batch[self.agency]
        return agency_year(self.year, self.agency, self.options)

    def prepared(self, agencies: Sequence[str]) -> Analysis:
        """A copy holding the figures of ``agencies`` (of the year's), their tables computed for all
        of them at once (:func:`~ita_analysis.compute.agency.agency_years`): the same figures as
        each agency's own, at a fraction of the cost, for copies made for those agencies."""
        return dataclasses.replace(self, batch=compute_agency.agency_years(self.year, agencies, self.options))

    def agency_named(self, agency: str) -> str:
        """The data's name of an agency with scores in the analysed year, as typed (SARA AM, spaces,
        dots: :func:`~ita_analysis.ingest.selection.which_agency`); an InputError saying what to type
        when none."""
        if agency in self._year_agencies:
            return agency
        return which_agency(agency, self.loaded.scores, self.fiscal_year, option="agency")

    @cached_property
    def _year_agencies(self) -> frozenset[str]:
        return frozenset(self.year.agencies)

    def _has_own(self) -> bool:
        return self.agency is not None and self.agency in self.year.agencies

    @cached_property
    def scores(self) -> pd.DataFrame:
        """Tidy scores of the selected agency (or all), every year in the data."""
        return self.loaded.scores if self.agency is None else self.year.agency_scores(self.agency)

    @cached_property
    def summary(self) -> pd.DataFrame:
        """Scored rows (``ita-analysis score`` columns) of the analysed year."""
        return score(self.scores[self.scores["fiscal_year"] == self.fiscal_year])

    def agencies(self) -> list[str]:
        """Agencies with scores in the analysed year, in input order."""
        return list(self.year.agencies) if self.agency is None else [a for a in self.year.agencies if a == self.agency]

    def target_spec(self, agency: str) -> float | str | None:
        """The agency's target as given (:func:`~ita_analysis.compute.agency.target_spec`)."""
        return target_spec(self.options, agency, self.fiscal_year)

    def target_for(self, agency: str) -> float | None:
        """The agency's target as a total (a grade or rating: its minimum total)."""
        return target_total(self.target_spec(agency), self.fiscal_year)

    def _label(self) -> str:
        return self.agency if self.agency is not None else titles.agencies_label(len(self.agencies()))

    # --------------------------------------------------------------- tables
    @cached_property
    def results_data(self) -> pd.DataFrame:
        """The results table (``analysis.RESULTS_COLUMNS``) of the selected agency, or of all."""
        return self.own.results if self._has_own() else results_table(self.scores, self.fiscal_year)

    @cached_property
    def comparison_data(self) -> pd.DataFrame:
        """The two-year comparison table (``analysis.COMPARISON_COLUMNS``)."""
        if self._has_own():
            return self.own.comparison
        return comparison_table(self.scores, self.fiscal_year, self.previous_year)

    @cached_property
    def history_data(self) -> pd.DataFrame:
        """``trend.csv``: every indicator's score and change per year, up to the analysed year."""
        return self.own.history if self._has_own() else history_table(self.scores, up_to=self.fiscal_year)

    @cached_property
    def weakness_data(self) -> pd.DataFrame:
        """The weakness table (``weakness.WEAKNESS_COLUMNS``) under the chosen rule (for
        below_target, each agency against its own target)."""
        if self._has_own():
            return weakness_rows(self.own.weaknesses)
        comp = self.comparison_data
        targets = None
        if self.weakness_rule == "below_target":
            targets = {a: t for a in pd.unique(comp["agency"]) if (t := self.target_for(a)) is not None}
        return weakness_rows(weaknesses_under(comp, self.history_data, self.framework, self.options, targets))

    # -------------------------------------------------------------- outputs
    def results(self) -> Output:
        """Results table (``analysis.RESULTS_COLUMNS``), the indicator chart and the tool contributions."""
        table = self.results_data
        figures, fw = {}, self.framework
        if self.agency is not None and len(table) and self.wants("indicators"):
            figures["indicators"] = self._drawn().indicator_bars(
                table.rename(columns={"indicator_name": "name_th"}),
                framework=fw,
                target=self.target_for(self.agency),
                title=titles.indicators_title(self.fiscal_year, self.agency),
                digits=self.digits,
            )
        if self.agency is not None and len(table) and self.wants("contributions"):
            row = self.summary.iloc[0]
            title = titles.contributions_title(row["total"], row["grade"], len(fw.tools), self.fiscal_year, self.agency)
            figures["contributions"] = charts.tool_contributions(
                row.to_dict(), framework=fw, title=title, digits=self.digits
            )
        if self.agency is None and len(table) and self.wants("indicators"):
            means = table.groupby(["indicator", "indicator_name", "tool"], as_index=False)["score"].mean()
            figures["indicators"] = charts.indicator_bars(
                means.rename(columns={"indicator_name": "name_th"}),
                framework=fw,
                title=titles.mean_indicators_title(self.fiscal_year, self._label()),
                digits=self.digits,
            )
        return Output("results", table, figures, self.provisional_note())

    def comparison(self) -> Output:
        """Two-year comparison table (``analysis.COMPARISON_COLUMNS``) and grouped bars (the years
        before: :meth:`trend`)."""
        table = self.comparison_data
        figures, notes = {}, self.provisional_note()
        if len(table) and not table["score_previous"].notna().any():  # nothing to compare: no chart of blanks
            notes = [*notes, no_previous_th(self.previous_year)]
        elif len(table) and self.wants("comparison"):
            data = table
            if self.agency is None:
                means = table.groupby(["indicator", "indicator_name"], as_index=False)
                data = means[["score_previous", "score_current"]].mean()
            figures["comparison"] = self._drawn().comparison_bars(
                data.rename(columns={"indicator_name": "name_th"}),
                framework=self.framework,
                previous_year=self.previous_year,
                current_year=self.fiscal_year,
                title=titles.comparison_title(self.previous_year, self.fiscal_year, self._label()),
                digits=self.digits,
            )
        return Output("comparison", table, figures, notes)

    def _drawn(self):
        """What draws the indicator and comparison charts: the caller's painter when charts are saved
        as PNG only (:class:`~ita_analysis.report.charts.ChartPainter`), otherwise new figures."""
        return self.painter if self.painter is not None and not self.svg else charts

    def weaknesses(self) -> Output:
        """The weakness table (``weakness.WEAKNESS_COLUMNS``) under the chosen rule."""
        return Output("weaknesses", self.weakness_data, {}, self.provisional_note())

    def provisional_note(self) -> list[str]:
        """A note (in Thai) for outputs computed with a provisional framework; empty otherwise."""
        return provisional_note_th(self.framework)

    # ----------------------------------------------------------------- save
    def save(self, output: Output) -> list[Path]:
        """Write the table as CSV (UTF-8 with BOM) and each chart as PNG (200 dpi) and SVG (when
        ``svg``) into ``output_dir``; nothing happens when ``output_dir`` is None. Returns the paths
        written."""
        if self.output_dir is None:
            return []
        paths = [write_csv(output.table, self.output_dir / TABLE_FILES[output.name])]
        for name, fig in output.figures.items():
            paths += charts.save_figure(fig, self.output_dir / f"chart_{name}", svg=self.svg)
        return paths


def _checked_choices(weakness_rule: str, target: object, fiscal_year: int) -> float | str | None:
    """The target as a value, once the weakness rule and the target are known to be valid: a typo
    in a notebook's parameters is an InputError (a one-line message), not a traceback."""
    problems = []
    try:
        read_rule(weakness_rule)
    except ValueError:
        problems.append(
            Problem("weakness_rule", None, None, weakness_rule, _("one of {rules}").format(rules=", ".join(RULES)))
        )
    value = None
    try:
        value = read_target(target, fiscal_year)
    except TargetError as exc:
        problems.append(Problem("target", None, None, target, str(exc)))
    if problems:
        raise InputError(problems)
    return value
