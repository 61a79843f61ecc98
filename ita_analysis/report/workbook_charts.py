"""Native Excel charts of the measures workbook, each below the table it reads on the same sheet.

The results sheet gets this year's indicator scores as columns; the comparison sheet gets the two
years side by side. Both read the table's cells (categories: the indicator names; values: the
score columns; series titles: the header cells), so that they follow any edit of the table.

The pass mark (from the framework) and the agency's target (when there is one) are drawn as
dashed lines over the bars: line series named "เกณฑ์ผ่าน <mark>" and "เป้าหมาย <target>" whose
values are a column of cells on the hidden sheet :data:`CHART_DATA_SHEET`, one per indicator row,
so that no visible sheet holds them. Excel draws a line series over vertical columns; combining horizontal bars with a
scatter series (the other way to draw a reference line) is drawn wrongly by LibreOffice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
    RichTextProperties,
)
from openpyxl.drawing.text import Font as DrawingFont
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.excel import THAI_FONT
from ita_analysis.report.layout import HEADER_FILL
from ita_analysis.report.workbook_sizing import BORDER, NUMBER_FORMAT, fill, font, put, set_width

PREVIOUS_COLOUR = "A6A6A6"  # bars: previous year grey, current year blue
CURRENT_COLOUR = "0072B2"
PASS_COLOUR = "333333"  # reference lines: pass mark dark grey (dashed), target purple (dash-dot)
TARGET_COLOUR = "CC79A7"
CHART_HEIGHT_CM = 14.0  # in default-height rows: fits a landscape A4 page
REFERENCE_WIDTH = 16.0  # width of a reference-line column, in column-width units
CHART_DATA_SHEET = "ข้อมูลกราฟ"  # the hidden sheet of the reference lines' cells
LABEL_TEXT = {CURRENT_COLOUR: "FFFFFF", PREVIOUS_COLOUR: "000000"}  # value labels inside the bars
UPRIGHT = -5400000  # text rotation (60,000ths of a degree): labels read upwards, one bar wide


@dataclass(frozen=True)
class TableChart:
    """Where a chart's data sit on its sheet: the header row (series titles), the first and last
    body rows, the category column (indicator names) and the value columns (1-based)."""

    title: str
    header: int
    first: int
    last: int
    category: int
    values: tuple[int, ...]
    colours: tuple[str, ...]
    table_columns: int  # the table's width in columns: the chart spans it


def reference_lines(doc: MeasuresDocument) -> list[tuple[str, float, str, str]]:
    """(label, points, colour, dash) of the lines each chart draws: the framework's pass mark, and
    the target when the agency has one."""
    mark = doc.framework.pass_mark
    lines = [(f"เกณฑ์ผ่าน {_plain(mark)}", float(mark), PASS_COLOUR, "dash")]
    if doc.target is not None:
        lines.append((f"เป้าหมาย {_plain(doc.target)}", float(doc.target), TARGET_COLOUR, "lgDashDot"))
    return lines


def add_table_chart(ws: Worksheet, doc: MeasuresDocument, spec: TableChart, top: int) -> int:
    """Put the chart of ``spec`` at row ``top`` (on a new printed page), with its reference lines;
    returns the last row the chart covers (for the print area)."""
    if spec.last < spec.first:
        return top - 1
    bars = _bar_chart(spec.title, len(spec.values) > 1)
    for col in spec.values:
        bars.add_data(Reference(ws, min_col=col, min_row=spec.header, max_row=spec.last), titles_from_data=True)
    upright = len(spec.values) > 1
    for series, colour in zip(bars.series, spec.colours, strict=True):
        series.graphicalProperties = GraphicalProperties(solidFill=colour, ln=LineProperties(solidFill=colour))
        series.dLbls = _value_labels(LABEL_TEXT.get(colour, "000000"), 1100 if upright else 1200, upright)
    lines = LineChart()
    data = chart_data_sheet(ws.parent)
    for label, value, colour, dash in reference_lines(doc):
        count = spec.last - spec.first + 1  # one value an indicator, below the title
        col = _reference_column(data, label, value, count)
        lines.add_data(Reference(data, min_col=col, min_row=1, max_row=1 + count), titles_from_data=True)
        series = lines.series[-1]
        series.marker.symbol = "none"
        series.smooth = False
        series.graphicalProperties = GraphicalProperties(ln=LineProperties(solidFill=colour, prstDash=dash, w=28575))
    lines.x_axis, lines.y_axis = bars.x_axis, bars.y_axis  # drawn on the bars' axes
    names = Reference(ws, min_col=spec.category, min_row=spec.first, max_row=spec.last)
    for series in (*bars.series, *lines.series):  # the categories are text (Thai names): a string reference
        series.cat = AxDataSource(strRef=StrRef(f=str(names)))
    bars += lines
    rows = _rows_for(CHART_HEIGHT_CM)
    ws.add_chart(bars)
    bars.anchor = TwoCellAnchor(  # over the table's columns: it widens and narrows with them
        _from=AnchorMarker(col=0, row=top - 1), to=AnchorMarker(col=spec.table_columns, row=top - 1 + rows)
    )
    ws.row_breaks.append(Break(id=top - 1))  # the chart whole on a page of its own
    return top + rows - 1


def chart_data_sheet(wb: Workbook) -> Worksheet:
    """The hidden sheet :data:`CHART_DATA_SHEET` of ``wb``, made (last, hidden) when missing."""
    if CHART_DATA_SHEET in wb.sheetnames:
        return wb[CHART_DATA_SHEET]
    data = wb.create_sheet(CHART_DATA_SHEET)
    data.sheet_state = "hidden"
    return data


def _reference_column(data: Worksheet, label: str, value: float, count: int) -> int:
    """A new column of ``data``: the header ``label`` and ``value`` ``count`` times below it (one per
    indicator), the cells a reference line reads; returns its position."""
    col = 1 if data.max_column == 1 and data["A1"].value is None else data.max_column + 1
    head = data.cell(row=1, column=col)
    put(head, label, "text")
    head.font = font(bold=True)
    head.fill = fill(HEADER_FILL)
    head.border = BORDER
    for row in range(2, count + 2):
        cell = data.cell(row=row, column=col)
        put(cell, value, "score")
        cell.font = font()
        cell.border = BORDER
    set_width(data, col, REFERENCE_WIDTH)
    return col


def _bar_chart(title: str, legend_for_years: bool) -> BarChart:
    """Vertical columns in table order, score axis 0-100 (the series' value labels: :func:`_value_labels`)."""
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = _chart_title(title)
    chart.gapWidth = 60 if legend_for_years else 80
    chart.x_axis.delete = False
    chart.x_axis.txPr = _rich(1200)
    chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 10
    chart.y_axis.number_format = "0"
    chart.y_axis.txPr = _rich(1300)
    chart.legend = Legend(legendPos="b", overlay=False, txPr=_rich(1300))
    return chart


def _value_labels(colour: str, size: int, upright: bool) -> DataLabelList:
    """Each bar's value (2 decimals, nothing else) inside its foot, in ``colour``: clear of the
    reference lines drawn near the bars' tops and of the neighbouring bars' labels; ``upright``
    (two bars an indicator) turns them to read upwards, one bar wide."""
    labels = DataLabelList(
        numFmt=NUMBER_FORMAT,
        dLblPos="inBase",
        showVal=True,
        showCatName=False,
        showSerName=False,
        showLegendKey=False,
        showPercent=False,
    )
    props = _character_props(size)
    props.solidFill = colour
    body = RichTextProperties(rot=UPRIGHT, vert="horz") if upright else None
    labels.txPr = RichText(bodyPr=body, p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])
    return labels


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


def _plain(value: float) -> str:
    """A reference value without trailing zeros, as the PDF charts label it: 85, 87.5."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _rows_for(height_cm: float) -> int:
    """Default-height (15 pt) rows that a chart of ``height_cm`` covers."""
    return math.ceil(height_cm / 2.54 * 72 / 15)
