"""Wrapping takes time in proportion to the length of the text and never recurses: the layout is the
one a direct search of every layout finds (the reference below), for texts of any length."""

from __future__ import annotations

import inspect
import sys
import unicodedata
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from ita_analysis.thai import wrap
from ita_analysis.thai.wrap import _break_candidates, display_width, wrap_thai

THAI_CHARS = [chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.name(chr(c), "")]
WORDS = ["การ", "ราชการ", "ของ", "ข้อมูล", "ที่", "หน้าที่", "เจ้า", "ใน", "ภาย", "กรม", "ก", "ข", "ABC", "12", " ", ".", "["]


def reference(text: str, width: int) -> str:
    """Every layout weighed: the least (cells over the width, penalty, raggedness, breaks), each line
    after a break cost as wrap_thai documents it. Exponential without its cache, cubic with it."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    candidates = _break_candidates(text)

    @cache
    def best_from(start: int):
        w = display_width(text[start:])
        options = [(max(0, w - width), 3, (width - w) ** 2 if w <= width else 0, ())]
        if w > width:
            for kind, end, nxt in candidates:
                line = display_width(text[start:end].rstrip())
                if end <= start or line == 0:
                    continue
                over, penalty, ragged, breaks = best_from(nxt)
                fits = line <= width
                options.append(
                    (
                        over + max(0, line - width),
                        penalty + kind + 3,
                        ragged + (width - line) ** 2 * fits,
                        ((end, nxt), *breaks),
                    )
                )
        return min(options)

    lines, start = [], 0
    for end, nxt in best_from(0)[3]:
        lines.append(text[start:end].strip())
        start = nxt
    return "\n".join([*lines, text[start:].strip()])


texts = st.one_of(
    st.text(alphabet=st.sampled_from([*THAI_CHARS, " ", "A", "1", "$"]), max_size=50),
    st.lists(st.sampled_from(WORDS), max_size=14).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(1, 30))
def test_the_layout_is_the_best_of_all_layouts(text, width):
    assert wrap_thai(text, width) == reference(text, width)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=400).map("".join), st.integers(4, 40))
def test_lines_give_the_text_back_and_fit_unless_unbreakable(text, width):
    lines = wrap_thai(text, width).split("\n")
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert display_width(line) <= width or not _break_candidates(line)  # wider: a run with no legal break


def _steps(text: str, width: int) -> int:
    """Lines of wrap.py executed to wrap ``text``: the work done, counted rather than timed."""
    count = 0
    code = wrap.__file__

    def trace(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != code:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        wrap_thai(text, width)
    finally:
        sys.settrace(None)
    return count


def test_work_grows_in_proportion_to_the_length():
    unit = "สำนักงานคณะกรรมการข้าราชการพลเรือน ก.พ. [/x] การปฏิบัติหน้าที่" * 4
    for width in (18, 40):
        short, double = _steps(unit * 4, width), _steps(unit * 8, width)
        assert double <= 2.2 * short, (width, short, double)
    one_word = _steps("ก" * 2000, 18), _steps("ก" * 4000, 18)  # breaks anywhere: the most candidates
    assert one_word[1] <= 2.2 * one_word[0]


def _without_deep_calls(function, *args):
    """``function(*args)`` with the recursion limit a few frames above the caller's depth."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 25)
    try:
        return function(*args)
    finally:
        sys.setrecursionlimit(limit)


def test_names_of_5000_and_100000_characters_wrap_without_recursion():
    for n in (5_000, 100_000):
        name = ("กรมส่งเสริมการปกครองท้องถิ่น [bold]จังหวัด[/x] " * (n // 40 + 1))[:n]
        wrapped = _without_deep_calls(wrap_thai, name, 40)
        lines = wrapped.split("\n")
        assert "".join(lines).replace(" ", "") == name.replace(" ", "")
        assert max(display_width(line) for line in lines) <= 40
        assert len(lines) >= display_width(" ".join(name.split())) // 40
    one_word = _without_deep_calls(wrap_thai, "ก" * 5_000, 18).split("\n")
    assert "".join(one_word) == "ก" * 5_000 and max(map(len, one_word)) <= 18
    assert len(one_word) == -(-5_000 // 18)  # as few lines as fit it (each break as costly as the others)
