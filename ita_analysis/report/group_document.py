"""The group report ("รายงานผลการประเมิน ITA ของ<kind> <group>") as data, shared by the writers.

:func:`group_document` gathers what the report of one group of agencies (a province, a ministry,
the whole country) shows, from one group's figures of a
:class:`~ita_analysis.compute.group.GroupAnalysis`: the key figures against the previous year and
the national ones, the agencies per grade or rating, the charts, each indicator across the group,
the agencies to watch, the items most often at 0 and, as an annex, the ranking of every agency.
The Thai sentences and the layout tables (:mod:`ita_analysis.report.layout`) are built here once,
as a frozen :class:`GroupDocument` of sections; the PDF, Excel and Word writers
(:mod:`.group_pdf`, :mod:`.group_workbook`, :mod:`.group_word`) only render them, so that the
three files say the same. Numbers in sentences and text cells are in the document's digits (Thai
by default), years in the Buddhist Era as the data gives them; tables keep numbers as numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from ita_analysis.compute.group import GroupAnalysis, GroupView
from ita_analysis.compute.peers import ALL_AGENCIES
from ita_analysis.frameworks import Framework
from ita_analysis.report import group_tables as tables
from ita_analysis.report import group_texts as texts
from ita_analysis.report.layout import Table
from ita_analysis.thai.numbers import Digits, in_digits, read_digits

HEADING, TEXT, LEAD, NOTE, TABLE, CHART = "heading", "text", "lead", "note", "table", "chart"
EVERYWHERE, WORKBOOK, DOCUMENTS = "everywhere", "workbook", "documents"
TALL = 1.0  # a chart taller than wide is a page of agencies
CHART_ALT = {
    "distribution": "การกระจายของคะแนนรวม",
    "change": "คะแนนรวมเทียบกับปีก่อน",
    "share_below": "สัดส่วนหน่วยงานที่ต่ำกว่าเกณฑ์รายตัวชี้วัด",
    "heatmap": "คะแนนรายตัวชี้วัดของหน่วยงาน",
}


@dataclass(frozen=True)
class Block:
    """One piece of a section, in reading order: a heading, a sentence (``lead``: it introduces the
    table after it and stays with it), a note (a caveat on the data), a table or a chart's pages."""

    kind: str
    text: str = ""
    table: Table | None = None
    charts: tuple[Path, ...] = ()
    where: str = "everywhere"  # EVERYWHERE; WORKBOOK: the Excel file only; DOCUMENTS: the PDF and Word files only


@dataclass(frozen=True)
class Section:
    """A numbered part of the report; ``sheet`` names its sheet in the workbook."""

    heading: str
    sheet: str
    blocks: tuple[Block, ...]
    annex: bool = False  # the ranking annex: starts a page

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b.table for b in self.blocks if b.kind == TABLE and b.table is not None)


@dataclass(frozen=True)
class GroupDocument:
    """A group report: the title, the notes on the data and the sections, every text already in
    the document's digits. :meth:`num` and :meth:`count` format the tables' numbers as the PDF and
    Word print them (the layout's :func:`~ita_analysis.report.layout.cell_text`)."""

    kind: str
    group: str
    label: str  # the group as the sentences name it: "จังหวัด เชียงใหม่", "กระทรวงการคลัง", "หน่วยงานทั้งหมด"
    fiscal_year: int
    previous_year: int
    framework: Framework
    title: str
    subtitle: str
    notes: tuple[str, ...]
    sections: tuple[Section, ...]
    digits: Digits = "thai"
    charts: dict[str, tuple[Path, ...]] = field(default_factory=dict)

    @property
    def agency(self) -> str:
        """Who the document is about (the Word file's author field): the group."""
        return self.label

    def digits_of(self, text: str) -> str:
        return in_digits(text, self.digits)

    def num(self, value: float | None, decimals: int = 2) -> str:
        """A score or share as printed: 2 decimals, thousands separated; "-" when missing."""
        if value is None or pd.isna(value):
            return "-"
        return self.digits_of(f"{float(value):,.{decimals}f}")

    def count(self, value: int) -> str:
        return self.digits_of(f"{int(value):,}")

    def year(self, value: int) -> str:
        return self.digits_of(str(int(value)))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.tables)


def tall_chart(path: Path) -> bool:
    """Whether a chart is a page of agencies (much taller than wide): drawn up to a page tall."""
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
    return height > TALL * width


def group_label(kind: str, group: str) -> str:
    """How the title and sentences name a group: "<kind> <group>" ("จังหวัด เชียงใหม่"), the group
    alone where it already starts with its kind ("จังหวัดสมมติ 01"), "หน่วยงานทั้งหมด" for the group of
    all agencies."""
    if kind == ALL_AGENCIES and group == ALL_AGENCIES:
        return "หน่วยงานทั้งหมด"
    kind, group = str(kind).strip(), str(group).strip()
    return group if not kind or group.startswith(kind) else f"{kind} {group}"


def _charts(charts: dict | None) -> dict[str, tuple[Path, ...]]:
    out = {}
    for key, value in (charts or {}).items():
        paths = (value,) if isinstance(value, (str, Path)) else tuple(value or ())
        out[key] = tuple(Path(p) for p in paths if p)
    return out


def group_document(
    analysis: GroupAnalysis,
    kind: str,
    group: str,
    *,
    digits: Digits = "thai",
    charts: dict[str, Path | list[Path]] | None = None,
    chart_notes: dict[str, str] | None = None,
) -> GroupDocument:
    """The report of ``group`` of ``kind`` (KeyError when the year has no such group) from
    ``analysis`` (:func:`~ita_analysis.compute.group.group_analysis`). ``charts``: the charts'
    files by key (``distribution``, ``change``, ``share_below``, ``heatmap``; the paged ones a list
    of files, one per page), as :func:`~ita_analysis.report.group_report.write_group_report` draws
    them; ``chart_notes``: a sentence under a chart (the heat map drawn per sub-group or for the
    first agencies only)."""
    digits = read_digits(digits)
    view = analysis.of(kind, group)
    label = group_label(kind, group)
    sub_kind = texts.sub_group_kind(analysis.overview, kind, group)
    subs = None if sub_kind is None else analysis.overview[analysis.overview["kind"] == sub_kind]
    ctx = texts.Context(
        view, analysis.framework, analysis.fiscal_year, analysis.previous_year, label, digits, sub_kind, subs
    )
    shown = _charts(charts)
    sections = _sections(ctx, view, shown, dict(chart_notes or {}))
    title = f"รายงานผลการประเมิน ITA ของ{label} ประจำปีงบประมาณ พ.ศ. {analysis.fiscal_year}"
    return GroupDocument(
        kind=kind,
        group=group,
        label=label,
        fiscal_year=analysis.fiscal_year,
        previous_year=analysis.previous_year,
        framework=analysis.framework,
        title=in_digits(title, digits),
        subtitle=in_digits(texts.subtitle(view), digits),
        notes=tuple(in_digits(n, digits) for n in texts.notes_th(ctx)),
        sections=sections,
        digits=digits,
        charts=shown,
    )


def _chart(charts: dict[str, tuple[Path, ...]], key: str, digits: Digits) -> list[Block]:
    paths = charts.get(key, ())
    return [Block(CHART, in_digits(CHART_ALT.get(key, key), digits), charts=paths)] if paths else []


def _sections(ctx: texts.Context, view: GroupView, charts: dict, notes: dict) -> tuple[Section, ...]:
    """The report's sections in order, numbered; the annex last, unnumbered."""
    d = ctx.digits

    def say(*sentences: str, kind: str = TEXT, where: str = EVERYWHERE) -> list[Block]:
        return [Block(kind, in_digits(s, d), where=where) for s in sentences if s]

    def table(t: Table | None, where: str = EVERYWHERE) -> list[Block]:
        return [] if t is None or not t.rows else [Block(TABLE, table=tables.table_in_digits(t, d), where=where)]

    def chart(key: str) -> list[Block]:
        return [*say(notes.get(key, ""), kind=NOTE), *_chart(charts, key, d)] if charts.get(key) else []

    parts = [
        (f"ภาพรวมของ{ctx.label}", "ภาพรวม", (*say(*texts.overview_th(ctx)), *say(texts.key_intro(ctx), kind=LEAD))),
        ("", "", table(tables.key_figures(ctx))),
    ]
    if ctx.sub_kind:
        sub = (*say(texts.sub_groups_intro(ctx), kind=LEAD), *table(tables.sub_group_table(ctx)))
        parts.append((f"ผลการประเมินราย{ctx.sub_kind}", f"ราย{ctx.sub_kind}", sub))
    levels = (*say(texts.levels_intro(ctx), kind=LEAD), *table(tables.level_table(ctx)), *chart("distribution"))
    parts.append(("การกระจายของคะแนนและระดับผลการประเมิน", "ระดับผลการประเมิน", levels))
    parts.append(("", "", (*say(texts.change_th(ctx)), *chart("change"))))
    indicators = (*say(texts.indicators_intro(ctx), kind=LEAD), *table(tables.indicator_table(ctx)))
    indicators += (*say(*texts.weak_indicators_th(ctx)), *chart("share_below"), *chart("heatmap"))
    parts.append(("ผลการประเมินรายตัวชี้วัด", "รายตัวชี้วัด", indicators))
    parts.append(
        ("หน่วยงานที่ควรติดตาม", "หน่วยงานที่ควรติดตาม", (*say(*texts.watch_th(ctx)), *table(tables.watch_table(ctx))))
    )
    if view.zero_items is not None:
        zero = (*say(texts.zero_intro(ctx), kind=LEAD), *table(tables.zero_table(ctx)))
        parts.append(("ข้อที่หน่วยงานได้ 0 คะแนนบ่อยที่สุด", "ข้อที่ได้ 0 คะแนน", zero))
    out = []
    for heading, sheet, blocks in parts:
        if not heading:  # more of the section before
            out[-1] = replace(out[-1], blocks=(*out[-1].blocks, *blocks))
            continue
        out.append(Section(in_digits(f"{len(out) + 1}. {heading}", d), sheet, tuple(blocks)))
    far = int(ctx.ov["n"]) > texts.ANNEX_ROWS
    annex = (*say(texts.ranking_intro(ctx), kind=LEAD), *say(texts.ranking_elsewhere(ctx), where=DOCUMENTS))
    annex += tuple(table(tables.ranking_table(ctx), WORKBOOK if far else EVERYWHERE))
    heading = in_digits(f"ภาคผนวก ตารางจัดอันดับหน่วยงานของ{ctx.label}", d)
    return (*out, Section(heading, "อันดับ", annex, annex=True))
