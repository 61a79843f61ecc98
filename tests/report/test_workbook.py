"""The measures workbook: sheets, numbers as numbers, Thai fonts and sizes, grade colours, charts,
print set-up, text that never becomes a formula, missing measures flagged, rating years.

Data: OCSC (สำนักงาน ก.พ.) FY2562-FY2563 as published, with the shipped notes, recommendations,
target and plan; a generated agency for FY2566-FY2567 (ratings, provisional framework).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import NAMES, SCORES, sample_analysis, write_csv
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.frameworks import available_years, load_framework
from ita_analysis.report.document import MISSING_ACTION, MeasuresDocument
from ita_analysis.report.layout import FLAG_FILL, FOOTER_FILL, HEADER_FILL, LEVEL_PALETTE, level_fill, level_position
from ita_analysis.report.workbook import SHEETS, write_workbook
from ita_analysis.report.workbook_sizing import text_width

AGENCY = "สำนักงาน ก.พ."
FONT = "TH Sarabun New"
WEAK = [2, 4, 7, 9, 10]
THAI_DIGIT = re.compile(r"[๐-๙]")


def ocsc_analysis() -> Analysis:
    return sample_analysis()


def ocsc_doc(**kwargs) -> MeasuresDocument:
    return ocsc_analysis().document(AGENCY, digits=kwargs.pop("digits", "arabic"), **kwargs)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "ocsc.xlsx"
    assert write_workbook(ocsc_doc(), path) == path
    return load_workbook(path)


def rating_doc(tmp_path: Path, years=(2566, 2567)) -> MeasuresDocument:
    """A generated agency rated under the FY2567 (provisional) framework."""
    # FY2567: total 90.16 but EIT 83.33, below 85 in one tool: rated ผ่าน (FY2566: ผ่านดี)
    scores = {2566: [90, 88, 92, 86, 87, 84, 85, 86, 95, 96], 2567: [91, 80, 93, 84, 88, 80, 83, 87, 97, 98]}
    rows: list[list[object]] = [["agency", "fiscal_year", "indicator", "score"]]
    rows += [["กรมทดสอบ", y, i, s] for y in years for i, s in enumerate(scores[y], start=1)]
    path = write_csv(tmp_path / "scores.csv", rows)
    return Analysis.from_params(AnalysisParameters(fiscal_year=2567, data=[path])).document("กรมทดสอบ", digits="arabic")


# ----------------------------------------------------------------------------- helpers
def cells(ws: Worksheet):
    return [c for row in ws.iter_rows() for c in row if c.value is not None]


def find(ws: Worksheet, value: object):
    """The first cell holding ``value``."""
    for c in cells(ws):
        if c.value == value:
            return c
    raise AssertionError(f"{value!r} not in sheet {ws.title}")


def header_rows(ws: Worksheet) -> tuple[int, int]:
    """The first and last rows of the table header: the first run of rows with a cell of the header
    fill."""
    filled = [r for r in range(1, ws.max_row + 1) if any(fill_rgb(c) == HEADER_FILL for c in ws[r])]
    assert filled, ws.title
    last = filled[0]
    while last + 1 in filled:
        last += 1
    return filled[0], last


def header_row(ws: Worksheet) -> int:
    """The table header's last row."""
    return header_rows(ws)[1]


def visible(book) -> list[Worksheet]:
    """The sheets a reader sees: all but the charts' hidden data sheet."""
    return [ws for ws in book if ws.sheet_state == "visible"]


def row_values(ws: Worksheet, row: int, ncols: int) -> list[object]:
    return [ws.cell(row=row, column=c).value for c in range(1, ncols + 1)]


def merged_at(ws: Worksheet, row: int, col: int) -> tuple[int, int] | None:
    """(rows, columns) the merged range starting at the cell spans; None when not merged."""
    for m in ws.merged_cells.ranges:
        if m.min_row == row and m.min_col == col:
            return m.max_row - m.min_row + 1, m.max_col - m.min_col + 1
    return None


def column(ws: Worksheet, col: int, first: int, last: int | None = None) -> list[object]:
    last = ws.max_row if last is None else last
    return [ws.cell(row=r, column=col).value for r in range(first, last + 1)]


def fill_rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:].upper() if cell.fill and cell.fill.fill_type == "solid" else ""


def assert_score(cell, expected: float) -> None:
    # stored as a number (openpyxl reads 95.0 back as the int 95), shown with two decimals
    assert isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool), (cell.coordinate, cell.value)
    assert cell.value == pytest.approx(expected, abs=1e-9), cell.coordinate
    assert cell.number_format == "0.00", cell.coordinate


# ------------------------------------------------------------------------------- sheets
def test_sheet_names_in_order(book):
    assert book.sheetnames == [
        "ผลการประเมิน", "เปรียบเทียบ", "จุดอ่อน", "ข้อเสนอแนะ", "มาตรการ", "คะแนนรายตัวชี้วัด", "ข้อมูลกราฟ",
    ]  # fmt: skip
    assert list(SHEETS) == [ws.title for ws in visible(book)]
    assert book["ข้อมูลกราฟ"].sheet_state == "hidden" and book.active.title == "ผลการประเมิน"
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_results_sheet_values_as_numbers(book):
    ws = book["ผลการประเมิน"]
    h = header_row(ws)
    assert header_rows(ws) == (h, h)
    assert row_values(ws, h, 6) == [
        "ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "คะแนนเฉลี่ย", "ผลรวมคะแนนที่ถ่วงน้ำหนัก",
    ]  # fmt: skip
    numbers = column(ws, 1, h + 1, h + 10)
    assert numbers == list(range(1, 11)) and all(type(n) is int for n in numbers)
    assert column(ws, 3, h + 1, h + 10) == NAMES
    for k, expected in enumerate(SCORES[2563]):
        assert_score(ws.cell(row=h + 1 + k, column=4), expected)
    # tool mean and weighted sum on the first row of each tool, merged over its rows
    # (the reference prints EIT 78.99 from unrounded item scores; its indicator scores give 78.98)
    for first, size, mean, weighted in [(1, 5, 80.43, 24.13), (6, 3, 78.98, 23.70), (9, 2, 86.53, 34.61)]:
        row = h + first
        assert_score(ws.cell(row=row, column=5), mean)
        assert_score(ws.cell(row=row, column=6), weighted)
        for col in (2, 5, 6):
            assert merged_at(ws, row, col) == (size, 1)
    assert ws.cell(row=h + 1, column=2).value == "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"
    total = ws.cell(row=h + 11, column=1)
    assert total.value == "คะแนนรวมการประเมินฯ" and merged_at(ws, total.row, 1) == (1, 5)
    assert_score(ws.cell(row=total.row, column=6), 82.44)
    assert fill_rgb(total) == FOOTER_FILL and total.font.b
    label = ws.cell(row=total.row + 1, column=1)
    assert label.value == "ผลการประเมินอยู่ในระดับ" and merged_at(ws, label.row, 1) == (1, 5)
    grade = ws.cell(row=total.row + 1, column=6)
    assert grade.value == "B" and total.row + 1 == ws.max_row
    assert fill_rgb(grade) == level_fill(2 / 6)  # B: third of the seven letter grades


def test_results_sheet_title(book):
    ws = book["ผลการประเมิน"]
    assert ws["A1"].value == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2564 ของสำนักงาน ก.พ."
    assert ws["A1"].font.b
    assert "พ.ศ. 2563" in ws["A2"].value


def test_comparison_sheet(book):
    ws = book["เปรียบเทียบ"]
    first, h = header_rows(ws)
    assert h == first + 1
    assert row_values(ws, first, 6) == ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", None, "ผลต่าง"]
    assert row_values(ws, h, 6) == [None, None, None, "พ.ศ. 2562", "พ.ศ. 2563", None]
    assert [merged_at(ws, first, c) for c in range(1, 7)] == [(2, 1), (2, 1), (2, 1), (1, 2), None, (2, 1)]
    assert column(ws, 3, h + 1, h + 10) == NAMES
    assert merged_at(ws, h + 1, 2) == (5, 1)
    for k, (prev, cur) in enumerate(zip(SCORES[2562], SCORES[2563], strict=True)):
        assert_score(ws.cell(row=h + 1 + k, column=4), prev)
        assert_score(ws.cell(row=h + 1 + k, column=5), cur)
        assert_score(ws.cell(row=h + 1 + k, column=6), round(cur - prev, 2))
    total = find(ws, "คะแนนรวมการประเมินฯ")
    assert total.row == h + 11 and merged_at(ws, total.row, 1) == (1, 3)
    assert_score(ws.cell(row=total.row, column=4), 87.11)
    assert_score(ws.cell(row=total.row, column=5), 82.44)
    assert_score(ws.cell(row=total.row, column=6), -4.67)
    assert ws.cell(row=total.row + 1, column=1).value == "ผลการประเมินอยู่ในระดับ"
    grades = [ws.cell(row=total.row + 1, column=c) for c in (4, 5, 6)]
    assert [g.value for g in grades] == ["A", "B", None]
    assert [fill_rgb(g) for g in grades] == [level_fill(1 / 6), level_fill(2 / 6), FOOTER_FILL]


def test_weaknesses_sheet_says_what_the_documents_say(book):
    ws = book["จุดอ่อน"]
    doc = ocsc_doc()
    first, h = header_rows(ws)
    assert row_values(ws, first, 3) == ["ตัวชี้วัด", "คะแนนที่ได้", None]
    assert row_values(ws, h, 3) == [None, "พ.ศ. 2562", "พ.ศ. 2563"]
    names = [v.split("\n")[0] for v in column(ws, 1, h + 1, h + 5)]
    assert names == [NAMES[n - 1] for n in WEAK]
    row = h + 1 + WEAK.index(9)
    cell = ws.cell(row=row, column=1)
    assert cell.value.split("\n") == ["การเปิดเผยข้อมูล", "- Q&A", "- Social Network"] and cell.alignment.wrap_text
    assert ws.row_dimensions[row].height >= 3 * 30
    assert_score(ws.cell(row=row, column=2), 95.28)
    assert_score(ws.cell(row=row, column=3), 85.56)
    assets = h + 1 + WEAK.index(4)  # the longest sub-item list gets a taller row
    assert ws.row_dimensions[assets].height >= 4 * 30
    # the sentence above the table, as in the PDF and Word documents; the table ends the sheet
    assert find(ws, doc.weakness_intro).row < first
    assert "(เกณฑ์: คะแนนลดลงจากปีก่อน)" in doc.weakness_intro
    assert ws.max_row == h + 5
    # NACC's recommendations on a sheet of their own, in the documents' order, one column wide
    recs = book["ข้อเสนอแนะ"]
    texts = [c.value for c in cells(recs)]
    order = [doc.recommendations_intro]
    for heading, lines in doc.recommendation_groups():
        order += [heading, *lines]
    assert texts == order and {c.column for c in cells(recs)} == {1}
    assert any(line.startswith("1) การเปิดเผยข้อมูล ปรับปรุงข้อมูลบนเว็บไซต์") for line in order)


def test_measures_sheet_target_and_plan(book):
    ws = book["มาตรการ"]
    label = find(ws, "ค่าเป้าหมาย พ.ศ. 2564:")
    target = ws.cell(row=label.row, column=label.column + 1)
    assert_score(target, 95.0)
    level = ws.cell(row=label.row, column=label.column + 2)
    assert level.value == "(AA)" and fill_rgb(level) == LEVEL_PALETTE[0]
    assert find(ws, ocsc_doc().target_text).row < label.row
    h = header_row(ws)
    assert h > label.row and header_rows(ws) == (h, h)
    assert row_values(ws, h, 5) == [
        "ตัวชี้วัด", "แนวทางการดำเนินงานของสำนักงาน ก.พ.", "ผู้รับผิดชอบ", "ระยะเวลา", "ตัวชี้วัดความสำเร็จ",
    ]  # fmt: skip
    assert column(ws, 1, h + 1) == [NAMES[n - 1] for n in (1, 2, 4, 7, 9, 10)]
    assert ws.cell(row=h + 1, column=2).value.startswith("จัดทำคู่มือขั้นตอนการให้บริการ")
    assert ws.cell(row=h + 1, column=3).value == "ทุกสำนัก/กลุ่มงาน"
    assert MISSING_ACTION not in column(ws, 2, h + 1)


def test_scores_sheet_lists_both_years(book):
    ws = book["คะแนนรายตัวชี้วัด"]
    h = header_row(ws)
    headers = [ws.cell(row=h, column=c).value for c in range(1, 6)]
    assert headers == ["ลำดับที่", "ตัวชี้วัด", "เครื่องมือ", "พ.ศ. 2562", "พ.ศ. 2563"]
    assert column(ws, 1, h + 1, h + 10) == list(range(1, 11))
    assert column(ws, 2, h + 1, h + 10) == NAMES
    for k in range(10):
        assert_score(ws.cell(row=h + 1 + k, column=4), SCORES[2562][k])
        assert_score(ws.cell(row=h + 1 + k, column=5), SCORES[2563][k])
    assert ws._charts == []  # the charts are beside their tables


# ------------------------------------------------------------------------------- charts
def ref(formula: str) -> str:
    return formula.replace("$", "")


def chart_parts(ws: Worksheet):
    """The sheet's one chart, its bar series and its line series."""
    assert len(ws._charts) == 1, ws.title
    chart = ws._charts[0]
    kinds = [type(c).__name__ for c in chart._charts]
    assert kinds == ["BarChart", "LineChart"]
    return chart, chart._charts[0].series, chart._charts[1].series


def referred(book, formula: str):
    """The cell a one-cell reference such as 'ข้อมูลกราฟ'!$A$1 names, on whatever sheet."""
    sheet, cell = ref(formula).split("!")
    return book[sheet.strip("'")][cell]


def assert_reference_lines(ws: Worksheet, lines) -> None:
    """Pass mark 85 (FY2563 framework) and the sample's target 95 (data/raw/targets.csv, FY2564):
    read from the hidden chart-data sheet, titled by its header cells, one value per indicator."""
    data = ws.parent["ข้อมูลกราฟ"]
    assert data.sheet_state == "hidden"
    titles = [referred(ws.parent, s.tx.strRef.f).value for s in lines]
    assert titles == ["เกณฑ์ผ่าน 85", "เป้าหมาย 95"]
    for series, expected in zip(lines, (85.0, 95.0), strict=True):
        rng = ref(series.val.numRef.f)
        col = rng.split("!")[1][0]
        assert rng == f"'ข้อมูลกราฟ'!{col}2:{col}11"
        for r in range(2, 12):
            assert_score(data[f"{col}{r}"], expected)
        assert series.graphicalProperties.line.prstDash in ("dash", "lgDashDot")


def test_results_chart_below_its_table_reads_its_cells(book):
    ws = book["ผลการประเมิน"]
    h = header_row(ws)
    chart, bars, lines = chart_parts(ws)
    sheet = f"'{ws.title}'"
    assert [ref(s.val.numRef.f) for s in bars] == [f"{sheet}!D{h + 1}:D{h + 10}"]  # คะแนนที่ได้
    assert ref(bars[0].tx.strRef.f) == f"{sheet}!D{h}"
    assert ref(bars[0].cat.strRef.f) == f"{sheet}!C{h + 1}:C{h + 10}"  # the indicator names
    grade_row = find(ws, "ผลการประเมินอยู่ในระดับ").row
    # anchored below the table (0-based rows), spanning the table's six columns
    assert chart.anchor._from.row == grade_row and chart.anchor._from.col == 0
    assert chart.anchor.to.col == 6
    assert [b.id for b in ws.row_breaks.brk] == [grade_row]  # the chart starts a new page
    assert_reference_lines(ws, lines)
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (0, 100)


def test_comparison_chart_below_its_table_reads_both_years(book):
    ws = book["เปรียบเทียบ"]
    h = header_row(ws)
    chart, bars, lines = chart_parts(ws)
    sheet = f"'{ws.title}'"
    assert [ref(s.val.numRef.f) for s in bars] == [f"{sheet}!D{h + 1}:D{h + 10}", f"{sheet}!E{h + 1}:E{h + 10}"]
    assert [ws[ref(s.tx.strRef.f).split("!")[1]].value for s in bars] == ["พ.ศ. 2562", "พ.ศ. 2563"]
    assert all(ref(s.cat.strRef.f) == f"{sheet}!C{h + 1}:C{h + 10}" for s in bars)
    assert chart.anchor._from.row > find(ws, "ผลการประเมินอยู่ในระดับ").row
    assert_reference_lines(ws, lines)


def test_no_target_draws_the_pass_mark_only(tmp_path):
    doc = ocsc_doc()
    doc.target = None
    wb = load_workbook(write_workbook(doc, tmp_path / "no_target.xlsx"))
    for name in ("ผลการประเมิน", "เปรียบเทียบ"):
        ws = wb[name]
        _, _, lines = chart_parts(ws)
        assert [referred(wb, s.tx.strRef.f).value for s in lines] == ["เกณฑ์ผ่าน 85"]


def test_every_cell_in_the_thai_font(book):
    for ws in book:
        for c in cells(ws):
            assert c.font.name == FONT and c.font.sz == 16, (ws.title, c.coordinate)


TABLE_SHEETS = ("ผลการประเมิน", "เปรียบเทียบ", "จุดอ่อน", "มาตรการ", "คะแนนรายตัวชี้วัด")


def test_headers_bold_filled(book):
    for ws in (book[name] for name in TABLE_SHEETS):
        h = header_row(ws)
        assert h >= 2
        for c in ws[h]:
            if c.value is not None:
                assert c.font.b and fill_rgb(c) == HEADER_FILL, (ws.title, c.coordinate)
                assert c.border.left.style == "thin"


def test_frozen_below_a_table_header_never_over_a_paragraph(book):
    # the results sentence (row 2, three lines: 90 pt) and the other sheets' sentences above their
    # tables would stay on screen: those sheets scroll whole
    assert book["ผลการประเมิน"].row_dimensions[2].height == 90
    frozen = {ws.title: ws.freeze_panes for ws in visible(book)}
    assert frozen == {
        "ผลการประเมิน": None, "เปรียบเทียบ": None, "จุดอ่อน": None, "ข้อเสนอแนะ": None, "มาตรการ": None,
        "คะแนนรายตัวชี้วัด": "A4",  # below the one-line title (row 1) and the header (row 3)
    }  # fmt: skip
    for ws in visible(book):
        if ws.freeze_panes:
            below = int(re.sub(r"[A-Z]+", "", ws.freeze_panes))
            assert below == header_row(ws) + 1, ws.title
            above = range(1, header_rows(ws)[0])
            assert all((ws.row_dimensions[r].height or 15) <= 30 for r in above), ws.title


def test_numbers_are_never_text(book):
    number = re.compile(r"^-?\d+(\.\d+)?$")
    for ws in book:
        for c in cells(ws):
            if isinstance(c.value, str):
                assert not number.match(c.value.strip()), (ws.title, c.coordinate, c.value)
            elif isinstance(c.value, float):
                assert c.number_format == "0.00", (ws.title, c.coordinate)
            assert c.data_type != "f", (ws.title, c.coordinate)


def test_rows_tall_enough_for_thai_and_columns_fit_names(book):
    for ws in visible(book):
        for row in {c.row for c in cells(ws)}:
            assert (ws.row_dimensions[row].height or 0) >= 30, (ws.title, row)
    ws = book["ผลการประเมิน"]
    widest = max(text_width(n) for n in NAMES)
    assert ws.column_dimensions["C"].width >= widest


def test_page_setup_a4_one_page_wide(book):
    for ws in visible(book):
        setup = ws.page_setup
        assert str(setup.paperSize) == "9"
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0, ws.title
        assert ws.page_margins.left == 0.5 and ws.page_margins.right == 0.5
        assert ws.page_margins.top == 0.5 and ws.page_margins.bottom == 0.55
        assert ws.oddFooter.center.text == "หน้า &P / &N"
    for name in ("ผลการประเมิน", "เปรียบเทียบ", "จุดอ่อน", "มาตรการ", "คะแนนรายตัวชี้วัด"):
        assert book[name].page_setup.orientation == "landscape"
    recs = book["ข้อเสนอแนะ"]
    assert recs.page_setup.orientation == "portrait"  # a column of sentences, 80 units
    assert recs.column_dimensions["A"].width == 80
    # a little longer than a page (portrait A4 less 0.5 and 0.55 in margins prints 10.64 in =
    # 766.08 pt, 97% of it 743.10 pt): printed smaller, on one page
    height = sum(recs.row_dimensions[r].height for r in range(1, recs.max_row + 1))
    assert 743.1 < height <= 743.1 / 0.80
    assert not recs.sheet_properties.pageSetUpPr.fitToPage and recs.page_setup.scale == int(743.0976 / height * 100)
    # sheets without a chart scale to the page's width only and run on as many pages as needed
    for name in ("จุดอ่อน", "มาตรการ", "คะแนนรายตัวชี้วัด"):
        assert book[name].sheet_properties.pageSetUpPr.fitToPage, name


def test_chart_sheets_print_at_a_fixed_scale_keeping_the_table_whole(book):
    # Fitting to pages makes Excel and LibreOffice drop the manual break before the chart: these
    # sheets get a scale instead. Results: rows 1-16 are 550 pt high (30, 90, 10, 60 and twelve
    # of 30); landscape A4 less 0.5 and 0.55 in margins prints 7.22 in = 519.84 pt, 97% of it
    # 504.24 pt: 504.24 / 550 = 91.7%. Width: 120 units of 7 px = 840 px, the page 1026 px.
    ws = book["ผลการประเมิน"]
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.scale == 91
    # comparison: the table (30, 60, 10, two header rows and twelve body and footer rows of 30) and,
    # after a default 15 pt row, the national figures' heading and sentence (30 each): 595 pt,
    # 504.24 / 595 = 84.7%
    comp = book["เปรียบเทียบ"]
    assert not comp.sheet_properties.pageSetUpPr.fitToPage
    assert comp.page_setup.scale == 84


def test_print_area_is_the_table_and_its_chart(book):
    ws = book["ผลการประเมิน"]
    chart = ws._charts[0]
    assert ws.print_area == f"'ผลการประเมิน'!$A$1:$F${chart.anchor.to.row}"
    # the reference-line cells right of the table are not printed
    assert book["มาตรการ"].print_area == f"'มาตรการ'!$A$1:$E${book['มาตรการ'].max_row}"
    assert book["จุดอ่อน"].print_area == f"'จุดอ่อน'!$A$1:$C${book['จุดอ่อน'].max_row}"


def test_print_titles_only_over_the_pages_of_their_table(book):
    # A sheet's print titles repeat on all its pages. The results and comparison tables print
    # whole on their first page, their charts on the next: no titles there. The weakness, measures
    # and scores tables run on over pages and hold nothing after them but their own note; the
    # recommendations have a sheet of their own.
    titles = {ws.title: (ws.print_title_rows or "").replace("$", "") for ws in visible(book)}
    h = header_row(book["มาตรการ"])  # below the target sentences, however many lines they take
    assert titles == {
        "ผลการประเมิน": "", "เปรียบเทียบ": "", "จุดอ่อน": "4:5", "ข้อเสนอแนะ": "", "มาตรการ": f"{h}:{h}",
        "คะแนนรายตัวชี้วัด": "3:3",
    }  # fmt: skip
    assert header_rows(book["ผลการประเมิน"]) == (4, 4) and header_rows(book["เปรียบเทียบ"]) == (4, 5)


def test_helper_columns_only_on_the_hidden_sheet(book):
    data = book["ข้อมูลกราฟ"]
    assert data.sheet_state == "hidden"
    # one column a line: the results chart's pass mark and target, then the comparison chart's
    assert [data.cell(row=1, column=c).value for c in range(1, 5)] == ["เกณฑ์ผ่าน 85", "เป้าหมาย 95"] * 2
    assert data.max_row == 11  # the header and the ten indicators
    for ws in visible(book):
        texts = [c.value for c in cells(ws) if isinstance(c.value, str)]
        assert not any(t.startswith(("เกณฑ์ผ่าน", "เป้าหมาย ")) for t in texts), ws.title
        assert ws.max_column == {"ข้อเสนอแนะ": 1}.get(ws.title, ws.max_column)
    for name in ("ผลการประเมิน", "เปรียบเทียบ"):  # nothing right of the table
        ws = book[name]
        first, last = header_rows(ws)
        table_columns = max(c.column for r in range(first, last + 1) for c in ws[r] if c.value is not None)
        assert ws.max_column == table_columns == 6, name


def test_value_labels_inside_the_bars_feet(book):
    """Only values (2 decimals), inside each bar's foot: clear of the lines at 85 and 95 near the
    bars' tops, and of each other; the two years' labels turned upright, one bar wide."""
    for name, upright in (("ผลการประเมิน", False), ("เปรียบเทียบ", True)):
        chart, bars, _ = chart_parts(book[name])
        assert chart.dataLabels is None
        for series in bars:
            labels = series.dLbls
            assert labels.dLblPos == "inBase" and labels.showVal and labels.numFmt == "0.00", name
            assert not (labels.showSerName or labels.showCatName or labels.showLegendKey or labels.showPercent)
            body = labels.txPr.bodyPr
            assert (body is not None and body.rot == -5400000) == upright, name


def test_long_text_columns_wrap(book):
    ws = book["มาตรการ"]
    h = header_row(ws)
    for col in (2, 3, 4, 5):  # action, responsible, timeline, success indicator
        assert ws.cell(row=h + 1, column=col).alignment.wrap_text, col
    weak = book["จุดอ่อน"]
    assert weak.cell(row=header_row(weak) + 1, column=1).alignment.wrap_text


# ------------------------------------------------------------------------- text from data
def test_text_from_data_never_becomes_a_formula(tmp_path):
    doc = ocsc_doc()
    doc.plan.loc[0, "action"] = '=HYPERLINK("http://example.invalid","คลิก")'
    doc.plan.loc[0, "responsible"] = "+66 2 547 1000"
    doc.plan.loc[1, "kpi"] = "@SUM(A1:A2)"
    doc.agency = "=1+1"
    path = write_workbook(doc, tmp_path / "inject.xlsx")
    wb = load_workbook(path)
    ws = wb["มาตรการ"]
    action = find(ws, '=HYPERLINK("http://example.invalid","คลิก")')
    assert action.data_type == "s" and action.quotePrefix
    for value in ("+66 2 547 1000", "@SUM(A1:A2)"):
        cell = find(ws, value)
        assert cell.data_type == "s" and cell.quotePrefix
    assert wb["ผลการประเมิน"]["A1"].value.endswith("ของ=1+1")
    for sheet in wb:
        assert all(c.data_type != "f" for c in cells(sheet))
    # the raw XML holds no formula at all
    import zipfile

    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in xml and "<f " not in xml


def test_missing_measure_is_flagged(tmp_path):
    a = ocsc_analysis()
    plan = a.plan[a.plan["indicator"] != 10]
    doc = a.document(AGENCY, plan=plan, digits="arabic")
    assert doc.plan["missing"].tolist()[-1]
    wb = load_workbook(write_workbook(doc, tmp_path / "missing.xlsx"))
    ws = wb["มาตรการ"]
    h = header_row(ws)
    row = find(ws, MISSING_ACTION).row
    assert row > h and ws.cell(row=row, column=1).value == "การป้องกันการทุจริต"
    for c in range(1, 6):
        assert fill_rgb(ws.cell(row=row, column=c)) == FLAG_FILL
    note = find(ws, doc.missing_plan_text)
    assert note.row == row + 1  # noted below the table, as in the documents
    # the rows with a measure are not flagged
    assert all(fill_rgb(ws.cell(row=r, column=2)) == "" for r in range(h + 1, row))


def test_thai_digit_document_still_writes_arabic_digits(tmp_path):
    doc = ocsc_doc(digits="thai")
    assert THAI_DIGIT.search(doc.title)
    wb = load_workbook(write_workbook(doc, tmp_path / "thai.xlsx"))
    for ws in wb:
        for c in cells(ws):
            if isinstance(c.value, str):
                assert not THAI_DIGIT.search(c.value), (ws.title, c.coordinate, c.value)
    assert "2564" in wb["ผลการประเมิน"]["A1"].value


def test_no_weak_indicator_says_so(tmp_path):
    doc = ocsc_doc()
    doc.weaknesses = doc.weaknesses.iloc[0:0]
    ws = load_workbook(write_workbook(doc, tmp_path / "none.xlsx"))["จุดอ่อน"]
    assert "ไม่มีตัวชี้วัดที่เป็นจุดอ่อน" in doc.weakness_intro
    assert ws["A2"].value == doc.weakness_intro
    assert ws.freeze_panes is None and not ws.print_title_rows  # no table
    assert find(ws.parent["ข้อเสนอแนะ"], doc.recommendations_intro)


# ------------------------------------------------------------------------------ rating years
def test_rating_year_grade_written_and_coloured(tmp_path):
    doc = rating_doc(tmp_path)
    assert doc.framework.grading_kind == "rating" and doc.notes
    assert doc.summary["grade"] == "ผ่าน" and doc.previous_summary["grade"] == "ผ่านดี"
    wb = load_workbook(write_workbook(doc, tmp_path / "fy2567.xlsx"))
    ws = wb["ผลการประเมิน"]
    grade = ws.cell(row=find(ws, "คะแนนรวมการประเมินฯ").row + 1, column=6)
    assert grade.value == "ผ่าน" and fill_rgb(grade) == LEVEL_PALETTE[1]  # third of five ratings: the middle
    note = find(ws, doc.notes[0])  # the provisional-framework warning, above the table
    assert "provisional" in note.value and note.row < header_row(ws)
    comp = wb["เปรียบเทียบ"]
    total = find(comp, "คะแนนรวมการประเมินฯ").row
    assert [comp.cell(row=total + 1, column=c).value for c in (4, 5)] == ["ผ่านดี", "ผ่าน"]
    assert fill_rgb(comp.cell(row=total + 1, column=4)) == level_fill(1 / 4)  # second of five
    assert find(wb["มาตรการ"], "ยังไม่ได้กำหนด")  # no target for FY2568
    weak = wb["จุดอ่อน"]
    h = header_row(weak)
    n = len(doc.weaknesses)
    assert column(weak, 1, h + 1, h + n) == [NAMES[k - 1] for k in doc.weaknesses["indicator"]]  # no sub-items
    assert [len(wb[n]._charts) for n in ("ผลการประเมิน", "เปรียบเทียบ")] == [1, 1]


def test_without_previous_year_the_comparison_is_a_sentence(tmp_path):
    doc = rating_doc(tmp_path, years=(2567,))
    assert doc.previous_summary is None
    wb = load_workbook(write_workbook(doc, tmp_path / "one_year.xlsx"))
    ws = wb["เปรียบเทียบ"]
    # the sentence first: no "2566 - 2567" heading above a comparison that is not there
    assert ws["A1"].value == "ไม่มีผลการประเมินปีงบประมาณ พ.ศ. 2566 ให้เปรียบเทียบ"
    assert not any("2566 - 2567" in c.value for c in cells(ws))
    assert ws.freeze_panes is None and not ws.print_title_rows and ws._charts == []
    assert all(not isinstance(c.value, float) for c in cells(ws))
    results = wb["ผลการประเมิน"]
    _, bars, lines = chart_parts(results)  # this year's chart still has its pass mark
    assert len(bars) == 1 and [referred(wb, s.tx.strRef.f).value for s in lines] == ["เกณฑ์ผ่าน 85"]


# ---------------------------------------------------------------------------- small parts
def test_every_grade_and_rating_has_a_colour_from_green_to_red():
    for year in available_years():
        fw = load_framework(year)
        fills = [level_fill(level_position(fw, lv.label)) for lv in fw.levels]
        assert fills[0] == LEVEL_PALETTE[0] and fills[-1] == LEVEL_PALETTE[-1], year
        assert len(set(fills)) == len(fills), year


def test_text_width_counts_base_characters_only():
    assert text_width("กี่") == text_width("ก")  # SARA II and MAI EK take no width
    assert text_width("ปั้น") == text_width("ปน")
    assert text_width("ทำ") == text_width("ทา")  # SARA AM is a spacing character
    assert text_width("ก", bold=True) > text_width("ก")


def test_write_is_atomic_and_replaces(tmp_path):
    path = tmp_path / "out" / "ocsc.xlsx"
    doc = ocsc_doc()
    write_workbook(doc, path)
    first = path.stat().st_mtime_ns
    write_workbook(doc, str(path))
    assert path.stat().st_mtime_ns >= first
    assert sorted(p.name for p in path.parent.iterdir()) == ["ocsc.xlsx"]
    with pytest.raises(OSError):
        write_workbook(doc, tmp_path / "out")  # a directory: fails, leaves nothing behind
    assert sorted(p.name for p in path.parent.iterdir()) == ["ocsc.xlsx"]
    assert not list(tmp_path.glob(".*.tmp"))
