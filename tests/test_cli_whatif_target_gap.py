"""`ita-analysis whatif` and `ita-analysis target-gap` as a user meets them, figures worked by hand."""

from __future__ import annotations

import pandas as pd
from conftest import AGENCY, long_rows, write_csv
from test_cli import run


def test_whatif_oit_at_100(sample_csv):
    # OIT 100: 24.1302 + 23.695 + 40 = 87.8252 -> 87.83, grade A (from 82.44, B)
    r = run("whatif", "--fy", "2563", "--data", sample_csv, "--set", "9=100", "--set", "๑๐=๑๐๐")
    assert r.returncode == 0, r.stderr
    assert "82.44" in r.stdout and "87.83" in r.stdout
    assert "100.00" in r.stdout and "85.56" in r.stdout
    lines = [ln for ln in r.stdout.splitlines() if "grade" in ln]
    assert lines and "B" in lines[0] and "A" in lines[0]


def test_whatif_tool_change(sample_csv):
    # OIT +5 on each indicator: 90.56 and 92.50 -> 91.53; 24.1302 + 23.695 + 36.612 = 84.4372 -> 84.44
    r = run("whatif", "--fy", "2563", "--data", sample_csv, "--set", "OIT=+5")
    assert r.returncode == 0, r.stderr
    assert "91.53" in r.stdout and "84.44" in r.stdout


def test_whatif_bad_setting_is_a_message(sample_csv):
    r = run("whatif", "--fy", "2563", "--data", sample_csv, "--set", "9:100")
    assert r.returncode == 2
    assert "INDICATOR=SCORE" in r.stderr and "Traceback" not in r.stderr
    r = run("whatif", "--fy", "2563", "--data", sample_csv, "--agency", "ไม่มี")
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_whatif_many_agencies(tmp_path):
    rows = long_rows((2563,), agency=AGENCY) + long_rows((2563,), agency="หน่วยงาน ข")[1:]
    data = write_csv(tmp_path / "scores.csv", rows)
    r = run("whatif", "--fy", "2563", "--data", data, "--set", "9=100", "--set", "10=100")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("87.83") == 2 and "หน่วยงาน ข" in r.stdout


def test_target_gap_95_and_csv(tmp_path, sample_csv):
    out = tmp_path / "แผน.csv"
    r = run("target-gap", "--fy", "2563", "--data", sample_csv, "--target", "95", "--out", out)
    assert r.returncode == 0, r.stderr
    assert "104.49" in r.stdout and "95.00" in r.stdout
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table["points_to_gain"].sum() == 104.49
    assert table.loc[table["indicator"] == 4, "required_score"].item() == 81.84


def test_target_gap_unreachable_with_only_oit(sample_csv):
    r = run("target-gap", "--fy", "2563", "--data", sample_csv, "--target", "AA", "--only", "OIT")
    assert r.returncode == 0, r.stderr
    assert "out of reach" in r.stdout and "87.83" in r.stdout


def test_target_gap_bad_target(sample_csv):
    r = run("target-gap", "--fy", "2563", "--data", sample_csv, "--target", "AAA")
    assert r.returncode == 2 and "AA, A, B" in r.stderr and "Traceback" not in r.stderr


def test_run_checks_the_target_against_the_plan_years_levels(tmp_path):
    # FY2565 results, measures for FY2566: ratings, so a letter grade is no target; nothing is run
    rows = [["agency", "fiscal_year", "indicator", "score"]] + [r[:1] + [2565] + r[2:] for r in long_rows((2563,))[1:]]
    data = write_csv(tmp_path / "scores.csv", rows)
    r = run("run", "--fy", "2565", "--data", data, "--target", "AA", "--out", tmp_path / "out")
    assert r.returncode == 2 and "ผ่านดีเยี่ยม" in r.stderr and "FY2566" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_whatif_with_nothing_set_says_what_to_add(sample_csv):
    r = run("whatif", "--fy", "2563", "--data", sample_csv)
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "82.44" in r.stdout  # the table, before and after alike
    assert r.stderr.splitlines() == [
        "Nothing was set, so before and after are the same: add --set 10=100 (an indicator's score) or --set "
        "OIT=+5 (points added to each indicator of a tool)."
    ]
    r = run("whatif", "--fy", "2563", "--data", sample_csv, env={"ITA_ANALYSIS_LANG": "th"})
    assert r.stderr.splitlines() == [
        "ยังไม่ได้กำหนดคะแนนที่จะเปลี่ยน ผลก่อนและหลังจึงเท่ากัน โปรดเพิ่ม --set 10=100 (คะแนนของตัวชี้วัด) หรือ "
        "--set OIT=+5 (คะแนนที่เพิ่มให้ทุกตัวชี้วัดของเครื่องมือ)"
    ]
    r = run("whatif", "--fy", "2563", "--data", sample_csv, "--set", "9=100")
    assert r.returncode == 0 and r.stderr == ""
