"""Plans checked as staff fill them in, in every mode of `run --plan`: the template of `init-plan`
passed as it is (CSV or XLSX) is a warning that no measure is filled in yet, with the rows that wait;
a measure without its ผู้รับผิดชอบ (responsible) is bad input naming the row, and nothing is written.

The runs that get past the checks here are made fast by leaving their tasks (notebooks, documents)
out (``fast_run``): what is checked happens before any task starts, and the closing lines read the
manifest the run writes; one slow test runs the notebooks for real.
"""

from __future__ import annotations

import pandas as pd
import pytest
from cli_run import run_in_process as run
from cli_run import run_process
from conftest import SAMPLE

# The sample agency's FY2563 has the framework's 10 indicators (IIT 1-5, EIT 6-8, OIT 9-10): the
# template has one row for each, none filled in
ROWS = 10
UNFILLED = "no measures filled yet: 10 rows wait for their แนวทางการดำเนินงาน and ผู้รับผิดชอบ"
MODES = {
    "documents": ["--fy", "2563"],
    "no-documents": ["--fy", "2563", "--no-documents"],
    "every year": ["--fy", "all", "--no-documents"],
}


@pytest.fixture
def fast_run(monkeypatch):
    """`run` without its tasks: inputs checked, year tables and manifests written, no notebook."""
    from ita_analysis.batch import run as batch_run

    monkeypatch.setattr(batch_run, "run_tasks", lambda *args, **kwargs: 0)


def _template(folder, suffix: str):
    out = folder / f"แผน_2564.{suffix}"
    r = run("init-plan", "--fy", "2563", "--data", SAMPLE, "--out", out)
    assert r.returncode == 0, r.stderr
    return out


def _without_responsible(plan):
    """The template with an action in its second row (spreadsheet row 3) and no ผู้รับผิดชอบ."""
    if plan.suffix == ".csv":
        table = pd.read_csv(plan, encoding="utf-8-sig", dtype=str)
        table.loc[1, "แนวทางการดำเนินงาน"] = "ชี้แจงแผนการใช้จ่ายงบประมาณ"
        table.to_csv(plan, index=False, encoding="utf-8-sig")
    else:
        from openpyxl import load_workbook

        book = load_workbook(plan)
        sheet = book["มาตรการ"]
        assert (sheet["G1"].value, sheet["H1"].value) == ("แนวทางการดำเนินงาน", "ผู้รับผิดชอบ")
        sheet["G3"] = "ชี้แจงแผนการใช้จ่ายงบประมาณ"
        book.save(plan)
    return plan


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("mode", MODES)
def test_an_unfilled_template_says_no_measures_yet(tmp_path, fast_run, suffix, mode):
    plan = _template(tmp_path, suffix)
    out = tmp_path / "out"
    r = run("run", *MODES[mode], "--data", SAMPLE, "--plan", plan, "--out", out)
    assert r.returncode == 0, r.stderr
    assert f"FY2563: 1 warning, listed in {out / '2563' / 'run.log'}:" in r.stderr.splitlines()
    assert f"  {plan}: {UNFILLED}" in r.stderr.splitlines()
    assert "it has no rows" not in r.stderr
    assert f"WARNING {plan}: {UNFILLED}" in (out / "2563" / "run.log").read_text(encoding="utf-8")


def test_the_rows_that_wait_are_counted_in_thai(tmp_path, fast_run):
    plan = _template(tmp_path, "csv")
    r = run("run", "--fy", "2563", "--data", SAMPLE, "--plan", plan, "--out", tmp_path / "o", "--no-documents",
            env={"ITA_ANALYSIS_LANG": "th"})  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert f"  {plan}: ยังไม่ได้กรอกมาตรการ: มี {ROWS} แถวที่รอกรอก แนวทางการดำเนินงาน และ ผู้รับผิดชอบ" in r.stderr


def test_a_partly_filled_plan_is_no_warning(tmp_path, fast_run):
    plan = _template(tmp_path, "csv")
    table = pd.read_csv(plan, encoding="utf-8-sig", dtype=str)
    table.loc[0, ["แนวทางการดำเนินงาน", "ผู้รับผิดชอบ"]] = ["ชี้แจงแผน", "กลุ่มงานคลัง"]
    table.to_csv(plan, index=False, encoding="utf-8-sig")
    r = run("run", "--fy", "2563", "--data", SAMPLE, "--plan", plan, "--out", tmp_path / "o", "--no-documents")
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stderr and "no measures" not in r.stderr


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("mode", MODES)
def test_a_measure_without_its_responsible_names_the_row(tmp_path, suffix, mode):
    plan = _without_responsible(_template(tmp_path, suffix))
    out = tmp_path / "out"
    r = run("run", *MODES[mode], "--data", SAMPLE, "--plan", plan, "--out", out)
    assert r.returncode == 1, r.stderr
    assert r.stderr.splitlines()[-1] == (
        f"  - {plan}, row 3, column 'ผู้รับผิดชอบ': value '': expected the person or unit responsible for the "
        "measure (the cell is empty)"
    )
    assert "nothing was written" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


def test_a_measure_without_its_responsible_in_thai(tmp_path):
    plan = _without_responsible(_template(tmp_path, "csv"))
    r = run("run", "--fy", "2563", "--data", SAMPLE, "--plan", plan, "--out", tmp_path / "o",
            env={"ITA_ANALYSIS_LANG": "th"})  # fmt: skip
    assert r.returncode == 1
    assert "row 3" in r.stderr.splitlines()[-1] or "แถว 3" in r.stderr.splitlines()[-1]
    assert "ผู้รับผิดชอบมาตรการ (บุคคลหรือหน่วยงาน)" in r.stderr


@pytest.mark.slow  # the notebooks run for real
def test_the_end_of_a_real_run(tmp_path):
    """An unfilled template in --no-documents mode, the notebooks run: the warning, the summary
    with the agency's own time, its folder, the run's wall time; the last line is the summary."""
    plan = _template(tmp_path, "csv")
    out = tmp_path / "out"
    r = run_process("run", "--fy", "2563", "--data", SAMPLE, "--plan", plan, "--out", out, "--no-documents")
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert f"  {plan}: {UNFILLED}" in lines
    summary = next(line for line in lines if line.startswith("FY2563: 1 agency: 1 done, 0 failed, in "))
    run_seconds = float(summary.split(", in ")[1].split(" s;")[0])
    agency_seconds = float(summary.rsplit(" ", 2)[1])
    assert agency_seconds <= run_seconds + 0.1  # its own time, within the run's (summed steps were not)
    assert f"FY2563: the outputs of 'สำนักงาน ก.พ.' are in {out / '2563' / 'สำนักงาน ก.พ'}" in lines
    assert lines[-1].startswith("Run finished in ") and lines[-1].endswith(" s (wall time).")


def test_below_target_without_any_target_is_refused_before_the_run(tmp_path):
    out = tmp_path / "out"
    r = run("run", "--fy", "2563", "--data", SAMPLE, "--weakness-rule", "below_target", "--out", out)
    assert r.returncode == 1, r.stderr
    assert r.stderr.splitlines()[-1] == (
        "  - --targets: expected a targets file or --target: --weakness-rule below_target needs a target for each "
        "agency"
    )
    assert "nothing was written" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


def test_below_target_names_the_agencies_the_targets_file_misses(tmp_path):
    targets = tmp_path / "เป้าหมาย.csv"  # a target for another agency, and one for ours two years before
    targets.write_text("agency,fiscal_year,target\nกรมอื่น,2564,90\nสำนักงาน ก.พ.,2562,95\n", encoding="utf-8-sig")
    out = tmp_path / "out"
    r = run("run", "--fy", "2563", "--data", SAMPLE, "--weakness-rule", "below_target", "--targets", targets,
            "--out", out)  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert r.stderr.splitlines()[-1] == (
        f"  - {targets}: expected a target for every agency of the run (--weakness-rule below_target); none in "
        "FY2564 or FY2563 (or with no year) for: 'สำนักงาน ก.พ.'"
    )
    assert not out.exists()


def test_below_target_with_a_target_for_the_plan_year_runs(tmp_path, fast_run):
    r = run("run", "--fy", "2563", "--data", SAMPLE, "--weakness-rule", "below_target",
            "--targets", "data/raw/targets.csv", "--out", tmp_path / "o", "--no-documents")  # fmt: skip
    assert r.returncode == 0, r.stderr
