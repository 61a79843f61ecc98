"""The measures document as Word (.docx) with python-docx, in official Thai style.

Layout only: every sentence comes from :class:`~ita_analysis.report.document.MeasuresDocument`; this
module adds the table headers and the formatting. A4 portrait, margins 2.5 cm left and 2 cm
elsewhere, page numbers centred in the footer, "TH Sarabun New" 16 pt for Latin and complex
script (Thai) alike, bold headings sized explicitly, real tables with a grid, repeated grey
header rows, numbers right-aligned and Thai text left-aligned (Word cannot justify Thai well).

Thai in Word is a complex script: the font, size and bold of Thai text are ``w:rFonts w:cs``,
``w:szCs`` and ``w:bCs``, and the default template's theme fonts (``*Theme`` attributes) win over
explicit fonts, so they are removed from every style. Text from data goes in as run text only
(python-docx escapes it); nothing from data becomes a field or a hyperlink.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ita_analysis.files import atomic_path
from ita_analysis.report.document import MeasuresDocument

THAI_FONT = "TH Sarabun New"  # the official font; Word falls back where the reader lacks it
BODY_PT = 16
TITLE_PT = 20
HEADING1_PT = 18
HEADING2_PT = 16
CHART_WIDTH = Cm(16)

PAGE_WIDTH = Cm(21.0)
PAGE_HEIGHT = Cm(29.7)
MARGIN_LEFT = Cm(2.5)
MARGIN = Cm(2.0)
TEXT_WIDTH_CM = 21.0 - 2.5 - 2.0  # 16.5 cm between the margins

HEADER_FILL = "D9D9D9"  # light grey header cells
MISSING_FILL = "FCE4D6"  # light orange: a weak indicator without a measure yet
NOTE_FILL = "FFF2CC"  # light yellow: provisional framework warning
FIRST_LINE_INDENT = Cm(1.25)

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_STYLED = ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid")


def write_docx(doc: MeasuresDocument, path: str | Path) -> Path:
    """Write the measures document of one agency and year to ``path`` (.docx), atomically."""
    document = Document()
    _setup_styles(document)
    _setup_page(document)
    _set_properties(document, doc)
    _Writer(document, doc).write()
    with atomic_path(path) as tmp:
        document.save(tmp)
    return Path(path)


# ---------------------------------------------------------------------------- styles and page
def _set_fonts(rPr) -> None:
    """Explicit fonts on an rPr: the four rFonts attributes set, the theme attributes removed."""
    rFonts = rPr.find(qn("w:rFonts"))
    if rFonts is None:
        rFonts = OxmlElement("w:rFonts")
        rPr.insert(0, rFonts)
    for attr in _THEME_ATTRS:
        rFonts.attrib.pop(qn(attr), None)
    for attr in _FONT_ATTRS:
        rFonts.set(qn(attr), THAI_FONT)


def _set_child(parent, tag: str, **attrs) -> None:
    """Replace ``tag`` in ``parent`` by one element with the given w: attributes."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    parent.append(el)


def _set_size_lang(rPr, pt: float) -> None:
    half_points = str(int(round(pt * 2)))
    _set_child(rPr, "w:sz", val=half_points)
    _set_child(rPr, "w:szCs", val=half_points)
    _set_child(rPr, "w:lang", val="th-TH", eastAsia="th-TH", bidi="th-TH")
    _order_rPr(rPr)


# CT_RPr child order (schema sequence) for the elements touched here
_RPR_ORDER = [
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
]  # fmt: skip


def _order_rPr(rPr) -> None:
    rank = {qn(t): i for i, t in enumerate(_RPR_ORDER)}
    children = list(rPr)
    children.sort(key=lambda el: rank.get(el.tag, len(rank)))
    for el in children:
        rPr.remove(el)
        rPr.append(el)


def _setup_styles(document) -> None:
    styles = document.styles
    root = styles.element
    # Theme fonts out of every style (headings' character styles, table styles, ...), explicit fonts in
    for rFonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rFonts.attrib.pop(qn(attr), None)
        for attr in _FONT_ATTRS:
            rFonts.set(qn(attr), THAI_FONT)

    # Document defaults: font, 16 pt, Thai language for complex script; single spacing
    defaults = root.find(qn("w:docDefaults"))
    rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rPr)
    _set_size_lang(rPr, BODY_PT)
    pPr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set_child(pPr, "w:spacing", after="0", line="240", lineRule="auto")

    normal = styles["Normal"]
    normal.font.name = THAI_FONT
    normal.font.size = Pt(BODY_PT)
    _set_fonts(normal.element.get_or_add_rPr())
    _set_size_lang(normal.element.get_or_add_rPr(), BODY_PT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)  # table cells use Normal: no spacing there
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.alignment = WD_ALIGN_PARAGRAPH.LEFT

    body = styles["Body Text"]  # running text: 6 pt after, first line indented
    bpf = body.paragraph_format
    bpf.space_before = Pt(0)
    bpf.space_after = Pt(6)
    bpf.first_line_indent = FIRST_LINE_INDENT
    bpf.alignment = WD_ALIGN_PARAGRAPH.LEFT

    for name, pt, before, after in (
        ("Title", TITLE_PT, 0, 0),
        ("Heading 1", HEADING1_PT, 12, 6),
        ("Heading 2", HEADING2_PT, 6, 3),
    ):
        style = styles[name]
        font = style.font
        font.bold = True
        font.cs_bold = True
        font.italic = False
        font.cs_italic = False
        font.size = Pt(pt)
        font.color.rgb = RGBColor(0, 0, 0)
        font.name = THAI_FONT
        s_rPr = style.element.get_or_add_rPr()
        _set_fonts(s_rPr)
        _set_size_lang(s_rPr, pt)
        for tag in ("w:spacing", "w:kern"):  # Title's letter spacing and kerning
            for el in s_rPr.findall(qn(tag)):
                s_rPr.remove(el)
        s_pPr = style.element.get_or_add_pPr()
        for el in s_pPr.findall(qn("w:pBdr")):  # Title's blue bottom rule
            s_pPr.remove(el)
        spf = style.paragraph_format
        spf.space_before = Pt(before)
        spf.space_after = Pt(after)
        spf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        spf.keep_with_next = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    grid = styles["Table Grid"]
    g_rPr = grid.element.get_or_add_rPr()
    _set_fonts(g_rPr)
    _set_size_lang(g_rPr, BODY_PT)


def _setup_page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN
    section.top_margin = MARGIN
    section.bottom_margin = MARGIN
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_field(p)


def _add_page_field(paragraph) -> None:
    """A PAGE field (begin / instruction / separate / "1" / end) in the paragraph."""

    def fld(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
        return run

    fld("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld("separate")
    paragraph.add_run("1")
    fld("end")


def _set_properties(document, doc: MeasuresDocument) -> None:
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title = doc.title
    props.subject = f"{doc.title} {doc.subtitle}"
    props.author = doc.agency
    props.last_modified_by = doc.agency
    props.keywords = "ITA"
    props.comments = ""
    props.language = "th-TH"
    props.created = now
    props.modified = now
    props.revision = 1


# ---------------------------------------------------------------------------------- content
class _Writer:
    def __init__(self, document, doc: MeasuresDocument):
        self.d = document
        self.doc = doc

    # ------------------------------------------------------------------ paragraphs
    def para(self, text: str = "", *, style: str | None = None, bold: bool = False, indent: bool = True,
             keep_with_next: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT):  # fmt: skip
        p = self.d.add_paragraph(style=style or "Body Text")
        p.alignment = align
        if not indent and style is None:
            p.paragraph_format.first_line_indent = Cm(0)
        if keep_with_next:
            p.paragraph_format.keep_with_next = True
        _space_after_table(p)
        if text:
            _run(p, text, bold=bold)
        return p

    def heading(self, text: str, level: int):
        p = self.d.add_paragraph(style=f"Heading {level}")
        _space_after_table(p)
        _run(p, text)
        return p

    def picture(self, key: str) -> None:
        path = self.doc.charts.get(key)
        if not path:
            return
        p = self.d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(12)
        p.paragraph_format.space_after = Pt(12)
        p.add_run().add_picture(str(path), width=CHART_WIDTH)

    # ------------------------------------------------------------------- sections
    def write(self) -> None:
        doc = self.doc
        self.para(doc.title, style="Title", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        sub = self.para(doc.subtitle, style="Title", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        sub.paragraph_format.space_after = Pt(12)
        for note in doc.notes:
            p = self.para(doc.digits_of(note), bold=True, indent=False)
            _shade_paragraph(p, NOTE_FILL)

        self.heading(doc.heading_analysis, 1)
        self.para(doc.tools_intro)
        for item in doc.tool_items():
            self.para(item)
        self.para(doc.results_intro, keep_with_next=True)
        self.results_table()
        self.picture("indicators")
        self.para(doc.comparison_intro, keep_with_next=True)
        self.comparison_table()
        self.picture("comparison")
        self.para(doc.weakness_intro, keep_with_next=len(doc.weaknesses) > 0)
        if len(doc.weaknesses):
            self.weakness_table()
        groups = doc.recommendation_groups()
        if groups:
            self.para(doc.recommendations_intro)
            for heading, lines in groups:
                self.heading(heading, 2)
                for line in lines:
                    self.para(line)

        self.heading(doc.heading_measures, 1)
        self.para(doc.target_text, keep_with_next=len(doc.plan) > 0)
        if len(doc.plan):
            self.measures_table()
        if doc.missing_plan_text:
            self.para(doc.missing_plan_text, indent=False)

    def tool_name(self, code: str) -> str:
        for tool in self.doc.framework.tools:
            if tool.code == code:
                return f"{tool.name_th} ({tool.code})"
        return str(code)

    def results_table(self) -> None:
        doc = self.doc
        rows = doc.results.reset_index(drop=True)
        headers = ["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด", "คะแนนที่ได้", "คะแนนเฉลี่ย", "ผลรวมคะแนนที่ถ่วงน้ำหนัก"]
        t = _Table(self.d, [1.5, 4.0, 4.4, 2.1, 2.0, 2.5], n_header=1, n_body=len(rows) + 1)
        t.header(0, headers)
        for i, r in enumerate(rows.itertuples(index=False), start=1):
            t.text(i, 0, doc.count(i), align=WD_ALIGN_PARAGRAPH.CENTER)
            t.text(i, 2, str(r.indicator_name))
            t.text(i, 3, doc.num(r.score), number=True)
        for code, first, last in _runs_of(rows["tool"].tolist()):
            r = rows.iloc[first]
            t.merge_down(first + 1, last + 1, 1, self.tool_name(code))
            t.merge_down(first + 1, last + 1, 4, doc.num(r["tool_score"]), number=True)
            t.merge_down(first + 1, last + 1, 5, doc.num(r["tool_weighted"]), number=True)
        total = len(rows) + 1
        t.merge_across(total, 0, 4, "คะแนนรวมการประเมินฯ", bold=True)
        t.text(total, 5, doc.num(doc.summary.get("total")), number=True, bold=True)
        t.keep_together(0, total)  # one page: a short table, and merged tool cells must not split

    def comparison_table(self) -> None:
        doc = self.doc
        rows = doc.comparison.reset_index(drop=True)
        t = _Table(self.d, [1.5, 4.1, 4.9, 3.0, 3.0], n_header=2, n_body=len(rows) + 1)
        for col, label in enumerate(["ลำดับที่", "เครื่องมือ", "ตัวชี้วัด"]):
            t.merge_down(0, 1, col, label, header=True)
        t.merge_across(0, 3, 4, "คะแนนที่ได้", header=True)
        t.header(1, [f"พ.ศ. {doc.year(doc.previous_year)}", f"พ.ศ. {doc.year(doc.fiscal_year)}"], start=3)
        for i, r in enumerate(rows.itertuples(index=False), start=2):
            t.text(i, 0, doc.count(i - 1), align=WD_ALIGN_PARAGRAPH.CENTER)
            t.text(i, 2, str(r.indicator_name))
            t.text(i, 3, doc.num(r.score_previous), number=True)
            t.text(i, 4, doc.num(r.score_current), number=True)
        for code, first, last in _runs_of(rows["tool"].tolist()):
            t.merge_down(first + 2, last + 2, 1, self.tool_name(code))
        total = len(rows) + 2
        prev_total = doc.previous_summary.get("total") if doc.previous_summary is not None else None
        t.merge_across(total, 0, 2, "คะแนนรวมการประเมินฯ", bold=True)
        t.text(total, 3, doc.num(prev_total), number=True, bold=True)
        t.text(total, 4, doc.num(doc.summary.get("total")), number=True, bold=True)
        t.keep_together(0, total)

    def weakness_table(self) -> None:
        doc = self.doc
        rows = doc.weaknesses.reset_index(drop=True)
        t = _Table(self.d, [11.3, 2.6, 2.6], n_header=2, n_body=len(rows))
        t.merge_down(0, 1, 0, "ตัวชี้วัด", header=True)
        t.merge_across(0, 1, 2, "คะแนนที่ได้", header=True)
        t.header(1, [f"พ.ศ. {doc.year(doc.previous_year)}", f"พ.ศ. {doc.year(doc.fiscal_year)}"], start=1)
        for i, r in enumerate(rows.itertuples(index=False), start=2):
            t.text(i, 0, str(r.indicator_name), bold=True)
            cell = t.cell(i, 0)
            for item in doc.sub_item_lines(r):
                p = cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                p.paragraph_format.left_indent = Cm(0.4)
                p.paragraph_format.first_line_indent = Cm(-0.4)
                _run(p, f"- {item}")
            t.text(i, 1, doc.num(r.score_previous), number=True)
            t.text(i, 2, doc.num(r.score_current), number=True)

    def measures_table(self) -> None:
        doc = self.doc
        plan = doc.plan.reset_index(drop=True)
        extra = [(col, label) for col, label in (("timeline", "ระยะเวลา"), ("kpi", "ตัวชี้วัดความสำเร็จ"))
                 if _has_text(plan[col])]  # fmt: skip
        widths = {0: [3.8, 8.7, 4.0], 1: [3.4, 6.6, 3.5, 3.0], 2: [3.0, 5.4, 2.9, 2.4, 2.8]}[len(extra)]
        if len(extra) == 1 and extra[0][0] == "kpi":
            widths = [3.4, 6.1, 3.4, 3.6]
        headers = ["ตัวชี้วัด", doc.responsible_heading, "ผู้รับผิดชอบ"] + [label for _, label in extra]
        t = _Table(self.d, widths, n_header=1, n_body=len(plan))
        t.header(0, headers)
        for i, r in enumerate(plan.itertuples(index=False), start=1):
            t.text(i, 1, _text(r.action))
            t.text(i, 2, _text(r.responsible))
            for j, (col, _) in enumerate(extra, start=3):
                t.text(i, j, _text(getattr(r, col)))
            if bool(r.missing):
                for j in range(len(headers)):
                    _shade(t.cell(i, j), MISSING_FILL)
        names = [str(n) if isinstance(n, str) else doc.framework.indicator(int(k)).name_th
                 for k, n in zip(plan["indicator"], plan["indicator_name"], strict=True)]  # fmt: skip
        for _, first, last in _runs_of(plan["indicator"].tolist()):
            t.merge_down(first + 1, last + 1, 0, names[first])
            t.keep_together(first + 1, last + 1)  # an indicator's measures stay on one page
        if doc.missing_plan_text:  # the note below the table does not start a page alone
            t.keep_together(len(plan), len(plan) + 1)


# ------------------------------------------------------------------------------------ tables
class _Table:
    """A grid table with fixed column widths (cm) and ``n_header`` repeated header rows."""

    def __init__(self, document, widths_cm: Sequence[float], *, n_header: int, n_body: int):
        self.widths = [Cm(w) for w in widths_cm]
        table = document.add_table(rows=n_header + n_body, cols=len(widths_cm))
        table.style = document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tblW = table._tbl.tblPr.find(qn("w:tblW"))
        tblW.set(qn("w:type"), "dxa")
        tblW.set(qn("w:w"), str(sum(int(w.twips) for w in self.widths)))
        _cell_margins(table, top=Cm(0.05), bottom=Cm(0.05), left=Cm(0.15), right=Cm(0.15))
        for col, width in zip(table.columns, self.widths, strict=True):
            col.width = width
        self.rows = [row.cells for row in table.rows]
        for r, row in enumerate(table.rows):
            trPr = row._tr.get_or_add_trPr()
            trPr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages (unless taller than one)
            if r < n_header:
                trPr.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
            for cell, width in zip(self.rows[r], self.widths, strict=True):
                cell.width = width
                if r >= n_header:
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        self.table = table

    def keep_together(self, r1: int, r2: int) -> None:
        """Keep rows r1..r2 on one page (Word: "keep with next" on every paragraph but the last row's)."""
        for r in range(r1, r2):
            for p in self.table.rows[r]._tr.iter(qn("w:p")):
                Paragraph(p, None).paragraph_format.keep_with_next = True

    def cell(self, r: int, c: int):
        return self.rows[r][c]

    def text(self, r: int, c: int, text: str, *, number: bool = False, bold: bool = False, align=None, cell=None):
        cell = cell if cell is not None else self.rows[r][c]
        p = cell.paragraphs[0]
        for run in list(p.runs):
            run._r.getparent().remove(run._r)
        if align is None:
            align = WD_ALIGN_PARAGRAPH.RIGHT if number else WD_ALIGN_PARAGRAPH.LEFT
        p.alignment = align
        _run(p, text, bold=bold)
        return cell

    def header(self, r: int, labels: Sequence[str], *, start: int = 0) -> None:
        for c, label in enumerate(labels, start=start):
            self._header_cell(self.rows[r][c], label)

    def _header_cell(self, cell, label: str) -> None:
        self.text(0, 0, label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, cell=cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _shade(cell, HEADER_FILL)

    def merge_down(self, r1: int, r2: int, c: int, text: str, *, header: bool = False, number: bool = False) -> None:
        cell = self.rows[r1][c]
        if r2 > r1:
            cell = cell.merge(self.rows[r2][c])
        if header:
            self._header_cell(cell, text)
        else:
            self.text(r1, c, text, number=number, cell=cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if number else WD_CELL_VERTICAL_ALIGNMENT.TOP

    def merge_across(self, r: int, c1: int, c2: int, text: str, *, header: bool = False, bold: bool = False) -> None:
        cell = self.rows[r][c1].merge(self.rows[r][c2])
        cell.width = sum(self.widths[c1 : c2 + 1], Cm(0))
        if header:
            self._header_cell(cell, text)
        else:
            self.text(r, c1, text, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER, cell=cell)


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


def _space_after_table(paragraph) -> None:
    """A paragraph right after a table gets room above it (table cells have no spacing)."""
    prev = paragraph._p.getprevious()
    if prev is not None and prev.tag == qn("w:tbl"):
        current = paragraph.paragraph_format.space_before
        if current is None or current < Pt(12):
            paragraph.paragraph_format.space_before = Pt(12)


def _run(paragraph, text: str, *, bold: bool = False):
    run = paragraph.add_run(text)
    if bold:
        run.font.bold = True
        run.font.cs_bold = True
    return run


def _shade(cell, fill: str) -> None:
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


def _shade_paragraph(paragraph, fill: str) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    # CT_PPr: shd comes after pBdr and before tabs/spacing/ind/jc
    before = {qn(t) for t in ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                              "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                              "w:sectPr", "w:pPrChange")}  # fmt: skip
    for i, el in enumerate(pPr):
        if el.tag in before:
            pPr.insert(i, shd)
            return
    pPr.append(shd)


def _runs_of(values: list) -> list[tuple[object, int, int]]:
    """(value, first index, last index) of each run of equal consecutive values."""
    out: list[tuple[object, int, int]] = []
    for i, v in enumerate(values):
        if out and out[-1][0] == v:
            out[-1] = (v, out[-1][1], i)
        else:
            out.append((v, i, i))
    return out


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _has_text(series: pd.Series) -> bool:
    return any(_text(v).strip() for v in series)
