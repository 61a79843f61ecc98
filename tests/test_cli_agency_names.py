"""An agency name and a fiscal year as people type them, from every command that takes them: the
variants of a name found, and one message (what was wrong, what to type) with exit code 1 otherwise."""

from __future__ import annotations

import pytest
from conftest import AGENCY, long_rows, run_params, sample_analysis, write_csv
from test_cli import run

from ita_analysis.batch import run as batch_run
from ita_analysis.batch.inputs_check import check_inputs
from ita_analysis.errors import InputError

VARIANTS = ["สำนักงาน กพ", "สำนักงาน ก.พ", "สำนักงานก.พ.", "ส\u0e4d\u0e32นักงาน ก.พ.", "สำนักงาน  ก.พ."]
TYPO = "สำนักงาน ข.พ."
WHAT_TO_TYPE = (
    "--agency: value 'สำนักงาน ข.พ.': expected the name of an agency with scores in fiscal year 2563; the closest "
    "in the data: 'สำนักงาน ก.พ.'; type the name as the data writes it: --agency 'สำนักงาน ก.พ.'"
)
COMMANDS = {
    "whatif": ["whatif", "--fy", "2563", "--set", "9=100"],
    "target-gap": ["target-gap", "--fy", "2563", "--target", "90"],
}


@pytest.mark.parametrize("typed", VARIANTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_whatif_and_target_gap_find_the_agency_as_typed(command, typed, sample_csv):
    r = run(*COMMANDS[command], "--data", sample_csv, "--agency", typed)
    assert r.returncode == 0, r.stderr
    assert f"{AGENCY}, FY2563" in r.stdout and "82.44" in r.stdout


@pytest.mark.parametrize("typed", VARIANTS)
def test_run_finds_the_agency_as_typed(typed, sample_csv, tmp_path):
    loaded, agencies = check_inputs(run_params(fiscal_year=2563, data=[sample_csv], agency=typed), 2563)
    assert agencies == [AGENCY]  # its folder, notebooks and documents are the data's agency's


@pytest.mark.parametrize("command", COMMANDS)
def test_a_mistyped_name_is_one_message_with_the_name_to_type(command, sample_csv):
    r = run(*COMMANDS[command], "--data", sample_csv, "--agency", TYPO)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.splitlines() == ["1 problem(s) found; nothing was written:", f"  - {WHAT_TO_TYPE}"]


def test_run_says_it_in_the_same_words(sample_csv, tmp_path, monkeypatch):
    monkeypatch.setattr(batch_run, "staged_year", None)  # the run must stop before it stages anything
    r = run("run", "--fy", "2563", "--data", sample_csv, "--agency", TYPO, "--out", tmp_path / "out")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == ["1 problem(s) found; nothing was written:", f"  - {WHAT_TO_TYPE}"]
    assert not (tmp_path / "out").exists()


def test_the_message_in_thai(sample_csv):
    r = run(*COMMANDS["whatif"], "--data", sample_csv, "--agency", TYPO, env={"ITA_ANALYSIS_LANG": "th"})
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert (
        "ชื่อหน่วยงานที่มีคะแนนในปีงบประมาณ 2563 ชื่อที่ใกล้เคียงที่สุดในข้อมูล ได้แก่ 'สำนักงาน ก.พ.' "
        "โปรดพิมพ์ชื่อให้ตรงตามที่ข้อมูลเขียน: --agency 'สำนักงาน ก.พ.'"
    ) in r.stderr


def test_names_written_alike_are_both_named(tmp_path):
    rows = long_rows((2563,)) + long_rows((2563,), agency="สำนักงาน กพ")[1:]
    data = write_csv(tmp_path / "two.csv", rows)
    r = run(*COMMANDS["whatif"], "--data", data, "--agency", "สำนักงานกพ")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines()[1:] == [
        "  - --agency: value 'สำนักงานกพ': expected the name of an agency with scores in fiscal year 2563; 2 "
        "agencies are written so apart from dots and spaces: 'สำนักงาน ก.พ.', 'สำนักงาน กพ'; type one as written: "
        "--agency 'สำนักงาน ก.พ.'"
    ]


@pytest.mark.parametrize("command", [*COMMANDS, "run"])
def test_a_year_the_data_does_not_hold_names_the_years_it_holds(command, sample_csv, tmp_path):
    args = [*COMMANDS.get(command, ["run", "--fy", "2563", "--out", tmp_path / "out"]), "--data", sample_csv]
    args[args.index("2563")] = "2565"
    r = run(*args)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        "1 problem(s) found; nothing was written:",
        f"  - {sample_csv}: value '2565': expected a fiscal year of this data (--fy): it holds scores for 2562, "
        "2563; type one of them, e.g. --fy 2563",
    ]


# ------------------------------------------------------------------ the notebooks' facade
@pytest.mark.parametrize("typed", VARIANTS)
def test_a_notebooks_agency_as_typed_is_the_datas(typed):
    a = sample_analysis(agency=typed)
    assert a.agency == AGENCY and a.summary["total"].round(2).tolist() == [82.44]
    # OIT at 100: 24.1302 + 23.695 + 40 = 87.8252, as `whatif --set 9=100 --set 10=100` gives it
    assert a.what_if({9: 100, 10: 100}, agency=typed).after.total == pytest.approx(87.83, abs=0.005)
    assert a.target_plan(typed) is a.own.gap and a.agency_year(typed) is a.own


def test_a_notebooks_mistyped_agency_is_the_same_message():
    with pytest.raises(InputError) as caught:
        sample_analysis(agency=TYPO)
    assert [str(p) for p in caught.value.problems] == [
        "agency: value 'สำนักงาน ข.พ.': expected the name of an agency in the data; the closest in the data: "
        "'สำนักงาน ก.พ.'; type the name as the data writes it: agency = 'สำนักงาน ก.พ.'"
    ]
    with pytest.raises(InputError) as caught:
        sample_analysis().what_if({9: 100}, agency=TYPO)
    assert "the closest in the data: 'สำนักงาน ก.พ.'; type the name as the data writes it" in str(caught.value)


def test_two_files_without_the_agency_give_one_message(sample_csv, tmp_path):
    copy = write_csv(tmp_path / "copy.csv", long_rows())  # the sample's figures again, in another file
    r = run("score", sample_csv, copy, "--agency", TYPO, "--fy", "2563")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == ["1 problem(s) found; nothing was written:", f"  - {WHAT_TO_TYPE}"]
