"""One group of agencies (a province, a ministry, all the agencies) for the notebook ``06_group``,
the command line and the yearly run: one method per question, each an :class:`Output` (a table,
its charts and notes), and the group's report.

:func:`group_analysis_from_params` reads the data as an :class:`~ita_analysis.facade.Analysis`
does (the same parameters) and computes every group of the kinds asked for at once
(:func:`~ita_analysis.compute.group.group_analysis`); :class:`Group` is one group of it. The run
computes the analysis once per batch of groups and makes a :class:`Group` for each
(:meth:`Group.of`); the notebook makes one for its own group (:meth:`Group.from_params`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from ita_analysis.compute.group import GroupAnalysis, GroupView, group_analysis
from ita_analysis.compute.group_detail import ZERO_ITEM_COLUMNS
from ita_analysis.compute.scoring import score
from ita_analysis.errors import InputError, Problem
from ita_analysis.facade.group_inputs import ALL_AGENCIES, group_kinds, memberships
from ita_analysis.facade.notebook import show_note
from ita_analysis.facade.output import Output
from ita_analysis.files import write_csv
from ita_analysis.frameworks import load_framework
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.scores import load
from ita_analysis.ingest.side_inputs import load_side_files
from ita_analysis.parameters import AnalysisParameters
from ita_analysis.report import charts
from ita_analysis.report.group_report import write_group_report
from ita_analysis.report.texts import provisional_note_th
from ita_analysis.thai.normalize import match_key, normalize_text
from ita_analysis.thai.numbers import Digits

__all__ = ["GROUP_TABLE_FILES", "NOTE_TEXTS", "Group", "GroupData", "group_analysis_from_params"]

GROUP_TABLE_FILES = {
    "overview": "overview.csv", "levels": "levels.csv", "ranking": "ranking.csv", "indicators": "indicators.csv",
    "watch": "watch.csv", "zero_items": "zero_items.csv",
}  # fmt: skip
"""The group's tables and the CSV file each is written to."""
NOTE_TEXTS = {
    "one_agency": N_("The group has one agency: there is no spread, and its rank is 1 of 1."),
    "no_previous_year": N_("The data holds no scores of FY{previous}: no change from the previous year is given."),
    "new_group": N_("No agency of the group has scores in FY{previous}: the group has no previous figures."),
    "members_changed": N_(
        "The group's agencies changed since FY{previous}: {joined} joined, {left} left; its previous "
        "figures are those of its agencies of that year."
    ),
    "members_carried_back": N_(
        "The data gives no group of this kind in FY{previous}: the previous figures are those of this year's agencies."
    ),
}
"""What each note code of the overview (:data:`~ita_analysis.compute.group.NOTES`) says to a reader."""

SAID = ("kind", "group")
"""Columns saved but not shown in the notebook: the heading names the group."""


@dataclass(frozen=True)
class GroupData:
    """Every group of a year (``analysis``) and the scored rows it was computed from (``summary``:
    every agency-year up to the year, for the heat map's indicator scores)."""

    analysis: GroupAnalysis
    summary: pd.DataFrame


def group_analysis_from_params(
    parameters: AnalysisParameters, kinds=None, group_map: str | Path | None = None
) -> GroupData:
    """Every group of the kinds ``kinds`` (``--groups``: names, a comma list or "all"; None or ():
    the group of all the agencies only) of the parameters' year, from the score tables, the group
    columns and the mapping file ``group_map``, with the item scores of ``parameters.items``."""
    p = parameters
    year = int(p.fiscal_year)
    load_framework(year)  # a clear error for a year without a framework
    data = p.data if isinstance(p.data, list | tuple) else [p.data]
    loaded = load(data, agency=p.agency or None, fiscal_year=year, sheet=p.sheet, select=False, group=p.group or None)
    members = memberships(loaded, [Path(d) for d in data], group_kinds(kinds), group_map, sheet=p.sheet)
    items = load_side_files({"items": p.items}, year).get("items")
    previous = None if p.previous_year in (None, "") else int(p.previous_year)
    summary = score(loaded.scores[loaded.scores["fiscal_year"].astype("int64") <= year])
    analysis = group_analysis(summary, members, year, items=items, previous_year=previous)
    return GroupData(analysis, summary)


def note_texts(view: GroupView) -> list[str]:
    """The overview's notes as sentences (:data:`NOTE_TEXTS`), in the chosen language."""
    o = view.overview
    values = {
        "previous": int(o["previous_year"]),
        "joined": 0 if pd.isna(o["n_joined"]) else int(o["n_joined"]),
        "left": 0 if pd.isna(o["n_left"]) else int(o["n_left"]),
    }
    return [_(NOTE_TEXTS[code]).format(**values) for code in view.notes if code in NOTE_TEXTS]


@dataclass
class Group:
    """One group of a :class:`GroupData`: ``kind`` (the group column's header, or "ทั้งหมด") and
    ``group`` (its value). ``digits`` of the charts; ``output_dir``: where :meth:`save` writes (None:
    nothing is written); ``svg``: charts also as SVG."""

    data: GroupData
    kind: str = ALL_AGENCIES
    group: str = ALL_AGENCIES
    digits: Digits = "arabic"
    output_dir: Path | None = None
    svg: bool = False

    @classmethod
    def from_params(
        cls,
        parameters: AnalysisParameters,
        kind: str = ALL_AGENCIES,
        group: str = ALL_AGENCIES,
        *,
        group_map: str | Path | None = None,
        digits: Digits = "arabic",
    ) -> Group:
        """The group ``kind``/``group`` of the parameters' data and year (only its kind computed);
        written into ``parameters.output_dir`` (None: nothing is written)."""
        kinds = () if kind == ALL_AGENCIES else (kind,)
        data = group_analysis_from_params(parameters, kinds, group_map)
        folder = None if parameters.output_dir in (None, "") else Path(parameters.output_dir)
        return cls.of(data, kind, group, digits=digits, output_dir=folder)

    @classmethod
    def of(cls, data: GroupData, kind: str, group: str, **fields) -> Group:
        """The group ``kind``/``group`` of ``data``; an InputError naming the groups there are when
        the year has no such group."""
        there = data.analysis.groups()
        typed = (match_key(normalize_text(kind)), match_key(normalize_text(group)))
        found = [(k, g) for k, g in there if (match_key(k), match_key(g)) == typed]
        kind, group = found[0] if found else (kind, group)  # as the data writes them
        if not found:
            known = [g for k, g in there if match_key(k) == typed[0]]
            names = ", ".join(f"'{g}'" for g in known[:20]) or ", ".join(sorted({f"'{k}'" for k, _g in there}))
            why = _("a group of FY{year}: {names}").format(year=data.analysis.fiscal_year, names=names)
            raise InputError([Problem("group", None, kind, group, why)])
        return cls(data, kind, group, **fields)

    @cached_property
    def view(self) -> GroupView:
        """The group's rows of every table."""
        return self.data.analysis.of(self.kind, self.group)

    @property
    def analysis(self) -> GroupAnalysis:
        return self.data.analysis

    @property
    def label(self) -> str:
        """ "จังหวัด ก" (kind and group), or "ทั้งหมด" for the group of all the agencies."""
        return self.group if self.kind == self.group else f"{self.kind} {self.group}"

    def show_heading(self) -> None:
        """Show which group and year the notebook is about, and how many agencies it has."""
        o = self.view.overview
        line = _("{group}, FY{year}: {n} agencies").format(group=self.label, year=self.analysis.fiscal_year, n=o["n"])
        show_note(line)

    def _notes(self) -> list[str]:
        return provisional_note_th(self.analysis.framework)

    # ----------------------------------------------------------------- questions
    def overview(self) -> Output:
        """The group's figures against the previous year and all the agencies (one row), its notes
        in words and the distribution of its totals."""
        v, fw = self.view, self.analysis.framework
        figures = {}
        if len(v.ranking):
            figures["distribution"] = charts.group_distribution(
                v.ranking, framework=fw, national_mean=v.overview["all_mean"], digits=self.digits
            )
        table = v.overview.to_frame().T.reset_index(drop=True)
        said = (*SAID, "fiscal_year", "notes")  # the heading names the group and year; the notes are sentences
        return Output("overview", table, figures, [*self._notes(), *note_texts(v)], hidden=said)

    def levels(self) -> Output:
        """Agencies per grade or rating, this year and the previous."""
        return Output("levels", self.view.levels, {}, self._notes(), hidden=SAID)

    def ranking(self) -> Output:
        """Every agency of the group ranked, with the heat map of its indicators and its change from
        the previous year (pages of at most 40 agencies each)."""
        v, fw = self.view, self.analysis.framework
        figures = {}
        if len(v.ranking):
            heat = charts.group_heatmap(v.ranking, self.data.summary, framework=fw, digits=self.digits)
            change = charts.group_change(
                v.ranking, framework=fw, previous_year=self.analysis.previous_year, digits=self.digits
            )
            figures.update(_paged("heatmap", heat))
            figures.update(_paged("change", change))
        return Output("ranking", v.ranking, figures, self._notes(), hidden=SAID)

    def indicators(self) -> Output:
        """Per indicator, the group's mean and the share of its agencies below the pass mark."""
        v, fw = self.view, self.analysis.framework
        figures = {}
        if len(v.indicators):
            figures["share_below"] = charts.indicator_share_below(v.indicators, framework=fw, digits=self.digits)
        return Output("indicators", v.indicators, figures, self._notes(), hidden=SAID)

    def watch(self) -> Output:
        """The agencies below the pass mark, fallen below it, or falling two years running."""
        return Output("watch", self.view.watch, {}, self._notes(), hidden=SAID)

    def zero_items(self) -> Output:
        """The items most often at 0 across the group (empty without item scores, and said)."""
        table = self.view.zero_items
        if table is None:
            empty = pd.DataFrame(columns=ZERO_ITEM_COLUMNS)
            return Output("zero_items", empty, {}, [_("No item scores were given (items): no items at 0.")])
        return Output("zero_items", table, {}, self._notes(), hidden=SAID)

    def outputs(self, figures: bool = True) -> list[Output]:
        """Every question's output, in the report's order; ``figures=False`` draws no chart."""
        if figures:
            return [self.overview(), self.levels(), self.ranking(), self.indicators(), self.watch(), self.zero_items()]
        v = self.view
        tables = {
            "overview": v.overview.to_frame().T.reset_index(drop=True),
            "levels": v.levels,
            "ranking": v.ranking,
            "indicators": v.indicators,
            "watch": v.watch,
            "zero_items": pd.DataFrame(columns=ZERO_ITEM_COLUMNS) if v.zero_items is None else v.zero_items,
        }
        return [Output(name, table) for name, table in tables.items()]

    # ----------------------------------------------------------------- writing
    def save(self, output: Output) -> list[Path]:
        """The table as CSV (UTF-8 with BOM, :data:`GROUP_TABLE_FILES`) and each chart as
        ``chart_<name>.png`` (and SVG when ``svg``) into ``output_dir``; nothing without one."""
        if self.output_dir is None:
            return []
        paths = [write_csv(output.table, self.output_dir / GROUP_TABLE_FILES[output.name])]
        for name, fig in output.figures.items():
            paths += charts.save_figure(fig, self.output_dir / f"chart_{name}", svg=self.svg)
        return paths

    def save_tables(self) -> list[Path]:
        """Every table as CSV into ``output_dir`` (no chart drawn)."""
        return [p for output in self.outputs(figures=False) for p in self.save(output)]

    def write_report(self, folder: Path | None = None, *, digits: Digits = "thai") -> list[Path]:
        """The group's report (its charts as chart_*.png, group_report.pdf, .xlsx and .docx) into
        ``folder`` (default ``output_dir``); returns the files written."""
        where = Path(folder) if folder is not None else self.output_dir
        if where is None:
            raise ValueError("write_report: give a folder or output_dir")
        return write_group_report(self.analysis, self.kind, self.group, where, digits=digits, scores=self.data.summary)


def _paged(name: str, figures: list) -> dict[str, object]:
    """Charts of one or more pages: ``name`` alone for one, ``name_1``, ``name_2`` ... for several."""
    if len(figures) == 1:
        return {name: figures[0]}
    return {f"{name}_{k}": fig for k, fig in enumerate(figures, start=1)}
