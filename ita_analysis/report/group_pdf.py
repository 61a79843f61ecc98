"""The group report as PDF: the template ``templates/group.html.j2`` rendered by WeasyPrint with
the measures document's stylesheet, fonts and tables (:mod:`ita_analysis.report.pdf`): A4, Sarabun,
page numbers in the document's digits, Thai lines broken at word boundaries, a tagged PDF whose
text layer reads as the source text. Text from data is HTML-escaped by the template. The paged
charts (the heat map, the change per agency) take a page each; the ranking annex starts a page.
"""

from __future__ import annotations

from pathlib import Path

from ita_analysis.report.column_widths import TextMeasure
from ita_analysis.report.group_document import CHART, TABLE, WORKBOOK, GroupDocument, tall_chart
from ita_analysis.report.pdf import html_table, template, write_html_pdf


def render_html(doc: GroupDocument) -> str:
    """The report as one HTML page (its CSS given apart, as :func:`write_group_pdf` renders it)."""
    measure = TextMeasure()
    sections = []
    for section in doc.sections:
        blocks = []
        for b in section.blocks:
            if b.where == WORKBOOK:
                continue
            item = {"kind": b.kind, "text": b.text, "table": None, "charts": [], "tall": False}
            if b.kind == TABLE and b.table is not None:
                item["table"] = html_table(b.table, doc, measure)
                if b.table.keep_together:  # a short table: one group of rows, not split over pages
                    item["table"]["groups"] = [item["table"]["rows"]]
                    item["table"]["classes"] += " whole"
            elif b.kind == CHART:
                shown = [p for p in b.charts if Path(p).is_file()]
                item["charts"] = [Path(p).resolve().as_uri() for p in shown]
                item["tall"] = any(tall_chart(p) for p in shown)
                if not shown:
                    continue
            blocks.append(item)
        sections.append({"heading": section.heading, "blocks": blocks, "annex": section.annex})
    return template("group.html.j2").render(doc=doc, sections=sections)


def write_group_pdf(doc: GroupDocument, path: str | Path) -> Path:
    """Write the group report to ``path`` (A4 PDF), atomically."""
    images = [p for s in doc.sections for b in s.blocks if b.kind == CHART for p in b.charts]
    return write_html_pdf(render_html(doc), path, digits=doc.digits, images=images)
