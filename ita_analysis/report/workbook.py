"""The measures workbook (Excel) of one agency and year: the document's tables for managers.

:func:`write_workbook` lays a :class:`~ita_analysis.report.document.MeasuresDocument` out in five sheets:

- ``ผลการประเมิน`` (results): the title, the framework notes (e.g. "provisional"), and the results
  table as the reference document prints it (ลำดับที่ / เครื่องมือ / ตัวชี้วัด / คะแนนที่ได้ /
  คะแนนเฉลี่ย / ผลรวมคะแนนที่ถ่วงน้ำหนัก; tool, mean and weighted sum merged over the tool's
  rows), then the total and the grade, the grade cell coloured by level.
- ``เปรียบเทียบ`` (comparison): each indicator in the previous and the current year with the
  change, then the totals and the two grades. Empty previous cells where that year has no data.
- ``จุดอ่อน`` (weaknesses): the weak indicators with their sub-items (one per line), the two
  years' scores, the change, the rule that made each weak and NACC's recommendation.
- ``มาตรการ`` (measures): the target of the plan year (a number, with its level), then the
  measures table; weak indicators without a measure are flagged with a fill and the text.
- ``คะแนนรายตัวชี้วัด`` (indicator scores): the ten indicator scores of both years, the cells
  that the two native charts below it use (this year's scores; the two-year comparison).

Conventions: numbers are stored as numbers (format ``0.00``), years and indicator numbers as
integers, and every text is Arabic-digit text whatever ``doc.digits`` says. Text from data goes
in with :func:`~ita_analysis.report.excel.set_text`, so it never becomes a formula. Every cell is
"TH Sarabun New" 16 pt (the government font); widths and heights are estimated for it, counting
only base characters (Thai vowels above/below and tone marks take no width). Every sheet prints on
A4, one page wide, with its table header repeated.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.drawing.text import Font as DrawingFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ita_analysis.files import atomic_path
from ita_analysis.report.document import ITA_SHORT, MeasuresDocument
from ita_analysis.report.excel import THAI_FONT, set_text
from ita_analysis.thai.wrap import base_characters

__all__ = ["SHEETS", "GRADE_FILLS", "grade_fill", "text_width", "write_workbook", "build_workbook"]

SHEET_RESULTS = "ผลการประเมิน"
SHEET_COMPARISON = "เปรียบเทียบ"
SHEET_WEAKNESSES = "จุดอ่อน"
SHEET_MEASURES = "มาตรการ"
SHEET_SCORES = "คะแนนรายตัวชี้วัด"
SHEETS = (SHEET_RESULTS, SHEET_COMPARISON, SHEET_WEAKNESSES, SHEET_MEASURES, SHEET_SCORES)

NUMBER_FORMAT = "0.00"
FONT_SIZE = 16
TOTAL_LABEL = "คะแนนรวมการประเมินฯ"
GRADE_LABEL = "ผลการประเมินอยู่ในระดับ"
NO_TARGET = "ยังไม่ได้กำหนด"

# Fill colour (RGB hex) of a grade or rating cell: greens for the top levels, yellow-green,
# yellow, orange, red downwards. Black text stays readable on each.
GRADE_FILLS: dict[str, str] = {
    # letter grades, FY2562-FY2565
    "AA": "63BE7B",
    "A": "A9D08E",
    "B": "D4E157",
    "C": "FFE066",
    "D": "F8A65A",
    "E": "F8696B",
    "F": "F8696B",
    # ratings, from FY2566
    "ผ่านดีเยี่ยม": "63BE7B",
    "ผ่านดี": "A9D08E",
    "ผ่าน": "D4E157",
    "ต้องปรับปรุง": "F8A65A",
    "ต้องปรับปรุงโดยด่วน": "F8696B",
}
HEADER_FILL = "D9E1F2"  # light blue
TOTAL_FILL = "F2F2F2"  # light grey: total and grade rows
NOTE_FILL = "FFF2CC"  # light yellow: framework notes (e.g. provisional)
MISSING_FILL = "FFC7CE"  # light red: weak indicator without a measure
MISSING_TEXT_COLOUR = "9C0006"
PREVIOUS_COLOUR = "A6A6A6"  # chart series: previous year grey, current year blue
CURRENT_COLOUR = "0072B2"

# Sizes for 16 pt TH Sarabun New. Column widths are in Excel's units (the width of a digit of the
# default 11 pt font, 7 px). A base character of the Thai font at 16 pt averages about 0.4 em
# (Thai letters less, digits and Latin capitals more): 8.5 px, 1.2 units; a space about 0.55.
# Rows get 30 pt per line, room for Thai marks stacked above and below.
CHAR_UNITS = 1.2
SPACE_UNITS = 0.6
BOLD_FACTOR = 1.08
CELL_PADDING = 2.0  # width units lost to the cell's margins
WRAP_SLACK = 1.05  # wrapped lines break between words and end short
LINE_PT = 30.0
ROW_PADDING_PT = 0.0
SPACER_PT = 10.0  # the blank row between a sheet's heading and its table
MAX_ROW_PT = 409.0  # Excel's largest row height
LANDSCAPE_FROM = 100.0  # total column width (units) above which a sheet prints landscape

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


# ----------------------------------------------------------------------------- public functions
def write_workbook(doc: MeasuresDocument, path: str | Path) -> Path:
    """Write the measures workbook of ``doc`` to ``path`` (.xlsx) atomically; returns the path."""
    wb = build_workbook(doc)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def build_workbook(doc: MeasuresDocument) -> Workbook:
    """The workbook in memory: the five sheets of :data:`SHEETS`, in that order."""
    doc = dataclasses.replace(doc, digits="arabic")  # Excel keeps Arabic digits
    wb = Workbook()
    wb.remove(wb.active)
    _results_sheet(wb.create_sheet(SHEET_RESULTS), doc)
    _comparison_sheet(wb.create_sheet(SHEET_COMPARISON), doc)
    _weaknesses_sheet(wb.create_sheet(SHEET_WEAKNESSES), doc)
    _measures_sheet(wb.create_sheet(SHEET_MEASURES), doc)
    _scores_sheet(wb.create_sheet(SHEET_SCORES), doc)
    wb.active = 0
    wb.properties.title = _clean(f"{doc.title} {doc.subtitle}")
    wb.properties.creator = "ita-analysis"
    return wb


def grade_fill(label: object) -> PatternFill | None:
    """The fill of a grade or rating cell (:data:`GRADE_FILLS`); None for an unknown label."""
    colour = GRADE_FILLS.get(str(label).strip()) if label is not None else None
    return _fill(colour) if colour else None


def text_width(text: str, *, bold: bool = False) -> float:
    """Estimated width of one line of 16 pt Thai text, in column-width units.

    Only base characters count: Thai vowels above and below and tone marks (combining marks)
    take no width.
    """
    base = base_characters(text)
    units = sum(SPACE_UNITS if ch == " " else CHAR_UNITS for ch in base)
    return units * (BOLD_FACTOR if bold else 1.0)


# --------------------------------------------------------------------------------------- sheets
@dataclass(frozen=True)
class Column:
    """One table column: its header, what it holds and the limits of its width (in units).

    kind: "int" (indicator numbers, years), "number" (scores, 2 decimals), "text" or "long"
    (long text: wrapped, rows grow).
    """

    header: str
    kind: str = "text"
    min_width: float = 8.0
    max_width: float = 40.0


def _results_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """ผลการประเมิน: title, notes, the results table with merged tool cells, total and grade rows."""
    columns = [
        Column("ลำดับที่", "int", 9, 9),
        Column("เครื่องมือ", "long", 24, 30),
        Column("ตัวชี้วัด", "text", 20, 40),
        Column("คะแนนที่ได้", "number", 14, 14),
        Column("คะแนนเฉลี่ย", "number", 14, 14),
        Column("ผลรวมคะแนนที่ถ่วงน้ำหนัก", "number", 16, 34),
    ]
    top = _band(ws, 1, f"{doc.title} {doc.subtitle}", len(columns), bold=True)
    top = _band(ws, top, f"ผล{ITA_SHORT} ประจำปีงบประมาณ พ.ศ. {doc.fiscal_year}", len(columns))
    for note in doc.notes:
        top = _band(ws, top, note, len(columns), fill=NOTE_FILL)
    header = top + 1
    res = doc.results
    rows = [
        [r.indicator, _tool_label(doc, r.tool), r.indicator_name, r.score, r.tool_score, r.tool_weighted]
        for r in res.itertuples(index=False)
    ]
    last = _write_table(ws, header, columns, rows)
    _merge_groups(ws, header + 1, list(res["tool"]), cols=(2, 5, 6))
    total = doc.summary.get("total")
    _footer_row(ws, last + 1, TOTAL_LABEL, 5, {6: total})
    _footer_row(ws, last + 2, GRADE_LABEL, 5, {6: doc.summary.get("grade")}, grade_cols=(6,))
    _finish(ws, header)


def _comparison_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """เปรียบเทียบ: the two years per indicator with the change, totals and grades."""
    prev, cur = doc.previous_year, doc.fiscal_year
    columns = [
        Column("ลำดับที่", "int", 9, 9),
        Column("เครื่องมือ", "long", 24, 30),
        Column("ตัวชี้วัด", "text", 20, 40),
        Column(f"คะแนน พ.ศ. {prev}", "number", 16, 16),
        Column(f"คะแนน พ.ศ. {cur}", "number", 16, 16),
        Column("ผลต่าง", "number", 12, 12),
    ]
    heading = f"เปรียบเทียบผล{ITA_SHORT} ประจำปีงบประมาณ พ.ศ. {prev} - {cur} {doc.subtitle}"
    top = _band(ws, 1, heading, len(columns), bold=True)
    comp = doc.comparison
    rows = [
        [r.indicator, _tool_label(doc, r.tool), r.indicator_name, r.score_previous, r.score_current, r.change]
        for r in comp.itertuples(index=False)
    ]
    header = top + 1
    last = _write_table(ws, header, columns, rows)
    _merge_groups(ws, header + 1, list(comp["tool"]), cols=(2,))
    before = doc.previous_summary or {}
    total_prev, total_cur = before.get("total"), doc.summary.get("total")
    change = round(total_cur - total_prev, 2) if _present(total_prev) and _present(total_cur) else None
    _footer_row(ws, last + 1, TOTAL_LABEL, 3, {4: total_prev, 5: total_cur, 6: change})
    grades = {4: before.get("grade"), 5: doc.summary.get("grade"), 6: None}
    _footer_row(ws, last + 2, GRADE_LABEL, 3, grades, grade_cols=(4, 5))
    _finish(ws, header)


def _weaknesses_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """จุดอ่อน: weak indicators, sub-items one per line, scores, change, rule, recommendation."""
    prev, cur = doc.previous_year, doc.fiscal_year
    columns = [
        Column("ตัวชี้วัด", "text", 18, 30),
        Column("ประเด็นย่อย", "long", 30, 42),
        Column(f"คะแนน พ.ศ. {prev}", "number", 12, 12),
        Column(f"คะแนน พ.ศ. {cur}", "number", 12, 12),
        Column("ผลต่าง", "number", 10, 10),
        Column("เกณฑ์", "long", 16, 20),
        Column("ข้อเสนอแนะของสำนักงาน ป.ป.ช.", "long", 30, 42),
    ]
    heading = f"ตัวชี้วัดที่เป็นจุดอ่อน ผล{ITA_SHORT} ประจำปีงบประมาณ พ.ศ. {cur} {doc.subtitle}"
    top = _band(ws, 1, heading, len(columns), bold=True)
    weak = doc.weaknesses
    rows = [
        [r.indicator_name, _bullets(doc.sub_item_lines(r)), r.score_previous, r.score_current, r.change, r.rule_th,
         r.recommendation]
        for r in weak.itertuples(index=False)
    ]  # fmt: skip
    header = top + 1
    last = _write_table(ws, header, columns, rows)
    if weak.empty:
        _band(ws, last + 1, doc.weakness_intro, len(columns))
    _finish(ws, header)


def _measures_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """มาตรการ: the target of the plan year, then the measures; rows still without one flagged."""
    columns = [
        Column("ตัวชี้วัด", "text", 18, 40),
        Column("แนวทางการดำเนินงาน", "long", 36, 50),
        Column("ผู้รับผิดชอบ", "long", 16, 26),
        Column("ระยะเวลา", "long", 14, 22),
        Column("ตัวชี้วัดความสำเร็จ", "long", 18, 30),
    ]
    heading = f"มาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {doc.plan_year} {doc.subtitle}"
    top = _band(ws, 1, heading, len(columns), bold=True)
    target_row = top
    top = _target_row(ws, top, doc)
    if doc.missing_plan_text:
        top = _band(ws, top, doc.missing_plan_text, len(columns), fill=MISSING_FILL)
    plan = doc.plan
    rows = [[r.indicator_name, r.action, r.responsible, r.timeline, r.kpi] for r in plan.itertuples(index=False)]
    header = top + 1
    _write_table(ws, header, columns, rows)
    _widen_to_fit(ws, ws.cell(row=target_row, column=1))
    for k, missing in enumerate(plan["missing"].tolist()):
        if missing:
            _flag_row(ws, header + 1 + k, len(columns))
    _finish(ws, header)


def _scores_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """คะแนนรายตัวชี้วัด: the ten indicator scores of both years, and the two charts that use them."""
    prev, cur = doc.previous_year, doc.fiscal_year
    columns = [
        Column("ลำดับที่", "int", 9, 9),
        Column("ตัวชี้วัด", "text", 20, 40),
        Column("เครื่องมือ", "text", 11, 11),
        Column(f"พ.ศ. {prev}", "number", 12, 12),
        Column(f"พ.ศ. {cur}", "number", 12, 12),
    ]
    top = _band(ws, 1, f"คะแนนรายตัวชี้วัด พ.ศ. {prev} - {cur} {doc.subtitle}", len(columns), bold=True)
    header = top + 1
    comp = doc.comparison
    rows = [
        [r.indicator, r.indicator_name, r.tool, r.score_previous, r.score_current] for r in comp.itertuples(index=False)
    ]
    last = _write_table(ws, header, columns, rows)
    _finish(ws, header)
    _add_score_charts(ws, doc, header, last)


# --------------------------------------------------------------------------------- sheet parts
def _tool_label(doc: MeasuresDocument, code: str) -> str:
    """ "แบบวัด... (IIT)" as the reference prints the tool column."""
    for tool in doc.framework.tools:
        if tool.code == code:
            return f"{tool.name_th} ({tool.code})"
    return str(code)


def _bullets(lines: Sequence[str]) -> str | None:
    """Sub-items one per line, each starting with "- " as in the reference document."""
    return "\n".join(f"- {line}" for line in lines) if lines else None


def _band(ws: Worksheet, row: int, text: str, ncols: int, *, bold: bool = False, fill: str | None = None) -> int:
    """One line of text merged across the table's width (title, note); returns the next row."""
    cell = ws.cell(row=row, column=1)
    _put(cell, text, "long")
    cell.font = _font(bold=bold)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    if fill:
        cell.fill = _fill(fill)
    if ncols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    return row + 1


def _target_row(ws: Worksheet, row: int, doc: MeasuresDocument) -> int:
    """ "ค่าเป้าหมาย พ.ศ. <plan year>:" | the target (a number) | its level, coloured; returns the next row."""
    label = ws.cell(row=row, column=1)
    _put(label, f"ค่าเป้าหมาย พ.ศ. {doc.plan_year}:", "text")
    label.font = _font(bold=True)
    label.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    value = ws.cell(row=row, column=2)
    _put(value, doc.target if doc.target is not None else NO_TARGET, "number")
    value.font = _font(bold=True)
    value.alignment = Alignment(horizontal="left", vertical="center")
    level = doc.target_level
    if level:
        cell = ws.cell(row=row, column=3)
        _put(cell, f"({level})", "text")
        cell.font = _font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.fill = grade_fill(level) or PatternFill()
    return row + 1


def _write_table(ws: Worksheet, header: int, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> int:
    """The header at row ``header`` and one row per item below; sets the columns' widths.

    Returns the last row written (``header`` when there are no rows).
    """
    widths = []
    for j, col in enumerate(columns, start=1):
        cell = ws.cell(row=header, column=j)
        _put(cell, col.header, "text")
        _style(cell, "header")
        widths.append(_needed_width(cell))
    r = header
    for r, values in enumerate(rows, start=header + 1):
        for j, (col, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = ws.cell(row=r, column=j)
            _put(cell, value, col.kind)
            _style(cell, col.kind)
            widths[j - 1] = max(widths[j - 1], _needed_width(cell))
    for j, (col, width) in enumerate(zip(columns, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(j)].width = round(min(max(width, col.min_width), col.max_width), 1)
    return r


def _merge_groups(ws: Worksheet, first_row: int, keys: Sequence[object], cols: Sequence[int]) -> None:
    """Merge ``cols`` vertically over each run of equal ``keys`` (the rows of one tool)."""
    start = 0
    for k in range(1, len(keys) + 1):
        if k == len(keys) or keys[k] != keys[start]:
            if k - start > 1:
                for c in cols:
                    ws.merge_cells(start_row=first_row + start, start_column=c, end_row=first_row + k - 1, end_column=c)
            start = k


def _footer_row(ws: Worksheet, row: int, label: str, label_cols: int, values: dict[int, object],
                grade_cols: Sequence[int] = ()) -> None:  # fmt: skip
    """A total or grade row: the label merged over the first ``label_cols`` columns, then values.

    ``values`` maps a column to a score (a number) or, in ``grade_cols``, a grade (coloured).
    """
    ncols = max([label_cols, *values])
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)
        _style(cell, "text")
        cell.font = _font(bold=True)
        cell.fill = _fill(TOTAL_FILL)
    label_cell = ws.cell(row=row, column=1)
    _put(label_cell, label, "text")
    label_cell.alignment = Alignment(horizontal="right", vertical="center", wrap_text=True)
    for c, value in values.items():
        cell = ws.cell(row=row, column=c)
        if c in grade_cols:
            _put(cell, value, "text")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.fill = (grade_fill(value) if _present(value) else None) or _fill(TOTAL_FILL)
        else:
            _put(cell, value, "number")
            _style(cell, "number")
            cell.font = _font(bold=True)
            cell.fill = _fill(TOTAL_FILL)
    if label_cols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=label_cols)


def _widen_to_fit(ws: Worksheet, cell: Cell) -> None:
    """Widen the cell's column, if needed, so that its text shows on one line."""
    dim = ws.column_dimensions[get_column_letter(cell.column)]
    dim.width = round(max(_column_width(ws, cell.column), _needed_width(cell)), 1)


def _flag_row(ws: Worksheet, row: int, ncols: int) -> None:
    """Mark a weak indicator that has no measure yet: red fill, dark red bold text."""
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)
        cell.fill = _fill(MISSING_FILL)
        cell.font = _font(bold=True, color=MISSING_TEXT_COLOUR)


def _finish(ws: Worksheet, header: int) -> None:
    """Row heights, frozen header, print set-up: what every sheet gets once its cells are in."""
    _fit_rows(ws)
    if header > 1 and all(c.value is None for c in ws[header - 1]):
        ws.row_dimensions[header - 1].height = SPACER_PT
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    _page_setup(ws, header)


# ---------------------------------------------------------------------------------------- cells
def _put(cell: Cell, value: object, kind: str) -> None:
    """Store ``value`` by column kind: integers and numbers as numbers, anything else as text."""
    if not _present(value) or (isinstance(value, str) and not value.strip()):
        cell.value = None
    elif kind == "int" and not isinstance(value, str):
        cell.value = int(value)
        cell.number_format = "0"
    elif kind == "number" and not isinstance(value, str):
        cell.value = float(value)
        cell.number_format = NUMBER_FORMAT
    else:
        set_text(cell, _clean(str(value)))


def _style(cell: Cell, kind: str) -> None:
    """Font, border and alignment of a table cell; ``kind`` is "header" or a :class:`Column` kind."""
    cell.border = _BORDER
    if kind == "header":
        cell.font = _font(bold=True)
        cell.fill = _fill(HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        return
    cell.font = _font()
    if kind in ("int", "number"):
        cell.alignment = Alignment(horizontal="center", vertical="center")
    else:  # short text fits its column; only long text wraps
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=kind == "long")


def _font(*, bold: bool = False, color: str | None = None) -> Font:
    return Font(name=THAI_FONT, size=FONT_SIZE, bold=bold, color=color)


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _present(value: object) -> bool:
    if value is None:
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def _clean(text: str) -> str:
    """Text without the control characters that an .xlsx file cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _shown(cell: Cell) -> str:
    """The text a cell shows (numbers with two decimals)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _needed_width(cell: Cell) -> float:
    """Column width that shows the cell's longest line without wrapping (see :func:`_lines`)."""
    bold = bool(cell.font and cell.font.b)
    widest = max((text_width(line, bold=bold) for line in _shown(cell).split("\n")), default=0.0)
    return widest * WRAP_SLACK + CELL_PADDING


# ------------------------------------------------------------------------------- row heights
def _fit_rows(ws: Worksheet) -> None:
    """Row heights for 16 pt Thai: one LINE_PT per line of the tallest cell, wrapped lines counted.

    A cell merged over several rows (a tool over its indicators) spreads its lines over them.
    """
    merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    heights: dict[int, float] = {}
    spans: list[tuple[int, int, float]] = []
    for cell in (c for line in ws.iter_rows() for c in line):
        if cell.value is None:
            continue
        row, col = cell.row, cell.column
        rng = merged.get((row, col))
        first_col, last_col, last_row = (rng.min_col, rng.max_col, rng.max_row) if rng else (col, col, row)
        width = sum(_column_width(ws, c) for c in range(first_col, last_col + 1))
        need = _lines(cell, width) * LINE_PT + ROW_PADDING_PT
        if last_row == row:
            heights[row] = max(heights.get(row, 0.0), need)
        else:
            spans.append((row, last_row, need))
    for first, last, need in spans:
        rows = range(first, last + 1)
        for r in rows:
            heights.setdefault(r, LINE_PT + ROW_PADDING_PT)
        short = need - sum(heights[r] for r in rows)
        if short > 0:
            for r in rows:
                heights[r] += short / len(rows)
    for r, h in heights.items():
        ws.row_dimensions[r].height = round(min(h, MAX_ROW_PT), 1)


def _column_width(ws: Worksheet, col: int) -> float:
    width = ws.column_dimensions[get_column_letter(col)].width
    return float(width) if width else 8.43


def _lines(cell: Cell, width: float) -> int:
    """Lines the cell needs at ``width``: its own line breaks, plus wrapping when it wraps."""
    bold = bool(cell.font and cell.font.b)
    wraps = bool(cell.alignment and cell.alignment.wrap_text)
    usable = max(width - CELL_PADDING, 1.0)
    total = 0
    for line in _shown(cell).split("\n"):
        w = text_width(line, bold=bold) * WRAP_SLACK
        total += max(1, math.ceil(w / usable - 0.02)) if wraps else 1  # 0.02: widths are rounded
    return total


# ---------------------------------------------------------------------------------- page set-up
def _page_setup(ws: Worksheet, header: int) -> None:
    """A4, one page wide (landscape when wide), header row repeated, page numbers in the footer."""
    total = sum(_column_width(ws, c) for c in range(1, ws.max_column + 1))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if total > LANDSCAPE_FROM else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header}:{header}"
    ws.oddFooter.center.text = "หน้า &P / &N"
    ws.oddFooter.center.font = THAI_FONT
    ws.oddFooter.center.size = 14


# --------------------------------------------------------------------------------------- charts
def _add_score_charts(ws: Worksheet, doc: MeasuresDocument, header: int, last: int) -> None:
    """Two native bar charts below the scores table, both reading its cells.

    This year's ten indicator scores (column E), then the two years side by side (D and E).
    Categories are the Thai indicator names (column B); the score axis runs 0-100.
    """
    if last <= header:
        return
    cats = Reference(ws, min_col=2, min_row=header + 1, max_row=last)
    this_year = Reference(ws, min_col=5, min_row=header, max_row=last)
    two_years = Reference(ws, min_col=4, max_col=5, min_row=header, max_row=last)
    title = f"ผลคะแนนรายตัวชี้วัด พ.ศ. {doc.fiscal_year}"
    current = _bar_chart(title, cats, this_year, colours=(CURRENT_COLOUR,), legend=False)
    both = _bar_chart(
        f"เปรียบเทียบผลคะแนนรายตัวชี้วัด พ.ศ. {doc.previous_year} - {doc.fiscal_year}", cats, two_years,
        colours=(PREVIOUS_COLOUR, CURRENT_COLOUR), legend=True,
    )  # fmt: skip
    anchor = last + 2
    ws.add_chart(current, f"A{anchor}")
    second = anchor + _rows_for(current.height) + 1
    ws.add_chart(both, f"A{second}")
    ws.row_breaks.append(Break(id=second - 1))  # each chart whole on a page


def _bar_chart(title: str, cats: Reference, data: Reference, *, colours: Sequence[str], legend: bool) -> BarChart:
    """Horizontal bars, indicator 1 at the top, score axis 0-100, values labelled with 2 decimals.

    Series titles come from the header cells of ``data`` (e.g. "พ.ศ. 2563").
    """
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.add_data(data, titles_from_data=True)
    for series in chart.series:  # the categories are text (Thai names): a string reference
        series.cat = AxDataSource(strRef=StrRef(f=str(cats)))
    chart.title = _chart_title(title)
    chart.width, chart.height = 17.0, 12.0 if len(colours) > 1 else 10.0
    chart.gapWidth = 60
    chart.x_axis.scaling.orientation = "maxMin"  # categories top-down, as in the table
    chart.x_axis.delete = False
    chart.x_axis.txPr = _rich(1300)
    chart.y_axis.delete = False
    chart.y_axis.crosses = "max"  # with the categories reversed this keeps the score axis at the bottom
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 10
    chart.y_axis.number_format = "0"
    chart.y_axis.txPr = _rich(1300)
    for series, colour in zip(chart.series, colours, strict=True):
        series.graphicalProperties = GraphicalProperties(solidFill=colour, ln=LineProperties(solidFill=colour))
    chart.dataLabels = DataLabelList(
        numFmt=NUMBER_FORMAT, showVal=True, showCatName=False, showSerName=False, showLegendKey=False, showPercent=False
    )
    chart.dataLabels.txPr = _rich(1200)
    if legend:
        chart.legend = Legend(legendPos="b", overlay=False, txPr=_rich(1300))
    else:
        chart.legend = None
    return chart


def _chart_title(text: str) -> Title:
    props = _character_props(1500, bold=True)
    para = Paragraph(pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text)])
    return Title(tx=Text(rich=RichText(p=[para])), overlay=False)


def _rich(size: int) -> RichText:
    """Text properties for chart labels: the Thai font at ``size`` hundredths of a point."""
    props = _character_props(size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _character_props(size: int, *, bold: bool = False) -> CharacterProperties:
    face = DrawingFont(typeface=THAI_FONT)
    return CharacterProperties(latin=face, cs=face, sz=size, b=bold)


def _rows_for(height_cm: float) -> int:
    """Default-height (15 pt) rows that a chart of ``height_cm`` covers."""
    return math.ceil(height_cm / 2.54 * 72 / 15)
