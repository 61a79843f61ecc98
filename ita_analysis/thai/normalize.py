"""Thai text as it arrives from spreadsheets and PDF copies, made comparable.

Everything here is pure: the loader calls these once per *distinct* cell value, so a national
table of 83,000 rows costs a few thousand calls.
"""

from __future__ import annotations

import re
import unicodedata

NIKHAHIT = "\u0e4d"
SARA_AM = "\u0e33"

# Zero-width characters that PDF copies and web pages leave in Thai text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Control characters (PDF copies leave BEL, ESC and the like) other than those that are white space
# (tab, line ends, ...): no document can show them, and they would make two spellings of one name.
_INVISIBLE.update(dict.fromkeys((c for c in [*range(0x20), *range(0x7F, 0xA0)] if not chr(c).isspace()), None))
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u3000]+")


def normalize_text(value: object) -> str:
    """Clean one cell of text: NFC, SARA AM composed, invisible and control characters dropped,
    spaces collapsed.

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
