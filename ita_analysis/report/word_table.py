"""A layout table (:mod:`ita_analysis.report.layout`) as a Word table (WordprocessingML text, see
:mod:`ita_analysis.report.word_xml`).

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
(escaped).
"""

from __future__ import annotations

from docx.shared import Cm, Emu, Pt

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
from ita_analysis.report.word_styles import TABLE_PT, text_width
from ita_analysis.report.word_xml import ParagraphFormat, paragraph_xml, run_xml, twips
from ita_analysis.thai.wrap import known_words

VALIGN = {"top": "top", "middle": "center"}  # the layout's vertical alignment as w:vAlign
TABLE_STYLE = "TableGrid"  # the style id of "Table Grid"
TABLE_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" '
    'w:val="04A0"/>'
)  # as python-docx makes a table
SUB_ITEM_INDENT = Cm(0.4)
CELL_MARGIN_X = Cm(0.15)
CELL_MARGIN_Y = Cm(0.05)
BORDER_PT = 1.0  # the grid's lines either side of a cell (0.5 pt each)
WHOLE_KINDS = (layout.SCORE, layout.INT)  # numbers: never broken, their cells never wrap
THAI_LETTERS = ("\u0e01", "\u0e4f")  # Thai letters and marks (Thai digits come after)


def table_xml(
    table: Table, doc: MeasuresDocument, metrics: Metrics, measure: TextMeasure | None = None, *, whole: bool = False
) -> str:
    """``table`` as a Word table (``w:tbl``, as text). Column widths come from the content
    (:func:`column_widths`) measured with ``metrics`` and ``measure``. A merged cell is written as
    python-docx merges cells: its first row's cell spans its columns (``w:gridSpan``) and starts the
    vertical merge, each row below it has one empty cell continuing the merge, as wide as the
    columns it covers and shaded as the merged cell. ``whole``: every row kept with the next, so that
    a short table does not split over two pages."""
    rows = (*table.header, *table.rows)
    widths = column_widths(table, doc, metrics, measure)
    kept = set(range(len(rows) - 1)) if whole else kept_rows(table)
    covering: dict[tuple[int, int], tuple[Cell, Row]] = {}  # (row, column) below a merged cell: that cell
    out = [_table_properties(widths)]
    for r, row in enumerate(rows):
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if row.header else ''}</w:trPr>")
        for c, cell in enumerate(row.cells):
            if cell is not None:
                out.append(_cell_xml(cell, row, widths[c : c + cell.colspan], doc, metrics, r in kept))
                for k in range(1, cell.rowspan):
                    covering[(r + k, c)] = (cell, row)
            elif (r, c) in covering:
                top, top_row = covering[(r, c)]
                out.append(_continued_xml(top, top_row, widths[c : c + top.colspan], r in kept))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _table_properties(widths: list[Emu]) -> str:
    """The table's start: grid style, centred, fixed layout, its width, cell margins and columns."""
    total = sum(twips(w) for w in widths)
    y, x = twips(CELL_MARGIN_Y), twips(CELL_MARGIN_X)
    margins = "".join(
        f'<w:{side} w:w="{m}" w:type="dxa"/>' for side, m in (("top", y), ("left", x), ("bottom", y), ("right", x))
    )
    columns = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/><w:tblW w:type="dxa" w:w="{total}"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
        f"{TABLE_LOOK}</w:tblPr><w:tblGrid>{columns}</w:tblGrid>"
    )


def _cell_xml(cell: Cell, row: Row, widths: list[Emu], doc: MeasuresDocument, metrics: Metrics, keep: bool) -> str:
    """A cell: its width (the columns it spans), merge, fill, no-wrap for a number and vertical
    alignment; its text (a header's broken into lines between its words, see :func:`_header_lines`),
    then its extra lines, one paragraph each with a hanging "- "."""
    merged = cell.rowspan > 1 or cell.colspan > 1
    width = twips(sum(widths, Emu(0))) if merged else twips(widths[0])
    props = f'<w:tcW w:type="dxa" w:w="{width}"/>'
    if cell.colspan > 1:
        props += f'<w:gridSpan w:val="{cell.colspan}"/>'
    if cell.rowspan > 1:
        props += '<w:vMerge w:val="restart"/>'
    fill = layout.fill(cell, row)
    if fill:
        props += _shading(fill)
    if cell.kind in WHOLE_KINDS and not row.header:
        props += "<w:noWrap/>"  # the number stays on one line
    props += f'<w:vAlign w:val="{VALIGN[layout.valign(cell, row)]}"/>'
    bold = layout.bold(cell, row)
    if row.header:
        lines = _header_lines(layout.cell_text(cell, doc), Emu(sum(widths, Emu(0))).pt, metrics)
        runs = "".join(
            run(line, bold=bold, size=TABLE_PT, line_break=i < len(lines) - 1) for i, line in enumerate(lines)
        )
    else:
        runs = run(layout.cell_text(cell, doc), bold=bold, size=TABLE_PT)
    text = paragraph_xml(runs, ParagraphFormat(keep_with_next=keep, align=layout.align(cell, row)))
    sub = ParagraphFormat(keep_with_next=keep, left=SUB_ITEM_INDENT, hanging=SUB_ITEM_INDENT, align="left")
    extra = "".join(paragraph_xml(run(line, size=TABLE_PT), sub) for line in layout.sub_lines(cell))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{text}{extra}</w:tc>"


def _continued_xml(top: Cell, top_row: Row, widths: list[Emu], keep: bool) -> str:
    """The empty cell of a row below a merged cell's first row, continuing the merge."""
    props = f'<w:tcW w:type="dxa" w:w="{sum(twips(w) for w in widths)}"/>'
    if top.colspan > 1:
        props += f'<w:gridSpan w:val="{top.colspan}"/>'
    props += "<w:vMerge/>"
    fill = layout.fill(top, top_row)
    if fill:  # every row of a vertical merge keeps its own cell: each is shaded
        props += _shading(fill)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph_xml('', ParagraphFormat(keep_with_next=keep))}</w:tc>"


def _shading(fill: str) -> str:
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'


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


def kept_rows(table: Table) -> set[int]:
    """The rows (numbered with the header rows) kept with the row below them: the header rows (so
    the header starts the table's first page with at least one body row), the last body row and the
    footer rows but the last (the total and the grade are never carried alone under a repeated
    header to the next page) and, when a note follows the table, the last row (so the note is not
    carried alone to the next page). Nothing else: a tool's rows may go on over the next page (its
    merged name shows on both), since keeping them together in a font wider than Sarabun moves them,
    the sentence before the table and the chart after it to the next page and leaves part-empty
    pages. Word keeps a row with the next when every paragraph of the row is kept with the next."""
    n_header = len(table.header)
    keep = set(range(n_header))
    n_footers = len(table.footers)
    if n_footers and len(table.rows) > n_footers:
        keep |= set(range(n_header + len(table.rows) - n_footers - 1, n_header + len(table.rows) - 1))
    if table.note and table.rows:
        keep.add(n_header + len(table.rows) - 1)
    return keep


def run(text: str, *, bold: bool = False, size: float | None = None, line_break: bool = False) -> str:
    """A run of text (without control characters, which a .docx cannot hold), its Thai compounds
    kept whole on a line (:func:`~ita_analysis.report.word_breaks.joined`); bold sets both the
    Latin and the complex-script (Thai) weight, ``size`` (points) both sizes."""
    half_points = None if size is None else int(round(size * 2))
    return run_xml(joined(printable(text)), bold=bold, half_points=half_points, line_break=line_break)
