"""Mapping files (agency -> groups): read like the other side inputs, every problem at once with
its file, row as the spreadsheet shows it, column, value and what was expected."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_csv, write_xlsx

from ita_analysis.errors import InputError
from ita_analysis.ingest.group_map import MAP_COLUMNS, load_group_map, load_table_groups

AGENCIES = pd.DataFrame(
    [("ก1", 2562), ("ก1", 2563), ("ก2", 2563), ("ข1", 2563), ("องค์การบริหารส่วนตำบลหนองบัว", 2563)],
    columns=["agency", "fiscal_year"],
)


def test_a_wide_mapping_each_column_a_kind(tmp_path):
    path = write_xlsx(
        tmp_path / "groups.xlsx",
        [
            ["รายชื่อหน่วยงานตามกระทรวงและจังหวัด"],  # a title row above the header
            ["ลำดับ", "ชื่อหน่วยงาน", "กระทรวง", "จังหวัด"],
            [1, "ก1", "มหาดไทย", "ขอนแก่น"],
            [2, "ก2", "มหาดไทย", ""],  # no province: in no group of that kind
            [3, "ข1", "การคลัง", "ขอนแก่น"],
            [4, "ข1", "การคลัง", "อุดรธานี"],  # a second province for ข1
            [5, "องค์การบริหารส่วนตำบลหนองบัว ", "มหาดไทย", "อุดรธานี"],  # trailing space: the same name
        ],
    )
    m = load_group_map(path, AGENCIES)
    assert list(m.columns) == MAP_COLUMNS
    assert m["fiscal_year"].isna().all()  # no year column: every year
    got = sorted(zip(m["agency"], m["kind"], m["group"], strict=True))
    assert got == [
        ("ก1", "กระทรวง", "มหาดไทย"), ("ก1", "จังหวัด", "ขอนแก่น"), ("ก2", "กระทรวง", "มหาดไทย"),
        ("ข1", "กระทรวง", "การคลัง"), ("ข1", "จังหวัด", "ขอนแก่น"), ("ข1", "จังหวัด", "อุดรธานี"),
        ("องค์การบริหารส่วนตำบลหนองบัว", "กระทรวง", "มหาดไทย"), ("องค์การบริหารส่วนตำบลหนองบัว", "จังหวัด", "อุดรธานี"),
    ]  # fmt: skip
    assert "ลำดับ" not in set(m["kind"])  # a row-number column is no kind of group


def test_a_year_column_dates_a_row(tmp_path):
    path = write_csv(
        tmp_path / "g.csv",
        [
            ["หน่วยงาน", "ปีงบประมาณ", "เขตตรวจราชการ"],
            ["ก1", "2562", "เขต 1"],
            ["ก1", "๒๕๖๓", "เขต 2"],
            ["ก2", "", "เขต 2"],
        ],
    )
    m = load_group_map(path, AGENCIES[AGENCIES["agency"].isin(["ก1", "ก2"])])
    assert m["fiscal_year"].tolist() == [2562, 2563, pd.NA] and m["group"].tolist() == ["เขต 1", "เขต 2", "เขต 2"]


def test_every_problem_at_once(tmp_path):
    path = write_csv(
        tmp_path / "groups.csv",
        [
            ["หน่วยงาน", "ปีงบประมาณ", "กระทรวง"],
            ["ก1", "", "มหาดไทย"],
            ["", "", "มหาดไทย"],  # row 3: no agency
            ["ก1", "", "มหาดไทย"],  # row 4: repeats row 2
            ["ก3", "", "การคลัง"],  # row 5: not in the score data
            ["องค์การบริหารส่วนตำบลหนองบวั", "", "มหาดไทย"],  # row 6: misspelt (วั for บัว)
            ["ข1", "2563.5", "การคลัง"],  # row 7: no year
            ["ข1", "", ""],  # row 8: ข1 with no group (and row 7's year unread: ข1 in no group at all)
        ],
    )
    with pytest.raises(InputError) as caught:
        load_group_map(path, AGENCIES)
    shown = [(p.row, p.column, p.value, p.expected) for p in caught.value.problems]
    file = str(path)
    assert all(p.file == file for p in caught.value.problems)
    assert shown[:5] == [
        (3, "หน่วยงาน", "", "an agency name (the cell is empty)"),
        (4, "หน่วยงาน", "ก1", "each agency's row once: row 2 gives the same groups"),
        (5, "หน่วยงาน", "ก3", "an agency of the score data"),
        (6, "หน่วยงาน", "องค์การบริหารส่วนตำบลหนองบวั", "an agency of the score data; closest: 'องค์การบริหารส่วนตำบลหนองบัว'"),
        (7, "ปีงบประมาณ", "2563.5", "a whole Buddhist Era year such as 2563 (a fiscal year has no fraction)"),
    ]  # fmt: skip
    # agencies of the score data that no row puts in a group: no row in the file; no row for that year
    no_group = "a row putting this agency of the score data (fiscal year 2563) in a group"
    assert sorted(shown[5:]) == [
        (None, "หน่วยงาน", "ก2", no_group),
        (None, "หน่วยงาน", "องค์การบริหารส่วนตำบลหนองบัว", no_group),
    ]
    assert "ข1" not in {p.value for p in caught.value.problems if p.row is None}  # row 7 gives ข1 a group


def test_a_file_without_an_agency_or_group_column(tmp_path):
    with pytest.raises(InputError) as caught:
        load_group_map(write_csv(tmp_path / "a.csv", [["ชื่อ", "กระทรวง"], ["ก1", "มหาดไทย"]]))
    assert "a header row with an agency column" in str(caught.value)
    with pytest.raises(InputError) as caught:
        load_group_map(write_csv(tmp_path / "b.csv", [["หน่วยงาน", "ปีงบประมาณ"], ["ก1", "2563"]]))
    (problem,) = caught.value.problems
    assert problem.row == 1 and "at least one group column" in problem.expected


def test_every_group_column_of_a_long_score_table(tmp_path):
    # as `ita-analysis synth --groups` writes it: the groups repeated on each row of an agency-year
    header = ["agency", "กระทรวง", "จังหวัด", "ประเภทหน่วยงาน", "fiscal_year", "indicator", "score"]
    rows = [header]
    for year in (2562, 2563):
        for n in (1, 2):
            rows.append(["ก1", "มหาดไทย", "ขอนแก่น", "องค์กรปกครองส่วนท้องถิ่น", year, n, 90])
            rows.append(["ข1", "การคลัง", "", "ส่วนราชการ", year, n, 80])
    m = load_table_groups(write_csv(tmp_path / "scores.csv", rows))
    assert list(m.columns) == MAP_COLUMNS
    got = sorted(m.itertuples(index=False, name=None))
    assert got == sorted(
        [(a, y, k, g) for y in (2562, 2563) for a, k, g in [
            ("ก1", "กระทรวง", "มหาดไทย"), ("ก1", "จังหวัด", "ขอนแก่น"), ("ก1", "ประเภทหน่วยงาน", "องค์กรปกครองส่วนท้องถิ่น"),
            ("ข1", "กระทรวง", "การคลัง"), ("ข1", "ประเภทหน่วยงาน", "ส่วนราชการ"),
        ]]
    )  # fmt: skip
    assert not {"indicator", "score", "fiscal_year"} & set(m["kind"])


def test_two_groups_of_a_kind_for_one_agency_year_in_a_score_table(tmp_path):
    rows = [
        ["หน่วยงาน", "ปีงบประมาณ", "จังหวัด", "ตัวชี้วัด", "คะแนน"],
        ["ก1", 2563, "ขอนแก่น", 1, 90],
        ["ก1", 2563, "อุดรธานี", 2, 90],  # row 3: another province for the same agency-year
    ]
    with pytest.raises(InputError) as caught:
        load_table_groups(write_csv(tmp_path / "scores.csv", rows))
    (p,) = caught.value.problems
    assert (p.row, p.column, p.value) == (3, "จังหวัด", "อุดรธานี")
    assert p.expected == "one จังหวัด for ก1, fiscal year 2563: row 2 gives 'ขอนแก่น'"
