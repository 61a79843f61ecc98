"""Framework files: one per fiscal year, complete, and a new year needs only a new file."""

from __future__ import annotations

import shutil

import pytest

from ita_analysis import frameworks
from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import available_years, load_framework


def test_shipped_years_and_status():
    assert available_years() == list(range(2562, 2570))
    for y in range(2562, 2566):
        fw = load_framework(y)
        assert fw.status == "confirmed" and fw.grading_kind == "letter"
        assert fw.grade_labels() == ("AA", "A", "B", "C", "D", "E", "F")
    for y in range(2566, 2570):
        fw = load_framework(y)
        assert fw.provisional and fw.grading_kind == "rating"
        assert fw.grade_labels()[0] == "ผ่านดีเยี่ยม"


@pytest.mark.parametrize("year", range(2562, 2570))
def test_each_framework_says_which_tools_rest_on_perceptions(year):
    # IIT and EIT survey stakeholders' perceptions; OIT checks what the agency itself publishes
    # (NACC's manuals; docs/methodology.md)
    fw = load_framework(year)
    assert {t.code: t.basis for t in fw.tools} == {"IIT": "perception", "EIT": "perception", "OIT": "disclosure"}
    assert fw.tools_of("perception") == ("IIT", "EIT") and fw.tools_of("disclosure") == ("OIT",)


@pytest.mark.parametrize("year", range(2562, 2570))
def test_each_framework_is_complete(year):
    fw = load_framework(year)
    assert fw.fiscal_year == year and fw.pass_mark == 85.0
    assert fw.weights == {"IIT": 0.30, "EIT": 0.30, "OIT": 0.40}
    assert fw.numbers == tuple(range(1, 11))
    assert fw.tool_of() == {
        **dict.fromkeys(range(1, 6), "IIT"),
        **dict.fromkeys(range(6, 9), "EIT"),
        9: "OIT",
        10: "OIT",
    }


def test_item_codes_fy2563():
    fw = load_framework(2563)
    items = fw.item_indicator()
    assert items["i1"] == 1 and items["i6"] == 1 and items["i7"] == 2 and items["i30"] == 5
    assert items["o8"] == 9 and items["o9"] == 9 and items["o33"] == 9
    assert items["o35"] == 10 and items["o38"] == 10 and items["o43"] == 10
    assert len([k for k in items if k.startswith("o")]) == 43


@pytest.mark.parametrize(
    ("text", "number"),
    [("9", 9), ("๑๐", 10), ("ตัวชี้วัดที่ ๓", 3), ("ind_4", 4), ("การเปิดเผยข้อมูล", 9), ("ตัวชี้วัดการใช้อำนาจ", 3),
     ("การปรับปรุงระบบการทำงาน", 8), ("การปรับปรุงการทำงาน", 8), ("Open Data", 9), ("bribery fraud", 1),
     ("9. การเปิดเผยข้อมูล", 9), ("ตัวชี้วัดที่ 10 การป้องกันการทุจริต", 10), ("การใช้อ\u0e4d\u0e32นาจ", 3),
     ("  การใช้ ทรัพย์สิน ของราชการ ", 4), ("คุณภาพการดำเนินงาน (EIT)", 6)],
)  # fmt: skip
def test_indicator_recognition(text, number):
    assert load_framework(2563).resolve_indicator(text) == (number, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("11", "1-10"),
        ("การใช้งบประมาน", "closest: 2 การใช้งบประมาณ"),
        ("1 การใช้งบประมาณ", "same indicator"),
        ("", "1-10"),
    ],
)
def test_indicator_errors(text, reason):
    number, why = load_framework(2563).resolve_indicator(text)
    assert number is None and reason in why


def test_year_without_framework_is_a_clear_error():
    with pytest.raises(FrameworkError, match=r"no ITA framework for fiscal year 2575; known years: 2562, .*2569"):
        load_framework(2575)


def test_new_year_is_a_new_file(tmp_path, monkeypatch):
    text = (frameworks.PACKAGE_DIR / "fy2569.toml").read_text(encoding="utf-8")
    text = text.replace("fiscal_year = 2569", "fiscal_year = 2570").replace("weight = 0.40", "weight = 0.40")
    (tmp_path / "fy2570.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(tmp_path))
    assert 2570 in available_years()
    assert load_framework(2570).grading_kind == "rating"


def test_malformed_framework_is_reported(tmp_path, monkeypatch):
    shutil.copy(frameworks.PACKAGE_DIR / "fy2563.toml", tmp_path / "fy2563.toml")
    text = (tmp_path / "fy2563.toml").read_text(encoding="utf-8").replace("weight = 0.40", "weight = 0.50")
    (tmp_path / "fy2563.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(tmp_path))
    with pytest.raises(FrameworkError, match="weights add up to 1.1"):
        load_framework(2563)


def test_framework_answers_what_the_code_asks(monkeypatch):
    """Tools, weights, numbers and levels as the made-up file gives them (STAFF / USER / WEB)."""
    from conftest import FIXTURES

    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(FIXTURES / "frameworks"))
    fw = load_framework(2590)
    assert fw.tool_codes == ("STAFF", "USER", "WEB") and fw.pass_mark == 80.0
    assert fw.tool("USER").name_th == "แบบสำรวจผู้รับบริการ"
    assert [i.number for i in fw.tool_indicators("WEB")] == [8, 9, 10, 11, 12]
    assert [fw.max_weighted(c) for c in fw.tool_codes] == [20.0, 30.0, 50.0]
    assert fw.number_range == "1-12" and load_framework(2563).number_range == "1-10"
    assert [fw.level_rank(x) for x in ("ดีเด่น", "ผ่านเกณฑ์", "ต้องพัฒนา", "AA")] == [0, 1, 2, None]
    assert fw.resolve_indicator("13") == (None, "an indicator number 1-12 (got 13)")
    assert fw.resolve_indicator("12 (WEB)")[0] == 12 and fw.resolve_indicator("สถิติเรื่องร้องเรียน")[0] == 12
    assert frameworks.known_tool_codes() == ("IIT", "EIT", "OIT", "STAFF", "USER", "WEB")
    with pytest.raises(KeyError):
        fw.tool("IIT")


# Framework.level_for: the edges of the framework files' levels, worked by hand from the TOML tables.
# FY2562-FY2565 letters by the total alone: AA 95, A 85, B 75, C 65, D 55, E 50, F 0.
LETTER_EDGES = [
    (100, "AA"),
    (95.0, "AA"),
    (94.99, "A"),
    (85.0, "A"),
    (84.99, "B"),
    (75.0, "B"),
    (74.99, "C"),
    (65.0, "C"),
    (64.99, "D"),
    (55.0, "D"),
    (54.99, "E"),
    (50.0, "E"),
    (49.99, "F"),
    (0.0, "F"),
]


@pytest.mark.parametrize("year", [2562, 2563, 2564, 2565])
@pytest.mark.parametrize(("total", "label"), LETTER_EDGES)
def test_level_for_letter_grades(year, total, label):
    fw = load_framework(year)
    assert fw.level_for(total).label == label
    # a letter year asks no tool minimum: low tools change nothing
    assert fw.level_for(total, {"IIT": 0.0, "EIT": 0.0, "OIT": 0.0}).label == label


# FY2566 onwards: ผ่านดีเยี่ยม 95 with every tool at 95; ผ่านดี 85 with every tool at 85; ผ่าน 85;
# ต้องปรับปรุง 70; ต้องปรับปรุงโดยด่วน 0.
EXCELLENT, GOOD, PASS, IMPROVE, URGENT = "ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"
RATING_EDGES = [
    (95.0, (95.0, 95.0, 95.0), EXCELLENT),
    (99.0, (94.99, 100.0, 100.0), GOOD),  # one tool short of 95: the next level down
    (95.0, (85.0, 100.0, 100.0), GOOD),
    (85.0, (85.0, 85.0, 85.0), GOOD),
    (96.0, (84.99, 100.0, 100.0), PASS),  # a tool under 85: a pass on the total alone
    (85.0, (84.99, 85.0, 85.0), PASS),
    (84.99, (100.0, 100.0, 100.0), IMPROVE),  # the total decides first
    (70.0, (70.0, 70.0, 70.0), IMPROVE),
    (69.99, (100.0, 100.0, 100.0), URGENT),
    (0.0, (0.0, 0.0, 0.0), URGENT),
]


@pytest.mark.parametrize("year", [2566, 2567, 2568, 2569])
@pytest.mark.parametrize(("total", "tools", "label"), RATING_EDGES)
def test_level_for_ratings_with_tool_minimums(year, total, tools, label):
    assert load_framework(year).level_for(total, dict(zip(("IIT", "EIT", "OIT"), tools, strict=True))).label == label


@pytest.mark.parametrize(("total", "label"), [(95.0, EXCELLENT), (94.99, GOOD), (85.0, GOOD), (84.99, IMPROVE)])
def test_level_for_a_rating_by_the_total_alone(total, label):
    """Without tool means (a target's level) only the total is asked."""
    assert load_framework(2566).level_for(total).label == label


def test_level_for_below_every_level_and_binary_noise():
    fw = load_framework(2563)
    assert fw.level_for(-0.01) is None
    assert fw.level_for(84.99999999999999).label == "A"  # 85 as stored after arithmetic
