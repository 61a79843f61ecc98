"""The reference document's figures come out of every supported input shape."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AGENCY, NAMES, SCORES, TOOLS, long_rows, write_csv, write_xlsx

from ita_analysis.compute.scoring import compare_published, score
from ita_analysis.ingest.scores import SCORE_COLUMNS, load, load_scores
from ita_analysis.thai.numbers import to_thai_digits


def assert_reference(summary: pd.DataFrame, years=(2562, 2563)) -> None:
    """FY2563: 80.43 / 78.98 (published 78.99) / 86.53, weighted 24.13 / 23.70 / 34.61, 82.44 B; FY2562 87.11 A."""
    s = summary.set_index("fiscal_year")
    assert sorted(s.index) == sorted(years)
    assert (s["agency"] == AGENCY).all()
    if 2563 in years:
        r = s.loc[2563]
        assert r["iit"] == pytest.approx(80.43, abs=1e-9)
        assert r["eit"] == pytest.approx(78.99, abs=0.01 + 1e-9)
        assert r["oit"] == pytest.approx(86.53, abs=1e-9)
        assert (r["iit_weighted"], r["eit_weighted"], r["oit_weighted"]) == pytest.approx(
            (24.13, 23.70, 34.61), abs=1e-9
        )
        assert r["total"] == pytest.approx(82.44, abs=1e-9)
        assert r["grade"] == "B"
    if 2562 in years:
        r = s.loc[2562]
        assert r["total"] == pytest.approx(87.11, abs=1e-9)
        assert r["grade"] == "A"


def test_long_csv_sample(sample_csv):
    loaded = load(sample_csv)
    assert list(loaded.scores.columns) == SCORE_COLUMNS
    assert len(loaded.scores) == 20
    assert loaded.scores["score"].dtype == "float64"
    assert loaded.scores.loc[loaded.scores["indicator"] == 9, "tool"].unique().tolist() == ["OIT"]
    assert_reference(score(loaded.scores))


def test_long_xlsx_with_thai_headers_and_digits(tmp_path):
    rows = [["หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "คะแนน"]]
    for y in (2562, 2563):
        for i, s in enumerate(SCORES[y], start=1):
            rows.append(
                [
                    AGENCY,
                    f"พ.ศ. {to_thai_digits(str(y))}",
                    f"ตัวชี้วัดที่ {to_thai_digits(str(i))}",
                    to_thai_digits(f"{s:.2f}"),
                ]
            )
    path = write_xlsx(tmp_path / "long.xlsx", rows)
    assert_reference(score(load_scores(path)))


def test_long_xlsx_named_sheet_with_numbers(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "notes"
    wb.active.append(["nothing here"])
    ws = wb.create_sheet("คะแนน ITA")
    for r in long_rows():
        ws.append(r)
    wb.save(tmp_path / "book.xlsx")
    assert_reference(score(load_scores(tmp_path / "book.xlsx", sheet="คะแนน ITA")))
    assert_reference(score(load_scores(tmp_path / "book.xlsx", sheet=1)))


def test_wide_csv_with_thai_names_and_variants(tmp_path):
    # names with the ตัวชี้วัด prefix, a known variant, an English name, number+name
    headers = ["หน่วยงาน", "ปีงบประมาณ"] + [
        "ตัวชี้วัดการปฏิบัติหน้าที่", "การใช้งบประมาณ", "Use of authority", "4. การใช้ทรัพย์สินของราชการ",
        "ตัวชี้วัดที่ ๕", "คุณภาพการดำเนินงาน", "Communication Efficiency", "การปรับปรุงระบบการทำงาน",
        "ind_9", "ตัวชี้วัดที่ 10 การป้องกันการทุจริต",
    ]  # fmt: skip
    rows = [headers] + [[AGENCY, y, *SCORES[y]] for y in (2562, 2563)]
    path = write_csv(tmp_path / "wide.csv", rows)
    assert_reference(score(load_scores(path)))


def test_wide_xlsx_bare_numbers(tmp_path):
    rows = [["agency", "year", *range(1, 11)]] + [[AGENCY, y, *SCORES[y]] for y in (2562, 2563)]
    assert_reference(score(load_scores(write_xlsx(tmp_path / "wide.xlsx", rows))))


def test_report_tsv_from_the_reference_document(report_tsv):
    loaded = load(report_tsv, agency=AGENCY, fiscal_year="พ.ศ. ๒๕๖๓")
    summary = score(loaded.scores)
    assert_reference(summary, years=(2563,))
    # published mean, weighted sums and total are read; only the EIT mean differs (78.99 vs 78.98)
    assert set(loaded.published["measure"]) == {
        "iit",
        "eit",
        "oit",
        "iit_weighted",
        "eit_weighted",
        "oit_weighted",
        "total",
    }
    warnings = compare_published(summary, loaded.published)
    assert len(warnings) == 1
    w = warnings[0]
    assert (w.row, w.column, w.value) == (9, "คะแนนเฉลี่ย", "78.99")
    assert "78.98" in w.expected


def test_report_xlsx_with_merged_tool_cells(tmp_path):
    rows = [["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "คะแนนเฉลี่ย", "ผลรวมคะแนนที่ถ่วงน้ำหนัก"]]
    tool_names = {
        "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
        "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
        "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
    }
    seen = set()
    for i, (name, tool, s) in enumerate(zip(NAMES, TOOLS, SCORES[2563], strict=True), start=1):
        rows.append([i, tool_names[tool] if tool not in seen else None, name, s, None, None])
        seen.add(tool)
    rows.append(["คะแนนรวมการประเมินฯ", None, None, None, None, 82.44])
    path = write_xlsx(tmp_path / "report.xlsx", rows, merges=["B2:B6", "B7:B9", "B10:B11", "A12:E12"])
    loaded = load(path, agency=AGENCY, fiscal_year=2563)
    assert_reference(score(loaded.scores), years=(2563,))
    assert loaded.published.set_index("measure").loc["total", "value"] == 82.44
    assert compare_published(score(loaded.scores), loaded.published) == []


def test_comparison_tsv_two_year_header(comparison_tsv):
    loaded = load(comparison_tsv, agency=AGENCY)
    assert_reference(score(loaded.scores))
    totals = loaded.published[loaded.published["measure"] == "total"].set_index("fiscal_year")["value"]
    assert totals.to_dict() == {2562: 87.11, 2563: 82.44}


def test_comparison_single_header_row_xlsx(tmp_path):
    rows = [["ตัวชี้วัด", "ปีงบประมาณ 2562", "ปีงบประมาณ 2563"]]
    rows += [[n, a, b] for n, a, b in zip(NAMES, SCORES[2562], SCORES[2563], strict=True)]
    assert_reference(score(load_scores(write_xlsx(tmp_path / "cmp.xlsx", rows), agency=AGENCY)))


def test_decomposed_sara_am_and_stray_spaces(tmp_path, report_tsv):
    text = report_tsv.read_text(encoding="utf-8").replace("\u0e33", "\u0e4d\u0e32").replace("การใช้อ", "การใช้  อ")
    assert "\u0e33" not in text
    path = tmp_path / "copied_from_pdf.txt"
    path.write_text(text, encoding="utf-8")
    assert_reference(score(load_scores(path, agency=AGENCY, fiscal_year=2563)), years=(2563,))


def test_windows_thai_encoding_and_semicolons(tmp_path):
    path = write_csv(tmp_path / "excel_thai.csv", long_rows(), encoding="cp874", delimiter=";")
    assert_reference(score(load_scores(path)))


def test_caller_agency_and_year_select_rows(tmp_path):
    rows = long_rows() + long_rows(agency="หน่วยงานอื่น")[1:]
    path = write_csv(tmp_path / "two.csv", rows)
    assert load_scores(path)["agency"].nunique() == 2
    only = load_scores(path, agency=AGENCY, fiscal_year=2563)
    assert set(only["agency"]) == {AGENCY} and set(only["fiscal_year"]) == {2563}


def test_several_files_at_once(tmp_path, report_tsv, sample_csv):
    other = write_csv(tmp_path / "other.csv", long_rows(agency="หน่วยงานอื่น"))
    scores = load_scores([sample_csv, other])
    assert len(scores) == 40
    summary = score(scores)
    assert len(summary) == 4


def test_thai_file_and_folder_names(tmp_path, sample_csv):
    folder = tmp_path / "ข้อมูลดิบ ปี 2563"
    folder.mkdir()
    path = folder / "คะแนน ITA สำนักงาน ก.พ..csv"
    path.write_bytes(sample_csv.read_bytes())
    assert_reference(score(load_scores(path)))


def test_score_output_reads_back_as_wide(tmp_path, sample_csv):
    """A summary written by `score` is itself a valid input; its printed figures are checked too."""
    from ita_analysis.files import write_csv as write_summary

    summary = score(load_scores(sample_csv))
    path = write_summary(summary, tmp_path / "summary.csv")
    again = load(path)
    assert_reference(score(again.scores))
    assert compare_published(score(again.scores), again.published) == []
    assert {"total", "grade", "iit"} <= set(again.published["measure"])


def test_long_table_with_running_number_and_indicator_number_columns(tmp_path):
    rows = [["ลำดับ", "ชื่อหน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัดที่", "ชื่อตัวชี้วัด", "คะแนนที่ได้ (เต็ม 100)", "จังหวัด"]]
    k = 0
    for y in (2562, 2563):
        for i, (n, s) in enumerate(zip(NAMES, SCORES[y], strict=True), start=1):
            k += 1
            rows.append([k, AGENCY, y, i, n, s, "กรุงเทพมหานคร"])
    assert_reference(score(load_scores(write_csv(tmp_path / "numbered.csv", rows))))


def test_tool_rows_total_rows_and_sub_indicators(tmp_path):
    rows = [["เครื่องมือ/ตัวชี้วัด", "คะแนน"]]
    means = {"IIT": 80.43, "EIT": 78.99, "OIT": 86.53}
    for tool in ("IIT", "EIT", "OIT"):
        rows.append([f"แบบวัด {tool}", means[tool]])
        for i, (n, t, s) in enumerate(zip(NAMES, TOOLS, SCORES[2563], strict=True), start=1):
            if t == tool:
                rows.append([f"{i}. {n}", s])
                if i == 9:
                    rows.append(["9.1 ข้อมูลพื้นฐาน", 100.0])
    rows.append(["คะแนน ITA รวม", 82.44])
    loaded = load(write_xlsx(tmp_path / "tools.xlsx", rows), agency=AGENCY, fiscal_year=2563)
    summary = score(loaded.scores)
    assert_reference(summary, years=(2563,))
    pub = loaded.published.set_index("measure")["value"].to_dict()
    assert pub == {"iit": 80.43, "eit": 78.99, "oit": 86.53, "total": 82.44}
    assert [w.row for w in loaded.warnings] == [14] and "sub-indicator" in loaded.warnings[0].expected
    assert [w.value for w in compare_published(summary, loaded.published)] == ["78.99"]


def test_long_table_with_a_total_row_per_agency(tmp_path):
    rows = long_rows(years=(2563,)) + [[AGENCY, 2563, "คะแนนรวม", 82.44]]
    rows += long_rows(years=(2563,), agency="อื่น")[1:] + [["อื่น", 2563, "คะแนนรวม", 99.99]]
    loaded = load(write_csv(tmp_path / "totals.csv", rows))
    totals = loaded.published.set_index("agency")["value"].to_dict()
    assert totals == {AGENCY: 82.44, "อื่น": 99.99}
    (w,) = compare_published(score(loaded.scores), loaded.published)
    assert (w.row, w.value) == (23, "99.99") and "more than rounding" in w.expected


def test_wide_table_with_a_tool_row_above_the_names(tmp_path):
    rows = [["", "", "IIT", "", "", "", "", "EIT", "", "", "OIT", ""], ["หน่วยงาน", "ปี", *NAMES]]
    rows += [[AGENCY, y, *SCORES[y]] for y in (2562, 2563)]
    assert_reference(score(load_scores(write_xlsx(tmp_path / "two_headers.xlsx", rows))))


def test_year_in_a_mean_header_keeps_it_a_mean(tmp_path):
    rows = [["ตัวชี้วัด", "คะแนนที่ได้ ปี 2563", "คะแนนเฉลี่ย ปี 2563"]]
    for n, s in zip(NAMES, SCORES[2563], strict=True):
        rows.append([n, s, ""])
    rows[1][2] = 80.43
    loaded = load(write_csv(tmp_path / "y.csv", rows), agency=AGENCY)
    assert_reference(score(loaded.scores), years=(2563,))
    assert loaded.published[["measure", "fiscal_year", "value"]].values.tolist() == [["iit", 2563, 80.43]]


def test_grade_rows_notes_and_an_ita_total_row(tmp_path, report_tsv):
    lines = report_tsv.read_text(encoding="utf-8").splitlines()
    lines[-1] = "คะแนน ITA\t\t\t\t\t๘๒.๔๔"
    lines += ["ระดับผลการประเมิน\t\t\t\t\tB", "", "หมายเหตุ: ข้อมูลจากรายงานของสำนักงาน ป.ป.ช."]
    path = tmp_path / "report_with_grade.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load(path, agency=AGENCY, fiscal_year=2563)
    assert_reference(score(loaded.scores), years=(2563,))
    pub = loaded.published.set_index("measure")["value"]
    assert pub["total"] == 82.44 and pub["grade"] == "B"
    assert [w.row for w in loaded.warnings] == [len(lines)]  # the note, skipped with a warning
    assert [w.value for w in compare_published(score(loaded.scores), loaded.published)] == ["78.99"]


def test_a_comparison_with_grade_row(tmp_path):
    rows = [["ตัวชี้วัด", "ปี 2562", "ปี 2563"]] + [
        [n, a, b] for n, a, b in zip(NAMES, SCORES[2562], SCORES[2563], strict=True)
    ]
    rows += [["คะแนนรวม", 87.11, 82.44], ["ระดับ", "A", "C"]]
    loaded = load(write_csv(tmp_path / "c.csv", rows), agency=AGENCY)
    (w,) = compare_published(score(loaded.scores), loaded.published)
    assert (w.value, w.row) == ("C", 13) and "'B'" in w.expected
