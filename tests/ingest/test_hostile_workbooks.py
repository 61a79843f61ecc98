"""Workbooks that lie about their extent or show other than they store, read as Excel shows them.

Each class of the issue, built with openpyxl and, where openpyxl cannot write the case, one part of
the archive rewritten (:mod:`office_files`): a ``<dimension>`` stale or reaching Excel's last cell,
cells far from the table (empty, or with a value), percent-formatted fractions, formulas without a
saved value, a hidden first sheet, chart sheets. Each ends in the right scores (NACC's published
figures) or a one-line message naming the file, exit code 0 or 1 and no traceback; the files made
to claim gigabytes are read by a command whose memory is capped.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from cli_run import environment, run_bounded, run_in_process
from conftest import AGENCY, PUBLISHED, SCORES, long_rows, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from office_files import SHEET1, add_rows, cell_xml, put_cell, rewrite, set_dimension

from ita_analysis.compute.scoring import score
from ita_analysis.errors import InputError
from ita_analysis.ingest.grid import read_grid
from ita_analysis.ingest.scores import load
from ita_analysis.ingest.sheet_cells import percent_text, shows_percent

LAST_CELL = "XFD1048576"
TABLE_ROWS = 21  # the header and 20 scores (FY2562, FY2563)


def refused(*args: object, bounded: bool = False) -> str:
    """stderr of a command that must stop with a message: exit code 1, no traceback."""
    r = (run_bounded if bounded else run_in_process)(*args)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    return r.stderr


def accepted(*args: object, bounded: bool = False):
    r = (run_bounded if bounded else run_in_process)(*args)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    return r


def assert_ocsc(loaded) -> None:
    """Both years' ten scores as NACC published them, and the totals and grades."""
    scores = loaded.scores
    assert (scores["agency"] == AGENCY).all()
    for year in (2562, 2563):
        by_year = scores[scores["fiscal_year"] == year].sort_values("indicator")
        assert by_year["score"].tolist() == pytest.approx(SCORES[year], abs=1e-9)
    summary = score(scores).set_index("fiscal_year")
    for year in (2562, 2563):
        assert summary.loc[year, "total"] == pytest.approx(PUBLISHED[year]["total"], abs=1e-9)
        assert summary.loc[year, "grade"] == PUBLISHED[year]["grade"]


@pytest.fixture
def table(tmp_path) -> Path:
    return write_xlsx(tmp_path / "scores.xlsx", long_rows())


# a. the stored <dimension> says nothing of the extent ---------------------------------------------


def test_a_stale_smaller_dimension_loses_no_row(table):
    rewrite(table, SHEET1, lambda xml: set_dimension(xml, "A1:B3"))
    assert_ocsc(load(table))
    assert "OK: 20 scores" in accepted("validate", table).stdout
    shown = accepted("score", table).stdout  # both years, as NACC published them
    assert "87.11" in shown and "82.44" in shown


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.tuples(st.integers(1, 16_384), st.integers(1, 1_048_576)),
    last=st.tuples(st.integers(1, 16_384), st.integers(1, 1_048_576)),
)
def test_any_dimension_claim_reads_the_cells_that_are_there(table, first, last):
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(first[0])}{first[1]}:{get_column_letter(last[0])}{last[1]}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claim.xlsx"
        path.write_bytes(table.read_bytes())
        rewrite(path, SHEET1, lambda xml: set_dimension(xml, ref))
        grid = read_grid(path)
        assert grid.shape == (TABLE_ROWS, 4)
        assert grid.iloc[-1].tolist() == [AGENCY, "2563", "10", "87.5"]
        assert_ocsc(load(path))


# b. cells far from the table: empty ones cost nothing, a value is counted --------------------------


def test_an_empty_cell_at_excels_last_cell_leaves_the_table(table):
    far = f'<row r="1048576">{cell_xml(LAST_CELL, style=1)}</row>'
    rewrite(table, SHEET1, lambda xml: add_rows(set_dimension(xml, f"A1:{LAST_CELL}"), far))
    assert read_grid(table).shape == (TABLE_ROWS, 4)
    assert "OK: 20 scores" in accepted("validate", table, bounded=True).stdout


def test_a_million_empty_styled_rows_cost_nothing(table):
    rows = "".join(f'<row r="{r}" ht="20" customHeight="1"><c r="XFD{r}" s="1"/></row>' for r in range(30, 100_030))
    rewrite(table, SHEET1, lambda xml: add_rows(set_dimension(xml, f"A1:{LAST_CELL}"), rows))
    assert table.stat().st_size < 1_000_000
    assert "OK: 20 scores" in accepted("validate", table, bounded=True).stdout


def test_a_value_at_excels_last_cell_is_refused_before_the_grid_is_built(table):
    far = f'<row r="1048576">{cell_xml(LAST_CELL, 1)}</row>'
    rewrite(table, SHEET1, lambda xml: add_rows(set_dimension(xml, f"A1:{LAST_CELL}"), far))
    assert table.stat().st_size < 10_000
    err = refused("validate", table, bounded=True)
    message = (
        f"{table}: expected at most 30,000,000 cells (rows times the widest row: cells with a value reach row "
        f"1,048,576 at {LAST_CELL} and column XFD at {LAST_CELL}; delete any that is stray) (this file has "
        "17,179,869,184); if the file is right, raise the limit with the environment variable ITA_ANALYSIS_MAX_CELLS"
    )
    assert err.count(message) == 1 and "1 problem(s)" in err


def test_a_value_in_every_row_at_the_last_column_is_refused_within_bounded_memory(table):
    rows = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(30, 100_030))
    rewrite(table, SHEET1, lambda xml: add_rows(xml, rows))
    err = refused("score", table, bounded=True)
    assert (
        f"{table}: expected at most 30,000,000 cells (rows times the widest row: cells with a value reach row "
        "100,029 at XFD100029 and column XFD at XFD30; delete any that is stray) (this file has 1,638,875,136)"
    ) in err


FAR = st.one_of(  # a cell below the table, or right of it on one of its rows
    st.tuples(st.integers(TABLE_ROWS + 1, 1_048_576), st.integers(1, 16_384)),
    st.tuples(st.integers(1, TABLE_ROWS), st.integers(5, 16_384)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(far=FAR, filled=st.booleans(), cells=st.integers(4 * TABLE_ROWS, 5000))
def test_a_far_cell_is_read_in_place_or_refused_by_the_limit(table, far, filled, cells):
    """Within the limit the far value is where Excel shows it and the table is read; past it the
    message names the cell; an empty far cell leaves the table as it is."""
    from openpyxl.utils import get_column_letter

    row, col = far
    name = f"{get_column_letter(col)}{row}"
    new = cell_xml(name, "x" if filled else None, style=1)
    with tempfile.TemporaryDirectory() as folder, environment(ITA_ANALYSIS_MAX_CELLS=str(cells)):
        path = Path(folder) / "far.xlsx"
        path.write_bytes(table.read_bytes())
        if row > TABLE_ROWS:
            rewrite(path, SHEET1, lambda xml: add_rows(set_dimension(xml, f"A1:{name}"), f'<row r="{row}">{new}</row>'))
        else:
            rewrite(
                path,
                SHEET1,
                lambda xml: (
                    xml.replace(f'</c></row><row r="{row + 1}"', f'</c>{new}</row><row r="{row + 1}"', 1)
                    if row < TABLE_ROWS
                    else xml.replace("</c></row></sheetData>", f"</c>{new}</row></sheetData>")
                ),
            )
        height, width = (max(row, TABLE_ROWS), max(col, 4)) if filled else (TABLE_ROWS, 4)
        if height * width > cells:
            with pytest.raises(InputError) as caught:
                read_grid(path)
            message = str(caught.value)
            assert message.startswith(f"{path}: expected at most {cells:,} cells (rows times the widest row: cells ")
            assert f"(this file has {height * width:,})" in message and f" at {name}" in message
            return
        grid = read_grid(path)
        assert grid.shape == (height, width)
        if filled:
            assert grid.iat[row - 1, col - 1] == "x"
        assert grid.iloc[:TABLE_ROWS, :4].map(bool).all().all()
        assert grid.map(bool).sum().sum() == 4 * TABLE_ROWS + filled


# c. percent-formatted fractions ------------------------------------------------------------------


def _percent_table(path: Path, number_format: str, scale: float) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r, values in enumerate(long_rows(), start=1):
        ws.append(values if r == 1 else [*values[:3], round(values[3] * scale, 6)])
        if r > 1:
            ws.cell(r, 4).number_format = number_format
    wb.save(path)
    return path


def test_fractions_shown_as_percent_are_read_as_excel_shows_them_with_a_warning(tmp_path):
    path = _percent_table(tmp_path / "percent.xlsx", "0.00%", 0.01)  # 0.8907 shown as 89.07 %
    loaded = load(path)
    assert_ocsc(loaded)
    warning = (
        f"{path}, column 'D': value '0.8907': expected numbers as stored: 20 cell(s) of column D (rows 2-21) "
        "are formatted as percent (0.8907 shown as 89.07 %), so they are read as Excel shows them, "
        "multiplied by 100 (89.07)"
    )
    assert [str(w) for w in loaded.warnings] == [warning]
    r = accepted("score", path, "--fy", "2562")
    assert "87.11" in r.stdout and warning in r.stderr


def test_a_percent_sign_written_as_text_in_the_format_is_not_a_percent(tmp_path):
    for literal in ('0.00"%"', "0.00\\%"):
        path = _percent_table(tmp_path / "literal.xlsx", literal, 1)  # 89.07 shown as 89.07%
        loaded = load(path)
        assert_ocsc(loaded)
        assert loaded.warnings == []


@pytest.mark.parametrize(
    ("number_format", "scaled"),
    [("0%", True), ("0.00%", True), ("#,##0.0 %", True), ("[Red]0.00%;[Blue]-0.00%", True), ('0.00"%"', False),
     ("0.00\\%", False), ("General", False), ("0.00", False), ('"%" 0', False), ("[$%-409]0", False)],
)  # fmt: skip
def test_which_formats_excel_shows_as_percent(number_format, scaled):
    assert shows_percent(number_format) is scaled


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False) | st.integers(-(10**12), 10**12))
def test_a_percent_is_the_number_moved_two_places(value):
    shown = percent_text(value)
    expected = Decimal(repr(value) if isinstance(value, float) else value) * 100
    assert Decimal(shown) == expected
    assert "E" not in shown and "e" not in shown


# d. formulas without a saved value ---------------------------------------------------------------


def test_a_formula_without_a_saved_value_is_named_as_such(table):
    def formulas(xml: str) -> str:  # D2 and D5: the score as a formula that was never calculated
        xml = put_cell(xml, "D2", cell_xml("D2", formula="B2/28.14"))
        return put_cell(xml, "D5", '<c r="D5"><f t="shared" si="0"/></c>')

    rewrite(table, SHEET1, formulas)
    err = refused("validate", table)
    assert "2 problem(s)" in err
    assert (
        f"{table}, row 2, column 'D': value '=B2/28.14': expected a value: the cell holds a formula without a saved "
        "value (the workbook was written by a program that does not calculate); open the file in Excel and save it "
        "so that the value is stored"
    ) in err
    assert f"{table}, row 5, column 'D': value '(a shared formula)': expected a value: the cell holds a formula" in err
    assert "the cell is empty" not in err


def test_a_formula_with_its_saved_value_is_read_and_a_saved_empty_text_is_empty(table):
    def formulas(xml: str) -> str:
        xml = put_cell(xml, "D2", '<c r="D2"><f>A1</f><v>89.07</v></c>')
        return xml.replace("</row></sheetData>", '<c r="E21" t="str"><f>""</f><v></v></c></row></sheetData>')

    rewrite(table, SHEET1, formulas)
    assert_ocsc(load(table))


# e. which sheet: the one Excel opens on ----------------------------------------------------------


def _sheets(path: Path, *, hidden: str = "hidden", active: int = 1) -> Path:
    """A hidden first sheet ('old', a wrong table), the scores on the second, a third with none."""
    from openpyxl import Workbook

    wb = Workbook()
    old = wb.active
    old.title = "old"
    for r in long_rows(agency="ผิด"):
        old.append(r)
    old.sheet_state = hidden
    scores = wb.create_sheet("คะแนน")
    for r in long_rows():
        scores.append(r)
    wb.create_sheet("notes").append(["หมายเหตุ"])
    wb.active = active
    wb.save(path)
    return path


def test_the_active_visible_sheet_is_read_not_a_hidden_first_one(tmp_path):
    for state in ("hidden", "veryHidden"):
        path = _sheets(tmp_path / f"{state}.xlsx", hidden=state)
        assert_ocsc(load(path))
        assert "OK: 20 scores" in accepted("validate", path).stdout
        assert (load(path, sheet="old").scores["agency"] == "ผิด").all()  # --sheet still picks any
        assert (load(path, sheet=0).scores["agency"] == "ผิด").all()


def test_a_hidden_active_sheet_gives_way_to_the_first_visible_one(tmp_path):
    path = _sheets(tmp_path / "h.xlsx", active=0)
    assert_ocsc(load(path))


def test_the_active_sheet_is_read_when_it_is_not_the_first(tmp_path):
    path = _sheets(tmp_path / "v.xlsx", hidden="visible", active=1)
    assert_ocsc(load(path))


# f. chart sheets -----------------------------------------------------------------------------------


def _with_chart_sheet(path: Path, *, active_chart: bool) -> Path:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    wb = Workbook()
    ws = wb.active
    ws.title = "คะแนน"
    for r in long_rows():
        ws.append(r)
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=4, min_row=1, max_row=21), titles_from_data=True)
    cs = wb.create_chartsheet("กราฟ", 0)
    cs.add_chart(chart)
    wb.active = 0 if active_chart else 1
    wb.save(path)
    return path


def test_a_chart_sheet_the_workbook_opens_on_is_named_with_the_sheets_that_hold_tables(tmp_path):
    path = _with_chart_sheet(tmp_path / "chart.xlsx", active_chart=True)
    err = refused("validate", path)
    assert (
        f"{path}: value 'กราฟ': expected a sheet with a table: 'กราฟ' is a chart sheet (the workbook opens on it), "
        "which holds a chart and no table; the sheets with tables: 'คะแนน': give --sheet 'คะแนน'"
    ) in err
    assert "damaged" not in err
    assert "OK: 20 scores" in accepted("validate", path, "--sheet", "คะแนน").stdout


def test_a_chart_sheet_asked_for_is_named_as_one(tmp_path):
    path = _with_chart_sheet(tmp_path / "chart.xlsx", active_chart=False)
    assert_ocsc(load(path))  # the workbook opens on its table
    err = refused("validate", path, "--sheet", "0")
    assert f"{path}: value 'กราฟ': expected a sheet with a table: 'กราฟ' is a chart sheet, which holds a chart" in err


def test_a_chart_sheet_openpyxl_cannot_read_is_named(tmp_path):
    path = _with_chart_sheet(tmp_path / "chart.xlsx", active_chart=False)
    rewrite(path, "xl/chartsheets/sheet1.xml", lambda xml: xml.replace("<sheetViews>", "<sheetViews><x/>", 1))
    rewrite(path, "xl/charts/chart1.xml", lambda xml: xml[: len(xml) // 2])
    err = refused("validate", path)
    assert f"{path}: expected a readable XLSX workbook: it has a chart sheet whose chart cannot be read" in err


def test_a_target_formatted_as_percent_is_read_as_excel_shows_it(tmp_path):
    from openpyxl import Workbook

    from ita_analysis.ingest.side_inputs import load_targets

    wb = Workbook()
    ws = wb.active
    ws.append(["agency", "fiscal_year", "target"])
    ws.append([AGENCY, 2564, 0.95])
    ws.cell(2, 3).number_format = "0%"  # shown as 95 %
    wb.save(tmp_path / "targets.xlsx")
    assert load_targets(tmp_path / "targets.xlsx")["target"].tolist() == [95.0]


def test_many_formulas_without_a_saved_value_are_counted_after_the_first_twenty(table):
    def formulas(xml: str) -> str:
        for r in range(2, 22):
            xml = put_cell(xml, f"D{r}", cell_xml(f"D{r}", formula=f"C{r}*8"))
        return add_rows(xml, "".join(f'<row r="{r}">{cell_xml(f"A{r}", formula="1+1")}</row>' for r in range(30, 35)))

    rewrite(table, SHEET1, formulas)
    with pytest.raises(InputError) as caught:
        read_grid(table)
    problems = caught.value.problems
    assert [(p.row, p.column, p.value) for p in problems[:2]] == [(2, "D", "=C2*8"), (3, "D", "=C3*8")]
    assert len(problems) == 21 and problems[-1].row is None
    assert str(problems[-1]).startswith(f"{table}: expected values in 5 more cells: a value: the cell holds a formula")


def test_a_header_read_stops_at_its_rows_however_far_the_sheet_goes(table):
    """The other sheets are read for a header only: their top rows, whatever lies below."""
    rows = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(30, 100_030))
    rewrite(table, SHEET1, lambda xml: add_rows(xml, rows))
    with pytest.raises(InputError, match="at most 30,000,000 cells"):
        read_grid(table)
    top = read_grid(table, max_rows=5)
    assert top.shape == (5, 4) and top.iat[0, 3] == "score"


# g. one cell or one row past the limits, cells past Excel's sheet -------------------------------------


def test_a_cell_longer_or_a_row_wider_than_the_limits_is_named(table):
    err = run_in_process("validate", table, env={"ITA_ANALYSIS_MAX_CELL_CHARS": "12"}).stderr
    assert f"{table}, cell A2: expected at most 12 characters in one cell (this file has 13); if the file" in err
    assert "ITA_ANALYSIS_MAX_CELL_CHARS" in err
    err = run_in_process("validate", table, env={"ITA_ANALYSIS_MAX_ROW_WIDTH": "3"}).stderr
    assert f"{table}, cell D1: expected at most 3 cells in one row (this file has 4)" in err


DAMAGED = {  # rows added to the sheet, and what the message says of them
    f'<row r="1048577">{cell_xml("A1048577", 1)}</row>': "a row is numbered '1048577'",
    '<row r="30"><c r="XFE30"><v>1</v></c></row>': "a cell is numbered past Excel's sheet (row 30, column 16,385)",
    '<row r="30">' + "<x>" * 100 + "</x>" * 100 + "</row>": "its XML nests deeper than 64 levels",
    '<row r="30"><c r="A30" t="s"><v>99</v></c></row>': "a cell of row 30 cannot be read",
}


@pytest.mark.parametrize("rows", DAMAGED, ids=range(len(DAMAGED)))
def test_cells_past_excels_sheet_or_xml_past_reason_are_a_damaged_sheet(table, rows):
    rewrite(table, SHEET1, lambda xml: add_rows(xml, rows))
    err = refused("validate", table)
    assert f"{table}: value 'Sheet1': expected a sheet that can be read: {DAMAGED[rows]}" in err
    assert "open the file in Excel and save it again" in err
