"""The PDF's text layer reads as the document's text: SARA AM, vowels and tone marks intact, with
pdftotext and pypdf; the PDF is tagged in Thai and its title breaks between phrases only."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import AGENCY, sample_analysis
from poppler_check import require_poppler
from pypdf import PdfReader

from ita_analysis.report import layout
from ita_analysis.report.pdf import write_pdf

PAGE_NUMBER = re.compile(r"^\s*-\s*[0-9๐-๙]+\s*-\s*$", re.MULTILINE)


def poppler_pages(path: Path, *mode: str) -> list[str]:
    """pdftotext's text of each page; skipped without poppler, a failure in CI."""
    require_poppler("pdftotext")
    out = subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def poppler_raw_pages(path: Path) -> list[str]:
    """pdftotext in drawing order: its default reading order interleaves the lines of table cells
    that sit side by side, which says nothing of the text layer itself."""
    return poppler_pages(path, "-raw")


def pypdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(pages: list[str]) -> str:
    """The pages' text without whitespace and page numbers, so that a phrase wrapped over lines or
    pages reads whole again; characters themselves are kept as extracted."""
    return "".join(re.sub(r"\s+", "", PAGE_NUMBER.sub("", page)) for page in pages)


def model_texts(doc) -> list[str]:
    """Every text of the document model that the PDF prints: title, headings, sentences, table cells."""
    texts = [
        doc.title,
        doc.subtitle,
        doc.heading_analysis,
        doc.heading_measures,
        doc.tools_intro,
        *doc.tool_items(),
        doc.results_intro,
        doc.comparison_intro,
        doc.weakness_intro,
        doc.target_text,
        doc.gap_text,
        doc.peer_text,
        doc.declined_text,
        *(doc.digits_of(note) for note in doc.notes),
    ]
    groups = doc.recommendation_groups()
    if groups:
        texts.append(doc.recommendations_intro)
    for heading, lines in groups:
        texts += [heading, *lines]
    tables = [doc.results_table(), doc.comparison_table(), doc.weakness_table(), doc.measures_table()]
    for table in tables:
        if table is None or not table.rows:
            continue
        for row in (*table.header, *table.rows):
            for cell in row.cells:
                if cell is not None:
                    texts += [layout.cell_text(cell, doc), *layout.sub_lines(cell)]
        texts.append(table.note or "")
    return [t for t in texts if t]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf_text")
    a = sample_analysis(agency=AGENCY, output_dir=out)
    a.save(a.results())
    a.save(a.comparison())
    doc = a.document(
        AGENCY, charts={"indicators": out / "chart_indicators.png", "comparison": out / "chart_comparison.png"}
    )
    return doc, write_pdf(doc, out / "measures.pdf")


@pytest.mark.parametrize("extract", [poppler_pages, pypdf_pages], ids=["pdftotext", "pypdf"])
def test_known_words_read_whole(sample, extract):
    text = flat(extract(sample[1]))
    for word in (
        "สำนักงาน",
        "ดำเนินงาน",
        "ผู้มีส่วนได้ส่วนเสีย",
        "ประจำปีงบประมาณ",
        "การใช้อำนาจ",
        "ตัวชี้วัด",
        "คุณธรรมและความโปร่งใส",
        "กลุ่มงานคลัง",
        "ทำงาน",
        "จำแนกออกเป็น",
    ):
        assert word in text, word
    # what the broken text layer read instead: SARA AM as SARA AA, or as NIKHAHIT + SARA AA
    for wrong in ("สานักงาน", "ดาเนินงาน", "ผู้มีสว", "\u0e4d\u0e32"):
        assert wrong not in text, wrong


@pytest.mark.parametrize("extract", [poppler_raw_pages, pypdf_pages], ids=["pdftotext", "pypdf"])
def test_every_word_of_the_model_is_in_the_text_layer(sample, extract):
    doc, path = sample
    text = flat(extract(path))
    words = {word for t in model_texts(doc) for word in t.split()}
    assert len(words) > 150  # title, headings, sentences and cells all taken
    missing = sorted(w for w in words if w not in text)
    assert not missing, missing[:20]


def test_sara_am_is_one_character(sample):
    """U+0E33 comes out as itself, never as NIKHAHIT (U+0E4D) with SARA AA (U+0E32)."""
    for pages in (poppler_pages(sample[1]), pypdf_pages(sample[1])):
        text = "".join(pages)
        assert text.count("\u0e33") >= 20 and "\u0e4d" not in text


def test_title_lines_break_between_phrases(sample):
    first_page = [line for line in poppler_pages(sample[1])[0].splitlines() if line.strip()]
    assert first_page[:3] == ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ประจำปีงบประมาณ ๒๕๖๔", "ของสำนักงาน ก.พ."]
    assert pypdf_pages(sample[1])[0].splitlines()[:2] == ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ประจำปีงบประมาณ ๒๕๖๔"]


def test_tagged_pdf_ua_in_thai(sample):
    reader = PdfReader(sample[1])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "th"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    kinds = set()

    def walk(node):
        kinds.add(node.get("/S"))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if kid is not None else None
            if isinstance(kid, dict):
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_data().decode()
    assert reader.metadata.title.startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ")


# --------------------------------------------------------- the route through WeasyPrint's drawing
THAI = "น้ำใจ สำนักงาน ผู้มีส่วนได้ส่วนเสีย กิ่งก้าน ปั้นน้ำเป็นตัว ดำเนินงาน"


def weasyprint_pdf(path: Path, finisher=None) -> Path:
    """``THAI`` in Sarabun, 16 pt, written by WeasyPrint itself."""
    from weasyprint import HTML

    from ita_analysis.report.fonts import sarabun_file

    css = f'@font-face {{ font-family: S; src: url("{sarabun_file("Regular").as_uri()}") }} p {{ font: 16pt S }}'
    HTML(string=f'<html lang="th"><style>{css}</style><p>{THAI}</p></html>').write_pdf(path, finisher=finisher)
    return path


def pixels(path: Path) -> bytes:
    require_poppler("pdftoppm")
    return subprocess.run(["pdftoppm", "-r", "110", str(path)], capture_output=True, check=True).stdout


def test_cluster_text_changes_the_text_and_not_the_look(tmp_path):
    from ita_analysis.report.pdf_text import cluster_text

    with cluster_text() as finisher:
        fixed = weasyprint_pdf(tmp_path / "fixed.pdf", finisher)
    plain = weasyprint_pdf(tmp_path / "plain.pdf")  # after the wrapping, outside its block: as before
    for extract in (poppler_pages, pypdf_pages):
        assert flat(extract(fixed)) == THAI.replace(" ", "")
        assert flat(extract(plain)) != THAI.replace(" ", "")  # the text WeasyPrint alone writes is wrong
    assert pixels(fixed) == pixels(plain)


def test_weasyprint_drawing_is_the_one_wrapped():
    """The wrapping replaces WeasyPrint 70's line drawing, keeping its arguments; a WeasyPrint that
    renamed or reshaped it would leave the text layer broken."""
    import inspect

    from weasyprint.draw import text

    from ita_analysis.report.pdf_text import install

    install()
    install()  # once only
    original = text.draw_first_line.__wrapped__
    assert not hasattr(original, "__wrapped__")
    assert list(inspect.signature(original).parameters) == [
        "stream",
        "textbox",
        "text_overflow",
        "block_ellipsis",
        "matrix",
    ]
