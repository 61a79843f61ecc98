"""`ita-analysis run` reads every input before it starts: the problems of the score tables and of
the side files in one message, exit 1, and nothing written, not even a staging folder."""

from __future__ import annotations

from conftest import AGENCY, long_rows, write_csv
from test_cli import run


def _earlier_outputs(out):
    """An output root holding an earlier year's outputs, which a failed check leaves as they are."""
    (out / "2562").mkdir(parents=True)
    (out / "2562" / "summary.csv").write_text("agency\n", encoding="utf-8")
    return sorted(out.rglob("*"))


def test_a_bad_score_plan_row_and_target_in_one_message(tmp_path):
    rows = long_rows()
    rows[13][3] = "แปดสิบ"  # FY2563, indicator 3: spreadsheet row 14
    scores = write_csv(tmp_path / "scores.csv", rows)
    plan = write_csv(tmp_path / "plan.csv", [["หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "แนวทางการดำเนินงาน", "ผู้รับผิดชอบ"],
                                             [AGENCY, 2564, "2", "ชี้แจงแผนการใช้จ่าย", "กลุ่มงานคลัง"],
                                             [AGENCY, 2564, "11", "เผยแพร่ข้อมูล", "กลุ่มงานคลัง"]])  # fmt: skip
    targets = write_csv(tmp_path / "targets.csv", [["หน่วยงาน", "ปีงบประมาณ", "เป้าหมาย"], [AGENCY, 2564, "150"]])
    out = tmp_path / "outputs"
    before = _earlier_outputs(out)
    r = run("run", "--fy", "2563", "--data", scores, "--plan", plan, "--targets", targets, "--out", out)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        "3 problem(s) found; nothing was written:",
        f"  - {scores}, row 14, column 'score': value 'แปดสิบ': expected a score written as a number, e.g. 89.29 or "
        "๘๙.๒๙",
        f"  - {targets}, row 2, column 'เป้าหมาย': value '150': expected a number from 0 to 100 or a grade/rating "
        "(AA, A, B, C, D, E, F)",
        f"  - {plan}, row 3, column 'ตัวชี้วัด': value '11': expected an indicator number 1-10 (got 11)",
    ]
    # no year folder, staging folder, <YEAR>.failed, notebooks or agency folder: no kernel was started
    assert sorted(out.rglob("*")) == before


def test_missing_and_malformed_side_files_beside_clean_scores(tmp_path, sample_csv):
    notes = write_csv(tmp_path / "notes.csv", [["ตัวชี้วัด", "หมายเหตุ"], ["2", "การรับทราบแผน"]])
    items = write_csv(tmp_path / "items.csv", [["หน่วยงาน", "ปี", "ข้อ", "คะแนน"], [AGENCY, 2563, "i7", "๑๒๐"]])
    missing = tmp_path / "recommendations.csv"
    out = tmp_path / "outputs"
    before = _earlier_outputs(out)
    r = run("run", "--fy", "2563", "--data", sample_csv, "--notes", notes, "--items", items,
            "--recommendations", missing, "--out", out)  # fmt: skip
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        "3 problem(s) found; nothing was written:",
        f"  - {missing}: expected an existing file (--recommendations); its folder '{tmp_path}' holds none of a "
        "similar name",
        f"  - {items}, row 2, column 'คะแนน': value '๑๒๐': expected a score from 0 to 100",
        f"  - {notes}: expected a header row with the columns indicator (indicator / ตัวชี้วัด), sub_item (sub item / "
        "ประเด็นย่อย)",
    ]
    assert sorted(out.rglob("*")) == before
