"""The command line as a user meets it: exit codes, messages without tracebacks, files written or not.

Most commands run in this process (``run``, also used by the other CLI tests); the exit codes and the
absence of tracebacks are also checked on real processes (``run_process``) for bad input and usage.
"""

from __future__ import annotations

import pytest
from cli_run import run_in_process as run
from cli_run import run_process
from conftest import AGENCY, long_rows, write_csv

__all__ = ["run"]  # the other CLI tests run their commands with it


def test_score_prints_a_table(sample_csv):
    r = run("score", sample_csv)
    assert r.returncode == 0, r.stderr
    assert "82.44" in r.stdout and "87.11" in r.stdout and AGENCY in r.stdout


def test_score_report_table_with_agency_and_year(report_tsv):
    r = run("score", report_tsv, "--agency", AGENCY, "--fy", "๒๕๖๓")
    assert r.returncode == 0, r.stderr
    assert "82.44" in r.stdout
    assert "78.99" in r.stderr  # the published EIT mean is reported as a warning


def test_score_to_csv_and_xlsx(tmp_path, sample_csv):
    import pandas as pd
    from openpyxl import load_workbook

    r = run("score", sample_csv, "--out", tmp_path / "ผลคะแนน.csv")
    assert r.returncode == 0, r.stderr
    raw = (tmp_path / "ผลคะแนน.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows Thai
    df = pd.read_csv(tmp_path / "ผลคะแนน.csv", encoding="utf-8-sig")
    for col in ["agency", "fiscal_year", "iit", "eit", "oit", "total", "grade", *(f"ind_{i}" for i in range(1, 11))]:
        assert col in df.columns
    assert df.set_index("fiscal_year").loc[2563, "total"] == 82.44
    r = run("score", sample_csv, "--out", tmp_path / "scores.xlsx")
    assert r.returncode == 0, r.stderr
    ws = load_workbook(tmp_path / "scores.xlsx").active
    header = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(header, ws[3], strict=True)}
    assert row["total"].value == 82.44 and row["total"].number_format == "0.00"
    assert row["agency"].value == AGENCY


def test_bad_input_exit_1_no_traceback_nothing_written(tmp_path):
    rows = long_rows(years=(2563,))
    rows[2][3] = "๘๙,๒๙"
    rows[5][2] = "Open Dta"
    bad = write_csv(tmp_path / "bad.csv", rows)
    out = tmp_path / "out.csv"
    r = run_process("score", bad, "--out", out)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "row 3" in r.stderr and "row 6" in r.stderr and "Open Data" in r.stderr
    assert not out.exists()


def test_validate(tmp_path, sample_csv):
    r = run("validate", sample_csv)
    assert r.returncode == 0 and "OK" in r.stdout
    rows = long_rows(years=(2563,))
    rows[1][1] = 2020
    r = run("validate", write_csv(tmp_path / "ce.csv", rows))
    assert r.returncode == 1 and "2563" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("args", [[], ["score"], ["score", "x.csv", "--nope"], ["score", "x.csv", "--out", "x.pdf"]])
def test_usage_errors_exit_2(args):
    assert run_process(*args).returncode == 2


def test_formula_text_stays_text(tmp_path):
    from openpyxl import load_workbook

    rows = long_rows(years=(2563,), agency='=HYPERLINK("http://x","y")')
    src = write_csv(tmp_path / "evil.csv", rows)
    assert run("score", src, "--out", tmp_path / "o.xlsx").returncode == 0
    cell = load_workbook(tmp_path / "o.xlsx").active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert run("score", src, "--out", tmp_path / "o.csv").returncode == 0
    import csv

    with (tmp_path / "o.csv").open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f))[1][0] == '\'=HYPERLINK("http://x","y")'
    # read back, the name is the original again
    r = run("score", tmp_path / "o.csv")
    assert r.returncode == 0 and "'=HYPERLINK" not in r.stdout


def test_frameworks_listing():
    r = run("frameworks")
    assert r.returncode == 0 and "provisional" in r.stdout and "2569" in r.stdout


def test_run_bad_input_exit_1_nothing_written(tmp_path):
    rows = [["agency", "fiscal_year", "indicator", "score"], [AGENCY, 2563, 1, "x"]]
    bad = write_csv(tmp_path / "bad.csv", rows)
    r = run_process("run", "--fy", "2563", "--data", bad, "--out", tmp_path / "o")
    assert r.returncode == 1 and "row 2" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o" / "2563").exists()


@pytest.mark.parametrize(
    "args",
    [["--weakness-rule", "worst"], ["--digits", "roman"], ["--no-such-option"]],
)
def test_run_usage_errors_exit_2(args, tmp_path, sample_csv):
    r = run("run", "--fy", "2563", "--data", sample_csv, "--out", tmp_path / "o", *args)
    assert r.returncode == 2 and not (tmp_path / "o").exists()


def test_run_bad_year_exit_1(tmp_path, sample_csv):
    r = run("run", "--fy", "1999", "--data", sample_csv, "--out", tmp_path / "o")
    assert r.returncode == 1 and "--fy" in r.stderr and "1999" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow  # two years with the real notebooks
def test_run_every_year_in_the_data(tmp_path, sample_csv):
    """--fy all: each year of the sample (FY2562, FY2563) run into its own folder, the figures as published."""
    import pandas as pd

    out = tmp_path / "o"
    r = run("run", "--fy", "all", "--data", sample_csv, "--out", out, "--no-documents")
    assert r.returncode == 0, r.stderr
    assert "FY2562: outputs in" in r.stderr and "FY2563: outputs in" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["2562", "2563"]
    for year, total, grade in ((2562, 87.11, "A"), (2563, 82.44, "B")):
        summary = pd.read_csv(out / str(year) / "summary.csv", encoding="utf-8-sig")
        assert summary[["fiscal_year", "total", "grade"]].values.tolist() == [[year, total, grade]]
        results = pd.read_csv(out / str(year) / "สำนักงาน ก.พ" / "results.csv", encoding="utf-8-sig")
        assert set(results["fiscal_year"]) == {year} and set(results["total"]) == {total}
        assert not (out / str(year) / "สำนักงาน ก.พ" / "measures.pdf").exists()


def test_version():
    """The installed package's version; the help lists the option in the chosen language."""
    import importlib.metadata

    expected = importlib.metadata.version("ita-analysis")
    r = run("--version")
    assert (r.returncode, r.stdout) == (0, f"ita-analysis {expected}\n")
    assert "Print the version of ita-analysis and exit." in run("--help").stdout
    thai = run_process("--help", env={"ITA_ANALYSIS_LANG": "th"})
    assert "แสดงรุ่นของ ita-analysis แล้วจบการทำงาน" in thai.stdout
