"""Every text the measures document prints follows its digits: plan text from the data ("ต.ค. 2563"),
NACC's recommendations, names, the provisional banner; and the charts' titles name the agency and
the fiscal year.

Data: the shipped sample (OCSC, FY2562-FY2563, the FY2564 plan).
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from conftest import AGENCY, sample_analysis
from word_text import read_docx

from ita_analysis.report.pdf import render_html
from ita_analysis.report.word import write_docx

ASCII_DIGIT = re.compile(r"[0-9]")
BANNER = "กรอบการประเมินปีงบประมาณ 2566 เป็นข้อมูลเบื้องต้น (provisional): ยังไม่ได้ยืนยันจากคู่มือของสำนักงาน ป.ป.ช."


@pytest.fixture(scope="module")
def analysis():
    return sample_analysis(agency=AGENCY)


@pytest.fixture(scope="module")
def thai(analysis):
    return analysis.document(digits="thai")


class _Text(HTMLParser):
    """The text a reader sees in the HTML (not the stylesheet)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if not self._style and data.strip():
            self.parts.append(data.strip())


def html_text(html: str) -> list[str]:
    """The text of each element, a number kept with its word (``span.nobr``) read as part of its cell."""
    parser = _Text()
    parser.feed(re.sub(r'<span class="nobr">([^<]*)</span>', r"\1", html))
    return parser.parts


def table_texts(doc) -> list[str]:
    out = []
    for table in (doc.results_table(), doc.comparison_table(), doc.weakness_table(), doc.measures_table()):
        for row in table.rows:
            out += [str(c.value) for c in row.cells if c is not None and isinstance(c.value, str)]
            out += [line for c in row.cells if c is not None for line in c.lines]
    return out


def test_plan_text_in_thai_digits(thai):
    # plan_2564.csv, indicator 1: timeline "ต.ค. 2563 - มี.ค. 2564"; indicator 7: kpi "ตอบกลับภายใน 15 วัน"
    texts = table_texts(thai)
    assert "ต.ค. ๒๕๖๓ - มี.ค. ๒๕๖๔" in texts
    assert "ตอบกลับภายใน ๑๕ วัน" in texts
    assert not [t for t in texts if ASCII_DIGIT.search(t)]


def test_the_pdf_html_has_no_arabic_digit_in_a_thai_digit_document(thai):
    shown = html_text(render_html(thai, charts={}, inline_css=False))
    assert "ต.ค. ๒๕๖๓ - มี.ค. ๒๕๖๔" in shown
    assert not [t for t in shown if ASCII_DIGIT.search(t)]


def test_data_text_with_thai_digits_prints_arabic_in_an_arabic_document(analysis):
    plan = analysis.plan.copy()
    plan["timeline"] = plan["timeline"].astype(str).str.replace("2563", "๒๕๖๓")
    doc = analysis.document(plan=plan, digits="arabic")
    texts = table_texts(doc)
    assert "ต.ค. 2563 - มี.ค. 2564" in texts
    assert not [t for t in texts if re.search(r"[๐-๙]", t)]


def test_recommendations_and_sentences_in_thai_digits(analysis):
    recs = analysis.recommendations.copy()
    recs.loc[recs.index[0], "recommendation"] = "จัดอบรมอย่างน้อย 2 ครั้งต่อปี"
    doc = analysis.replace(recommendations=recs).document(digits="thai")
    lines = [line for _, group in doc.recommendation_groups() for line in group]
    assert any(line.endswith("จัดอบรมอย่างน้อย ๒ ครั้งต่อปี") for line in lines)
    assert not [line for line in lines if ASCII_DIGIT.search(line)]
    named = dataclasses.replace(doc, agency="สำนักงานเขตพื้นที่การศึกษา เขต 1")
    assert named.subtitle == "ของสำนักงานเขตพื้นที่การศึกษา เขต ๑"
    for text in (named.heading_analysis, named.results_intro, named.target_text, named.responsible_heading):
        assert "เขต ๑" in text and not ASCII_DIGIT.search(text)


def test_the_banner_in_thai_digits_in_pdf_and_word(thai, tmp_path):
    doc = dataclasses.replace(thai, notes=[BANNER])
    shown = html_text(render_html(doc, charts={}, inline_css=False))
    assert BANNER.replace("2566", "๒๕๖๖") in shown
    d = read_docx(write_docx(doc, tmp_path / "measures.docx"))
    assert BANNER.replace("2566", "๒๕๖๖") in [p.text for p in d.paragraphs]


def test_the_gap_sentence_in_thai_digits(thai):
    assert thai.gap_text and not ASCII_DIGIT.search(thai.gap_text)


@pytest.mark.parametrize("digits", ["arabic", "thai"])
def test_chart_titles_name_the_agency_and_the_fiscal_year(analysis, digits):
    shown = analysis.replace(digits=digits)
    figures = {**shown.results().figures, **shown.comparison().figures}
    assert set(figures) == {"indicators", "contributions", "comparison"}
    year = "2563" if digits == "arabic" else "๒๕๖๓"
    for name, fig in figures.items():
        title = fig.get_suptitle().replace("\n", " ")  # a long title is wrapped at a space
        assert AGENCY in title and "ปีงบประมาณ พ.ศ." in title and year in title, (name, title)


def test_table_texts_keep_numbers_as_numbers(thai):
    scores = [c.value for row in thai.results_table().rows for c in row.cells if c is not None and c.kind == "score"]
    assert scores and all(v is None or isinstance(v, float) for v in scores)
    assert isinstance(thai.results, pd.DataFrame)
