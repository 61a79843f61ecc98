from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import check_be_year, find_year, parse_number, to_arabic_digits, to_thai_digits


def test_decomposed_sara_am_is_composed():
    assert normalize_text("การดําเนินงาน") == "การดำเนินงาน"
    assert normalize_text("น\u0e4d\u0e49\u0e32") == "น\u0e49\u0e33"  # tone mark between the two parts


def test_spaces_and_invisible_characters():
    assert normalize_text("  สำนักงาน\u00a0\u00a0ก.พ.\u200b ") == "สำนักงาน ก.พ."
    assert normalize_text(None) == "" and normalize_text(float("nan")) == ""


def test_control_characters_are_dropped_and_white_space_ones_are_spaces():
    # BEL and ESC from a PDF copy, NUL, DEL, a C1 control: gone; tab, line feed and NEL: a space
    assert normalize_text("กรม\x07ป่า\x1bไม้\x00\x7f\x90") == "กรมป่าไม้"
    assert normalize_text("กรม\tป่า\nไม้\x85x") == "กรม ป่า ไม้ x"


@pytest.mark.parametrize(
    "mark",
    ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"],
    ids=["zero-width space", "zero-width non-joiner", "zero-width joiner", "byte order mark", "word joiner",
         "soft hyphen"],
)  # fmt: skip
def test_invisible_characters_inside_a_name_are_dropped(mark):
    # copied from a web page or a PDF: one agency, however many marks sit inside its name
    assert normalize_text(f"กรม{mark}ป่า{mark}ไม้") == "กรมป่าไม้"
    assert normalize_text(f"สำนักงาน ก.{mark}พ.") == "สำนักงาน ก.พ."
    assert normalize_text(f"สำนักงาน{mark} ก.พ.") == "สำนักงาน ก.พ."


@pytest.mark.parametrize(
    ("text", "value"), [("๘๙.๒๙", 89.29), ("89.29", 89.29), (" 100 ", 100.0), ("๘๕ คะแนน", 85.0), (87.5, 87.5)]
)
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["แปดสิบ", "89,29", "1,000", "", "85.5.1"])
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("พ.ศ. ๒๕๖๓", 2563),
        ("ปีงบประมาณ 2563", 2563),
        ("FY2563", 2563),
        (2563.0, 2563),
        ("ปี", None),
        ("2562 - 2563", None),
    ],
)
def test_years(text, year):
    assert find_year(text) == year


def test_ce_year_suggests_be():
    assert "2563" in check_be_year(2020)
    assert check_be_year(2563) is None
    assert check_be_year(3000) is not None


@given(st.text(alphabet="0123456789.,- ก"))
def test_digit_round_trip(text):
    assert to_arabic_digits(to_thai_digits(text)) == text
