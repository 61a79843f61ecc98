"""The one table layout of the measures document: the model, the four tables the document builds,
a made-up framework (other tool codes, twelve indicators, three rating levels) through all three
writers, and the PDF, Word and Excel files of the sample agency showing the same tables.

Expected figures are the reference document's (OCSC, FY2562-FY2563) or, for the made-up framework,
worked out by hand from tests/fixtures/madeup_scores.csv.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import AGENCY, FIXTURES, NAMES, ROOT, sample_analysis
from docx.oxml.ns import qn
from docx.table import _Cell
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from poppler_check import have_poppler, require_poppler
from word_text import read_docx

from ita_analysis.frameworks import load_framework
from ita_analysis.report import layout
from ita_analysis.report.document import MISSING_ACTION, MeasuresDocument
from ita_analysis.report.layout import Cell, Column, Table
from ita_analysis.report.pdf import write_pdf
from ita_analysis.report.word import write_docx
from ita_analysis.report.workbook import write_workbook

RAW = ROOT / "data" / "raw"
TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# The reference document (OCSC, FY2563, compared with FY2562)
IIT = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"
EIT = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"
OIT = "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)"
CURRENT = ["89.29", "78.61", "80.87", "75.78", "77.62", "85.74", "75.42", "75.79", "85.56", "87.50"]
PREVIOUS = ["89.07", "79.40", "78.89", "77.51", "76.70", "82.27", "82.38", "74.92", "95.28", "100.00"]
# The reference prints EIT 78.99 (from unrounded item scores); the mean of its printed indicator
# scores, (85.74 + 75.42 + 75.79) / 3, is 78.98.
TOOLS = [(IIT, 5, "80.43", "24.13"), (EIT, 3, "78.98", "23.70"), (OIT, 2, "86.53", "34.61")]
WEAK = ["การใช้งบประมาณ", "การใช้ทรัพย์สินของราชการ", "ประสิทธิภาพการสื่อสาร", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต"]
TABLE_SHEETS = ("ผลการประเมิน", "เปรียบเทียบ", "จุดอ่อน", "มาตรการ")  # the workbook's sheets of the four tables
HEADERS = {
    "results": ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "คะแนนเฉลี่ย", "ผลรวมคะแนนที่ถ่วงน้ำหนัก"],
    "comparison": ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "ผลต่าง", "พ.ศ. 2562", "พ.ศ. 2563"],
    "weaknesses": ["ตัวชี้วัด", "คะแนนที่ได้", "พ.ศ. 2562", "พ.ศ. 2563"],
    "measures": ["ตัวชี้วัด", "แนวทางการดำเนินงานของสำนักงาน ก.พ.", "ผู้รับผิดชอบ", "ระยะเวลา", "ตัวชี้วัดความสำเร็จ"],
}
TOTAL, GRADE = "คะแนนรวมการประเมินฯ", "ผลการประเมินอยู่ในระดับ"


def _change(prev: str, cur: str) -> str:
    return f"{float(cur) - float(prev):.2f}"


def expected_rows() -> dict[str, list[tuple[str, ...]]]:
    """Per table, its rows as (label, values in order), as the reference document gives them."""
    from ita_analysis.ingest.side_inputs import load_plan

    plan = load_plan(RAW / "plan_2564.csv")  # Thai headers, read as the run reads them
    weak = [NAMES.index(n) for n in WEAK]
    return {
        "results": [(n, s) for n, s in zip(NAMES, CURRENT, strict=True)] + [(TOTAL, "82.44"), (GRADE, "B")],
        "comparison": [(n, p, c, _change(p, c)) for n, p, c in zip(NAMES, PREVIOUS, CURRENT, strict=True)]
        + [(TOTAL, "87.11", "82.44", "-4.67"), (GRADE, "A", "B")],
        "weaknesses": [(NAMES[k], PREVIOUS[k], CURRENT[k]) for k in weak],
        "measures": [(NAMES[int(i) - 1], r) for i, r in zip(plan["indicator"], plan["responsible"], strict=True)],
    }


@pytest.fixture(scope="module")
def ocsc() -> MeasuresDocument:
    return sample_analysis().document(AGENCY)


# ---------------------------------------------------------------------------------- the model
def test_grouped_columns_make_a_two_row_header():
    t = Table("t", (Column("a"), Column("x", group="g"), Column("y", group="g"), Column("b")), ())
    top, bottom = t.header
    assert [(c.value, c.rowspan, c.colspan) if c else None for c in top.cells] == [
        ("a", 2, 1), ("g", 1, 2), None, ("b", 2, 1)
    ]  # fmt: skip
    assert [c.value if c else None for c in bottom.cells] == [None, "x", "y", None]
    assert t.labels == ["a", "g", "b", "x", "y"]
    assert len(Table("t", (Column("a"), Column("b")), ()).header) == 1


def test_merge_down_spans_each_run_and_covers_the_rest():
    grid = [[Cell(k), Cell(f"tool {t}")] for k, t in enumerate("AAABCC")]
    layout.merge_down(grid, list("AAABCC"), (1,))
    assert [c[1].rowspan if c[1] else None for c in grid] == [3, None, None, 1, 2, None]
    assert [c[0].value for c in grid] == list(range(6))  # other columns untouched


def test_footer_row_label_spans_and_values_follow():
    row = layout.footer_row("total", 3, [layout.score_cell(1.5), layout.BLANK])
    assert row.footer and [c.colspan if c else None for c in row.cells] == [3, None, None, 1, 1]
    assert row.cells[0].bold and row.cells[3].bold


def test_cells_keep_numbers_and_renderers_format_them(ocsc):
    assert layout.score_cell(float("nan")).value is None and layout.score_cell(87.5).value == 87.5
    assert layout.text_cell(float("nan")).value == ""
    assert layout.cell_text(layout.score_cell(87.5), ocsc) == "๘๗.๕๐"
    assert layout.cell_text(Cell(10, layout.INT), ocsc) == "๑๐"
    assert layout.cell_text(layout.score_cell(None), ocsc) == "-"
    assert layout.cell_text(layout.BLANK, ocsc) == ""
    assert layout.sub_lines(Cell("x", layout.LINES, ("a", "b"))) == ["- a", "- b"]


def test_level_colours_follow_the_rank_from_green_to_red():
    letters = load_framework(2563)
    assert layout.level_position(letters, "AA") == 0.0 and layout.level_position(letters, "F") == 1.0
    assert layout.level_position(letters, "ไม่มี") is None and layout.level_position(letters, None) is None
    fills = [layout.level_fill(layout.level_position(letters, lv.label)) for lv in letters.levels]
    assert fills[0] == layout.LEVEL_PALETTE[0] and fills[-1] == layout.LEVEL_PALETTE[-1]
    assert len(set(fills)) == len(fills)  # every level its own colour
    greens = [int(f[2:4], 16) - int(f[0:2], 16) for f in fills]  # green minus red: falls level by level
    assert greens == sorted(greens, reverse=True)
    assert layout.level_fill(0.5) == layout.LEVEL_PALETTE[1]


# ------------------------------------------------------------------ the document's four tables
def test_results_table(ocsc):
    t = ocsc.results_table()
    assert t.labels == HEADERS["results"]
    body = t.body
    assert [r.cells[2].value for r in body] == NAMES
    assert [r.cells[0].value for r in body] == list(range(1, 11))
    assert [f"{r.cells[3].value:.2f}" for r in body] == CURRENT
    firsts = [k for k, r in enumerate(body) if r.cells[1] is not None]
    assert firsts == [0, 5, 8]
    for k, (label, span, mean, weighted) in zip(firsts, TOOLS, strict=True):
        cells = body[k].cells
        assert (cells[1].value, cells[1].rowspan, cells[4].rowspan, cells[5].rowspan) == (label, span, span, span)
        assert (f"{cells[4].value:.2f}", f"{cells[5].value:.2f}") == (mean, weighted)
    total, grade = t.footers
    assert (total.cells[0].value, total.cells[0].colspan, total.cells[5].value) == (TOTAL, 5, 82.44)
    assert (grade.cells[0].value, grade.cells[0].colspan, grade.cells[5].value) == (GRADE, 5, "B")
    assert grade.cells[5].level == pytest.approx(2 / 6)  # B: third of seven letter grades


def test_comparison_table(ocsc):
    t = ocsc.comparison_table()
    assert len(t.header) == 2 and t.labels == HEADERS["comparison"][:5] + ["พ.ศ. ๒๕๖๒", "พ.ศ. ๒๕๖๓"]
    assert [layout.cell_text(r.cells[5], ocsc).translate(TO_ARABIC) for r in t.body] == [
        _change(p, c) for p, c in zip(PREVIOUS, CURRENT, strict=True)
    ]
    total, grade = t.footers
    assert [c.value for c in total.cells[3:]] == [87.11, 82.44, -4.67]
    assert [c.value for c in grade.cells[3:]] == ["A", "B", ""]
    assert grade.cells[3].level < grade.cells[4].level


def test_weakness_and_measures_tables(ocsc):
    weak = ocsc.weakness_table()
    assert [r.cells[0].value for r in weak.rows] == WEAK
    assert weak.rows[3].cells[0].lines == ("Q&A", "Social Network")
    measures = ocsc.measures_table()
    assert measures.labels == HEADERS["measures"]
    assert not any(r.flagged for r in measures.rows) and measures.note == ""


def test_measures_table_merges_an_indicator_flags_a_missing_one_and_drops_empty_columns(ocsc):
    plan = ocsc.plan.copy()
    plan[["timeline", "kpi"]] = ""
    second = plan.iloc[[0]].assign(action="อีกมาตรการหนึ่ง")
    missing = plan.iloc[[0]].assign(indicator=3, indicator_name=NAMES[2], action="-", responsible="", missing=True)
    plan = pd.concat([plan.iloc[:1], second, missing, plan.iloc[1:]], ignore_index=True)
    doc = MeasuresDocument(**{**ocsc.__dict__, "plan": plan})
    t = doc.measures_table()
    assert t.labels == HEADERS["measures"][:3]
    assert t.rows[0].cells[0].rowspan == 2 and t.rows[1].cells[0] is None
    assert [r.flagged for r in t.rows[:4]] == [False, False, True, False]
    assert t.note == doc.missing_plan_text and NAMES[2] in t.note


# ----------------------------------------------------------------------- a made-up framework
# tests/fixtures/madeup_scores.csv, agency สำนักงานทดสอบกรอบใหม่; tools STAFF 1-4, USER 5-7, WEB 8-12
MADEUP_AGENCY = "สำนักงานทดสอบกรอบใหม่"
MADEUP = {
    2589: [82, 88, 70, 65, 80, 95, 92, 100, 95, 85, 75, 60],
    2590: [80, 90, 70, 60, 85, 95, 90, 100, 90, 80, 70, 60],
}
MADEUP_TOOLS = [  # label, rows, mean, weighted (weights 0.2 / 0.3 / 0.5)
    ("แบบสำรวจบุคลากร (STAFF)", 4, 75.0, 15.0),
    ("แบบสำรวจผู้รับบริการ (USER)", 3, 90.0, 27.0),
    ("แบบตรวจเว็บไซต์ (WEB)", 5, 80.0, 40.0),
]


@pytest.fixture(scope="module")
def madeup() -> MeasuresDocument:
    """The made-up agency's document, put together here from the fixture's scores."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ITA_FRAMEWORKS_DIR", str(FIXTURES / "frameworks"))
        yield _madeup_document(load_framework(2590))


def _madeup_document(fw) -> MeasuresDocument:
    inds = fw.indicators
    per_tool = {"STAFF": (75.0, 15.0), "USER": (90.0, 27.0), "WEB": (80.0, 40.0)}
    results = pd.DataFrame(
        {
            "indicator": [i.number for i in inds],
            "indicator_name": [i.name_th for i in inds],
            "tool": [i.tool for i in inds],
            "score": [float(s) for s in MADEUP[2590]],
            "tool_score": [per_tool[i.tool][0] for i in inds],
            "tool_weighted": [per_tool[i.tool][1] for i in inds],
        }
    )
    comparison = results[["indicator", "indicator_name", "tool"]].assign(
        score_previous=[float(s) for s in MADEUP[2589]], score_current=results["score"]
    )
    comparison["change"] = comparison["score_current"] - comparison["score_previous"]
    weak = comparison[comparison["change"] < 0].assign(sub_items="ข้อย่อยหนึ่ง\nข้อย่อยสอง").reset_index(drop=True)
    plan = pd.DataFrame(
        {
            "indicator": [1, 1, 4],
            "indicator_name": [inds[0].name_th, inds[0].name_th, inds[3].name_th],
            "tool": ["STAFF"] * 3,
            "action": ["มาตรการแรก", "มาตรการที่สอง", MISSING_ACTION],
            "responsible": ["กองกลาง", "กองคลัง", ""],
            "timeline": ["", "", ""],
            "kpi": ["", "", ""],
            "missing": [False, False, True],
        }
    )
    recs = pd.DataFrame(
        {"indicator": [1], "recommendation": ["ทบทวนขั้นตอน"], "indicator_name": [inds[0].name_th], "tool": ["STAFF"]}
    )
    return MeasuresDocument(
        agency=MADEUP_AGENCY,
        fiscal_year=2590,
        previous_year=2589,
        framework=fw,
        summary={"total": 82.0, "grade": "ผ่านเกณฑ์"},
        previous_summary={"total": 83.45, "grade": "ดีเด่น"},
        results=results,
        comparison=comparison,
        weaknesses=weak,
        weakness_rule_th="คะแนนลดลงจากปีก่อน",
        recommendations=recs,
        target=None,
        plan=plan,
    )


def test_madeup_framework_tables(madeup):
    t = madeup.results_table()
    assert len(t.body) == 12 and len(t.footers) == 2
    tools = [(r.cells[1].value, r.cells[1].rowspan, r.cells[4].value, r.cells[5].value) for r in t.body if r.cells[1]]
    assert tools == MADEUP_TOOLS
    grade = t.footers[1].cells[5]
    assert grade.value == "ผ่านเกณฑ์" and grade.level == 0.5  # the middle of three levels
    prev_grade = madeup.comparison_table().footers[1].cells[3]
    assert prev_grade.value == "ดีเด่น" and prev_grade.level == 0.0  # ranked in FY2589's framework
    assert [r.cells[0].value for r in madeup.weakness_table().rows] == [
        "ความซื่อสัตย์",
        "การดูแลพัสดุ",
        "ช่องทางติดต่อ",
        "แผนงานประจำปี",
        "รายงานการเงิน",
        "ประกาศจัดซื้อ",
    ]
    m = madeup.measures_table()
    assert len(m.columns) == 3 and m.rows[0].cells[0].rowspan == 2 and m.rows[2].flagged


def test_madeup_framework_through_the_three_writers(madeup, tmp_path):
    wb = load_workbook(write_workbook(madeup, tmp_path / "m.xlsx"))
    ws = wb["ผลการประเมิน"]
    values = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    for label, rows, mean, weighted in MADEUP_TOOLS:
        cell = values[label]
        span = next(m for m in ws.merged_cells.ranges if m.min_row == cell.row and m.min_col == cell.column)
        assert span.max_row - span.min_row + 1 == rows
        assert ws.cell(row=cell.row, column=5).value == mean and ws.cell(row=cell.row, column=6).value == weighted
    grade = values["ผ่านเกณฑ์"]
    assert grade.fill.fgColor.rgb[-6:] == layout.LEVEL_PALETTE[1]
    prev = next(c for row in wb["เปรียบเทียบ"].iter_rows() for c in row if c.value == "ดีเด่น")
    assert prev.fill.fgColor.rgb[-6:] == layout.LEVEL_PALETTE[0]

    d = read_docx(write_docx(madeup, tmp_path / "m.docx"))
    results = [[c.text for c in row.cells] for row in d.tables[0].rows]
    assert len(results) == 1 + 12 + 2 and results[-2][-1] == "๘๒.๐๐" and results[-1][-1] == "ผ่านเกณฑ์"
    assert [r[1] for r in results[1:13]] == [t for t, n, _, _ in MADEUP_TOOLS for _ in range(n)]

    if have_poppler("pdftotext"):  # without poppler this part is left out (in CI it fails)
        text = norm(pdf_text(write_pdf(madeup, tmp_path / "m.pdf"), "-raw"))
        for label, *_ in MADEUP_TOOLS:
            assert norm(label) in text
        assert norm(f"{TOTAL} 82.00") in text and norm(f"{GRADE} ผ่านเกณฑ์") in text


# ------------------------------------------------------------- the same tables in three files
def norm(text: str) -> str:
    """Text compared across formats: Arabic digits, no spaces; SARA AM as SARA AA and no tone marks,
    as the PDF's text layer gives Thai (see test_pdf.normalise)."""
    text = str(text).translate(TO_ARABIC).replace("\u0e33", "\u0e32")
    return re.sub(r"[\u0e48-\u0e4b\u0e4d\s]", "", text)


def pdf_text(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout


def docx_records(table) -> list[list[str]]:
    """Each row's cells as written (a merged cell once, where it starts), text normalised; a line
    break inside a paragraph (a header broken between its words) adds nothing."""
    out = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            merge = tc.tcPr.vMerge_val if tc.tcPr is not None else None
            if merge == "continue":
                continue
            paragraphs = _Cell(tc, table).paragraphs
            cells.append("\n".join("".join(t.text or "" for t in p._p.iter(qn("w:t"))) for p in paragraphs))
        out.append(cells)
    return out


def xlsx_records(ws) -> list[list[str]]:
    out = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            if isinstance(c, MergedCell) or c.value is None:
                continue
            if isinstance(c.value, (int, float)) and c.number_format == "0.00":
                cells.append(f"{c.value:.2f}")
            else:
                cells.append(str(c.value))
        out.append(cells)
    return out


def _first_line(cell: str) -> str:
    return cell.split("\n")[0]


def assert_records(records: list[list[str]], headers: list[str], rows: list[tuple[str, ...]], where: str) -> None:
    """The header labels as one header's cells, in order; then each row in order: a record whose
    cell is the row's label, followed by its values (further cells may sit between them)."""
    flat = [[norm(_first_line(c)) for c in r if norm(c)] for r in records]
    labels = [norm(h) for h in headers]
    header_cells = [c for r in flat for c in r if c in labels]
    assert header_cells[: len(labels)] == labels, where
    at = 0
    for label, *values in rows:
        want = [norm(label), *map(norm, values)]
        for k in range(at, len(flat)):
            if norm(label) in flat[k] and _in_order(flat[k][flat[k].index(norm(label)) :], want):
                at = k + 1
                break
        else:
            raise AssertionError(f"{where}: no row {label} {values} after record {at}")


def _in_order(cells: list[str], wanted: list[str]) -> bool:
    it = iter(cells)
    return all(any(c == w for c in it) for w in wanted)


@pytest.fixture(scope="module")
def three_files(ocsc, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("three")
    return {
        "pdf": write_pdf(ocsc, out / "measures.pdf"),
        "docx": write_docx(ocsc, out / "measures.docx"),
        "xlsx": write_workbook(ocsc, out / "measures.xlsx"),
    }


def test_word_shows_the_reference_tables(three_files):
    tables = read_docx(three_files["docx"]).tables
    for table, name in zip(tables, HEADERS, strict=True):
        assert_records(docx_records(table), HEADERS[name], expected_rows()[name], f"docx {name}")


def test_excel_shows_the_reference_tables(three_files):
    wb = load_workbook(three_files["xlsx"])
    for sheet, name in zip(TABLE_SHEETS, HEADERS, strict=True):
        assert_records(xlsx_records(wb[sheet]), HEADERS[name], expected_rows()[name], f"xlsx {name}")


def test_pdf_shows_the_reference_tables(three_files):
    """Header labels and row labels in order in the text (pdftotext -raw keeps each cell's lines
    together); each row's label and values on one line of the page (pdftotext -layout)."""
    require_poppler("pdftotext")
    raw = norm(pdf_text(three_files["pdf"], "-raw"))
    lines = [norm(line) for line in pdf_text(three_files["pdf"], "-layout").splitlines()]
    at = 0
    for name, headers in HEADERS.items():
        at = raw.index(norm("".join(headers[:3])), at)  # each table's header, after the one before
        assert raw.startswith(norm("".join(headers)), at), name
        for label, *values in expected_rows()[name]:
            at = raw.index(norm(label), at)
            if name != "measures":  # measures' cells wrap into many lines; their order is checked above
                assert any(_row_on_line(line, label, values) for line in lines), (name, label, values)


def _row_on_line(line: str, label: str, values: list[str]) -> bool:
    """The label (or, when its cell wraps, its first words) and then the values on one line."""
    key = norm(label)
    for n in range(len(key), min(len(key), 8) - 1, -1):
        if key[:n] in line:
            rest = line[line.index(key[:n]) + n :]
            break
    else:
        return False
    for value in values:
        if norm(value) not in rest:
            return False
        rest = rest[rest.index(norm(value)) + len(norm(value)) :]
    return True


def test_the_three_files_have_the_same_table_labels(three_files):
    """Every header and row label of the Word tables is in the Excel sheets, and the reverse."""
    word = [docx_records(t) for t in read_docx(three_files["docx"]).tables]
    wb = load_workbook(three_files["xlsx"])
    excel = [xlsx_records(wb[s]) for s in TABLE_SHEETS]
    for w, x, name in zip(word, excel, HEADERS, strict=True):
        w_cells = {norm(_first_line(c)) for r in w for c in r} - {""}
        x_cells = {norm(_first_line(c)) for r in x for c in r}
        assert w_cells <= x_cells, (name, w_cells - x_cells)
