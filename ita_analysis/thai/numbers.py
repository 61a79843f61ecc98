"""Numbers and years as Thai documents write them: Thai digits (๐-๙) and Buddhist Era years."""

from __future__ import annotations

import re
from typing import Literal

from ita_analysis.i18n import gettext as _
from ita_analysis.thai.normalize import normalize_text

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

DIGITS = ("thai", "arabic")
"""The digits a document or chart may show numbers in (``--digits``)."""

BE_OFFSET = 543
"""Buddhist Era year = Common Era year + 543."""


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits (๐-๙) with Arabic ones; everything else unchanged."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai ones (for documents in official style)."""
    return text.translate(_TO_THAI)


Digits = Literal["thai", "arabic"]
"""The digits of a document or chart: Thai (๐-๙) or Arabic (0-9)."""


def read_digits(digits: object) -> Digits:
    """The digits option where it enters (``--digits``, a chart's or document's ``digits``): one of
    :data:`DIGITS`; ValueError otherwise. The one check of the choice."""
    if digits not in DIGITS:
        raise ValueError(
            _("digits: choose {choices}, not '{digits}'").format(choices=_(" or ").join(DIGITS), digits=digits)
        )
    return digits  # type: ignore[return-value]


def in_digits(text: str, digits: Digits) -> str:
    """Text with its numbers in ``digits``: Thai digits for "thai", Arabic ones for "arabic"."""
    return to_thai_digits(text) if read_digits(digits) == "thai" else to_arabic_digits(text)


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_number(value: object) -> float | None:
    """Read a score written with Thai or Arabic digits ("๘๙.๒๙", "89.29", " 89,29 " is refused).

    Returns None when the text is not a plain decimal number. A thousands separator is not
    accepted (scores are 0-100); a trailing "%" or "คะแนน" is tolerated.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if value == value else None
    text = to_arabic_digits(normalize_text(value))
    text = re.sub(r"\s*(%|คะแนน)$", "", text).replace(" ", "")
    if not _NUMBER.match(text):
        return None
    return float(text)


_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def find_year(value: object) -> int | None:
    """The single four-digit year in a text ("พ.ศ. ๒๕๖๓", "ปีงบประมาณ 2563", "FY2563", 2563.0).

    Returns None when there is no four-digit number or more than one distinct one. The year is
    returned as written: whether it is BE or CE is for :func:`check_be_year` to say.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = to_arabic_digits(normalize_text(value))
    found = set(_YEAR.findall(text))
    if len(found) != 1:
        return None
    return int(found.pop())


def check_be_year(year: int) -> str | None:
    """Why a year is not a plausible Buddhist Era fiscal year, or None when it is."""
    if 1900 <= year <= 2200:
        return f"a Buddhist Era year (BE = CE + 543): {year} looks like CE, did you mean {year + BE_OFFSET}?"
    if not 2500 <= year <= 2700:
        return "a Buddhist Era fiscal year such as 2563"
    return None
