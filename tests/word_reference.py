"""The measures document's Word file as python-docx's object model writes it: the writer the
package had before it wrote the body as text (:mod:`ita_analysis.report.word`), kept to show
that the two write the same file (tests/report/test_word_template.py). Its column widths, line
breaks and texts come from the package's own functions; only the writing differs.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph
from PIL import Image

from ita_analysis.report import layout
from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.layout import Cell, Row, Table
from ita_analysis.report.safe_text import printable
from ita_analysis.report.word_breaks import joined
from ita_analysis.report.word_fit import FONT_ALLOWANCE, Metrics, filled_lines, pieces_of
from ita_analysis.report.word_styles import TABLE_PT, TITLE_PT, set_run_size, setup_document, text_width
from ita_analysis.report.word_table import CELL_MARGIN_X, CELL_MARGIN_Y, SUB_ITEM_INDENT, WHOLE_KINDS, column_widths
from ita_analysis.thai.wrap import known_words

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER}
CHART_WIDTH = Cm(15)
CHART_MAX_HEIGHT = Cm(9)
NOTE_FILL = "FFF2CC"


def reference_docx(doc: MeasuresDocument, path: str | Path) -> Path:
    """The measures document written by python-docx's object model, at ``path``."""
    document = Document()
    setup_document(document, doc)
    _Writer(document, doc).write()
    document.save(str(path))
    return Path(path)


class _Writer:
    def __init__(self, document, doc: MeasuresDocument):
        self.d = document
        self.doc = doc
        self.metrics = Metrics.sarabun()

    # ------------------------------------------------------------------ paragraphs
    def para(
        self,
        text: str = "",
        *,
        style: str | None = None,
        bold: bool = False,
        indent: bool = True,
        keep_with_next: bool = False,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    ):
        p = self.d.add_paragraph(style=style or "Body Text")
        p.alignment = align
        if not indent and style is None:
            p.paragraph_format.first_line_indent = Cm(0)
        if keep_with_next:
            p.paragraph_format.keep_with_next = True
        _space_after_table(p)
        if text:
            run(p, text, bold=bold)
        return p

    def heading(self, text: str, level: int):
        p = self.d.add_paragraph(style=f"Heading {level}")
        _space_after_table(p)
        run(p, text)
        return p

    def title(self, text: str):
        """A title paragraph, broken into lines between its phrases only (never inside
        "ประจำปีงบประมาณ"), each line as full as it fits with room for a wider Thai font."""
        p = self.d.add_paragraph(style="Title")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        width = Emu(text_width()).pt

        def fits(line: str) -> bool:
            return self.metrics.width(line, TITLE_PT, bold=True) * FONT_ALLOWANCE <= width

        lines = filled_lines(pieces_of(text, text.split()), fits)
        for i, line in enumerate(lines):
            r = run(p, line)
            if i < len(lines) - 1:
                r.add_break()  # a line break where the PDF breaks
        return p

    def picture(self, key: str) -> None:
        path = self.doc.charts.get(key)
        if not path:
            return
        p = self.d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.space_after = Pt(6)
        width, height = _chart_size(path)
        p.add_run().add_picture(str(path), width=width, height=height)

    # ------------------------------------------------------------------- sections
    def write(self) -> None:
        doc = self.doc
        self.title(doc.title)
        self.title(doc.subtitle).paragraph_format.space_after = Pt(12)
        for note in doc.notes:
            p = self.para(doc.digits_of(note), bold=True, indent=False)
            _shade_paragraph(p, NOTE_FILL)
        self.analysis()
        self.heading(doc.heading_measures, 1)
        if doc.gap_text:
            self.para(doc.target_text)
            self.table(doc.gap_text, doc.measures_table())
        else:
            self.table(doc.target_text, doc.measures_table())

    def analysis(self) -> None:
        """Section 1: the tools, the results, the comparison, the weaknesses, NACC's recommendations."""
        doc = self.doc
        self.heading(doc.heading_analysis, 1)
        self.para(doc.tools_intro)
        for item in doc.tool_items():
            self.para(item)
        self.table(doc.results_intro, doc.results_table())
        self.picture("indicators")
        comparison = doc.comparison_table()
        if comparison is None:  # no previous year: the sentence alone
            self.para(doc.comparison_intro)
        else:
            self.table(doc.comparison_intro, comparison)
            self.picture("comparison")
        if doc.peer_heading:
            self.heading(doc.peer_heading, 2)
        for text in (doc.peer_text, doc.declined_text):
            if text:
                self.para(text)
        self.table(doc.weakness_intro, doc.weakness_table())
        groups = doc.recommendation_groups()
        if groups:
            self.para(doc.recommendations_intro)
            for heading, lines in groups:
                self.heading(heading, 2)
                for line in lines:
                    self.para(line)

    def table(self, intro: str, table: Table) -> None:
        """The sentence that introduces a table, kept with the table's first rows; the table when it
        has rows; its note (kept with the table's last row by :func:`add_table`)."""
        self.para(intro, keep_with_next=bool(table.rows))
        if not table.rows:
            return
        add_table(self.d, table, self.doc, self.metrics)
        if table.note:
            self.para(table.note, indent=False)


def _chart_size(path) -> tuple[Emu, Emu]:
    """A chart's size on the page: :data:`CHART_WIDTH` wide, or narrower where that would make it
    taller than :data:`CHART_MAX_HEIGHT`, in its own proportions."""
    with Image.open(path) as image:
        width_px, height_px = image.size
    width = min(CHART_WIDTH, int(CHART_MAX_HEIGHT * width_px / height_px))
    return Emu(width), Emu(int(width * height_px / width_px))


def _space_after_table(paragraph) -> None:
    """A paragraph right after a table gets room above it (table cells have no spacing)."""
    prev = paragraph._p.getprevious()
    if prev is not None and prev.tag == qn("w:tbl"):
        current = paragraph.paragraph_format.space_before
        if current is None or current < Pt(12):
            paragraph.paragraph_format.space_before = Pt(12)


def _shade_paragraph(paragraph, fill: str) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    # CT_PPr: shd comes after pBdr and before tabs/spacing/ind/jc
    before = {
        qn(t)
        for t in (
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        )
    }
    for i, el in enumerate(pPr):
        if el.tag in before:
            pPr.insert(i, shd)
            return
    pPr.append(shd)


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
