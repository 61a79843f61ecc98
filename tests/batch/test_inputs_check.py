"""A run reads every input before it stages anything: the problems of the score tables and of each
side file at once, side files with the framework of the analysed year, and side files the run does
not use as warnings."""

from __future__ import annotations

import pytest
from conftest import AGENCY, FIXTURES, ROOT, long_rows, run_params, write_csv

from ita_analysis.batch import run as batch_run
from ita_analysis.batch.inputs_check import check_inputs
from ita_analysis.batch.params import RunParams
from ita_analysis.errors import InputError, Problem
from ita_analysis.ingest.side_inputs import load_notes, load_plan
from ita_analysis.parameters import AnalysisParameters

RAW = ROOT / "data" / "raw"
OFFICE = "สำนักงานทดสอบกรอบใหม่"  # an agency of tests/fixtures/madeup_scores.csv (FY2589-FY2590)


def _sample(out, **kw) -> RunParams:
    base = dict(
        fiscal_year=2563, data=[RAW / "ocsc_scores_2562_2563.csv"], targets=RAW / "targets.csv",
        notes=RAW / "notes_2563.csv", recommendations=RAW / "recommendations_2563.csv", plan=RAW / "plan_2564.csv",
        out_root=out,
    )  # fmt: skip
    return run_params(**{**base, **kw})


def _must_not_run(*args, **kwargs):
    raise AssertionError("the run went on past the check of its inputs")


def test_every_problem_of_every_input_before_anything_is_staged(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_run, "staged_year", _must_not_run)
    monkeypatch.setattr(batch_run, "ensure_kernel", _must_not_run)
    monkeypatch.setattr(batch_run, "run_tasks", _must_not_run)
    scores = write_csv(tmp_path / "scores.csv", long_rows())
    targets = write_csv(tmp_path / "targets.csv", [["หน่วยงาน", "ปีงบประมาณ", "ค่าเป้าหมาย"], [AGENCY, 2564, "AAA"]])
    items = write_csv(tmp_path / "items.csv", [["หน่วยงาน", "ปี", "ข้อ", "คะแนน"], [AGENCY, 2563, "x1", 50]])
    notes = write_csv(tmp_path / "notes.csv", [["ตัวชี้วัด", "ประเด็นย่อย"], ["2", "การรับทราบแผน"], ["4", ""]])
    recs = write_csv(tmp_path / "recs.csv", [["ตัวชี้วัด", "ข้อเสนอแนะ"], ["9", ""]])
    plan = write_csv(tmp_path / "plan.csv", [["ปี", "ตัวชี้วัดที่", "แนวทางการดำเนินงาน", "ผู้รับผิดชอบ"],
                                             [2564, "๑๒", "เผยแพร่สถิติ", "กลุ่มงานคลัง"]])  # fmt: skip
    params = RunParams(
        AnalysisParameters(
            fiscal_year=2563,
            data=[scores],
            group="เขต",
            targets=targets,
            items=items,
            notes=notes,
            recommendations=recs,
            plan=plan,
        ),
        out_root=tmp_path / "out",
    )
    with pytest.raises(InputError) as info:
        batch_run.run_year(params)
    assert info.value.problems == [
        Problem(str(scores), 1, None, "เขต",
                "a group column with this header; the headers are 'agency', 'fiscal_year', 'indicator', 'score'"),
        Problem(str(targets), 2, "ค่าเป้าหมาย", "AAA", "a number from 0 to 100 or a grade/rating (AA, A, B, C, D, E, F)"),
        Problem(str(items), 2, "ข้อ", "x1",
                "an item code of the FY2563 framework (such as i1, e1, o1), or an indicator column"),
        Problem(str(notes), 3, "ประเด็นย่อย", "", "a sub item (the cell is empty)"),
        Problem(str(recs), 2, "ข้อเสนอแนะ", "", "a recommendation (the cell is empty)"),
        Problem(str(plan), 2, "ตัวชี้วัดที่", "๑๒", "an indicator number 1-10 (got 12)"),
    ]  # fmt: skip
    assert not (tmp_path / "out").exists()


def test_an_agency_without_scores_is_listed_with_the_side_files_problems(tmp_path):
    plan = write_csv(tmp_path / "plan.csv", [["ตัวชี้วัด", "แนวทาง", "ผู้รับผิดชอบ"], ["11", "ทบทวน", "กลุ่มงานคลัง"]])
    with pytest.raises(InputError) as info:
        check_inputs(_sample(tmp_path, agency="กรมที่ไม่มี", plan=plan), 2563)
    assert [(p.file, p.row, p.value) for p in info.value.problems] == [
        ("--agency", None, "กรมที่ไม่มี"),
        (str(plan), 2, "11"),
    ]


def test_side_files_read_with_the_framework_of_the_analysed_year(tmp_path, madeup_frameworks):
    """FY2590 of the made-up framework has twelve indicators and levels ดีเด่น / ผ่านเกณฑ์ / ต้องพัฒนา;
    the latest confirmed framework (FY2565) has ten and letter grades."""
    notes = write_csv(tmp_path / "notes.csv", [["ตัวชี้วัด", "ประเด็นย่อย"], ["12", "สถิติเรื่องร้องเรียน"]])
    targets = write_csv(tmp_path / "targets.csv", [["หน่วยงาน", "เป้าหมาย"], [OFFICE, "ดีเด่น"]])
    items = write_csv(tmp_path / "items.csv", [["หน่วยงาน", "ปี", "ข้อ", "คะแนน"], [OFFICE, 2590, "q23", 40]])
    # the plan year 2591 has no framework: the indicator numbers are the analysed year's (FY2590)
    plan = write_csv(tmp_path / "plan.csv", [["หน่วยงาน", "ปี", "ตัวชี้วัด", "แนวทาง", "ผู้รับผิดชอบ"],
                                             [OFFICE, 2591, "12", "เผยแพร่สถิติ", "กลุ่มงานร้องเรียน"]])  # fmt: skip
    params = RunParams(
        AnalysisParameters(
            fiscal_year=2590,
            data=[FIXTURES / "madeup_scores.csv"],
            targets=targets,
            items=items,
            notes=notes,
            plan=plan,
        ),
        out_root=tmp_path / "out",
    )
    loaded, agencies = check_inputs(params, 2590)
    assert agencies == [OFFICE, "กรมดีเด่นทุกด้าน", "กรมบุคลากรยังไม่ถึง"]
    assert loaded.warnings == []
    assert load_notes(notes, fiscal_year=2590)["indicator"].tolist() == [12]
    assert load_plan(plan)["indicator"].tolist() == [12]
    with pytest.raises(InputError, match=r"1-10 \(got 12\)"):  # a row without a year, no year given: FY2565
        load_notes(notes)


def test_side_files_the_run_does_not_use_are_warnings(tmp_path):
    loaded, _ = check_inputs(_sample(tmp_path), 2563)
    assert loaded.warnings == []
    loaded, _ = check_inputs(_sample(tmp_path), 2562)  # the sample's side files are for FY2563 and FY2564

    def unused(path, years: str, rows: str, name: str) -> Problem:
        return Problem(str(path), None, None, None,
                       f"a row for an agency of this run{years}: {rows} for other agencies or years, so the run "
                       f"does not use this {name} file")  # fmt: skip

    every = " (or for every agency) in"
    assert loaded.warnings == [
        unused(RAW / "targets.csv", " in FY2563 or FY2562 (or with no year)", "its row is", "targets"),
        unused(RAW / "notes_2563.csv", f"{every} FY2562 (or with no year)", "its 11 rows are", "notes"),
        unused(RAW / "recommendations_2563.csv", f"{every} FY2562 (or with no year)", "its 10 rows are",
               "recommendations"),
        unused(RAW / "plan_2564.csv", f"{every} FY2563, the plan year (or with no year)", "its 6 rows are", "plan"),
    ]  # fmt: skip
    # with --target the targets file is not read; a plan row without an agency is for every agency
    plan = write_csv(tmp_path / "plan.csv", [["หน่วยงาน", "ปี", "ตัวชี้วัด", "แนวทาง", "ผู้รับผิดชอบ"],
                                             ["กรมอื่น", 2563, "2", "ทบทวน", "กลุ่มงานคลัง"],
                                             ["", 2563, "4", "ทบทวนแนวปฏิบัติ", "กลุ่มงานพัสดุ"]])  # fmt: skip
    loaded, _ = check_inputs(_sample(tmp_path, target=95.0, notes=None, recommendations=None, plan=plan), 2562)
    assert loaded.warnings == []
