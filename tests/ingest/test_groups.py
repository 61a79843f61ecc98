"""The group column of score tables: read from long and wide tables, named by the caller, checked."""

from __future__ import annotations

import pytest
from conftest import AGENCY, SCORES, long_rows, write_csv, write_xlsx

from ita_analysis.errors import InputError
from ita_analysis.ingest.scores import SCORE_COLUMNS, load

OTHER = "กรมบัญชีกลาง"


def _long(groups: dict[tuple[str, int], str], header: str = "กระทรวง") -> list[list[object]]:
    """Long rows of the reference scores for each (agency, year) of ``groups``, the group on every row."""
    rows: list[list[object]] = [["หน่วยงาน", "ปีงบประมาณ", header, "ตัวชี้วัด", "คะแนน"]]
    for (agency, year), group in groups.items():
        rows += [[agency, year, group, i, s] for i, s in enumerate(SCORES[year], start=1)]
    return rows


def _groups(loaded) -> list[list[object]]:
    return loaded.groups.astype({"fiscal_year": int}).values.tolist()


def test_long_table_with_a_thai_ministry_column(tmp_path):
    rows = _long({(AGENCY, 2562): "สำนักนายกรัฐมนตรี", (AGENCY, 2563): "สำนักนายกรัฐมนตรี", (OTHER, 2563): "การคลัง"})
    loaded = load(write_csv(tmp_path / "long.csv", rows))
    assert list(loaded.scores.columns) == SCORE_COLUMNS  # the tidy table is unchanged
    assert loaded.group_name == "กระทรวง"
    assert list(loaded.groups.columns) == ["agency", "fiscal_year", "group"]
    assert _groups(loaded) == [
        [AGENCY, 2562, "สำนักนายกรัฐมนตรี"],
        [AGENCY, 2563, "สำนักนายกรัฐมนตรี"],
        [OTHER, 2563, "การคลัง"],
    ]


def test_no_group_column_leaves_every_agency_year_ungrouped(sample_csv):
    loaded = load(sample_csv)
    assert loaded.group_name is None
    assert _groups(loaded) == [[AGENCY, 2562, ""], [AGENCY, 2563, ""]]


def test_wide_table_with_an_english_province_column(tmp_path):
    rows = [["agency", "fiscal_year", "Province", *[f"ind_{i}" for i in range(1, 11)]]]
    rows += [[AGENCY, 2563, "Bangkok", *SCORES[2563]], [OTHER, 2563, "", *SCORES[2562]]]
    loaded = load(write_xlsx(tmp_path / "wide.xlsx", rows))
    assert loaded.group_name == "Province"
    assert _groups(loaded) == [[AGENCY, 2563, "Bangkok"], [OTHER, 2563, ""]]  # an empty cell: ungrouped


def test_group_cells_are_normalised_and_empty_cells_say_nothing(tmp_path):
    rows = _long({(AGENCY, 2563): "  กระทรวง  การคลัง "})
    rows[1][2] = ""  # the group only on some rows of the agency-year
    rows[5][2] = ""
    loaded = load(write_csv(tmp_path / "long.csv", rows))
    assert _groups(loaded) == [[AGENCY, 2563, "กระทรวง การคลัง"]]


def test_a_named_column_outside_the_vocabulary(tmp_path):
    rows = _long({(AGENCY, 2563): "เขต 1", (OTHER, 2563): "เขต 2"}, header="เขตตรวจราชการ")
    path = write_csv(tmp_path / "long.csv", rows)
    assert _groups(load(path)) == [[AGENCY, 2563, ""], [OTHER, 2563, ""]]  # not a group header by itself
    loaded = load(path, group=" เขต ตรวจราชการ")  # compared like every header: spaces ignored
    assert loaded.group_name == "เขตตรวจราชการ"
    assert _groups(loaded) == [[AGENCY, 2563, "เขต 1"], [OTHER, 2563, "เขต 2"]]


def test_the_caller_chooses_among_several_group_columns(tmp_path):
    rows = [["หน่วยงาน", "ปีงบประมาณ", "กระทรวง", "จังหวัด", *range(1, 11)]]
    rows += [[AGENCY, 2563, "สำนักนายกรัฐมนตรี", "กรุงเทพมหานคร", *SCORES[2563]]]
    path = write_csv(tmp_path / "wide.csv", rows)
    first = load(path)  # two group headers are no problem: the first is the group
    assert (first.group_name, _groups(first)) == ("กระทรวง", [[AGENCY, 2563, "สำนักนายกรัฐมนตรี"]])
    chosen = load(path, group="จังหวัด")
    assert (chosen.group_name, _groups(chosen)) == ("จังหวัด", [[AGENCY, 2563, "กรุงเทพมหานคร"]])


def test_a_named_column_missing_from_a_file(tmp_path):
    path = write_csv(tmp_path / "long.csv", long_rows(years=(2563,)))
    with pytest.raises(InputError) as exc:
        load(path, group="กระทรวง")
    (problem,) = exc.value.problems
    assert problem.file == str(path)
    assert (problem.row, problem.value) == (1, "กระทรวง")
    for header in ("agency", "fiscal_year", "indicator", "score"):
        assert f"'{header}'" in problem.expected


def test_two_groups_for_one_agency_year_is_a_problem_at_the_cell(tmp_path):
    rows = _long({(AGENCY, 2563): "สำนักนายกรัฐมนตรี"})
    rows[4][2] = "การคลัง"  # spreadsheet row 5: indicator 4
    rows[7][2] = "การคลัง"  # row 8: the same other group again, reported once
    with pytest.raises(InputError) as exc:
        load(write_csv(tmp_path / "long.csv", rows))
    (problem,) = exc.value.problems
    assert (problem.row, problem.column, problem.value) == (5, "กระทรวง", "การคลัง")
    assert "row 2 gives 'สำนักนายกรัฐมนตรี'" in problem.expected
    assert AGENCY in problem.expected and "2563" in problem.expected


def test_different_years_may_have_different_groups(tmp_path):
    rows = _long({(AGENCY, 2562): "กลุ่ม ก", (AGENCY, 2563): "กลุ่ม ข"}, header="ประเภทหน่วยงาน")
    loaded = load(write_csv(tmp_path / "long.csv", rows))
    assert _groups(loaded) == [[AGENCY, 2562, "กลุ่ม ก"], [AGENCY, 2563, "กลุ่ม ข"]]


def test_groups_of_several_files(tmp_path):
    a = write_csv(tmp_path / "a.csv", _long({(AGENCY, 2562): "ก"}, header="กลุ่ม"))
    b = write_csv(tmp_path / "b.csv", long_rows(years=(2563,)))  # no group column
    loaded = load([a, b])
    assert loaded.group_name == "กลุ่ม"
    assert _groups(loaded) == [[AGENCY, 2562, "ก"], [AGENCY, 2563, ""]]


def test_two_files_giving_one_agency_year_two_groups(tmp_path):
    rows = _long({(AGENCY, 2563): "ก"}, header="กลุ่ม")
    a = write_csv(tmp_path / "a.csv", [r[:4] + [r[4]] for r in rows[:6]])  # indicators 1-5
    b = write_csv(tmp_path / "b.csv", [rows[0]] + [[*r[:2], "ข", *r[3:]] for r in rows[6:]])  # 6-10, group ข
    with pytest.raises(InputError) as exc:
        load([a, b])
    (problem,) = exc.value.problems
    assert (problem.file, problem.column, problem.value) == (str(b), "กลุ่ม", "ข")
    assert f"{a} gives 'ก'" in problem.expected


def test_selecting_an_agency_keeps_its_group(tmp_path):
    rows = _long({(AGENCY, 2563): "ก", (OTHER, 2563): "ข"}, header="group")
    loaded = load(write_csv(tmp_path / "long.csv", rows), agency=OTHER)
    assert _groups(loaded) == [[OTHER, 2563, "ข"]]
