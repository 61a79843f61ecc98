"""Messages of the framework files and of a run, in Thai and in English: a framework file's problems,
the line of a run stopped by Ctrl-C, a failure of the machine (a disk full). The Thai looked for is
written here by hand; the language is chosen as the command line chooses it (ITA_ANALYSIS_LANG)."""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

import pytest

from ita_analysis.batch import lock
from ita_analysis.batch.interrupts import Interrupted
from ita_analysis.batch.machine import MachineError
from ita_analysis.batch.staging import RunLog, staged_year
from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import load_framework

FY = 2564

# A framework whose status is not one of the two and whose tool weights add up to 0.9.
BAD_FRAMEWORK = """fiscal_year = 2599
status = "draft"
pass_mark = 50

[[tools]]
code = "AA"
name_th = "เครื่องมือ ก"
name_en = "Tool A"
weight = 0.4

[[tools]]
code = "BB"
name_th = "เครื่องมือ ข"
name_en = "Tool B"
weight = 0.5

[[indicators]]
number = 1
tool = "AA"
name_th = "ตัวที่หนึ่ง"
name_en = "First"

[[indicators]]
number = 2
tool = "BB"
name_th = "ตัวที่สอง"
name_en = "Second"

[grading]
kind = "letter"

[[grading.levels]]
label = "ดี"
min_total = 50

[[grading.levels]]
label = "ไม่ดี"
min_total = 0
"""


@pytest.fixture
def bad_framework(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "fy2599.toml"
    path.write_text(BAD_FRAMEWORK, encoding="utf-8")
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(tmp_path))
    return path


def test_a_framework_file_s_problems_in_english(bad_framework, monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "en")
    with pytest.raises(FrameworkError) as info:
        load_framework(2599)
    assert str(info.value) == (
        f"{bad_framework}: status must be 'confirmed' or 'provisional', not 'draft'; tool weights add up to 0.9, not 1"
    )


def test_a_framework_file_s_problems_in_thai(bad_framework, monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    with pytest.raises(FrameworkError) as info:
        load_framework(2599)
    assert str(info.value) == (
        f"{bad_framework}: status ต้องเป็น 'confirmed' หรือ 'provisional' ไม่ใช่ 'draft'; น้ำหนักของเครื่องมือรวมกันได้ 0.9 ไม่ใช่ 1"
    )


def test_an_unreadable_framework_file_in_thai(tmp_path, monkeypatch):
    (tmp_path / "fy2599.toml").write_text("fiscal_year = ", encoding="utf-8")
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(tmp_path))
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    with pytest.raises(FrameworkError, match=r"fy2599\.toml: อ่านไฟล์กรอบการประเมินไม่ได้: "):
        load_framework(2599)


def _interrupted() -> Interrupted:
    """Ctrl-C that stopped two workers and three notebook kernels, the unfinished attempt removed."""
    exc = Interrupted(signal.SIGINT)
    exc.workers, exc.others = 2, 3
    exc.year, exc.final, exc.removed = FY, Path("/o/2564"), Path("/o/.2564.staging-7")
    return exc


def test_the_interrupt_line_in_english(monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "en")
    assert str(_interrupted()) == (
        "interrupted by SIGINT: stopped 2 worker processes and 3 processes they had started (notebook "
        "kernels); the previous outputs in /o/2564 are untouched; the unfinished attempt of FY2564 was "
        "removed (/o/.2564.staging-7)"
    )


def test_the_interrupt_line_in_thai(monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    assert str(_interrupted()) == (
        "การประมวลผลถูกขัดจังหวะด้วย SIGINT: หยุด worker process แล้ว 2 process และหยุด process ที่ worker "
        "เปิดไว้ 3 process (notebook kernel) และผลลัพธ์เดิมใน /o/2564 ยังอยู่ครบ ไม่มีการเปลี่ยนแปลง "
        "และลบผลที่ยังทำไม่เสร็จของปีงบประมาณ 2564 แล้ว (/o/.2564.staging-7)"
    )
    nothing = Interrupted(signal.SIGTERM)
    assert str(nothing) == ("การประมวลผลถูกขัดจังหวะด้วย SIGTERM: ไม่มี worker ที่ทำงานอยู่ และยังไม่ได้เขียนไฟล์ใดของปีที่กำลังประมวลผล")


def _disk_full(tmp_path, monkeypatch) -> list[str]:
    """The message of a run whose disk is full before its attempt is made (the lock cannot be written)."""
    (tmp_path / str(FY)).mkdir()

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(lock, "write_new", full)
    with pytest.raises(MachineError) as info:
        with staged_year(tmp_path, FY, RunLog()):
            pytest.fail("no attempt is made")
    return str(info.value).splitlines()


def test_a_disk_full_in_english(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "en")
    draft = tmp_path / f".{FY}.lock.{os.getpid()}"
    assert _disk_full(tmp_path, monkeypatch) == [
        f"FY2564 stopped: preparing FY2564 in {tmp_path} failed: No space left on device (ENOSPC): {draft}. "
        "This is a failure of the machine, not of the data: FY2564 was not published.",
        f"The previous outputs in {tmp_path / '2564'} are untouched; nothing was written.",
    ]


def test_a_disk_full_in_thai(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    draft = tmp_path / f".{FY}.lock.{os.getpid()}"
    assert _disk_full(tmp_path, monkeypatch) == [
        f"ปีงบประมาณ 2564 หยุดลง: การเตรียมปีงบประมาณ 2564 ใน {tmp_path} ไม่สำเร็จ: พื้นที่บนดิสก์เต็ม (ENOSPC): "
        f"{draft} ปัญหานี้เกิดจากเครื่องคอมพิวเตอร์ ไม่ใช่จากข้อมูล ผลของปีงบประมาณ 2564 จึงไม่ได้เผยแพร่",
        f"ผลลัพธ์เดิมใน {tmp_path / '2564'} ยังอยู่ครบ ไม่มีการเปลี่ยนแปลง ไม่มีการบันทึกไฟล์ใด",
    ]
