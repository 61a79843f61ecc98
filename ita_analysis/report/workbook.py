"""The measures workbook (Excel) of one agency and year: the document's tables for managers.

:func:`write_workbook` lays a :class:`~ita_analysis.report.document.MeasuresDocument` out in six
visible sheets. The first five hold the document's tables, the same layout tables the PDF and the Word
file print (:mod:`ita_analysis.report.layout`, written by
:mod:`ita_analysis.report.workbook_table`), with the sentences around them:

- ``ผลการประเมิน`` (results): the title, the framework notes (e.g. "provisional"), the results
  sentence and the results table, its total and grade rows below; under it, on a page of its own,
  the chart of this year's indicator scores read from the table (the table kept whole on the first
  printed page, so its header is not repeated over the chart).
- ``เปรียบเทียบ`` (comparison): the comparison sentence and the two-year table with the change,
  the totals and the two grades (empty previous cells where that year has no data); under it the
  chart of the two years read from the table; without a previous year, the sentences alone.
- ``จุดอ่อน`` (weaknesses): the weakness sentence and table (sub-items one per line).
- ``ข้อเสนอแนะ`` (recommendations): NACC's recommendations as the documents give them.
- ``มาตรการ`` (measures): the target sentence and the target (a number, with its level), then the
  measures table; weak indicators without a measure flagged with a fill and noted below.
- ``คะแนนรายตัวชี้วัด`` (indicator scores): every indicator's scores in both years, one plain row
  each (no merged cells), for sorting and filtering; not a document table.

The two charts (:mod:`ita_analysis.report.workbook_charts`) are native Excel charts with the pass
mark and the target drawn as lines, whose cells sit on a hidden sheet (``ข้อมูลกราฟ``). Every
sheet prints on A4, one page wide; a table's header is repeated only over pages of that table.

Conventions: numbers are stored as numbers (format ``0.00``), years and indicator numbers as
integers, and every text is Arabic-digit text whatever ``doc.digits`` says. Grades and ratings
are coloured by their rank among the framework's levels.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ita_analysis.files import atomic_path
from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.layout import (
    INT,
    SCORE,
    TEXT,
    Cell,
    Column,
    Row,
    Table,
    level_fill,
    level_position,
    score_cell,
    text_cell,
)
from ita_analysis.report.safe_text import PROPERTY_LIMIT, shortened
from ita_analysis.report.workbook_charts import (
    CHART_DATA_SHEET,
    CURRENT_COLOUR,
    PREVIOUS_COLOUR,
    TableChart,
    add_table_chart,
)
from ita_analysis.report.workbook_sizing import (
    DEFAULT_ROW_PT,
    band,
    fill,
    finish,
    font,
    needed_width,
    print_scale,
    put,
    set_width,
)
from ita_analysis.report.workbook_table import TABLE_UNITS, write_table

__all__ = ["SHEETS", "write_workbook", "build_workbook"]

SHEET_RESULTS = "ผลการประเมิน"
SHEET_COMPARISON = "เปรียบเทียบ"
SHEET_WEAKNESSES = "จุดอ่อน"
SHEET_RECOMMENDATIONS = "ข้อเสนอแนะ"
SHEET_MEASURES = "มาตรการ"
SHEET_SCORES = "คะแนนรายตัวชี้วัด"
SHEETS = (SHEET_RESULTS, SHEET_COMPARISON, SHEET_WEAKNESSES, SHEET_RECOMMENDATIONS, SHEET_MEASURES, SHEET_SCORES)

NO_TARGET = "ยังไม่ได้กำหนด"
INDICATOR_LABEL = "ตัวชี้วัด"  # the column of indicator names: the charts' categories
TEXT_UNITS = 80.0  # a sheet of sentences only: a column that prints on portrait A4 at full size
ONE_PAGE_SCALE = 80  # the least print scale (percent) at which a sheet of sentences is kept on one page
NOTE_FILL = "FFF2CC"  # light yellow: framework notes (e.g. provisional)


def write_workbook(doc: MeasuresDocument, path: str | Path) -> Path:
    """Write the measures workbook of ``doc`` to ``path`` (.xlsx) atomically; returns the path."""
    wb = build_workbook(doc)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def build_workbook(doc: MeasuresDocument) -> Workbook:
    """The workbook in memory: the sheets of :data:`SHEETS`, in that order (ข้อเสนอแนะ only when NACC
    made recommendations), then the charts' hidden data sheet."""
    doc = dataclasses.replace(doc, digits="arabic")  # Excel keeps Arabic digits
    wb = Workbook()
    wb.remove(wb.active)
    _results_sheet(wb.create_sheet(SHEET_RESULTS), doc)
    _comparison_sheet(wb.create_sheet(SHEET_COMPARISON), doc)
    _weaknesses_sheet(wb.create_sheet(SHEET_WEAKNESSES), doc)
    groups = doc.recommendation_groups()
    if groups:
        _recommendations_sheet(wb.create_sheet(SHEET_RECOMMENDATIONS), doc, groups)
    _measures_sheet(wb.create_sheet(SHEET_MEASURES), doc)
    _scores_sheet(wb.create_sheet(SHEET_SCORES), doc)
    if CHART_DATA_SHEET in wb.sheetnames:  # the hidden sheet last, after the sheets a reader opens
        data = wb[CHART_DATA_SHEET]
        wb.move_sheet(data, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(CHART_DATA_SHEET))
    wb.active = 0
    wb.properties.title = shortened(f"{doc.title} {doc.subtitle}", PROPERTY_LIMIT)
    wb.properties.creator = "ita-analysis"
    return wb


def _results_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """ผลการประเมิน: title, notes, the results sentence, the results table, then its chart."""
    table = doc.results_table()
    n = len(table.columns)
    top = band(ws, 1, f"{doc.title} {doc.subtitle}", n, bold=True)
    top = band(ws, top, doc.results_intro, n)
    for note in doc.notes:
        top = band(ws, top, note, n, colour=NOTE_FILL)
    header, last = write_table(ws, top + 1, table)
    if table.note:  # a figure NACC printed otherwise
        last = band(ws, last + 1, table.note, n) - 1
    scores = _score_columns(table)[:1]
    spec = _chart_spec(table, header, f"ผลคะแนนรายตัวชี้วัด พ.ศ. {doc.fiscal_year}", scores, (CURRENT_COLOUR,))
    end = add_table_chart(ws, doc, spec, last + 1)
    finish(ws, header, columns=n, last_row=max(last, end), first_page=last if end > last else None)


def _comparison_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """เปรียบเทียบ: the comparison sentence and table, the sentences below it, then its chart."""
    table = doc.comparison_table()
    heading = f"เปรียบเทียบผลคะแนน พ.ศ. {doc.previous_year} - {doc.fiscal_year} {doc.subtitle}"
    if table is None:  # no previous year: the sentences alone (no two-year heading), in one wide column
        top = band(ws, 1, doc.comparison_intro, 1) if doc.comparison_intro else 1
        top = band(ws, top, doc.peer_heading, 1, bold=True) if doc.peer_heading else top
        for text in (doc.peer_text, doc.declined_text):
            top = band(ws, top, text, 1) if text else top
        set_width(ws, 1, TABLE_UNITS)
        finish(ws, None)
        return
    n = len(table.columns)
    top = band(ws, 1, heading, n, bold=True)
    top = band(ws, top, doc.comparison_intro, n)
    header, last = write_table(ws, top + 1, table)
    top = last + 2
    top = band(ws, top, doc.peer_heading, n, bold=True) if doc.peer_heading else top
    for text in (doc.peer_text, doc.declined_text):
        if text:
            top = band(ws, top, text, n)
    years = tuple(c for c in _score_columns(table) if table.columns[c - 1].group)  # the two years' scores
    title = f"เปรียบเทียบผลคะแนนรายตัวชี้วัด พ.ศ. {doc.previous_year} - {doc.fiscal_year}"
    spec = _chart_spec(table, header, title, years, (PREVIOUS_COLOUR, CURRENT_COLOUR))
    end = add_table_chart(ws, doc, spec, top)
    finish(ws, header, columns=n, last_row=max(top - 1, end), first_page=top - 1 if end >= top else None)


def _score_columns(table: Table) -> tuple[int, ...]:
    """The 1-based positions of the table's score columns."""
    return tuple(c for c, column in enumerate(table.columns, start=1) if column.kind == SCORE)


def _chart_spec(table: Table, header: tuple[int, int], title: str, values: tuple[int, ...], colours) -> TableChart:
    """A chart of the table's body rows: the indicator names as categories, ``values`` as series
    titled by the header's last row."""
    names = [c.label for c in table.columns].index(INDICATOR_LABEL) + 1
    first = header[1] + 1
    return TableChart(title, header[1], first, first + len(table.body) - 1, names, values, colours, len(table.columns))


def _weaknesses_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """จุดอ่อน: the weakness sentence and table."""
    table = doc.weakness_table()
    n = len(table.columns)
    top = band(ws, 1, f"ตัวชี้วัดที่เป็นจุดอ่อน พ.ศ. {doc.fiscal_year} {doc.subtitle}", n, bold=True)
    top = band(ws, top, doc.weakness_intro, n)
    header = None
    if table.rows:
        header, _ = write_table(ws, top + 1, table)
    else:  # no table: the sentences still get their widths
        for c, share in enumerate(table.shares(), start=1):
            set_width(ws, c, share * TABLE_UNITS)
    finish(ws, header)


def _recommendations_sheet(ws: Worksheet, doc: MeasuresDocument, groups) -> None:
    """ข้อเสนอแนะ: NACC's recommendations as the documents give them, one line a row across one wide
    column (a sheet of their own: the weakness table's header, repeated on its printed pages, stays
    off them)."""
    top = band(ws, 1, doc.recommendations_intro, 1)
    for heading, lines in groups:
        top = band(ws, top, heading, 1, bold=True)
        for line in lines:
            top = band(ws, top, line, 1)
    set_width(ws, 1, TEXT_UNITS)
    finish(ws, None)
    height = sum(ws.row_dimensions[r].height or DEFAULT_ROW_PT for r in range(1, top))
    scale = print_scale(TEXT_UNITS, height, landscape=False)
    if scale >= ONE_PAGE_SCALE:  # a little over a page: printed a little smaller on one
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = scale


def _measures_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """มาตรการ: the target sentence and the target, the measures table and the note below it."""
    table = doc.measures_table()
    n = len(table.columns)
    heading = f"มาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {doc.plan_year} {doc.subtitle}"
    top = band(ws, 1, heading, n, bold=True)
    top = band(ws, top, doc.target_text, n)
    if doc.gap_text:
        top = band(ws, top, doc.gap_text, n)
    label = ws.cell(row=top, column=1)
    after = _target_row(ws, top, doc)
    header = None
    if table.rows:
        header, last = write_table(ws, after + 1, table)
        if table.note:
            band(ws, last + 1, table.note, n)
    set_width(ws, 1, max(ws.column_dimensions["A"].width or 0, needed_width(label)))  # the target's label
    finish(ws, header)


def _target_row(ws: Worksheet, row: int, doc: MeasuresDocument) -> int:
    """ "ค่าเป้าหมาย พ.ศ. <plan year>:" | the target (a number) | its level, coloured; returns the next row."""
    label = ws.cell(row=row, column=1)
    put(label, f"ค่าเป้าหมาย พ.ศ. {doc.plan_year}:", "text")
    label.font = font(bold=True)
    label.alignment = Alignment(horizontal="left", vertical="center")
    value = ws.cell(row=row, column=2)
    put(value, doc.target if doc.target is not None else NO_TARGET, "score")
    value.font = font(bold=True)
    value.alignment = Alignment(horizontal="left", vertical="center")
    level = doc.target_level
    if level:
        cell = ws.cell(row=row, column=3)
        put(cell, f"({level})", "text")
        cell.font = font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        position = level_position(doc.framework_of(doc.plan_year), level)
        if position is not None:
            cell.fill = fill(level_fill(position))
    return row + 1


def _scores_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """คะแนนรายตัวชี้วัด: every indicator's score in both years, one plain row each.

    The columns: number, name, tool, previous year, current year.
    """
    prev, cur = doc.previous_year, doc.fiscal_year
    columns = (
        Column("ลำดับที่", INT, 9),
        Column(INDICATOR_LABEL, TEXT, 40),
        Column("เครื่องมือ", TEXT, 11),
        Column(f"พ.ศ. {doc.year(prev)}", SCORE, 12),
        Column(f"พ.ศ. {doc.year(cur)}", SCORE, 12),
    )
    rows = [
        Row(
            (
                Cell(int(r.indicator), INT),
                text_cell(r.indicator_name),
                text_cell(r.tool),
                score_cell(r.score_previous),
                score_cell(r.score_current),
            )
        )
        for r in doc.comparison.itertuples(index=False)
    ]
    title = f"คะแนนรายตัวชี้วัด พ.ศ. {doc.year(prev)} - {doc.year(cur)} {doc.subtitle}"
    top = band(ws, 1, title, len(columns), bold=True)
    header, _ = write_table(ws, top + 1, Table("scores", columns, tuple(rows)))
    finish(ws, header)
