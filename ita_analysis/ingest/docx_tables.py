"""The tables of a Word (.docx) document as text grids, with the agency and year the text names.

Measures documents ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ๒๕๖๔ ของสำนักงาน ก.พ.")
print NACC's results and comparison tables; read here, an agency's history need not be retyped.
Each table becomes a grid like :func:`~ita_analysis.ingest.grid.read_grid` gives (a DataFrame of
str, index 0 = the table's first row): a merged cell keeps its text in its first row and first
column only, "" in the positions it spans, as Excel stores merged cells.

The agency and the fiscal year of a table are read from the text before it, nearest first: the
last few paragraphs since the previous table (the sentence that introduces the table: "ผลการประเมิน
... ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ ของสำนักงาน ก.พ. ในภาพรวม ได้คะแนน ..."), then the document's heading
(its core-properties title, its Title-styled paragraphs and its first paragraphs). The year is the
single four-digit year of a paragraph (:func:`~ita_analysis.thai.numbers.find_year`); the agency is
the text after a word "ของ" that starts a phrase, up to words that end the name ("ในภาพรวม",
"ได้คะแนน", "ประจำปีงบประมาณ" ...). The results table of a measures document is of the year the
sentence before it names (2563), not of the measures year in the title (2564).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.files import missing_file
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.archive import check_archive, unreadable
from ita_analysis.ingest.cells import indicator_named, name_frameworks
from ita_analysis.ingest.header_row import Header
from ita_analysis.limits import current_limits, over_limit
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import find_year

DOCX_SUFFIX = ".docx"
NEAR_PARAGRAPHS = 3
"""Paragraphs before a table (since the previous one) searched for its agency and year, nearest first."""
HEADING_PARAGRAPHS = 3
"""The document's first paragraphs that count as its heading (a title is often split over two or three)."""

FROM_PARAGRAPH = N_("the paragraph before the table")
FROM_HEADING = N_("the document's title")

# "ของ" that starts a phrase (the start of the text, or after a space): "... พ.ศ. ๒๕๖๓ ของสำนักงาน ก.พ."
# but not "การดำเนินงานของหน่วยงานภาครัฐ", where it is part of the phrase before it.
_OF = re.compile(r"(?:^|(?<=\s))ของ\s*")
# Words that follow the agency's name in these sentences: the name ends before them.
_AFTER_NAME = re.compile(
    r"\s*(ในภาพรวม|ได้คะแนน|ได้ดังนี้|ได้กำหนด|ดังนี้|มีตัวชี้วัด|มีผล|พร้อม|โดยมี|โดยสรุป|ประจำปี|ปีงบประมาณ"
    r"|พ\.\s*ศ\.|ผลการประเมิน|จะต้อง|จำนวน|[(:])"
)
_GENERIC = {"หน่วยงาน", "หน่วยงานภาครัฐ", "ส่วนราชการ", "ราชการ"}
_TRAILING = " ,;:-–"


@dataclass
class DocxTable:
    """One table of a document: its number (1 = the document's first table), its cells, the
    paragraphs since the previous table, and the agency and year that the text before it names."""

    number: int
    grid: pd.DataFrame
    before: list[str] = field(default_factory=list)
    agency: str | None = None
    fiscal_year: int | None = None
    year_from: str | None = None  # FROM_PARAGRAPH or FROM_HEADING


@dataclass
class DocxDocument:
    """The tables of a document, in document order, and its heading texts."""

    tables: list[DocxTable]
    heading: list[str]


def read_docx(path: str | Path) -> DocxDocument:
    """Every table of a .docx in document order, with the paragraphs before it, its agency and year."""
    from docx.table import Table

    doc = _open(Path(path))
    heading = heading_texts(doc)
    tables: list[DocxTable] = []
    before: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            number = len(tables) + 1
            table = DocxTable(
                number, table_grid(block, _("{file} (table {number})").format(file=path, number=number)), before
            )
            _place(table, heading)
            tables.append(table)
            before = []
        elif text := normalize_text(block.text):
            before.append(text)
    return DocxDocument(tables, heading)


def _open(path: Path):
    import docx

    if not path.is_file():
        raise InputError([missing_file(path)])
    check_archive(path, N_("a Word .docx document"))
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged or mislabelled file
        why = unreadable(N_("a readable Word .docx document"), exc)
        raise InputError([Problem(str(path), None, None, None, why)]) from None


def table_grid(table, where: str | None = None) -> pd.DataFrame:
    """The cells of a python-docx table as text, a merged cell's text in its first row and column only.

    Cells are read from the table's XML rather than through ``table.rows[i].cells`` (which repeats a
    merged cell in each position it spans); rows that start or end short of the grid are padded.
    A row ends at its last cell with text, so the columns a cell claims to span (``gridSpan``) or
    that a row leaves empty (``gridBefore``, ``gridAfter``) cost nothing past it; a row that
    reaches past the limits (:class:`~ita_analysis.limits.Limits`) is refused, before it is built,
    with a message naming ``where`` (the file and the table) and the row.
    """
    where = where or _("the table")
    limits = current_limits()
    texts: list[list[tuple[int, str]]] = []
    widest = 0
    for number, tr in enumerate(table._tbl.tr_lst, start=1):
        cells = _row_texts(tr, table)
        width = cells[-1][0] + 1 if cells else 0
        if width > limits.row_width:
            claim = N_("cells in one row (its cells claim to span that many columns)")
            raise InputError(
                [over_limit(_("{where}, row {row}").format(where=where, row=number), claim, width, "row_width", limits)]
            )
        widest = max(widest, width)
        if number * widest > limits.cells:
            claim = N_("cells (rows times the widest row)")
            raise InputError([over_limit(where, claim, number * widest, "cells", limits)])
        texts.append(cells)
    rows = [[""] * widest for _ in texts]
    for row, cells in zip(rows, texts, strict=True):
        for position, text in cells:
            row[position] = text
    return pd.DataFrame(rows, columns=range(widest), dtype=object)


def _row_texts(tr, table) -> list[tuple[int, str]]:
    """(grid column, text) of each cell of a row that has text, in order: a cell after one that spans
    columns is further right; a cell merged into the one above (vMerge) has none."""
    from docx.table import _Cell

    position = max(tr.grid_before, 0)
    cells = []
    for tc in tr.tc_lst:
        text = "" if tc.vMerge == "continue" else _Cell(tc, table).text
        if text:
            cells.append((position, text))
        position += max(tc.grid_span, 1)
    return cells


def heading_texts(doc) -> list[str]:
    """The document's heading: its core-properties title, Title-styled paragraphs, its first paragraphs."""
    from docx.table import Table

    texts = [normalize_text(doc.core_properties.title)]
    first: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Table):  # the heading is above the first table
            break
        text = normalize_text(block.text)
        style = block.style.name if block.style is not None else ""
        if text and style.startswith("Title"):
            texts.append(text)
        if text and len(first) < HEADING_PARAGRAPHS:
            first.append(text)
    return list(dict.fromkeys(t for t in texts + first if t))


def _place(table: DocxTable, heading: list[str]) -> None:
    """The agency and fiscal year of a table from the paragraphs nearest before it, else the heading."""
    near = table.before[::-1][:NEAR_PARAGRAPHS]
    for texts, source in ((near, FROM_PARAGRAPH), (heading, FROM_HEADING)):
        if table.fiscal_year is None:
            table.fiscal_year = next((y for t in texts if (y := find_year(t)) is not None), None)
            table.year_from = source if table.fiscal_year is not None else None
        if table.agency is None:
            table.agency = next((a for t in texts if (a := find_agency(t)) is not None), None)


def find_agency(text: str) -> str | None:
    """The agency a sentence names after "ของ" ("... ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ ของสำนักงาน ก.พ. ในภาพรวม
    ได้คะแนน ..." -> "สำนักงาน ก.พ."), or None. Generic words ("ของหน่วยงาน") are not an agency."""
    text = normalize_text(text)
    for m in _OF.finditer(text):
        rest = text[m.end() :]
        stop = _AFTER_NAME.search(rest)
        name = (rest[: stop.start()] if stop else rest).strip(_TRAILING)
        if name and name not in _GENERIC and not name.startswith("หน่วยงานภาครัฐ"):
            return normalize_text(name)
    return None


def names_indicators(grid: pd.DataFrame, header: Header) -> bool:
    """Whether a table under a score header is a table of indicators: at least half of the filled
    cells of its indicator column (or, without one, of its indicator-number or running-number
    column) name an indicator of a framework file. A misspelt name or two is then reported, not
    skipped.

    A weakness table ("การใช้งบประมาณ - การรับทราบ ...": each indicator with its sub-items in one
    cell) names none or few, so it is not read as scores, even where a row has no sub-items.
    """
    if header.shape == "wide":
        return True
    columns = next((cols for role in ("indicator", "indicator_no", "seq") if (cols := header.columns(role))), [])
    if not columns:
        return False
    frameworks = name_frameworks()
    cells = [c for c in grid.iloc[header.row + 1 :, columns[0]].map(normalize_text) if c]
    named = sum(indicator_named(c, frameworks) is not None for c in cells)
    return named > 0 and 2 * named >= len(cells)
