"""Word output of the measures document: page, fonts, headings, tables, digits, charts, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import sample_analysis
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from PIL import Image
from word_text import read_docx

from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.ingest.side_inputs import load_plan
from ita_analysis.report.document import MISSING_ACTION
from ita_analysis.report.layout import FLAG_FILL, FOOTER_FILL, level_fill
from ita_analysis.report.pdf import html_table
from ita_analysis.report.word import THAI_FONT, write_docx

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
AGENCY = "สำนักงาน ก.พ."
WEAK = ["การใช้งบประมาณ", "การใช้ทรัพย์สินของราชการ", "ประสิทธิภาพการสื่อสาร", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต"]
THAI_DIGIT = re.compile("[๐-๙]")


def _analysis(**kw) -> Analysis:
    return sample_analysis(**kw)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return _analysis()


@pytest.fixture(scope="module")
def doc(analysis):
    return analysis.document(AGENCY)


@pytest.fixture(scope="module")
def written(doc, tmp_path_factory):
    path = tmp_path_factory.mktemp("word") / "measures.docx"
    assert write_docx(doc, path) == path
    return read_docx(path)


def text_of(cell) -> str:
    """A cell's text, its paragraphs one a line; a line break inside a paragraph (a header broken
    between its words) adds nothing."""
    return "\n".join("".join(t.text or "" for t in p._p.iter(qn("w:t"))) for p in cell.paragraphs)


def cell_texts(table) -> list[list[str]]:
    return [[text_of(c) for c in row.cells] for row in table.rows]


def table_text(table) -> str:
    return "\n".join("\t".join(r) for r in cell_texts(table))


def headings(d, level: int) -> list[str]:
    return [p.text for p in d.paragraphs if p.style.name == f"Heading {level}"]


# ----------------------------------------------------------------------------- page and styles
def test_page_is_a4_with_thai_margins_and_page_numbers(written):
    s = written.sections[0]
    assert abs(s.page_width - Cm(21)) < Cm(0.01) and abs(s.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(s.left_margin - Cm(2.5)) < Cm(0.01)
    for m in (s.right_margin, s.top_margin, s.bottom_margin):
        assert abs(m - Cm(2)) < Cm(0.01)
    header = s.header._element
    instr = " ".join(t.text for t in header.iter(qn("w:instrText")))
    simple = [f.get(qn("w:instr")) for f in header.iter(qn("w:fldSimple"))]
    assert "PAGE" in instr.split() or any("PAGE" in (x or "").split() for x in simple)
    # top centre from page 2 (ระเบียบงานสารบรรณ): the first page has a header of its own, empty;
    # no page number at the bottom
    assert s.different_first_page_header_footer
    assert not s.first_page_header.is_linked_to_previous and s.first_page_header._element.xpath("string(.)") == ""
    assert s.footer._element.xpath("string(.)") == ""


def test_normal_style_is_th_sarabun_new_16_for_thai(written):
    normal = written.styles["Normal"]
    assert normal.font.size == Pt(16)
    rPr = normal.element.rPr
    rFonts = rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert rFonts.get(qn(attr)) == THAI_FONT
    assert rPr.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert rPr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    defaults = written.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:cs")) == THAI_FONT
    assert defaults.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert defaults.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def test_no_theme_fonts_left_in_the_styles_used(written):
    theme = [qn(a) for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")]
    elements = [written.styles.element.find(qn("w:docDefaults"))]
    elements += [written.styles[n].element for n in ("Normal", "Heading 1", "Heading 2", "Title", "Table Grid")]
    for el in elements:
        for rFonts in el.iter(qn("w:rFonts")):
            assert not any(rFonts.get(a) for a in theme), el.tag
    for name, size in (("Heading 1", 18), ("Heading 2", 16)):
        font = written.styles[name].font
        assert font.bold and font.cs_bold and font.size == Pt(size)
        assert str(font.color.rgb) == "000000"
        assert written.styles[name].element.rPr.find(qn("w:szCs")).get(qn("w:val")) == str(size * 2)


# ------------------------------------------------------------------- pagination and page numbers
def _kept_rows(table) -> list[int]:
    """Rows of a Word table set to keep with the next (every paragraph of the row)."""
    return [
        r
        for r, row in enumerate(table.rows)
        if all(Paragraph(p, None).paragraph_format.keep_with_next for p in row._tr.iter(qn("w:p")))
    ]


def test_only_headings_and_captions_keep_with_next(written, doc):
    kept = [p.text for p in written.paragraphs if p.paragraph_format.keep_with_next]
    # the sentence right above each of the four tables, nothing else (headings keep by their style)
    assert kept == [doc.results_intro, doc.comparison_intro, doc.weakness_intro, doc.gap_text]
    for name in ("Title", "Heading 1", "Heading 2"):
        assert written.styles[name].paragraph_format.keep_with_next is True
    for name in ("Normal", "Body Text"):
        assert not written.styles[name].paragraph_format.keep_with_next
    for table in written.tables:
        assert table._tbl.getprevious().xpath("string(.)") in kept  # each caption sits right above its table


def test_tables_keep_only_their_header_rows_and_their_total_together(written):
    # results 1 header row, comparison 2, weaknesses 2, measures 1 keep with the next row; so do the
    # last indicator and the total row, so the total and the grade never go alone to the next page;
    # nothing else (not a tool's rows: kept together, they move whole to the next page with the
    # sentence above the table and leave a page part-empty), so a long table goes on over the next
    # page under its repeated header
    results = [0, 10, 11]  # header; indicator 10 (row 10) and the total (row 11), above the grade
    comparison = [0, 1, 11, 12]  # two header rows; then the same one row lower
    assert [_kept_rows(t) for t in written.tables] == [results, comparison, [0, 1], [0]]
    for table in written.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None  # a row itself never breaks


def test_a_note_below_a_table_stays_with_its_last_row(analysis, tmp_path):
    plan = load_plan(RAW / "plan_2564.csv")
    doc = analysis.document(AGENCY, plan=plan[plan["indicator"] != 10])  # a weak indicator left out
    assert doc.missing_plan_text
    measures = read_docx(write_docx(doc, tmp_path / "n.docx")).tables[3]
    assert _kept_rows(measures) == [0, len(measures.rows) - 1]


def _header_field(d) -> tuple[str, str, str]:
    """(page number format of the section, PAGE field instruction, header text as saved)."""
    s = d.sections[0]
    fmt = s._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt"))
    instr = "".join(t.text for t in s.header._element.iter(qn("w:instrText")))
    return fmt, instr.strip(), s.header.paragraphs[0].text


def test_page_numbers_in_thai_digits_like_the_pdf(written):
    # "- ๒ -" at the top centre from page 2: Word prints the PAGE field in the section's format,
    # thaiNumbers (๑, ๒, ๓ ...)
    assert _header_field(written) == ("thaiNumbers", "PAGE", "- ๒ -")
    header = written.sections[0].header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {r.font.size for r in header.runs} == {Pt(12)}


def test_page_numbers_in_arabic_digits(analysis, tmp_path):
    d = read_docx(write_docx(analysis.document(AGENCY, digits="arabic"), tmp_path / "a.docx"))
    assert _header_field(d) == ("decimal", "PAGE", "- 2 -")


def test_total_and_grade_rows_as_in_the_pdf(written, doc):
    results, comparison = written.tables[:2]
    rows = cell_texts(results)
    assert rows[-2] == ["คะแนนรวมการประเมินฯ"] * 5 + ["๘๒.๔๔"]
    assert rows[-1] == ["ผลการประเมินอยู่ในระดับ"] * 5 + ["B"]
    rows = cell_texts(comparison)
    assert rows[-2] == ["คะแนนรวมการประเมินฯ"] * 3 + ["๘๗.๑๑", "๘๒.๔๔", "-๔.๖๗"]
    assert rows[-1] == ["ผลการประเมินอยู่ในระดับ"] * 3 + ["A", "B", ""]
    for word, table in ((results, doc.results_table()), (comparison, doc.comparison_table())):
        pdf_footers = [[c["text"] for c in r["cells"]] for r in html_table(table, doc)["rows"][-2:]]
        word_footers = [list(dict.fromkeys(c.text for c in row.cells)) for row in word.rows[-2:]]
        assert [[t for t in r if t] for r in word_footers] == [[t for t in r if t] for r in pdf_footers]


def test_total_row_of_a_rating_year_has_its_rating(tmp_path):
    # FY2567 rates instead of grading. Scores 88.5 to 93.0 (FY2566: 92.5 to 97.0) by 0.5:
    # IIT 89.50, EIT 91.50, OIT 92.75 -> 0.3 * 89.50 + 0.3 * 91.50 + 0.4 * 92.75 = 91.40, every tool
    # at least 85 -> ผ่านดี; FY2566 95.40 with IIT 93.50 below 95 -> ผ่านดี as well; change -4.00
    rows = ["agency,fiscal_year,indicator,score"]
    for year, base in ((2566, 92.0), (2567, 88.0)):
        rows += [f"กรมทดสอบ,{year},{i},{base + i * 0.5:.2f}" for i in range(1, 11)]
    data = tmp_path / "scores.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    doc = Analysis.from_params(AnalysisParameters(fiscal_year=2567, data=[data])).document("กรมทดสอบ")
    d = read_docx(write_docx(doc, tmp_path / "r.docx"))
    results, comparison = (cell_texts(t) for t in d.tables[:2])
    assert results[-2][-1] == "๙๑.๔๐" and results[-1][-1] == "ผ่านดี"
    assert comparison[-2][3:] == ["๙๕.๔๐", "๙๑.๔๐", "-๔.๐๐"] and comparison[-1][3:] == ["ผ่านดี", "ผ่านดี", ""]


# ----------------------------------------------------------------------------------- content
def test_title_headings_and_sentences(written, doc):
    texts = [p.text for p in written.paragraphs]
    # the title breaks between its phrases where the PDF does, never inside "ประจำปีงบประมาณ"
    assert texts[0] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส \nประจำปีงบประมาณ ๒๕๖๔"
    assert texts[0].replace("\n", "") == doc.title and texts[1] == doc.subtitle
    assert written.paragraphs[0].alignment == 1  # centred
    assert headings(written, 1) == [doc.heading_analysis, doc.heading_measures]
    assert headings(written, 1)[0].startswith("๑. การวิเคราะห์")
    # the sample is the only agency in its data: the national figures' paragraph has a heading
    national = "ผลการประเมินระดับประเทศ ประจำปีงบประมาณ พ.ศ. ๒๕๖๓"
    assert headings(written, 2) == [national, *(h for h, _ in doc.recommendation_groups())]
    for sentence in [
        doc.tools_intro,
        *doc.tool_items(),
        doc.results_intro,
        doc.comparison_intro,
        doc.weakness_intro,
        doc.recommendations_intro,
        doc.target_text,
    ]:
        assert sentence in texts
    for _, lines in doc.recommendation_groups():
        assert all(line in texts for line in lines)
    assert doc.missing_plan_text == "" and not any(t.startswith("หมายเหตุ") for t in texts)


def test_four_tables_with_the_reference_figures(written):
    assert len(written.tables) == 4
    results, comparison, weak, measures = written.tables
    text = table_text(results)
    for value in ("๘๙.๒๙", "๘๐.๔๓", "๒๔.๑๓", "๘๒.๔๔", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"):
        assert value in text
    rows = cell_texts(results)
    assert rows[0] == ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "คะแนนเฉลี่ย", "ผลรวมคะแนนที่ถ่วงน้ำหนัก"]
    assert rows[1][:4] == ["๑", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "การปฏิบัติหน้าที่", "๘๙.๒๙"]
    assert rows[-2][0] == "คะแนนรวมการประเมินฯ" and rows[-2][-1] == "๘๒.๔๔"
    assert rows[-1][0] == "ผลการประเมินอยู่ในระดับ" and rows[-1][-1] == "B"
    assert len(rows) == 13  # header, 10 indicators, total, grade
    assert rows[-1][:5] == ["ผลการประเมินอยู่ในระดับ"] * 5  # the label spans the first five columns

    text = table_text(comparison)
    assert "๘๗.๑๑" in text and "๘๒.๔๔" in text
    rows = cell_texts(comparison)
    assert rows[0] == ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "คะแนนที่ได้", "ผลต่าง"]
    assert rows[1][3:] == ["พ.ศ. ๒๕๖๒", "พ.ศ. ๒๕๖๓", "ผลต่าง"]  # the change's header spans both rows
    assert rows[2][3:] == ["๘๙.๐๗", "๘๙.๒๙", "๐.๒๒"]
    assert rows[-2][-3:] == ["๘๗.๑๑", "๘๒.๔๔", "-๔.๖๗"]
    assert rows[-1][0] == "ผลการประเมินอยู่ในระดับ" and rows[-1][3:] == ["A", "B", ""]


def test_grades_are_coloured_by_their_rank(written):
    grade = written.tables[0].rows[-1].cells[-1]
    previous, current = written.tables[1].rows[-1].cells[3:5]
    assert _shading(grade) == _shading(current) == level_fill(2 / 6)  # B, third of the seven letter grades
    assert _shading(previous) == level_fill(1 / 6)  # A
    assert _shading(written.tables[0].rows[-2].cells[0]) == FOOTER_FILL


def test_tool_mean_and_weighted_cells_are_merged_over_each_tool(written):
    results = written.tables[0]
    for col in (1, 4, 5):
        restart = cont = 0
        for row in results.rows[1:11]:
            tc = row._tr.tc_lst[col]
            v = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            if v is not None:
                if v.get(qn("w:val")) == "restart":
                    restart += 1
                else:
                    cont += 1
        assert (restart, cont) == (3, 7)  # IIT 5 rows, EIT 3, OIT 2
    # in the file, each tool's mean and weighted score are written once (python-docx repeats merged cells)
    written_text = [t.text for t in results._tbl.iter(qn("w:t"))]
    assert written_text.count("๘๐.๔๓") == 1 and written_text.count("๒๔.๑๓") == 1
    assert written_text.count("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)") == 1


def test_weakness_table_lists_the_five_weak_indicators_with_sub_items(written):
    weak = written.tables[2]
    rows = cell_texts(weak)
    body = rows[2:]
    assert [r[0].split("\n")[0] for r in body] == WEAK
    assert "- Q&A" in body[3][0].split("\n") and "- Social Network" in body[3][0].split("\n")
    assert body[0][1:] == ["๗๙.๔๐", "๗๘.๖๑"]
    assert body[4][1:] == ["๑๐๐.๐๐", "๘๗.๕๐"]


def test_measures_table_has_the_plan(written, doc):
    measures = written.tables[3]
    rows = cell_texts(measures)
    assert rows[0] == ["ตัวชี้วัด", doc.responsible_heading, "ผู้รับผิดชอบ", "ระยะเวลา", "ตัวชี้วัดความสำเร็จ"]
    plan = load_plan(RAW / "plan_2564.csv")
    text = table_text(measures)
    for unit in plan["responsible"]:
        assert unit in text
    assert [r[2] for r in rows[1:]] == plan["responsible"].tolist()
    assert not any(_shading(c) for row in measures.rows[1:] for c in row.cells)


def test_header_rows_repeat_and_are_grey_bold_and_numbers_right_aligned(written):
    for table, n_header in zip(written.tables, (1, 2, 2, 1), strict=True):
        assert table.style.name == "Table Grid"
        for r, row in enumerate(table.rows):
            trPr = row._tr.trPr
            is_header = trPr is not None and trPr.find(qn("w:tblHeader")) is not None
            assert is_header == (r < n_header)
        for cell in table.rows[0].cells:
            assert _shading(cell) == "D9D9D9"
            assert all(run.bold for p in cell.paragraphs for run in p.runs)
    results = written.tables[0]
    assert results.rows[1].cells[3].paragraphs[0].alignment == 2  # right
    assert results.rows[1].cells[2].paragraphs[0].alignment == 0  # left


def _shading(cell) -> str | None:
    tcPr = cell._tc.tcPr
    shd = tcPr.find(qn("w:shd")) if tcPr is not None else None
    return shd.get(qn("w:fill")) if shd is not None else None


# ------------------------------------------------------------------------- variants and safety
def test_arabic_digits(analysis, tmp_path):
    d = read_docx(write_docx(analysis.document(AGENCY, digits="arabic"), tmp_path / "a.docx"))
    text = "\n".join(table_text(t) for t in d.tables)
    assert "82.44" in text and "87.11" in text and "89.29" in text
    assert not THAI_DIGIT.search(text)
    assert headings(d, 1)[0].startswith("1. ")


def test_missing_plan_row_is_flagged_and_an_indicator_merged_over_its_measures(analysis, tmp_path):
    plan = load_plan(RAW / "plan_2564.csv")
    second = plan[plan["indicator"] == 1].assign(action="มาตรการที่สอง")
    plan = pd.concat([plan[plan["indicator"] != 10], second], ignore_index=True)
    doc = analysis.document(AGENCY, plan=plan)
    d = read_docx(write_docx(doc, tmp_path / "m.docx"))
    measures = d.tables[3]
    last = measures.rows[-1]
    assert last.cells[0].text == "การป้องกันการทุจริต" and last.cells[1].text == MISSING_ACTION
    assert all(_shading(c) == FLAG_FILL for c in last.cells)
    assert not any(_shading(c) for c in measures.rows[1].cells)
    first = [row._tr.tc_lst[0] for row in measures.rows[1:3]]
    assert [tc.tcPr.vMerge_val for tc in first] == ["restart", "continue"]
    assert [r.cells[1].text for r in measures.rows[1:3]] == [plan["action"].iloc[0], "มาตรการที่สอง"]
    after = measures._tbl.getnext()  # the note follows the table
    assert doc.missing_plan_text and "".join(t.text for t in after.iter(qn("w:t"))) == doc.missing_plan_text


def test_charts_are_embedded(tmp_path):
    an = _analysis(agency=AGENCY, output_dir=tmp_path)
    an.save(an.results())
    an.save(an.comparison())
    charts = {"indicators": tmp_path / "chart_indicators.png", "comparison": tmp_path / "chart_comparison.png"}
    d = read_docx(write_docx(an.document(AGENCY, charts=charts), tmp_path / "c.docx"))
    assert len(d.inline_shapes) == 2
    for shape, saved in zip(d.inline_shapes, charts.values(), strict=True):
        # 15 cm wide as in the PDF, or narrower so as to be at most 9 cm tall, in its own proportions
        assert shape.width <= Cm(15.01) and shape.height <= Cm(9.01)
        assert abs(shape.width - Cm(15)) < Cm(0.05) or abs(shape.height - Cm(9)) < Cm(0.05)
        with Image.open(saved) as image:
            assert shape.height / shape.width == pytest.approx(image.height / image.width, rel=0.01)


def test_no_charts_no_pictures(written):
    assert len(written.inline_shapes) == 0


def test_rating_framework_year(tmp_path):
    rows = ["agency,fiscal_year,indicator,score"]
    for year, base in ((2566, 92.0), (2567, 88.0)):
        rows += [f"กรมทดสอบ,{year},{i},{base + i * 0.5:.2f}" for i in range(1, 11)]
    data = tmp_path / "scores.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    an = Analysis.from_params(AnalysisParameters(fiscal_year=2567, data=[data]))
    doc = an.document("กรมทดสอบ")
    d = read_docx(write_docx(doc, tmp_path / "r.docx"))
    texts = [p.text.replace("\n", "") for p in d.paragraphs]  # the title's line break adds nothing
    assert doc.title in texts and doc.results_intro in texts
    assert "พ.ศ. ๒๕๖๗" in headings(d, 1)[0]
    results = cell_texts(d.tables[0])
    assert results[-2][-1] == doc.num(doc.summary["total"]) and results[-1][-1] == doc.summary["grade"]
    comparison = cell_texts(d.tables[1])
    assert comparison[1][3:] == ["พ.ศ. ๒๕๖๖", "พ.ศ. ๒๕๖๗", "ผลต่าง"]
    if doc.notes:  # provisional framework: the warning is shown
        assert any("provisional" in t for t in texts)


def test_no_previous_year_says_so_instead_of_a_comparison_table(tmp_path):
    scores = pd.read_csv(RAW / "ocsc_scores_2562_2563.csv", encoding="utf-8-sig")
    data = tmp_path / "only_2563.csv"
    scores[scores["fiscal_year"] == 2563].to_csv(data, index=False)
    doc = Analysis.from_params(AnalysisParameters(fiscal_year=2563, data=[data])).document(AGENCY)
    assert doc.previous_summary is None
    d = read_docx(write_docx(doc, tmp_path / "p.docx"))
    assert "ไม่มีผลการประเมินปีงบประมาณ พ.ศ. ๒๕๖๒ ให้เปรียบเทียบ" in [p.text for p in d.paragraphs]
    assert len(d.tables) == 3  # results, weaknesses, measures
    assert cell_texts(d.tables[0])[-1][-1] == "B"


def test_data_text_goes_in_as_text(analysis, tmp_path):
    plan = load_plan(RAW / "plan_2564.csv")
    odd = '<w:b/> & "quotes" =SUM(A1) {PAGE} http://example.com'
    plan.loc[plan["indicator"] == 1, "action"] = odd
    d = read_docx(write_docx(analysis.document(AGENCY, plan=plan), tmp_path / "x.docx"))
    assert '<w:b/> & "quotes" =SUM(A๑) {PAGE} http://example.com' in table_text(d.tables[3])  # Thai digits
    body = d.element.body
    assert not list(body.iter(qn("w:hyperlink")))
    assert not list(body.iter(qn("w:fldSimple"))) and not list(body.iter(qn("w:instrText")))


def test_write_is_atomic_and_replaces(doc, tmp_path):
    path = tmp_path / "out" / "measures.docx"
    path.parent.mkdir()
    path.write_bytes(b"old")
    assert write_docx(doc, str(path)) == path
    assert path.read_bytes()[:2] == b"PK"
    assert [p.name for p in path.parent.iterdir()] == ["measures.docx"]
