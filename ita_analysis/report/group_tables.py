"""The tables of the group report as layout tables (:mod:`ita_analysis.report.layout`): the key
figures, the agencies per grade or rating, the indicators, the agencies to watch, the items most
often at 0 and the ranking of every agency. Built once from one group's figures
(:class:`~ita_analysis.report.group_texts.Context`); the PDF, Word and Excel writers render them.
Numbers stay numbers (``int`` counts, ``float`` scores and shares); text from data stays text."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ita_analysis.frameworks import tool_column
from ita_analysis.report.group_texts import WATCH_ROWS, ZERO_ROWS, Context, finite
from ita_analysis.report.layout import INT, LONG, SCORE, TEXT, Cell, Column, Row, Table, level_cell, text_cell
from ita_analysis.report.workbook_sizing import present
from ita_analysis.thai.numbers import Digits, in_digits


def number(value: object, kind: str = SCORE) -> Cell:
    """A count (``INT``) or a score or share (``SCORE``); missing (shown "-") when None or NaN."""
    v = finite(value)
    if v is None:
        return Cell(None, kind)
    return Cell(int(round(v)) if kind == INT else v, kind)


def table_in_digits(table: Table, digits: Digits) -> Table:
    """``table`` with its labels and the text of every cell in ``digits`` (numbers stay numbers)."""

    def cell(c: Cell | None) -> Cell | None:
        if c is None or not isinstance(c.value, str):
            return c
        return replace(c, value=in_digits(c.value, digits), lines=tuple(in_digits(s, digits) for s in c.lines))

    columns = tuple(
        replace(c, label=in_digits(c.label, digits), group=None if c.group is None else in_digits(c.group, digits))
        for c in table.columns
    )
    rows = tuple(replace(r, cells=tuple(cell(c) for c in r.cells)) for r in table.rows)
    return replace(table, columns=columns, rows=rows)


def key_figures(ctx: Context) -> Table:
    """Each figure of the group this year, the previous year and the change, all the agencies of
    the data and NACC's national figures (columns left out where the report has none)."""
    o, fw = ctx.ov, ctx.framework
    prev = ctx.has_previous
    nacc = fw.national is not None and any(present(o.get(k)) for k in ("nacc_agencies", "nacc_mean"))
    every = not ctx.national
    columns = [Column("รายการ", TEXT, 34)]
    if prev:
        columns += [Column(f"พ.ศ. {ctx.previous_year}", SCORE, 14), Column(f"พ.ศ. {ctx.fiscal_year}", SCORE, 14)]
        columns += [Column("ผลต่าง", SCORE, 12)]
    else:
        columns += [Column(f"พ.ศ. {ctx.fiscal_year}", SCORE, 14)]
    columns += [Column("ทุกหน่วยงาน", SCORE, 14)] if every else []
    columns += [Column("ทั้งประเทศ (ป.ป.ช.)", SCORE, 14)] if nacc else []
    figures = (
        ("จำนวนหน่วยงาน", "n", INT, "n_previous", None, "all_n", "nacc_agencies"),
        ("คะแนนเฉลี่ย", "mean", SCORE, "mean_previous", "change_mean", "all_mean", "nacc_mean"),
        ("ค่ามัธยฐาน", "median", SCORE, "median_previous", "change_median", "all_median", None),
        ("คะแนนต่ำสุด", "min", SCORE, None, None, None, None),
        ("ควอร์ไทล์ที่ 1", "q1", SCORE, None, None, None, None),
        ("ควอร์ไทล์ที่ 3", "q3", SCORE, None, None, None, None),
        ("คะแนนสูงสุด", "max", SCORE, None, None, None, None),
        ("ส่วนเบี่ยงเบนมาตรฐาน", "sd", SCORE, None, None, None, None),
        (f"จำนวนที่ผ่านเกณฑ์ ({ctx.pass_mark} คะแนนขึ้นไป)", "n_at_pass", INT, None, None, None, None),
        (
            "ร้อยละที่ผ่านเกณฑ์",
            "share_at_pass",
            SCORE,
            "share_at_pass_previous",
            "change_share_at_pass",
            "all_share_at_pass",
            "nacc_share_at_pass",
        ),
    )

    def get(key: str | None, kind: str) -> Cell:
        return number(o.get(key) if key else None, kind)

    rows = []
    for label, now, kind, before, change, all_, nat in figures:
        cells = [text_cell(label)]
        cells += [get(before, kind), get(now, kind), get(change, SCORE)] if prev else [get(now, kind)]
        cells += [get(all_, kind)] if every else []
        cells += [get(nat, kind)] if nacc else []
        rows.append(Row(tuple(cells)))
    return Table("key_figures", tuple(columns), tuple(rows), keep_together=True)


def sub_group_table(ctx: Context) -> Table | None:
    """The sub-groups (the provinces of the national group) by mean: agencies, mean, change from
    the previous year, share at or above the pass mark."""
    sub = ctx.sub_overview
    if sub is None or sub.empty:
        return None
    sub = sub.assign(rank_=pd.to_numeric(sub["mean"]).rank(method="min", ascending=False))
    sub = sub.sort_values(["rank_", "group"])
    columns = [
        Column("ลำดับ", INT, 8),
        Column(str(ctx.sub_kind), LONG, 36),
        Column("จำนวนหน่วยงาน", INT, 13),
        Column("คะแนนเฉลี่ย", SCORE, 13),
        Column("ผลต่าง", SCORE, 12),
        Column("ร้อยละที่ผ่านเกณฑ์", SCORE, 14),
    ]
    rows = [
        Row(
            (
                number(r.rank_, INT),
                text_cell(r.group, LONG),
                number(r.n, INT),
                number(r.mean),
                number(r.change_mean),
                number(r.share_at_pass),
            )
        )
        for r in sub.itertuples(index=False)
    ]
    return Table("sub_groups", tuple(columns), tuple(rows))


def level_table(ctx: Context) -> Table:
    """Agencies per grade or rating (the highest first): count and share, the previous year's count."""
    lv = ctx.view.levels.sort_values("position")
    prev = ctx.has_previous and lv["count_previous"].notna().any()
    columns = [Column(ctx.level_word, TEXT, 30), Column("จำนวนหน่วยงาน", INT, 18), Column("ร้อยละ", SCORE, 16)]
    if prev:
        columns.append(Column(f"จำนวน พ.ศ. {ctx.previous_year}", INT, 18))
    rows = []
    for r in lv.itertuples(index=False):
        cells = [level_cell(ctx.framework, r.level), number(r.count, INT), number(r.share)]
        rows.append(Row(tuple(cells + ([number(r.count_previous, INT)] if prev else []))))
    total = [Cell("รวม", bold=True), number(int(lv["count"].sum()), INT), number(100.0)]
    if prev:
        total.append(number(pd.to_numeric(lv["count_previous"]).sum(), INT))
    rows.append(Row(tuple(replace(c, bold=True) for c in total), footer=True))
    return Table("levels", tuple(columns), tuple(rows), keep_together=True)


def indicator_table(ctx: Context) -> Table:
    """Per indicator: the group's mean (the previous year's and the change), the agencies below the
    pass mark (count and share) and the share of every agency of the data below it."""
    ind = ctx.view.indicators.sort_values("indicator")
    prev = ctx.has_previous and ind["mean_previous"].notna().any()
    group = "คะแนนเฉลี่ย"
    columns = [Column("ตัวชี้วัด", LONG, 34)]
    if prev:
        columns += [
            Column(f"พ.ศ. {ctx.previous_year}", SCORE, 11, group),
            Column(f"พ.ศ. {ctx.fiscal_year}", SCORE, 11, group),
        ]
        columns += [Column("ผลต่าง", SCORE, 11, group)]
    else:
        columns += [Column(group, SCORE, 12)]
    below = "ต่ำกว่าเกณฑ์"
    columns += [Column("จำนวน", INT, 10, below), Column("ร้อยละ", SCORE, 11, below)]
    columns += [] if ctx.national else [Column("ทุกหน่วยงาน (ร้อยละ)", SCORE, 14, below)]
    rows = []
    for r in ind.itertuples(index=False):
        name = f"{int(r.indicator)}. {ctx.framework.indicator(int(r.indicator)).name_th}"
        cells = [text_cell(name, LONG)]
        cells += [number(r.mean_previous), number(r.mean), number(r.change)] if prev else [number(r.mean)]
        cells += [number(r.n_below, INT), number(r.share_below)]
        cells += [] if ctx.national else [number(r.all_share_below)]
        rows.append(Row(tuple(cells)))
    return Table("indicators", tuple(columns), tuple(rows))


def _watch_reason(r, ctx: Context) -> str:
    reasons = []
    if bool(r.fell_below):
        reasons.append("ตกจากเกณฑ์ผ่าน")
    elif bool(r.below_two_years):
        reasons.append("ต่ำกว่าเกณฑ์ 2 ปีติดต่อกัน")
    elif present(r.gap):
        reasons.append("ต่ำกว่าเกณฑ์")
    if bool(r.fell_two_years):
        reasons.append("คะแนนลดลง 2 ปีติดต่อกัน")
    if present(r.gap) and present(r.reachable) and not bool(r.reachable):
        reasons.append("ต้องเพิ่มหลายตัวชี้วัด")
    return " ".join(reasons)


def watch_table(ctx: Context) -> Table | None:
    """The agencies to watch, the furthest below the pass mark first (at most
    :data:`~ita_analysis.report.group_texts.WATCH_ROWS`): total, grade, points short of the pass
    mark, indicator points the plan to pass raises, the change and why it is watched."""
    w = ctx.view.watch
    if w.empty:
        return None
    w = w.assign(_g=-w["gap"].fillna(-1.0)).sort_values(["_g", "total", "agency"]).head(WATCH_ROWS)
    score = "คะแนน"
    columns = (
        Column("หน่วยงาน", LONG, 30),
        Column("ระดับ", TEXT, 10),
        Column("รวม", SCORE, 10, score),
        Column("ขาดอีก", SCORE, 10, score),
        Column("ต้องเพิ่ม", SCORE, 10, score),
        Column("ผลต่าง", SCORE, 10, score),
        Column("เหตุที่ควรติดตาม", LONG, 19),
    )
    rows = [
        Row(
            (
                text_cell(r.agency, LONG),
                level_cell(ctx.framework, r.grade),
                number(r.total),
                number(r.gap),
                number(r.points_to_pass),
                number(r.change),
                text_cell(_watch_reason(r, ctx), LONG),
            )
        )
        for r in w.itertuples(index=False)
    ]
    return Table("watch", columns, tuple(rows))


def zero_table(ctx: Context) -> Table | None:
    """The items most often at 0 (at most :data:`~ita_analysis.report.group_texts.ZERO_ROWS`)."""
    z = ctx.view.zero_items
    if z is None or z.empty:
        return None
    z = z.sort_values("rank").head(ZERO_ROWS)
    columns = (
        Column("ข้อ", TEXT, 8),
        Column("ตัวชี้วัด", INT, 9),
        Column("ข้อความ", LONG, 41),
        Column("หน่วยงานที่ได้ 0", INT, 11),
        Column("ร้อยละ", SCORE, 10),
        Column("คะแนนเฉลี่ยเพิ่มขึ้น", SCORE, 13),
    )
    rows = [
        Row(
            (
                text_cell(str(r.item).upper()),
                number(r.indicator, INT),
                text_cell(r.text, LONG),
                number(r.n_zero, INT),
                number(r.share_zero),
                number(r.group_gain),
            )
        )
        for r in z.itertuples(index=False)
    ]
    return Table("zero_items", columns, tuple(rows))


def ranking_table(ctx: Context) -> Table:
    """Every agency of the group by rank: total, grade or rating, change from the previous year
    and each tool's score (the year's framework's tools)."""
    r = ctx.view.ranking.sort_values(["rank", "agency"])
    tools = [(code, tool_column(code)) for code in ctx.framework.tool_codes if tool_column(code) in r.columns]
    score = "คะแนน"
    grade = 15 if ctx.framework.grading_kind == "rating" else 8  # "ผ่านดีเยี่ยม" on one line; "AA"
    columns = [
        Column("ที่", INT, 6),
        Column("หน่วยงาน", LONG, 41 - grade),
        Column("ระดับ", TEXT, grade),
        Column("รวม", SCORE, 11, score),
        Column("ผลต่าง", SCORE, 11, score),
    ]
    columns += [Column(code, SCORE, 11, score) for code, _ in tools]
    rank, agency, total, grade, change = (r[c].to_numpy() for c in ("rank", "agency", "total", "grade", "change"))
    scores = [r[c].to_numpy() for _, c in tools]
    levels = {label: level_cell(ctx.framework, label) for label in ctx.framework.grade_labels()}
    rows = []
    for i in range(len(r)):
        label = grade[i]
        cells = [
            number(rank[i], INT),
            text_cell(agency[i], LONG),
            levels.get(label) or level_cell(ctx.framework, label),
            number(total[i]),
            number(change[i]),
            *(number(s[i]) for s in scores),
        ]
        rows.append(Row(tuple(cells)))
    return Table("ranking", tuple(columns), tuple(rows))
