"""A year is built in a staging folder: swapped in on success, kept as <YEAR>.failed on failure; the
manifests say what was run on what."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import nbformat
import pytest
from conftest import AGENCY, ROOT

from ita_analysis.batch.notebooks import RunError
from ita_analysis.batch.run import run_year
from ita_analysis.batch.staging import RunLog, agency_folders, staged_year

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FOLDER = "สำนักงาน ก.พ"
PARAMETERS = [
    "fiscal_year", "agency", "data", "sheet", "group", "previous_year", "weakness_rule", "target", "targets",
    "items", "notes", "recommendations", "plan", "target_paragraph", "digits", "documents", "svg", "charts",
    "notebook_limit",
]  # fmt: skip


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_agency_manifest(sample_run):
    folder = sample_run / FOLDER
    m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert m["tool"] == "ita-analysis" and m["version"] and m["fiscal_year"] == 2563
    fw = ROOT / "ita_analysis" / "frameworks" / "fy2563.toml"
    assert m["framework"] == {"fiscal_year": 2563, "status": "confirmed", "file": "fy2563.toml", "sha256": _sha256(fw)}
    raw = ROOT / "data" / "raw"
    names = ["ocsc_scores_2562_2563.csv", "targets.csv", "notes_2563.csv", "recommendations_2563.csv", "plan_2564.csv"]
    assert [Path(i["path"]).name for i in m["inputs"]] == names
    assert [i["sha256"] for i in m["inputs"]] == [_sha256(raw / n) for n in names]
    assert list(m["parameters"]) == PARAMETERS
    assert m["parameters"]["weakness_rule"] == "default" and m["parameters"]["agency"] == AGENCY
    assert m["parameters"]["digits"] == "thai" and m["parameters"]["plan"] == str((raw / "plan_2564.csv").resolve())
    assert m["files"] == [f for f in _files(folder) if f != "manifest.json"]
    assert "weaknesses.csv" in m["files"] and "measures.pdf" in m["files"]
    assert m["agency"] == AGENCY and m["notebooks"] == "per agency" and "note" not in m
    assert m["failed"] == [] and m["parameters"]["svg"] is None and m["parameters"]["documents"] is True


def test_year_manifest(sample_run):
    year = json.loads((sample_run / "manifest.json").read_text(encoding="utf-8"))
    assert year["agencies"] == {AGENCY: FOLDER}
    assert year["agency"] is None and year["parameters"]["agency"] is None and year["warnings"] == []
    assert year["files"] == [f for f in _files(sample_run) if not f.endswith("manifest.json")]
    assert "run.log" in year["files"] and f"{FOLDER}/results.csv" in year["files"]
    assert year["started"] <= year["finished"]
    assert year["failed"] == [] and year["summary"]["done"] == 1


@pytest.mark.slow  # two runs with their notebook kernels
def test_a_notebook_failing_for_every_agency_keeps_the_previous_outputs(tmp_path, sample_params, quick_notebooks):
    """Every agency failed (here the only one): the year is not published. Stand-in notebooks (each
    writes a file into the agency's folder), one of them broken the second time."""
    out = tmp_path / "outputs"
    good = run_year(sample_params(out, documents=False, notebooks_dir=quick_notebooks(write=True)))
    before = _tree(good)
    assert f"{FOLDER}/02_comparison.txt" in before and f"{FOLDER}/02_comparison.ipynb" in before
    broken = quick_notebooks(write=True)
    nb = nbformat.read(broken / "02_comparison.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('ตารางเสีย')"))
    nbformat.write(nb, broken / "02_comparison.ipynb")
    with pytest.raises(RunError) as info:
        run_year(sample_params(out, notebooks_dir=broken, documents=False))
    message = str(info.value)
    assert "02_comparison.ipynb" in message and "raise ValueError" in message and "ตารางเสีย" in message
    assert f"this attempt is in {out / '2563.failed'}" in message
    assert _tree(good) == before  # the previous outputs, byte for byte
    assert "FAILED: notebook 02_comparison.ipynb" in (out / "2563.failed" / "run.log").read_text(encoding="utf-8")
    assert (out / "2563.failed" / FOLDER / "02_comparison.ipynb").exists()  # the failed attempt, to inspect
    errors = (out / "2563.failed" / "errors.csv").read_text(encoding="utf-8-sig")
    assert "notebook 02_comparison.ipynb" in errors and "ตารางเสีย" in errors
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_staged_year_swaps_in_on_success(tmp_path):
    (tmp_path / "2563").mkdir()
    (tmp_path / "2563" / "old.txt").write_text("old")
    (tmp_path / "2563.failed").mkdir()
    with staged_year(tmp_path, 2563, RunLog()) as staging:
        assert staging.parent == tmp_path and staging.name.startswith(".2563.staging-")
        (staging / "new.txt").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2563"]
    assert [p.name for p in (tmp_path / "2563").iterdir()] == ["new.txt"]


def test_staged_year_keeps_the_failed_attempt_and_the_previous_outputs(tmp_path):
    (tmp_path / "2563").mkdir()
    (tmp_path / "2563" / "old.txt").write_text("old")
    log = RunLog()
    with pytest.raises(ValueError, match="^พัง$"):  # other errors pass unchanged
        with staged_year(tmp_path, 2563, log) as staging:
            log.note("started")
            (staging / "half.txt").write_text("half")
            raise ValueError("พัง")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2563", "2563.failed"]
    assert [p.name for p in (tmp_path / "2563").iterdir()] == ["old.txt"]
    assert sorted(p.name for p in (tmp_path / "2563.failed").iterdir()) == ["half.txt", "run.log"]
    lines = (tmp_path / "2563.failed" / "run.log").read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == ["started", "FAILED: พัง"]


def test_agency_folders_are_safe_and_distinct(tmp_path):
    names = ["สำนักงาน ก.พ.", "เทศบาลตำบล ก/ข", "CON", "con", "..", "กรม (x) ทดลอง"]
    folders = agency_folders(tmp_path, names)
    assert [folders[n].name for n in names] == [
        "สำนักงาน ก.พ",
        "เทศบาลตำบล ก_ข",
        "_CON",
        "_con_2",
        "agency",
        "กรม (x) ทดลอง",
    ]
    assert all(f.is_dir() and f.parent == tmp_path for f in folders.values())


# ------------------------------------------------------- re-runs and failures at the staged_year level
def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    """Staging folders and swapped-out old outputs that a run must not leave behind."""
    return sorted(p.name for p in root.iterdir() if ".staging-" in p.name or ".old-" in p.name)


def _publish(root: Path, files: dict[str, str], note: str) -> Path:
    log = RunLog()
    with staged_year(root, 2563, log) as staging:
        log.note(note)
        for name, text in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(text, encoding="utf-8")
    return root / "2563"


def test_a_rerun_replaces_every_earlier_output(tmp_path):
    first = _publish(tmp_path, {"summary.csv": "1", f"{FOLDER}/results.csv": "old", "เก่า/x.txt": "x"}, "first")
    assert set(_tree(first)) == {"run.log", "summary.csv", "เก่า/x.txt", f"{FOLDER}/results.csv"}
    again = _publish(tmp_path, {"summary.csv": "2", f"{FOLDER}/results.csv": "new"}, "second")
    assert again == first
    tree = _tree(again)
    assert set(tree) == {"run.log", "summary.csv", f"{FOLDER}/results.csv"}  # nothing of the first run is left
    assert tree["summary.csv"] == b"2" and tree[f"{FOLDER}/results.csv"] == b"new"
    assert [line.split(" ", 1)[1] for line in tree["run.log"].decode("utf-8").splitlines()] == ["second"]
    assert _leftovers(tmp_path) == [] and not (tmp_path / "2563.failed").exists()


def test_a_failed_rerun_never_publishes_over_good_outputs(tmp_path):
    good = _publish(tmp_path, {"summary.csv": "good", f"{FOLDER}/results.csv": "good"}, "good run")
    before = _tree(good)
    for attempt in ("ครั้งแรก", "ครั้งที่สอง"):  # a second failure replaces the first failed attempt
        log = RunLog()
        with pytest.raises(RunError) as info:
            with staged_year(tmp_path, 2563, log) as staging:
                (staging / "summary.csv").write_text("half", encoding="utf-8")
                (staging / f"{attempt}.txt").write_text(attempt, encoding="utf-8")
                raise RunError(f"notebook พัง {attempt}")
        assert str(info.value).startswith(f"notebook พัง {attempt}\n")
        assert str(tmp_path / "2563.failed") in str(info.value) and "untouched" in str(info.value)
        assert _tree(good) == before  # the good outputs, byte for byte
        assert set(_tree(tmp_path / "2563.failed")) == {"run.log", "summary.csv", f"{attempt}.txt"}
        assert _leftovers(tmp_path) == []
    # then a good run again: published, and the failed attempt cleared away
    _publish(tmp_path, {"summary.csv": "fixed"}, "fixed")
    assert _tree(good)["summary.csv"] == b"fixed" and not (tmp_path / "2563.failed").exists()


def test_a_failure_without_earlier_outputs_publishes_nothing(tmp_path):
    with pytest.raises(ValueError):
        with staged_year(tmp_path, 2563, RunLog()) as staging:
            (staging / "summary.csv").write_text("half", encoding="utf-8")
            raise ValueError("พัง")
    assert not (tmp_path / "2563").exists() and (tmp_path / "2563.failed" / "summary.csv").exists()
    assert _leftovers(tmp_path) == []


def test_an_interrupted_run_never_publishes(tmp_path):
    good = _publish(tmp_path, {"summary.csv": "good"}, "good run")
    before = _tree(good)
    with pytest.raises(KeyboardInterrupt):
        with staged_year(tmp_path, 2563, RunLog()) as staging:
            (staging / "summary.csv").write_text("half", encoding="utf-8")
            raise KeyboardInterrupt
    assert _tree(good) == before and _leftovers(tmp_path) == []


def test_a_stale_staging_folder_is_not_reused(tmp_path):
    stale = tmp_path / f".2563.staging-{os.getpid()}"
    (stale / "sub").mkdir(parents=True)
    (stale / "sub" / "stale.txt").write_text("from a run that died", encoding="utf-8")
    with staged_year(tmp_path, 2563, RunLog()) as staging:
        assert list(staging.iterdir()) == []
        (staging / "new.txt").write_text("new", encoding="utf-8")
    assert sorted(_tree(tmp_path / "2563")) == ["new.txt"] and _leftovers(tmp_path) == []


def test_a_failed_attempt_that_cannot_be_kept_is_removed(tmp_path):
    good = _publish(tmp_path, {"summary.csv": "good"}, "good run")
    (tmp_path / "2563.failed").write_text("a file where the failed folder would go", encoding="utf-8")
    with pytest.raises(ValueError, match="พัง"):
        with staged_year(tmp_path, 2563, RunLog()) as staging:
            (staging / "summary.csv").write_text("half", encoding="utf-8")
            raise ValueError("พัง")
    assert _tree(good)["summary.csv"] == b"good" and _leftovers(tmp_path) == []
