"""Thai compounds kept whole on a line in the Word file (ita_analysis.report.word_breaks): the
joints worked out by hand from the words libthai (the PDF's line breaker) knows."""

from __future__ import annotations

from ita_analysis.report.word_breaks import BREAK, NO_BREAK, joined

J, B = NO_BREAK, BREAK


def test_a_compound_gets_a_joiner_at_its_joint_and_a_break_either_side():
    # "การรับรู้" is "การ" + "รับรู้" to libthai; "รับรู้" is "รับ" + "รู้", both words of their own
    assert joined("การรับรู้ของ") == f"การ{B}รับ{J}รู้{B}ของ"
    assert joined("การใช้งบประมาณ") == f"การใช้{B}งบ{J}ประมาณ"


def test_two_silent_letters_stay_with_their_syllable_and_a_bracket_opens_apart():
    assert joined("(เกณฑ์: คะแนน") == f"({B}เก{J}ณฑ์: คะแนน"


def test_single_words_numbers_and_latin_text_are_left_as_they_are():
    for text in ("ความ", "หน่วย", "๘๙.๒๙", "Integrity and Transparency Assessment: ITA", ""):
        assert joined(text) == text


def test_only_invisible_characters_are_added():
    text = "ผลการประเมินการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) ประจำปีงบประมาณ พ.ศ. ๒๕๖๓"
    out = joined(text)
    assert out.replace(J, "").replace(B, "") == text
    assert J in out
