"""The group report as Word (.docx): the sections of a
:class:`~ita_analysis.report.group_document.GroupDocument` written with the measures document's
styles, page, title, tables and charts (:mod:`ita_analysis.report.word`,
:mod:`ita_analysis.report.word_styles`, :mod:`ita_analysis.report.word_table`): TH Sarabun New,
page numbers in the document's digits, Thai left-aligned, tables with their header repeated.
Text from data goes in as run text only (python-docx escapes it). A chart of one page of agencies
(the heat map, the change per agency) is drawn up to a page tall; the ranking annex starts a page.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ita_analysis.files import atomic_path
from ita_analysis.report.group_document import CHART, LEAD, NOTE, TABLE, WORKBOOK, GroupDocument, tall_chart
from ita_analysis.report.word import NOTE_FILL, add_title, chart_size, shade_paragraph, space_after_table
from ita_analysis.report.word_fit import Metrics
from ita_analysis.report.word_styles import setup_document
from ita_analysis.report.word_table import add_table, run

PAGE_CHART_HEIGHT = Cm(22)  # a chart of one page of agencies: the page's height less the heading
NOTE_PT = 13


def write_group_docx(doc: GroupDocument, path: str | Path) -> Path:
    """Write the group report to ``path`` (.docx), atomically."""
    document = Document()
    setup_document(document, doc)
    metrics = Metrics.sarabun()
    add_title(document, doc.title, metrics)
    add_title(document, doc.subtitle, metrics).paragraph_format.space_after = Pt(12)
    for note in doc.notes:
        shade_paragraph(_para(document, note, bold=True, indent=False), NOTE_FILL)
    for section in doc.sections:
        heading = document.add_paragraph(style="Heading 1")
        space_after_table(heading)
        heading.paragraph_format.page_break_before = section.annex
        run(heading, section.heading)
        for block in section.blocks:
            if block.where == WORKBOOK:
                continue
            if block.kind == TABLE and block.table is not None:
                t = add_table(document, block.table, doc, metrics)
                if block.table.keep_together:
                    _keep_together(t)
            elif block.kind == CHART:
                for chart in block.charts:
                    _picture(document, chart)
            else:
                _para(document, block.text, keep_with_next=block.kind == LEAD, note=block.kind == NOTE)
    with atomic_path(path) as tmp:
        document.save(tmp)
    return Path(path)


def _para(document, text: str, *, bold=False, indent=True, keep_with_next=False, note=False):
    p = document.add_paragraph(style="Body Text")
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if not indent or note:
        p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.keep_with_next = keep_with_next
    space_after_table(p)
    if text:
        run(p, text, bold=bold, size=NOTE_PT if note else None)
    return p


def _picture(document, path: Path) -> None:
    if not Path(path).is_file():
        return
    paged = tall_chart(path)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(6)
    width, height = chart_size(path, PAGE_CHART_HEIGHT) if paged else chart_size(path)
    p.add_run().add_picture(str(path), width=width, height=height)


def _keep_together(table) -> None:
    """Every row of a short table kept with the next, so that the table does not split over pages."""
    for row in table.rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
