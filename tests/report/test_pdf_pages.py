"""How the PDF's pages are filled and numbered: the sample document (FY2563, OCSC) laid out, read back
with ``pdftotext -bbox``; and the measures table's columns sized from their content."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import AGENCY, sample_analysis
from poppler_check import require_poppler

from ita_analysis.report.column_widths import TextMeasure, content_shares, header_phrases, sized_by_content
from ita_analysis.report.layout import Cell, Column, Row, Table, cell_text, sub_lines
from ita_analysis.report.pdf import CELL_PADDING_EM, LINE_EM, render_html, write_pdf

PAGE_HEIGHT = 841.89  # A4, points
TOP = BOTTOM = 2 / 2.54 * 72  # the page's top and bottom margins (2 cm)
LEFT, RIGHT = 2.5 / 2.54 * 72, 2 / 2.54 * 72
PAGE_WIDTH = 595.28


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, each word's (x0, y0, x1, y1, text), as pdftotext -bbox reads it."""
    require_poppler("pdftotext")
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in xhtml.split("<page ")[1:]:
        found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)
        pages.append([(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in found])
    return pages


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages")
    a = sample_analysis(agency=AGENCY, output_dir=out)
    a.save(a.results())
    a.save(a.comparison())
    charts = {"indicators": out / "chart_indicators.png", "comparison": out / "chart_comparison.png"}
    return write_pdf(a.document(AGENCY, charts=charts), out / "measures.pdf")


@pytest.fixture(scope="module")
def sample_pages(sample_pdf) -> list[list[tuple[float, float, float, float, str]]]:
    return words(sample_pdf)


def in_margin(page):
    return [w for w in page if w[3] <= TOP]


def test_page_numbers_top_centre_from_page_two_in_thai_digits(sample_pages):
    assert len(sample_pages) >= 6
    assert in_margin(sample_pages[0]) == []  # none on the first page
    for number, page in enumerate(sample_pages[1:], start=2):
        top = in_margin(page)
        thai = str(number).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        assert [w[4] for w in top] == ["-", thai, "-"], number
        middle = (top[0][0] + top[-1][2]) / 2
        assert abs(middle - (LEFT + PAGE_WIDTH - RIGHT) / 2) < 2  # centred over the text
        assert all(w[3] <= TOP for w in page[:3])


def test_page_numbers_read_as_a_line_of_their_own(sample_pdf):
    text = subprocess.run(["pdftotext", str(sample_pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [ln.lstrip("\x0c") for ln in text.splitlines()]
    assert "- ๒ -" in lines and "- ๓ -" in lines and "- ๑ -" not in lines


def test_arabic_document_numbers_its_pages_in_arabic_digits(tmp_path):
    doc = sample_analysis(agency=AGENCY).document(AGENCY, digits="arabic")
    pages = words(write_pdf(doc, tmp_path / "m.pdf"))
    assert in_margin(pages[0]) == []
    assert [w[4] for w in in_margin(pages[1])] == ["-", "2", "-"]


def test_every_page_but_the_last_at_least_half_full(sample_pages):
    """No page left mostly blank: a chart shares its page with the next section's sentence and
    table, a table splits between rows with its header repeated."""
    body = PAGE_HEIGHT - TOP - BOTTOM
    for number, page in enumerate(sample_pages[:-1], start=1):
        lowest = max((w[3] for w in page if TOP < w[3] < PAGE_HEIGHT - BOTTOM), default=TOP)  # body text only
        assert (lowest - TOP) / body >= 0.5, f"page {number} is {(lowest - TOP) / body:.0%} full"


def test_the_comparison_follows_the_indicator_chart_on_its_page(sample_pages):
    """The page the indicator chart is on also holds the comparison's sentence and the start of
    its table (header and first rows)."""
    page = next(p for p in sample_pages if any(w[4].startswith("เปรียบเทียบ") for w in p))
    texts = [w[4] for w in page]
    assert "ลำดับ" in texts or "ลำดับที่" in texts
    assert "การปฏิบัติหน้าที่" in texts


def test_split_tables_repeat_their_header(sample_pages):
    """The comparison and the measures tables run over two pages in the sample: their headers
    ("ผลต่าง", "ความสำเร็จ") head both parts."""
    for header in ("ผลต่าง", "ความสำเร็จ"):
        assert sum(header in [w[4] for w in page] for page in sample_pages) == 2, header


def test_measures_table_header_words_whole(sample_pages):
    """ "ตัวชี้วัดความสำเร็จ" breaks between its two words only, "ผู้รับผิดชอบ" and "ระยะเวลา" not at all."""
    texts = [w[4] for page in sample_pages for w in page]
    for word in ("ความสำเร็จ", "ผู้รับผิดชอบ", "ระยะเวลา"):
        assert word in texts, word
    assert "สำเร็จ" not in texts and "ความ" not in texts  # no "ความ|สำเร็จ" split anywhere


def test_a_number_stays_on_the_line_of_the_word_after_it(sample_pages):
    """The sample plan's "ตอบกลับภายใน 15 วัน" in a narrow column: "๑๕" and "วัน" on one line (same
    top), the line breaking before the number if it must."""
    page = next(p for p in sample_pages if any(w[4] == "๑๕" for w in p))
    number = next(w for w in page if w[4] == "๑๕")
    after = min((w for w in page if w[0] > number[2] and abs(w[1] - number[1]) < 2), key=lambda w: w[0], default=None)
    assert after is not None and after[4] == "วัน", after


def test_number_segments_keep_the_word_after_them():
    measure = TextMeasure()
    assert measure.segments("ตอบกลับภายใน ๑๕ วัน") == [("ตอบกลับภายใน ", False), ("๑๕ วัน", True)]
    assert measure.segments("รายงานครบ 4 ไตรมาส") == [("รายงานครบ ", False), ("4 ไตรมาส", True)]
    assert measure.segments("ทุกไตรมาส") == [("ทุกไตรมาส", False)]  # no number: one segment
    assert "๑๕ วัน" in measure.pieces("ภายใน ๑๕ วัน")  # column widths count the pair as one piece


class _Tables(HTMLParser):
    """Each table's column widths and the number of rows in each tbody."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"name": attrs["class"], "widths": [], "groups": []})
        elif tag == "col":
            self.tables[-1]["widths"].append(float(re.search(r"width:([\d.]+)%", attrs["style"]).group(1)))
        elif tag == "tbody":
            self.tables[-1]["groups"].append(0)
        elif tag == "tr" and self.tables[-1]["groups"]:
            self.tables[-1]["groups"][-1] += 1


def html_tables():
    parser = _Tables()
    parser.feed(render_html(sample_analysis(agency=AGENCY).document(AGENCY)))
    return {t["name"]: t for t in parser.tables}


def test_tables_split_only_between_groups_of_merged_rows():
    tables = html_tables()
    # the results: each tool's indicators (5, 3, 2) one group, the total and grade with the last
    assert tables["results"]["groups"] == [5, 3, 2 + 2]
    assert tables["comparison"]["groups"] == [5, 3, 2 + 2]
    assert tables["weaknesses"]["groups"] == [1] * 5
    assert tables["measures"]["groups"] == [1] * 6  # one measure per indicator in the sample plan


def test_measures_columns_from_their_content():
    """The plan's columns: none narrower than its widest header phrase (padding included), the
    action column, with the most text, the widest; the other tables keep their set widths."""
    doc = sample_analysis(agency=AGENCY).document(AGENCY)
    table, measure = doc.measures_table(), TextMeasure()
    assert sized_by_content(table) and not sized_by_content(doc.results_table())
    widths = html_tables()["measures"]["widths"]
    assert sum(widths) == pytest.approx(100, abs=0.1)
    for label, share in zip(table.labels, widths, strict=True):
        phrase = max(measure.width(p, True) for p in header_phrases(label, measure, LINE_EM / 5 - CELL_PADDING_EM))
        assert share / 100 * LINE_EM >= phrase + CELL_PADDING_EM, label
    assert widths[1] == max(widths)
    assert html_tables()["results"]["widths"] == pytest.approx([s * 100 for s in doc.results_table().shares()], abs=0.1)


def test_header_phrases_split_between_words_where_the_halves_are_even():
    m = TextMeasure()
    assert header_phrases("ตัวชี้วัดความสำเร็จ", m, 5.0) == ["ตัวชี้วัด", "ความสำเร็จ"]
    assert header_phrases("ผลรวมคะแนนที่ถ่วงน้ำหนัก", m, 5.0) == ["ผลรวมคะแนน", "ที่ถ่วงน้ำหนัก"]
    assert header_phrases("ผู้รับผิดชอบ", m, 5.0) == ["ผู้รับผิดชอบ"]  # fits: whole
    assert header_phrases("ลำดับที่", m, 2.0) == ["ลำดับ", "ที่"]


def test_content_shares_give_room_where_it_saves_lines():
    """Two columns: short labels beside long text: the long one gets the room, the short one
    keeps at least its longest word."""
    m = TextMeasure()
    long_text = "การเปิดเผยข้อมูลสาธารณะ" * 8
    columns = (Column("ก", "long"), Column("ข", "long"))
    rows = tuple(Row((Cell("สั้น", "long"), Cell(long_text, "long"))) for _ in range(3))
    table = Table("t", columns, rows)

    def texts(c):
        return [cell_text(c, None), *sub_lines(c)]

    shares = content_shares(table, texts, m, 30.0, 0.75)
    assert sum(shares) == pytest.approx(1)
    assert shares[1] > 0.8
    assert shares[0] * 30.0 >= m.width("สั้น") + 0.75
