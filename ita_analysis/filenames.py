"""File names as text.

On Linux a file name is bytes; one that is not UTF-8 (``b"\\xff\\xfe.csv"``) reaches Python with each
undecodable byte as a lone surrogate (``"\\udcff\\udcfe.csv"``), which no UTF-8 file, JSON document
or terminal can hold. :func:`shown` writes such bytes as ``\\xff`` for people to read;
:func:`portable` carries such a path through JSON (a notebook's parameters, a manifest) as a
``file://`` URI of its bytes, and :func:`from_portable` turns that back into the path. Names that
are UTF-8, every name in the normal case, pass through all three unchanged.
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

FILE_URI = "file://"
"""How :func:`portable` starts a path that is not UTF-8 (never the start of an absolute path)."""


def is_utf8(text: str) -> bool:
    """True when ``text`` can be written as UTF-8 (it holds no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: object) -> str:
    """``text`` as it can be printed or written: the bytes of a file name that are not UTF-8 as
    ``\\xff``, any other lone surrogate as ``\\udxxx``; other text unchanged."""
    text = str(text)
    if is_utf8(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte (not from a file name)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def portable(path: str | Path) -> str:
    """The path as text that JSON and UTF-8 files can hold: itself when it is UTF-8, else a
    ``file://`` URI of its bytes (the path made absolute), which :func:`from_portable` reads back."""
    text = str(path)
    if is_utf8(text):
        return text
    return FILE_URI + urllib.parse.quote(os.fsencode(os.path.abspath(text)))


def from_portable(value: object) -> object:
    """The path :func:`portable` gave ``value`` for; any other value unchanged."""
    if isinstance(value, str) and value.startswith(FILE_URI):
        return os.fsdecode(urllib.parse.unquote_to_bytes(value[len(FILE_URI) :]))
    return value
