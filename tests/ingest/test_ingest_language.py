"""What reading the input says, in Thai (ITA_ANALYSIS_LANG=th) and in English: a stray quote in a CSV, cells
formatted as percent in a workbook, a Word document without a score table, an archive compressed otherwise
than Office does, and two spellings of one agency. The Thai looked for is written here by hand."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import AGENCY, long_rows, write_csv, write_xlsx
from docx import Document
from office_files import add_part

from ita_analysis.errors import InputError
from ita_analysis.ingest.scores import load


@pytest.fixture(params=["th", "en"])
def lang(request, monkeypatch) -> str:
    monkeypatch.setenv("ITA_ANALYSIS_LANG", request.param)
    return request.param


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        load(path)
    return [str(p) for p in exc.value.problems]


def test_a_stray_quote(tmp_path, lang):
    lines = [",".join(str(v) for v in row) for row in long_rows()]
    lines[2] = lines[2].replace(f"{AGENCY},", f'"{AGENCY},', 1)  # row 3 opens a quote in column A
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = {
        "th": f"{path} แถว 3 คอลัมน์ 'A': ที่ต้องการคือ เครื่องหมายคำพูดปิด: เซลล์นี้เปิดด้วยเครื่องหมายคำพูด (\") "
        "แต่ไม่มีการปิด แถวที่ตามมาจึงถูกอ่านรวมเป็นเซลล์เดียว ให้ปิดหรือลบเครื่องหมายนั้น",
        "en": f"{path}, row 3, column 'A': expected a closing quote: a quote (\") opens this cell and is never "
        "closed, so the rows after it were read as one cell; close it or remove it",
    }
    assert problems(path) == [expected[lang]]


def test_cells_formatted_as_percent(tmp_path, lang):
    from openpyxl import load_workbook

    path = write_xlsx(tmp_path / "percent.xlsx", long_rows(years=(2563,)))
    wb = load_workbook(path)
    ws = wb.active
    ws.cell(2, 4).value, ws.cell(2, 4).number_format = 0.8, "0%"  # 80 % on row 2 only
    wb.save(path)
    expected = {
        "th": f"{path} คอลัมน์ 'D': ค่า '0.8': ที่ต้องการคือ ตัวเลขตามที่บันทึกไว้: เซลล์ 1 เซลล์ของคอลัมน์ D (แถว 2) "
        "จัดรูปแบบเป็นร้อยละ (0.8 แสดงเป็น 80 %) จึงอ่านตามที่ Excel แสดง คือคูณด้วย 100 (80)",
        "en": f"{path}, column 'D': value '0.8': expected numbers as stored: 1 cell(s) of column D (row 2) are "
        "formatted as percent (0.8 shown as 80 %), so they are read as Excel shows them, multiplied by 100 (80)",
    }
    assert [str(w) for w in load(path).warnings] == [expected[lang]]


def test_a_word_document_without_a_score_table(tmp_path, lang):
    path = tmp_path / "measures.docx"
    d = Document()
    d.add_paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ของสำนักงาน ก.พ.")
    d.add_table(rows=2, cols=2).cell(0, 0).text = "ประเด็น"
    d.save(path)
    expected = {
        "th": f"{path}: ที่ต้องการคือ ตารางคะแนน ITA ตามที่เอกสารมาตรการพิมพ์ไว้ ได้แก่ ตารางผลการประเมิน (ลำดับที่ / "
        "เครื่องมือ / ตัวชี้วัด / คะแนนที่ได้ / คะแนนเฉลี่ย / ผลรวมคะแนนที่ถ่วงน้ำหนัก) หรือตารางเปรียบเทียบ "
        "(คะแนนที่ได้ แยกคอลัมน์ตามปี พ.ศ. ๒๕๖๒ / พ.ศ. ๒๕๖๓); ตารางทั้ง 1 ตารางในเอกสารไม่มีตารางใดเป็นตารางคะแนน",
        "en": f"{path}: expected a table of ITA scores, as measures documents print them: the results table "
        "(ลำดับที่ / เครื่องมือ / ตัวชี้วัด / คะแนนที่ได้ / คะแนนเฉลี่ย / ผลรวมคะแนนที่ถ่วงน้ำหนัก) or the comparison "
        "table (คะแนนที่ได้ with a column per year, พ.ศ. ๒๕๖๒ / พ.ศ. ๒๕๖๓); none of its 1 table(s) is one",
    }
    assert problems(path) == [expected[lang]]


def test_a_word_document_asked_for_a_sheet(tmp_path, lang):
    path = tmp_path / "measures.docx"
    Document().save(path)
    with pytest.raises(InputError) as exc:
        load(path, sheet="Sheet1")
    expected = {
        "th": f"{path}: ค่า 'Sheet1': ที่ต้องการคือ ไม่ต้องระบุแผ่นงานสำหรับเอกสาร Word (เฉพาะไฟล์ XLSX ที่มีแผ่นงาน)",
        "en": f"{path}: value 'Sheet1': expected no sheet for a Word document (only XLSX has sheets)",
    }
    assert [str(p) for p in exc.value.problems] == [expected[lang]]


def test_an_archive_compressed_otherwise_than_office_does(tmp_path, lang):
    path = write_xlsx(tmp_path / "scores.xlsx", long_rows())
    add_part(path, "media/packed.bin", b"x" * 1000, method=zipfile.ZIP_BZIP2)  # method 12
    expected = {
        "th": f"{path}: ที่ต้องการคือ ไฟล์ XLSX ที่บันทึกส่วนต่าง ๆ แบบไม่บีบอัดหรือแบบ deflate ตามที่ Office บันทึก: "
        "ส่วน 'media/packed.bin' ใช้วิธีบีบอัดแบบ 12 ให้เปิดไฟล์ในโปรแกรมของไฟล์แล้วบันทึกใหม่",
        "en": f"{path}: expected an XLSX workbook whose parts are stored or deflated, as Office saves them: its part "
        "'media/packed.bin' uses compression method 12; open it in its program and save it again",
    }
    assert problems(path) == [expected[lang]]


def test_two_spellings_of_one_agency(tmp_path, lang):
    rows = long_rows(years=(2563,), agency="สำนักงาน ก.พ.")
    rows += [row for row in long_rows(years=(2563,), agency="สำนักงานก.พ.")[1:]]
    path = write_csv(tmp_path / "scores.csv", rows)
    expected = {
        "th": f"{path} แถว 12: ค่า 'สำนักงานก.พ.': ที่ต้องการคือ การสะกดชื่อหน่วยงานแบบเดียว: 'สำนักงาน ก.พ.' "
        f"({path} แถว 2) ต่างกันเพียงช่องว่างหรือเครื่องหมายวรรคตอน จึงอ่านเป็น 2 หน่วยงาน",
        "en": f"{path}, row 12: value 'สำนักงานก.พ.': expected one spelling per agency: 'สำนักงาน ก.พ.' "
        f"({path} row 2) differs only in spaces or punctuation; they are read as two agencies",
    }
    assert [str(w) for w in load(path).warnings] == [expected[lang]]
