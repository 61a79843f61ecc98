"""Styles, page set-up and document properties of the Word measures document (python-docx).

A4 portrait, margins 2.5 cm left and 2 cm elsewhere, page numbers at the top centre from page 2 as
Thai government documents carry them (ระเบียบงานสารบรรณ) and the PDF prints them ("- ๒ -", or
"- 2 -" with Arabic digits; the first page's header is empty), "TH Sarabun New" 16 pt for Latin and complex
script (Thai) alike, bold headings sized explicitly.

Thai in Word is a complex script: the font, size and bold of Thai text are ``w:rFonts w:cs``,
``w:szCs`` and ``w:bCs``, and the default template's theme fonts (``*Theme`` attributes) win over
explicit fonts, so they are removed from every style.
"""

from __future__ import annotations

from datetime import UTC, datetime

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.safe_text import PROPERTY_LIMIT, shortened
from ita_analysis.thai.numbers import in_digits

THAI_FONT = "TH Sarabun New"  # the official font; Word falls back where the reader lacks it
BODY_PT = 16
TITLE_PT = 20
HEADING1_PT = 18
HEADING2_PT = 16
TABLE_PT = 14  # table text, as the PDF's tables
LATIN_LANG = "en-US"  # Latin text (names such as "Integrity and Transparency Assessment") broken as English
THAI_LANG = "th-TH"  # Thai (complex script) text broken by Thai words

PAGE_WIDTH = Cm(21.0)
PAGE_HEIGHT = Cm(29.7)
MARGIN_LEFT = Cm(2.5)
MARGIN = Cm(2.0)
FIRST_LINE_INDENT = Cm(1.25)
PAGE_NUMBER_PT = 12  # the page number, as the PDF prints it

PAGE_NUMBER_FORMAT = {"thai": "thaiNumbers", "arabic": "decimal"}  # ST_NumberFormat by document digits
_SECTPR_AFTER_PGNUMTYPE = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def text_width():
    """The width between the page's margins (a python-docx Length)."""
    return PAGE_WIDTH - MARGIN_LEFT - MARGIN


def setup_document(document, doc: MeasuresDocument) -> None:
    """Styles, page and core properties of a new document for ``doc``."""
    setup_styles(document)
    setup_page(document, doc.digits)
    set_properties(document, doc)


def setup_styles(document) -> None:
    """Explicit Thai fonts in every style, document defaults, body text, headings, table grid."""
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
    _setup_body(styles)
    for name, pt, before, after in (
        ("Title", TITLE_PT, 0, 0),
        ("Heading 1", HEADING1_PT, 12, 6),
        ("Heading 2", HEADING2_PT, 6, 3),
    ):
        _setup_heading(styles[name], pt, before, after)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    g_rPr = styles["Table Grid"].element.get_or_add_rPr()
    _set_fonts(g_rPr)
    _set_size_lang(g_rPr, TABLE_PT)


def _setup_body(styles) -> None:
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


def _setup_heading(style, pt: float, before: float, after: float) -> None:
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


def set_run_size(run, pt: float) -> None:
    """A run's size in points, for Latin and complex-script (Thai) text alike."""
    rPr = run._r.get_or_add_rPr()
    half_points = str(int(round(pt * 2)))
    _set_child(rPr, "w:sz", val=half_points)
    _set_child(rPr, "w:szCs", val=half_points)
    _order_rPr(rPr)


def _set_size_lang(rPr, pt: float) -> None:
    half_points = str(int(round(pt * 2)))
    _set_child(rPr, "w:sz", val=half_points)
    _set_child(rPr, "w:szCs", val=half_points)
    _set_child(rPr, "w:lang", val=LATIN_LANG, eastAsia=THAI_LANG, bidi=THAI_LANG)
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


def setup_page(document, digits: str = "thai") -> None:
    """A4 portrait with the official margins, and the page number centred in the header from the
    second page on (``w:titlePg``: the first page has its own header, left empty)."""
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
    _set_page_number_format(section, digits)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_number(p, digits)


def _set_page_number_format(section, digits: str) -> None:
    """The section's page numbers in the document's digits (``w:pgNumType w:fmt``): "thaiNumbers"
    (๑, ๒, ๓) or "decimal". Word prints every PAGE field of the section in this format; a PAGE
    field switch is not needed. (LibreOffice 7.4 ignores "thaiNumbers" and prints 1, 2, 3; it reads
    Word's ThaiArabic field switch as Thai letters, ก, ข, ค, so no switch is used.)"""
    sectPr = section._sectPr
    for old in sectPr.findall(qn("w:pgNumType")):
        sectPr.remove(old)
    pgNumType = OxmlElement("w:pgNumType")
    pgNumType.set(qn("w:fmt"), PAGE_NUMBER_FORMAT[digits])
    # CT_SectPr: pgNumType comes after pgSz/pgMar/paperSrc/pgBorders/lnNumType, before cols and the rest
    sectPr.insert_element_before(pgNumType, *_SECTPR_AFTER_PGNUMTYPE)


def _add_page_number(paragraph, digits: str) -> None:
    """The page number as the PDF prints it, "- <page> -" in 12 pt: a PAGE field between the
    dashes (begin / instruction / separate / the number of the first page it shows / end)."""

    def add(text: str = ""):
        r = paragraph.add_run(text)
        set_run_size(r, PAGE_NUMBER_PT)
        return r

    def fld(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        add()._r.append(el)

    add("- ")
    fld("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    add()._r.append(instr)
    fld("separate")
    add(in_digits("2", digits))  # shown until the field is updated (the header starts on page 2)
    fld("end")
    add(" -")


def set_properties(document, doc: MeasuresDocument) -> None:
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title = shortened(doc.title, PROPERTY_LIMIT)
    props.subject = shortened(f"{doc.title} {doc.subtitle}", PROPERTY_LIMIT)
    props.author = shortened(doc.agency, PROPERTY_LIMIT)
    props.last_modified_by = shortened(doc.agency, PROPERTY_LIMIT)
    props.keywords = "ITA"
    props.comments = ""
    props.language = "th-TH"
    props.created = now
    props.modified = now
    props.revision = 1
