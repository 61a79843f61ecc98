"""Text from data made safe for the document formats: control characters out, limits kept."""

from __future__ import annotations

import pytest

from ita_analysis.report.safe_text import printable, shortened


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("ชื่อ\x00\x07\x1bตัว", "ชื่อตัว"),  # C0 controls
        ("a\x7fb\x85c\x9fd", "abcd"),  # DEL and C1 controls
        ("บรรทัด\tหนึ่ง\nสอง\r", "บรรทัด\tหนึ่ง\nสอง\r"),  # tab and line ends stay
        ("x\ufffey\uffffz", "xyz"),  # non-characters XML forbids
        ("สำนักงาน ก.พ.", "สำนักงาน ก.พ."),
    ],
)
def test_printable(text, shown):
    assert printable(text) == shown


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("abcdef", 6, "abcdef"),  # at the limit: whole
        ("abcdefg", 6, "abcde\u2026"),  # over: 5 characters and an ellipsis
        ("กกกกกี่", 6, "กกกก\u2026"),  # "กี่" would lose its marks: the whole cluster goes
        ("ab\x07cdef", 6, "abcdef"),  # control characters do not count
    ],
)
def test_shortened(text, limit, shown):
    assert shortened(text, limit) == shown
    assert len(shortened(text, limit)) <= limit
