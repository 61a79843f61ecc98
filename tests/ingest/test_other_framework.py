"""Score tables of a framework other than IIT/EIT/OIT with ten indicators: the made-up one of
tests/fixtures/frameworks (tools STAFF/USER/WEB, twelve indicators, weights 0.2/0.3/0.5)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SCORES, long_rows, write_csv, write_xlsx

from ita_analysis.errors import InputError
from ita_analysis.ingest.scores import load, load_scores
from ita_analysis.ingest.side_inputs import load_items, load_notes
from ita_analysis.ingest.validate import validation_problems
from ita_analysis.thai.numbers import to_thai_digits

OFFICE = "สำนักงานทดสอบกรอบใหม่"
NAMES = [
    "ความซื่อสัตย์", "ความรับผิดชอบ", "การใช้ดุลพินิจ", "การดูแลพัสดุ", "ความรวดเร็วในการบริการ", "ความเป็นธรรม",
    "ช่องทางติดต่อ", "ข้อมูลผู้บริหาร", "แผนงานประจำปี", "รายงานการเงิน", "ประกาศจัดซื้อ", "สถิติเรื่องร้องเรียน",
]  # fmt: skip
TOOLS = ["STAFF"] * 4 + ["USER"] * 3 + ["WEB"] * 5
OFFICE_SCORES = {
    2589: [82.0, 88.0, 70.0, 65.0, 80.0, 95.0, 92.0, 100.0, 95.0, 85.0, 75.0, 60.0],
    2590: [80.0, 90.0, 70.0, 60.0, 85.0, 95.0, 90.0, 100.0, 90.0, 80.0, 70.0, 60.0],
}
# FY2590 by hand: STAFF (80+90+70+60)/4 = 75, USER (85+95+90)/3 = 90, WEB (100+90+80+70+60)/5 = 80,
# total 0.2 x 75 + 0.3 x 90 + 0.5 x 80 = 82
MEANS_2590 = {"STAFF": 75.0, "USER": 90.0, "WEB": 80.0}


pytestmark = pytest.mark.usefixtures("madeup_frameworks")


def office(scores, year):
    block = scores[(scores["agency"] == OFFICE) & (scores["fiscal_year"] == year)].sort_values("indicator")
    return block["indicator"].tolist(), block["tool"].tolist(), block["score"].tolist()


def problems_of(*args, **kwargs):
    with pytest.raises(InputError) as info:
        load(*args, **kwargs)
    return info.value.problems


def test_long_table_of_twelve_indicators():
    scores = load_scores(FIXTURES / "madeup_scores.csv")
    assert len(scores) == 48
    assert set(scores["agency"]) == {OFFICE, "กรมดีเด่นทุกด้าน", "กรมบุคลากรยังไม่ถึง"}
    for year in (2589, 2590):
        assert office(scores, year) == (list(range(1, 13)), TOOLS, OFFICE_SCORES[year])


def test_wide_table_headed_by_the_indicator_names(tmp_path):
    order = list(reversed(range(12)))  # columns in another order than the indicators
    headers = ["หน่วยงาน", "ปีงบประมาณ"] + [f"ตัวชี้วัด{NAMES[k]}" if k % 2 else NAMES[k] for k in order]
    rows = [headers] + [
        [OFFICE, f"พ.ศ. {to_thai_digits(str(y))}", *(to_thai_digits(f"{OFFICE_SCORES[y][k]:.2f}") for k in order)]
        for y in (2589, 2590)
    ]
    scores = load_scores(write_xlsx(tmp_path / "wide.xlsx", rows))
    assert len(scores) == 24
    for year in (2589, 2590):
        assert office(scores, year) == (list(range(1, 13)), TOOLS, OFFICE_SCORES[year])


def test_indicator_13_is_refused_with_the_range_of_the_year(tmp_path):
    rows = [["หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "คะแนน"]]
    rows += [[OFFICE, 2590, i, s] for i, s in enumerate(OFFICE_SCORES[2590], start=1)]
    rows.append([OFFICE, 2590, 13, 50.0])  # row 14
    (p,) = problems_of(write_csv(tmp_path / "thirteen.csv", rows))
    assert (p.row, p.column, p.value) == (14, "ตัวชี้วัด", "13")
    assert "1-12" in p.expected


def test_validation_takes_the_indicators_from_the_years_framework(tmp_path):
    loaded = load(FIXTURES / "madeup_scores.csv", validate=False)
    assert validation_problems(loaded) == []  # twelve indicators are all there
    i = loaded.scores.index[(loaded.scores["fiscal_year"] == 2590) & (loaded.scores["indicator"] == 12)][0]
    loaded.scores.loc[i, "indicator"] = 13
    problems = {(p.row, p.column, p.value, p.expected) for p in validation_problems(loaded)}
    row = int(loaded.origin.loc[i, "row"])
    assert (row, "indicator", "13", "an indicator number 1-12") in problems
    assert (None, None, None, f"all 12 indicators for {OFFICE}, fiscal year 2590; missing indicator(s) 12") in problems


def test_report_table_with_the_tools_of_the_framework(tmp_path):
    tool_names = {"STAFF": "แบบสำรวจบุคลากร (STAFF)", "USER": "แบบสำรวจผู้รับบริการ", "WEB": "WEB"}
    rows = [["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "คะแนนเฉลี่ย"]]
    seen = set()
    for i, (name, tool, s) in enumerate(zip(NAMES, TOOLS, OFFICE_SCORES[2590], strict=True), start=1):
        first = tool not in seen
        rows.append([i, tool_names[tool] if first else None, name, s, MEANS_2590[tool] if first else None])
        seen.add(tool)
    rows.append(["คะแนนรวม", None, None, None, 82.0])
    loaded = load(write_xlsx(tmp_path / "report.xlsx", rows), agency=OFFICE, fiscal_year=2590)
    assert office(loaded.scores, 2590) == (list(range(1, 13)), TOOLS, OFFICE_SCORES[2590])
    published = loaded.published.set_index("measure")["value"].to_dict()
    assert published == {"staff": 75.0, "user": 90.0, "web": 80.0, "total": 82.0}


def test_a_tool_that_contradicts_the_indicator(tmp_path):
    rows = [["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้"]]
    for i, (name, s) in enumerate(zip(NAMES, OFFICE_SCORES[2590], strict=True), start=1):
        rows.append([i, {1: "STAFF", 4: "USER", 5: "USER", 8: "WEB"}.get(i), name, s])  # USER from indicator 4 on
    problems = problems_of(write_csv(tmp_path / "tools.csv", rows), agency=OFFICE, fiscal_year=2590)
    assert [(p.row, p.column, p.value) for p in problems] == [(5, "เครื่องมือ", "USER")]
    assert "tool STAFF for indicator 4 (การดูแลพัสดุ)" in problems[0].expected


def test_a_score_output_of_two_frameworks_reads_back(tmp_path, sample_csv):
    """FY2562-2563 (ten indicators, IIT/EIT/OIT) and FY2589-2590 (twelve, STAFF/USER/WEB) in one summary."""
    from ita_analysis.compute.scoring import compare_published, score
    from ita_analysis.files import write_csv as write_summary

    summary = score(load_scores([sample_csv, FIXTURES / "madeup_scores.csv"]))
    again = load(write_summary(summary, tmp_path / "summary.csv"))
    assert len(again.scores) == 20 + 48
    for year in (2589, 2590):
        assert office(again.scores, year) == (list(range(1, 13)), TOOLS, OFFICE_SCORES[year])
    ocsc = again.scores[again.scores["fiscal_year"] == 2563].sort_values("indicator")
    assert ocsc["score"].tolist() == SCORES[2563] and ocsc["indicator"].tolist() == list(range(1, 11))
    assert {"iit", "oit_weighted", "staff", "web_weighted", "total", "grade"} <= set(again.published["measure"])
    assert compare_published(score(again.scores), again.published) == []


def test_a_cell_under_an_indicator_the_year_does_not_have(tmp_path):
    rows = long_rows(years=(2563,))
    wide = [["หน่วยงาน", "ปีงบประมาณ", *(f"ind_{i}" for i in range(1, 13))]]
    wide.append([r for r in rows[1]][:2] + [r[3] for r in rows[1:]] + [70.0, ""])  # ind_11 filled for FY2563
    (p,) = problems_of(write_csv(tmp_path / "wide.csv", wide))
    assert (p.row, p.column, p.value) == (2, "ind_11", "70.0")
    assert "fiscal year 2563" in p.expected and "1-10" in p.expected


def test_side_files_read_indicators_and_items_of_the_year(tmp_path):
    notes = load_notes(write_csv(tmp_path / "n.csv", [["ปี พ.ศ.", "ตัวชี้วัด", "ประเด็นย่อย"], [2590, "สถิติเรื่องร้องเรียน", "x"]]))
    assert notes["indicator"].tolist() == [12]
    items = load_items(write_csv(tmp_path / "i.csv", [["หน่วยงานภาครัฐ", "ปี", "ข้อ", "คะแนน"], [OFFICE, 2590, "q23", 40]]))
    assert items["indicator"].tolist() == [12]
    with pytest.raises(InputError) as info:
        load_items(write_csv(tmp_path / "bad.csv", [["หน่วยงาน", "ปี", "ข้อ", "คะแนน"], [OFFICE, 2590, "i7", 40]]))
    assert "FY2590 framework (such as q1, q9, q15)" in info.value.problems[0].expected
