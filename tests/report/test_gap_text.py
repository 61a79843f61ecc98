"""The target gap in words, as the documents and notebooks state it (figures by hand: see
tests/compute/test_target_gap.py)."""

from __future__ import annotations

from conftest import SCORES

from ita_analysis.compute.target_gap import goal_for, plan_for, plan_target
from ita_analysis.frameworks import load_framework
from ita_analysis.report.gap_text import gap_sentence_th
from ita_analysis.report.texts import thai_list

OCSC = dict(zip(range(1, 11), SCORES[2563], strict=True))


# Tool means of the sample (OCSC FY2563, by hand): IIT (89.29 + 78.61 + 80.87 + 75.78 + 77.62) / 5 = 80.434,
# EIT (85.74 + 75.42 + 75.79) / 3 = 78.983, OIT (85.56 + 87.50) / 2 = 86.53; total 0.3 x 80.434 + 0.3 x 78.983
# + 0.4 x 86.53 = 82.437 (82.44, B). One indicator point adds 0.06 (IIT), 0.10 (EIT), 0.20 (OIT) to the total.
IIT_TH = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"
EIT_TH = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"
OIT_TH = "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)"
PERCEPTION_TH = "ซึ่งหน่วยงานกำหนดคะแนนเองไม่ได้ ต้องปรับปรุงการดำเนินงานให้ผู้มีส่วนได้ส่วนเสียรับรู้ได้ดีขึ้น"


def test_sample_target_95_in_words():
    # 95 - 82.44 = 12.56 to gain. OIT to 100 (9: +14.44, 10: +12.50) adds 26.94 x 0.20 = 5.388 -> 5.39;
    # EIT to 100 adds 6.305 and IIT +14.50 points (2 and 3 to 81.85, 4 and 5 to 81.84; mean 416.67 / 5 =
    # 83.33) 0.87: the total becomes 95.00, of which 95.00 - 82.44 - 5.39 = 7.17 from the perception tools.
    # Indicators by name, grouped by tool in indicator order, listed with spaces and "และ" (no commas).
    fw = load_framework(2563)
    plan = plan_for(OCSC, 2563, 95)
    assert gap_sentence_th(plan.plan, fw, given=plan.given, judge=plan.judge) == (
        "เพื่อให้ได้ค่าเป้าหมาย 95.00 คะแนน (ระดับ AA) จากคะแนนรวมปัจจุบัน 82.44 คะแนน (ระดับ B) "
        "คะแนนรวมต้องเพิ่มขึ้น 12.56 คะแนน "
        f"{OIT_TH} ซึ่งหน่วยงานดำเนินการได้เอง เพิ่มคะแนนรวมได้ 5.39 คะแนน "
        "เมื่อยกคะแนนตัวชี้วัดการเปิดเผยข้อมูลเป็น 100.00 คะแนน (เพิ่ม 14.44) "
        "และตัวชี้วัดการป้องกันการทุจริตเป็น 100.00 คะแนน (เพิ่ม 12.50) "
        f"อีก 7.17 คะแนนต้องมาจาก{IIT_TH} และ{EIT_TH} {PERCEPTION_TH} "
        "จนคะแนนเฉลี่ย IIT เพิ่มจาก 80.43 เป็น 83.33 คะแนน ในตัวชี้วัดการใช้งบประมาณ ตัวชี้วัดการใช้อำนาจ "
        "ตัวชี้วัดการใช้ทรัพย์สินของราชการ และตัวชี้วัดการแก้ไขปัญหาการทุจริต "
        "และคะแนนเฉลี่ย EIT เพิ่มจาก 78.98 เป็น 100.00 คะแนน ในตัวชี้วัดคุณภาพการดำเนินงาน "
        "ตัวชี้วัดประสิทธิภาพการสื่อสาร และตัวชี้วัดการปรับปรุงการทำงาน "
        "คะแนนรวมตามแผนนี้ 95.00 คะแนน (ระดับ AA)"
    )


def test_next_level_closed_by_disclosure_alone():
    # 85 - 82.44 = 2.56: OIT's 9 and 10 to a common 92.94 (+7.38 and +5.44: OIT mean 92.94, total 85.00)
    fw = load_framework(2563)
    text = gap_sentence_th(plan_target(OCSC, fw, goal_for("A", fw)), fw, given=False)
    assert text == (
        "เพื่อให้ได้ระดับถัดไป 85.00 คะแนน (ระดับ A) จากคะแนนรวมปัจจุบัน 82.44 คะแนน (ระดับ B) "
        f"คะแนนรวมต้องเพิ่มขึ้น 2.56 คะแนน ซึ่งหน่วยงานทำได้เองทั้งหมดจาก{OIT_TH} "
        "เมื่อยกคะแนนตัวชี้วัดการเปิดเผยข้อมูลเป็น 92.94 คะแนน (เพิ่ม 7.38) "
        "และตัวชี้วัดการป้องกันการทุจริตเป็น 92.94 คะแนน (เพิ่ม 5.44) "
        f"โดยไม่ต้องอาศัยคะแนนจาก{IIT_TH} และ{EIT_TH} คะแนนรวมตามแผนนี้ 85.00 คะแนน (ระดับ A)"
    )


def test_made_up_plan_only_disclosure_needed():
    # IIT and EIT at 90, OIT 70 and 80: total 27 + 27 + 0.4 x 75 = 84.00 (B). 88 needs 4.00 = 20 OIT
    # points: 9 up to 80 (10 points), then both to 85 (5 each): OIT 85, total 27 + 27 + 34 = 88.00 (A)
    fw = load_framework(2563)
    scores = {**dict.fromkeys(range(1, 9), 90.0), 9: 70.0, 10: 80.0}
    assert gap_sentence_th(plan_target(scores, fw, goal_for(88, fw)), fw) == (
        "เพื่อให้ได้ค่าเป้าหมาย 88.00 คะแนน (ระดับ A) จากคะแนนรวมปัจจุบัน 84.00 คะแนน (ระดับ B) "
        f"คะแนนรวมต้องเพิ่มขึ้น 4.00 คะแนน ซึ่งหน่วยงานทำได้เองทั้งหมดจาก{OIT_TH} "
        "เมื่อยกคะแนนตัวชี้วัดการเปิดเผยข้อมูลเป็น 85.00 คะแนน (เพิ่ม 15.00) "
        "และตัวชี้วัดการป้องกันการทุจริตเป็น 85.00 คะแนน (เพิ่ม 5.00) "
        f"โดยไม่ต้องอาศัยคะแนนจาก{IIT_TH} และ{EIT_TH} คะแนนรวมตามแผนนี้ 88.00 คะแนน (ระดับ A)"
    )


def test_made_up_plan_perceptions_needed():
    # IIT and EIT at 80, OIT 100 and 90: total 24 + 24 + 38 = 86.00 (A). 90 needs 4.00: OIT's 10 to 100
    # adds 10 x 0.20 = 2.00; the other 2.00 from EIT (0.10 a point, more than IIT's 0.06): 20 points,
    # 6.67 + 6.67 + 6.66, EIT mean 86.67, total 24 + 26 + 40 = 90.00. EIT is a perception survey: the
    # text asks for better perceptions, it does not set EIT's indicators.
    fw = load_framework(2563)
    scores = {**dict.fromkeys(range(1, 9), 80.0), 9: 100.0, 10: 90.0}
    text = gap_sentence_th(plan_target(scores, fw, goal_for(90, fw)), fw)
    assert text == (
        "เพื่อให้ได้ค่าเป้าหมาย 90.00 คะแนน (ระดับ A) จากคะแนนรวมปัจจุบัน 86.00 คะแนน (ระดับ A) "
        f"คะแนนรวมต้องเพิ่มขึ้น 4.00 คะแนน {OIT_TH} ซึ่งหน่วยงานดำเนินการได้เอง เพิ่มคะแนนรวมได้ 2.00 คะแนน "
        "เมื่อยกคะแนนตัวชี้วัดการป้องกันการทุจริตเป็น 100.00 คะแนน (เพิ่ม 10.00) "
        f"อีก 2.00 คะแนนต้องมาจาก{EIT_TH} {PERCEPTION_TH} จนคะแนนเฉลี่ย EIT เพิ่มจาก 80.00 เป็น 86.67 คะแนน "
        "ในตัวชี้วัดคุณภาพการดำเนินงาน ตัวชี้วัดประสิทธิภาพการสื่อสาร และตัวชี้วัดการปรับปรุงการทำงาน "
        "คะแนนรวมตามแผนนี้ 90.00 คะแนน (ระดับ A)"
    )
    assert "," not in text and "86.67 คะแนน (เพิ่ม" not in text


def test_made_up_plan_perceptions_alone():
    # OIT already full: IIT and EIT at 80, total 24 + 24 + 40 = 88.00; 89 needs 1.00 = 10 EIT points
    # (3.34 + 3.33 + 3.33): EIT mean 83.33, total 24 + 25.00 + 40 = 89.00
    fw = load_framework(2563)
    scores = {**dict.fromkeys(range(1, 9), 80.0), 9: 100.0, 10: 100.0}
    assert gap_sentence_th(plan_target(scores, fw, goal_for(89, fw)), fw) == (
        "เพื่อให้ได้ค่าเป้าหมาย 89.00 คะแนน (ระดับ A) จากคะแนนรวมปัจจุบัน 88.00 คะแนน (ระดับ A) "
        f"คะแนนรวมต้องเพิ่มขึ้น 1.00 คะแนน ทั้งหมดต้องมาจาก{EIT_TH} {PERCEPTION_TH} "
        "จนคะแนนเฉลี่ย EIT เพิ่มจาก 80.00 เป็น 83.33 คะแนน "
        "ในตัวชี้วัดคุณภาพการดำเนินงาน ตัวชี้วัดประสิทธิภาพการสื่อสาร และตัวชี้วัดการปรับปรุงการทำงาน "
        "คะแนนรวมตามแผนนี้ 89.00 คะแนน (ระดับ A)"
    )


def test_thai_lists_have_no_commas():
    assert thai_list([]) == "" and thai_list(["ก"]) == "ก"
    assert thai_list(["ตัวชี้วัดก", "ตัวชี้วัดข"]) == "ตัวชี้วัดก และตัวชี้วัดข"
    assert thai_list(["ก", "ข", "ค"]) == "ก ข และค"


def test_out_of_reach_and_reached():
    fw = load_framework(2566)
    text = gap_sentence_th(plan_target(OCSC, fw, goal_for(95, fw), movable=[9, 10]), fw)
    assert "ไม่สามารถทำได้" in text and "ทุกเครื่องมือไม่ต่ำกว่า 95.00 คะแนน" in text
    assert "คะแนนรวมสูงสุดที่เป็นไปได้คือ 87.83 คะแนน (ระดับ ผ่าน)" in text
    fw = load_framework(2563)
    assert "แล้ว" in gap_sentence_th(plan_target(OCSC, fw, goal_for(80, fw)), fw)


def test_plan_for_a_rating_year_is_given_as_a_rating():
    # FY2565 scores (letters), a target for FY2566 (ratings): the planned result is named as a rating
    fw, judge = load_framework(2565), load_framework(2566)
    plan = plan_target(OCSC, fw, goal_for("ผ่านดี", judge))
    text = gap_sentence_th(plan, fw, judge=judge)
    assert text.endswith("คะแนนรวมตามแผนนี้ 85.61 คะแนน (ระดับ ผ่านดี)")  # IIT 85, EIT 85, OIT 86.53
    assert gap_sentence_th(plan, fw).endswith("(ระดับ A)")
