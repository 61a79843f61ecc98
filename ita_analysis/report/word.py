"""The measures document as Word (.docx), in official Thai style.

Rendering only: every sentence and every table comes from
:class:`~ita_analysis.report.document.MeasuresDocument` (the tables as layout tables, rendered by
:mod:`ita_analysis.report.word_table`); the styles and the page are set up by
:mod:`ita_analysis.report.word_styles`. Thai text is left-aligned (Word cannot justify Thai
well). Text from data goes in as run text only (escaped); nothing from data becomes a field or a
hyperlink.

Page breaks are left to Word, as the PDF leaves them to WeasyPrint: only headings (by their
styles) and the sentence that introduces a table are kept with what follows, and a long table goes
on over the next page under its repeated header rather than moving whole to a new page. The title
breaks between its phrases as the PDF's (:func:`~ita_analysis.report.word_fit.filled_lines`), and
Thai compounds that the PDF keeps whole stay whole on a line
(:mod:`~ita_analysis.report.word_breaks`). Charts are 15 cm wide as the PDF's, or narrower so as
to be at most 9 cm tall: a chart then fits below most of a page's text, and may share its page
with the next section.

The file is written as python-docx would write it, without its object model, which costs ten
times more than the file: the parts every agency's file shares are made by python-docx once per
:class:`WordWriter` (:mod:`ita_analysis.report.word_package`), and the body is written as
WordprocessingML text (:mod:`ita_analysis.report.word_xml`). A worker keeps one
:class:`WordWriter` for its agencies; :func:`write_docx` makes one for a single file.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Cm, Emu, Pt

from ita_analysis.report.column_widths import TextMeasure
from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.layout import Table
from ita_analysis.report.word_fit import FONT_ALLOWANCE, Metrics, filled_lines, pieces_of
from ita_analysis.report.word_package import Pictures, WordTemplate
from ita_analysis.report.word_styles import THAI_FONT, TITLE_PT, text_width
from ita_analysis.report.word_table import run, table_xml
from ita_analysis.report.word_xml import ParagraphFormat, paragraph_xml, picture_run_xml

__all__ = ["THAI_FONT", "WordBody", "WordWriter", "write_docx"]

CHART_WIDTH = Cm(15)  # as the PDF's
CHART_MAX_HEIGHT = Cm(9)  # about a third of the page: a chart fits below most of a page's text
NOTE_FILL = "FFF2CC"  # light yellow: provisional framework warning
AFTER_TABLE = Pt(12)  # room above a paragraph right after a table (table cells have no spacing)
BODY_STYLE, TITLE_STYLE = "BodyText", "Title"  # style ids ("Body Text", "Title")


class WordWriter:
    """Writes documents as .docx, keeping what every file shares: the font metrics that size the
    tables and the title, and the package's shared parts in each digits
    (:class:`~ita_analysis.report.word_package.WordTemplate`), each made on first use. The measures
    document by :meth:`write`; another document (the group report) fills a :meth:`body` and
    :meth:`save` s it."""

    def __init__(self) -> None:
        self._metrics: Metrics | None = None
        self._measure: TextMeasure | None = None
        self._templates: dict[str, WordTemplate] = {}

    def write(self, doc: MeasuresDocument, path: str | Path) -> Path:
        """Write the measures document of one agency and year to ``path`` (.docx), atomically."""
        body = self.body(doc)
        _measures(body)
        return self.save(doc, body, path)

    def body(self, doc) -> WordBody:
        """An empty body for ``doc`` (a document with ``digits``, ``digits_of``, ``title``,
        ``subtitle`` and ``agency``)."""
        if self._metrics is None:
            self._metrics, self._measure = Metrics.sarabun(), TextMeasure()
        return WordBody(doc, self._metrics, self._measure, self._template(doc.digits).pictures())

    def save(self, doc, body: WordBody, path: str | Path) -> Path:
        """The .docx of ``doc`` with ``body`` at ``path``, atomically."""
        return self._template(doc.digits).save(doc, "".join(body.out), body.pictures, path)

    def _template(self, digits: str) -> WordTemplate:
        if digits not in self._templates:
            self._templates[digits] = WordTemplate(digits)
        return self._templates[digits]


def write_docx(doc: MeasuresDocument, path: str | Path) -> Path:
    """Write the measures document of one agency and year to ``path`` (.docx), atomically. (A
    worker writing many keeps a :class:`WordWriter` instead.)"""
    return WordWriter().write(doc, path)


class WordBody:
    """The body's content of one document as WordprocessingML text (``out``), its pictures
    numbered by ``pictures``: paragraphs, headings, the title, pictures and tables in the measures
    document's styles."""

    def __init__(self, doc, metrics: Metrics, measure: TextMeasure, pictures: Pictures):
        self.doc = doc
        self.metrics = metrics
        self.measure = measure
        self.pictures = pictures
        self.out: list[str] = []
        self.after_table = False  # the last block is a table

    def add(self, runs: str, fmt: ParagraphFormat) -> None:
        self.out.append(paragraph_xml(runs, fmt))
        self.after_table = False

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        indent: bool = True,
        keep_with_next: bool = False,
        fill=None,
        size: float | None = None,
    ) -> None:
        """A paragraph of running text ("Body Text"); ``indent`` False: its first line not indented;
        ``size``: its text's size in points (None: the style's)."""
        fmt = ParagraphFormat(
            style=BODY_STYLE,
            keep_with_next=keep_with_next,
            fill=fill,
            space_before=AFTER_TABLE if self.after_table else None,
            first_line=None if indent else Cm(0),
            align="left",
        )
        self.add(run(text, bold=bold, size=size) if text else "", fmt)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> None:
        fmt = ParagraphFormat(
            style=f"Heading{level}", page_break_before=new_page, space_before=AFTER_TABLE if self.after_table else None
        )
        self.add(run(text), fmt)

    def title(self, text: str, space_after: int | None = None) -> None:
        """A title paragraph, broken into lines between its phrases only (never inside
        "ประจำปีงบประมาณ"), each line as full as it fits with room for a wider Thai font."""
        width = Emu(text_width()).pt

        def fits(line: str) -> bool:
            return self.metrics.width(line, TITLE_PT, bold=True) * FONT_ALLOWANCE <= width

        lines = filled_lines(pieces_of(text, text.split()), fits)
        runs = "".join(run(line, line_break=i < len(lines) - 1) for i, line in enumerate(lines))  # breaks as the PDF's
        self.add(runs, ParagraphFormat(style=TITLE_STYLE, space_after=space_after, align="center"))

    def picture(self, path: str | Path, max_height: int = CHART_MAX_HEIGHT) -> None:
        """The PNG file at ``path``, centred, sized by :func:`chart_size`."""
        rid, width_px, height_px = self.pictures.add(path)
        width, height = chart_size(width_px, height_px, max_height)
        drawing = picture_run_xml(self.pictures.count, rid, Path(path).name, width, height)
        self.add(drawing, ParagraphFormat(space_before=Pt(6), space_after=Pt(6), align="center"))

    def table(self, table: Table, *, whole: bool = False) -> None:
        """``table`` (:func:`~ita_analysis.report.word_table.table_xml`; ``whole``: kept on one page)."""
        self.out.append(table_xml(table, self.doc, self.metrics, self.measure, whole=whole))
        self.after_table = True


# ------------------------------------------------------------------- the measures document
def _measures(body: WordBody) -> None:
    doc = body.doc
    body.title(doc.title)
    body.title(doc.subtitle, space_after=Pt(12))
    for note in doc.notes:
        body.para(doc.digits_of(note), bold=True, indent=False, fill=NOTE_FILL)
    _analysis(body)
    body.heading(doc.heading_measures, 1)
    if doc.gap_text:
        body.para(doc.target_text)
        _table(body, doc.gap_text, doc.measures_table())
    else:
        _table(body, doc.target_text, doc.measures_table())


def _analysis(body: WordBody) -> None:
    """Section 1: the tools, the results, the comparison, the weaknesses, NACC's recommendations."""
    doc = body.doc
    body.heading(doc.heading_analysis, 1)
    body.para(doc.tools_intro)
    for item in doc.tool_items():
        body.para(item)
    _table(body, doc.results_intro, doc.results_table())
    _chart(body, "indicators")
    comparison = doc.comparison_table()
    if comparison is None:  # no previous year: the sentence alone
        body.para(doc.comparison_intro)
    else:
        _table(body, doc.comparison_intro, comparison)
        _chart(body, "comparison")
    if doc.peer_heading:
        body.heading(doc.peer_heading, 2)
    for text in (doc.peer_text, doc.declined_text):
        if text:
            body.para(text)
    _table(body, doc.weakness_intro, doc.weakness_table())
    groups = doc.recommendation_groups()
    if groups:
        body.para(doc.recommendations_intro)
        for heading, lines in groups:
            body.heading(heading, 2)
            for line in lines:
                body.para(line)


def _chart(body: WordBody, key: str) -> None:
    path = body.doc.charts.get(key)
    if path:
        body.picture(path)


def _table(body: WordBody, intro: str, table: Table) -> None:
    """The sentence that introduces a table, kept with the table's first rows; the table when it
    has rows; its note (kept with the table's last row, see :func:`~ita_analysis.report.word_table.kept_rows`)."""
    body.para(intro, keep_with_next=bool(table.rows))
    if not table.rows:
        return
    body.table(table)
    if table.note:
        body.para(table.note, indent=False)


def chart_size(width_px: int, height_px: int, max_height: int = CHART_MAX_HEIGHT) -> tuple[int, int]:
    """A chart's size on the page (EMU) from its size in pixels: :data:`CHART_WIDTH` wide, or
    narrower where that would make it taller than ``max_height`` (:data:`CHART_MAX_HEIGHT`), in its
    own proportions."""
    width = min(CHART_WIDTH, int(max_height * width_px / height_px))
    return int(width), int(width * height_px / width_px)
