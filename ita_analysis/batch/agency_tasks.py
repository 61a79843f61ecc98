"""One agency's outputs written by the package directly (the code the notebooks call), in a worker.

Large runs get each agency's tables and charts here instead of from three notebook executions;
every run gets its measures documents (xlsx, pdf, docx) here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ita_analysis.facade import Analysis, AnalysisParameters


@dataclass(frozen=True)
class AgencyTask:
    """What to write for one agency (``parameters.agency``) into ``parameters.output_dir``."""

    parameters: AnalysisParameters
    digits: str  # of the measures documents: "thai" or "arabic"
    tables: bool  # results/comparison/weaknesses CSV and their charts
    documents: bool  # measures.xlsx, .pdf and .docx
    svg: bool = True  # charts also as SVG beside the PNG


def write_agency_outputs(task: AgencyTask):
    """Worker: write the task's tables, charts and documents, each step ("analysis", "tables",
    "documents") timed. Returns a :class:`~ita_analysis.batch.tasks.TaskResult` (picklable); an
    exception ends the task and becomes the result's failure, so that it fails this agency alone."""
    from ita_analysis.batch.tasks import TaskResult

    result = TaskResult(task.parameters.agency)
    try:
        with result.step("analysis"):
            analysis = _analysis_for(task.parameters)
        if task.tables:
            with result.step("tables"):
                for make in (analysis.results, analysis.comparison, analysis.weaknesses, analysis.history,
                             analysis.peers, analysis.peer_groups, analysis.target_gap,
                             analysis.item_priorities):  # fmt: skip
                    output = make()
                    if output.name == "items" and analysis.items is None:
                        continue
                    analysis.save(output)
                    for fig in output.figures.values():
                        fig.clear()
        if task.documents:
            with result.step("documents"):
                _write_documents(analysis, Path(task.parameters.output_dir), task.digits)
    except Exception as exc:
        result.fail(exc)
    return result


def _write_documents(analysis: Analysis, folder: Path, digits: str) -> None:
    """The measures document as measures.xlsx, .pdf and .docx, its charts in the documents' digits."""
    import tempfile

    from ita_analysis.report import charts
    from ita_analysis.report.document import build_document
    from ita_analysis.report.pdf import write_pdf
    from ita_analysis.report.word import write_docx
    from ita_analysis.report.workbook import write_workbook

    # the documents' charts speak the documents' digits; the tables are shared with the analysis
    shown = analysis if analysis.digits == digits else dataclasses.replace(analysis, digits=digits, output_dir=None)
    with tempfile.TemporaryDirectory() as tmp:
        figures = {**shown.results().figures, **shown.comparison().figures}
        paths = {name: charts.save_figure(fig, Path(tmp) / name)[0] for name, fig in figures.items()}
        doc = build_document(shown, charts=paths, digits=digits)
        write_workbook(doc, folder / "measures.xlsx")
        write_pdf(doc, folder / "measures.pdf")
        write_docx(doc, folder / "measures.docx")


_CACHE: dict[str, Analysis] = {}


def _analysis_for(parameters: AnalysisParameters) -> Analysis:
    """The agency's Analysis in a worker process: data and side files are read once per worker
    (for every agency whose parameters differ only in agency and output folder)."""
    key = repr(dataclasses.replace(parameters, agency=None, output_dir=None))
    if key not in _CACHE:
        _CACHE.clear()
        # agency fills in report-style tables, which hold that one agency only
        _CACHE[key] = Analysis.from_params(**dataclasses.asdict(parameters))
    return dataclasses.replace(_CACHE[key], agency=parameters.agency, output_dir=Path(parameters.output_dir))
