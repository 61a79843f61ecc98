"""What `ita-analysis run` was asked for, and the analysis parameters it gives each notebook."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from ita_analysis.facade import AnalysisParameters

DOCUMENT_CHARTS = ("indicators", "comparison")  # the charts the measures documents show


def default_workers() -> int:
    """The machine's cores (at least 1)."""
    return max(1, os.cpu_count() or 1)


@dataclass
class RunParams:
    """What `ita-analysis run` was asked for. Paths are made absolute before notebooks see them.

    The analysis parameters (:class:`~ita_analysis.facade.AnalysisParameters`) come first; then
    ``digits`` (of the measures documents), ``documents`` (write them or not), ``out_root`` (the
    run writes ``<out_root>/<YEAR>/``), ``notebooks_dir`` (None: the project's ``notebooks/``),
    ``notebook_limit`` (up to this many agencies, notebooks run per agency), ``workers`` (processes
    side by side; default: the machine's cores) and ``svg`` (charts also as SVG; None: in notebook
    mode only, see :meth:`svg_charts`).
    """

    fiscal_year: int
    data: list[Path]
    agency: str | None = None
    group: str | None = None
    previous_year: int | None = None
    weakness_rule: str = "default"
    target: float | str | None = None
    targets: Path | None = None
    items: Path | None = None
    notes: Path | None = None
    recommendations: Path | None = None
    plan: Path | None = None
    digits: str = "thai"
    documents: bool = True
    out_root: Path = Path("outputs")
    notebooks_dir: Path | None = None
    notebook_limit: int = 50
    workers: int = field(default_factory=default_workers)
    svg: bool | None = None
    charts: str | None = None  # "all" or "documents"; None: all in notebook mode, documents in large runs
    sheet: str | None = None  # the XLSX sheet of the score tables (name or 0-based index); None: the first

    def analysis_parameters(self, agency: str | None, output_dir: Path | None) -> AnalysisParameters:
        """The parameters of one agency's analysis (``agency=None``: the whole year's), paths absolute."""
        return AnalysisParameters(
            fiscal_year=int(self.fiscal_year),
            agency=agency,
            data=[_absolute(d) for d in self.data],
            sheet=self.sheet,
            group=self.group,
            previous_year=self.previous_year,
            weakness_rule=self.weakness_rule,
            target=self.target,
            targets=_absolute(self.targets),
            items=_absolute(self.items),
            notes=_absolute(self.notes),
            recommendations=_absolute(self.recommendations),
            plan=_absolute(self.plan),
            output_dir=_absolute(output_dir),
        )

    def notebook_parameters(self, agency: str | None, output_dir: Path | None) -> dict:
        """The values papermill injects into a notebook's ``parameters`` cell."""
        return dataclasses.asdict(self.analysis_parameters(agency, output_dir))

    def svg_charts(self, n_agencies: int) -> bool:
        """Whether charts are also written as SVG: as asked, else only for runs in notebook mode
        (up to ``notebook_limit`` agencies); the large runs of the direct path keep to PNG."""
        return self.svg if self.svg is not None else n_agencies <= self.notebook_limit

    def chart_set(self, n_agencies: int) -> tuple[str, ...] | None:
        """The charts the direct path draws per agency: every one (None) as asked or in notebook
        mode; in large runs only those the measures documents show (a national year would otherwise
        draw eight charts for each of 8,300 agencies)."""
        wanted = self.charts or ("all" if n_agencies <= self.notebook_limit else "documents")
        return None if wanted == "all" else DOCUMENT_CHARTS

    def input_files(self) -> list[Path]:
        """Every file the run reads, as given: the score tables, then the side files."""
        side = (self.targets, self.items, self.notes, self.recommendations, self.plan)
        return [Path(p) for p in self.data] + [Path(p) for p in side if p]


def _absolute(path: str | Path | None) -> str | None:
    return None if path is None else str(Path(path).resolve())
