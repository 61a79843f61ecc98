"""What the notebooks show: Thai column labels, styled tables, the agency line and one-line errors."""

from __future__ import annotations

import re

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


def test_styled_table_has_thai_labels_two_decimals_and_wrapped_text(monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    html = _unwrapped(notebook.styled(_weak_rows()).to_html())
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


def test_show_table_shows_html_and_labelled_text(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append((obj, raw)))
    table = pd.DataFrame({"agency": [f"กรม {i}" for i in range(201)], "total": [80.0] * 201})
    notebook.show_table(table)
    (note, _), (bundle, raw) = shown
    assert raw and "<table" in bundle["text/html"] and "คะแนนรวม" in bundle["text/plain"]
    assert bundle["text/html"].count("<tr>") == 201  # the header row and the first 200 rows
    assert "the first 200 of 201 rows" in note["text/plain"]


def test_figures_never_wrap_and_text_columns_do():
    html = notebook.styled(_weak_rows()).to_html()
    # shown: 0 indicator, 1 score_current, 2 sub_items, 3 declined_two_years
    assert "#T_weak th {\n  vertical-align: bottom;\n  white-space: normal;\n}" in _ids(html)  # headers wrap
    for figure in ("col0", "col1", "col3"):  # numbers and yes/no marks: on one line, right aligned
        assert f"td.{figure} {{\n  white-space: nowrap;\n}}" in html
        assert f"th.{figure} {{\n  text-align: left" not in html
    # running text: left aligned, wrapped between words
    assert "td.col2 {\n  text-align: left;\n  white-space: normal;\n}" in html
    assert "th.col2 {\n  text-align: left;\n}" in html
    text = notebook.styled(pd.DataFrame({"group": ["กระทรวงการคลัง", "กระทรวงมหาดไทย"], "n": [3, 4]})).to_html()
    assert "td.col0 {\n  text-align: left;\n  white-space: normal;\n}" in text
    assert "td.col1 {\n  white-space: nowrap;\n}" in text
    # columns named as figures (a what-if's before and after: numbers and a grade) stay on one line too
    mixed = pd.DataFrame({"item": ["total", "grade"], "after": [85.33, "A"]}, dtype=object)
    assert "td.col1 {\n  white-space: nowrap;\n}" in notebook.styled(mixed, figures=["after"]).to_html()
    assert "td.col1 {\n  white-space: nowrap;\n}" not in notebook.styled(mixed).to_html()


def test_headers_break_between_words_only():
    """A browser's Thai breaker splits "จุดอ่อน" as "จุด|อ่อน" in a narrow column: each word of a
    header is one unbreakable run, with a break allowed between words and at spaces."""
    nowrap = '<span style="white-space: nowrap">{}</span>'
    html = notebook.styled(pd.DataFrame({"weak": [True, False], "name": ["การใช้งบประมาณ", None]})).to_html()
    assert f">{nowrap.format('จุดอ่อน')}</th>" in html
    assert f">{nowrap.format('การใช้')}<wbr>{nowrap.format('งบประมาณ')}</td>" in html  # a short text cell too
    assert notebook.words_html("ลำดับที่") == nowrap.format("ลำดับ") + "<wbr>" + nowrap.format("ที่")
    assert notebook.words_html("คะแนน  IIT") == nowrap.format("คะแนน") + " " + nowrap.format("IIT")
    words = ("เหตุ", "ที่", "เป็น", "จุดอ่อน")
    assert notebook.words_html("เหตุที่เป็นจุดอ่อน") == "<wbr>".join(nowrap.format(w) for w in words)
    assert notebook.words_html("ปีงบประมาณ") == nowrap.format("ปี") + "<wbr>" + nowrap.format("งบประมาณ")  # known
    # a run of words the list does not know, too wide to keep whole: the browser may break it
    assert notebook.words_html("สัดส่วนที่ผ่านเกณฑ์") == nowrap.format("สัดส่วน") + "<wbr>ที่ผ่านเกณฑ์"
    assert notebook.words_html("A &amp; B") == " ".join(nowrap.format(w) for w in ("A", "&amp;", "B"))


def _unwrapped(html: str) -> str:
    """The HTML without the headers' word runs (:func:`notebook.words_html`)."""
    return re.sub(r'<span style="white-space: nowrap">|</span>|<wbr>', "", html)


def test_what_every_row_shares_is_said_in_one_language(monkeypatch):
    """The line above a table is whole in the chosen language: the framework's status too."""
    rows = _weak_rows().assign(framework_status="confirmed")
    caption = re.compile("<caption>(.*)</caption>")
    english = caption.search(notebook.styled(rows).to_html()).group(1)
    assert english == "agency: กรม ก · fiscal year: 2563 · framework status: confirmed"
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    thai = caption.search(notebook.styled(rows).to_html()).group(1)
    assert thai == "หน่วยงาน: กรม ก · ปีงบประมาณ: 2563 · สถานะกรอบการประเมิน: ยืนยันแล้ว"


def _ids(html: str) -> str:
    return re.sub(r"#T_[0-9a-f]+", "#T_weak", html)


def test_a_note_above_a_table_is_shown_with_it(monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    bundle = notebook.table_bundle(_weak_rows(), above="ค่าเป้าหมาย <95>")
    html = bundle["text/html"]
    assert html.startswith('<div style="white-space: pre-wrap;') and "ค่าเป้าหมาย &lt;95&gt;</div>" in html
    assert html.index("</div>") < html.index("<table")
    assert "<caption>หน่วยงาน: กรม ก · ปีงบประมาณ: 2563</caption>" in html
    assert bundle["text/plain"].startswith("ค่าเป้าหมาย <95>\n") and "คะแนนปีนี้" in bundle["text/plain"]


def test_plain_text_lines_fit_80_columns_with_two_decimals():
    wide = pd.concat([_weak_rows()] * 3, ignore_index=True).assign(recommendation="ก" * 120, share_at_pass=67.9)
    text = notebook.plain(wide)
    assert max(len(line) for line in text.splitlines()) <= 80  # a viewer wraps none of them
    assert "67.90" in text and "ก" * 120 not in text


def test_a_note_wraps_between_words_only():
    bundle = notebook.note_bundle("คะแนนเฉลี่ย 67.90 คะแนน <ทั้งประเทศ>")
    assert bundle["text/plain"] == "คะแนนเฉลี่ย 67.90 คะแนน <ทั้งประเทศ>"
    # JupyterLab shows printed text with word-break: break-all ("6|7.90"): a note is HTML that does not
    assert bundle["text/html"] == (
        '<div style="white-space: pre-wrap; word-break: normal; overflow-wrap: normal;">'
        "คะแนนเฉลี่ย 67.90 คะแนน &lt;ทั้งประเทศ&gt;</div>"
    )


def test_the_only_agency_is_the_default_and_the_line_says_so(monkeypatch):
    a = sample_analysis()
    assert a.agency == AGENCY and a.agency_from_data
    assert notebook.agency_line(a) == "agency = None and the data holds one agency: showing สำนักงาน ก.พ."
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    assert notebook.agency_line(a) == "ข้อมูลมีหน่วยงานเดียว จึงแสดงผลของ สำนักงาน ก.พ."
    assert notebook.agency_line(sample_analysis(agency=AGENCY)) == ""  # named: nothing to say


def test_several_agencies_ask_for_one(tmp_path, monkeypatch):
    rows = long_rows((2563,)) + long_rows((2563,), agency="กรม ข")[1:]
    a = sample_analysis(data=[write_csv(tmp_path / "two.csv", rows)])
    assert a.agency is None and not a.agency_from_data
    line = notebook.agency_line(a)
    assert line.startswith("the data holds 2 agencies") and "set agency for one agency's charts" in line
    assert "\n" not in line
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    assert notebook.agency_line(a).startswith("ข้อมูลมี 2 หน่วยงาน กราฟแสดงค่าเฉลี่ย: ตั้งค่า agency")


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
    assert "เหตุที่เป็นจุดอ่อน" in _unwrapped(notebook.styled(empty).to_html())
    blank = pd.DataFrame({"indicator": [2, 4], "sub_items": [float("nan")] * 2})
    assert "white-space: pre-line" in notebook.styled(blank).to_html()


def test_one_agency_has_no_peers_to_compare_with(monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    a = sample_analysis()  # the sample holds one agency
    peers = a.peers()
    peers.show()
    notes = [o["text/plain"] for o in shown if "<table" not in o["text/html"]]
    (table,) = [o["text/html"] for o in shown if "<table" in o["text/html"]]
    assert notes[0] == (
        "ข้อมูลมีหน่วยงานเดียว จึงเปรียบเทียบกับหน่วยงานอื่นไม่ได้ (only one agency in the data: no peers to compare with)"
    )
    assert "8,303 หน่วยงาน คะแนนเฉลี่ย 67.90" in notes[1]  # NACC's national figures of FY2563 instead
    # the agency's total, no rank 1 and no percentile 100
    assert ">82.44<" in table and ">ลำดับ<" not in table and ">เปอร์เซ็นไทล์<" not in table and "100.00" not in table
    # peers.csv keeps the columns, empty
    (path,) = a.replace(output_dir=tmp_path).save(peers)
    saved = pd.read_csv(path)
    assert list(saved.columns) == ["agency", "fiscal_year", "total", "rank", "percentile"]
    assert saved[["rank", "percentile"]].isna().all().all() and saved["total"].tolist() == [82.44]


def test_peer_groups_show_the_levels_of_the_year_only(monkeypatch, tmp_path):
    from ita_analysis.facade import Analysis, AnalysisParameters
    from ita_analysis.synthetic import synth_scores

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    synth_scores(12, [2565, 2566], groups=True).to_csv(tmp_path / "scores.csv", index=False)
    a = Analysis.from_params(AnalysisParameters(fiscal_year=2566, data=[tmp_path / "scores.csv"]))
    groups = a.peer_groups()
    groups.show()
    (table,) = [_unwrapped(o["text/html"]) for o in shown]
    # FY2566 is rated (ผ่านดีเยี่ยม ... ): the FY2565 letters' counts, empty in every row, are not shown
    assert ">จำนวนระดับ ผ่านดีเยี่ยม<" in table and ">จำนวนระดับ AA<" not in table
    (path,) = a.replace(output_dir=tmp_path).save(groups)
    assert "count_AA" in pd.read_csv(path).columns  # peer_groups.csv keeps every column
