"""Score tables as a careless user hands them in, through the command line: every message names the
file, the row as a spreadsheet shows it, the column, the value and what was expected (where the
problem has them), exit code 1 and no traceback; each problem of a file in the first round."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import AGENCY, long_rows, write_csv, write_xlsx
from test_cli import run as cli

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def refused(*args: object) -> str:
    """stderr of a command that must stop with a message: exit code 1, no traceback."""
    r = cli(*args)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    return r.stderr


def accepted(*args: object) -> subprocess.CompletedProcess:
    r = cli(*args)
    assert r.returncode == 0, r.stderr
    return r


# a. every problem in one round ---------------------------------------------------------------


def test_unreadable_cells_out_of_range_scores_and_missing_indicators_in_one_round(tmp_path):
    rows = long_rows(years=(2563,))
    rows[2][3] = "แปดสิบ"  # row 3: text for a score
    rows[3][3] = 150  # row 4: out of range
    del rows[5]  # indicator 5 missing
    path = write_csv(tmp_path / "a.csv", rows)
    err = refused("validate", path)
    assert "3 problem(s)" in err
    assert f"{path}, row 3, column 'score': value 'แปดสิบ': expected a score written as a number" in err
    assert f"{path}, row 4, column 'score': value '150': expected a score from 0 to 100" in err
    assert f"{path}: expected all 10 indicators for {AGENCY}, fiscal year 2563; missing indicator(s) 5\n" in err


def test_a_row_whose_year_cannot_be_read_is_not_also_a_missing_indicator(tmp_path):
    rows = long_rows(years=(2563,))
    rows[2][1] = "25x3"  # row 3 (indicator 2): the year unreadable
    rows[3][3] = -1  # row 4
    path = write_csv(tmp_path / "a.csv", rows)
    err = refused("validate", path)
    assert "2 problem(s)" in err
    assert f"{path}, row 3, column 'fiscal_year': value '25x3': expected a Buddhist Era fiscal year" in err
    assert f"{path}, row 4, column 'score': value '-1': expected a score from 0 to 100" in err
    assert "missing" not in err


# b. an indicator number that is no indicator ---------------------------------------------------


def test_indicator_4_5_is_no_indicator_of_the_year(tmp_path):
    rows = long_rows(years=(2563,))
    rows[4][2] = "4.5"  # row 5, where indicator 4 belongs
    path = write_csv(tmp_path / "b.csv", rows)
    err = refused("validate", path)
    assert "1 problem(s)" in err
    assert (
        f"{path}, row 5, column 'indicator': value '4.5': expected an indicator number of fiscal year 2563: 1-10" in err
    )
    assert "missing indicator" not in err


def test_a_sub_indicator_below_its_indicator_is_still_skipped(tmp_path):
    rows = long_rows(years=(2563,))
    rows.append([AGENCY, 2563, "9.1", 80])  # row 12, indicator 9 is on row 10
    path = write_csv(tmp_path / "b.csv", rows)
    r = accepted("validate", path)
    assert (
        f"{path}, row 12, column 'indicator': value '9.1': expected an indicator; sub-indicator rows are skipped"
        in (r.stderr)
    )
    assert "OK: 10 scores" in r.stdout


def test_an_indicator_written_4_0_is_indicator_4(tmp_path):
    rows = long_rows(years=(2563,))
    rows[4][2] = "4.0"
    accepted("validate", write_csv(tmp_path / "b.csv", rows))


# c. a fiscal year with a fraction --------------------------------------------------------------


def test_a_year_with_a_fraction_is_refused(tmp_path):
    rows = long_rows(years=(2563,))
    rows[2][1] = "2563.5"  # row 3
    path = write_csv(tmp_path / "c.csv", rows)
    err = refused("validate", path)
    assert (
        f"{path}, row 3, column 'fiscal_year': value '2563.5': expected a whole Buddhist Era year such as 2563" in err
    )
    assert "missing" not in err


def test_a_year_with_a_fraction_in_an_excel_cell_and_in_fy(tmp_path):
    rows = long_rows(years=(2563,))
    rows[5][1] = 2563.5  # row 6, a number cell
    path = write_xlsx(tmp_path / "c.xlsx", rows)
    assert f"{path}, row 6, column 'fiscal_year': value '2563.5': expected a whole" in refused("validate", path)
    assert "--fy: value '2563.5': expected a whole Buddhist Era year" in refused("run", "--fy", "2563.5")


def test_a_whole_year_written_with_a_zero_fraction_is_the_year(tmp_path):
    rows = long_rows(years=(2563,))
    for r in rows[1:]:
        r[1] = "2563.0"
    assert "OK: 10 scores, 1 agency-year(s)" in accepted("validate", write_csv(tmp_path / "c.csv", rows)).stdout


# d. invisible characters inside an agency name ----------------------------------------------


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"])
def test_an_invisible_character_inside_a_name_leaves_one_agency(tmp_path, mark):
    rows = long_rows()  # 2562 on rows 2-11, 2563 on rows 12-21
    for r in rows[11:]:
        r[0] = "สำนักงาน ก." + mark + "พ."
    r = accepted("validate", write_csv(tmp_path / "d.csv", rows))
    assert "OK: 20 scores, 2 agency-year(s)" in r.stdout
    assert "warning" not in r.stderr


def test_names_that_differ_only_in_spaces_are_two_agencies_with_a_warning(tmp_path):
    rows = long_rows()
    for r in rows[11:]:
        r[0] = "สำนักงาน\u200bก.พ."  # a zero-width space typed for the space
    path = write_csv(tmp_path / "d.csv", rows)
    r = accepted("validate", path)
    assert (
        f"{path}, row 12: value 'สำนักงานก.พ.': expected one spelling per agency: '{AGENCY}' ({path} row 2) "
        "differs only in spaces or punctuation"
    ) in r.stderr


# e. files that are not what their name says ----------------------------------------------------


def test_a_password_protected_workbook(tmp_path):
    path = tmp_path / "e.xlsx"
    path.write_bytes(OLE2 + bytes(2048))
    err = refused("validate", path)
    assert f"{path}: expected an XLSX workbook without a password: this file is password-protected" in err
    assert "save a copy without a password" in err and "zip" not in err


def test_an_old_xls_workbook_named_or_renamed(tmp_path):
    body = OLE2 + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1024)
    for name in ("old.xls", "renamed.xlsx"):
        path = tmp_path / name
        path.write_bytes(body)
        err = refused("validate", path)
        assert f"{path}: expected an XLSX workbook: this is an old Excel 97-2003 .xls file" in err
        assert "save it as .xlsx" in err


def test_a_csv_file_named_xlsx_is_read_as_csv_with_a_warning(tmp_path):
    path = write_csv(tmp_path / "e.xlsx", long_rows(years=(2563,)))
    r = accepted("validate", path)
    assert "OK: 10 scores" in r.stdout
    assert f"{path}: value '.xlsx': expected an Excel workbook, as the file's name says; it is a text (CSV) file" in (
        r.stderr
    )
    assert "rename it to .csv" in r.stderr
    rows = long_rows(years=(2563,))
    rows[3][3] = "x"
    path = write_csv(tmp_path / "bad.xlsx", rows)  # its problems are those of a CSV file
    assert f"{path}, row 4, column 'score': value 'x'" in refused("validate", path)


def test_a_web_page_named_xls(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>agency</td></tr></table></body></html>", encoding="utf-8")
    assert f"{path}: expected an XLSX workbook: this file is a web page or XML" in refused("validate", path)


# f. a workbook whose sheet is damaged ----------------------------------------------------------


def test_a_damaged_sheet_names_the_file_and_the_sheet(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", long_rows(years=(2563,)), sheet="คะแนน")
    path = tmp_path / "f.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the XML cut in the middle
            zout.writestr(item, data)
    err = refused("validate", path)
    assert f"{path}: value 'คะแนน': expected a sheet that can be read: its data is damaged" in err
    assert "save it again" in err


# g. the data on another sheet ------------------------------------------------------------------


def _two_sheets(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "ปก"
    wb.active.append(["รายงานผลการประเมิน ITA"])
    ws = wb.create_sheet("คะแนน")
    for row in long_rows(years=(2563,)):
        ws.append(row)
    wb.save(path)
    return path


def test_data_on_another_sheet_gets_a_sheet_hint(tmp_path):
    path = _two_sheets(tmp_path / "g.xlsx")
    err = refused("validate", path)
    assert f"{path}: value 'ปก': expected a header row on this sheet; the sheet 'คะแนน' has one: give --sheet" in err
    assert "OK: 10 scores" in accepted("validate", path, "--sheet", "คะแนน").stdout


def test_run_reads_the_sheet_it_is_given(tmp_path):
    path = _two_sheets(tmp_path / "g.xlsx")
    for fy in ("all", "2563"):
        err = refused("run", "--fy", fy, "--data", path, "--sheet", "ผล", "--out", tmp_path / "out")
        assert f"{path}: value 'ผล': expected one of the sheets: ปก, คะแนน" in err, fy
    assert not (tmp_path / "out").exists()


def test_the_run_gives_its_sheet_to_every_analysis(tmp_path):
    from ita_analysis.batch.params import RunParams
    from ita_analysis.facade import Analysis, AnalysisParameters

    path = _two_sheets(tmp_path / "g.xlsx")
    params = RunParams(AnalysisParameters(fiscal_year=2563, data=[path], sheet="คะแนน"), out_root=tmp_path)
    given = params.analysis_parameters(AGENCY, tmp_path / "agency")
    assert given.sheet == "คะแนน"
    analysis = Analysis.from_params(given)
    assert len(analysis.scores) == 10


# h. a header without a score column ----------------------------------------------------------


def test_a_header_without_a_score_column_says_what_it_has_and_lacks(tmp_path):
    rows = [["ผลการประเมิน ITA"], [], ["หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "ผลลัพธ์"]]
    rows += [r[:4] for r in long_rows(years=(2563,))[1:]]
    path = write_csv(tmp_path / "h.csv", rows)
    err = refused("validate", path)
    assert (
        f"{path}, row 3: expected a score column, headed 'score' / 'คะแนน' / 'คะแนนที่ได้' / 'ผลคะแนน' / 'คะแนนที่ได้รับ'"
    ) in err
    assert "the header row has agency ('หน่วยงาน'), fiscal year ('ปีงบประมาณ'), indicator ('ตัวชี้วัด')" in err


def test_a_header_without_an_indicator_column(tmp_path):
    rows = [["agency", "fiscal_year", "ind", "score"]] + long_rows(years=(2563,))[1:]
    path = write_csv(tmp_path / "h.csv", rows)
    err = refused("validate", path)
    assert f"{path}, row 1: expected an indicator column, headed 'indicator' / 'indicator name' / 'ตัวชี้วัด'" in err
    assert "the header row has agency ('agency'), fiscal year ('fiscal_year'), score ('score')" in err
