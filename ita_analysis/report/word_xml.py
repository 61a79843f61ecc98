"""WordprocessingML written as text: the paragraphs, runs and pictures of the Word measures
document's body (``word/document.xml``), element for element as python-docx writes them.

The Word writer (:mod:`ita_analysis.report.word`) puts the body together from these pieces instead
of building it with python-docx, whose object model costs ten times more than the text it makes.
Every element and attribute is the one python-docx's calls made (properties in the schema's order,
``xml:space="preserve"`` on a text with spaces at its ends, a tab as ``w:tab`` and a line end as
``w:br``); tests/report/test_word_template.py compares the two. Lengths are in EMU (python-docx
Lengths), written in twips or half-points as Word stores them. Text from data is escaped here and
goes in as run text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMU_PER_TWIP = 635
TEXT_PIECES = re.compile(r"[\t\r\n]|[^\t\r\n]+")
PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def twips(emu: int) -> int:
    """A length in EMU as twips, rounded as python-docx rounds it."""
    return int(round(emu / float(EMU_PER_TWIP)))


def escaped(text: str) -> str:
    """``text`` as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(text: str) -> str:
    """``text`` as the value of an attribute in double quotes."""
    return escaped(text).replace('"', "&quot;")


def text_xml(text: str) -> str:
    """A run's content for ``text``: its characters in ``w:t`` elements, a tab as ``w:tab`` and
    each carriage return or line feed as ``w:br``."""
    out = []
    for piece in TEXT_PIECES.findall(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in "\r\n":
            out.append("<w:br/>")
        elif len(piece.strip()) < len(piece):
            out.append(f'<w:t xml:space="preserve">{escaped(piece)}</w:t>')
        else:
            out.append(f"<w:t>{escaped(piece)}</w:t>")
    return "".join(out)


def run_xml(text: str, *, bold: bool = False, half_points: int | None = None, line_break: bool = False) -> str:
    """A run: bold sets the Latin and the complex-script (Thai) weight, ``half_points`` both sizes;
    ``line_break`` ends the run with a line break."""
    props = "<w:b/><w:bCs/>" if bold else ""
    if half_points is not None:
        props += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{text_xml(text)}{'<w:br/>' if line_break else ''}</w:r>"


@dataclass(frozen=True)
class ParagraphFormat:
    """A paragraph's own properties (None: the style's). Lengths in EMU; ``hanging`` a first line
    that starts left of the others by that much."""

    style: str | None = None  # style id
    keep_with_next: bool = False
    page_break_before: bool = False
    fill: str | None = None  # background, RGB hex
    space_before: int | None = None
    space_after: int | None = None
    left: int | None = None
    first_line: int | None = None
    hanging: int | None = None
    align: str | None = None  # w:jc value: left, center, right

    def xml(self) -> str:
        parts = []
        if self.style is not None:
            parts.append(f'<w:pStyle w:val="{self.style}"/>')
        if self.keep_with_next:
            parts.append("<w:keepNext/>")
        if self.page_break_before:
            parts.append("<w:pageBreakBefore/>")
        if self.fill is not None:
            parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{self.fill}"/>')
        spacing = _attributes(before=self.space_before, after=self.space_after)
        if spacing:
            parts.append(f"<w:spacing{spacing}/>")
        indent = _attributes(left=self.left, hanging=self.hanging, firstLine=self.first_line)
        if indent:
            parts.append(f"<w:ind{indent}/>")
        if self.align is not None:
            parts.append(f'<w:jc w:val="{self.align}"/>')
        return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def _attributes(**lengths: int | None) -> str:
    return "".join(f' w:{name}="{twips(value)}"' for name, value in lengths.items() if value is not None)


def paragraph_xml(runs: str, fmt: ParagraphFormat | None = None) -> str:
    """A paragraph of ``runs`` (run elements as text) with the properties of ``fmt``."""
    props = fmt.xml() if fmt is not None else ""
    if not props and not runs:
        return "<w:p/>"
    return f"<w:p>{props}{runs}</w:p>"


def picture_run_xml(shape_id: int, rid: str, filename: str, cx: int, cy: int) -> str:
    """A run holding a picture inline, ``cx`` by ``cy`` EMU, of the image part ``rid``; the
    drawing's id ``shape_id`` and name "Picture <id>", the picture's name ``filename``."""
    return (
        f'<w:r><w:drawing><wp:inline xmlns:a="{A_NS}" xmlns:pic="{PIC_NS}">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{shape_id}" name="Picture {shape_id}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="{PICTURE_URI}"><pic:pic><pic:nvPicPr>'
        f'<pic:cNvPr id="0" name="{attribute(filename)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r>"
    )
