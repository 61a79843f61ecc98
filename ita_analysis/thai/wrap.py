"""Line wrapping for Thai labels, and the one rule for how wide Thai text is.

Thai vowels above and below a consonant and the tone marks take no width of their own, nor do
format characters: :func:`is_zero_width` says which, and :func:`display_width` (character
cells, for wrapping chart labels) and the Excel column sizing count only the other characters.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata

ZERO_WIDTH_CATEGORIES = ("Mn", "Me", "Cf")
"""Unicode categories that take no width: Thai vowels above/below and tone marks are Mn."""


def is_zero_width(ch: str) -> bool:
    """True for a character drawn on the one before it (or not at all)."""
    return unicodedata.category(ch) in ZERO_WIDTH_CATEGORIES


def base_characters(text: str) -> list[str]:
    """The characters of ``text`` that take width of their own."""
    return [ch for ch in text if not is_zero_width(ch)]


def display_width(text: str) -> int:
    """Width in character cells: zero-width characters (see :func:`is_zero_width`) count 0."""
    return len(base_characters(text))


def clipped(text: str, chars: int, max_bytes: int | None = None) -> str:
    """``text`` cut to at most ``chars`` characters (and ``max_bytes`` UTF-8 bytes, when given),
    without leaving a combining mark (a Thai vowel or tone mark) separated from its letter: when
    the first character left out is a mark, its letter is left out too."""
    end, size = 0, 0
    while end < min(len(text), chars):
        size += len(text[end].encode())
        if max_bytes is not None and size > max_bytes:
            break
        end += 1
    while 0 < end < len(text) and unicodedata.category(text[end])[0] == "M":
        end -= 1
    return text[:end]


# Spacing characters that still belong to the syllable before them: a line must not start with one.
_NO_LINE_START = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e2f\u0e46.,;:!?)]}%")
# Leading vowels are written before their consonant: a line must not end with one.
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_NO_LINE_END = _LEADING_VOWELS | frozenset("([{")
# Words that start a word in ITA indicator, tool and agency names: good places to break. Common
# function words first, then the assessment's own vocabulary (no general Thai dictionary is used).
_WORD_STARTS = (
    "การ",
    "ความ",
    "ของ",
    "และ",
    "ที่",
    "เป็น",
    "ใน",
    "ผู้",
    "เพื่อ",
    "ต่อ",
    "โดย",
    "ด้าน",
    "ข้อมูล",
    "สาธารณะ",
    "ทุจริต",
    "ราชการ",
    "หน้าที่",
    "งบประมาณ",
    "อำนาจ",
    "ทรัพย์สิน",
    "ประสิทธิภาพ",
    "คุณภาพ",
    "คุณธรรม",
    "โปร่งใส",
    "หน่วยงาน",
    "ภายใน",
    "ภายนอก",
    "ดำเนินงาน",
    "สื่อสาร",
    "ปรับปรุง",
    "ป้องกัน",
    "แก้ไข",
    "ปัญหา",
    "เปิดเผย",
    "ประเมิน",
    "จัดซื้อ",
    "จัดจ้าง",
    "แบบวัด",
    "แบบตรวจ",
    "สำนักงาน",
    "กรม",
    "กระทรวง",
    "จังหวัด",
    "คณะกรรมการ",
    "ข้าราชการ",
    "เจ้าหน้าที่",
    "บุคลากร",
    "ประชาชน",
    "บริการ",
    "จุดอ่อน",
    "คะแนน",
    "เฉลี่ย",
)
KNOWN_WORDS = frozenset(_WORD_STARTS)
"""The words :func:`wrap_thai` knows: each is one word, never to be broken inside."""
_WORDS_BY_FIRST: dict[str, tuple[str, ...]] = {
    first: tuple(w for w in _WORD_STARTS if w[0] == first) for first in {w[0] for w in _WORD_STARTS}
}
# ... except where such a word ends a common compound (ราชการ, บริการ, ภายใน, หน้าที่ ...).
_COMPOUND_STEMS = {
    "การ": ("ราช", "กิจ", "บริ", "วิชา", "ดำเนิน", "ประ", "อา", "ปฏิบัติ", "สห", "กรรม"),
    "หน้าที่": ("เจ้า",),
    "ใน": ("ภาย",),
    "ที่": ("หน้า", "พื้น"),
    "ต่อ": ("ติด",),
}
# Break kinds, cheapest first; the value is the penalty. An extra line costs _LINE_PENALTY, so a
# break inside a word is only taken when avoiding it would need two more lines.
_AT_SPACE, _BEFORE_WORD, _BEFORE_LEADING_VOWEL, _ANYWHERE = 0, 1, 2, 6
_LINE_PENALTY = 3


def _word_starts_at(text: str, i: int) -> bool:
    for word in _WORDS_BY_FIRST.get(text[i : i + 1], ()):
        if text.startswith(word, i) and not text.endswith(_COMPOUND_STEMS.get(word, ()), 0, i):
            end = i + len(word)
            if end == len(text) or not is_zero_width(text[end]):  # "ใน" must not match the start of "ใน้"
                return True
    return False


def _break_candidates(text: str) -> list[tuple[int, int, int]]:
    """Legal breaks as (penalty, end of this line, start of the next line)."""
    found = []
    for i in range(1, len(text)):
        ch, prev = text[i], text[i - 1]
        if ch == " ":
            # the same rules as elsewhere on both sides: "เ x" must not end a line with เ, "x ะ" start one with ะ
            after = text[i + 1 : i + 2]
            if prev not in _NO_LINE_END and not (after and (is_zero_width(after) or after in _NO_LINE_START)):
                found.append((_AT_SPACE, i, i + 1))
            continue
        if prev == " " or is_zero_width(ch) or ch in _NO_LINE_START or prev in _NO_LINE_END:
            continue
        if prev.isascii() and prev.isalnum() and ch.isascii() and ch.isalnum():
            continue  # inside a Latin word or a number
        if _word_starts_at(text, i):
            found.append((_BEFORE_WORD, i, i))
        elif ch in _LEADING_VOWELS:
            found.append((_BEFORE_LEADING_VOWEL, i, i))
        else:
            found.append((_ANYWHERE, i, i))
    return found


def wrap_thai(text: str, width: int = 18) -> str:
    """Wrap a label into lines of at most ``width`` character cells, joined with "\\n".

    Width counts base characters only (Thai vowels above/below and tone marks take no cell).
    A line is only ever broken before a base character: never before a combining mark, never
    before SARA A/AA/AM, LAKKHANGYAO, MAI YAMOK or PAIYANNOI, never after a leading vowel
    (เ แ โ ใ ไ), and not inside a Latin word or number. Among the layouts with the fewest cells
    over ``width`` it takes the cheapest: breaks at spaces cost nothing, then before a known word
    ("การ", "ของ", "ข้อมูล" ... outside compounds like ราชการ), then before a leading vowel, and
    only then anywhere (as costly as two extra lines); ties go to the most even lines.
    Thai is written without spaces between words and only a small ITA vocabulary is known, so a
    break inside a word remains possible when nothing better fits.
    The time taken grows with the length of the text times ``width`` (see :func:`best_breaks`).
    """
    text = " ".join(str(text).split())
    if display_width(text) <= width:
        return text
    lines, start = [], 0
    for end, nxt in best_breaks(text, width):
        lines.append(text[start:end].strip())
        start = nxt
    lines.append(text[start:].strip())
    return "\n".join(lines)


def best_breaks(text: str, width: int) -> list[tuple[int, int]]:
    """The breaks (end of a line, start of the next) of :func:`wrap_thai`'s layout of ``text`` (its
    spaces already collapsed): the least (cells over ``width``, penalty, raggedness), then the
    earliest first break, found from the end of the text back to its start, without recursion.

    A line wider than ``width`` with a legal break inside it is never best (breaking there leaves
    fewer cells over), so from each start only the breaks whose line fits and the first one past
    the width are weighed: about ``width`` of them, whatever the length of the text.
    """
    n = len(text)
    cells = [0, *itertools.accumulate(0 if is_zero_width(ch) else 1 for ch in text)]  # cells of text[:k]
    candidates = _break_candidates(text)
    ends = [end for _, end, _ in candidates]
    # for each start of a line: (cells over, penalty, raggedness, its first break or () for none)
    best: dict[int, tuple[int, int, int, tuple[int, ...]]] = {}
    for start in sorted({0, *(nxt for _, _, nxt in candidates)}, reverse=True):
        rest = cells[n] - cells[start]
        option = (max(0, rest - width), _LINE_PENALTY, (width - rest) ** 2 if rest <= width else 0, ())
        k = bisect.bisect_right(ends, start)
        while rest > width and k < len(candidates):
            kind, end, nxt = candidates[k]
            k += 1
            line = cells[end] - cells[start] - (text[end - 1] == " ")
            if line == 0 or nxt >= n:
                continue
            over, penalty, ragged, _ = best[nxt]
            here = (max(0, line - width), kind + _LINE_PENALTY, (width - line) ** 2 * (line <= width))
            option = min(option, (over + here[0], penalty + here[1], ragged + here[2], (end, nxt)))
            if line > width:
                break
        best[start] = option
    breaks, start = [], 0
    while best[start][3]:
        end, start = best[start][3]
        breaks.append((end, start))
    return breaks


def known_words(text: str) -> list[str]:
    """``text`` cut at its spaces and before the known words of :func:`wrap_thai` ("การ", "ที่",
    "ข้อมูล" ...): "ลำดับที่" gives "ลำดับ", "ที่". A piece may still hold several words the
    list does not know ("คะแนนเฉลี่ย")."""
    text = " ".join(str(text).split())
    cuts = [(end, nxt) for kind, end, nxt in _break_candidates(text) if kind in (_AT_SPACE, _BEFORE_WORD)]
    out, start = [], 0
    for end, nxt in cuts:
        out.append(text[start:end])
        start = nxt
    out.append(text[start:])
    return [w for w in out if w]
