"""CPU seconds of each step of one agency's bundle, measured one step at a time in one process.

Used by `bench/bench_run.py` (`make bench`); alone: `python bench/bench_steps.py SCORES.csv`. The
steps are those a worker runs for an agency of a large run (the direct path with documents): its
tables (computed for the round's agencies at once and cut per agency, as a worker does for its
batch), their CSV files, the documents' two charts (figures and PNG files), the document model and
measures.xlsx, .pdf and .docx. Each step is timed with ``time.process_time`` (this process's CPU,
user and system), the agencies in turn, three rounds; the figure of a step is the median round's
seconds per agency. A first agency, not counted, loads the fonts and stylesheets every worker loads
once (and makes the Word file's shared parts, which a worker makes once).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ita_analysis.batch.params import DOCUMENT_CHARTS
from ita_analysis.facade import TABLE_FILES, Analysis
from ita_analysis.files import write_csv
from ita_analysis.parameters import AnalysisParameters
from ita_analysis.report import charts
from ita_analysis.report.pdf import PdfRenderer, write_pdf
from ita_analysis.report.word import WordWriter
from ita_analysis.report.workbook import write_workbook

STEPS = ("tables", "CSV", "charts", "document model", "Excel", "PDF", "Word")
ROUNDS = 3
TABLES = ("results", "comparison", "weaknesses", "trend", "peers", "peer_groups", "target_gap", "item_priorities")


class Clock:
    """CPU seconds per step, added up over the agencies of a round."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STEPS, 0.0)

    def time(self, step: str, work: Callable[[], object]) -> object:
        t0 = time.process_time()
        value = work()
        self.seconds[step] += time.process_time() - t0
        return value


def one_agency(base: Analysis, agency: str, folder: Path, clock: Clock, word: WordWriter, pdf: PdfRenderer) -> None:
    """The agency's bundle as a worker writes it (the charts on ``base``'s painter, the Word file by
    the worker's ``word`` writer, the PDF with its ``pdf`` renderer), each step on ``clock``."""
    folder.mkdir(parents=True, exist_ok=True)
    a = base.replace(agency=agency, output_dir=folder, digits="thai", charts=DOCUMENT_CHARTS, svg=False)

    def tables() -> list:
        # the tables the charts show are kept by the Analysis (cached), so the charts' step draws only
        _ = a.results_data, a.comparison_data, a.weakness_data
        return [getattr(a, name)() for name in TABLES[2:] if name != "item_priorities" or a.items is not None]

    outputs = clock.time("tables", tables)

    def figures() -> dict[str, Path]:
        shown = [a.results(), a.comparison()]
        outputs.extend(shown)
        paths = {}
        for output in shown:
            for name, fig in output.figures.items():
                paths[name] = _save(fig, folder, name)
                fig.clear()
        return paths

    paths = clock.time("charts", figures)
    clock.time("CSV", lambda: [write_csv(o.table, folder / TABLE_FILES[o.name]) for o in outputs])
    doc = clock.time("document model", lambda: a.document(charts=paths, digits="thai"))
    clock.time("Excel", lambda: write_workbook(doc, folder / "measures.xlsx"))
    clock.time("PDF", lambda: write_pdf(doc, folder / "measures.pdf", renderer=pdf))
    clock.time("Word", lambda: word.write(doc, folder / "measures.docx"))


def _save(fig, folder: Path, name: str) -> Path:
    return charts.save_figure(fig, folder / f"chart_{name}", svg=False)[0]


def step_seconds(data: Path, fiscal_year: int, agencies: int) -> dict[str, float]:
    """Median CPU seconds per agency of each step, over :data:`ROUNDS` rounds of ``agencies`` agencies."""
    base = Analysis.from_params(AnalysisParameters(fiscal_year=fiscal_year, data=[data]))
    base = base.replace(painter=charts.ChartPainter())  # as a worker draws them: kept for its agencies
    word = WordWriter()  # kept by a worker for its agencies, as the painter
    names = base.agencies()[: agencies + 1]
    rounds, pdf = [], PdfRenderer()  # as a worker keeps it for its batch
    with tempfile.TemporaryDirectory() as tmp:
        one_agency(base, names[0], Path(tmp) / "warm-up", Clock(), word, pdf)
        for k in range(ROUNDS):
            clock = Clock()
            # as a worker computes its batch's tables: for all its agencies at once, then cut per agency
            batch = clock.time("tables", lambda: base.prepared(names[1:]))
            for i, agency in enumerate(names[1:]):
                one_agency(batch, agency, Path(tmp) / f"{k}-{i}", clock, word, pdf)
            rounds.append(clock.seconds)
    counted = len(names) - 1
    return {step: statistics.median(r[step] for r in rounds) / counted for step in STEPS}


def print_steps(seconds: dict[str, float], agencies: int) -> None:
    print(f"  one agency step by step in one process (CPU-s, median of {ROUNDS} rounds of {agencies} agencies):")
    for step in STEPS:
        print(f"    {step:<16} {seconds[step]:5.3f}")
    print(f"    {'together':<16} {sum(seconds.values()):5.3f}")


if __name__ == "__main__":
    n = 6
    print_steps(step_seconds(Path(sys.argv[1]), 2565, n), n)
