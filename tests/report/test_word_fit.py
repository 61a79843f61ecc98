"""Sizes of the Word document from the content: column widths, header and title lines, table text
in 14 pt with numbers that never wrap (the laid-out file is checked in test_word_layout.py)."""

from __future__ import annotations

import pytest
from conftest import AGENCY, sample_analysis
from docx.oxml.ns import qn
from docx.shared import Emu
from word_text import read_docx

from ita_analysis.report import layout
from ita_analysis.report.word import write_docx
from ita_analysis.report.word_fit import Metrics, filled_lines, fitted_widths, pieces_of
from ita_analysis.thai.wrap import known_words


def test_columns_keep_their_shares_when_every_minimum_fits():
    assert fitted_widths([0.5, 0.5], [10, 10], 100) == [50, 50]


def test_a_column_raised_to_its_minimum_takes_the_width_from_the_others_by_their_room():
    # column 2 needs 40 instead of 30: 10 more, taken 30:20 from columns 1 and 3 (room above 10 each)
    assert fitted_widths([0.4, 0.3, 0.3], [10, 40, 10], 100) == pytest.approx([34, 40, 26])
    assert fitted_widths([0.5, 0.5], [10, 60], 100) == pytest.approx([40, 60])


def test_minimums_wider_than_the_table_are_scaled_down_to_fit():
    assert fitted_widths([0.5, 0.5], [80, 120], 100) == pytest.approx([40, 60])


def test_lines_break_between_pieces_only_and_give_the_text_back():
    pieces = pieces_of("ลำดับที่", ["ลำดับ", "ที่"])
    assert pieces == [("", "ลำดับ"), ("", "ที่")]
    assert filled_lines(pieces, lambda line: len(line) <= 5) == ["ลำดับ", "ที่"]
    assert filled_lines(pieces, lambda line: True) == ["ลำดับที่"]
    text = "มาตรการ ประจำปีงบประมาณ ๒๕๖๔"
    lines = filled_lines(pieces_of(text, text.split()), lambda line: len(line) <= 22)
    assert lines == ["มาตรการ ", "ประจำปีงบประมาณ ๒๕๖๔"]  # the space stays at the end of the line
    assert "".join(lines) == text
    assert filled_lines(pieces_of("abcdef", ["abcdef"]), lambda line: False) == ["abcdef"]  # too wide alone


def test_known_words_cut_at_spaces_and_before_known_words_outside_compounds():
    assert known_words("ลำดับที่") == ["ลำดับ", "ที่"]
    assert known_words("พ.ศ. ๒๕๖๓") == ["พ.ศ.", "๒๕๖๓"]
    assert known_words("ตัวชี้วัดความสำเร็จ") == ["ตัวชี้วัด", "ความสำเร็จ"]
    assert known_words("ราชการ") == ["ราชการ"]  # "การ" ends the compound: no cut


def test_sarabun_widths_count_no_marks_and_grow_with_the_size():
    m = Metrics.sarabun()
    assert m.width("กี่", 14) == m.width("ก", 14) > 0  # vowel above and tone mark take no width
    assert m.width("๑๐๐.๐๐", 28) == pytest.approx(2 * m.width("๑๐๐.๐๐", 14))
    assert m.width("คะแนน", 14, bold=True) > m.width("คะแนน", 14)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    doc = sample_analysis().document(AGENCY)
    path = tmp_path_factory.mktemp("fit") / "measures.docx"
    return doc, read_docx(write_docx(doc, path))


def test_table_text_is_14_pt_as_in_the_pdf(written):
    _, d = written
    for table in d.tables:
        for r in table._tbl.iter(qn("w:r")):
            if r.find(qn("w:t")) is None:
                continue  # a line break
            rPr = r.find(qn("w:rPr"))
            assert rPr.find(qn("w:sz")).get(qn("w:val")) == rPr.find(qn("w:szCs")).get(qn("w:val")) == "28"


def test_score_cells_never_wrap_and_their_columns_hold_the_widest_score(written):
    doc, d = written
    m = Metrics.sarabun()
    margins = 2 * 0.15 / 2.54 * 72  # the cells' left and right margins, 0.15 cm each, in points
    for table, model in zip(d.tables[:2], (doc.results_table(), doc.comparison_table()), strict=True):
        n_header = len(model.header)
        for r, c, _, cell in model.placed():
            if cell.kind != layout.SCORE or cell.colspan > 1:
                continue
            tc = table.rows[n_header + r].cells[c]
            assert tc._tc.tcPr.find(qn("w:noWrap")) is not None, (model.name, r, c)
            width = Emu(table.columns[c].width).pt
            assert width >= m.width(layout.cell_text(cell, doc), 14) + margins, (model.name, r, c)


def test_score_columns_are_narrow_and_indicator_names_get_the_width(written):
    # the results table on 16.5 cm (A4 less 2.5 and 2 cm): a score such as "๘๙.๒๙" is about 1.2 cm
    # in 14 pt Sarabun and the header "คะแนน" / "ที่ได้" in bold about 1.3 cm, so that column needs
    # no more than 2.2 cm (the allowance for a wider font and the margins included); the header
    # words "คะแนนเฉลี่ย" (one word to a dictionary) and "ที่ถ่วงน้ำหนัก" set the two merged score
    # columns; set shares (13, 13 and 15 of 100) widened to those words gave the indicator names
    # 3.4 cm; they get what the score columns leave beside the tool names, more than 3.7 cm
    _, d = written
    widths = [Emu(c.width).cm for c in d.tables[0].columns]
    assert sum(widths) == pytest.approx(16.5, abs=0.01)
    assert widths[3] < 2.2, widths  # คะแนนที่ได้
    assert widths[2] > 3.7, widths  # ตัวชี้วัด
