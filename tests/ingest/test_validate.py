"""Bad input: every problem of a file at once, each naming file, spreadsheet row, column, value, expectation."""

from __future__ import annotations

import pytest
from conftest import AGENCY, long_rows, write_csv, write_xlsx

from ita_analysis.errors import InputError
from ita_analysis.ingest.scores import load


def problems_of(*args, **kwargs):
    with pytest.raises(InputError) as info:
        load(*args, **kwargs)
    return info.value.problems


def test_all_cell_problems_at_once_with_spreadsheet_rows(tmp_path):
    rows = long_rows(years=(2563,))
    rows[2][3] = "แปดสิบ"  # text where a number belongs (row 3)
    rows[4][3] = 101.5  # out of range (row 5)
    rows[6][2] = "การใช้งบประมาน"  # misspelt indicator (row 7)
    rows[8][1] = 2020  # CE year (row 9)
    path = write_csv(tmp_path / "bad.csv", rows)
    problems = problems_of(path)
    by_row = {p.row: p for p in problems}
    assert {3, 7, 9} <= set(by_row)
    assert by_row[3].column == "score" and by_row[3].value == "แปดสิบ" and "number" in by_row[3].expected
    assert by_row[7].column == "indicator" and "การใช้งบประมาณ" in by_row[7].expected  # closest suggestion
    assert by_row[9].column == "fiscal_year" and "2563" in by_row[9].expected  # the BE year suggested
    assert all(p.file == str(path) for p in problems)


def test_score_out_of_range_names_its_row(tmp_path):
    rows = long_rows(years=(2563,))
    rows[4][3] = 101.5
    problems = problems_of(write_csv(tmp_path / "range.csv", rows))
    assert [(p.row, p.column, p.value) for p in problems] == [(5, "score", "101.5")]
    assert "0 to 100" in problems[0].expected


def test_missing_and_duplicated_indicators(tmp_path):
    rows = long_rows(years=(2563,))
    del rows[7]  # indicator 7 missing
    rows.append([AGENCY, 2563, 3, 70.0])  # indicator 3 twice (rows 4 and 11)
    problems = problems_of(write_csv(tmp_path / "dups.csv", rows))
    text = [str(p) for p in problems]
    assert any("missing indicator(s) 7" in t for t in text)
    dups = [p for p in problems if "one score per agency" in p.expected]
    assert sorted(p.row for p in dups) == [4, 11]
    assert "row 11" in dups[0].expected and "row 4" in dups[1].expected


def test_unknown_year_and_ce_year(tmp_path):
    rows = long_rows(years=(2563,))
    for r in rows[1:]:
        r[1] = 2571
    problems = problems_of(write_csv(tmp_path / "future.csv", rows))
    assert len(problems) == 1
    assert problems[0].row == 2 and "2562" in problems[0].expected and "framework" in problems[0].expected
    with pytest.raises(InputError) as info:
        load(write_csv(tmp_path / "r.csv", long_rows(years=(2563,))), fiscal_year="2020")
    assert "2563" in str(info.value)


def test_report_table_without_agency_or_year(report_tsv):
    problems = problems_of(report_tsv)
    assert len(problems) == 2
    assert "--agency" in problems[0].expected and "--fy" in problems[1].expected


def test_no_header_row(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    (p,) = problems_of(path)
    assert p.row is None and "header" in p.expected


def test_unsupported_and_missing_files(tmp_path):
    (p,) = problems_of(tmp_path / "nowhere.csv")
    assert "existing file" in p.expected
    odd = tmp_path / "scores.ods"
    odd.write_text("x")
    (p,) = problems_of(odd)
    assert ".xlsx" in p.expected


def test_unknown_sheet_lists_sheets(tmp_path):
    path = write_xlsx(tmp_path / "b.xlsx", long_rows(), sheet="ITA")
    (p,) = problems_of(path, sheet="คะแนน")
    assert p.value == "คะแนน" and "ITA" in p.expected


def test_indicator_number_and_name_must_agree(tmp_path):
    rows = [["หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "คะแนน"]]
    rows += [
        [AGENCY, 2563, f"{i}. {n}", s]
        for i, n, s in zip(range(1, 11), _names_swapped(), long_rows()[1:11], strict=True)
    ]
    problems = problems_of(
        write_csv(tmp_path / "swap.csv", [rows[0]] + [[a, y, ind, s[3]] for a, y, ind, s in rows[1:]])
    )
    assert {p.row for p in problems} == {2, 3}
    assert "same indicator" in problems[0].expected


def _names_swapped():
    from conftest import NAMES

    names = list(NAMES)
    names[0], names[1] = names[1], names[0]
    return names


def test_tool_that_contradicts_the_indicator(tmp_path, report_tsv):
    text = report_tsv.read_text(encoding="utf-8").replace("(EIT)", "(OIT)")
    path = tmp_path / "tools.tsv"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path, agency=AGENCY, fiscal_year=2563)
    assert [(p.row, p.column) for p in problems] == [(9, "เครื่องมือ"), (10, "เครื่องมือ"), (11, "เครื่องมือ")]
    assert "tool EIT" in problems[0].expected


def test_empty_cells_are_reported(tmp_path):
    rows = long_rows(years=(2563,))
    rows[3][0] = ""
    rows[5][3] = ""
    problems = problems_of(write_csv(tmp_path / "holes.csv", rows))
    assert {(p.row, p.column) for p in problems} >= {(4, "agency"), (6, "score")}


def test_problems_from_several_files_together(tmp_path):
    a = long_rows(years=(2563,))
    a[2][3] = "x"
    b = long_rows(years=(2563,), agency="อื่น")
    b[3][3] = "y"
    with pytest.raises(InputError) as info:
        load([write_csv(tmp_path / "a.csv", a), write_csv(tmp_path / "b.csv", b)])
    assert {p.file.rsplit("/", 1)[-1] for p in info.value.problems} == {"a.csv", "b.csv"}


def test_ce_years_in_a_comparison_header(tmp_path):
    from conftest import NAMES, SCORES

    rows = [["ตัวชี้วัด", "2019", "2020"]] + [[n, a, b] for n, a, b in zip(NAMES, SCORES[2562], SCORES[2563], strict=True)]
    problems = problems_of(write_csv(tmp_path / "ce.csv", rows), agency=AGENCY)
    assert {p.column for p in problems} == {"2019", "2020"}
    assert any("2563" in p.expected for p in problems) and any("2562" in p.expected for p in problems)
