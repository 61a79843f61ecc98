"""Side inputs (notes, recommendations, targets, item scores, measures plan): the header words of
score tables, every problem at once with its file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AGENCY, FIXTURES, long_rows, write_csv, write_xlsx

from ita_analysis.errors import InputError
from ita_analysis.ingest.scores import load_scores
from ita_analysis.ingest.side_inputs import load_items, load_notes, load_plan, load_recommendations, load_targets

ROOT = FIXTURES.parents[1]

# Agency and year headers as NACC tables and agencies' spreadsheets write them; score tables accept all
AGENCY_HEADERS = [
    "หน่วยงาน", "ชื่อหน่วยงาน", "ส่วนราชการ", "ชื่อส่วนราชการ", "หน่วยงานภาครัฐ", "หน่วยรับการประเมิน",
    "หน่วยงานที่เข้ารับการประเมิน", "Agency", "Agency name", "organisation", "Organization",
]  # fmt: skip
YEAR_HEADERS = [
    "ปีงบประมาณ", "ปี", "พ.ศ.", "ปี พ.ศ.", "ปีงบประมาณ พ.ศ.", "ปีงบประมาณ (พ.ศ.)", "fiscal_year", "Fiscal Year",
    "year", "FY",
]  # fmt: skip
HEADER_PAIRS = list(
    dict.fromkeys([(a, "ปี พ.ศ.") for a in AGENCY_HEADERS] + [("หน่วยรับการประเมิน", y) for y in YEAR_HEADERS])
)


@pytest.mark.parametrize(("agency_h", "year_h"), HEADER_PAIRS)
def test_score_tables_accept_the_headers(tmp_path, agency_h, year_h):
    rows = long_rows(years=(2563,))
    rows[0] = [agency_h, year_h, "ตัวชี้วัด", "คะแนน"]
    scores = load_scores(write_csv(tmp_path / "scores.csv", rows))
    assert set(scores["agency"]) == {AGENCY} and set(scores["fiscal_year"]) == {2563} and len(scores) == 10


@pytest.mark.parametrize(("agency_h", "year_h"), HEADER_PAIRS)
def test_side_files_accept_the_headers_of_score_tables(tmp_path, agency_h, year_h):
    def write(name, header, row):
        return write_csv(tmp_path / name, [header, row])

    targets = load_targets(write("t.csv", [agency_h, year_h, "เป้าหมาย"], [AGENCY, "๒๕๖๔", "95"]))
    assert targets.to_dict("records") == [{"agency": AGENCY, "fiscal_year": 2564, "target": 95.0, "target_level": ""}]

    notes = load_notes(write("n.csv", [agency_h, year_h, "ตัวชี้วัด", "ประเด็นย่อย"], [AGENCY, 2563, "9", "Q&A"]))
    assert notes.to_dict("records") == [{"agency": AGENCY, "fiscal_year": 2563, "indicator": 9, "sub_item": "Q&A"}]

    recs = load_recommendations(
        write("r.csv", [year_h, agency_h, "ตัวชี้วัด", "ข้อเสนอแนะ"], ["พ.ศ. 2563", AGENCY, "การเปิดเผยข้อมูล", "เผยแพร่"])
    )
    assert recs[["agency", "fiscal_year", "indicator", "recommendation"]].values.tolist() == [
        [AGENCY, 2563, 9, "เผยแพร่"]
    ]

    items = load_items(write("i.csv", [agency_h, year_h, "ข้อ", "คะแนนที่ได้ (เต็ม 100)"], [AGENCY, 2563, "O8", "50"]))
    assert items[["agency", "fiscal_year", "indicator", "item", "score"]].values.tolist() == [
        [AGENCY, 2563, 9, "o8", 50.0]  # o8 (Q&A) is an item of indicator 9
    ]

    plan = load_plan(
        write(
            "p.csv",
            [agency_h, year_h, "ตัวชี้วัดที่", "แนวทางการดำเนินงาน", "ผู้รับผิดชอบ"],
            [AGENCY, 2564, "๒", "ชี้แจงแผนการใช้จ่าย", "กลุ่มงานคลัง"],
        )
    )
    assert plan[["agency", "fiscal_year", "indicator", "action", "responsible"]].values.tolist() == [
        [AGENCY, 2564, 2, "ชี้แจงแผนการใช้จ่าย", "กลุ่มงานคลัง"]
    ]


def test_bad_auxiliary_files(tmp_path):
    bad = write_csv(tmp_path / "notes.csv", [["ตัวชี้วัด", "ประเด็นย่อย"], ["การใช้งบประมาน", "x"], ["2", ""]])
    with pytest.raises(InputError) as info:
        load_notes(bad)
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "ตัวชี้วัด"), (3, "ประเด็นย่อย")]
    with pytest.raises(InputError, match="header row"):
        load_recommendations(write_csv(tmp_path / "r.csv", [["a", "b"]]))
    with pytest.raises(InputError) as info:
        load_targets(write_csv(tmp_path / "t.csv", [["agency", "fiscal_year", "target"], [AGENCY, 2021, "150"]]))
    assert {p.column for p in info.value.problems} == {"fiscal_year", "target"}
    with pytest.raises(InputError, match="item code"):
        load_items(write_csv(tmp_path / "i.csv", [["agency", "fiscal_year", "item", "score"], [AGENCY, 2563, "z9", 5]]))


def test_targets_file(tmp_path):
    t = load_targets(ROOT / "data/raw/targets.csv")
    assert t.to_dict("records") == [{"agency": AGENCY, "fiscal_year": 2564, "target": 95.0, "target_level": ""}]
    assert isinstance(t, pd.DataFrame)


def test_missing_header_names_the_columns_looked_for(tmp_path):
    with pytest.raises(InputError) as info:
        load_targets(write_csv(tmp_path / "t.csv", [["ชื่อ", "ค่า"], [AGENCY, "95"]]))
    (p,) = info.value.problems
    assert p.row is None and "agency (agency / หน่วยงาน)" in p.expected and "target (target / เป้าหมาย)" in p.expected


def test_every_problem_of_an_items_file_at_once(tmp_path):
    rows = [
        ["หน่วยรับการประเมิน", "ปีงบประมาณ พ.ศ.", "รหัสข้อ", "ข้อคำถาม", "คะแนน"],
        [AGENCY, 2563, "o8", "Q&A", "50"],
        ["", 2563, "o9", "Social Network", "0"],  # row 3: no agency
        [AGENCY, 2020, "i7", "", "70"],  # row 4: a CE year
        [AGENCY, 2563, "x1", "", "70"],  # row 5: no such item
        [AGENCY, 2563, "e1", "", "แปดสิบ"],  # row 6: no number
    ]
    with pytest.raises(InputError) as info:
        load_items(write_xlsx(tmp_path / "items.xlsx", rows))
    found = {(p.row, p.column, p.value) for p in info.value.problems}
    assert found == {
        (3, "หน่วยรับการประเมิน", ""),
        (4, "ปีงบประมาณ พ.ศ.", "2020"),
        (5, "รหัสข้อ", "x1"),
        (6, "คะแนน", "แปดสิบ"),
    }
    (item,) = [p for p in info.value.problems if p.row == 5]
    # the codes the year's framework knows, per the reference: i1-i30, e1-e15, o1-o43
    assert "FY2563 framework (such as i1, e1, o1)" in item.expected
    assert all(p.file == str(tmp_path / "items.xlsx") for p in info.value.problems)


def test_targets_as_grades_and_ratings(tmp_path):
    from ita_analysis.errors import InputError

    path = write_csv(
        tmp_path / "targets.csv",
        [["หน่วยงาน", "ปีงบประมาณ", "ค่าเป้าหมาย"], [AGENCY, "2564", "aa"], ["หน่วยงาน ข", "2567", "ผ่านดีเยี่ยม"]],
    )
    t = load_targets(path)
    assert t["target"].tolist() == [95.0, 95.0]
    assert t["target_level"].tolist() == ["AA", "ผ่านดีเยี่ยม"]
    bad = write_csv(tmp_path / "bad.csv", [["หน่วยงาน", "ปีงบประมาณ", "ค่าเป้าหมาย"], [AGENCY, "2567", "AA"]])
    with pytest.raises(InputError) as exc:  # FY2567 has ratings, not letters
        load_targets(bad)
    assert "row 2" in str(exc.value) and "ผ่านดีเยี่ยม" in str(exc.value)


# A plan as staff fill it in (agency, plan year, indicator, action, responsible, timeline, kpi); the
# last row is a template row not filled in, which is left out.
PLAN_ROWS = [
    [AGENCY, "2564", "9", "ปรับปรุงหน้าเว็บไซต์ส่วนถาม-ตอบ (Q&A)", "ศูนย์เทคโนโลยีสารสนเทศ", "ต.ค. 2563", ""],
    [AGENCY, "๒๕๖๔", "การใช้งบประมาณ", "ชี้แจงแผนการใช้จ่าย", "กลุ่มงานคลัง", "ทุกไตรมาส", "รายงานครบ 4 ไตรมาส"],
    [AGENCY, "2564", "1", "", "", "", ""],
]
PLAN_READ = [
    [AGENCY, 2564, 9, "ปรับปรุงหน้าเว็บไซต์ส่วนถาม-ตอบ (Q&A)", "ศูนย์เทคโนโลยีสารสนเทศ", "ต.ค. 2563", ""],
    [AGENCY, 2564, 2, "ชี้แจงแผนการใช้จ่าย", "กลุ่มงานคลัง", "ทุกไตรมาส", "รายงานครบ 4 ไตรมาส"],
]
PLAN_HEADER_SETS = {
    "english": ["agency", "fiscal_year", "indicator", "action", "responsible", "timeline", "kpi"],
    "template": ["หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัดที่", "แนวทางการดำเนินงาน", "ผู้รับผิดชอบ", "ระยะเวลา",
                 "ตัวชี้วัดความสำเร็จ"],
    "reference document": ["หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "แนวทางการดำเนินงานของสำนักงาน ก.พ.",
                           "ผู้รับผิดชอบ", "ระยะเวลา", "ตัวชี้วัดความสำเร็จ"],
    "other words": ["ส่วนราชการ", "ปีงบประมาณ พ.ศ.", "ตัวชี้วัด", "มาตรการ/การดำเนินการ", "หน่วยงานผู้รับผิดชอบ",
                    "ระยะเวลาดำเนินงาน", "ตัวชี้วัดผลสำเร็จ"],
}  # fmt: skip
PLAN_COLS = ["agency", "fiscal_year", "indicator", "action", "responsible", "timeline", "kpi"]


@pytest.mark.parametrize("kind", list(PLAN_HEADER_SETS))
def test_plan_with_thai_or_english_headers_reads_the_same(tmp_path, kind):
    header = PLAN_HEADER_SETS[kind]
    plan = load_plan(write_csv(tmp_path / "plan.csv", [header, *PLAN_ROWS]))
    assert plan[PLAN_COLS].values.tolist() == PLAN_READ
    english = load_plan(write_xlsx(tmp_path / "plan.xlsx", [PLAN_HEADER_SETS["english"], *PLAN_ROWS]))
    pd.testing.assert_frame_equal(plan, english)


def test_shipped_plan_has_thai_headers():
    path = ROOT / "data/raw/plan_2564.csv"
    header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัดที่"] and "แนวทางการดำเนินงาน" in header
    plan = load_plan(path)
    assert plan["indicator"].tolist() == [1, 2, 4, 7, 9, 10] and set(plan["fiscal_year"]) == {2564}
    assert plan.loc[1, ["responsible", "timeline"]].tolist() == ["กลุ่มงานคลัง", "ทุกไตรมาส"]


# Cells that are wrong the same way in a score table and in side files, by spreadsheet row
BAD_CELLS = {
    3: ("score", "แปดสิบ"),
    4: ("score", "120"),
    5: ("score", ""),
    6: ("fiscal_year", "2563.5"),
    7: ("fiscal_year", "abc"),
    8: ("agency", ""),
    9: ("indicator", "11"),
}


def _problems(load, path) -> set[tuple]:
    with pytest.raises(InputError) as info:
        load(path)
    return {(p.row, p.column, p.value, p.expected) for p in info.value.problems}


def test_a_cell_wrong_in_a_side_file_is_told_as_in_a_score_table(tmp_path):
    scores = long_rows(years=(2563,))
    items = [["agency", "fiscal_year", "item", "score"]] + [[AGENCY, 2563, f"i{n}", "50"] for n in range(1, 11)]
    notes = [["agency", "fiscal_year", "indicator", "sub_item"]] + [[AGENCY, 2563, str(n), "x"] for n in range(1, 11)]
    for row, (column, value) in BAD_CELLS.items():
        for table in (scores, items, notes):
            if column in table[0]:
                table[row - 1][table[0].index(column)] = value
    told = _problems(load_scores, write_csv(tmp_path / "scores.csv", scores))
    wanted = {(row, column, value) for row, (column, value) in BAD_CELLS.items()}
    in_scores = {p for p in told if p[:3] in wanted}
    assert {p[0] for p in in_scores} == set(BAD_CELLS)  # each wrong cell is told once in the score table
    in_items = _problems(load_items, write_csv(tmp_path / "items.csv", items))
    in_notes = _problems(load_notes, write_csv(tmp_path / "notes.csv", notes))
    assert in_items == {p for p in in_scores if p[1] != "indicator"}
    assert in_notes == {p for p in in_scores if p[1] in ("fiscal_year", "indicator", "agency") and p[0] != 8}
    assert {p[3] for p in in_items} >= {
        "a score written as a number, e.g. 89.29 or ๘๙.๒๙",
        "a score from 0 to 100",
        "a score (the cell is empty)",
        "a whole Buddhist Era year such as 2563 (a fiscal year has no fraction)",
        "an agency name (the cell is empty)",
    }


def test_a_side_files_header_below_a_title_is_found_as_in_score_tables(tmp_path):
    rows = [
        ["แผนปฏิบัติการ สำนักงาน ก.พ."],
        [],
        ["ตัวชี้วัดที่", "แนวทาง", "ผู้รับผิดชอบ", "ตัวชี้วัด"],
        ["2", "ชี้แจงแผน", "กลุ่มงานคลัง", "9"],
        [],
        ["๑๒", "เผยแพร่สถิติ", "กลุ่มงานคลัง", ""],
    ]
    with pytest.raises(InputError) as info:
        load_plan(write_csv(tmp_path / "plan.csv", rows))
    # row 6 as a spreadsheet shows it; the first indicator column is the one read
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(6, "ตัวชี้วัดที่", "๑๒")]
    rows[5][0] = "10"
    plan = load_plan(write_csv(tmp_path / "plan.csv", rows))
    assert plan[["indicator", "action"]].values.tolist() == [[2, "ชี้แจงแผน"], [10, "เผยแพร่สถิติ"]]


def test_every_measure_needs_an_action_and_its_responsible(tmp_path):
    """A filled row lacks neither; rows with only their indicator wait to be filled and are counted."""
    from ita_analysis.ingest.side_inputs import plan_rows_to_fill

    rows = [
        ["indicator", "action", "responsible", "timeline"],
        ["1", "", "", ""],  # row 2: waits
        ["2", "ชี้แจงแผน", "", ""],  # row 3: an action without its responsible
        ["4", "", "", "ธ.ค. 2563"],  # row 4: a timeline only: neither
        ["7", "", "กลุ่มงานคลัง", ""],  # row 5: a responsible without an action
        ["9", "", "", ""],  # row 6: waits
    ]
    path = write_csv(tmp_path / "plan.csv", rows)
    with pytest.raises(InputError) as info:
        load_plan(path)
    assert [(p.row, p.column, p.expected) for p in info.value.problems] == [
        (3, "responsible", "the person or unit responsible for the measure (the cell is empty)"),
        (4, "action", "an action (the cell is empty)"),
        (4, "responsible", "the person or unit responsible for the measure (the cell is empty)"),
        (5, "action", "an action (the cell is empty)"),
    ]
    waiting = plan_rows_to_fill(path)
    assert (waiting.rows, waiting.action, waiting.responsible) == (2, "action", "responsible")
