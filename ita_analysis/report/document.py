"""The measures document ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส") as data, shared by the writers.

:func:`build_document` gathers everything the document shows for one agency and year from its
figures (:class:`~ita_analysis.compute.agency.AgencyYear`): the results, the two-year comparison, the weak
indicators with sub-items, NACC's recommendations, the target and the measures plan. The Thai
sentences and the four tables (layout tables, :mod:`ita_analysis.report.layout`) are built here
once; the Excel, PDF and Word writers only render them, so that the three files say the same.

Structure, as in the reference document:
  1. the analysis of the year's ITA results: the three tools, the results table, the two-year
     comparison, the weakness table with sub-items, NACC's recommendations;
  2. the measures for the next fiscal year: the target and the measures table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ita_analysis.compute.agency import AgencyYear
from ita_analysis.compute.scoring import printed_differences
from ita_analysis.frameworks import Framework
from ita_analysis.report.document_tables import DocumentTables
from ita_analysis.report.gap_text import gap_sentence_th
from ita_analysis.report.layout import tool_label
from ita_analysis.report.texts import (
    national_paragraph_th,
    notes_th,
    printed_note_th,
    rule_th,
    standing_th,
    thai_list,
)
from ita_analysis.report.weakness_text import weakness_rows
from ita_analysis.thai.numbers import Digits, in_digits, read_digits

MISSING_ACTION = "ยังไม่ได้กำหนดมาตรการ"
ITA_NAME = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA)"
ITA_SHORT = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"


@dataclass
class MeasuresDocument(DocumentTables):
    """Content of one agency's measures document for the plan year ``fiscal_year + 1``.

    Tables keep numbers as floats (points, 0-100); :meth:`num` and :meth:`year` format them with
    the document's digits, and every sentence and table text (names, plan text such as
    "ต.ค. 2563", NACC's recommendations) is given in those digits too. :meth:`results_table`,
    :meth:`comparison_table`, :meth:`weakness_table` and :meth:`measures_table` give the document's
    tables as the writers render them; without a previous year's results there is nothing to
    compare: :meth:`comparison_table` is None, ``comparison_intro`` says so in a sentence and no
    comparison chart is kept (:attr:`has_previous`). ``plan`` has
    one row per measure (indicator, indicator_name, tool, action, responsible, timeline, kpi,
    missing); ``missing`` marks weak indicators that have no plan row yet (their action reads
    ``MISSING_ACTION``).
    """

    agency: str
    fiscal_year: int
    previous_year: int
    framework: Framework
    summary: dict
    previous_summary: dict | None
    results: pd.DataFrame
    comparison: pd.DataFrame
    weaknesses: pd.DataFrame
    weakness_rule_th: str
    recommendations: pd.DataFrame
    target: float | None
    plan: pd.DataFrame
    charts: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    digits: Digits = "thai"
    gap: str = ""  # the plan to the target in words (:func:`ita_analysis.report.gap_text.gap_sentence_th`)
    peers: str = ""  # the agency among the others in the data (or the national figures)
    peers_heading: str = ""  # the heading above ``peers`` where it gives the national figures
    printed: str = ""  # the note under the results table on figures NACC printed otherwise
    declined: tuple[int, ...] = ()  # indicators whose score fell two years running

    def __post_init__(self):
        if not self.has_previous:  # a chart of the previous year's blanks says nothing
            self.charts = {k: v for k, v in self.charts.items() if k != "comparison"}

    # ------------------------------------------------------------ formatting
    @property
    def plan_year(self) -> int:
        return self.fiscal_year + 1

    @property
    def has_previous(self) -> bool:
        """Whether the previous year has results to compare with (some indicator has a score)."""
        column = self.comparison.get("score_previous")
        return column is not None and bool(column.notna().any())

    def digits_of(self, text: str) -> str:
        """Text in the document's digits: Thai digits for "thai", Arabic ones for "arabic"."""
        return in_digits(text, self.digits)

    def num(self, value: float | None, decimals: int = 2) -> str:
        """A score as printed: 2 decimals, Thai or Arabic digits; "-" when missing."""
        if value is None or pd.isna(value):
            return "-"
        return self.digits_of(f"{float(value):.{decimals}f}")

    def year(self, value: int) -> str:
        return self.digits_of(str(int(value)))

    def count(self, value: int) -> str:
        return self.digits_of(str(int(value)))

    # ------------------------------------------------------------- sentences
    @property
    def title(self) -> str:
        return f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ {self.year(self.plan_year)}"

    @property
    def subtitle(self) -> str:
        return self.digits_of(f"ของ{self.agency}")

    @property
    def heading_analysis(self) -> str:
        year = self.year(self.fiscal_year)
        return self.digits_of(f"{self.count(1)}. การวิเคราะห์ผล{ITA_NAME} ประจำปีงบประมาณ พ.ศ. {year} ของ{self.agency}")

    @property
    def heading_measures(self) -> str:
        return self.digits_of(
            f"{self.count(2)}. มาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใส "
            f"ประจำปีงบประมาณ พ.ศ. {self.year(self.plan_year)} ของ{self.agency}"
        )

    @property
    def tools_intro(self) -> str:
        n = len(self.framework.tools)
        return (
            f"เครื่องมือที่ใช้ประเมินใน{ITA_NAME} ประจำปีงบประมาณ พ.ศ. {self.year(self.fiscal_year)} "
            f"จำแนกออกเป็น {self.count(n)} เครื่องมือ ได้แก่"
        )

    def tool_items(self) -> list[str]:
        """One sentence per tool: its name, purpose and indicators."""
        out = []
        for k, tool in enumerate(self.framework.tools, start=1):
            inds = [i.name_th for i in self.framework.tool_indicators(tool.code)]
            listed = " ".join(f"ตัวชี้วัด{n}" for n in inds[:-1]) + (" และ" if len(inds) > 1 else "") + f"ตัวชี้วัด{inds[-1]}"
            purpose = f" {self.digits_of(tool.description_th)}" if tool.description_th else ""
            item = f"{self.count(k)}) {tool_label(tool)}{purpose} ใน {self.count(len(inds))} ตัวชี้วัด ได้แก่ {listed}"
            out.append(self.digits_of(item))
        return out

    @property
    def results_intro(self) -> str:
        s = self.summary
        return self.digits_of(
            f"ผล{ITA_NAME} ประจำปีงบประมาณ พ.ศ. {self.year(self.fiscal_year)} ของ{self.agency} ในภาพรวม "
            f"ได้คะแนนเท่ากับ {self.num(s['total'])} คะแนน ผลการประเมินอยู่ในระดับ {s['grade']} "
            f"โดยมีผลคะแนนเฉลี่ยรายตัวชี้วัด ดังนี้"
        )

    @property
    def comparison_intro(self) -> str:
        """The sentence before the comparison table; without a previous year, the sentence that
        stands in for the table."""
        if not self.has_previous:
            return f"ไม่มีผลการประเมินปีงบประมาณ พ.ศ. {self.year(self.previous_year)} ให้เปรียบเทียบ"
        return self.digits_of(
            f"เปรียบเทียบผล{ITA_NAME} ประจำปีงบประมาณ พ.ศ. {self.year(self.previous_year)} - "
            f"{self.year(self.fiscal_year)} ของ{self.agency} ได้ดังนี้"
        )

    @property
    def weakness_intro(self) -> str:
        n = len(self.weaknesses)
        if n == 0:
            return self.digits_of(
                f"ผล{ITA_NAME} ประจำปีงบประมาณ พ.ศ. {self.year(self.fiscal_year)} ของ{self.agency} "
                f"ไม่มีตัวชี้วัดที่เป็นจุดอ่อนตามเกณฑ์ที่ใช้ ({self.weakness_rule_th})"
            )
        return self.digits_of(
            f"ผล{ITA_NAME} ประจำปีงบประมาณ พ.ศ. {self.year(self.fiscal_year)} ของ{self.agency} "
            f"มีตัวชี้วัดซึ่งเป็นจุดอ่อนที่{self.agency} จะต้องแก้ไขและพัฒนาให้ดีขึ้น จำนวน {self.count(n)} ตัวชี้วัด "
            f"(เกณฑ์: {self.digits_of(self.weakness_rule_th)}) ได้แก่"
        )

    @property
    def recommendations_intro(self) -> str:
        return self.digits_of(
            f"ทั้งนี้ สำนักงาน ป.ป.ช. ได้จัดทำรายงานผล{ITA_NAME} ประจำปีงบประมาณ พ.ศ. "
            f"{self.year(self.fiscal_year)} ของ{self.agency} พร้อมให้ข้อเสนอแนะ โดยสรุปได้ดังนี้"
        )

    def recommendation_groups(self) -> list[tuple[str, list[str]]]:
        """(tool heading, numbered recommendation lines) per tool that has recommendations."""
        groups = []
        for tool in self.framework.tools:
            rows = self.recommendations[self.recommendations["tool"] == tool.code]
            if rows.empty:
                continue
            lines = [
                self.digits_of(f"{self.count(k)}) {r.indicator_name} {r.recommendation}")
                for k, r in enumerate(rows.itertuples(index=False), start=1)
            ]
            groups.append((f"แบบวัด {tool.code} ({tool.name_th})", lines))
        return groups

    @property
    def target_text(self) -> str:
        if self.target is None:
            return self.digits_of(
                f"{self.agency} ยังไม่ได้กำหนดค่าเป้าหมายผลคะแนน{ITA_SHORT} ประจำปีงบประมาณ พ.ศ. {self.year(self.plan_year)} "
                f"จึงได้วิเคราะห์ผลการประเมินฯ ในปีที่ผ่านมา และสรุปเป็นมาตรการ ดังนี้"
            )
        level = self.target_level
        return self.digits_of(
            f"{self.agency} ได้กำหนดค่าเป้าหมายผลคะแนน{ITA_SHORT} "
            f"ประจำปีงบประมาณ พ.ศ. {self.year(self.plan_year)} ให้มีผลการประเมินฯ ไม่ต่ำกว่า "
            f"{self.num(self.target)} คะแนน" + (f" (ระดับ {level})" if level else "") + f" {self.agency} จึงได้วิเคราะห์"
            f"ผลการประเมินฯ ในปีที่ผ่านมา และสรุปเป็นมาตรการเพื่อขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส "
            f"ประจำปีงบประมาณ พ.ศ. {self.year(self.plan_year)} ของ{self.agency} ดังนี้"
        )

    @property
    def target_level(self) -> str | None:
        """The grade or rating a total equal to the target would have (by the total alone)."""
        level = None if self.target is None else self.framework_of(self.plan_year).level_for(self.target)
        return None if level is None else level.label

    @property
    def gap_text(self) -> str:
        """What the target takes, in the document's digits ("" when there is nothing to say)."""
        return self.digits_of(self.gap)

    @property
    def peer_text(self) -> str:
        return self.digits_of(self.peers)

    @property
    def peer_heading(self) -> str:
        """The heading of the national figures' paragraph ("" above a standing among peers)."""
        return self.digits_of(self.peers_heading)

    @property
    def printed_note(self) -> str:
        """The note under the results table where a recomputed figure differs from NACC's ("" when none)."""
        return self.digits_of(self.printed)

    @property
    def declined_text(self) -> str:
        """The indicators that fell two years running, as a sentence ("" when none)."""
        if not self.declined:
            return ""
        names = thai_list([f"ตัวชี้วัด{self.framework.indicator(n).name_th}" for n in self.declined])
        return self.digits_of(
            f"ตัวชี้วัดที่คะแนนลดลงต่อเนื่อง {self.count(2)} ปี ({self.year(self.fiscal_year - 2)} - "
            f"{self.year(self.fiscal_year)}) ได้แก่ {names} ควรได้รับความสำคัญเป็นลำดับแรก"
        )

    @property
    def missing_plan(self) -> list[int]:
        return self.plan.loc[self.plan["missing"], "indicator"].astype(int).tolist()

    @property
    def missing_plan_text(self) -> str:
        if not self.missing_plan:
            return ""
        names = thai_list([f"ตัวชี้วัด{self.framework.indicator(n).name_th}" for n in self.missing_plan])
        return self.digits_of(f"หมายเหตุ: ตัวชี้วัดที่เป็นจุดอ่อนซึ่งยังไม่มีมาตรการในแผน ได้แก่ {names}")

    @property
    def responsible_heading(self) -> str:
        return self.digits_of(f"แนวทางการดำเนินงานของ{self.agency}")

    def sub_item_lines(self, row) -> list[str]:
        lines = str(row.sub_items).split("\n") if isinstance(row.sub_items, str) else []
        return [self.digits_of(s) for s in lines if s]


def build_document(
    figures: AgencyYear,
    *,
    charts: dict[str, Path] | None = None,
    digits: Digits = "thai",
    published: pd.DataFrame | None = None,
    target_paragraph: bool = True,
) -> MeasuresDocument:
    """Everything one agency's measures document shows, from its figures of the year
    (:func:`ita_analysis.compute.agency.agency_year`), with the charts' files and the digits.
    ``published``: the figures the input printed (``Loaded.published``), for the note under the
    results table where a recomputed one differs; ``target_paragraph`` False leaves out the
    paragraph on what the target takes (the document then has none)."""
    f, fw, gap = figures, figures.framework, figures.gap
    plan = f.plan.assign(action=f.plan["action"].where(~f.plan["missing"].astype(bool), MISSING_ACTION))
    heading, peers = national_paragraph_th(fw) if f.standing is None else ("", standing_th(f.standing, fw))
    printed = pd.DataFrame() if published is None else printed_differences(pd.DataFrame([f.summary]), published)
    wanted = target_paragraph and gap.plan is not None
    return MeasuresDocument(
        agency=f.agency,
        fiscal_year=f.fiscal_year,
        previous_year=f.previous_year,
        framework=fw,
        summary=f.summary,
        previous_summary=f.previous_summary,
        results=f.results,
        comparison=f.comparison,
        weaknesses=weakness_rows(f.weaknesses),
        weakness_rule_th=rule_th(f.rule, pass_mark=fw.pass_mark, target=f.target, n_lowest=f.n_lowest),
        recommendations=f.recommendations,
        target=f.target,
        plan=plan,
        charts=dict(charts or {}),
        notes=notes_th(f.notes, fw),
        digits=read_digits(digits),
        gap=gap_sentence_th(gap.plan, fw, given=gap.given, judge=gap.judge) if wanted else "",
        peers=peers,
        peers_heading=heading,
        printed=printed_note_th(printed, fw) if len(printed) else "",
        declined=f.declined,
    )
