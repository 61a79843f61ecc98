"""What `ita-analysis run` was asked for, and the analysis parameters it gives each notebook."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ita_analysis.facade import AnalysisParameters


@dataclass
class RunParams:
    """What `ita-analysis run` was asked for. Paths are made absolute before notebooks see them.

    The analysis parameters (:class:`~ita_analysis.facade.AnalysisParameters`) come first; then
    ``digits`` (of the measures documents), ``documents`` (write them or not), ``out_root`` (the
    run writes ``<out_root>/<YEAR>/``), ``notebooks_dir`` (None: the project's ``notebooks/``),
    ``notebook_limit`` (up to this many agencies, notebooks run per agency) and ``workers``.
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
    workers: int = 2

    def analysis_parameters(self, agency: str | None, output_dir: Path | None) -> AnalysisParameters:
        """The parameters of one agency's analysis (``agency=None``: the whole year's), paths absolute."""
        return AnalysisParameters(
            fiscal_year=int(self.fiscal_year),
            agency=agency,
            data=[_absolute(d) for d in self.data],
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

    def input_files(self) -> list[Path]:
        """Every file the run reads, as given: the score tables, then the side files."""
        side = (self.targets, self.items, self.notes, self.recommendations, self.plan)
        return [Path(p) for p in self.data] + [Path(p) for p in side if p]


def _absolute(path: str | Path | None) -> str | None:
    return None if path is None else str(Path(path).resolve())
