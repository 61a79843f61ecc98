"""The PDF measures document: A4, Sarabun embedded, the reference figures, Thai broken at word boundaries."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import AGENCY, sample_analysis
from poppler_check import require_poppler

from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.report.layout import FLAG_FILL, level_fill
from ita_analysis.report.pdf import render_html, write_pdf


def analysis(**kw) -> Analysis:
    return sample_analysis(**kw)


def pdf_text(path: Path, *layout: str) -> str:
    """The PDF's text layer (pdftotext); the test is skipped without poppler, and fails in CI."""
    require_poppler("pdftotext")
    return subprocess.run(["pdftotext", *layout, str(path), "-"], capture_output=True, text=True, check=True).stdout


def normalise(text: str) -> str:
    """pdftotext drops SARA AM's ring and misplaces tone marks from these PDFs: compare without them."""
    text = text.replace("\u0e33", "\u0e32")
    return re.sub(r"[\u0e48-\u0e4b\u0e4d\s]", "", text)


@pytest.fixture(scope="module")
def thai_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    a = analysis(agency=AGENCY, output_dir=out)
    a.save(a.results())
    a.save(a.comparison())
    doc = a.document(
        AGENCY, charts={"indicators": out / "chart_indicators.png", "comparison": out / "chart_comparison.png"}
    )
    return write_pdf(doc, out / "measures.pdf")


def test_a4_pages_and_embedded_sarabun(thai_pdf):
    require_poppler("pdfinfo", "pdffonts", "pdfimages")
    info = subprocess.run(["pdfinfo", str(thai_pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 4 <= pages <= 10
    fonts = subprocess.run(["pdffonts", str(thai_pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[
        2:
    ]
    assert fonts and all("Sarabun" in f and f.split()[-5] == "yes" for f in fonts)  # emb = yes
    images = subprocess.run(["pdfimages", "-list", str(thai_pdf)], capture_output=True, text=True, check=True).stdout
    assert [ln.split()[2] for ln in images.splitlines()[2:]].count("image") == 2  # both charts embedded


def test_reference_figures_in_thai_digits(thai_pdf):
    text = pdf_text(thai_pdf)
    for figure in ("๘๙.๒๙", "๘๐.๔๓", "๒๔.๑๓", "๒๓.๗๐", "๓๔.๖๑", "๘๒.๔๔", "๘๗.๑๑", "๙๕.๐๐", "๑๐๐.๐๐"):
        assert figure in text, figure
    assert "82.44" not in text
    assert "-๓-" in text.replace(" ", "")  # page numbers in Thai digits too (where: test_pdf_pages.py)
    flat = normalise(re.sub(r"(?m)^\x0c?- [๐-๙]+ -$", "", text))  # a phrase that runs over a page, without its number
    for phrase in (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสประจำปีงบประมาณ๒๕๖๔",
        "ของสำนักงานก.พ.",
        "คะแนนรวมการประเมินฯ",
        "ตัวชี้วัดซึ่งเป็นจุดอ่อน",
        "จำนวน๕ตัวชี้วัด",
        "Q&A",
        "SocialNetwork",
        "การเสริมสร้างวัฒนธรรมองค์กร",
        "แบบวัดIIT",
        "ระดับAA",
        "กลุ่มงานคลัง",
        "๑.การวิเคราะห์ผล",
        "๒.มาตรการเพื่อขับเคลื่อน",
    ):
        assert normalise(phrase) in flat, phrase


def test_arabic_digits(tmp_path):
    doc = analysis().document(AGENCY, digits="arabic")
    text = pdf_text(write_pdf(doc, tmp_path / "m.pdf"))
    assert "82.44" in text and "87.11" in text and "๘๒.๔๔" not in text


def test_long_thai_paragraph_breaks_at_word_boundaries(tmp_path):
    segments = "การ|ประเมิน|คุณ|ธรรม|และ|ความ|โปร่งใส|ใน|การ|ดำเนิน|งาน|ของ|หน่วย|งาน|ภาค|รัฐ".split("|")
    a = analysis()
    recs = a.recommendations
    recs.loc[recs["indicator"] == 1, "recommendation"] = "ZZSTART" + "".join(segments) * 6 + "ZZEND"
    text = pdf_text(write_pdf(a.document(AGENCY), tmp_path / "long.pdf"))
    body = text[text.index("ZZSTART") + 7 : text.index("ZZEND")]
    lines = [normalise(ln) for ln in body.replace("\x0c", "\n").split("\n") if not re.fullmatch(r"[-\s\d๐-๙]*", ln)]
    assert len(lines) >= 4  # it did wrap
    boundaries, at = set(), 0
    for _ in range(6):
        for s in segments:
            at += len(normalise(s))
            boundaries.add(at)
    offset = 0
    for line in lines[:-1]:
        offset += len(line)
        assert offset in boundaries, f"line broken inside a word: ...{line[-6:]}"


def test_data_text_is_escaped_and_nothing_else_is_fetched(tmp_path):
    a = analysis()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    a.plan.loc[0, "action"] = f'<img src="{secret.as_uri()}"><script>alert(1)</script>'
    doc = a.document(AGENCY)
    html = render_html(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html and '<img src="file' not in html
    write_pdf(doc, tmp_path / "safe.pdf")  # renders; the text stays text


def test_missing_plan_rows_are_flagged(tmp_path):
    a = analysis()
    a = a.replace(plan=a.plan[a.plan["indicator"] != 10])
    doc = a.document(AGENCY)
    assert doc.missing_plan == [10]
    flat = normalise(pdf_text(write_pdf(doc, tmp_path / "m.pdf")))
    assert normalise("ยังไม่ได้กำหนดมาตรการ") in flat and normalise("ยังไม่มีมาตรการในแผน") in flat


def test_provisional_framework_is_said(tmp_path):
    from conftest import write_csv

    rows = [["agency", "fiscal_year", "indicator", "score"]]
    rows += [[AGENCY, y, i, 90.0 + (i % 3)] for y in (2566, 2567) for i in range(1, 11)]
    a = Analysis.from_params(AnalysisParameters(fiscal_year=2567, data=[write_csv(tmp_path / "s.csv", rows)]))
    doc = a.document(AGENCY)
    assert doc.summary["grade"] == "ผ่านดี"
    flat = normalise(pdf_text(write_pdf(doc, tmp_path / "p.pdf")))
    assert "provisional" in flat and normalise("ผ่านดี") in flat


# ------------------------------------------------------------------------------------ tables
class _Tables(HTMLParser):
    """The tables of the rendered HTML: rows of (tag, text, attributes) per placed cell."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[tuple[str, str, dict]]]] = []
        self.cell: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = [tag, "", dict(attrs)]
        elif tag == "div" and self.cell is not None:
            self.cell[1] += "\n"

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(tuple(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


def html_tables(doc) -> list[list[list[tuple[str, str, dict]]]]:
    parser = _Tables()
    parser.feed(render_html(doc))
    return parser.tables


def texts(row) -> list[str]:
    return [text for _, text, _ in row]


def test_the_four_tables_as_the_layout_places_them():
    results, comparison, weak, measures = html_tables(analysis().document(AGENCY, digits="arabic"))
    assert texts(results[0]) == ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "คะแนนเฉลี่ย", "ผลรวมคะแนนที่ถ่วงน้ำหนัก"]
    assert texts(results[1]) == [
        "1",
        "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
        "การปฏิบัติหน้าที่",
        "89.29",
        "80.43",
        "24.13",
    ]
    assert [results[1][k][2].get("rowspan") for k in (1, 4, 5)] == ["5", "5", "5"]
    assert texts(results[2]) == ["2", "การใช้งบประมาณ", "78.61"]  # the tool's cells span from the row above
    total, grade = results[-2:]
    assert texts(total) == ["คะแนนรวมการประเมินฯ", "82.44"] and total[0][2]["colspan"] == "5"
    assert texts(grade) == ["ผลการประเมินอยู่ในระดับ", "B"] and grade[0][2]["colspan"] == "5"
    assert f"background:#{level_fill(2 / 6)}" in grade[1][2]["style"]

    assert texts(comparison[0]) == ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "ผลต่าง"]
    assert [c[2].get("rowspan") for c in comparison[0]] == ["2", "2", "2", None, "2"]
    assert comparison[0][3][2]["colspan"] == "2"
    assert texts(comparison[1]) == ["พ.ศ. 2562", "พ.ศ. 2563"]
    assert texts(comparison[-2]) == ["คะแนนรวมการประเมินฯ", "87.11", "82.44", "-4.67"]
    assert texts(comparison[-1]) == ["ผลการประเมินอยู่ในระดับ", "A", "B", ""]

    assert texts(weak[0]) == ["ตัวชี้วัด", "คะแนนที่ได้"] and texts(weak[1]) == ["พ.ศ. 2562", "พ.ศ. 2563"]
    assert texts(weak[5]) == ["การเปิดเผยข้อมูล\n- Q&A\n- Social Network", "95.28", "85.56"]
    assert texts(measures[0]) == ["ตัวชี้วัด", "แนวทางการดำเนินงานของสำนักงาน ก.พ.", "ผู้รับผิดชอบ", "ระยะเวลา", "ตัวชี้วัดความสำเร็จ"]


def test_flagged_measure_row_and_note_below_the_table(tmp_path):
    a = analysis()
    a = a.replace(plan=a.plan[a.plan["indicator"] != 10])
    doc = a.document(AGENCY)
    html = render_html(doc)
    measures = html_tables(doc)[3]
    assert texts(measures[-1])[:2] == ["การป้องกันการทุจริต", "ยังไม่ได้กำหนดมาตรการ"]
    assert all("fill-flag" in c[2]["class"].split() for c in measures[-1])
    assert re.search(rf"\.fill-flag\s*{{\s*background:\s*#{FLAG_FILL};", html)  # the stylesheet inlined
    assert not any("style" in c[2] for c in measures[1])
    assert html.index(doc.missing_plan_text) > html.rindex("</table>")
