"""Text from data made safe where a document format writes it.

Names copied out of PDFs can hold control characters, which the XML inside .xlsx and .docx files
cannot hold (the writers refuse the whole file) and which charts draw as missing glyphs; and some
fields have a length limit (document properties: 255 characters). Every writer puts text from data
through :func:`printable`, and limited fields through :func:`shortened`, so no name crashes a
document.
"""

from __future__ import annotations

import re

from ita_analysis.thai.wrap import clipped

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone surrogates and
# the two non-characters XML forbids.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
ELLIPSIS = "\u2026"
PROPERTY_LIMIT = 255  # characters in an Office document property (title, subject, author)


def printable(text: object) -> str:
    """``text`` without the control characters a document cannot hold (tab and line ends stay)."""
    return _UNPRINTABLE.sub("", str(text))


def shortened(text: object, limit: int) -> str:
    """``text`` (made printable) in at most ``limit`` characters: cut with an ellipsis when longer,
    never between a Thai letter and its vowel or tone marks."""
    text = printable(text)
    if len(text) <= limit:
        return text
    return clipped(text, max(0, limit - 1)).rstrip() + ELLIPSIS
