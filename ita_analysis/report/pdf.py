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
"""

from __future__ import annotations

import mimetypes
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
        text = layout.cell_text(c, doc)
        return {
            "text": text,
            "segments": [(text, False)] if c.kind in UNBROKEN_KINDS else measure.segments(text),
            "phrases": header_phrases(text, measure, whole_em) if row.header and by_content else [text],
            "lines": layout.sub_lines(c),
            "rowspan": c.rowspan,
            "colspan": c.colspan,
            "classes": " ".join(classes),
            "fill": layout.fill(c, row),
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
        )
    )


@cache
def _stylesheet(digits: str):
    """The stylesheet and its fonts, parsed and loaded once per process (a batch worker renders
    hundreds of documents with them); let go at exit, while the modules their clean-up needs are
    still there."""
    import atexit

    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    atexit.register(_stylesheet.cache_clear)
    fonts = FontConfiguration()
    fetcher = _fetcher([sarabun_file("Regular").parent])
    return CSS(string=_css_text(digits), font_config=fonts, url_fetcher=fetcher), fonts


def render_html(doc: MeasuresDocument, charts: dict[str, Path] | None = None, *, inline_css: bool = True) -> str:
    """The document as one HTML page, as WeasyPrint renders it; the CSS inlined unless ``inline_css``
    is False (then :func:`write_pdf` gives it as a parsed stylesheet)."""
    from markupsafe import Markup

    env = _environment()
    css = _css_text(doc.digits) if inline_css else ""
    charts = charts if charts is not None else doc.charts
    measure = TextMeasure()
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


def write_pdf(doc: MeasuresDocument, path: str | Path, charts: dict[str, Path] | None = None) -> Path:
    """Render the document to ``path`` (A4 PDF, Sarabun embedded), atomically.

    Tagged as PDF/UA-1 (structure tree, document language th from the page's ``lang``), with a
    text layer that reads as the source text (:mod:`ita_analysis.report.pdf_text`)."""
    charts = charts if charts is not None else doc.charts
    html = render_html(doc, charts, inline_css=False)
    return write_html_pdf(html, path, digits=doc.digits, images=[Path(p) for p in charts.values() if p])


def template(name: str):
    """A template of ``templates/`` in the documents' Jinja2 environment (autoescaped, strict)."""
    return _environment().get_template(name)


def write_html_pdf(html: str, path: str | Path, *, digits: str, images: list[Path]) -> Path:
    """Render a page of the documents' templates (without its CSS: the measures stylesheet is
    given, in ``digits`` for the page numbers) to ``path`` atomically, as :func:`write_pdf` does;
    the renderer may read the bundled fonts and ``images`` only."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    embed_png_as_is()  # the charts' PNG data as they are, not compressed again
    allowed = [sarabun_file("Regular").parent, *(Path(p).resolve() for p in images)]
    page = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=_fetcher(allowed))
    stylesheet, fonts = _stylesheet(digits)
    with atomic_path(path) as tmp, cluster_text() as finisher:
        page.write_pdf(tmp, stylesheets=[stylesheet], font_config=fonts, finisher=finisher, pdf_variant="pdf/ua-1")
    return Path(path)
