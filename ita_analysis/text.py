"""Thai text as it arrives from spreadsheets and PDF copies: normalise it, read numbers and years.

Everything here is pure and vectorisable: the loader calls these once per *distinct* cell value,
so a national table of 83,000 rows costs a few thousand calls.
"""

from __future__ import annotations

import re
import unicodedata

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

NIKHAHIT = "\u0e4d"
SARA_AA = "\u0e32"
SARA_AM = "\u0e33"

FORMULA_START = ("=", "+", "-", "@")
"""First characters with which a spreadsheet reads a cell as a formula."""

BE_OFFSET = 543
"""Buddhist Era year = Common Era year + 543."""

# Zero-width characters that PDF copies and web pages leave in Thai text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u3000]+")


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits (๐-๙) with Arabic ones; everything else unchanged."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai ones (for documents in official style)."""
    return text.translate(_TO_THAI)


def normalize_text(value: object) -> str:
    """Clean one cell of text: NFC, SARA AM composed, invisible characters dropped, spaces collapsed.

    PDF copies write SARA AM (U+0E33) as NIKHAHIT + SARA AA (U+0E4D U+0E32), sometimes with a
    tone mark between them; NFC does not compose that pair, so it is done here.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    if NIKHAHIT in text:
        # NIKHAHIT, optional tone mark (U+0E48-U+0E4B), SARA AA -> tone mark + SARA AM
        text = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1" + SARA_AM, text)
    return _SPACES.sub(" ", text).strip()


def match_key(text: str) -> str:
    """A key for comparing names: normalised, case-folded, without spaces or punctuation."""
    text = normalize_text(text).casefold()
    return re.sub(r"[\s\-_.,:;/()\[\]'\"“”‘’]+", "", text)


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
