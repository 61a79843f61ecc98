"""Text from data that starts like a spreadsheet formula (= + - @, a tab, a carriage return) stays
text: in CSV behind a leading apostrophe, in Excel as a text cell that openpyxl reads back as text."""

from __future__ import annotations

import csv
import zipfile

import pandas as pd
import pytest
from conftest import AGENCY, sample_analysis
from openpyxl import load_workbook

from ita_analysis.files import defuse_text, write_csv
from ita_analysis.report.excel import write_table_xlsx
from ita_analysis.report.workbook import write_workbook

# one value per character that makes a spreadsheet read a cell as a formula
FORMULAS = ["=1+1", "+66 2 547 1000", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]
HARMLESS = ["1+1=2", "ก-ข", "a@b.example", " =1", "'=1", ""]


def _read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("value", FORMULAS)
def test_defuse_text_adds_one_apostrophe(value):
    assert defuse_text(value) == "'" + value


@pytest.mark.parametrize("value", [*HARMLESS, None, 5, -3.25, float("nan")])
def test_defuse_text_leaves_other_values(value):
    out = defuse_text(value)
    assert out is value or (out != out and value != value)


@pytest.mark.parametrize("dtype", [object, "string"])
def test_csv_cells_starting_like_a_formula_are_text(tmp_path, dtype):
    df = pd.DataFrame({"text": FORMULAS + HARMLESS, "score": [-1.5] * 12}).astype({"text": dtype})
    rows = _read_csv(write_csv(df, tmp_path / "t.csv"))
    assert rows[0] == ["text", "score"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in FORMULAS] + HARMLESS
    assert {r[1] for r in rows[1:]} == {"-1.5"}  # numbers are no text: a negative number stays a number


def test_csv_rows_stay_whole_with_a_carriage_return(tmp_path):
    df = pd.DataFrame({"agency": ["\r=1+1", "\t@x"], "n": [1, 2]})
    path = write_csv(df, tmp_path / "cr.csv")
    assert _read_csv(path) == [["agency", "n"], ["'\r=1+1", "1"], ["'\t@x", "2"]]
    assert path.read_bytes().startswith(b"\xef\xbb\xbfagency,n\r\n")  # BOM, CRLF line ends


def _assert_text_cell(cell, value: str) -> None:
    """A text cell (never a formula), quote-prefixed so that Excel keeps it text when it is edited."""
    assert cell.data_type == "s", (value, cell.data_type)
    # the XML keeps a carriage return as a line end: openpyxl reads it back as "\n"
    assert cell.value in (value, value.replace("\r", "\n"))
    assert cell.quotePrefix, value


def _no_formula_in_xml(path) -> None:
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in xml and "<f " not in xml


def test_score_table_workbook_keeps_formula_text_as_text(tmp_path):
    plain = [v for v in HARMLESS if v]
    df = pd.DataFrame({"agency": FORMULAS + plain, "total": [-1.5] * (len(FORMULAS) + len(plain))})
    path = write_table_xlsx(df, tmp_path / "t.xlsx")
    ws = load_workbook(path).active
    for row, value in enumerate(FORMULAS, start=2):
        _assert_text_cell(ws.cell(row=row, column=1), value)
    for row, value in enumerate(plain, start=2 + len(FORMULAS)):
        cell = ws.cell(row=row, column=1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", False)
    assert {(ws.cell(row=r, column=2).data_type, ws.cell(row=r, column=2).value) for r in range(2, ws.max_row + 1)} == {
        ("n", -1.5)
    }
    _no_formula_in_xml(path)


def test_measures_workbook_keeps_formula_text_as_text(tmp_path):
    a = sample_analysis()
    doc = a.document(AGENCY, digits="arabic")
    for k, value in enumerate(FORMULAS):
        doc.plan.loc[k, "action"] = value
        doc.plan.loc[k, "kpi"] = f"{value}ตัวชี้วัด"
    path = write_workbook(doc, tmp_path / "measures.xlsx")
    wb = load_workbook(path)
    found = {c.value: c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for value in FORMULAS:
        for text in (value, f"{value}ตัวชี้วัด"):
            shown = text.replace("\r", "\n")
            cell = found.get(text) or found.get(shown)
            assert cell is not None, repr(text)
            _assert_text_cell(cell, text)
    assert all(c.data_type != "f" for ws in wb for row in ws.iter_rows() for c in row)
    _no_formula_in_xml(path)
