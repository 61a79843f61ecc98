"""Names from the data never steer files: hostile agency names through `run` with notebooks and documents.

Each name below once did harm or could: braces and format fields (papermill fills ``{...}`` in
notebook paths with the parameters), path separators and dots, a reserved Windows device name,
control characters from a PDF copy (the Excel and Word writers refused them), and 300 characters
(a Word document property holds at most 255). ``--out`` itself has braces too.

Every name goes through papermill with stand-in notebooks that write a file each into the agency's
folder (where the files land does not depend on what a notebook computes); one name, the one full of
format fields, also goes through the real notebooks, which write the agency's tables.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from cli_run import run_in_process
from docx import Document
from openpyxl import load_workbook

from ita_analysis.batch import run
from ita_analysis.files import FOLDER_BYTES

pytestmark = pytest.mark.slow

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


def _run(root: Path, notebooks: Path | None, *extra: str):
    """`ita-analysis run` of the names' FY2565 from ``root`` into ``out{fiscal_year}`` (the stand-in
    notebooks of ``notebooks``, or the real ones); returns (root, the year's folder, the finished run)."""
    (root / "data").mkdir()
    _scores().to_csv(root / "data" / "scores.csv", index=False, encoding="utf-8-sig")
    out = root / "out{fiscal_year}"
    with pytest.MonkeyPatch.context() as patch:
        if notebooks is not None:
            patch.setattr(run, "default_notebooks_dir", lambda: notebooks)
        done = run_in_process("run", "--fy", "2565", "--data", "data/scores.csv", "--out", out, "--workers", "2",
                              *extra, cwd=root)  # fmt: skip
    return root, out / "2565", done


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, stand_in_notebooks):
    """Every name, with stand-in notebooks writing one file each."""
    return _run(tmp_path_factory.mktemp("hostile"), stand_in_notebooks(write=True))


@pytest.fixture(scope="module")
def real_notebooks_run(tmp_path_factory):
    """The name full of format fields (``--agency``), with the real notebooks."""
    return _run(tmp_path_factory.mktemp("hostile_real"), None, "--agency", NAMES[1])


@pytest.fixture(params=["stand-ins", "real notebooks"])
def each_run(request):
    """(which notebooks, the run): each of the two runs in turn."""
    return request.param, request.getfixturevalue(
        "hostile_run" if request.param == "stand-ins" else "real_notebooks_run"
    )


def test_every_agency_completes(each_run):
    _, (_, year, done) = each_run
    assert done.returncode == 0, done.stderr[-3000:]
    assert not (year / "errors.csv").exists()


def test_nothing_is_written_outside_out(each_run):
    _, (root, year, _) = each_run
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


def test_every_file_lands_in_its_agency_folder(each_run):
    notebooks, (_, year, _) = each_run
    folders = json.loads((year / "manifest.json").read_text(encoding="utf-8"))["agencies"]
    assert sorted(folders) == (sorted(AS_READ) if notebooks == "stand-ins" else [NAMES[1]])
    for name, folder in folders.items():
        where = year / folder
        for nb in NOTEBOOKS:
            cells = nbformat.read(where / nb, as_version=4).cells
            injected = [c.source for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
            assert injected and repr(name) in injected[0], (name, nb)
            if notebooks == "stand-ins":  # what each notebook wrote into its output_dir: the name as read
                assert (where / nb.replace(".ipynb", ".txt")).read_text(encoding="utf-8") == repr(name), (name, nb)
        if notebooks == "real notebooks":
            results = pd.read_csv(where / "results.csv", encoding="utf-8-sig", dtype=str)
            assert set(results["agency"]) == {name}  # the CSV has the name as read
        assert all((where / d).stat().st_size > 0 for d in DOCUMENTS)
    summary = pd.read_csv(year / "summary.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert sorted(summary["agency"]) == sorted(AS_READ)  # every name as read in the year's CSV


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
