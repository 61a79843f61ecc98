"""What `ita-analysis run` was asked for, and the analysis parameters it gives each notebook."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from ita_analysis.i18n import gettext as _
from ita_analysis.parameters import AnalysisParameters

DOCUMENT_CHARTS = ("indicators", "comparison")  # the charts the measures documents show
CHARTS = ("all", "documents")  # the values of ``charts`` (``--charts``)
SIDE_FILES = ("targets", "items", "notes", "recommendations", "plan")  # in the order of input_files


def read_charts(charts: str | None) -> str | None:
    """The ``--charts`` option where it enters: None, or one of :data:`CHARTS`; ValueError otherwise."""
    if charts not in (None, *CHARTS):
        raise ValueError(_("choose {choices}").format(choices=_(" or ").join(CHARTS)))
    return charts


def available_cores() -> int:
    """The cores this process may run on (at least 1): its affinity mask where the system keeps one
    (a container or ``taskset`` may allow fewer than the machine has), else the machine's cores."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """The cores available (:func:`available_cores`)."""
    return available_cores()


def capped_workers(asked: int | None) -> tuple[int, str | None]:
    """The worker processes for ``--workers asked`` (None: the cores available) and, when more were
    asked than there are cores, the warning saying so: more processes than cores only wait on one
    another (each starts a kernel per notebook), so the run uses the cores. ValueError below 1."""
    cores = available_cores()
    if asked is None:
        return cores, None
    if asked < 1:
        raise ValueError(_("{asked}: at least 1").format(asked=asked))
    if asked > cores:
        return cores, _("--workers {asked}: only {cores} core(s) available, so {cores} worker(s) are used").format(
            asked=asked, cores=cores
        )
    return asked, None


@dataclass
class RunParams:
    """What `ita-analysis run` was asked for: the analysis parameters (``analysis``; its agency the
    one asked for, None for all; paths as given, made absolute before notebooks see them) and the
    run's own options: ``digits`` (of the measures documents), ``documents`` (write them or not),
    ``out_root`` (the run writes ``<out_root>/<YEAR>/``), ``notebooks_dir`` (None: the project's
    ``notebooks/``), ``notebook_limit`` (up to this many agencies, notebooks run per agency),
    ``workers`` (processes side by side; default: the cores available, the most ``run`` allows),
    ``svg`` (charts also as SVG; None: in notebook mode only, see :meth:`svg_charts`) and ``charts``
    ("all" or "documents"; None: all in notebook mode, documents in large runs); ``groups`` (the
    kinds of group whose reports are written, ``--groups``: headers of group columns, or "all"; ()
    for none), ``group_map`` (the mapping file of agencies to groups, ``--group-map``),
    ``agencies`` (False: no agency's folder, only the year's tables and the groups') and
    ``cluster``: the address of a Dask scheduler whose workers run the tasks instead of local
    processes (None: local; see :mod:`ita_analysis.batch.cluster`).
    """

    analysis: AnalysisParameters
    digits: str = "thai"
    documents: bool = True
    out_root: Path = Path("outputs")
    notebooks_dir: Path | None = None
    notebook_limit: int = 50
    workers: int = field(default_factory=default_workers)
    svg: bool | None = None
    charts: str | None = None
    cluster: str | None = None
    groups: tuple[str, ...] = ()
    group_map: Path | None = None
    agencies: bool = True

    def __post_init__(self) -> None:
        self.analysis = dataclasses.replace(self.analysis, fiscal_year=int(self.analysis.fiscal_year))
        self.groups = tuple(self.groups)
        if self.group_map is not None and not self.groups:
            self.groups = ("all",)  # a mapping file alone: the reports of its groups

    def for_year(self, fiscal_year: int) -> RunParams:
        """The same run for another fiscal year (``--fy all``)."""
        return dataclasses.replace(self, analysis=dataclasses.replace(self.analysis, fiscal_year=fiscal_year))

    def analysis_parameters(self, agency: str | None, output_dir: Path | None) -> AnalysisParameters:
        """The parameters of one agency's analysis (``agency=None``: the whole year's), paths absolute."""
        a = self.analysis
        files = {name: _absolute(getattr(a, name)) for name in SIDE_FILES}
        return dataclasses.replace(
            a,
            agency=agency,
            data=[_absolute(d) for d in self.score_tables()],
            output_dir=_absolute(output_dir),
            **files,
        )

    def score_tables(self) -> list[Path]:
        """The score tables as given (one path or a list)."""
        data = self.analysis.data
        return [Path(d) for d in (data if isinstance(data, list | tuple) else [data])]

    def notebook_parameters(self, agency: str | None, output_dir: Path | None) -> dict:
        """The values papermill injects into a notebook's ``parameters`` cell (JSON values: a path
        whose name is not UTF-8 as a ``file://`` URI, see :meth:`AnalysisParameters.cell_values`)."""
        return self.analysis_parameters(agency, output_dir).cell_values()

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
        side = [getattr(self.analysis, name) for name in SIDE_FILES] + [self.group_map]
        return [*self.score_tables(), *(Path(p) for p in side if p)]

    def group_map_path(self) -> str | None:
        """The mapping file, absolute (None: none)."""
        return _absolute(self.group_map)


def _absolute(path: str | Path | None) -> str | None:
    return None if path is None else str(Path(path).resolve())
