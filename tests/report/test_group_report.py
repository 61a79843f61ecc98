"""The group report (PDF, Excel, Word) of the small province of tests/group_data.py, whose every
figure is worked out by hand below, and of its edge cases: a group of one agency, a group without a
previous year, agencies named like a formula or like markup.

Province ก, FY2563 totals (group_data.ABC): ก1 90.00 A, ก2 80.00 B, ก3 97.00 AA, ก4 54.00 E.
  n 4; mean 321 / 4 = 80.25; median (80 + 90) / 2 = 85.00; q1 54 + 0.75 x 26 = 73.50;
  q3 90 + 0.25 x 7 = 91.75; sd sqrt((9.75² + 0.25² + 16.75² + 26.25²) / 3) = sqrt(354.92) = 18.84;
  at the pass mark (85): ก1, ก3 = 2, 50.00 %.
FY2562: 84, 85, 94, 66: mean 82.25 (change -2.00), at the pass mark 85, 94: 50.00 %.
All five agencies FY2563 (ข1 85.00): mean 406 / 5 = 81.20, at the pass mark 3 of 5: 60.00 %.
Ranking: 1 ก3 97.00 (+3.00), 2 ก1 90.00 (+6.00), 3 ก2 80.00 (-5.00), 4 ก4 54.00 (-12.00).
Watch: ก4 31.00 short of the pass mark (below it two years: 66 then 54), ก2 5.00 short (fell
below it: 85 then 80).
Indicator 10 (scores c): 80, 90, 100, 40: mean 77.50; FY2562 90, 80, 100, 60: 82.50; change -5.00.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document
from group_data import PROVINCE, items, members, summary
from libreoffice import pdf_text
from openpyxl import load_workbook

from ita_analysis.compute.group import group_analysis
from ita_analysis.report.group_document import group_document
from ita_analysis.report.group_report import write_group_report
from ita_analysis.thai.numbers import to_thai_digits

HAND = {
    "mean": "80.25",
    "median": "85.00",
    "q1": "73.50",
    "q3": "91.75",
    "sd": "18.84",
    "share": "50.00",
    "mean_previous": "82.25",
    "change": "-2.00",
    "all_mean": "81.20",
    "all_share": "60.00",
    "gap_ก4": "31.00",
    "gap_ก2": "5.00",
    "ind10_mean": "77.50",
    "ind10_previous": "82.50",
    "ind10_change": "-5.00",
}


def _flat(text: str) -> str:
    """Text with runs of spaces as one, without the zero-width joiners the Word file keeps Thai
    compounds whole with."""
    return re.sub(r"\s+", " ", re.sub("[\u200b-\u200d\u2060\ufeff]", "", text))


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    folder = tmp_path_factory.mktemp("province")
    s = summary()
    analysis = group_analysis(s, members(), 2563, items=items())
    paths = write_group_report(analysis, PROVINCE, "ก", folder, scores=s)
    return folder, paths


def test_writes_the_charts_and_the_three_files(province):
    folder, paths = province
    names = {p.name for p in paths}
    assert {"group_report.pdf", "group_report.xlsx", "group_report.docx"} <= names
    assert {"chart_distribution.png", "chart_change.png", "chart_share_below.png", "chart_heatmap.png"} <= names
    assert all(p.is_file() and p.parent == folder for p in paths)


def test_pdf_gives_the_hand_computed_figures_in_thai_digits(province):
    folder, _ = province
    text = _flat(pdf_text(folder / "group_report.pdf"))
    assert "รายงานผลการประเมิน ITA ของจังหวัด ก ประจำปีงบประมาณ พ.ศ. ๒๕๖๓" in text
    for value in HAND.values():
        assert to_thai_digits(value) in text, value
    assert re.search(r"๕ หน่วยงาน มีคะแนนเฉลี่ย ๘๑\.๒๐", text)
    assert not re.search(r"[0-9]", text), "an Arabic digit in a Thai-digit report"


def _rows(ws):
    return [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]


def test_workbook_holds_the_figures_as_numbers(province):
    folder, _ = province
    wb = load_workbook(folder / "group_report.xlsx")
    rows = _rows(wb["ภาพรวม"])
    by_label = {r[0]: r[1:] for r in rows if isinstance(r[0], str)}
    # columns: 2562, 2563, change, all agencies, NACC
    assert by_label["คะแนนเฉลี่ย"][:4] == (82.25, 80.25, -2.0, 81.2)
    assert by_label["ค่ามัธยฐาน"][1] == 85.0
    assert by_label["ควอร์ไทล์ที่ 1"][1] == 73.5 and by_label["ควอร์ไทล์ที่ 3"][1] == 91.75
    assert by_label["ส่วนเบี่ยงเบนมาตรฐาน"][1] == 18.84
    assert by_label["ร้อยละที่ผ่านเกณฑ์"][:4] == (50.0, 50.0, 0.0, 60.0)
    ranking = [r[:5] for r in _rows(wb["อันดับ"]) if isinstance(r[0], int)]
    assert ranking == [
        (1, "ก3", "AA", 97.0, 3.0),
        (2, "ก1", "A", 90.0, 6.0),
        (3, "ก2", "B", 80.0, -5.0),
        (4, "ก4", "E", 54.0, -12.0),
    ]
    watch = {r[0]: r[3] for r in _rows(wb["หน่วยงานที่ควรติดตาม"]) if r[0] in ("ก2", "ก4")}
    assert watch == {"ก4": 31.0, "ก2": 5.0}
    levels = {r[0]: r[1] for r in _rows(wb["ระดับผลการประเมิน"]) if r[0] in ("AA", "A", "B", "E", "F")}
    assert levels == {"AA": 1, "A": 1, "B": 1, "E": 1, "F": 0}
    ind10 = next(r for r in _rows(wb["รายตัวชี้วัด"]) if isinstance(r[0], str) and r[0].startswith("10."))
    assert ind10[1:4] == (82.5, 77.5, -5.0)


def test_word_file_gives_the_same_figures(province):
    folder, _ = province
    document = Document(folder / "group_report.docx")
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = _flat(" ".join([p.text for p in document.paragraphs] + cells))
    for value in HAND.values():
        assert to_thai_digits(value) in text, value
    assert "ก๓" in text or "ก3" in text  # the ranking annex lists the agencies


def _notes(analysis, kind, group) -> str:
    return " ".join(group_document(analysis, kind, group, digits="arabic").notes)


def test_one_agency_and_no_previous_year_are_said(tmp_path):
    s = summary()
    analysis = group_analysis(s, members(), 2563)
    write_group_report(analysis, PROVINCE, "ข", tmp_path / "one", scores=s)
    text = _flat(pdf_text(tmp_path / "one" / "group_report.pdf"))
    assert "จังหวัด ข มีหน่วยงานเดียว จึงไม่มีค่าการกระจายของคะแนน และหน่วยงานอยู่ลำดับที่ ๑ จาก ๑" in text
    only = s[s["fiscal_year"] == 2563].reset_index(drop=True)
    alone = group_analysis(only, members(years=(2563,)), 2563)
    write_group_report(alone, PROVINCE, "ก", tmp_path / "alone", scores=only)
    text = _flat(pdf_text(tmp_path / "alone" / "group_report.pdf"))
    assert "ข้อมูลไม่มีผลการประเมินปีงบประมาณ พ.ศ. ๒๕๖๒ จึงไม่มีการเปรียบเทียบกับปีก่อน" in text
    assert "เมื่อเทียบกับปีงบประมาณ" not in text  # no sentence on a change that cannot be given
    document = Document(tmp_path / "alone" / "group_report.docx")
    assert any("ไม่มีผลการประเมินปีงบประมาณ พ.ศ. ๒๕๖๒" in _flat(p.text) for p in document.paragraphs)
    wb = load_workbook(tmp_path / "alone" / "group_report.xlsx")
    assert any("ไม่มีผลการประเมินปีงบประมาณ พ.ศ. 2562" in str(r[0]) for r in _rows(wb["ภาพรวม"]))
    doc = group_document(alone, PROVINCE, "ก", digits="arabic")
    key = doc.sections[0].tables[0]
    assert [c.label for c in key.columns][:2] == ["รายการ", "พ.ศ. 2563"]  # no previous-year column


def test_new_group_and_changed_members_are_said():
    s = summary()
    moved = members()
    moved.loc[(moved["agency"] == "ข1") & (moved["fiscal_year"] == 2563), "group"] = "ก"
    said = _notes(group_analysis(s, moved, 2563), PROVINCE, "ก")
    assert "เข้ามาใหม่ 1 หน่วยงาน ออกไป 0 หน่วยงาน" in said
    new = members()
    new.loc[new["fiscal_year"] == 2563, "group"] = new.loc[new["fiscal_year"] == 2563, "group"].replace("ข", "ค")
    assert "(กลุ่มใหม่)" in _notes(group_analysis(s, new, 2563), PROVINCE, "ค")


FORMULA = '=HYPERLINK("http://example.com","x")'
MARKUP = "<b>x</b>"


def test_names_from_data_stay_text(tmp_path):
    names = {"ก1": FORMULA, "ก2": MARKUP}
    s = summary()
    s["agency"] = s["agency"].replace(names)
    m = members()
    m["agency"] = m["agency"].replace(names)
    write_group_report(group_analysis(s, m, 2563), PROVINCE, "ก", tmp_path, scores=s)
    text = pdf_text(tmp_path / "group_report.pdf")
    assert MARKUP in text and "HYPERLINK" in text
    wb = load_workbook(tmp_path / "group_report.xlsx")
    found = [c for ws in wb for row in ws.iter_rows() for c in row if c.value in (FORMULA, MARKUP)]
    assert {c.value for c in found} == {FORMULA, MARKUP}
    assert all(c.data_type == "s" for c in found)
    with zipfile.ZipFile(tmp_path / "group_report.xlsx") as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    document = Document(tmp_path / "group_report.docx")
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert FORMULA in cells and MARKUP in cells
    with zipfile.ZipFile(tmp_path / "group_report.docx") as z:
        body = z.read("word/document.xml").decode()
    assert "&lt;b&gt;x&lt;/b&gt;" in body and "<b>" not in body
    assert "fldSimple" not in body and "instrText" not in body and "w:hyperlink" not in body


def test_a_large_national_group_is_shown_by_province(tmp_path, monkeypatch):
    """With the limits lowered to 3 agencies, the five agencies' national group is as the 8,300 of a
    national year: its charts and a table by province (ก: 4 agencies, mean 80.25, 50.00 % at the pass
    mark; ข: 1, 85.00, 100.00 %), its ranking in the workbook only, the documents saying where it is."""
    from ita_analysis.report import group_report, group_texts

    monkeypatch.setattr(group_report, "MOST_AGENCY_ROWS", 3)
    monkeypatch.setattr(group_texts, "ANNEX_ROWS", 3)
    s = summary()
    write_group_report(group_analysis(s, members(), 2563), "ทั้งหมด", "ทั้งหมด", tmp_path, scores=s)
    text = _flat(pdf_text(tmp_path / "group_report.pdf"))
    assert "รายงานผลการประเมิน ITA ของหน่วยงานทั้งหมด" in text
    assert "จำแนกตามจังหวัด (๒ กลุ่ม)" in text
    assert re.search(r"๑ ข ๑ ๘๕\.๐๐ ๑๕\.๐๐ ๑๐๐\.๐๐ ๒ ก ๔ ๘๐\.๒๕ -๒\.๐๐ ๕๐\.๐๐", text)
    assert "แผนภูมิจึงแสดงค่าเฉลี่ยของแต่ละจังหวัด" in text
    assert "group_report.xlsx" in text and "ก๔ ๕๔.๐๐" not in text  # no agency ranking in the PDF
    wb = load_workbook(tmp_path / "group_report.xlsx")
    assert [r[1] for r in _rows(wb["อันดับ"]) if isinstance(r[0], int)] == ["ก3", "ก1", "ข1", "ก2", "ก4"]
    assert "รายจังหวัด" in wb.sheetnames


@pytest.mark.slow
def test_word_file_as_libreoffice_lays_it_out(province, tmp_path):
    """LibreOffice reads the Word file: the title and the hand-computed figures are in its text."""
    from libreoffice import libreoffice_pdf, tool

    folder, _ = province
    pdf = libreoffice_pdf(tool("soffice", "libreoffice"), folder / "group_report.docx", tmp_path)
    text = _flat(pdf_text(pdf))
    assert "รายงานผลการประเมิน ITA ของจังหวัด ก" in text
    for value in ("mean", "median", "sd", "mean_previous", "gap_ก4", "ind10_mean"):
        assert to_thai_digits(HAND[value]) in text, value


def test_ratings_of_fy2568_with_their_tool_minimums():
    """FY2568 rates (fy2568.toml): ก1 scores a=100, b=100, c=80: total 96.00 but OIT (100 + 80) / 2
    = 90 is below the 95 every tool needs for ผ่านดีเยี่ยม: ผ่านดี. ก3 97.00 (every tool 95 or more)
    ผ่านดีเยี่ยม, ก2 80.00 ต้องปรับปรุง, ก4 54.00 ต้องปรับปรุงโดยด่วน."""
    abc = {
        (2568, "ก1"): (100, 100, 80),
        (2568, "ก2"): (80, 70, 90),
        (2568, "ก3"): (95, 100, 100),
        (2568, "ก4"): (60, 50, 40),
        (2568, "ข1"): (85, 85, 85),
    }
    analysis = group_analysis(summary(abc), members(years=(2568,)), 2568)
    doc = group_document(analysis, PROVINCE, "ก", digits="arabic")
    by_name = {t.name: t for t in doc.tables}
    levels = by_name["levels"]
    assert levels.columns[0].label == "ระดับ"
    counts = {r.cells[0].value: r.cells[1].value for r in levels.body}
    assert counts == {"ผ่านดีเยี่ยม": 1, "ผ่านดี": 1, "ผ่าน": 0, "ต้องปรับปรุง": 1, "ต้องปรับปรุงโดยด่วน": 1}
    ranking = [(r.cells[1].value, r.cells[2].value, r.cells[3].value) for r in by_name["ranking"].body]
    assert ranking[:2] == [("ก3", "ผ่านดีเยี่ยม", 97.0), ("ก1", "ผ่านดี", 96.0)]
    assert "ไม่มีผลการประเมินปีงบประมาณ พ.ศ. 2567" in " ".join(doc.notes)
