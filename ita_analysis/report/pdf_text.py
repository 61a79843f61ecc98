"""The PDF's text layer for Thai: each glyph code stands for the text it was shaped from.

Why: HarfBuzz shapes one Thai cluster into several glyphs. SARA AM (U+0E33) becomes NIKHAHIT + SARA
AA, a NIKHAHIT moves before a tone mark ("น้ำ" is drawn น, NIKHAHIT, MAI THO, SARA AA), and marks
sit on their base at zero width. WeasyPrint 70 writes one ToUnicode entry per glyph id: the text
between the glyph's cluster position and the next glyph's, taken the first time the glyph is drawn.
So a cluster's leading glyphs map to nothing, its last glyph to the whole cluster only if that
glyph was never drawn before; SARA AA keeps the "า" of an earlier plain "า" and "สำนักงาน" reads
"สานักงาน". A tone mark keeps its own text but is placed a hair past the start of the next
consonant, so readers that order text by position read "ส่วน" as "สว่น" or break the line there.

What this module does: while WeasyPrint draws a line, the glyphs of each base letter and its
marks (Pango's cluster, with a mark shaped as a cluster of its own joined to the one before) are
given the text they must stand for: the whole text on the first glyph that advances, nothing on
the others, so zero-width marks add no text of their own and the text sits where the letter is.
A glyph id that already stands for other text is drawn under an alias code, a CID above the
font's glyph ids, whose ToUnicode entry is the wanted text; the finisher then gives the font a
CIDToGIDMap that sends each alias back to its glyph. The page looks the same and its text reads
as typed, with pdftotext, pypdf, search and copy alike.

It relies on WeasyPrint 70 internals, all here: ``weasyprint.draw.text.draw_first_line`` shapes
the line, reads ``font.to_unicode`` and ``font.widths`` per glyph id, and the font dictionaries
carry ``/CIDToGIDMap /Identity``. tests/report/test_pdf_text.py fails if any of that changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Aliases count down from here; WeasyPrint numbers stand-ins for missing glyphs up from the glyph count.
TOP_CODE = 0xFFFE

# Per font drawn in the current render: {(glyph id, text): alias code}. None outside a render.
_ALIASES: ContextVar[dict | None] = ContextVar("pdf_text_aliases", default=None)


@contextmanager
def cluster_text() -> Iterator[Callable]:
    """Within the block, lines WeasyPrint draws get per-cluster text; yields the finisher to pass to
    ``write_pdf`` (it writes the CIDToGIDMap of each font that got aliases)."""
    install()
    aliases: dict = {}
    token = _ALIASES.set(aliases)
    try:
        yield lambda document, pdf: write_maps(aliases, pdf)
    finally:
        _ALIASES.reset(token)


def install() -> None:
    """Wrap WeasyPrint's line drawing (once per process); outside :func:`cluster_text` the wrapper
    only calls the original."""
    from weasyprint.draw import text

    if getattr(text.draw_first_line, "cluster_text", False):
        return
    original = text.draw_first_line

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        aliases = _ALIASES.get()
        if aliases is not None and text_overflow != "ellipsis" and block_ellipsis == "none":
            if textbox.text.strip() and textbox.style["font_size"] >= 1e-6:
                _alias_line(stream, textbox, aliases)
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)

    draw_first_line.cluster_text = True
    draw_first_line.__wrapped__ = original
    text.draw_first_line = draw_first_line


def _alias_line(stream, textbox, aliases: dict) -> None:
    """Give every glyph of the line about to be drawn the code that stands for its text."""
    from weasyprint.text.ffi import ffi, pango

    layout = textbox.pango_layout
    # The drawing sets this too; set first, the layout is shaped once and keeps the codes set here.
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    line, _ = layout.get_first_line()
    text = layout.text.encode()
    size = textbox.style["font_size"] if pango.pango_version() < 14802 else None
    run = line.runs
    while run != ffi.NULL:
        _alias_run(stream, run.data, text, aliases, size)
        run = run.next


def _alias_run(stream, glyph_item, text: bytes, aliases: dict, size: float | None) -> None:
    """Set the codes of one run of glyphs (one font, one direction); ``text`` is the layout's UTF-8."""
    from weasyprint.text.ffi import ffi, pango

    item = glyph_item.item
    if item.analysis.level % 2:
        return  # right to left: left as WeasyPrint maps it
    font, font_size = stream.add_font(item.analysis.font)
    if font.bitmap or font.png or font.svg or font.colr or font.type != "ttf":
        return  # glyph ids there also pick images or bitmaps; CIDToGIDMap is for TrueType only
    font_for, font_aliases = (font, item.analysis.font, size or font_size), aliases.setdefault(font, {})
    count, infos = glyph_item.glyphs.num_glyphs, glyph_item.glyphs.glyphs
    ids, widths = _glyphs(ffi, infos, count)
    clusters = ffi.unpack(glyph_item.glyphs.log_clusters, count) + [item.length]
    to_unicode, unknown, at = font.to_unicode, pango.PANGO_GLYPH_UNKNOWN_FLAG, item.offset
    for first, end in _groups(ids, widths, clusters, pango.PANGO_GLYPH_EMPTY):
        if end - first == 1 and not ids[first] & unknown:  # one glyph (most of them): as _code, inline
            wanted = text[at + clusters[first] : at + clusters[end]].decode()
            known = to_unicode.get(ids[first])
            if known is None:
                to_unicode[ids[first]] = wanted
            if known is None or known == wanted:
                continue
        if any(g & unknown for g in ids[first:end]):
            continue  # a missing glyph: WeasyPrint's own stand-in and mapping
        wanted = text[at + clusters[first] : at + clusters[end]].decode()
        drawn = [i for i in range(first, end) if ids[i] != pango.PANGO_GLYPH_EMPTY]
        carrier = next((i for i in drawn if widths[i]), drawn[0])
        for i in drawn:
            code = _code(font_for, font_aliases, ids[i], wanted if i == carrier else "")
            if code != ids[i]:
                infos[i].glyph = code


def _glyphs(ffi, infos, count: int) -> tuple[list[int], list[int]]:
    """The glyph ids and advances of ``count`` PangoGlyphInfo, read from their memory at once."""
    size = ffi.sizeof("PangoGlyphInfo")
    if size % 4 or ffi.offsetof("PangoGlyphInfo", "glyph") or ffi.offsetof("PangoGlyphInfo", "geometry") != 4:
        return [infos[i].glyph for i in range(count)], [infos[i].geometry.width for i in range(count)]
    data, step = memoryview(ffi.buffer(infos, count * size)), size // 4
    return data.cast("I")[::step].tolist(), data.cast("i")[1::step].tolist()


def _groups(ids: list[int], widths: list[int], clusters: list[int], empty: int) -> list[tuple[int, int]]:
    """The glyph ranges [first, end) drawn for one base letter and its marks.

    Pango's clusters (glyphs from one run of text; ``clusters`` ends with the run's length), where
    a cluster of zero-width glyphs only, a mark shaped on its own, joins the cluster before it. A
    cluster drawing nothing (a zero-width space) stays on its own and is left out, so its text
    stays out of the text layer."""
    groups: list[list] = []
    first, count = 0, len(ids)
    while first < count:
        end = first + 1
        while end < count and clusters[end] == clusters[first]:
            end += 1
        drawn = [k for k in range(first, end) if ids[k] != empty]
        if drawn and groups and groups[-1][2] and not any(widths[k] for k in drawn):
            groups[-1][1] = end
        else:
            groups.append([first, end, bool(drawn)])
        first = end
    return [(start, end) for start, end, drawn in groups if drawn]


def _code(font_for, aliases: dict, glyph: int, wanted: str) -> int:
    """The code to draw ``glyph`` with so that it reads ``wanted``: the glyph id itself when that
    already stands for ``wanted`` (or for nothing yet), else an alias."""
    font, pango_font, font_size = font_for
    known = font.to_unicode.get(glyph)
    if known is None:
        font.to_unicode[glyph] = wanted
        return glyph
    if known == wanted:
        return glyph
    if (glyph, wanted) not in aliases:
        code = TOP_CODE - len(aliases)
        if code < font.glyph_count + len(font.missing) + 1:
            return glyph  # out of codes: the text of this glyph stays as WeasyPrint maps it
        aliases[glyph, wanted] = code
        font.to_unicode[code] = wanted
        font.widths[code] = _width(font, pango_font, glyph, font_size)
    return aliases[glyph, wanted]


def _width(font, pango_font, glyph: int, font_size: float) -> int:
    """The glyph's advance in thousandths of the font size, as WeasyPrint's drawing computes it."""
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    if glyph in font.widths:
        return font.widths[glyph]
    ink, logical = ffi.new("PangoRectangle *"), ffi.new("PangoRectangle *")
    pango.pango_font_get_glyph_extents(pango_font, glyph, ink, logical)
    font.widths[glyph] = round(logical.width * 1000 * FROM_UNITS / font_size)
    return font.widths[glyph]


def write_maps(aliases: dict, pdf) -> None:
    """Point each font's alias codes at their glyphs: a CIDToGIDMap stream instead of /Identity
    (codes below the font's glyph count stay themselves)."""
    import pydyf

    for font, codes in aliases.items():
        if not codes:
            continue
        size = max(codes.values()) + 1
        table = bytearray(2 * size)
        for code in range(min(font.glyph_count, size)):
            table[2 * code : 2 * code + 2] = code.to_bytes(2, "big")
        for (glyph, _), code in codes.items():
            table[2 * code : 2 * code + 2] = glyph.to_bytes(2, "big")
        stream = pydyf.Stream([bytes(table)], compress=True)
        pdf.add_object(stream)
        fonts = [
            o
            for o in pdf.objects
            if isinstance(o, dict) and o.get("BaseFont") == font.name and o.get("CIDToGIDMap") == "/Identity"
        ]
        if not fonts:
            raise RuntimeError(f"no CIDFont with an identity CIDToGIDMap for {font.name!r}: WeasyPrint changed")
        for obj in fonts:
            obj["CIDToGIDMap"] = stream.reference
