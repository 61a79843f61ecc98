"""An agency with results for one year only: nothing to compare, so the measures document, its
three files and the facade's outputs say so in a sentence instead of a table of dashes and a chart
of empty bars.

Data: the shipped sample (OCSC, FY2562 and FY2563) with the FY2562 rows left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import AGENCY, SAMPLE, sample_analysis
from word_text import read_docx

from ita_analysis.report.pdf import render_html
from ita_analysis.report.word import write_docx
from ita_analysis.report.workbook import SHEET_COMPARISON, build_workbook

NO_PREVIOUS_THAI = "ไม่มีผลการประเมินปีงบประมาณ พ.ศ. ๒๕๖๒ ให้เปรียบเทียบ"
NO_PREVIOUS_ARABIC = "ไม่มีผลการประเมินปีงบประมาณ พ.ศ. 2562 ให้เปรียบเทียบ"
CHANGE_HEADER = "ผลต่าง"  # a header only the comparison table has


@pytest.fixture(scope="module")
def one_year(tmp_path_factory):
    """The sample's FY2563 rows only, analysed for OCSC."""
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.split(",")[1] == "2563"]
    assert len(kept) == 11  # the header and ten indicators
    path = tmp_path_factory.mktemp("one_year") / "scores_2563.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return sample_analysis(data=[path], agency=AGENCY)


@pytest.fixture(scope="module")
def chart(tmp_path_factory) -> Path:
    """A stand-in chart file: the document must leave it out however it is given."""
    from ita_analysis.report import charts
    from ita_analysis.report.charts.style import new_figure

    fig = new_figure(1, 1)
    return charts.save_figure(fig, tmp_path_factory.mktemp("chart") / "comparison", svg=False)[0]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.tables: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(dict(attrs).get("class", ""))
        if tag == "img":
            self.images.append(dict(attrs).get("alt", ""))

    def handle_data(self, data):
        self.parts.append(data)


def parsed(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_the_model_has_no_comparison_table_and_says_why(one_year, chart):
    doc = one_year.document(charts={"comparison": chart}, digits="thai")
    assert doc.has_previous is False
    assert doc.comparison_table() is None
    assert doc.comparison_intro == NO_PREVIOUS_THAI
    assert "comparison" not in doc.charts
    arabic = one_year.document(digits="arabic")
    assert arabic.comparison_intro == NO_PREVIOUS_ARABIC


def test_with_two_years_the_comparison_stays(chart):
    doc = sample_analysis(agency=AGENCY).document(charts={"comparison": chart}, digits="thai")
    assert doc.has_previous is True
    assert doc.comparison_table() is not None
    assert doc.comparison_intro.startswith("เปรียบเทียบผล")
    assert doc.charts == {"comparison": chart}
    html = parsed(render_html(doc))
    assert any("comparison" in c for c in html.tables) and "เปรียบเทียบผลคะแนน" in html.images


def test_the_pdf_html_prints_the_sentence_and_no_table_or_chart(one_year, chart):
    doc = one_year.document(digits="thai")
    html = parsed(render_html(doc, charts={"comparison": chart}))  # even when handed a chart
    assert NO_PREVIOUS_THAI in html.parts
    assert not [c for c in html.tables if "comparison" in c]
    assert "เปรียบเทียบผลคะแนน" not in html.images
    assert any("results" in c for c in html.tables)  # the other tables are still there


def test_the_word_file_prints_the_sentence_and_no_table(one_year, tmp_path):
    path = write_docx(one_year.document(digits="thai"), tmp_path / "measures.docx")
    d = read_docx(path)
    assert NO_PREVIOUS_THAI in [p.text for p in d.paragraphs]
    headers = [cell.text for table in d.tables for cell in table.rows[0].cells]
    assert CHANGE_HEADER not in headers
    assert len(d.inline_shapes) == 0  # no chart was given, none drawn


def test_the_workbook_prints_the_sentence_and_no_table(one_year):
    wb = build_workbook(one_year.document(digits="thai"))
    values = [c.value for row in wb[SHEET_COMPARISON].iter_rows() for c in row if c.value is not None]
    assert NO_PREVIOUS_ARABIC in values  # the workbook keeps Arabic digits
    assert CHANGE_HEADER not in values
    assert not any(isinstance(v, float) for v in values)  # no scores: no table


def test_the_facade_draws_no_comparison_chart_and_notes_why(one_year):
    output = one_year.comparison()
    assert output.figures == {}
    assert NO_PREVIOUS_ARABIC in output.notes
    assert len(output.table) == 10  # the data table itself is kept (previous scores empty)
    assert output.table["score_previous"].isna().all()


def test_no_dash_rows_for_the_previous_year_in_the_pdf(one_year):
    text = " ".join(parsed(render_html(one_year.document(digits="arabic"))).parts)
    assert NO_PREVIOUS_ARABIC in text
    assert not re.search(r"เปรียบเทียบผล\S* ประจำปีงบประมาณ พ.ศ. 2562 - 2563", text)
