"""What the notebooks show: Thai column labels, styled tables, the agency line and one-line errors."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AGENCY, long_rows, sample_analysis, write_csv

from ita_analysis.errors import FrameworkError, InputError, ItaError, Problem
from ita_analysis.facade import notebook


def test_column_labels():
    assert notebook.column_label("score_previous") == "คะแนนปีก่อน"
    assert notebook.column_label("recommendation") == "ข้อเสนอแนะของ ป.ป.ช."
    assert notebook.column_label("oit") == "คะแนน OIT"  # the summary's tool columns
    assert notebook.column_label("eit_weighted") == "EIT ถ่วงน้ำหนัก"
    assert notebook.column_label("ind_10") == "ตัวชี้วัดที่ 10"
    assert notebook.column_label("count_AA") == "จำนวนระดับ AA"
    assert notebook.column_label("no_such_column") == "no_such_column"


def _weak_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "agency": ["กรม ก", "กรม ก"],
            "fiscal_year": [2563, 2563],
            "indicator": [2, 9],
            "score_current": [78.6, 85.555],
            "sub_items": ["ข้อแรก\nข้อสอง", "<b>Q&A</b>"],
            "declined_two_years": [True, False],
        }
    )


def test_styled_table_has_thai_labels_two_decimals_and_wrapped_text():
    html = notebook.styled(_weak_rows()).to_html()
    # agency and year are the same in every row: said once above the table, not as columns
    assert "<caption>หน่วยงาน: กรม ก · ปีงบประมาณ: 2563</caption>" in html
    assert ">หน่วยงาน<" not in html and ">ปีงบประมาณ<" not in html
    assert ">ตัวชี้วัด<" in html and ">คะแนนปีนี้<" in html and ">ประเด็นย่อย<" in html
    assert ">78.60<" in html and ">85.56<" in html and ">2<" in html  # floats with two decimals, ints as they are
    assert "• ข้อแรก\n• ข้อสอง" in html  # one sub-item a line
    assert "&lt;b&gt;Q&amp;A&lt;/b&gt;" in html and "<b>Q&A" not in html
    assert ">ใช่<" in html  # declined two years running
    # the sub-items (third column shown) wrap at 22em, never narrower than 13em
    assert "td.col2 {\n  white-space: pre-line;\n  width: 22em;\n  min-width: 13em;\n}" in html


def test_a_one_row_table_keeps_every_column():
    html = notebook.styled(_weak_rows().head(1)).to_html()
    assert "<caption>" not in html and ">หน่วยงาน<" in html


def test_show_table_shows_html_and_labelled_text(monkeypatch, capsys):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append((obj, raw)))
    table = pd.DataFrame({"agency": [f"กรม {i}" for i in range(201)], "total": [80.0] * 201})
    notebook.show_table(table)
    ((bundle, raw),) = shown
    assert raw and "<table" in bundle["text/html"] and "คะแนนรวม" in bundle["text/plain"]
    assert bundle["text/html"].count("<tr>") == 201  # the header row and the first 200 rows
    assert "the first 200 of 201 rows" in capsys.readouterr().out


def test_the_only_agency_is_the_default_and_the_line_says_so():
    a = sample_analysis()
    assert a.agency == AGENCY and a.agency_from_data
    assert notebook.agency_line(a) == (
        "ข้อมูลมีหน่วยงานเดียว จึงแสดงผลของ สำนักงาน ก.พ. (agency = None and the data holds one agency: showing สำนักงาน ก.พ.)"
    )
    assert notebook.agency_line(sample_analysis(agency=AGENCY)) == ""  # named: nothing to say


def test_several_agencies_ask_for_one(tmp_path):
    rows = long_rows((2563,)) + long_rows((2563,), agency="กรม ข")[1:]
    a = sample_analysis(data=[write_csv(tmp_path / "two.csv", rows)])
    assert a.agency is None and not a.agency_from_data
    line = notebook.agency_line(a)
    assert line.startswith("ข้อมูลมี 2 หน่วยงาน") and "set agency for one agency's charts" in line
    assert "\n" not in line


def test_errors_read_as_the_command_line_gives_them():
    problem = Problem("agency", None, None, "กรม x", "an agency in the data (กรม ก)")
    assert notebook.error_lines(InputError([problem])) == [
        "1 problem(s) found:",
        "  - agency: value 'กรม x': expected an agency in the data (กรม ก)",
    ]
    assert notebook.error_lines(FrameworkError("no ITA framework for fiscal year 2500")) == [
        "Error: no ITA framework for fiscal year 2500"
    ]


class _Shell:
    """The two methods of IPython's shell that the notebook setup uses."""

    def __init__(self):
        self.handlers, self.shown = None, []

    def set_custom_exc(self, exc_tuple, handler):
        self.handlers = (exc_tuple, handler)

    def _showtraceback(self, etype, value, stb):
        self.shown.append((etype, stb))


def test_setup_shows_ita_errors_as_their_message(monkeypatch):
    shell = _Shell()
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)
    notebook.setup_notebook()
    (caught, handler) = shell.handlers
    assert caught == (ItaError,)  # only the project's errors: others keep their traceback
    error = FrameworkError("no ITA framework for fiscal year 2500")
    handler(shell, FrameworkError, error, None)
    assert shell.shown == [(FrameworkError, ["\x1b[31mError: no ITA framework for fiscal year 2500\x1b[0m"])]


def test_setup_outside_ipython_does_nothing(monkeypatch):
    monkeypatch.setattr("IPython.get_ipython", lambda: None)
    notebook.setup_notebook()  # no shell: nothing to register, no error


@pytest.mark.parametrize("column", sorted(notebook.WRAPPED))
def test_wrapped_columns_are_labelled(column):
    assert notebook.column_label(column) != column


def test_a_table_without_weaknesses_or_text_still_shows():
    # an agency with no weak indicator: an empty table whose text columns have a numeric dtype, and
    # a table whose running-text column holds nothing: both shown, the text column still wrapped
    empty = pd.DataFrame({"indicator": pd.Series([], dtype="int64"), "rule_th": pd.Series([], dtype="float64")})
    assert "เหตุที่เป็นจุดอ่อน" in notebook.styled(empty).to_html()
    blank = pd.DataFrame({"indicator": [2, 4], "sub_items": [float("nan")] * 2})
    assert "white-space: pre-line" in notebook.styled(blank).to_html()
