"""The measures document as Word (.docx) with python-docx, in official Thai style.

Rendering only: every sentence and every table comes from
:class:`~ita_analysis.report.document.MeasuresDocument` (the tables as layout tables, rendered by
:mod:`ita_analysis.report.word_table`); the styles and the page are set up by
:mod:`ita_analysis.report.word_styles`. Thai text is left-aligned (Word cannot justify Thai
well). Text from data goes in as run text only (python-docx escapes it); nothing from data
becomes a field or a hyperlink.

Page breaks are left to Word, as the PDF leaves them to WeasyPrint: only headings (by their
styles) and the sentence that introduces a table are kept with what follows, and a long table goes
on over the next page under its repeated header rather than moving whole to a new page. The title
breaks between its phrases as the PDF's (:func:`~ita_analysis.report.word_fit.filled_lines`), and
Thai compounds that the PDF keeps whole stay whole on a line
(:mod:`~ita_analysis.report.word_breaks`). Charts are 15 cm wide as the PDF's, or narrower so as
to be at most 9 cm tall: a chart then fits below most of a page's text, and may share its page
with the next section.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from PIL import Image

from ita_analysis.files import atomic_path
from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.layout import Table
from ita_analysis.report.word_fit import FONT_ALLOWANCE, Metrics, filled_lines, pieces_of
from ita_analysis.report.word_styles import THAI_FONT, TITLE_PT, setup_document, text_width
from ita_analysis.report.word_table import add_table, run

__all__ = ["THAI_FONT", "write_docx"]

CHART_WIDTH = Cm(15)  # as the PDF's
CHART_MAX_HEIGHT = Cm(9)  # about a third of the page: a chart fits below most of a page's text
NOTE_FILL = "FFF2CC"  # light yellow: provisional framework warning


def write_docx(doc: MeasuresDocument, path: str | Path) -> Path:
    """Write the measures document of one agency and year to ``path`` (.docx), atomically."""
    document = Document()
    setup_document(document, doc)
    _Writer(document, doc).write()
    with atomic_path(path) as tmp:
        document.save(tmp)
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
        space_after_table(p)
        if text:
            run(p, text, bold=bold)
        return p

    def heading(self, text: str, level: int):
        p = self.d.add_paragraph(style=f"Heading {level}")
        space_after_table(p)
        run(p, text)
        return p

    def title(self, text: str):
        return add_title(self.d, text, self.metrics)

    def picture(self, key: str) -> None:
        path = self.doc.charts.get(key)
        if not path:
            return
        p = self.d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.space_after = Pt(6)
        width, height = chart_size(path)
        p.add_run().add_picture(str(path), width=width, height=height)

    # ------------------------------------------------------------------- sections
    def write(self) -> None:
        doc = self.doc
        self.title(doc.title)
        self.title(doc.subtitle).paragraph_format.space_after = Pt(12)
        for note in doc.notes:
            p = self.para(doc.digits_of(note), bold=True, indent=False)
            shade_paragraph(p, NOTE_FILL)
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


def add_title(document, text: str, metrics: Metrics):
    """A title paragraph, broken into lines between its phrases only (never inside
    "ประจำปีงบประมาณ"), each line as full as it fits with room for a wider Thai font."""
    p = document.add_paragraph(style="Title")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    width = Emu(text_width()).pt

    def fits(line: str) -> bool:
        return metrics.width(line, TITLE_PT, bold=True) * FONT_ALLOWANCE <= width

    lines = filled_lines(pieces_of(text, text.split()), fits)
    for i, line in enumerate(lines):
        r = run(p, line)
        if i < len(lines) - 1:
            r.add_break()  # a line break where the PDF breaks
    return p


def chart_size(path, max_height=CHART_MAX_HEIGHT) -> tuple[Emu, Emu]:
    """A chart's size on the page: :data:`CHART_WIDTH` wide, or narrower where that would make it
    taller than ``max_height`` (:data:`CHART_MAX_HEIGHT`), in its own proportions."""
    with Image.open(path) as image:
        width_px, height_px = image.size
    width = min(CHART_WIDTH, int(max_height * width_px / height_px))
    return Emu(width), Emu(int(width * height_px / width_px))


def space_after_table(paragraph) -> None:
    """A paragraph right after a table gets room above it (table cells have no spacing)."""
    prev = paragraph._p.getprevious()
    if prev is not None and prev.tag == qn("w:tbl"):
        current = paragraph.paragraph_format.space_before
        if current is None or current < Pt(12):
            paragraph.paragraph_format.space_before = Pt(12)


def shade_paragraph(paragraph, fill: str) -> None:
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
