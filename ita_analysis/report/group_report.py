"""The group report's files: its charts (``chart_*.png``), then ``group_report.pdf``,
``group_report.xlsx`` and ``group_report.docx`` from one :class:`~.group_document.GroupDocument`.

The charts (:mod:`ita_analysis.report.charts`): the distribution of totals with the pass mark and
the national mean, the share below the pass mark per indicator, the change from the previous year
per agency and the agency-by-indicator heat map, the last two in pages of at most 40 agencies
(``chart_change_1.png`` ...). A group of more than :data:`MOST_AGENCY_ROWS` agencies (the whole
country) is not drawn agency by agency, which would take hundreds of pages: the group of all
agencies is drawn by sub-group (the kind of group with the most groups, at most
:data:`MOST_SUB_GROUPS`: the provinces), each row a sub-group's mean; any other large group by
the :data:`LARGE_GROUP_PAGES` pages of its lowest totals (the agencies that most need support;
every agency is in the ranking). The report says which.

The agency heat map needs each agency's indicator scores, which the group analysis does not keep:
pass ``scores`` (the summary of :func:`~ita_analysis.compute.scoring.score`); without it the heat
map is left out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ita_analysis.compute.group import GroupAnalysis, GroupView
from ita_analysis.compute.peers import ALL_AGENCIES
from ita_analysis.report import charts, group_texts
from ita_analysis.report.charts.group_heatmap import ROWS_PER_PAGE
from ita_analysis.report.group_document import GroupDocument, group_document
from ita_analysis.report.group_pdf import write_group_pdf
from ita_analysis.report.group_texts import sub_group_kind
from ita_analysis.report.group_word import write_group_docx
from ita_analysis.report.group_workbook import write_group_workbook
from ita_analysis.thai.numbers import Digits, read_digits

PDF_NAME, XLSX_NAME, DOCX_NAME = "group_report.pdf", "group_report.xlsx", "group_report.docx"
MOST_AGENCY_ROWS = 200
"""Most agencies drawn one row each (5 pages of 40); a larger group is drawn by sub-group."""
LARGE_GROUP_PAGES = 3
DPI = 150


def write_group_report(
    analysis: GroupAnalysis,
    kind: str,
    group: str,
    folder: Path,
    *,
    digits: str = "thai",
    scores: pd.DataFrame | None = None,
) -> list[Path]:
    """Draw the group's charts (chart_*.png in folder) and write group_report.pdf,
    group_report.xlsx, group_report.docx; return the paths written.

    ``scores``: every agency's indicator scores of the year (the summary, ``agency`` and
    ``ind_<n>``) for the heat map of agencies."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    digits = read_digits(digits)
    drawn, notes = draw_group_charts(analysis, kind, group, folder, digits=digits, scores=scores)
    doc = group_document(analysis, kind, group, digits=digits, charts=drawn, chart_notes=notes)
    return [*(p for paths in drawn.values() for p in paths), *write_group_files(doc, folder)]


def write_group_files(doc: GroupDocument, folder: Path) -> list[Path]:
    """The report's three files in ``folder``: PDF, Excel, Word."""
    folder = Path(folder)
    return [
        write_group_pdf(doc, folder / PDF_NAME),
        write_group_workbook(doc, folder / XLSX_NAME),
        write_group_docx(doc, folder / DOCX_NAME),
    ]


def _save(figures, folder: Path, stem: str) -> list[Path]:
    """Each figure as ``<stem>.png`` (one) or ``<stem>_<k>.png`` (pages), let go once written."""
    figures = figures if isinstance(figures, list) else [figures]
    out = []
    for k, fig in enumerate(figures, start=1):
        name = stem if len(figures) == 1 else f"{stem}_{k}"
        out += charts.save_figure(fig, folder / name, dpi=DPI, svg=False)
        fig.clear()
    return out


def sub_group_rows(analysis: GroupAnalysis, kind: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A ranking of the groups of ``kind`` by mean (``agency`` the group, ``total`` its mean,
    ``total_previous`` its previous mean, ``rank``) and their indicator means as ``ind_<n>``."""
    ov = analysis.overview[analysis.overview["kind"] == kind]
    ranking = pd.DataFrame(
        {
            "agency": ov["group"].astype(str).to_numpy(),
            "total": pd.to_numeric(ov["mean"]).to_numpy(float),
            "total_previous": pd.to_numeric(ov["mean_previous"]).to_numpy(float),
        }
    )
    ranking["rank"] = ranking["total"].rank(method="min", ascending=False).astype(int)
    ind = analysis.indicators[analysis.indicators["kind"] == kind]
    scores = ind.pivot_table(index="group", columns="indicator", values="mean", aggfunc="first")
    scores.columns = [f"ind_{int(n)}" for n in scores.columns]
    return ranking, scores.rename_axis("agency").reset_index()


def draw_group_charts(
    analysis: GroupAnalysis,
    kind: str,
    group: str,
    folder: Path,
    *,
    digits: Digits = "thai",
    scores: pd.DataFrame | None = None,
) -> tuple[dict[str, list[Path]], dict[str, str]]:
    """Draw the group's charts into ``folder``; returns (the files by key, a sentence under the
    charts drawn by sub-group or in part, by key)."""
    view = analysis.of(kind, group)
    fw, ov = analysis.framework, view.overview
    if kind == ALL_AGENCIES and group == ALL_AGENCIES:  # the mean of all agencies is the group's own
        mean, named = ov.get("nacc_mean"), {"national_label": "ค่าเฉลี่ยระดับประเทศ (ป.ป.ช.)"}
    else:
        mean, named = ov.get("all_mean"), {}
    mean = None if mean is None or pd.isna(mean) else float(mean)
    spread = charts.group_distribution(view.ranking, framework=fw, national_mean=mean, digits=digits, **named)
    out = {"distribution": _save(spread, folder, "chart_distribution")}
    shares = charts.indicator_share_below(view.indicators, framework=fw, digits=digits)
    out["share_below"] = _save(shares, folder, "chart_share_below")
    rows, heat, note, titles = _rows_drawn(analysis, view, scores)
    named = {"title": titles["change"]} if titles else {}
    change = charts.group_change(rows, framework=fw, previous_year=analysis.previous_year, digits=digits, **named)
    out["change"] = _save(change, folder, "chart_change")
    if heat is not None:
        named = {"title": titles["heatmap"]} if titles else {}
        heatmap = charts.group_heatmap(rows, heat, framework=fw, digits=digits, **named)
        out["heatmap"] = _save(heatmap, folder, "chart_heatmap")
    return out, ({"change": note, "heatmap": note} if note else {})


def _rows_drawn(analysis: GroupAnalysis, view: GroupView, scores: pd.DataFrame | None):
    """(the rows of the paged charts, their indicator scores or None, the sentence that says what
    they show or "", the charts' titles where not the agencies')."""
    n = len(view.ranking)
    if n <= MOST_AGENCY_ROWS:
        return view.ranking, scores, "", {}
    where = "ในไฟล์ Excel ของรายงาน" if n > group_texts.ANNEX_ROWS else "ท้ายรายงาน"
    sub = sub_group_kind(analysis.overview, view.kind, view.group)
    if sub is not None:
        rows, heat = sub_group_rows(analysis, sub)
        note = (
            f"หน่วยงานมีจำนวนมาก ({n:,} หน่วยงาน) แผนภูมิจึงแสดงค่าเฉลี่ยของแต่ละ{sub} ({len(rows):,} กลุ่ม) "
            f"แทนรายหน่วยงาน คะแนนของทุกหน่วยงานอยู่ในตารางจัดอันดับ{where}"
        )
        year, prev, count = analysis.fiscal_year, analysis.previous_year, f"({len(rows):,} กลุ่ม)"
        titles = {
            "change": f"คะแนนเฉลี่ยของแต่ละ{sub} ปีงบประมาณ พ.ศ. "
            + (f"{prev} และ {year} {count}" if rows["total_previous"].notna().any() else f"{year} {count}"),
            "heatmap": f"คะแนนเฉลี่ยรายตัวชี้วัดของแต่ละ{sub} ปีงบประมาณ พ.ศ. {year} {count}",
        }
        return rows, heat, note, titles
    shown = LARGE_GROUP_PAGES * ROWS_PER_PAGE
    rows = view.ranking.sort_values(["rank", "agency"]).tail(shown)  # those support should go to first
    note = (
        f"หน่วยงานมีจำนวนมาก ({n:,} หน่วยงาน) แผนภูมิจึงแสดงเฉพาะ {shown:,} หน่วยงานที่คะแนนรวมต่ำสุด "
        f"คะแนนของทุกหน่วยงานอยู่ในตารางจัดอันดับ{where}"
    )
    return rows, scores, note, {}
