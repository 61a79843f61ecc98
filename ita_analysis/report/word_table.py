"""A layout table (:mod:`ita_analysis.report.layout`) as a Word table (python-docx).

A grid ("Table Grid" style) with fixed column widths from the content (:func:`column_widths`),
the table's text in 14 pt as the PDF's, header rows repeated at the top of each page, merged cells
as the layout places them, the layout's alignment, weight and fills; a number's cell never wraps
(``w:noWrap``, and its column fits the number). A row never breaks across pages, but a table may:
like the PDF's, a long table goes on over the next page under its repeated header. The header rows
are kept with the first body row (a header never ends a page alone), the total and grade rows
with the last body row, and the last row with the note below the table; nothing more. Keeping
more rows together (a tool's indicators, a whole table) chains "keep with next" over many rows:
Word then moves the chain and the sentence before it to a new page, and LibreOffice reads such a
table as kept with the paragraph after it (a chart), which in a Thai font wider than Sarabun
leaves pages part-empty and runs the file to two pages more than the PDF. Text from data goes in as run text only
(python-docx escapes it).
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph

from ita_analysis.report import layout
from ita_analysis.report.column_widths import TextMeasure, content_shares, sized_by_content
from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.layout import Cell, Row, Table
from ita_analysis.report.safe_text import printable
from ita_analysis.report.word_breaks import joined
from ita_analysis.report.word_fit import (
    FONT_ALLOWANCE,
    MAX_PIECE_SHARE,
    Metrics,
    filled_lines,
    fitted_widths,
    pieces_of,
)
from ita_analysis.report.word_styles import TABLE_PT, set_run_size, text_width
from ita_analysis.thai.wrap import known_words

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER}
SUB_ITEM_INDENT = Cm(0.4)
CELL_MARGIN_X = Cm(0.15)
CELL_MARGIN_Y = Cm(0.05)
BORDER_PT = 1.0  # the grid's lines either side of a cell (0.5 pt each)
WHOLE_KINDS = (layout.SCORE, layout.INT)  # numbers: never broken, their cells never wrap
THAI_LETTERS = ("\u0e01", "\u0e4f")  # Thai letters and marks (Thai digits come after)


def add_table(document, table: Table, doc: MeasuresDocument, metrics: Metrics | None = None):
    """Append ``table`` to the Word document; returns the python-docx table. Column widths come
    from the content (:func:`column_widths`) measured with ``metrics`` (Sarabun's by default)."""
    rows = (*table.header, *table.rows)
    metrics = metrics or Metrics.sarabun()
    widths = column_widths(table, doc, metrics)
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
            width = Emu(sum(widths[c : c + cell.colspan], Emu(0))).pt
            lines = _header_lines(layout.cell_text(cell, doc), width, metrics) if row.header else []
            _write(target, cell, row, doc, lines)
            fill = layout.fill(cell, row)
            if fill:  # every row of a vertical merge keeps its own cell: shade each
                for k in range(cell.rowspan):
                    shade(grid[r + k][c], fill)
    _keep_header_and_note(t, table, len(table.header))
    return t


def column_widths(
    table: Table, doc: MeasuresDocument, metrics: Metrics, measure: TextMeasure | None = None
) -> list[Emu]:
    """The table's column widths from the content, in the text width. A number's column is as
    wide as its widest unbreakable piece (:func:`_unbreakable`: a number whole, a word of its
    header) with :data:`FONT_ALLOWANCE` for a wider Thai font, and the text columns share the rest
    as their set widths do, so that indicator names wrap no more than they must; a table of several
    free-text columns (the plan's) is sized as the PDF sizes it
    (:func:`~ita_analysis.report.column_widths.content_shares`). Every column is at least as wide
    as its widest unbreakable piece (:func:`~ita_analysis.report.word_fit.fitted_widths`); a piece
    wider than :data:`MAX_PIECE_SHARE` of the table is left to the reader's word breaking."""
    total = Emu(text_width()).pt
    pad = 2 * CELL_MARGIN_X.pt
    minimums = [pad] * len(table.columns)
    for row in (*table.header, *table.rows):
        for c, cell in enumerate(row.cells):
            if cell is None or cell.colspan > 1:
                continue
            bold = layout.bold(cell, row)
            pieces = _unbreakable(cell, row, doc)
            if row.header and table.columns[c].kind in WHOLE_KINDS:
                pieces = _two_lines(layout.cell_text(cell, doc), metrics)
            for piece in pieces:
                width = metrics.width(piece, TABLE_PT, bold=bold) * FONT_ALLOWANCE + pad
                if width <= MAX_PIECE_SHARE * total:
                    minimums[c] = max(minimums[c], width)
    if sized_by_content(table):

        def texts(cell: Cell) -> list[str]:
            return [layout.cell_text(cell, doc), *layout.sub_lines(cell)]

        line_em, padding_em = total / TABLE_PT, (pad + BORDER_PT) / TABLE_PT
        shares = content_shares(table, texts, measure or TextMeasure(), line_em, padding_em)
    else:
        shares = _number_columns_narrowest(table, minimums, total)
    return [Emu(int(Pt(w))) for w in fitted_widths(shares, minimums, total)]


def _two_lines(label: str, metrics: Metrics) -> list[str]:
    """A number column's header label as at most two lines, cut between its known words where the
    wider line is the narrowest (a header of three or four lines would make a narrow column)."""
    words = pieces_of(label, known_words(label))
    if len(words) < 2:
        return [label]

    def line(part) -> str:
        return "".join(sep + word for sep, word in part).strip()

    splits = [(line(words[:k]), line(words[k:])) for k in range(1, len(words))]
    return list(min(splits, key=lambda two: max(metrics.width(t, TABLE_PT, bold=True) for t in two)))


def _number_columns_narrowest(table: Table, minimums: list[float], total: float) -> list[float]:
    """Shares of the width: a number's column (a score, a count) its minimum, the other columns
    the rest in proportion to their set widths."""
    numbers = [c.kind in WHOLE_KINDS for c in table.columns]
    if all(numbers) or not any(numbers):
        return table.shares()
    rest = total - sum(m for m, number in zip(minimums, numbers, strict=True) if number)
    text_share = sum(c.width for c, number in zip(table.columns, numbers, strict=True) if not number)
    return [
        m / total if number else rest * c.width / text_share / total
        for c, m, number in zip(table.columns, minimums, numbers, strict=True)
    ]


def _unbreakable(cell: Cell, row: Row, doc: MeasuresDocument) -> list[str]:
    """The pieces of a cell that should fit its column: a number whole, a header's words
    (:func:`~ita_analysis.thai.wrap.known_words`: a header breaks only between them, see
    :func:`_header_lines`), the words of body text that are not Thai (names such as "(OIT)");
    Thai body text is left to the reader's Thai word breaking."""
    text = layout.cell_text(cell, doc)
    if cell.kind in WHOLE_KINDS and not row.header:
        return [text]
    words = known_words(" ".join((text, *layout.sub_lines(cell))))
    if row.header:
        return words
    low, high = THAI_LETTERS
    return [w for w in words if not any(low <= ch <= high for ch in w)]


def _header_lines(text: str, width: float, metrics: Metrics) -> list[str]:
    """A header label's lines in a column ``width`` points wide, broken only between the label's
    known words (a reader's Thai dictionary would break "ที่ถ่วงน้ำ|หนัก" or "ความ|สำเร็จ")."""

    def fits(line: str) -> bool:
        return metrics.width(line, TABLE_PT, bold=True) * FONT_ALLOWANCE + 2 * CELL_MARGIN_X.pt <= width

    return filled_lines(pieces_of(text, known_words(text)), fits)


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


def _write(target, cell: Cell, row: Row, doc: MeasuresDocument, header_lines: list[str]) -> None:
    """The cell's text (its first paragraph; a header's in ``header_lines``, a line break between
    them), its extra lines (one paragraph each, hanging "- ")."""
    p = target.paragraphs[0]
    p.alignment = ALIGN[layout.align(cell, row)]
    bold = layout.bold(cell, row)
    if row.header:
        for i, line in enumerate(header_lines):
            r = run(p, line, bold=bold, size=TABLE_PT)
            if i < len(header_lines) - 1:
                r.add_break()
    else:
        run(p, layout.cell_text(cell, doc), bold=bold, size=TABLE_PT)
    for line in layout.sub_lines(cell):
        q = target.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.LEFT
        q.paragraph_format.left_indent = SUB_ITEM_INDENT
        q.paragraph_format.first_line_indent = -SUB_ITEM_INDENT
        run(q, line, size=TABLE_PT)
    target.vertical_alignment = VALIGN[layout.valign(cell, row)]
    if cell.kind in WHOLE_KINDS and not row.header:
        _no_wrap(target)


def _keep_header_and_note(t, table: Table, n_header: int) -> None:
    """Rows kept with the row below them: the header rows (so the header starts the table's first
    page with at least one body row), the last body row and the footer rows but the last (the
    total and the grade are never carried alone under a repeated header to the next page) and,
    when a note follows the table, the last row (so the note is not carried alone to the next
    page). Nothing else: a tool's rows may go on over the next page (its merged name shows on
    both), since keeping them together in a font wider than Sarabun moves them, the sentence
    before the table and the chart after it to the next page and leaves part-empty pages."""
    keep = set(range(n_header))
    n_footers = len(table.footers)
    if n_footers and len(table.rows) > n_footers:
        keep |= set(range(n_header + len(table.rows) - n_footers - 1, n_header + len(table.rows) - 1))
    if table.note and table.rows:
        keep.add(n_header + len(table.rows) - 1)
    for r in sorted(keep):  # Word: "keep with next" on every paragraph of a row keeps it with the next
        for p in t.rows[r]._tr.iter(qn("w:p")):
            Paragraph(p, None).paragraph_format.keep_with_next = True


def run(paragraph, text: str, *, bold: bool = False, size: float | None = None):
    """A run of text (without control characters, which a .docx cannot hold), its Thai compounds
    kept whole on a line (:func:`~ita_analysis.report.word_breaks.joined`); bold sets both the
    Latin and the complex-script (Thai) weight, ``size`` (points) both sizes."""
    r = paragraph.add_run(joined(printable(text)))
    if bold:
        r.font.bold = True
        r.font.cs_bold = True
    if size is not None:
        set_run_size(r, size)
    return r


def _no_wrap(cell) -> None:
    """``w:noWrap``: the cell's text is not wrapped (a number stays on one line)."""
    tcPr = cell._tc.get_or_add_tcPr()
    # CT_TcPr order: tcW, gridSpan, hMerge, vMerge, tcBorders, shd, noWrap, tcMar, ...
    after = [qn(t) for t in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd")]
    pos = 0
    for i, el in enumerate(tcPr):
        if el.tag in after:
            pos = i + 1
    tcPr.insert(pos, OxmlElement("w:noWrap"))


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
