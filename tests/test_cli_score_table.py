"""`score` prints a large table piece by piece: every agency-year once, one header, columns aligned."""

from __future__ import annotations

from cli_run import run_in_process
from conftest import long_rows, write_csv
from rich.cells import cell_len

from ita_analysis.cli import scores

NAMES = ["กรม ก", "สำนักงานปลัดกระทรวงการคลัง", "อบต. ข", "กรม[/x]", "Office of Z", "เทศบาล ค", "ศาล ง"]


def _table(tmp_path):
    rows = long_rows(years=(2563,), agency=NAMES[0])
    for name in NAMES[1:]:
        rows += long_rows(years=(2563,), agency=name)[1:]
    return write_csv(tmp_path / "scores.csv", rows)


def test_a_table_larger_than_a_piece_prints_each_row_once_under_one_header(tmp_path, monkeypatch):
    monkeypatch.setattr(scores, "CHUNK", 3)  # seven agencies: pieces of 3, 3 and 1
    r = run_in_process("score", _table(tmp_path))
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert sum("fiscal_year" in ln for ln in lines) == 1
    data = [ln for ln in lines if "2563" in ln]
    assert len(data) == len(NAMES)
    assert sorted(ln.split("│")[0].strip() for ln in data) == sorted(NAMES)
    assert all("82.44" in ln and ln.rstrip().endswith("B") for ln in data)  # the sample's FY2563 scores
    assert len({cell_len(ln.rstrip()) for ln in data}) == 1  # the pieces share their column widths
    assert len({cell_len(ln[: ln.index("│")]) for ln in data}) == 1


def test_a_table_of_one_piece_keeps_its_frame(tmp_path):
    r = run_in_process("score", _table(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.lstrip().startswith("┏") and r.stdout.rstrip().endswith("┘")
    assert sum(ln.startswith("│") for ln in r.stdout.splitlines()) == len(NAMES)
