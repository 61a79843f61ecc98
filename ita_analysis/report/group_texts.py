"""The Thai sentences of the group report, from one group's figures (a
:class:`~ita_analysis.compute.group.GroupView`): the overview against the previous year and the
national figures, the notes on the data, and the sentences that introduce each table and chart.

Sentences are written with Arabic digits; :mod:`.group_document` puts them in the document's.
Names from data are kept as they are (the writers escape them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ita_analysis.compute.group import GroupView
from ita_analysis.compute.peers import ALL_AGENCIES
from ita_analysis.frameworks import Framework
from ita_analysis.report.texts import national_paragraph_th, provisional_note_th, thai_list
from ita_analysis.report.workbook_sizing import present
from ita_analysis.thai.numbers import Digits

NAMES_LISTED = 10
"""Most agency names a sentence lists; more are counted ("และอีก 5 หน่วยงาน")."""
WATCH_ROWS = 40
"""Most agencies the watch table of the PDF and Word file shows (the furthest from the pass mark first)."""
ZERO_ROWS = 15
"""Items in the table of items most often at 0."""
ANNEX_ROWS = 500
"""Most agencies the ranking annex of the PDF and Word file lists (about 20 pages); the workbook
lists every agency."""
MOST_SUB_GROUPS = 120
"""Most groups of a kind that the group of all agencies is shown by (the 77 provinces)."""


@dataclass(frozen=True)
class Context:
    """What every sentence of one report reads: the group's figures, its framework and years, its name."""

    view: GroupView
    framework: Framework
    fiscal_year: int
    previous_year: int
    label: str
    digits: Digits
    sub_kind: str | None = None  # the kind of the sub-groups the group is shown by (all agencies: provinces)
    sub_overview: pd.DataFrame | None = None  # their overview rows

    @property
    def ov(self) -> pd.Series:
        return self.view.overview

    @property
    def national(self) -> bool:
        return self.view.kind == ALL_AGENCIES and self.view.group == ALL_AGENCIES

    @property
    def has_previous(self) -> bool:
        return present(self.ov.get("n_previous"))

    @property
    def pass_mark(self) -> str:
        return f"{self.framework.pass_mark:.2f}".rstrip("0").rstrip(".")

    @property
    def level_word(self) -> str:
        return "ระดับ" if self.framework.grading_kind == "rating" else "ระดับผลการประเมิน"

    @staticmethod
    def num(value: object) -> str:
        return "-" if not present(value) else f"{float(value):,.2f}"

    @staticmethod
    def count(value: object) -> str:
        return "-" if not present(value) else f"{int(value):,}"


def sub_group_kind(overview: pd.DataFrame, kind: str, group: str) -> str | None:
    """The kind of group the group of all agencies is also shown by: the kind with the most groups,
    at most :data:`MOST_SUB_GROUPS` (the provinces); None for any other group or without such a kind."""
    if kind != ALL_AGENCIES or group != ALL_AGENCIES:
        return None
    counts = overview.loc[overview["kind"] != ALL_AGENCIES, "kind"].value_counts(sort=False)
    counts = counts[(counts > 1) & (counts <= MOST_SUB_GROUPS)]
    return None if counts.empty else str(counts.sort_values(ascending=False, kind="stable").index[0])


def subtitle(view: GroupView) -> str:
    n = int(view.overview["n"])
    return f"({n:,} หน่วยงาน)"


def _rise(value: float, unit: str) -> str:
    """ "เพิ่มขึ้น 1.25 <unit>", "ลดลง 0.50 <unit>" or "เท่าเดิม"."""
    if abs(value) < 0.005:
        return "เท่าเดิม"
    return f"{'เพิ่มขึ้น' if value > 0 else 'ลดลง'} {abs(value):,.2f} {unit}"


def overview_th(ctx: Context) -> list[str]:
    """The group's figures in words: agencies, mean, median, spread and share at the pass mark;
    the previous year's; those of every agency of the data and NACC's national ones."""
    o, c, v = ctx.ov, ctx.count, ctx.num
    year, prev = ctx.fiscal_year, ctx.previous_year
    first = (
        f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year} "
        f"ของ{ctx.label} มีหน่วยงานที่มีผลการประเมิน {c(o['n'])} หน่วยงาน คะแนนรวมเฉลี่ย {v(o['mean'])} คะแนน "
        f"ค่ามัธยฐาน {v(o['median'])} คะแนน"
    )
    if int(o["n"]) > 1:
        first += f" คะแนนต่ำสุด {v(o['min'])} สูงสุด {v(o['max'])} ส่วนเบี่ยงเบนมาตรฐาน {v(o['sd'])}"
    first += (
        f" หน่วยงานที่ได้คะแนนรวมตั้งแต่ {ctx.pass_mark} คะแนนขึ้นไป (เกณฑ์ผ่าน) {c(o['n_at_pass'])} หน่วยงาน "
        f"คิดเป็นร้อยละ {v(o['share_at_pass'])}"
    )
    out = [first]
    if ctx.has_previous:
        out.append(
            f"เมื่อเทียบกับปีงบประมาณ พ.ศ. {prev} ซึ่งมี {c(o['n_previous'])} หน่วยงาน คะแนนเฉลี่ย "
            f"{v(o['mean_previous'])} คะแนน คะแนนเฉลี่ย{_rise(float(o['change_mean']), 'คะแนน')} "
            f"และสัดส่วนหน่วยงานที่ผ่านเกณฑ์{_rise(float(o['change_share_at_pass']), 'จุดร้อยละ')} "
            f"(จากร้อยละ {v(o['share_at_pass_previous'])})"
        )
    if not ctx.national and present(o.get("all_mean")):
        out.append(
            f"หน่วยงานทั้งหมดในข้อมูล {c(o['all_n'])} หน่วยงาน มีคะแนนเฉลี่ย {v(o['all_mean'])} คะแนน "
            f"ผ่านเกณฑ์ร้อยละ {v(o['all_share_at_pass'])} "
            + ("กลุ่มนี้สูงกว่าค่าเฉลี่ย" if float(o["mean"]) > float(o["all_mean"]) else "กลุ่มนี้ไม่สูงกว่าค่าเฉลี่ย")
        )
    heading, sentence = national_paragraph_th(ctx.framework)
    if sentence:
        out.append(f"ผลระดับประเทศที่สำนักงาน ป.ป.ช. ประกาศ: {sentence}")
    return out


def notes_th(ctx: Context) -> list[str]:
    """Caveats on the data as plain sentences: a provisional framework, a group of one agency, no
    previous year, a new group, agencies that joined or left, the previous year's members unknown."""
    o, prev = ctx.ov, ctx.previous_year
    codes = set(ctx.view.notes)
    out = list(provisional_note_th(ctx.framework))
    if "one_agency" in codes:
        out.append(f"{ctx.label} มีหน่วยงานเดียว จึงไม่มีค่าการกระจายของคะแนน และหน่วยงานอยู่ลำดับที่ 1 จาก 1")
    if "no_previous_year" in codes:
        out.append(f"ข้อมูลไม่มีผลการประเมินปีงบประมาณ พ.ศ. {prev} จึงไม่มีการเปรียบเทียบกับปีก่อน")
    if "new_group" in codes:
        out.append(
            f"{ctx.label} ไม่มีหน่วยงานที่มีผลการประเมินในปีงบประมาณ พ.ศ. {prev} (กลุ่มใหม่) จึงไม่มีตัวเลขของกลุ่มในปีก่อนให้เปรียบเทียบ"
        )
    if "members_changed" in codes:
        out.append(
            f"หน่วยงานใน{ctx.label} เปลี่ยนไปจากปีงบประมาณ พ.ศ. {prev}: เข้ามาใหม่ {ctx.count(o['n_joined'])} หน่วยงาน "
            f"ออกไป {ctx.count(o['n_left'])} หน่วยงาน ตัวเลขของปีก่อนเป็นของหน่วยงานที่อยู่ในกลุ่มในปีนั้น"
        )
    if "members_carried_back" in codes:
        out.append(f"ข้อมูลปีงบประมาณ พ.ศ. {prev} ไม่ระบุ{ctx.view.kind} ตัวเลขของปีก่อนจึงใช้หน่วยงานที่อยู่ในกลุ่มในปีนี้")
    return out


def key_intro(ctx: Context) -> str:
    return f"ตัวเลขสำคัญของ{ctx.label} ประจำปีงบประมาณ พ.ศ. {ctx.fiscal_year} สรุปได้ดังนี้"


def levels_intro(ctx: Context) -> str:
    return f"จำนวนหน่วยงานของ{ctx.label} จำแนกตาม{ctx.level_word} เป็นดังนี้"


def change_th(ctx: Context) -> str:
    """How many agencies rose, fell or kept their total since the previous year."""
    r = ctx.view.ranking
    change = pd.to_numeric(r["change"], errors="coerce")
    if not change.notna().any():
        return ""
    up, down = int((change > 0.005).sum()), int((change < -0.005).sum())
    same = int(change.notna().sum()) - up - down
    new = int(change.isna().sum())
    text = (
        f"เมื่อเทียบกับปีงบประมาณ พ.ศ. {ctx.previous_year} หน่วยงานที่คะแนนรวมเพิ่มขึ้น {up:,} หน่วยงาน "
        f"ลดลง {down:,} หน่วยงาน เท่าเดิม {same:,} หน่วยงาน"
    )
    return text + (f" และไม่มีคะแนนปีก่อน {new:,} หน่วยงาน" if new else "")


def indicators_intro(ctx: Context) -> str:
    return f"คะแนนเฉลี่ยรายตัวชี้วัดของ{ctx.label} และสัดส่วนหน่วยงานที่ได้คะแนนตัวชี้วัดต่ำกว่าเกณฑ์ผ่าน ({ctx.pass_mark} คะแนน) เป็นดังนี้"


def weak_indicators_th(ctx: Context) -> list[str]:
    """The indicators where most of the group is below the pass mark, weakest first."""
    ind = ctx.view.indicators.sort_values(["share_below", "mean"], ascending=[False, True])
    if ind.empty:
        return []
    top = ind.head(3)
    names = [
        f"ตัวชี้วัด{ctx.framework.indicator(int(r.indicator)).name_th} (ร้อยละ {r.share_below:,.2f})"
        for r in top.itertuples(index=False)
        if r.share_below > 0
    ]
    if not names:
        return [f"ทุกหน่วยงานได้คะแนนทุกตัวชี้วัดตั้งแต่ {ctx.pass_mark} คะแนนขึ้นไป"]
    return [f"ตัวชี้วัดที่มีสัดส่วนหน่วยงานต่ำกว่าเกณฑ์มากที่สุด ได้แก่ {thai_list(names)} ควรได้รับการสนับสนุนเป็นลำดับแรก"]


def _names(agencies: list[str]) -> str:
    listed = [str(a) for a in agencies[:NAMES_LISTED]]
    more = len(agencies) - len(listed)
    return thai_list(listed) + (f" และอีก {more:,} หน่วยงาน" if more else "")


def watch_th(ctx: Context) -> list[str]:
    """The agencies to watch in words: below the pass mark, fell below it, fell two years running."""
    w, pm = ctx.view.watch, ctx.pass_mark
    below = w[w["gap"].notna()].sort_values("furthest")
    if below.empty:
        out = [f"ทุกหน่วยงานของ{ctx.label} ได้คะแนนรวมตั้งแต่ {pm} คะแนนขึ้นไป (ผ่านเกณฑ์)"]
    else:
        far = below.iloc[0]
        out = [
            f"หน่วยงานที่คะแนนรวมต่ำกว่าเกณฑ์ผ่าน ({pm} คะแนน) มี {len(below):,} หน่วยงาน "
            f"หน่วยงานที่ห่างจากเกณฑ์มากที่สุดคือ {far['agency']} ({ctx.num(far['total'])} คะแนน ขาดอีก "
            f"{ctx.num(far['gap'])} คะแนน)"
        ]
    fell = w[w["fell_below"].astype(bool)]
    if len(fell):
        out.append(f"หน่วยงานที่ผ่านเกณฑ์ในปีก่อนแต่ปีนี้ต่ำกว่าเกณฑ์ {len(fell):,} หน่วยงาน ได้แก่ {_names(list(fell['agency']))}")
    two = w[w["fell_two_years"].astype(bool)]
    if len(two):
        out.append(f"หน่วยงานที่คะแนนรวมลดลงต่อเนื่อง 2 ปี {len(two):,} หน่วยงาน ได้แก่ {_names(list(two['agency']))}")
    if len(w) > WATCH_ROWS:
        out.append(
            f"ตารางต่อไปนี้แสดง {WATCH_ROWS:,} หน่วยงานแรกจาก {len(w):,} หน่วยงาน (ห่างจากเกณฑ์มากที่สุดก่อน) "
            "หน่วยงานทั้งหมดอยู่ในตารางจัดอันดับท้ายรายงาน"
        )
    elif len(w):
        out.append("รายละเอียดของหน่วยงานที่ควรติดตามเป็นดังนี้")
    if w["gap"].notna().any():
        out.append(
            'ในตาราง "ขาดอีก" คือคะแนนรวมที่ยังขาดจากเกณฑ์ผ่าน และ "ต้องเพิ่ม" คือคะแนนตัวชี้วัดที่ต้องเพิ่มรวมกัน '
            "(ตัวชี้วัดที่เพิ่มได้ง่ายที่สุดก่อน) เพื่อให้คะแนนรวมถึงเกณฑ์ผ่าน"
        )
    return out


def zero_intro(ctx: Context) -> str:
    z = ctx.view.zero_items
    if z is None or z.empty:
        return f"ไม่มีข้อที่หน่วยงานของ{ctx.label} ได้ 0 คะแนน"
    shown = min(len(z), ZERO_ROWS)
    return (
        f"ข้อที่หน่วยงานของ{ctx.label} ได้ 0 คะแนนบ่อยที่สุด {shown:,} ข้อ (คะแนนที่ง่ายที่สุดสำหรับทั้งกลุ่ม) "
        "คะแนนเฉลี่ยเพิ่มขึ้น คือคะแนนรวมเฉลี่ยของกลุ่มที่เพิ่มขึ้นเมื่อทุกหน่วยงานที่ได้ 0 คะแนนทำข้อนั้นได้ครบ"
    )


def ranking_intro(ctx: Context) -> str:
    n = int(ctx.ov["n"])
    tools = " ".join(ctx.framework.tool_codes)
    return (
        f"หน่วยงานทั้ง {n:,} หน่วยงานของ{ctx.label} เรียงตามคะแนนรวม (หน่วยงานที่คะแนนเท่ากันอยู่ลำดับเดียวกัน) "
        f"พร้อมคะแนนรายเครื่องมือ ({tools})"
    )


def ranking_elsewhere(ctx: Context) -> str:
    """What the PDF and Word file say instead of a ranking of more than :data:`ANNEX_ROWS` agencies."""
    n = int(ctx.ov["n"])
    if n <= ANNEX_ROWS:
        return ""
    return (
        f"ตารางจัดอันดับหน่วยงานทั้ง {n:,} หน่วยงาน (คะแนนรวม ระดับ ผลต่าง และคะแนนรายเครื่องมือ) "
        'อยู่ในไฟล์ Excel ของรายงานนี้ (group_report.xlsx แผ่นงาน "อันดับ") เพื่อไม่ให้เอกสารยาวหลายร้อยหน้า'
    )


def sub_groups_intro(ctx: Context) -> str:
    n = 0 if ctx.sub_overview is None else len(ctx.sub_overview)
    return (
        f"ผลการประเมินของ{ctx.label} จำแนกตาม{ctx.sub_kind} ({n:,} กลุ่ม) เรียงตามคะแนนเฉลี่ย "
        f"พร้อมร้อยละของหน่วยงานที่ผ่านเกณฑ์ ({ctx.pass_mark} คะแนนขึ้นไป)"
    )


def finite(value: object) -> float | None:
    """A number, None when missing or not finite."""
    if not present(value):
        return None
    v = float(value)
    return v if math.isfinite(v) else None
