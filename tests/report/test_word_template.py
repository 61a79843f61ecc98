"""The Word file written from its template (ita_analysis.report.word: the shared parts made once,
the body written as text) is the file python-docx's object model writes (tests/word_reference.py,
the writer as it was): the same parts, ``word/document.xml`` the same XML (canonical form), every
other part the same bytes but the document's dates. One writer serves every document in turn, as
a worker's does."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import AGENCY, sample_analysis
from docx import Document
from lxml import etree
from word_reference import add_table, reference_docx

from ita_analysis.batch.params import DOCUMENT_CHARTS
from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.ingest.side_inputs import load_plan
from ita_analysis.report import charts, layout
from ita_analysis.report.layout import Cell, Column, Row, Table
from ita_analysis.report.word import WordWriter, write_docx
from ita_analysis.report.word_fit import Metrics
from ita_analysis.report.word_table import table_xml

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # created and modified: when the file was written


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def assert_same_file(new: Path, reference: Path) -> None:
    with zipfile.ZipFile(new) as a, zipfile.ZipFile(reference) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in b.namelist():
            ours, theirs = a.read(name), b.read(name)
            if name == "word/document.xml":
                assert canonical(ours) == canonical(theirs), name
            elif name == "docProps/core.xml":
                assert DATE.sub(b"-", ours) == DATE.sub(b"-", theirs), name
                assert len(DATE.findall(ours)) == 2
            else:
                assert ours == theirs, name


def _charts(an: Analysis, folder: Path) -> dict[str, Path]:
    figures = {**an.results().figures, **an.comparison().figures}
    return {name: charts.save_figure(fig, folder / name, svg=False)[0] for name, fig in figures.items()}


def _odd_plan() -> pd.DataFrame:
    """The sample plan with a weak indicator left out (a flagged row, a note below the table), a
    second measure for indicator 1 (merged over two rows) and text from data that XML must escape,
    with a tab, line ends and spaces at its ends."""
    plan = load_plan(RAW / "plan_2564.csv")
    second = plan[plan["indicator"] == 1].assign(action=' <w:b/> & "quotes"\tแท็บ\r\nบรรทัดใหม่ ')
    return pd.concat([plan[plan["indicator"] != 10], second], ignore_index=True)


def _rating_year(folder: Path):
    """A made-up agency in FY2567, a rating year (the framework's note, if provisional, shaded)."""
    rows = ["agency,fiscal_year,indicator,score"]
    for year, base in ((2566, 92.0), (2567, 88.0)):
        rows += [f"กรมทดสอบ,{year},{i},{base + i * 0.5:.2f}" for i in range(1, 11)]
    data = folder / "scores.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return Analysis.from_params(AnalysisParameters(fiscal_year=2567, data=[data])).document("กรมทดสอบ")


def _one_year(folder: Path):
    scores = pd.read_csv(RAW / "ocsc_scores_2562_2563.csv", encoding="utf-8-sig")
    data = folder / "only_2563.csv"
    scores[scores["fiscal_year"] == 2563].to_csv(data, index=False)
    return Analysis.from_params(AnalysisParameters(fiscal_year=2563, data=[data])).document(AGENCY)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("documents")
    an = sample_analysis().replace(agency=AGENCY, output_dir=None, charts=DOCUMENT_CHARTS)
    paths = _charts(an, folder)
    twice = {"indicators": paths["indicators"], "comparison": paths["indicators"]}  # one part for both
    return {
        "sample with charts": an.document(AGENCY, charts=paths),
        "arabic digits with charts": an.document(AGENCY, charts=paths, digits="arabic"),
        "no charts": an.document(AGENCY),
        "one chart twice": an.document(AGENCY, charts=twice),
        "a plan to escape and flag": an.document(AGENCY, plan=_odd_plan()),
        "arabic digits, no charts": an.document(AGENCY, digits="arabic"),
        "a rating year": _rating_year(folder),
        "no previous year": _one_year(folder),
    }


def test_one_writer_writes_every_document_as_python_docx_does(documents, tmp_path):
    writer = WordWriter()
    for i, (case, doc) in enumerate(documents.items()):
        reference = reference_docx(doc, tmp_path / f"reference{i}.docx")
        new = writer.write(doc, tmp_path / f"new{i}.docx")
        assert new == tmp_path / f"new{i}.docx"
        try:
            assert_same_file(new, reference)
        except AssertionError as exc:
            raise AssertionError(f"{case}: {exc}") from exc


def test_the_file_of_write_docx_alone_is_the_same(documents, tmp_path):
    doc = documents["sample with charts"]
    assert_same_file(write_docx(doc, tmp_path / "alone.docx"), reference_docx(doc, tmp_path / "reference.docx"))


def test_pictures_have_their_own_parts_and_ids(documents, tmp_path):
    with zipfile.ZipFile(WordWriter().write(documents["one chart twice"], tmp_path / "twice.docx")) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        body = z.read("word/document.xml").decode()
    assert media == ["word/media/image1.png"]  # the same bytes once
    assert re.findall(r'<wp:docPr id="(\d+)"', body) == ["1", "2"]
    assert len(set(re.findall(r'r:embed="(rId\d+)"', body))) == 1


def _table(doc) -> Table:
    """A table with every kind of merge: a group label over two columns (header cells spanning
    both header rows), a cell over two rows and two columns, one over three rows with its level's
    colour, a flagged row, sub-items, an empty cell, a missing score and a footer row."""
    columns = (
        Column("ลำดับ", layout.INT, 0.5),
        Column("ตัวชี้วัด", layout.LINES, 3),
        Column("ปีก่อน", layout.SCORE, 1, group="คะแนน"),
        Column("ปีนี้", layout.SCORE, 1, group="คะแนน"),
        Column("ระดับ", layout.TEXT, 1),
    )
    rows = (
        Row((Cell(1, layout.INT), Cell("การเปิดเผยข้อมูล", layout.LINES, ("ข้อย่อย ก", "ข้อย่อย ข")),
             Cell("รวมสองปี", colspan=2, rowspan=2), None, Cell("A", level=0.0, rowspan=3))),
        Row((Cell(2, layout.INT), Cell(""), None, None, None), flagged=True),
        Row((Cell(3, layout.INT), Cell("การป้องกันการทุจริต"), Cell(None, layout.SCORE), Cell(91.5, layout.SCORE), None)),
        layout.footer_row(layout.TOTAL_LABEL, 2, [Cell(80.0, layout.SCORE), Cell(82.44, layout.SCORE), Cell("B")]),
    )  # fmt: skip
    return Table("made-up", columns, rows, note="หมายเหตุ")


def test_a_table_with_every_kind_of_merge_is_written_as_python_docx_merges_it():
    doc = sample_analysis().document(AGENCY)
    table, metrics = _table(doc), Metrics.sarabun()
    expected = add_table(Document(), table, doc, metrics)._tbl
    ours = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{table_xml(table, doc, metrics)}</w:body>')[0]
    assert etree.tostring(ours, method="c14n", exclusive=True) == etree.tostring(
        expected, method="c14n", exclusive=True
    )
