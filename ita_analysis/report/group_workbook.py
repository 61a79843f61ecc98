"""The group report as an Excel workbook: one sheet per section of the
:class:`~ita_analysis.report.group_document.GroupDocument` (ภาพรวม, ระดับผลการประเมิน, รายตัวชี้วัด,
หน่วยงานที่ควรติดตาม, ข้อที่ได้ 0 คะแนน, อันดับ), each with its heading, sentences and table, the
same layout tables the PDF and Word file print, written by the measures workbook's helpers
(:mod:`ita_analysis.report.workbook_table`, :mod:`ita_analysis.report.workbook_sizing`): TH Sarabun
New 16 pt, numbers as numbers (``0.00``), text from data always text (never a formula), A4 one
page wide with the table's header repeated. The charts are in the PDF and Word files.

As the measures workbook, every text is in Arabic digits whatever the document's digits.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ita_analysis.files import atomic_path
from ita_analysis.report.group_document import DOCUMENTS, LEAD, NOTE, TABLE, TEXT, GroupDocument, Section
from ita_analysis.report.group_tables import table_in_digits
from ita_analysis.report.safe_text import PROPERTY_LIMIT, shortened
from ita_analysis.report.workbook import NOTE_FILL
from ita_analysis.report.workbook_sizing import band, finish, set_width
from ita_analysis.report.workbook_table import TABLE_UNITS, write_table
from ita_analysis.thai.numbers import to_arabic_digits


def write_group_workbook(doc: GroupDocument, path: str | Path) -> Path:
    """Write the group report's workbook to ``path`` (.xlsx) atomically; returns the path."""
    wb = build_group_workbook(doc)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def build_group_workbook(doc: GroupDocument) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for k, section in enumerate(doc.sections):
        ws = wb.create_sheet(_sheet_name(section.sheet, wb.sheetnames))
        _section_sheet(ws, doc, section, first=k == 0)
    wb.active = 0
    wb.properties.title = shortened(to_arabic_digits(f"{doc.title} {doc.subtitle}"), PROPERTY_LIMIT)
    wb.properties.creator = "ita-analysis"
    return wb


def _sheet_name(name: str, taken: list[str]) -> str:
    """A sheet name Excel takes: at most 31 characters, none of []:*?/\\, not taken yet."""
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "sheet"
    base, k = name, 2
    while name in taken:
        name = f"{base[: 31 - len(str(k)) - 1]}_{k}"
        k += 1
    return name


def _section_sheet(ws: Worksheet, doc: GroupDocument, section: Section, *, first: bool) -> None:
    """The section's heading, its sentences and notes as bands across the table's width, its table."""
    table = next((b.table for b in section.blocks if b.kind == TABLE and b.where != DOCUMENTS), None)
    n = len(table.columns) if table is not None else 1
    top = 1
    if first:
        top = band(ws, top, to_arabic_digits(f"{doc.title} {doc.subtitle}"), n, bold=True)
        for note in doc.notes:
            top = band(ws, top, to_arabic_digits(note), n, colour=NOTE_FILL)
    top = band(ws, top, to_arabic_digits(section.heading), n, bold=True)
    header = None
    for block in (b for b in section.blocks if b.where != DOCUMENTS):
        if block.kind in (TEXT, LEAD, NOTE):
            top = band(ws, top, to_arabic_digits(block.text), n, colour=NOTE_FILL if block.kind == NOTE else None)
        elif block.kind == TABLE and block.table is not None and header is None:
            header, last = write_table(ws, top + 1, table_in_digits(block.table, "arabic"))
            top = last + 2
    if header is None:
        set_width(ws, 1, TABLE_UNITS)
    finish(ws, header)
