"""A layout table (:mod:`ita_analysis.report.layout`) as a Word table (python-docx).

A grid ("Table Grid" style) with fixed column widths in proportion to the layout's, header rows
repeated at the top of each page, merged cells as the layout places them, the layout's alignment,
weight and fills. A row never breaks across pages, but a table may: like the PDF's, a long table
goes on over the next page under its repeated header. Only the header rows are kept with the first
body row (a header never ends a page alone), and the last row with the note below the table.
Keeping more rows together (a whole table, a merged cell's rows) chains "keep with next" over many
rows, and Word then moves the whole chain and the sentence before it to a new page, leaving most of
a page empty. Text from data goes in as run text only (python-docx escapes it).
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph

from ita_analysis.report import layout
from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.layout import Cell, Row, Table
from ita_analysis.report.safe_text import printable
from ita_analysis.report.word_styles import text_width

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER}
SUB_ITEM_INDENT = Cm(0.4)
CELL_MARGIN_X = Cm(0.15)
CELL_MARGIN_Y = Cm(0.05)


def add_table(document, table: Table, doc: MeasuresDocument):
    """Append ``table`` to the Word document; returns the python-docx table."""
    rows = (*table.header, *table.rows)
    widths = [Emu(int(text_width() * share)) for share in table.shares()]
    t = _grid(document, len(rows), widths)
    grid = [list(row.cells) for row in t.rows]
    for r, row in enumerate(t.rows):
        trPr = row._tr.get_or_add_trPr()
        trPr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages (unless taller than one)
        if r < len(table.header):
            trPr.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell is None:
                continue
            target = grid[r][c]
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(grid[r + cell.rowspan - 1][c + cell.colspan - 1])
                target.width = sum(widths[c : c + cell.colspan], Emu(0))
            _write(target, cell, row, doc)
            fill = layout.fill(cell, row)
            if fill:  # every row of a vertical merge keeps its own cell: shade each
                for k in range(cell.rowspan):
                    shade(grid[r + k][c], fill)
    _keep_header_and_note(t, table, len(table.header))
    return t


def _grid(document, n_rows: int, widths: list[Emu]):
    t = document.add_table(rows=n_rows, cols=len(widths))
    t.style = document.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tblW = t._tbl.tblPr.find(qn("w:tblW"))
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    _cell_margins(t, top=CELL_MARGIN_Y, bottom=CELL_MARGIN_Y, left=CELL_MARGIN_X, right=CELL_MARGIN_X)
    for col, width in zip(t.columns, widths, strict=True):
        col.width = width
    for row in t.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return t


def _write(target, cell: Cell, row: Row, doc: MeasuresDocument) -> None:
    """The cell's text (its first paragraph), its extra lines (one paragraph each, hanging "- ")."""
    p = target.paragraphs[0]
    p.alignment = ALIGN[layout.align(cell, row)]
    bold = layout.bold(cell, row)
    run(p, layout.cell_text(cell, doc), bold=bold)
    for line in layout.sub_lines(cell):
        q = target.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.LEFT
        q.paragraph_format.left_indent = SUB_ITEM_INDENT
        q.paragraph_format.first_line_indent = -SUB_ITEM_INDENT
        run(q, line)
    target.vertical_alignment = VALIGN[layout.valign(cell, row)]


MAX_KEPT_SPAN = 6  # rows of a merged cell kept on one page: a tool's indicators, not a whole table


def _keep_header_and_note(t, table: Table, n_header: int) -> None:
    """Rows kept with the row below them: the header rows (so the header starts the table's first
    page with at least one body row), the rows of a short vertically merged cell (a tool's name
    beside its indicators: split, the name would show on one page only) and, when a note follows
    the table, the last row (so the note is not carried alone to the next page)."""
    keep = set(range(n_header))
    for r, _, _, cell in table.placed():
        if cell.rowspan <= MAX_KEPT_SPAN:
            keep |= set(range(n_header + r, n_header + r + cell.rowspan - 1))
    if table.note and table.rows:
        keep.add(n_header + len(table.rows) - 1)
    for r in sorted(keep):  # Word: "keep with next" on every paragraph of a row keeps it with the next
        for p in t.rows[r]._tr.iter(qn("w:p")):
            Paragraph(p, None).paragraph_format.keep_with_next = True


def run(paragraph, text: str, *, bold: bool = False):
    """A run of text (without control characters, which a .docx cannot hold); bold sets both the
    Latin and the complex-script (Thai) weight."""
    r = paragraph.add_run(printable(text))
    if bold:
        r.font.bold = True
        r.font.cs_bold = True
    return r


def shade(cell, fill: str) -> None:
    """Background of a table cell (RGB hex)."""
    tcPr = cell._tc.get_or_add_tcPr()
    for old in tcPr.findall(qn("w:shd")):
        tcPr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    # CT_TcPr order: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, textDirection, tcFitText, vAlign, hideMark
    after = [qn(t) for t in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders")]
    pos = 0
    for i, el in enumerate(tcPr):
        if el.tag in after:
            pos = i + 1
    tcPr.insert(pos, shd)


def _cell_margins(table, **margins) -> None:
    """Table-wide cell margins (w:tblCellMar), placed before w:tblLook as the schema orders them."""
    tblPr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(margins[side].twips)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    look = tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(mar)
    else:
        tblPr.append(mar)
