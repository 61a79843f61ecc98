"""One agency's outputs written by the package directly (the code the notebooks call), in a worker.

Large runs get each agency's tables and charts here instead of from five notebook executions;
every run gets its measures documents (xlsx, pdf, docx) here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ita_analysis.batch.params import DOCUMENT_CHARTS
from ita_analysis.batch.results import TaskResult
from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.i18n import N_
from ita_analysis.report import charts
from ita_analysis.report.pdf import PdfRenderer, write_pdf
from ita_analysis.report.word import WordWriter
from ita_analysis.report.workbook import write_workbook


@dataclass(frozen=True)
class AgencyTask:
    """What to write for one agency (``parameters.agency``) into ``parameters.output_dir``."""

    parameters: AnalysisParameters
    digits: str  # of the measures documents: "thai" or "arabic"
    tables: bool  # results/comparison/weaknesses CSV and their charts
    documents: bool  # measures.xlsx, .pdf and .docx
    svg: bool = True  # charts also as SVG beside the PNG
    charts: tuple[str, ...] | None = None  # the charts drawn with the tables; None: every one


@dataclass(frozen=True)
class AgencyBatch:
    """Agency tasks run one after the other by one worker, which reads their data once."""

    tasks: tuple[AgencyTask, ...]


class SharedData:
    """The analysis a worker keeps while it runs a batch's tasks in turn: the data and side files are
    read once for every agency whose parameters differ only in agency and output folder, and the
    documents' two charts are drawn on figures laid out once (:class:`~ita_analysis.report.charts.ChartPainter`),
    their PDFs share a stylesheet and fonts loaded once (:class:`~ita_analysis.report.pdf.PdfRenderer`)
    and the Word files are written from parts made once (:class:`~ita_analysis.report.word.WordWriter`).
    Made by the worker for its batch and handed to each task explicitly."""

    def __init__(self) -> None:
        self.parameters: AnalysisParameters | None = None
        self.analysis: Analysis | None = None
        self.painter = charts.ChartPainter()
        self.word = WordWriter()
        self.pdf = PdfRenderer()

    def analysis_for(self, parameters: AnalysisParameters) -> Analysis:
        common = dataclasses.replace(parameters, agency=None, output_dir=None)
        if self.analysis is None or common != self.parameters:
            # agency fills in report-style tables, which hold that one agency only
            self.parameters, self.analysis = common, Analysis.from_params(parameters)
        return self.analysis

    def prepare(self, tasks: tuple[AgencyTask, ...]) -> None:
        """The tables of the tasks' agencies computed at once (:meth:`Analysis.prepared`); where that
        fails, each task meets the failure as its own."""
        try:
            analysis = self.analysis_for(tasks[0].parameters)
            mine = [t.parameters for t in tasks]
            mine = [p.agency for p in mine if dataclasses.replace(p, agency=None, output_dir=None) == self.parameters]
            self.analysis = analysis.prepared(mine)
        except Exception:
            return


def write_agency_outputs(task: AgencyTask, shared: SharedData | None = None):
    """Worker: write the task's tables, charts and documents, each step ("analysis", "tables",
    "documents") timed. Returns a :class:`~ita_analysis.batch.results.TaskResult` (picklable); an
    exception ends the task and becomes the result's failure, so that it fails this agency alone.
    ``shared``: the worker's data for the tasks of its batch (None: read for this task)."""
    result = TaskResult(task.parameters.agency)
    shared = shared or SharedData()
    try:
        with result.step(N_("analysis")):
            analysis = _analysis_for(task, shared)
        if task.tables:
            with result.step(N_("tables")):
                for make in (
                    analysis.results,
                    analysis.comparison,
                    analysis.weaknesses,
                    analysis.trend,
                    analysis.peers,
                    analysis.peer_groups,
                    analysis.target_gap,
                    analysis.item_priorities,
                ):
                    output = make()
                    if output.name == "items" and analysis.items is None:
                        continue
                    analysis.save(output)
                    for fig in output.figures.values():
                        fig.clear()
        if task.documents:
            with result.step(N_("documents")):
                _write_documents(analysis, Path(task.parameters.output_dir), task, shared)
    except Exception as exc:
        result.fail(exc)
    return result


def _write_documents(analysis: Analysis, folder: Path, task: AgencyTask, shared: SharedData) -> None:
    """The measures document as measures.xlsx, .pdf and .docx. Its two charts are the agency's own
    PNGs where the tables' step drew them in the documents' digits; otherwise they are drawn here
    (those two only, PNG only) in a temporary folder."""
    import tempfile

    # the charts the tables' step drew (an agency without a previous year has no comparison chart)
    drawn = {name: folder / f"chart_{name}.png" for name in DOCUMENT_CHARTS}
    drawn = {name: path for name, path in drawn.items() if path.is_file()}
    if task.tables and analysis.digits == task.digits and drawn:
        _render_documents(analysis.document(charts=drawn, digits=task.digits), folder, shared)
        return
    shown = analysis.replace(digits=task.digits, output_dir=None, charts=DOCUMENT_CHARTS, svg=False)
    with tempfile.TemporaryDirectory() as tmp:
        figures = {**shown.results().figures, **shown.comparison().figures}
        paths = {name: charts.save_figure(fig, Path(tmp) / name, svg=False)[0] for name, fig in figures.items()}
        for fig in figures.values():
            fig.clear()
        _render_documents(shown.document(charts=paths, digits=task.digits), folder, shared)


def _render_documents(doc, folder: Path, shared: SharedData) -> None:
    write_workbook(doc, folder / "measures.xlsx")
    write_pdf(doc, folder / "measures.pdf", renderer=shared.pdf)
    shared.word.write(doc, folder / "measures.docx")


def _analysis_for(task: AgencyTask, shared: SharedData) -> Analysis:
    """The agency's Analysis from the worker's shared data. When the task writes documents, its
    charts are drawn in the documents' digits, so one drawing serves the agency's folder and its
    documents."""
    parameters = task.parameters
    analysis = shared.analysis_for(parameters)
    digits = task.digits if task.documents else analysis.digits
    return analysis.replace(
        agency=parameters.agency,
        output_dir=Path(parameters.output_dir),
        digits=digits,
        charts=task.charts,
        svg=task.svg,
        painter=shared.painter,
    )
