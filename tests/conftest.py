"""Shared fixtures: the reference document's figures (OCSC, FY2562-FY2563) in every input shape."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "data" / "raw" / "ocsc_scores_2562_2563.csv"
AGENCY = "สำนักงาน ก.พ."

NAMES = [
    "การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ", "การใช้ทรัพย์สินของราชการ", "การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร", "การปรับปรุงการทำงาน", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต",
]  # fmt: skip
TOOLS = ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2
SCORES = {
    2562: [89.07, 79.40, 78.89, 77.51, 76.70, 82.27, 82.38, 74.92, 95.28, 100.00],
    2563: [89.29, 78.61, 80.87, 75.78, 77.62, 85.74, 75.42, 75.79, 85.56, 87.50],
}
# As published in the reference document
PUBLISHED = {
    2562: {"total": 87.11, "grade": "A"},
    2563: {"iit": 80.43, "eit": 78.99, "oit": 86.53, "iit_weighted": 24.13, "eit_weighted": 23.70,
           "oit_weighted": 34.61, "total": 82.44, "grade": "B"},
}  # fmt: skip


def pytest_configure(config) -> None:
    """The tests read the English messages unless a test chooses Thai (ITA_ANALYSIS_LANG=th, or
    ITA_ANALYSIS_LANG empty and a Thai LANG): the language of the machine running them has no say."""
    os.environ["ITA_ANALYSIS_LANG"] = "en"


def run_params(**kw):
    """RunParams from one set of keywords: the analysis parameters' go to its ``analysis``."""
    from ita_analysis.batch.params import RunParams
    from ita_analysis.parameters import AnalysisParameters

    names = AnalysisParameters.names()
    analysis = AnalysisParameters(**{k: v for k, v in kw.items() if k in names})
    return RunParams(analysis, **{k: v for k, v in kw.items() if k not in names})


def sample_analysis(**kw):
    """The facade's Analysis of the shipped sample (FY2563 with its targets, notes, recommendations
    and plan); keywords override or add parameters."""
    from ita_analysis.facade import Analysis, AnalysisParameters

    raw = ROOT / "data" / "raw"
    base = dict(
        fiscal_year=2563, data=[SAMPLE], targets=raw / "targets.csv", notes=raw / "notes_2563.csv",
        recommendations=raw / "recommendations_2563.csv", plan=raw / "plan_2564.csv",
    )  # fmt: skip
    return Analysis.from_params(AnalysisParameters(**{**base, **kw}))


@pytest.fixture
def madeup_frameworks(monkeypatch):
    """The made-up framework files (tests/fixtures/frameworks: STAFF / USER / WEB, twelve indicators)
    beside the shipped ones."""
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(FIXTURES / "frameworks"))


@pytest.fixture
def sample_csv() -> Path:
    return SAMPLE


@pytest.fixture
def report_tsv() -> Path:
    return FIXTURES / "ocsc_2563_report.tsv"


@pytest.fixture
def comparison_tsv() -> Path:
    return FIXTURES / "ocsc_2562_2563_comparison.tsv"


def write_csv(path: Path, rows: list[list[object]], *, encoding: str = "utf-8-sig", delimiter: str = ",") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], *, sheet: str = "Sheet1", merges: list[str] = ()) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def long_rows(years=(2562, 2563), agency: str = AGENCY) -> list[list[object]]:
    rows: list[list[object]] = [["agency", "fiscal_year", "indicator", "score"]]
    for y in years:
        for i, s in enumerate(SCORES[y], start=1):
            rows.append([agency, y, i, s])
    return rows


# The expensive fixtures that tests of several modules share: a whole run with the real notebooks
# (tests/batch/conftest.py; under pytest-xdist built once for all workers). Their tests are slow:
# `make test-fast` leaves them out.
SHARED_RUNS = ("sample_run", "generated_run")


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects
def pytest_collection_modifyitems(items):
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in SHARED_RUNS):
            item.add_marker(pytest.mark.slow)
