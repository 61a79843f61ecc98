"""The measures workbook as it prints: the sample's workbook printed by LibreOffice Calc, its pages read.

A sheet's print titles repeat on all its printed pages, so a header set over a table and the chart
below it would print again over the chart; the charts' hidden data sheet is not printed at all.
"""

from __future__ import annotations

import pytest
from calc_pdf import base_text, calc_pdf, page_texts
from conftest import AGENCY, sample_analysis

from ita_analysis.report.workbook import write_workbook

RESULTS_CHART = "ผลคะแนนรายตัวชี้วัด พ.ศ. 2563"
COMPARISON_CHART = "เปรียบเทียบผลคะแนนรายตัวชี้วัด พ.ศ. 2562 - 2563"
# header labels of the results and comparison tables (ลำดับที่, คะแนนเฉลี่ย) and of the weakness table
TABLE_HEADERS = ("ลำดับที่", "คะแนนเฉลี่ย", "ผลต่าง")
WEAKNESS_HEADER = "คะแนนที่ได้"
PASS_LINE = base_text("เกณฑ์ผ่าน 85")  # the pass mark's line in a chart's legend


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("print")
    doc = sample_analysis().document(AGENCY, digits="arabic")
    pdf = calc_pdf(write_workbook(doc, folder / "measures.xlsx"), folder)
    return [base_text(t) for t in page_texts(pdf)]


@pytest.mark.slow  # LibreOffice prints the workbook
def test_no_table_header_over_the_chart_pages(pages):
    charts = [k for k, p in enumerate(pages) if PASS_LINE in p]  # the pages with a chart's legend
    assert len(charts) == 2
    for k, title in zip(charts, (RESULTS_CHART, COMPARISON_CHART), strict=True):
        assert base_text(title) in pages[k]
        for header in TABLE_HEADERS:
            assert base_text(header) not in pages[k], (title, header)
        assert base_text("ลำดับที่") in pages[k - 1]  # its table whole on the page before


@pytest.mark.slow  # LibreOffice prints the workbook
def test_recommendations_print_without_the_weakness_header(pages):
    intro = base_text("พร้อมให้ข้อเสนอแนะ")
    first = next(k for k, p in enumerate(pages) if intro in p)
    weakness = [k for k, p in enumerate(pages) if base_text("ตัวชี้วัดที่เป็นจุดอ่อน") in p]
    assert weakness and weakness[0] < first
    # the weakness table runs over two pages, its header on both; the recommendations after it have none
    table_pages = [k for k in range(weakness[0], first) if base_text(WEAKNESS_HEADER) in pages[k]]
    assert len(table_pages) == 2
    recommendation_pages = [k for k in range(first, len(pages)) if base_text("แบบวัด") in pages[k]]
    assert recommendation_pages
    for k in recommendation_pages:
        assert base_text(WEAKNESS_HEADER) not in pages[k], k


@pytest.mark.slow  # LibreOffice prints the workbook
def test_the_hidden_chart_data_is_not_printed(pages):
    # the two charts' legends name each line once; the hidden sheet would print its four headers
    assert all(p.count(PASS_LINE) <= 1 for p in pages)
    assert sum(p.count(PASS_LINE) for p in pages) == 2
