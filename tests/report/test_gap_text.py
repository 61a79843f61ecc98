"""The target gap in words, as the documents and notebooks state it (figures by hand: see
tests/compute/test_target_gap.py)."""

from __future__ import annotations

from conftest import SCORES

from ita_analysis.compute.target_gap import goal_for, plan_target
from ita_analysis.frameworks import load_framework
from ita_analysis.report.gap_text import gap_sentence_th

OCSC = dict(zip(range(1, 11), SCORES[2563], strict=True))


def test_target_95_in_words():
    fw = load_framework(2563)
    text = gap_sentence_th(plan_target(OCSC, fw, goal_for(95, fw)), fw)
    assert text.startswith("เพื่อให้ได้ค่าเป้าหมาย 95.00 คะแนน (ระดับ AA) จากคะแนนรวมปัจจุบัน 82.44 คะแนน (ระดับ B)")
    assert "ตัวชี้วัดที่ 9, 10, 6, 7 และ 8 ต้องได้ 100.00 คะแนน" in text
    assert "ตัวชี้วัดที่ 2 และ 3 ต้องได้ 81.85 คะแนน" in text and "ตัวชี้วัดที่ 4 และ 5 ต้องได้ 81.84 คะแนน" in text
    assert "รวมต้องเพิ่ม 104.49 คะแนน" in text and "IIT 0.06, EIT 0.10, OIT 0.20" in text
    assert text.endswith("คะแนนรวมตามแผนนี้ 95.00 คะแนน (ระดับ AA)")


def test_next_level_single_group():
    fw = load_framework(2563)
    text = gap_sentence_th(plan_target(OCSC, fw, goal_for("A", fw)), fw, given=False)
    assert text.startswith("เพื่อให้ได้ระดับถัดไป 85.00 คะแนน (ระดับ A)")
    assert "ตัวชี้วัดที่ 9 และ 10 ต้องได้ 92.94 คะแนน (เพิ่ม 7.38 และ 5.44 ตามลำดับ)" in text
    assert "รวมต้องเพิ่ม 12.82 คะแนน" in text


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
