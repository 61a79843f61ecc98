"""Edges of the Thai text helpers: numbers that are not text, the limits of a plausible year, and the
break rules of the label wrapper, each worked out by hand."""

from __future__ import annotations

import pytest

from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import check_be_year, parse_number
from ita_analysis.thai.wrap import _break_candidates, _word_starts_at, wrap_thai


# ------------------------------------------------------------------------------------ normalize
@pytest.mark.parametrize(
    ("value", "text"), [(89.29, "89.29"), (0.0, "0.0"), (2563, "2563"), (float("nan"), ""), (None, "")]
)
def test_normalize_text_of_numbers(value, text):
    assert normalize_text(value) == text


# -------------------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    ("value", "number"),
    [
        (89.29, 89.29), (1e-07, 1e-07), (float("inf"), float("inf")), (85, 85.0),
        (float("nan"), None), (True, None), (False, None),  # a bool is no score
        ("- 3.5", -3.5), ("๘๙ .๒๙", 89.29), ("89.29 %", 89.29), ("๘๕ คะแนน", 85.0), ("89,29", None),
    ],
)  # fmt: skip
def test_parse_number(value, number):
    assert parse_number(value) == number


CE = "a Buddhist Era year (BE = CE + 543): {} looks like CE, did you mean {}?"
NOT_BE = "a Buddhist Era fiscal year such as 2563"


@pytest.mark.parametrize(
    ("year", "why"),
    [
        (1899, NOT_BE), (1900, CE.format(1900, 2443)), (2020, CE.format(2020, 2563)), (2200, CE.format(2200, 2743)),
        (2201, NOT_BE), (2499, NOT_BE), (2500, None), (2563, None), (2700, None), (2701, NOT_BE),
    ],
)  # fmt: skip
def test_check_be_year_limits(year, why):
    assert check_be_year(year) == why


# ----------------------------------------------------------------------------------------- wrap
@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("ก ข", [(0, 1, 2)]),  # at the space only: never right after it, never at the start
        ("ก ะ", []),  # a line must not start with SARA A, even after a space
        ("ก \u0e34", []),  # nor with a mark
        ("เ ก", []),  # nor end with a leading vowel
        ("AB", []),  # inside a Latin word
        ("กA", [(6, 1, 1)]),
        ("Aก", [(6, 1, 1)]),
        ("กข", [(6, 1, 1)]),  # anywhere: the costliest
        ("กเข", [(2, 1, 1)]),  # before a leading vowel, not after it
        ("ขการ", [(1, 1, 1), (6, 3, 3)]),  # before a known word; never before SARA AA
    ],
)
def test_break_candidates(text, candidates):
    assert _break_candidates(text) == candidates


def test_a_known_word_must_not_run_into_a_mark():
    assert _word_starts_at("ขกใน", 2)
    assert not _word_starts_at("ขกใน\u0e49ข", 2)  # "ใน" followed by MAI THO is another word
    assert not _word_starts_at("ราชการ", 3)  # the end of a compound


def test_wrap_one_cell_too_wide():
    # 19 cells, no known word: the two lines most alike (9 + 10, the first break of a tie)
    assert wrap_thai("ก" * 19) == "ก" * 9 + "\n" + "ก" * 10
    assert wrap_thai("ก" * 19, 19) == "ก" * 19
    assert wrap_thai("ก" * 18) == "ก" * 18  # 18 cells: fits the default width


def test_wrap_at_a_space_after_one_cell():
    # the free break at the space beats one inside the word, even with a line of one cell
    assert wrap_thai("ก " + "ข" * 18) == "ก\n" + "ข" * 18
