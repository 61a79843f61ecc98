"""The four tables of the measures document (results, comparison, weaknesses, measures), built once
as layout tables (:mod:`ita_analysis.report.layout`) from a
:class:`~ita_analysis.report.document.MeasuresDocument`'s data; the PDF, Word and Excel writers
only render them. Text cells hold their text in the document's digits (numbers stay numbers)."""

from __future__ import annotations

from dataclasses import replace

from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import Framework, load_framework
from ita_analysis.report.layout import (
    BLANK,
    GRADE_LABEL,
    INT,
    LINES,
    LONG,
    SCORE,
    TEXT,
    TOTAL_LABEL,
    Cell,
    Column,
    Row,
    Table,
    body_rows,
    footer_row,
    level_cell,
    merge_down,
    score_cell,
    text_cell,
    tool_label,
)

PLAN_OPTIONAL = (("timeline", "ระยะเวลา"), ("kpi", "ตัวชี้วัดความสำเร็จ"))
PLAN_WIDTHS = {0: (24, 52, 24), 1: (21, 43, 21, 15), 2: (18, 34, 18, 15, 15)}  # by number of optional columns


class DocumentTables:
    """The tables of a measures document; mixed into :class:`~ita_analysis.report.document.MeasuresDocument`,
    whose fields (results, comparison, weaknesses, plan, summary, framework ...) they read."""

    def framework_of(self, year: int) -> Framework:
        """The framework of ``year`` (the document's own for its year; itself when none is known)."""
        if year == self.fiscal_year:
            return self.framework
        try:
            return load_framework(year)
        except FrameworkError:
            return self.framework

    # ---------------------------------------------------------------- tables
    def results_table(self) -> Table:
        """The year's results: each indicator's score, each tool's mean and weighted sum merged over
        the tool's rows, then the total and the grade."""
        res = self.results.reset_index(drop=True)
        columns = (
            Column("ลำดับที่", INT, 9),
            Column("เครื่องมือ", LONG, 20),
            Column("ตัวชี้วัด", TEXT, 30),
            Column("คะแนนที่ได้", SCORE, 13),
            Column("คะแนนเฉลี่ย", SCORE, 13),
            Column("ผลรวมคะแนนที่ถ่วงน้ำหนัก", SCORE, 15),
        )
        grid = [
            [
                Cell(int(r.indicator), INT),
                Cell(tool_label(self.framework.tool(r.tool)), LONG),
                text_cell(r.indicator_name),
                score_cell(r.score),
                score_cell(r.tool_score),
                score_cell(r.tool_weighted),
            ]
            for r in res.itertuples(index=False)
        ]
        merge_down(grid, res["tool"].tolist(), (1, 4, 5))
        s = self.summary
        footers = (
            footer_row(TOTAL_LABEL, 5, [score_cell(s.get("total"))]),
            footer_row(GRADE_LABEL, 5, [level_cell(self.framework, s.get("grade"))]),
        )
        table = Table("results", columns, (*body_rows(grid), *footers), keep_together=True, note=self.printed_note)
        return self.in_digits(table)

    def comparison_table(self) -> Table | None:
        """Each indicator's score in the previous and the current year and the change, the tool
        merged over its rows, then both years' totals (and the change) and grades; None when the
        previous year has no results (the document then says so instead of printing blanks)."""
        if not self.has_previous:
            return None
        comp = self.comparison.reset_index(drop=True)
        group = "คะแนนที่ได้"
        columns = (
            Column("ลำดับที่", INT, 9),
            Column("เครื่องมือ", LONG, 20),
            Column("ตัวชี้วัด", TEXT, 32),
            Column(f"พ.ศ. {self.year(self.previous_year)}", SCORE, 13, group),
            Column(f"พ.ศ. {self.year(self.fiscal_year)}", SCORE, 13, group),
            Column("ผลต่าง", SCORE, 13),
        )
        grid = [
            [
                Cell(int(r.indicator), INT),
                Cell(tool_label(self.framework.tool(r.tool)), LONG),
                text_cell(r.indicator_name),
                score_cell(r.score_previous),
                score_cell(r.score_current),
                score_cell(r.change),
            ]
            for r in comp.itertuples(index=False)
        ]
        merge_down(grid, comp["tool"].tolist(), (1,))
        before = self.previous_summary or {}
        prev, cur = score_cell(before.get("total")), score_cell(self.summary.get("total"))
        change = score_cell(None if None in (prev.value, cur.value) else round(cur.value - prev.value, 2))
        grades = [
            level_cell(self.framework_of(self.previous_year), before.get("grade")),
            level_cell(self.framework, self.summary.get("grade")),
            BLANK,
        ]
        footers = (footer_row(TOTAL_LABEL, 3, [prev, cur, change]), footer_row(GRADE_LABEL, 3, grades))
        return self.in_digits(Table("comparison", columns, (*body_rows(grid), *footers), keep_together=True))

    def weakness_table(self) -> Table:
        """The weak indicators, each with its sub-items one per line, and their two years' scores
        (the analysed year's alone when the previous year has no results)."""
        group = "คะแนนที่ได้"
        previous = self.has_previous
        current = Column(f"พ.ศ. {self.year(self.fiscal_year)}", SCORE, 18, group)
        columns = (
            (Column("ตัวชี้วัด", LINES, 64), Column(f"พ.ศ. {self.year(self.previous_year)}", SCORE, 18, group), current)
            if previous
            else (Column("ตัวชี้วัด", LINES, 82), Column(f"{group} พ.ศ. {self.year(self.fiscal_year)}", SCORE, 18))
        )
        rows = [
            Row(
                (
                    text_cell(r.indicator_name, LINES, self.sub_item_lines(r)),
                    *((score_cell(r.score_previous),) if previous else ()),
                    score_cell(r.score_current),
                )
            )
            for r in self.weaknesses.itertuples(index=False)
        ]
        return self.in_digits(Table("weaknesses", columns, tuple(rows)))

    def measures_table(self) -> Table:
        """The plan: indicator (merged over its measures), action, responsible unit, and timeline
        and success indicator when some row gives them; weak indicators without a measure flagged."""
        plan = self.plan.reset_index(drop=True)
        optional = [(k, label) for k, label in PLAN_OPTIONAL if any(text_cell(v).value.strip() for v in plan[k])]
        widths = PLAN_WIDTHS[len(optional)]
        labels = ["ตัวชี้วัด", self.responsible_heading, "ผู้รับผิดชอบ", *(label for _, label in optional)]
        kinds = [TEXT] + [LONG] * (len(labels) - 1)
        columns = tuple(Column(*c) for c in zip(labels, kinds, widths, strict=True))
        keys = ["indicator_name", "action", "responsible", *(k for k, _ in optional)]
        grid = [[text_cell(r[k], kind) for k, kind in zip(keys, kinds, strict=True)] for _, r in plan.iterrows()]
        merge_down(grid, plan["indicator"].tolist(), (0,))
        rows = [Row(tuple(g), flagged=bool(m)) for g, m in zip(grid, plan["missing"], strict=True)]
        return self.in_digits(Table("measures", columns, tuple(rows), note=self.missing_plan_text))

    def in_digits(self, table: Table) -> Table:
        """``table`` with the text of every cell (and its extra lines) in the document's digits:
        plan text such as "ต.ค. 2563" prints "ต.ค. ๒๕๖๓" in a Thai-digit document."""

        def cell(c: Cell | None) -> Cell | None:
            if c is None or not isinstance(c.value, str):
                return c
            return replace(c, value=self.digits_of(c.value), lines=tuple(self.digits_of(s) for s in c.lines))

        rows = tuple(replace(r, cells=tuple(cell(c) for c in r.cells)) for r in table.rows)
        return replace(table, rows=rows)
