"""The Thai labels of the tables' columns, as the notebooks show them."""

from __future__ import annotations

import re
from functools import cache

from ita_analysis.frameworks import known_tool_codes, tool_column
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _

COLUMN_LABELS = {
    "agency": "หน่วยงาน",
    "fiscal_year": "ปีงบประมาณ",
    "previous_year": "ปีที่เปรียบเทียบ",
    "indicator": "ตัวชี้วัด",
    "indicator_name": "ชื่อตัวชี้วัด",
    "tool": "เครื่องมือ",
    "score": "คะแนน",
    "tool_score": "คะแนนเครื่องมือ",
    "tool_weight": "น้ำหนัก",
    "tool_weighted": "คะแนนถ่วงน้ำหนัก",
    "total": "คะแนนรวม",
    "grade": "ระดับผลการประเมิน",
    "framework_status": "สถานะกรอบการประเมิน",
    "score_previous": "คะแนนปีก่อน",
    "score_current": "คะแนนปีนี้",
    "change": "เปลี่ยนแปลง",
    "direction": "ทิศทาง",
    "rule": "เกณฑ์ (rule)",
    "rule_th": "เหตุที่เป็นจุดอ่อน",
    "sub_items": "ประเด็นย่อย",
    "sub_items_source": "ที่มาของประเด็นย่อย",
    "recommendation": "ข้อเสนอแนะของ ป.ป.ช.",
    "declined_two_years": "ลดลงต่อเนื่อง 2 ปี",
    "weight_per_point": "คะแนนรวมต่อ 1 คะแนน",
    "required_score": "คะแนนที่ต้องได้",
    "points_to_gain": "คะแนนที่ต้องเพิ่ม",
    "rank": "ลำดับ",
    "percentile": "เปอร์เซ็นไทล์",
    "group": "กลุ่ม",
    "group_rank": "ลำดับในกลุ่ม",
    "group_size": "จำนวนในกลุ่ม",
    "n": "จำนวนหน่วยงาน",
    "mean": "ค่าเฉลี่ย",
    "median": "มัธยฐาน",
    "share_at_pass": "สัดส่วนที่ผ่านเกณฑ์",
    "moved_up": "ระดับสูงขึ้น",
    "moved_down": "ระดับต่ำลง",
    "same": "ระดับเท่าเดิม",
    "item": "ข้อ",
    "text": "ข้อคำถาม",
    "worth_in_total": "มีผลต่อคะแนนรวม",
    "priority": "ลำดับความสำคัญ",
    "reason": "เหตุผล",
    "weak": "จุดอ่อน",
    "action": "แนวทางการดำเนินงาน",
    "responsible": "ผู้รับผิดชอบ",
    "timeline": "ระยะเวลา",
    "kpi": "ตัวชี้วัดความสำเร็จ",
    # a group of agencies (compute.group, notebook 06_group)
    "kind": "ชนิดของกลุ่ม",
    "sd": "ส่วนเบี่ยงเบนมาตรฐาน",
    "min": "ต่ำสุด",
    "q1": "ควอร์ไทล์ที่ 1",
    "q3": "ควอร์ไทล์ที่ 3",
    "max": "สูงสุด",
    "n_at_pass": "จำนวนที่ผ่านเกณฑ์",
    "n_previous": "จำนวนหน่วยงานปีก่อน",
    "mean_previous": "ค่าเฉลี่ยปีก่อน",
    "median_previous": "มัธยฐานปีก่อน",
    "share_at_pass_previous": "สัดส่วนที่ผ่านเกณฑ์ปีก่อน",
    "change_mean": "ค่าเฉลี่ยเปลี่ยนแปลง",
    "change_median": "มัธยฐานเปลี่ยนแปลง",
    "change_share_at_pass": "สัดส่วนที่ผ่านเกณฑ์เปลี่ยนแปลง",
    "n_stayed": "อยู่ในกลุ่มทั้งสองปี",
    "n_joined": "เข้ามาในกลุ่ม",
    "n_left": "ออกจากกลุ่ม",
    "all_n": "จำนวนทุกหน่วยงาน",
    "all_mean": "ค่าเฉลี่ยทุกหน่วยงาน",
    "all_median": "มัธยฐานทุกหน่วยงาน",
    "all_share_at_pass": "สัดส่วนที่ผ่านเกณฑ์ทุกหน่วยงาน",
    "nacc_agencies": "จำนวนหน่วยงาน (ป.ป.ช.)",
    "nacc_mean": "ค่าเฉลี่ยระดับประเทศ (ป.ป.ช.)",
    "nacc_share_at_pass": "สัดส่วนที่ผ่านเกณฑ์ระดับประเทศ (ป.ป.ช.)",
    "level": "ระดับ",
    "count": "จำนวน",
    "share": "สัดส่วน (%)",
    "count_previous": "จำนวนปีก่อน",
    "at_pass": "ผ่านเกณฑ์",
    "total_previous": "คะแนนรวมปีก่อน",
    "grade_previous": "ระดับปีก่อน",
    "move": "ระดับเปลี่ยน",
    "in_group_previous": "อยู่ในกลุ่มปีก่อน",
    "n_below": "จำนวนที่ต่ำกว่าเกณฑ์",
    "share_below": "สัดส่วนที่ต่ำกว่าเกณฑ์",
    "all_share_below": "สัดส่วนที่ต่ำกว่าเกณฑ์ทุกหน่วยงาน",
    "gap": "ขาดอีก",
    "furthest": "ลำดับที่ห่างเกณฑ์",
    "points_to_pass": "คะแนนตัวชี้วัดที่ต้องเพิ่มเพื่อผ่านเกณฑ์",
    "reachable": "ทำได้",
    "change_previous": "เปลี่ยนแปลงปีก่อน",
    "fell_below": "ตกเกณฑ์",
    "below_two_years": "ต่ำกว่าเกณฑ์สองปี",
    "fell_two_years": "ลดลงสองปีติด",
    "n_scored": "จำนวนที่มีคะแนน",
    "n_zero": "จำนวนที่ได้ 0",
    "share_zero": "สัดส่วนที่ได้ 0",
    "group_gain": "ค่าเฉลี่ยของกลุ่มเพิ่มขึ้น",
}
"""Column name -> Thai label. Tool columns, ``ind_N`` and ``count_<grade>`` are labelled by
:func:`column_label`; a column named nowhere keeps its name."""


@cache
def _tool_codes() -> dict[str, str]:
    """Summary column of each framework's tools (``iit``) -> its code (``IIT``)."""
    return {tool_column(code): code for code in known_tool_codes()}


def column_label(name: str) -> str:
    """The Thai label of a table column (its own name when it has none)."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    tools = _tool_codes()
    if name in tools:
        return f"คะแนน {tools[name]}"
    if name.endswith("_weighted") and name.removesuffix("_weighted") in tools:
        return f"{tools[name.removesuffix('_weighted')]} ถ่วงน้ำหนัก"
    if m := re.fullmatch(r"ind_(\d+)", name):
        return f"ตัวชี้วัดที่ {m.group(1)}"
    if m := re.fullmatch(r"count_(.+)", name):
        return f"จำนวนระดับ {m.group(1)}"
    return name


FRAMEWORK_STATUS = {"confirmed": N_("confirmed"), "provisional": N_("provisional")}
"""A framework's status (as its file gives it) -> the words shown, in the chosen language."""


def status_text(status: str) -> str:
    """A framework's status in the chosen language ("confirmed": "ยืนยันแล้ว" in Thai)."""
    return _(FRAMEWORK_STATUS.get(status, status))
