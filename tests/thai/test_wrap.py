"""Wrapping Thai labels and the one width rule: marks take no width, breaks fall between clusters."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ita_analysis.thai.wrap import base_characters, display_width, is_zero_width, wrap_thai

MARKS = {chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))}


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("การใช้ทรัพย์สินของราชการ", ["การใช้ทรัพย์สิน", "ของราชการ"]),
        ("แบบตรวจการเปิดเผยข้อมูลสาธารณะ", ["แบบตรวจการเปิดเผย", "ข้อมูลสาธารณะ"]),
        ("การแก้ไขปัญหาการทุจริต", ["การแก้ไขปัญหาการทุจริต"]),  # 18 cells: fits
        ("ITA ของ สำนักงานคณะกรรมการข้าราชการพลเรือน", ["ITA ของ", "สำนักงานคณะกรรมการ", "ข้าราชการพลเรือน"]),
    ],
)
def test_wrap_thai_examples(name, lines):
    assert wrap_thai(name).split("\n") == lines


THAI_CHARS = [chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.name(chr(c), "")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(THAI_CHARS + [" ", "A", "1", "$"]), max_size=60), st.integers(8, 30))
def test_wrap_thai_never_splits_a_cluster(text, width):
    wrapped = wrap_thai(text, width)
    lines = wrapped.split("\n")
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        assert line and line[0] not in MARKS and unicodedata.combining(line[0]) == 0
        assert line[0] not in "\u0e30\u0e32\u0e33\u0e45"
    for line in lines[:-1]:
        assert line[-1] not in "เแโใไ"


def test_width_counts_base_characters_only():
    # น + MAI THO + SARA AM: one base character with a tone mark, then SARA AM (spacing)
    assert display_width("น\u0e49\u0e33") == 2
    assert display_width("ที่") == 1 and base_characters("ที่") == ["ท"]
    assert is_zero_width("\u0e31") and is_zero_width("\u200b") and not is_zero_width("\u0e32")
    assert display_width("การปฏิบัติหน้าที่") == 11  # ก า ร ป ฏ บ ต ห น า ท


def test_clipped_keeps_a_letter_with_its_marks():
    from ita_analysis.thai.wrap import clipped

    assert clipped("abcdef", 4) == "abcd"
    assert clipped("กกกี่", 4) == "กก"  # "กี่" is three characters: cut whole rather than split
    assert clipped("กกก", 10, max_bytes=7) == "กก"  # Thai letters take 3 bytes each
    assert clipped("ab", 5) == "ab"
