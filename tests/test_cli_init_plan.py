"""What Thai staff start from: the plan template under Thai headers (`ita-analysis init-plan`), and
the shipped report-shaped sample table (`ita-analysis score FILE --agency ... --fy ...`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from calc_pdf import base_text, calc_pdf, page_texts
from conftest import AGENCY, ROOT, SAMPLE, SCORES
from test_cli import run

from ita_analysis.report.workbook_sizing import text_width

REPORT_SAMPLE = ROOT / "data" / "raw" / "รายงานผล_ตัวอย่าง_2563.xlsx"

# The template's headers, in the words of the reference document's measures table
THAI_HEADERS = [
    "หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัดที่", "ตัวชี้วัด", "จุดอ่อน", "คะแนนที่ได้ พ.ศ. 2563",
    "แนวทางการดำเนินงาน", "ผู้รับผิดชอบ", "ระยะเวลา", "ตัวชี้วัดความสำเร็จ",
]  # fmt: skip
FILLED = ["แนวทางการดำเนินงาน", "ผู้รับผิดชอบ", "ระยะเวลา", "ตัวชี้วัดความสำเร็จ"]


def test_init_plan_writes_thai_headers(tmp_path, sample_csv):
    from ita_analysis.ingest.side_inputs import load_plan

    out = tmp_path / "แผน 2564.csv"
    r = run("init-plan", "--fy", "2563", "--data", sample_csv, "--out", out)
    assert r.returncode == 0, r.stderr
    t = pd.read_csv(out, encoding="utf-8-sig", dtype=dict.fromkeys(FILLED, "object"))
    assert t.columns.tolist() == THAI_HEADERS
    assert len(t) == 10 and set(t["ปีงบประมาณ"]) == {2564} and set(t["หน่วยงาน"]) == {AGENCY}
    # FY2563's weak indicators (those that fell from FY2562) first, marked
    assert t.loc[t["จุดอ่อน"] == "จุดอ่อน", "ตัวชี้วัดที่"].tolist() == [2, 4, 7, 9, 10]
    assert t.loc[t["ตัวชี้วัดที่"] == 9, ["ตัวชี้วัด", "คะแนนที่ได้ พ.ศ. 2563"]].values.tolist() == [["การเปิดเผยข้อมูล", 85.56]]
    assert load_plan(out).empty  # nothing filled in yet
    t.loc[t["ตัวชี้วัดที่"] == 2, ["แนวทางการดำเนินงาน", "ผู้รับผิดชอบ"]] = ["ชี้แจงแผนการใช้จ่าย", "กลุ่มงานคลัง"]
    t.to_csv(out, index=False, encoding="utf-8-sig")
    plan = load_plan(out)
    assert plan[["agency", "fiscal_year", "indicator", "action", "responsible"]].values.tolist() == [
        [AGENCY, 2564, 2, "ชี้แจงแผนการใช้จ่าย", "กลุ่มงานคลัง"]
    ]
    assert run("init-plan", "--fy", "2563", "--data", sample_csv, "--out", out).returncode == 2  # no overwrite


def test_init_plan_xlsx_has_the_thai_headers(tmp_path, sample_csv):
    from openpyxl import load_workbook

    out = tmp_path / "plan.xlsx"
    r = run("init-plan", "--fy", "2563", "--data", sample_csv, "--out", out)
    assert r.returncode == 0, r.stderr
    ws = load_workbook(out)["มาตรการ"]
    assert [c.value for c in ws[1]] == THAI_HEADERS
    assert [c.value for c in ws[2]][:6] == [AGENCY, 2564, 2, "การใช้งบประมาณ", "จุดอ่อน", 78.61]
    assert ws["F2"].number_format == "0.00"


@pytest.fixture(scope="module")
def plan_xlsx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "plan.xlsx"
    r = run("init-plan", "--fy", "2563", "--data", SAMPLE, "--out", out)
    assert r.returncode == 0, r.stderr
    return out


def test_plan_xlsx_is_a_form_that_prints_on_a4_landscape(plan_xlsx):
    from openpyxl import load_workbook

    ws = load_workbook(plan_xlsx)["มาตรการ"]
    setup = ws.page_setup
    assert str(setup.paperSize) == "9" and setup.orientation == "landscape"  # A4 landscape
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0  # one page wide, pages down as needed
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows.replace("$", "") == "1:1"  # the header on every printed page
    assert ws.print_area.replace("$", "") == "'มาตรการ'!A1:J11"
    assert ws.freeze_panes == "A2"
    # every cell of the form bordered and wrapping, the blank ones staff fill in too
    for row in ws.iter_rows(min_row=1, max_row=11, max_col=10):
        for c in row:
            assert c.border.left.style == "thin" and c.border.bottom.style == "thin", c.coordinate
            assert c.alignment.wrap_text, c.coordinate
            assert c.font.name == "TH Sarabun New" and c.font.sz == 16, c.coordinate
    assert all(c.font.b for c in ws[1])
    # the action the widest column, the other fill-in columns wide, the rest as wide as their content
    widths = dict(zip(THAI_HEADERS, (ws.column_dimensions[c].width for c in "ABCDEFGHIJ"), strict=True))
    assert widths["แนวทางการดำเนินงาน"] == max(widths.values()) == 48
    assert (widths["ผู้รับผิดชอบ"], widths["ระยะเวลา"], widths["ตัวชี้วัดความสำเร็จ"]) == (22, 16, 30)
    assert widths["ตัวชี้วัดที่"] < 15 and widths["จุดอ่อน"] < 15
    assert widths["ตัวชี้วัด"] >= text_width("การใช้ทรัพย์สินของราชการ")  # the longest name on one line
    # rows at least two 30 pt lines high: room to write in
    assert all(ws.row_dimensions[r].height >= 60 for r in range(2, 12))


@pytest.mark.slow  # LibreOffice prints the workbook
def test_plan_xlsx_prints_on_one_landscape_page_wide(plan_xlsx, tmp_path):
    from pypdf import PdfReader

    pdf = calc_pdf(plan_xlsx, tmp_path)
    pages = PdfReader(pdf).pages
    assert len(pages) == 1  # ten rows: one page (wider than a page would print over several)
    box = pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4: 297 x 210 mm
    text = base_text(page_texts(pdf)[0])
    for word in ("หน่วยงาน", "ผู้รับผิดชอบ", "ระยะเวลา", "ตัวชี้วัดความสำเร็จ", "78.61", "2564"):  # every column
        assert base_text(word) in text, word


def test_report_sample_scores_as_the_sample_csv(tmp_path, sample_csv):
    """The report-shaped sample (a comparison table as copied from the agency's result report) gives
    the published figures: FY2563 82.44 (B), FY2562 87.11 (A), as the long sample CSV does."""
    out = tmp_path / "ผลคะแนน.csv"
    r = run("score", REPORT_SAMPLE, "--agency", AGENCY, "--fy", "2563", "--out", out)
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stderr  # the printed totals agree with the scores
    got = pd.read_csv(out, encoding="utf-8-sig")
    assert got[["agency", "fiscal_year", "total", "grade"]].values.tolist() == [[AGENCY, 2563, 82.44, "B"]]
    assert got.loc[0, [f"ind_{i}" for i in range(1, 11)]].tolist() == SCORES[2563]

    for path, extra in ((REPORT_SAMPLE, ["--agency", AGENCY]), (sample_csv, [])):
        out = tmp_path / "both.csv"
        r = run("score", path, *extra, "--out", out)
        assert r.returncode == 0, r.stderr
        got = pd.read_csv(out, encoding="utf-8-sig")
        assert got[["fiscal_year", "total", "grade"]].values.tolist() == [[2562, 87.11, "A"], [2563, 82.44, "B"]]
        assert got.loc[0, [f"ind_{i}" for i in range(1, 11)]].tolist() == SCORES[2562]


def test_report_sample_needs_the_agency(tmp_path):
    """A report table names no agency: without --agency the message says to give it."""
    r = run("score", REPORT_SAMPLE, "--fy", "2563")
    assert r.returncode == 1 and "--agency" in r.stderr and "Traceback" not in r.stderr
