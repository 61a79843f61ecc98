"""File names that are not UTF-8 (on Linux a name is bytes: b"\\xff\\xfe.csv" reaches Python as
"\\udcff\\udcfe.csv"): shown with those bytes as \\xff, carried to the notebooks and manifests as
file:// URIs of the bytes and read back, through `validate`, `score` and `run`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from cli_run import run_process
from conftest import SAMPLE, long_rows, write_csv
from hypothesis import given
from hypothesis import strategies as st

from ita_analysis.filenames import from_portable, portable, shown
from ita_analysis.parameters import AnalysisParameters

linux_names = pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
name_bytes = st.binary(min_size=1, max_size=30).filter(lambda b: b"/" not in b and b"\0" not in b)


@given(name_bytes)
def test_any_name_survives_json_and_reads_back(raw):
    path = os.fsdecode(b"/data/" + raw)
    carried = json.loads(json.dumps(portable(path), ensure_ascii=False).encode("utf-8"))
    assert from_portable(carried) == path
    assert shown(path) == "/data/" + raw.decode("utf-8", "backslashreplace")  # bytes not UTF-8 as \xNN


def test_utf8_names_pass_unchanged():
    for name in ("/data/คะแนน [final].csv", "scores.csv", "file name.csv"):
        assert portable(name) == name and shown(name) == name and from_portable(name) == name
    assert portable(Path("/a/b.csv")) == "/a/b.csv"
    assert shown(os.fsdecode(b"/d/\xff\xfe.csv")) == "/d/\\xff\\xfe.csv"
    assert portable(os.fsdecode(b"/d/\xff\xfe " + "ก.csv".encode())) == "file:///d/%FF%FE%20%E0%B8%81.csv"


def test_the_parameters_cell_holds_such_paths_and_gives_them_back():
    odd = os.fsdecode(b"/d/\xff\xfe.csv")
    params = AnalysisParameters(fiscal_year=2563, data=[odd, "/d/ok.csv"], plan=odd, agency="file:///not/a/path")
    cell = params.cell_values()
    json.dumps(cell, ensure_ascii=False).encode("utf-8")  # what papermill and the manifests write
    assert cell["data"] == ["file:///d/%FF%FE.csv", "/d/ok.csv"] and cell["plan"] == "file:///d/%FF%FE.csv"
    assert cell["agency"] == "file:///not/a/path"  # an agency is a name, never read as a path
    assert AnalysisParameters.from_cell(cell) == params
    plain = AnalysisParameters(fiscal_year=2563, data=["/d/ok.csv"], targets="/d/t.csv")
    assert plain.cell_values() == {f: getattr(plain, f) for f in AnalysisParameters.names()}


@pytest.fixture
def odd_named(tmp_path) -> Path:
    """The sample scores in a file whose name has bytes that are not UTF-8 (and brackets)."""
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xff\xfe[final].csv"))
    try:
        path.write_bytes(SAMPLE.read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("the file system takes only UTF-8 names")
    return path


def _escaped(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@linux_names
def test_validate_and_score_such_a_file(odd_named, tmp_path):
    r = run_process("validate", odd_named)
    assert r.returncode == 0 and "OK: 20 scores" in r.stdout, r.stderr
    out = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xfe[bold].csv"))
    r = run_process("score", odd_named, "--out", out)
    assert r.returncode == 0 and f"to {_escaped(out)}\n" in r.stderr and out.is_file(), r.stderr
    r = run_process("score", odd_named, "--fy", "2570")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert (
        f"  - {_escaped(odd_named)}: value '2570': expected a fiscal year of this data (--fy): it holds scores "
        in r.stderr
    )
    bad = write_csv(Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xe0bad.csv")), long_rows(years=(2563,))[:5])
    r = run_process("whatif", "--fy", "2563", "--data", bad)
    assert r.returncode == 1 and "Traceback" not in r.stderr and f"{_escaped(bad)}:" in r.stderr, r.stderr


def _tree(folder: Path) -> dict:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*")}


@linux_names
@pytest.mark.slow
def test_run_with_such_a_file(odd_named, tmp_path):
    out = Path(os.fsdecode(os.fsencode(tmp_path) + b"/out\xfd"))  # --out not UTF-8 either
    before = _tree(tmp_path)
    r = run_process("run", "--fy", "2563", "--data", odd_named, "--out", out, "--no-documents", "--workers", "1")
    assert r.returncode == 0 and "Traceback" not in r.stderr and "0 failed" in r.stderr, r.stderr
    assert f"FY2563: outputs in {_escaped(out / '2563')}\n" in r.stderr
    assert {p: t for p, t in _tree(tmp_path).items() if out not in p.parents and p != out} == before
    year = out / "2563"
    manifest = json.loads((year / "manifest.json").read_text(encoding="utf-8"))
    assert [i["path"] for i in manifest["inputs"]] == [portable(odd_named)] == manifest["parameters"]["data"]
    assert from_portable(manifest["inputs"][0]["path"]) == str(odd_named)
    (folder,) = [p for p in year.iterdir() if p.is_dir()]
    notebooks = sorted(folder.glob("*.ipynb"))
    assert len(notebooks) == 5
    for notebook in notebooks:
        text = notebook.read_text(encoding="utf-8")
        assert portable(odd_named) in text and '"output_type": "error"' not in text
    again = run_process("run", "--fy", "2563", "--data", odd_named, "--out", out, "--no-documents", "--workers", "1")
    assert again.returncode == 0 and "FY2563: unchanged since" in again.stderr, again.stderr
