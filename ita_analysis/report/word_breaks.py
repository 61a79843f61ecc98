"""Thai compound words kept whole on a line in the Word file, where the PDF keeps them.

Word and LibreOffice break Thai lines with their own dictionaries, which cut compounds that the
PDF's line breaker (libthai, through Pango, as WeasyPrint lays the PDF out) keeps whole:
LibreOffice ends a line with "รับ" and starts the next with "รู้", or splits "งบ|ประมาณ",
"เปิด|เผย". The Word file therefore carries, invisible and of zero width, a WORD JOINER (U+2060,
:data:`NO_BREAK`: no line break here) at the joints of such compounds, and a ZERO WIDTH SPACE
(U+200B, :data:`BREAK`: a line may break here) on either side of a word so joined, where the
PDF's breaker sees a word end, so that the reader's dictionary segments the text around the word
as the PDF's does rather than out of its context ("องค์กร" joined, "กรอ|ย่าง" would follow; after
an opening bracket, "(เก|ณฑ์"). A
joint is a place inside one of libthai's words where the word splits into two parts themselves
made of libthai's words ("รับ" + "รู้", "งบ" + "ประมาณ", "ผู้รับ" + "ผิดชอบ"), or where two
silent letters close a syllable ("เก" + "ณฑ์"); other words get nothing, and the places where
libthai breaks (between "การ" and "รับรู้") stay open, so the Word file's lines break where the
PDF's may. (Word's own "No-Width Non Break", U+200D, is no use here: LibreOffice, like the
Unicode line-breaking rules, takes it as part of the Thai text around it and breaks after it.)

Editing: the characters show among Word's formatting marks. Word's Find matches them literally,
so a joined compound typed plainly ("รับรู้") is not found in "รับ⁠รู้"; Find and Replace of
``^u8288`` (the joiner) with nothing removes them all, at the price of the breaks they prevent.
This package reads both characters away when it reads a Word file back
(:mod:`ita_analysis.thai.normalize`).
"""

from __future__ import annotations

from functools import lru_cache

NO_BREAK = "\u2060"  # WORD JOINER: no line break here
BREAK = "\u200b"  # ZERO WIDTH SPACE: a line may break here
THAI_LETTERS = ("\u0e01", "\u0e2e")  # Thai consonants
LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ: written before their consonant
OPENING = frozenset("([{\"'\u201c\u2018")  # brackets and quotes that open
THANTHAKHAT = "\u0e4c"  # ์: the letters under it are not pronounced
CACHED = 4096  # pieces of text whose breaks are remembered


def joined(text: str) -> str:
    """``text`` with :data:`NO_BREAK` at the joints of its compound Thai words, and :data:`BREAK`
    on either side of such a word where Thai text goes on (see the module)."""
    if not any(THAI_LETTERS[0] <= ch <= "\u0e4e" for ch in text):
        return text
    out, start = [], 0
    for end in (*_line_breaks(text), len(text)):
        word = text[start:end]
        joints = set(_joints(word))
        if joints:
            glued = "".join(ch + (NO_BREAK if k + 1 in joints else "") for k, ch in enumerate(word))
            if word[0] in OPENING and _is_thai(word[1]):  # "(เกณฑ์": the bracket's Thai text segmented apart
                glued = glued[0] + BREAK + glued[1:]
            before = BREAK if start and _is_thai(text[start - 1]) and _is_thai(word[0]) else ""
            after = BREAK if end < len(text) and _is_thai(word[-1]) and _is_thai(text[end]) else ""
            word = before + glued + after
        out.append(word)
        start = end
    return "".join(out).replace(BREAK + BREAK, BREAK)


def _is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


@lru_cache(maxsize=CACHED)
def _line_breaks(text: str) -> tuple[int, ...]:
    """The places where libthai (Pango's Thai line breaker) may end a line in ``text``."""
    from weasyprint.text.line_break import get_log_attrs

    if len(text) < 2:
        return ()
    attrs = get_log_attrs(text, "th")
    return tuple(i for i in range(1, len(text)) if attrs[i].is_line_break)


def _is_word(text: str) -> bool:
    """Whether libthai knows ``text`` as one word: twice over, it is cut once, between the two."""
    return len(text) > 1 and _line_breaks(text + text) == (len(text),)


def _of_words(text: str) -> bool:
    """Whether ``text`` is made of words libthai knows, cut where libthai cuts it."""
    bounds = (0, *_line_breaks(text), len(text))
    return len(text) > 1 and all(_is_word(text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))


@lru_cache(maxsize=CACHED)
def _joints(word: str) -> tuple[int, ...]:
    """The places inside one of libthai's words (with the space after it, if any) where it splits
    into two parts made of words, between a Thai letter and a Thai consonant or leading vowel, and
    before two silent consonants (:func:`_silent_pair`)."""
    core = word.rstrip()
    if len(core) < 4:  # two words of two letters at least
        return ()
    return tuple(
        k
        for k in range(2, len(core) - 1)
        if _thai_letter(core[k - 1], core[k])
        and (_silent_pair(core, k) or (_of_words(core[:k]) and _of_words(core[k:])))
    )


def _silent_pair(word: str, k: int) -> bool:
    """Whether two consonants at ``k`` are silent under THANTHAKHAT ("ณฑ์" in "เกณฑ์", "ตร์" in
    "ศาสตร์"): they close the syllable before, and a line never starts with them."""
    return word[k + 2 : k + 3] == THANTHAKHAT and all(
        THAI_LETTERS[0] <= ch <= THAI_LETTERS[1] for ch in word[k : k + 2]
    )


def _thai_letter(before: str, at: str) -> bool:
    """Whether a line could start at ``at`` after ``before`` inside Thai text: ``at`` a consonant
    or a leading vowel, ``before`` a Thai character other than a leading vowel."""
    starts = THAI_LETTERS[0] <= at <= THAI_LETTERS[1] or at in LEADING_VOWELS
    return starts and "\u0e01" <= before <= "\u0e4e" and before not in LEADING_VOWELS
