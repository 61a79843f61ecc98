"""Names from the data never steer files: hostile agency names through `run` with notebooks and documents.

Each name below once did harm or could: braces and format fields (papermill fills ``{...}`` in
notebook paths with the parameters), path separators and dots, a reserved Windows device name,
control characters from a PDF copy (the Excel and Word writers refused them), and 300 characters
(a Word document property holds at most 255). ``--out`` itself has braces too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from ita_analysis.files import FOLDER_BYTES

NAMES = [
    "กรม{agency}",
    "{0}{output_dir}{fiscal_year!r:>{x}}",
    "../ก/ข\\..\\ค",
    "...",
    "CON",
    "ชื่อจาก\x07PDF\x1bมีอักขระควบคุม",
    "ก" * 150 + "ข" * 150,
]
# The names as read: control characters from a PDF copy are dropped on reading, so the CSV files,
# the manifest, Excel and Word all show one and the same name.
AS_READ = [*NAMES[:5], "ชื่อจากPDFมีอักขระควบคุม", NAMES[6]]
DOCUMENTS = ("measures.xlsx", "measures.pdf", "measures.docx")
NOTEBOOKS = ("01_results.ipynb", "02_comparison.ipynb", "03_weaknesses.ipynb", "04_peers.ipynb", "05_plan.ipynb")


def _scores() -> pd.DataFrame:
    """Two years of ten indicator scores for each name (the scores themselves do not matter here)."""
    rows = [
        {"agency": name, "fiscal_year": year, "indicator": k, "score": 60 + (3 * k + 7 * i + year) % 40}
        for i, name in enumerate(NAMES)
        for year in (2564, 2565)
        for k in range(1, 11)
    ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "data").mkdir()
    _scores().to_csv(root / "data" / "scores.csv", index=False, encoding="utf-8-sig")
    out = root / "out{fiscal_year}"
    done = subprocess.run(
        [sys.executable, "-m", "ita_analysis", "run", "--fy", "2565", "--data", "data/scores.csv", "--out", str(out),
         "--workers", "2"],
        capture_output=True, text=True, encoding="utf-8", cwd=root,
    )  # fmt: skip
    return root, out / "2565", done


def test_every_agency_completes(hostile_run):
    _, year, done = hostile_run
    assert done.returncode == 0, done.stderr[-3000:]
    assert not (year / "errors.csv").exists()


def test_nothing_is_written_outside_out(hostile_run):
    root, year, _ = hostile_run
    written = {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
    stray = [p for p in written if p.parts[0] not in ("data", "out{fiscal_year}")]
    assert stray == []
    assert {p for p in written if p.parts[0] == "data"} == {Path("data/scores.csv")}
    assert [p.name for p in (root / "out{fiscal_year}").iterdir()] == ["2565"]


def test_each_agency_has_its_own_safe_folder(hostile_run):
    _, year, _ = hostile_run
    folders = json.loads((year / "manifest.json").read_text(encoding="utf-8"))["agencies"]
    assert sorted(folders) == sorted(AS_READ)
    assert len(set(folders.values())) == len(NAMES)
    for folder in folders.values():
        assert (year / folder).parent == year  # one level below the year, no separator or ".." in it
        assert not set(folder) & set("{}/\\:*?\"<>|%$'`\x07\x1b"), folder
        assert len(folder.encode()) <= FOLDER_BYTES
    assert folders["CON"] != "CON" and folders["..."] not in (".", "..", "...")


def test_every_file_lands_in_its_agency_folder(hostile_run):
    _, year, _ = hostile_run
    folders = json.loads((year / "manifest.json").read_text(encoding="utf-8"))["agencies"]
    for name, folder in folders.items():
        where = year / folder
        for nb in NOTEBOOKS:
            cells = nbformat.read(where / nb, as_version=4).cells
            injected = [c.source for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
            assert injected and repr(name) in injected[0], (name, nb)
        results = pd.read_csv(where / "results.csv", encoding="utf-8-sig", dtype=str)
        assert set(results["agency"]) == {name}  # the CSV has the name as read
        assert all((where / d).stat().st_size > 0 for d in DOCUMENTS)


def test_documents_show_the_name_without_control_characters(hostile_run):
    _, year, _ = hostile_run
    folders = json.loads((year / "manifest.json").read_text(encoding="utf-8"))["agencies"]
    name = AS_READ[5]
    where = year / folders[name]
    cells = [c.value for ws in load_workbook(where / "measures.xlsx") for row in ws.iter_rows() for c in row]
    assert any(isinstance(v, str) and name in v for v in cells)
    assert Document(str(where / "measures.docx")).core_properties.author == name
    summary = pd.read_csv(year / "summary.csv", encoding="utf-8-sig", dtype=str)
    assert name in set(summary["agency"])  # the Excel and Word name matches its CSV row


def test_a_long_name_is_shortened_only_where_a_format_limits_it(hostile_run):
    _, year, _ = hostile_run
    folders = json.loads((year / "manifest.json").read_text(encoding="utf-8"))["agencies"]
    name = NAMES[6]
    author = Document(str(year / folders[name] / "measures.docx")).core_properties.author
    assert author == "ก" * 150 + "ข" * 104 + "\u2026"  # 255 characters: the property's limit
    cells = [c.value for ws in load_workbook(year / folders[name] / "measures.xlsx") for row in ws for c in row]
    assert any(isinstance(v, str) and name in v for v in cells)  # the sheets show it whole
