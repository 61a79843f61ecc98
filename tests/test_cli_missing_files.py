"""A file name mistyped, in every command that takes files: one message naming the option (or
argument) that gave it and the nearest existing file, exit code 1, no traceback."""

from __future__ import annotations

import shlex
import shutil

import pytest
from conftest import SAMPLE
from test_cli import run

from ita_analysis.files import missing_file, nearest_file


@pytest.fixture
def folder(tmp_path):
    """A folder holding the sample as สำนักงาน_คะแนน_2563.csv and a plan."""
    shutil.copy(SAMPLE, tmp_path / "สำนักงาน_คะแนน_2563.csv")
    (tmp_path / "plan_2564.csv").write_text("x\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "typed",
    [
        "สำนักงาน_คะแนน_2563.cvs",  # letters swapped
        "สำนักงาน_คะแนน_2563",  # no suffix
        "ส\u0e4d\u0e32นักงาน_คะแนน_2563.csv",  # SARA AM as two characters, as copied from a PDF
        "สำนักงาน_คะแนน_2563.CSV",  # another case
    ],
)
def test_the_nearest_file_of_a_mistyped_name(folder, typed):
    assert nearest_file(folder / typed) == folder / "สำนักงาน_คะแนน_2563.csv"


def test_a_name_written_in_another_unicode_form_finds_its_file(tmp_path):
    (tmp_path / "caf\u00e9.csv").write_text("x\n", encoding="utf-8")  # é as one character
    assert nearest_file(tmp_path / "cafe\u0301.csv") == tmp_path / "caf\u00e9.csv"  # e + combining acute


def test_nothing_near_and_no_folder(folder):
    assert nearest_file(folder / "รายชื่อผู้รับผิดชอบ.xlsx") is None
    assert str(missing_file(folder / "nothing" / "a.csv", "--plan")) == (
        f"{folder / 'nothing' / 'a.csv'}: expected an existing file (--plan); the folder '{folder / 'nothing'}' "
        "does not exist"
    )
    assert missing_file(folder / "plan_2564.csv", "--plan") is None


def _message(path, option, nearest):
    typed = f" (type {option} {shlex.quote(str(nearest))})" if option.startswith("-") else ""  # quoted for a shell
    return [
        "1 problem(s) found; nothing was written:",
        f"  - {path}: expected an existing file ({option}); the nearest in its folder: '{nearest}'{typed}",
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["whatif", "--fy", "2563", "--set", "9=100", "--data"],
        ["target-gap", "--fy", "2563", "--target", "90", "--data"],
        ["init-plan", "--fy", "2563", "--data"],
        ["run", "--fy", "2563", "--data"],
        ["run", "--fy", "all", "--data"],
    ],
)
def test_a_mistyped_data_file(command, folder):
    typo = folder / "สำนักงาน_คะแนน_2536.csv"
    r = run(*command, typo, cwd=folder)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.splitlines() == _message(typo, "--data", folder / "สำนักงาน_คะแนน_2563.csv")


@pytest.mark.parametrize("command", ["score", "validate"])
def test_a_mistyped_input(command, folder):
    typo = folder / "ส\u0e4d\u0e32นักงาน_คะแนน_2563.csv"
    r = run(command, typo)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == _message(typo, "argument INPUTS", folder / "สำนักงาน_คะแนน_2563.csv")


def test_a_mistyped_side_file_of_a_run(folder):
    typo = folder / "plan_2546.csv"
    r = run("run", "--fy", "2563", "--data", folder / "สำนักงาน_คะแนน_2563.csv", "--plan", typo, "--out", folder / "o")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == _message(typo, "--plan", folder / "plan_2564.csv")
    assert not (folder / "o").exists()


def test_the_message_in_thai(folder):
    typo = folder / "plan_2546.csv"
    r = run("whatif", "--fy", "2563", "--data", typo, env={"ITA_ANALYSIS_LANG": "th"})
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert (
        f"ไฟล์ที่มีอยู่จริง (--data) ไฟล์ที่ชื่อใกล้เคียงที่สุดในโฟลเดอร์เดียวกัน คือ '{folder / 'plan_2564.csv'}' "
        f"(โปรดพิมพ์ --data {shlex.quote(str(folder / 'plan_2564.csv'))})"
    ) in r.stderr
