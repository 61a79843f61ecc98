"""Measures documents saved as Word (.docx): their results and comparison tables are score inputs.

The documents are built with python-docx like the reference one (title paragraphs, the results
table with tool cells merged down and Thai digits, the comparison table with its two-row header,
the weakness and measures tables) by tests/fixtures/make_measures_docx.py; one test reads the
committed sample it wrote. Figures are checked against NACC's published ones for OCSC.
"""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
from conftest import AGENCY, FIXTURES, SCORES, sample_analysis
from docx import Document
from typer.testing import CliRunner

from ita_analysis.compute.scoring import compare_published, score
from ita_analysis.errors import InputError
from ita_analysis.ingest.docx_tables import FROM_HEADING, FROM_PARAGRAPH, find_agency, names_indicators, read_docx
from ita_analysis.ingest.header_row import find_header
from ita_analysis.ingest.scores import load

_spec = importlib.util.spec_from_file_location("make_measures_docx", FIXTURES / "make_measures_docx.py")
maker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(maker)

SAMPLE = FIXTURES / "ocsc_measures_2564.docx"


def by_year(scores: pd.DataFrame, year: int) -> list[float]:
    """The ten indicator scores of a year, in indicator order."""
    s = scores[scores["fiscal_year"] == year].sort_values("indicator")
    assert s["indicator"].tolist() == list(range(1, 11))
    return s["score"].tolist()


def assert_ocsc(loaded, years=(2562, 2563), agency: str = AGENCY) -> None:
    """NACC's published OCSC figures: indicators, then totals 87.11 (A) and 82.44 (B)."""
    scores = loaded.scores
    assert sorted(scores["fiscal_year"].unique()) == sorted(years)
    assert (scores["agency"] == agency).all()
    assert len(scores) == 10 * len(years)  # each score once, though two tables print FY2563
    for y in years:
        assert by_year(scores, y) == SCORES[y]
    summary = score(scores).set_index("fiscal_year")
    expected = {2562: (87.11, "A"), 2563: (82.44, "B")}
    for y in years:
        assert summary.loc[y, "total"] == pytest.approx(expected[y][0], abs=1e-9)
        assert summary.loc[y, "grade"] == expected[y][1]


@pytest.fixture
def measures_docx(tmp_path):
    return maker.build(tmp_path / "measures.docx")


def test_committed_sample_gives_nacc_figures():
    loaded = load(SAMPLE)
    assert_ocsc(loaded)
    assert loaded.warnings == []
    origin = loaded.origin
    assert set(origin["file"]) == {f"{SAMPLE} (table 1)", f"{SAMPLE} (table 2)"}
    # FY2563 from the results table (rows 2-11), FY2562 from the comparison table (rows 3-12)
    first = origin.iloc[0]
    assert (first["file"], first["row"], first["column"]) == (f"{SAMPLE} (table 1)", 2, "คะแนนที่ได้")
    assert first["year_column"] == FROM_PARAGRAPH
    assert origin.loc[loaded.scores["fiscal_year"] == 2562, "row"].tolist() == list(range(3, 13))


def test_printed_figures_are_kept(measures_docx):
    loaded = load(measures_docx)
    pub = loaded.published
    totals = pub[pub["measure"] == "total"].set_index("fiscal_year")["value"]
    assert totals.to_dict() == {2562: 87.11, 2563: 82.44}  # 82.44 printed twice, kept once
    tools = pub[pub["fiscal_year"] == 2563].set_index("measure")["value"].to_dict()
    assert {k: tools[k] for k in ("iit", "eit", "oit")} == {"iit": 80.43, "eit": 78.99, "oit": 86.53}
    assert {k: tools[k] for k in ("iit_weighted", "eit_weighted", "oit_weighted")} == {
        "iit_weighted": 24.13, "eit_weighted": 23.70, "oit_weighted": 34.61,
    }  # fmt: skip
    warnings = compare_published(score(loaded.scores), pub)  # only the printed EIT mean (78.99 vs 78.98)
    assert [(w.file, w.row, w.column, w.value) for w in warnings] == [
        (f"{measures_docx} (table 1)", 7, "คะแนนเฉลี่ย", "78.99")
    ]


def test_tables_become_grids_with_merged_cells_written_once(measures_docx):
    doc = read_docx(measures_docx)
    assert len(doc.tables) == 5  # results, comparison, weakness, measures in two parts
    results, comparison, weakness = (t.grid for t in doc.tables[:3])
    assert results.shape == (12, 6)
    assert results.iloc[1, 1] == maker.TOOLS[0][0] and results.iloc[2:6, 1].tolist() == [""] * 4
    assert results.iloc[1, 4] == "๘๐.๔๓" and results.iloc[2, 4] == ""  # the tool mean, merged down
    assert results.iloc[11].tolist() == ["คะแนนรวมการประเมินฯ", "", "", "", "", "๘๒.๔๔"]  # merged across
    assert comparison.iloc[0].tolist() == ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", ""]
    assert comparison.iloc[1].tolist() == ["", "", "", "พ.ศ. ๒๕๖๒", "พ.ศ. ๒๕๖๓"]
    assert weakness.iloc[2, 0].startswith("การใช้งบประมาณ\n- การรับทราบ")


def test_agency_and_year_of_each_table(measures_docx):
    doc = read_docx(measures_docx)
    t1, t2 = doc.tables[:2]
    assert (t1.agency, t1.fiscal_year, t1.year_from) == (AGENCY, 2563, FROM_PARAGRAPH)  # not the title's 2564
    assert t2.agency == AGENCY  # its sentence names two years: the header says which column is which
    assert doc.heading[0] == f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ๒๕๖๔ ของ{AGENCY}"


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency "
         "Assessment: ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ ของสำนักงาน ก.พ. ในภาพรวม ได้คะแนนเท่ากับ ๘๒.๔๔ คะแนน",
         "สำนักงาน ก.พ."),
        ("ของสำนักงาน ก.พ.", "สำนักงาน ก.พ."),
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ของกรมบัญชีกลาง ประจำปีงบประมาณ ๒๕๖๔", "กรมบัญชีกลาง"),
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๒ - ๒๕๖๓ ของสำนักงาน ก.พ. ได้ดังนี้", "สำนักงาน ก.พ."),
        ("ของเทศบาลตำบลหนองปลิง(ITA)", "เทศบาลตำบลหนองปลิง"),
        ("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน", None),  # "ของ" inside a phrase
        ("การดำเนินงาน ของหน่วยงานภาครัฐ (ITA)", None),  # the generic phrase
        ("ผลคะแนน ดังนี้", None),
    ],
)  # fmt: skip
def test_find_agency(text, agency):
    assert find_agency(text) == agency


def test_tables_that_disagree_name_both_places(tmp_path):
    changed = {y: list(v) for y, v in SCORES.items()}
    changed[2563][2] = 80.78  # indicator 3: 80.87 in the results table, 80.78 in the comparison table
    path = maker.build(tmp_path / "disagree.docx", comparison_scores=changed)
    with pytest.raises(InputError) as exc:
        load(path)
    [p] = exc.value.problems
    assert (p.file, p.row, p.column, p.value) == (f"{path} (table 2)", 5, "พ.ศ. ๒๕๖๓", "80.78")
    assert f"80.87 that {path} (table 1), row 4, column 'คะแนนที่ได้'" in p.expected
    assert "indicator 3" in p.expected and "disagree" in p.expected


def test_no_score_table(tmp_path):
    path = maker.build(tmp_path / "measures_only.docx", tables=("weakness", "measures"))
    with pytest.raises(InputError) as exc:
        load(path)
    [p] = exc.value.problems
    assert p.file == str(path) and p.row is None
    assert "a table of ITA scores" in p.expected and "none of its 3 table(s)" in p.expected
    empty = tmp_path / "no_tables.docx"
    d = Document()
    d.add_paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ของสำนักงาน ก.พ.")
    d.save(empty)
    with pytest.raises(InputError, match="it has no table"):
        load(empty)


def test_callers_agency_and_year_override_the_documents(measures_docx):
    name = "สำนักงานคณะกรรมการข้าราชการพลเรือน"
    # --agency/--fy as `score` gives them: the year also selects the comparison table's columns
    assert_ocsc(load(measures_docx, agency=name, fiscal_year="พ.ศ. ๒๕๖๓"), years=(2563,), agency=name)
    # as the yearly run gives them (select=False): every year kept for the comparisons
    assert_ocsc(load(measures_docx, agency=name, fiscal_year=2563, select=False), agency=name)


def test_documents_year_wins_over_the_callers_with_a_warning(tmp_path):
    # a run of FY2564 reads last year's measures document: its results are FY2563's, not FY2564's
    path = maker.build(tmp_path / "results_only.docx", tables=("results",))
    loaded = load(path, fiscal_year=2564)
    assert loaded.scores["fiscal_year"].unique().tolist() == [2563]
    assert by_year(loaded.scores, 2563) == SCORES[2563]
    [w] = loaded.warnings
    assert w.file == f"{path} (table 1)" and "2563" in w.expected and "2564" in w.expected


def test_year_from_the_title_is_a_warning(tmp_path):
    path = tmp_path / "short.docx"
    d = Document()
    d.add_paragraph("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ ของกรมทดสอบ", style="Title")
    for intro in ("คะแนนรายตัวชี้วัด ดังนี้", "ตารางเดิม ดังนี้"):  # the second table: no year before it
        d.add_paragraph(intro)
        t = d.add_table(rows=11, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "ตัวชี้วัด", "คะแนน"
        for i, (name, value) in enumerate(zip(maker.NAMES, SCORES[2563], strict=True), start=1):
            t.cell(i, 0).text, t.cell(i, 1).text = name, maker.th(value)
    d.save(path)
    doc = read_docx(path)
    assert [(x.agency, x.fiscal_year, x.year_from) for x in doc.tables] == [
        ("กรมทดสอบ", 2563, FROM_PARAGRAPH), ("กรมทดสอบ", 2563, FROM_HEADING),
    ]  # fmt: skip
    loaded = load(path)
    assert by_year(loaded.scores, 2563) == SCORES[2563]
    assert [w.file for w in loaded.warnings] == [f"{path} (table 2)"]
    assert "title" in loaded.warnings[0].expected


def test_no_agency_in_the_document(tmp_path):
    path = maker.build(tmp_path / "anonymous.docx", agency="", tables=("results",), core_title=False)
    with pytest.raises(InputError, match="--agency NAME"):
        load(path)
    assert_ocsc(load(path, agency=AGENCY), years=(2563,))


def test_decomposed_sara_am_still_resolves(tmp_path):
    path = maker.build(tmp_path / "from_pdf.docx", decompose=True)
    text = "\n".join(c.text for t in Document(str(path)).tables for r in t.rows for c in r.cells)
    assert "\u0e4d\u0e32" in text and "\u0e33" not in text  # การใช้อำนาจ, คุณภาพการดำเนินงาน ...
    assert_ocsc(load(path))  # agency "สำนักงาน ก.พ." composed again


def test_weakness_rows_without_sub_items_do_not_make_it_a_score_table():
    rows = [["ตัวชี้วัด", "คะแนนที่ได้", ""], ["", "พ.ศ. ๒๕๖๒", "พ.ศ. ๒๕๖๓"], ["การใช้งบประมาณ", "๗๙.๔๐", "๗๘.๖๑"]]
    rows += [[f"{n}\n- ประเด็นย่อย", "๙๐.๐๐", "๘๐.๐๐"] for n in maker.NAMES[3:6]]
    grid = pd.DataFrame(rows, dtype=object)
    assert not names_indicators(grid, find_header(grid))
    grid.iloc[3:, 0] = maker.NAMES[3:6]
    assert names_indicators(grid, find_header(grid))


def test_no_sheet_for_a_word_document(measures_docx):
    with pytest.raises(InputError, match="no sheet for a Word document"):
        load(measures_docx, sheet="Sheet1")


def test_this_packages_own_measures_docx_reads_back(tmp_path):
    from ita_analysis.report.word import write_docx

    path = write_docx(sample_analysis().document(AGENCY), tmp_path / "measures.docx")
    loaded = load(path)
    assert_ocsc(loaded)
    assert loaded.warnings == []


def test_cli_score_reads_a_docx(measures_docx):
    from ita_analysis.cli import app

    result = CliRunner().invoke(app, ["score", str(measures_docx)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "82.44" in result.stdout and "87.11" in result.stdout
    assert "78.99" in result.output  # the printed EIT mean, shown as a warning
