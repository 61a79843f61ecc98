"""The indicator-scores sheet of the measures workbook and its two native Excel charts.

The sheet is the charts' data, not a document table: the indicator scores of both years, one row
per indicator, that the two bar charts below it read (this year's scores; the two-year
comparison), so that managers can restyle the charts or point them elsewhere.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

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
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.excel import THAI_FONT
from ita_analysis.report.layout import INT, SCORE, TEXT, Cell, Column, Row, Table, score_cell, text_cell
from ita_analysis.report.workbook_sizing import NUMBER_FORMAT, band, finish
from ita_analysis.report.workbook_table import write_table

PREVIOUS_COLOUR = "A6A6A6"  # chart series: previous year grey, current year blue
CURRENT_COLOUR = "0072B2"


def scores_sheet(ws: Worksheet, doc: MeasuresDocument) -> None:
    """คะแนนรายตัวชี้วัด: every indicator's score in both years, and the two charts that read them.

    The columns are fixed for the charts: number, name (the categories), tool, previous year,
    current year (the series, titled by their header cells).
    """
    prev, cur = doc.previous_year, doc.fiscal_year
    columns = (
        Column("ลำดับที่", INT, 9), Column("ตัวชี้วัด", TEXT, 40), Column("เครื่องมือ", TEXT, 11),
        Column(f"พ.ศ. {doc.year(prev)}", SCORE, 12), Column(f"พ.ศ. {doc.year(cur)}", SCORE, 12),
    )  # fmt: skip
    rows = [
        Row((Cell(int(r.indicator), INT), text_cell(r.indicator_name), text_cell(r.tool),
             score_cell(r.score_previous), score_cell(r.score_current)))
        for r in doc.comparison.itertuples(index=False)
    ]  # fmt: skip
    title = f"คะแนนรายตัวชี้วัด พ.ศ. {doc.year(prev)} - {doc.year(cur)} {doc.subtitle}"
    top = band(ws, 1, title, len(columns), bold=True)
    header, last = write_table(ws, top + 1, Table("scores", columns, tuple(rows)))
    finish(ws, header)
    add_score_charts(ws, doc, header[1], last)


def add_score_charts(ws: Worksheet, doc: MeasuresDocument, header: int, last: int) -> None:
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
    for row in (anchor - 1, second - 1):  # each chart whole on a page of its own
        ws.row_breaks.append(Break(id=row))


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
