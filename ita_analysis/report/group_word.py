"""The group report as Word (.docx): the sections of a
:class:`~ita_analysis.report.group_document.GroupDocument` written by the measures document's
writer (:class:`~ita_analysis.report.word.WordBody`) in its styles, page, title, tables and charts:
TH Sarabun New, page numbers in the document's digits, Thai left-aligned, tables with their header
repeated. Text from data goes in as run text only (escaped). A chart of one page of agencies (the
heat map, the change per agency) is drawn up to a page tall; the ranking annex starts a page.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Cm, Pt

from ita_analysis.report.group_document import CHART, LEAD, NOTE, TABLE, WORKBOOK, GroupDocument, tall_chart
from ita_analysis.report.word import CHART_MAX_HEIGHT, NOTE_FILL, WordBody, WordWriter

PAGE_CHART_HEIGHT = Cm(22)  # a chart of one page of agencies: the page's height less the heading
NOTE_PT = 13


def write_group_docx(doc: GroupDocument, path: str | Path, writer: WordWriter | None = None) -> Path:
    """Write the group report to ``path`` (.docx), atomically (``writer``: one kept for many files)."""
    writer = writer or WordWriter()
    body = writer.body(doc)
    body.title(doc.title)
    body.title(doc.subtitle, space_after=Pt(12))
    for note in doc.notes:
        body.para(note, bold=True, indent=False, fill=NOTE_FILL)
    for section in doc.sections:
        body.heading(section.heading, 1, new_page=section.annex)
        for block in section.blocks:
            if block.where != WORKBOOK:
                _block(body, block)
    return writer.save(doc, body, path)


def _block(body: WordBody, block) -> None:
    if block.kind == TABLE and block.table is not None:
        body.table(block.table, whole=block.table.keep_together)
    elif block.kind == CHART:
        for chart in block.charts:
            if Path(chart).is_file():
                body.picture(chart, PAGE_CHART_HEIGHT if tall_chart(chart) else CHART_MAX_HEIGHT)
    else:
        note = block.kind == NOTE
        body.para(block.text, indent=not note, keep_with_next=block.kind == LEAD, size=NOTE_PT if note else None)
