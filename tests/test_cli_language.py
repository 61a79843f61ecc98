"""What the command line prints, in Thai and in English: problems, errors, warnings, tables, the run's
summary. Thai with ITA_ANALYSIS_LANG=th, with --lang th, or on a Thai locale (LANG=th_TH.UTF-8 and
no ITA_ANALYSIS_LANG); English otherwise. The Thai looked for is written here by hand."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import environment, run_in_process
from tests.conftest import SAMPLE, write_csv

THAI = {"ITA_ANALYSIS_LANG": "th"}
THAI_LOCALE = {"ITA_ANALYSIS_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "th_TH.UTF-8"}
ENGLISH = {"ITA_ANALYSIS_LANG": "en"}
ENGLISH_LOCALE = {"ITA_ANALYSIS_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"}


@pytest.fixture(params=["variable", "locale"])
def thai(request) -> dict[str, str]:
    """Thai chosen by ITA_ANALYSIS_LANG, or by the locale."""
    return THAI if request.param == "variable" else THAI_LOCALE


@pytest.fixture(params=["variable", "locale"])
def english(request) -> dict[str, str]:
    return ENGLISH if request.param == "variable" else ENGLISH_LOCALE


@pytest.fixture
def bad_score(tmp_path):
    """A long table of the ten indicators whose third row (spreadsheet row 3) holds a score of 150."""
    rows = [["ก", 2563, n, 150 if n == 2 else 80] for n in range(1, 11)]
    return write_csv(tmp_path / "bad.csv", [["agency", "fiscal_year", "indicator", "score"], *rows])


def test_a_problem_in_thai(bad_score, thai):
    ran = run_in_process("validate", bad_score, env=thai)
    assert ran.returncode == 1
    assert "พบปัญหา 1 รายการ ไม่มีการบันทึกไฟล์ใด:" in ran.stderr
    assert "bad.csv แถว 3 คอลัมน์ 'score': ค่า '150': ที่ต้องการคือ คะแนนตั้งแต่ 0 ถึง 100" in ran.stderr
    assert "problem(s) found" not in ran.stderr


def test_a_problem_in_english(bad_score, english):
    ran = run_in_process("validate", bad_score, env=english)
    assert ran.returncode == 1
    assert "1 problem(s) found; nothing was written:" in ran.stderr
    assert "bad.csv, row 3, column 'score': value '150': expected a score from 0 to 100" in ran.stderr


def test_a_limit_in_both_languages(tmp_path):
    """A file over a limit: the limit, what the file holds and the variable that raises it."""
    data = write_csv(tmp_path / "wide.csv", [["agency", "fiscal_year", "indicator", "score"], ["ก", 2563, 1, 80]])
    env = {"ITA_ANALYSIS_MAX_CELL_CHARS": "3"}
    thai = run_in_process("validate", data, env={**env, **THAI}).stderr
    assert "ไม่เกิน 3 ตัวอักษรในหนึ่งเซลล์ (เซลล์นี้มี" in thai
    assert "ให้เพิ่มขีดจำกัดด้วยตัวแปรสภาพแวดล้อม ITA_ANALYSIS_MAX_CELL_CHARS" in thai
    english = run_in_process("validate", data, env=env).stderr
    assert "at most 3 characters in one cell (this cell has" in english


def test_lang_th_chooses_thai_for_the_messages(bad_score):
    ran = run_in_process("--lang", "th", "validate", bad_score, env=ENGLISH_LOCALE)
    assert "พบปัญหา 1 รายการ" in ran.stderr


def test_an_error_in_both_languages():
    args = ("target-gap", "--fy", "2550", "--target", "90", "--data", SAMPLE)
    thai = run_in_process(*args, env=THAI)
    assert thai.returncode == 1
    assert thai.stderr.startswith("ข้อผิดพลาด: ไม่มีกรอบการประเมิน ITA ของปีงบประมาณ 2550 ปีที่มีคือ 2562, 2563")
    assert "เพิ่มไฟล์ fy2550.toml ได้" in thai.stderr
    english = run_in_process(*args)
    assert english.stderr.startswith("Error: no ITA framework for fiscal year 2550; known years: 2562, 2563")


def test_a_usage_error_of_the_program_in_both_languages(tmp_path):
    args = ("score", SAMPLE, "--out", tmp_path / "scores.txt")
    assert "ชื่อไฟล์ของ --out ต้องลงท้ายด้วย .csv หรือ .xlsx" in run_in_process(*args, env=THAI).stderr
    assert "--out must end in .csv or .xlsx" in run_in_process(*args).stderr


def test_the_whatif_table_in_both_languages(thai):
    args = ("whatif", "--fy", "2563", "--data", SAMPLE, "--set", "9=100")
    ran = run_in_process(*args, env=thai)
    assert "สำนักงาน ก.พ. ปีงบประมาณ 2563" in ran.stdout  # the title
    assert "ก่อน" in ran.stdout and "หลัง" in ran.stdout  # the headers
    assert "คะแนนรวม" in ran.stdout and "ระดับ" in ran.stdout  # the rows without a key
    assert "before" not in ran.stdout
    english = run_in_process(*args).stdout
    assert "สำนักงาน ก.พ., FY2563" in english
    assert "before" in english and "total" in english and "grade" in english


def test_the_target_gap_plan_in_both_languages():
    args = ("target-gap", "--fy", "2563", "--data", SAMPLE, "--target", "90")
    thai = run_in_process(*args, env=THAI).stdout
    assert "สำนักงาน ก.พ. ปีงบประมาณ 2563: 82.44 (B) -> ค่าเป้าหมาย 90.00" in thai
    assert "คะแนนที่ต้องได้" in thai and "ต่อ 1 คะแนน" in thai
    assert "ต้องเพิ่มรวม 48.69 คะแนน คะแนนรวม 90.00 (A)" in thai  # 0.50+10.81+10.44+14.44+12.50
    english = run_in_process(*args).stdout
    assert "required" in english and "per point" in english
    assert "48.69 points in all; total 90.00 (A)" in english


def test_the_score_table_headers_in_both_languages():
    thai = run_in_process("score", SAMPLE, env=THAI).stdout
    assert "หน่วยงาน" in thai and "ปีงบประมาณ" in thai and "คะแนนรวม" in thai
    assert "fiscal_year" not in thai
    assert "fiscal_year" in run_in_process("score", SAMPLE).stdout


def test_the_frameworks_listing_in_both_languages():
    thai = run_in_process("frameworks", env=THAI).stdout
    assert "สถานะ" in thai and "เกณฑ์ผ่าน" in thai
    assert "ยืนยันแล้ว" in thai and "ฉบับเบื้องต้น" in thai  # FY2563 confirmed, FY2566 provisional
    assert "confirmed" not in thai
    english = run_in_process("frameworks").stdout
    assert "confirmed" in english and "provisional" in english and "pass_mark" in english


def test_a_warning_in_both_languages(tmp_path):
    """Scores of a year whose framework is provisional: a warning before the table."""
    rows = [["agency", "fiscal_year", "indicator", "score"], *(["ก", 2566, n, 90] for n in range(1, 11))]
    data = write_csv(tmp_path / "fy2566.csv", rows)
    thai = run_in_process("score", data, env=THAI)
    assert "กรอบการประเมินของปีงบประมาณ 2566 ยังเป็นฉบับเบื้องต้น" in thai.stderr
    english = run_in_process("score", data)
    assert "Provisional framework for fiscal year(s) 2566: grades follow the rules as reported" in english.stderr


def test_written_files_are_said_in_both_languages(tmp_path):
    out = tmp_path / "scores.csv"
    assert "บันทึก 2 แถว (หน่วยงาน-ปี) ลงใน" in run_in_process("score", SAMPLE, "--out", out, env=THAI).stderr
    assert "Wrote 2 agency-year row(s) to" in run_in_process("score", SAMPLE, "--out", out).stderr


def manifest_folder(tmp_path):
    """A year's folder as a run leaves it: one agency done in 8.7 s, one warning, no failure."""
    folder = tmp_path / "2563"
    folder.mkdir()
    summary = {"agencies": 1, "done": 1, "failed": 0, "seconds": 8.7, "slowest": [{"agency": "ก", "seconds": 3.25}]}
    (folder / "manifest.json").write_text(json.dumps({"summary": summary, "warnings": ["w"]}), encoding="utf-8")
    return folder


class Lines:
    """A run's display that keeps the lines printed."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def print(self, text: str, style: str | None = None) -> None:
        self.lines.append(text)


def test_the_run_summary_in_both_languages():
    from ita_analysis.batch.tasks import summary_line

    summary = {"agencies": 2, "done": 1, "failed": 1, "seconds": 8.7, "slowest": [{"agency": "ก", "seconds": 3.25}]}
    with environment(**THAI):
        assert summary_line(summary) == "2 หน่วยงาน: สำเร็จ 1 ไม่สำเร็จ 1 ใช้เวลา 8.7 วินาที ช้าที่สุด: 'ก' 3.25 วินาที"
    with environment(**ENGLISH):
        assert summary_line(summary) == "2 agencies: 1 done, 1 failed, in 8.7 s; slowest: 'ก' 3.25 s"
        assert summary_line({**summary, "agencies": 1, "failed": 0}).startswith("1 agency: 1 done, 0 failed")


def test_a_wrong_option_value_in_both_languages():
    args = ("whatif", "--fy", "2563", "--data", SAMPLE, "--set", "9=200")
    thai = run_in_process(*args, env=THAI)
    assert thai.returncode == 2
    assert "ตัวชี้วัดที่ 9: คะแนนตามแผนต้องอยู่ระหว่าง 0 ถึง 100 ไม่ใช่ 200" in thai.stderr
    assert "indicator 9: a planned score from 0 to 100, not 200" in run_in_process(*args).stderr
    rule = ("run", "--fy", "2563", "--data", SAMPLE, "--weakness-rule", "lowestt")
    assert "ไม่รู้จักเกณฑ์จุดอ่อน 'lowestt' เลือกได้จาก default, declined" in run_in_process(*rule, env=THAI).stderr
    assert "unknown weakness rule 'lowestt'; choose one of default" in run_in_process(*rule).stderr


def test_missing_indicators_in_both_languages(tmp_path):
    rows = [["agency", "fiscal_year", "indicator", "score"], *(["ก", 2563, n, 80] for n in range(1, 9))]
    data = write_csv(tmp_path / "short.csv", rows)
    thai = run_in_process("validate", data, env=THAI).stderr
    assert "ที่ต้องการคือ ตัวชี้วัดครบ 10 ตัวของ ก ปีงบประมาณ 2563 แต่ขาดตัวชี้วัดที่ 9, 10" in thai
    english = run_in_process("validate", data).stderr
    assert "expected all 10 indicators for ก, fiscal year 2563; missing indicator(s) 9, 10" in english


def test_what_became_of_the_previous_outputs_in_both_languages(tmp_path):
    """Said after a run that failed, with where its attempt is."""
    from ita_analysis.batch import staging

    with environment(**THAI):
        assert staging._previous(tmp_path) == f"ผลลัพธ์เดิมใน {tmp_path} ยังอยู่ครบ ไม่มีการเปลี่ยนแปลง"
        assert staging._previous(tmp_path / "none") == "ยังไม่มีผลลัพธ์เดิม"
    assert staging._previous(tmp_path) == f"The previous outputs in {tmp_path} are untouched"
    assert staging._previous(tmp_path / "none") == "There were no earlier outputs"


@pytest.mark.parametrize(
    "args, thai_text, english_text",
    [
        (("score", "--data", "x.csv"), "ไม่มีตัวเลือก --data", "No such option: --data"),
        (("run",), "ยังไม่ได้ระบุตัวเลือก '--fy'", "Missing option '--fy'."),
        (("runn",), "ไม่มีคำสั่ง 'runn' หมายถึง 'run' หรือไม่", "No such command 'runn'. Did you mean 'run'?"),
        (
            ("whatif", "--fy", "2563", "--data", SAMPLE, "--set", "9=abc"),
            "ค่าของ --set ไม่ถูกต้อง: '9=abc'",
            "Invalid value for --set: '9=abc'",
        ),
    ],
)
def test_usage_errors_in_both_languages(args, thai_text, english_text):
    """Typer's own usage errors, its usage line and its error panel: Thai on request, English as typer writes them."""
    thai = run_in_process(*args, env=THAI)
    assert thai.returncode == 2
    flat = " ".join(thai.stderr.replace("│", " ").split())
    assert thai_text in flat and "ข้อผิดพลาด" in flat, thai.stderr
    assert "วิธีใช้:" in thai.stderr or args == ("runn",), thai.stderr
    english = run_in_process(*args, env=ENGLISH)
    flat = " ".join(english.stderr.replace("│", " ").split())
    assert english.returncode == 2 and english_text in flat and "Error" in flat, english.stderr
