"""Reading framework files: optional fields and their defaults, every check of a malformed file with
its message, where the files are looked for, and the fallback framework."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import FIXTURES

from ita_analysis import frameworks
from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import (
    any_framework,
    available_years,
    framework_or_latest,
    load_framework,
)

# The smallest framework: two tools, three indicators, two levels; no optional field.
TOOLS = """
[[tools]]
code = "aa"
name_th = "เครื่องมือ ก"
name_en = "Tool A"
weight = 0.5

[[tools]]
code = "BB"
name_th = "เครื่องมือ ข"
name_en = "Tool B"
weight = 0.5
"""
INDICATORS = """
[[indicators]]
number = 1
tool = "aa"
name_th = "ตัวที่หนึ่ง"
name_en = "First"

[[indicators]]
number = 2
tool = "AA"
name_th = "ตัวที่สอง"
name_en = "Second"

[[indicators]]
number = 3
tool = "BB"
name_th = "ตัวที่สาม"
name_en = "Third"
"""
GRADING = """
[grading]
kind = "letter"

[[grading.levels]]
label = "ดี"
min_total = 50

[[grading.levels]]
label = "ไม่ดี"
min_total = 0
"""


def write(folder, year: int, head: str = "", tools: str = TOOLS, indicators: str = INDICATORS, grading=GRADING):
    path = folder / f"fy{year}.toml"
    path.write_text(f"fiscal_year = {year}\npass_mark = 50\n{head}\n{tools}\n{indicators}\n{grading}", encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(tmp_path))
    return tmp_path


def test_optional_fields_take_their_defaults(folder):
    path = write(folder, 2591)
    fw = load_framework(2591)
    assert fw.status == "provisional" and fw.provisional and fw.source == "" and fw.path == str(path)
    assert fw.tool_codes == ("AA", "BB") and fw.tool("AA").description_th == "" and fw.tool("AA").basis == ""
    assert fw.tools_of("perception") == () and fw.tools_of("disclosure") == ()
    assert [(t.name_th, t.name_en) for t in fw.tools] == [("เครื่องมือ ก", "Tool A"), ("เครื่องมือ ข", "Tool B")]
    assert fw.tool_of() == {1: "AA", 2: "AA", 3: "BB"}
    first = fw.indicator(1)
    assert (first.variants_th, first.variants_en, first.items) == ((), (), ())
    assert [(lv.label, lv.min_total, lv.min_each_tool, lv.label_en) for lv in fw.levels] == [
        ("ดี", 50.0, None, None), ("ไม่ดี", 0.0, None, None),
    ]  # fmt: skip
    assert fw.national is None and fw.item_texts == ()


def test_given_fields_are_read(folder):
    head = 'status = "confirmed"\nsource = "คู่มือ"'
    tools = TOOLS.replace("weight = 0.5\n", 'weight = 0.5\ndescription_th = "คำอธิบาย"\nbasis = "disclosure"\n', 1)
    indicators = INDICATORS.replace(
        'name_en = "First"', 'name_en = "First"\nvariants_th = ["ตัวแรก"]\nvariants_en = ["One"]\nitems = ["x1", 7]'
    )
    grading = GRADING.replace("min_total = 50", 'min_total = 50\nmin_each_tool = 40\nlabel_en = "Good"')
    write(folder, 2591, head, tools, indicators, grading)
    fw = load_framework(2591)
    assert fw.status == "confirmed" and fw.source == "คู่มือ" and fw.tool("AA").description_th == "คำอธิบาย"
    assert fw.tool("AA").basis == "disclosure" and fw.tools_of("disclosure") == ("AA",) and fw.tool("BB").basis == ""
    assert fw.indicator(1).variants_th == ("ตัวแรก",) and fw.indicator(1).variants_en == ("One",)
    assert fw.indicator(1).items == ("x1", "7")
    assert (fw.levels[0].min_each_tool, fw.levels[0].label_en) == (40.0, "Good")
    assert fw.resolve_indicator("ตัวแรก") == (1, None) and fw.resolve_indicator("one") == (1, None)


def test_unknown_tool_and_indicator_name_themselves():
    fw = load_framework(2563)
    with pytest.raises(KeyError) as info:
        fw.tool("XYZ")
    assert info.value.args == ("XYZ",)
    with pytest.raises(KeyError) as info:
        fw.indicator(11)
    assert info.value.args == (11,)


LEVELS = "grading levels must go from the highest minimum down to min_total = 0"
TWO_ITEMS = INDICATORS.replace('name_en = "First"', 'name_en = "First"\nitems = ["x1"]').replace(
    'name_en = "Third"', 'name_en = "Third"\nitems = ["X1"]'
)
MALFORMED = {
    "status": (("head", 'status = "draft"'), "status must be 'confirmed' or 'provisional', not 'draft'"),
    "kind": (("grading", GRADING.replace('"letter"', '"stars"')),
             "grading.kind must be 'letter' or 'rating', not 'stars'"),
    "codes repeat": (("tools", TOOLS.replace('"BB"', '"AA"')), "tool codes repeat; indicator 3 names unknown tool BB"),
    "basis": (("tools", TOOLS.replace("weight = 0.5\n", 'weight = 0.5\nbasis = "survey"\n', 1)),
              "tool AA: basis must be 'perception' or 'disclosure', not 'survey'"),
    "weights": (("tools", TOOLS.replace("weight = 0.5", "weight = 0.6", 1)), "tool weights add up to 1.1, not 1"),
    "numbers": (("indicators", INDICATORS.replace("number = 3", "number = 4")),
                "indicator numbers must run 1..n without gaps, got [1, 2, 4]"),
    "unknown tool": (("indicators", INDICATORS.replace('tool = "BB"', 'tool = "CC"')),
                     "indicator 3 names unknown tool CC; tool BB has no indicator"),
    "items": (("indicators", TWO_ITEMS), "an item code is given to two indicators"),
    "item texts": (("texts", '[item_texts]\nq1 = "ก"\nq2 = "ข"'),
                   "item_texts names item codes no indicator lists: q1, q2"),
    "levels end above 0": (("grading", GRADING.replace("min_total = 0", "min_total = 10")), LEVELS),
    "levels rise": (("grading", GRADING.replace("min_total = 50", "min_total = -5")), LEVELS),
    "no levels": (("grading", '[grading]\nkind = "letter"\nlevels = []'), LEVELS),
}  # fmt: skip


@pytest.mark.parametrize("case", list(MALFORMED))
def test_each_check_of_a_malformed_file(folder, case):
    (field, text), message = MALFORMED[case]
    if field == "texts":  # a table goes after the top-level keys
        field, text = "grading", GRADING + "\n" + text
    path = write(folder, 2591, **{field: text})
    with pytest.raises(FrameworkError) as info:
        load_framework(2591)
    assert str(info.value) == f"{path}: {message}"


def test_problems_are_reported_together(folder):
    path = write(folder, 2591, 'status = "draft"', grading=GRADING.replace('"letter"', '"stars"'))
    with pytest.raises(FrameworkError) as info:
        load_framework(2591)
    assert str(info.value) == (
        f"{path}: status must be 'confirmed' or 'provisional', not 'draft'; "
        "grading.kind must be 'letter' or 'rating', not 'stars'"
    )


def test_unreadable_missing_field_and_shared_name(tmp_path, monkeypatch):
    def folder(name: str):  # a folder of its own for each file: the folder listing is read once
        (tmp_path / name).mkdir()
        monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(tmp_path / name))
        return tmp_path / name

    path = folder("a") / "fy2591.toml"
    path.write_text("fiscal_year = = 2591", encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"fy2591\.toml: cannot read the framework file: "):
        load_framework(2591)
    path = write(folder("b"), 2592, tools=TOOLS.replace("weight = 0.5\n", "", 1))
    with pytest.raises(FrameworkError) as info:
        load_framework(2592)
    assert str(info.value) == f"{path}: missing or malformed field 'weight'"
    path = write(folder("c"), 2593, indicators=INDICATORS.replace('"Second"', '"first"'))
    with pytest.raises(FrameworkError) as info:
        load_framework(2593)
    assert str(info.value) == f"{path}: name 'first' is given to indicators 1 and 2"


def test_file_name_and_content_must_agree(folder):
    path = write(folder, 2591)
    shutil.move(path, folder / "fy2594.toml")
    with pytest.raises(FrameworkError) as info:
        load_framework(2594)
    assert str(info.value) == f"{folder / 'fy2594.toml'}: file name says 2594, content says 2591"


def test_several_extra_folders(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", f"{empty}{os.pathsep}{FIXTURES / 'frameworks'}")
    assert {2589, 2590} <= set(available_years()) and load_framework(2590).pass_mark == 80.0


def test_the_fallback_is_the_latest_confirmed_framework():
    assert any_framework().fiscal_year == 2565  # FY2566 onwards are provisional
    for year in (None, float("nan"), "ไม่ใช่ปี", 2599):
        assert framework_or_latest(year).fiscal_year == 2565
    assert framework_or_latest("2567").fiscal_year == 2567


def test_the_fallback_without_a_confirmed_framework_or_any(tmp_path, monkeypatch):
    only = tmp_path / "only"
    only.mkdir()
    shutil.copy(frameworks.PACKAGE_DIR / "fy2568.toml", only)
    shutil.copy(frameworks.PACKAGE_DIR / "fy2567.toml", only)
    monkeypatch.setattr(frameworks, "PACKAGE_DIR", only)
    assert any_framework().fiscal_year == 2568  # the latest, provisional as they all are
    monkeypatch.setattr(frameworks, "PACKAGE_DIR", tmp_path / "none")
    with pytest.raises(FrameworkError) as info:
        any_framework()
    assert str(info.value) == "no ITA framework files found"


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("คุณภาพการดำเนินงาน (eit)", (6, None)),  # the tool's code in either case
        ("INDICATOR 3", (3, None)),
        ("Ind_4", (4, None)),
        ("9. ตัวชี้วัดการเปิดเผยข้อมูล", (9, None)),
        ("zzzz", (None, "a known indicator name")),  # nothing close: no suggestion
        ("Ope", (None, "a known indicator name; closest: 9 การเปิดเผยข้อมูล (Open Data)")),
    ],
)
def test_indicator_recognition_details(text, result):
    assert load_framework(2563).resolve_indicator(text) == result
