"""The measures document as PDF: a Jinja2 template rendered by WeasyPrint with the bundled Sarabun font.

A4, 16 pt body, numbered headings, page numbers at the top centre from page 2 ("- ๒ -", as the
correspondence rules place them). The tables are the document's layout tables
(:mod:`ita_analysis.report.layout`), all rendered by one macro (``templates/table.html.j2``); a
table splits over pages only between its groups of merged rows, its header repeated, so a chart
may share its page with the next section's sentence and table. Thai lines break at word boundaries
through Pango and libthai (system libraries WeasyPrint uses); the title breaks only between its
phrases. The PDF is tagged (PDF/UA-1, language th) and its text layer reads as the source text,
SARA AM and marks included (:mod:`ita_analysis.report.pdf_text`).
Text from data is HTML-escaped by the template; the renderer may read only the bundled font
files and the charts passed in, nothing else from disk or the network. The charts' PNG data go
into the PDF as they are (:mod:`ita_analysis.report.pdf_images`).

What the PDFs of many documents share (stylesheets, fonts, font metrics) a :class:`PdfRenderer`
keeps; a batch worker holds one for its agencies. A document renders with Python's garbage
collector held off, then collected once (:func:`collected_once`).
"""

from __future__ import annotations

import gc
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from ita_analysis.files import atomic_path
from ita_analysis.report import layout
from ita_analysis.report.column_widths import (
    UNBROKEN_KINDS,
    TextMeasure,
    content_shares,
    header_phrases,
    sized_by_content,
)
from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.fonts import sarabun_file
from ita_analysis.report.layout import Cell, Row, Table
from ita_analysis.report.pdf_images import install as embed_png_as_is
from ita_analysis.report.pdf_text import cluster_text
from ita_analysis.report.safe_text import printable

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The fills every document's tables have, as classes of measures.css: cells alike then share their
# style in WeasyPrint (an inline style makes a cell's style its own).
FILL_CLASSES = {layout.HEADER_FILL: "fill-header", layout.FOOTER_FILL: "fill-footer", layout.FLAG_FILL: "fill-flag"}
# The tables' line and cells in ems of their font, as measures.css sets them: A4 less 2.5 cm and
# 2 cm margins, 14 pt; 0.35 em padding and a 0.75 pt border either side of a cell's text.
TABLE_FONT_PT = 14
LINE_EM = (210 - 25 - 20) / 25.4 * 72 / TABLE_FONT_PT
CELL_PADDING_EM = 2 * 0.35 + 0.75 / TABLE_FONT_PT


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_printable,
    )


def _printable(value):
    """Every value the template prints, without control characters (HTML shows none of them, and
    a PDF's text should not carry them); markup the template built stays markup."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return Markup(printable(value))
    return printable(value) if isinstance(value, str) else value


def html_table(table: Table, doc: MeasuresDocument, measure: TextMeasure | None = None) -> dict:
    """A layout table as the template's macro renders it: cells' text in the document's digits,
    spans, CSS classes for alignment and weight, fills as RGB hex. A table of several free-text
    columns (the plan) gets its column widths from its content and header labels as the phrases
    they break between (:mod:`ita_analysis.report.column_widths`); the others keep their columns'
    set widths."""
    measure = measure or TextMeasure()
    by_content = sized_by_content(table)
    whole_em = LINE_EM / len(table.columns) - CELL_PADDING_EM

    def cell(c: Cell, row: Row) -> dict:
        classes = [f"al-{layout.align(c, row)}", f"va-{layout.valign(c, row)}"] + (["b"] if layout.bold(c, row) else [])
        fill = layout.fill(c, row)
        classes += [FILL_CLASSES[fill]] if fill in FILL_CLASSES else []
        text = layout.cell_text(c, doc)
        return {
            "text": text,
            "segments": [(text, False)] if c.kind in UNBROKEN_KINDS else measure.segments(text),
            "phrases": header_phrases(text, measure, whole_em) if row.header and by_content else [text],
            "lines": layout.sub_lines(c),
            "rowspan": c.rowspan,
            "colspan": c.colspan,
            "classes": " ".join(classes),
            "fill": None if fill in FILL_CLASSES else fill,  # a level's colour, on the cell itself
        }

    def cells(row: Row) -> list[dict]:
        return [cell(c, row) for c in row.cells if c is not None]

    rows = [{"cells": cells(row), "classes": "footer" if row.footer else ""} for row in table.rows]

    def texts(c: Cell) -> list[str]:
        return [layout.cell_text(c, doc), *layout.sub_lines(c)]

    shares = content_shares(table, texts, measure, LINE_EM, CELL_PADDING_EM) if by_content else table.shares()
    return {
        "classes": table.name,
        "widths": [f"{share * 100:.2f}" for share in shares],
        "header": [cells(row) for row in table.header],
        "rows": rows,
        "groups": [rows[first:end] for first, end in table.row_groups()],
        "note": table.note,
    }


def _css_text(digits: str) -> str:
    return (
        _environment()
        .get_template("measures.css")
        .render(
            font_regular=sarabun_file("Regular").as_uri(),
            font_bold=sarabun_file("Bold").as_uri(),
            page_counter_style="thai" if digits == "thai" else "decimal",
            fills={name: colour for colour, name in FILL_CLASSES.items()},
        )
    )


class PdfRenderer:
    """What the PDFs of many documents share, made once by whoever renders them (a batch worker keeps
    one for the agencies of its batch: :class:`~ita_analysis.batch.agency_tasks.SharedData`).

    - The stylesheet, parsed, and its fonts, loaded, for each kind of digits; the fonts' metrics
      for the plan's column widths.
    - WeasyPrint's user-agent stylesheet without its rules for every element's list marker and
      footnote or note calls and markers: the document has no list item and no footnote, yet
      WeasyPrint would compute those pseudo-elements' styles for each of its elements (about a
      tenth of its time). Every other rule of it is kept, so the pages are the same.
    """

    def __init__(self) -> None:
        self._stylesheets: dict[str, tuple] = {}
        self._html = None
        self._measure: TextMeasure | None = None

    def stylesheet(self, digits: str) -> tuple:
        """The parsed stylesheet for documents in ``digits`` and its FontConfiguration."""
        if digits not in self._stylesheets:
            from weasyprint import CSS
            from weasyprint.text.fonts import FontConfiguration

            fonts = FontConfiguration()
            fetcher = _fetcher([sarabun_file("Regular").parent])
            self._stylesheets[digits] = CSS(string=_css_text(digits), font_config=fonts, url_fetcher=fetcher), fonts
        return self._stylesheets[digits]

    def measure(self) -> TextMeasure:
        """The fonts' metrics for the plan's column widths (:mod:`ita_analysis.report.column_widths`)."""
        if self._measure is None:
            self._measure = TextMeasure()
        return self._measure

    def html(self, string: str, url_fetcher):
        """WeasyPrint's HTML of ``string`` with the trimmed user-agent stylesheet."""
        if self._html is None:
            from weasyprint import CSS
            from weasyprint.html import UA_COUNTER_STYLE

            self._html = _html_class(CSS(string=user_agent_css(), counter_style=UA_COUNTER_STYLE))
        return self._html(string=string, base_url=str(TEMPLATES), url_fetcher=url_fetcher)


def user_agent_css() -> str:
    """WeasyPrint's user-agent stylesheet (HTML5) less its rules for every element's pseudo-elements
    (``::marker``, ``::footnote-call`` and the like); a pseudo-element of a named element
    (``q::before``) stays."""
    import tinycss2
    from weasyprint.html import UA

    rules = tinycss2.parse_stylesheet(UA, skip_whitespace=True, skip_comments=True)
    kept = [
        r for r in rules if r.type != "qualified-rule" or not tinycss2.serialize(r.prelude).lstrip().startswith("::")
    ]
    return tinycss2.serialize(kept)


def _html_class(user_agent):
    from weasyprint import HTML

    class MeasuresHTML(HTML):
        """An HTML page styled by ``user_agent`` as its user-agent stylesheet (no forms)."""

        def _ua_stylesheets(self, forms=False):
            return [user_agent]

    return MeasuresHTML


def render_html(
    doc: MeasuresDocument,
    charts: dict[str, Path] | None = None,
    *,
    inline_css: bool = True,
    measure: TextMeasure | None = None,
) -> str:
    """The document as one HTML page, as WeasyPrint renders it; the CSS inlined unless ``inline_css``
    is False (then :func:`write_pdf` gives it as a parsed stylesheet). ``measure``: the font metrics
    the plan's column widths are worked out with (None: loaded for this page)."""
    from markupsafe import Markup

    env = _environment()
    css = _css_text(doc.digits) if inline_css else ""
    charts = charts if charts is not None else doc.charts
    measure = measure or TextMeasure()
    return env.get_template("measures.html.j2").render(
        doc=doc,
        css=Markup(css),  # our own stylesheet; data never reaches it
        results=html_table(doc.results_table(), doc, measure),
        comparison=html_table(table, doc, measure) if (table := doc.comparison_table()) is not None else None,
        weaknesses=html_table(doc.weakness_table(), doc, measure),
        measures=html_table(doc.measures_table(), doc, measure),
        charts={k: Path(v).resolve().as_uri() for k, v in charts.items() if v and Path(v).is_file()},
    )


def _fetcher(allowed: list[Path]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [p.resolve() for p in allowed]

    class LocalFilesOnly(URLFetcher):
        """Serve only the bundled fonts and the document's charts; refuse every other URL."""

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"not fetched: {url}")
            path = Path(url2pathname(unquote(parsed.path))).resolve()
            if not any(path == r or r in path.parents for r in roots) or not path.is_file():
                raise ValueError(f"not fetched: {url}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})

    return LocalFilesOnly()


def write_pdf(
    doc: MeasuresDocument,
    path: str | Path,
    charts: dict[str, Path] | None = None,
    renderer: PdfRenderer | None = None,
) -> Path:
    """Render the document to ``path`` (A4 PDF, Sarabun embedded), atomically.

    Tagged as PDF/UA-1 (structure tree, document language th from the page's ``lang``), with a
    text layer that reads as the source text (:mod:`ita_analysis.report.pdf_text`). ``renderer``:
    what the PDFs of several documents share (None: made for this one)."""
    charts = charts if charts is not None else doc.charts
    renderer = renderer or PdfRenderer()
    with collected_once():
        html = render_html(doc, charts, inline_css=False, measure=renderer.measure())
        images = [Path(p) for p in charts.values() if p]
        return write_html_pdf(html, path, digits=doc.digits, images=images, renderer=renderer)


def template(name: str):
    """A template of ``templates/`` in the documents' Jinja2 environment (autoescaped, strict)."""
    return _environment().get_template(name)


def write_html_pdf(
    html: str, path: str | Path, *, digits: str, images: list[Path], renderer: PdfRenderer | None = None
) -> Path:
    """Render a page of the documents' templates (without its CSS: the measures stylesheet is
    given, in ``digits`` for the page numbers) to ``path`` atomically, as :func:`write_pdf` does;
    the renderer may read the bundled fonts and ``images`` only."""
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    embed_png_as_is()  # the charts' PNG data as they are, not compressed again
    allowed = [sarabun_file("Regular").parent, *(Path(p).resolve() for p in images)]
    renderer = renderer or PdfRenderer()
    with collected_once():
        page = renderer.html(html, _fetcher(allowed))
        stylesheet, fonts = renderer.stylesheet(digits)
        with atomic_path(path) as tmp, cluster_text() as finisher:
            page.write_pdf(tmp, stylesheets=[stylesheet], font_config=fonts, finisher=finisher, pdf_variant="pdf/ua-1")
    return Path(path)


@contextmanager
def collected_once() -> Iterator[None]:
    """Python's cyclic garbage collector held off within the block, then run once on its youngest
    generation: the objects made within (WeasyPrint makes some hundred thousand for a document, many
    of them in reference cycles) are examined once, instead of again and again, together with the
    rest of the process's objects (a worker's data), by the automatic collections. About a tenth of
    a document's CPU time. Nothing changes if the collector was off already."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)
