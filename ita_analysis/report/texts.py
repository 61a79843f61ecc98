"""Every Thai sentence the outputs say about an agency-year, from the facts compute gives.

The standing among peers and the national figures, the weakness rule, the goal of a target, and the
notes of the tables (a provisional framework, no previous year, the indicators that fell two years
running, the top level reached). Chart titles are in :mod:`ita_analysis.report.titles`.
"""

from __future__ import annotations

from ita_analysis.compute.agency import PROVISIONAL
from ita_analysis.compute.peers import Standing
from ita_analysis.compute.target_gap import Goal
from ita_analysis.frameworks import Framework, tool_column, weighted_column
from ita_analysis.thai.numbers import Digits, in_digits


def _group_label(standing: Standing) -> str:
    name = standing.group_name
    if not name or standing.group.startswith(name):
        return standing.group
    return f"{name} {standing.group}"


def peer_sentence_th(standing: Standing, *, framework: Framework | None = None, digits: Digits = "arabic") -> str:
    """The Thai paragraph on where the agency stands among the agencies of the data, e.g.

    "คะแนนรวม 82.44 อยู่ลำดับที่ 3 จาก 12 หน่วยงานในข้อมูล (ร้อยละ 75.00 ของหน่วยงานได้คะแนนรวมเท่ากับหรือ
    ต่ำกว่านี้) ค่าเฉลี่ยของหน่วยงานในข้อมูล 80.10 ค่ามัธยฐาน 81.00 และในกลุ่ม กระทรวง X อยู่ลำดับที่ 2 จาก 5 หน่วยงาน"

    A shared rank reads "ลำดับที่ 2 (ร่วม)". With a single agency in the data there is no one to
    compare with: the national figures of ``framework`` (:func:`national_note_th`) instead, or "".
    ``digits="thai"`` writes the numbers with Thai digits.
    """
    s = standing
    if s.n < 2:
        return national_note_th(framework, digits=digits) if framework is not None else in_digits("", digits)
    shared = " (ร่วม)" if s.tied > 1 else ""
    text = (
        f"คะแนนรวม {s.total:.2f} อยู่ลำดับที่ {s.rank:,}{shared} จาก {s.n:,} หน่วยงานในข้อมูล "
        f"(ร้อยละ {s.percentile:.2f} ของหน่วยงานได้คะแนนรวมเท่ากับหรือต่ำกว่านี้) "
        f"ค่าเฉลี่ยของหน่วยงานในข้อมูล {s.mean:.2f} ค่ามัธยฐาน {s.median:.2f}"
    )
    if s.group and s.group_rank is not None and s.group_size is not None:
        text += f" และในกลุ่ม {_group_label(s)} อยู่ลำดับที่ {s.group_rank:,} จาก {s.group_size:,} หน่วยงาน"
    return in_digits(text, digits)


def national_note_th(framework: Framework, *, digits: Digits = "arabic") -> str:
    """The Thai line with NACC's national results of the framework's year (its ``[national]``
    table), e.g. "ผลการประเมินระดับประเทศ ปีงบประมาณ พ.ศ. 2566: หน่วยงานเข้ารับการประเมิน 8,323
    หน่วยงาน คะแนนเฉลี่ย 90.19 คะแนน หน่วยงานที่ได้คะแนนตั้งแต่ 85 คะแนนขึ้นไป 6,737 หน่วยงาน (ร้อยละ 80.94)";
    "" when the framework has none. Figures known only roughly read "ประมาณ". The documents give
    the same figures under a heading, in a sentence (:func:`national_paragraph_th`)."""
    parts = _national_parts(framework)
    if not parts:
        return in_digits("", digits)
    text = f"ผลการประเมินระดับประเทศ ปีงบประมาณ พ.ศ. {framework.fiscal_year}: " + " ".join(parts)
    return in_digits(text, digits)


def national_paragraph_th(framework: Framework) -> tuple[str, str]:
    """NACC's national results of the framework's year as the documents give them: a heading
    ("ผลการประเมินระดับประเทศ ประจำปีงบประมาณ พ.ศ. 2563") and a sentence ("ในปีงบประมาณ พ.ศ. 2563
    มีหน่วยงานเข้ารับการประเมิน 8,303 หน่วยงาน คะแนนเฉลี่ย 67.90 คะแนน"); ("", "") without figures."""
    parts = _national_parts(framework)
    if not parts:
        return "", ""
    year = framework.fiscal_year
    said = [f"มี{p}" if p.startswith("หน่วยงานเข้ารับ") else p for p in parts]
    return f"ผลการประเมินระดับประเทศ ประจำปีงบประมาณ พ.ศ. {year}", f"ในปีงบประมาณ พ.ศ. {year} " + " ".join(said)


def _national_parts(framework: Framework) -> list[str]:
    """The national figures of the framework, each a phrase; [] when the framework has none."""
    nat = framework.national
    if nat is None or all(v is None for v in (nat.agencies, nat.mean, nat.at_pass, nat.share_at_pass)):
        return []
    about = "ประมาณ" if nat.approximate else ""
    pass_mark = f"{framework.pass_mark:.2f}".rstrip("0").rstrip(".")
    parts = []
    if nat.agencies is not None:
        parts.append(f"หน่วยงานเข้ารับการประเมิน {nat.agencies:,} หน่วยงาน")
    if nat.mean is not None:
        parts.append(f"คะแนนเฉลี่ย{about} {nat.mean:.2f} คะแนน")
    if nat.at_pass is not None or nat.share_at_pass is not None:
        count = f" {nat.at_pass:,} หน่วยงาน" if nat.at_pass is not None else ""
        share = f"ร้อยละ {nat.share_at_pass:.2f}" if nat.share_at_pass is not None else ""
        share = f" ({share})" if count and share else f" {about}{share}" if share else ""
        parts.append(f"หน่วยงานที่ได้คะแนนตั้งแต่ {pass_mark} คะแนนขึ้นไป{count}{share}")
    return parts


def printed_note_th(differences, framework: Framework) -> str:
    """The note under the results table where a figure recomputed from the indicator scores differs
    from the one NACC printed (:func:`ita_analysis.compute.scoring.printed_differences`'s rows:
    measure, printed, computed), e.g. "หมายเหตุ: คะแนนเฉลี่ย EIT 78.98 คำนวณจากคะแนนรายตัวชี้วัด
    สำนักงาน ป.ป.ช. ประกาศไว้ 78.99"; several: "... EIT 78.98 และคะแนนรวม 82.44 ... ประกาศไว้ 78.99
    และ 82.45 ตามลำดับ"; "" when none differs."""
    labels = {"total": "คะแนนรวม"}
    for code in framework.tool_codes:
        labels[tool_column(code)] = f"คะแนนเฉลี่ย {code}"
        labels[weighted_column(code)] = f"ผลรวมคะแนนที่ถ่วงน้ำหนัก {code}"
    rows = [r for r in differences.itertuples(index=False) if r.measure in labels]
    if not rows:
        return ""
    ours = thai_list([f"{labels[r.measure]} {r.computed:.2f}" for r in rows])
    printed = [f"{r.printed:.2f}" for r in rows]
    theirs = printed[0] if len(rows) == 1 else " ".join(printed[:-1]) + f" และ {printed[-1]} ตามลำดับ"
    return f"หมายเหตุ: {ours} คำนวณจากคะแนนรายตัวชี้วัด สำนักงาน ป.ป.ช. ประกาศไว้ {theirs}"


def rule_th(rule: str, *, pass_mark: float, target: float | None = None, n_lowest: int = 3) -> str:
    """The weakness rule in Thai, as the table and the documents show it."""
    return {
        "declined": "คะแนนลดลงจากปีก่อน",
        "below_pass": f"คะแนนต่ำกว่าเกณฑ์ผ่าน ({pass_mark:g} คะแนน)",
        "below_target": "คะแนนต่ำกว่าค่าเป้าหมายของหน่วยงาน" + (f" ({target:.2f} คะแนน)" if target is not None else ""),
        "lowest": f"คะแนนต่ำสุด {n_lowest} ตัวชี้วัด",
    }[rule]


def thai_list(items: list[str]) -> str:
    """Items listed as Thai documents list them: separated by spaces, the last joined with "และ", no
    commas ("ตัวชี้วัดการเปิดเผยข้อมูล และตัวชี้วัดการป้องกันการทุจริต"; three: "ก ข และค")."""
    if len(items) < 2:
        return "".join(items)
    return " ".join(items[:-1]) + f" และ{items[-1]}"


def goal_th(goal: Goal) -> str:
    """The goal as the documents state it: "95.00 คะแนน (ระดับ AA)"."""
    level = f" (ระดับ {goal.level})" if goal.level else ""
    tools = f" และทุกเครื่องมือไม่ต่ำกว่า {goal.min_each_tool:.2f} คะแนน" if goal.min_each_tool is not None else ""
    return f"{goal.min_total:.2f} คะแนน{level}{tools}"


def provisional_note_th(framework: Framework) -> list[str]:
    """A note for outputs computed with a provisional framework; empty otherwise."""
    if not framework.provisional:
        return []
    return [
        f"กรอบการประเมินปีงบประมาณ {framework.fiscal_year} เป็นข้อมูลเบื้องต้น (provisional): ยังไม่ได้ยืนยันจากคู่มือของสำนักงาน ป.ป.ช."
    ]


def notes_th(codes, framework: Framework) -> list[str]:
    """The notes of an agency-year's outputs, from their codes (:data:`~ita_analysis.compute.agency.PROVISIONAL`)."""
    return provisional_note_th(framework) if PROVISIONAL in codes else []


def no_previous_th(previous_year: int) -> str:
    """Said where the previous year has no results to compare with."""
    return f"ไม่มีผลการประเมินปีงบประมาณ พ.ศ. {previous_year} ให้เปรียบเทียบ"


def top_level_th(agency: str, grade: str) -> str:
    """Said of an agency already at the top level (no plan to a next one)."""
    return f"{agency}: อยู่ในระดับสูงสุดแล้ว ({grade})"


def declined_note_th(numbers, framework: Framework) -> str:
    """The notebooks' note on the indicators that fell two years running ("" when none)."""
    if not numbers:
        return ""
    names = ", ".join(f"{n} {framework.indicator(n).name_th}" for n in numbers)
    return f"ตัวชี้วัดที่คะแนนลดลงต่อเนื่อง 2 ปี: {names}"


ALONE_TH = "ข้อมูลมีหน่วยงานเดียว จึงเปรียบเทียบกับหน่วยงานอื่นไม่ได้ (only one agency in the data: no peers to compare with)"
NO_ITEMS_TH = "ไม่มีคะแนนรายข้อ (no item scores given: items=None)"


def standing_th(standing: Standing | None, framework: Framework, *, digits: Digits = "arabic") -> str:
    """The peer paragraph of an agency, or the national figures when it is alone in the data."""
    if standing is None:
        return national_note_th(framework, digits=digits)
    return peer_sentence_th(standing, framework=framework, digits=digits)
