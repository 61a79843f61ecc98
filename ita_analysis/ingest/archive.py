"""The parts of an .xlsx or .docx archive checked against the limits before a library opens it.

An Office file is a zip archive whose central directory declares each part's inflated size. Those
claims are checked first (:func:`check_archive`): the number of parts, each part's size and their
sum (:class:`~ita_analysis.limits.Limits`). A claim can lie: Python's ``zipfile`` stops a part at
its declared size when it is read in pieces, but reading a part whole (as openpyxl reads the
workbook's index and styles, and python-docx every part) inflates all of it in one step before
cutting it to that size, so a part that declares a few bytes and inflates to gigabytes takes the
memory first. Every part that could inflate past its declared size by more than a little is
therefore inflated once in pieces here, and refused when it does. Office files store their parts
plainly or deflated; another method (bzip2, LZMA: inflated in one step whatever the reading) is
refused too.
"""

from __future__ import annotations

import copy
import struct
import zipfile
from pathlib import Path

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.limits import Limits, current_limits, over_limit

OFFICE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
DEFLATE_RATIO = 1032
"""The most one byte of deflated data can inflate to (deflate's own bound is about 1,032 to 1)."""
TRUSTED_BYTES = 64 << 20
"""A part that cannot inflate past its declared size by more than this is not inflated to check it."""
XML_SUFFIXES = (".xml", ".rels", ".vml")
_PIECE = 1 << 20
_END_SEARCH = 22 + 0xFFFF + 20  # the end record, its comment, and a zip64 locator before it


def check_archive(path: str | Path, what: str, streamed: tuple[str, ...] = (), limits: Limits | None = None) -> None:
    """Refuse an archive (``what``: "an XLSX workbook", "a Word .docx document") whose parts are
    more, or inflate to more, than the limits allow, or inflate past the size they declare.

    An XML part is read whole into a tree, and limited to ``xml_bytes``, unless its name starts
    with one of ``streamed`` (a workbook's sheets, read in pieces); other parts (images) to
    ``member_bytes``. A file that is no zip archive passes: the library that opens it says so."""
    path = Path(path)
    name = str(path)
    limits = limits or current_limits()
    declared = declared_parts(path)
    if declared is not None and declared > limits.archive_members:  # before zipfile reads them all
        raise InputError([over_limit(name, N_("parts in one archive"), declared, "archive_members", limits)])
    try:
        with zipfile.ZipFile(path) as archive:
            _check_claims(archive, name, what, limits, streamed)
            for info in archive.infolist():
                if _could_lie(info):
                    _check_part(archive, info, name, what)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return  # not an archive, or damaged: the library's own message says so


def declared_parts(path: Path) -> int | None:
    """The number of parts an archive's end record declares (its zip64 record's where it has one),
    read before ``zipfile`` makes an object of each; None when there is no end record."""
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - _END_SEARCH))
        tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    (parts,) = struct.unpack_from("<H", tail, at + 10)
    locator = at - 20
    if parts == 0xFFFF and locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        (record,) = struct.unpack_from("<Q", tail, locator + 8)
        with path.open("rb") as f:
            f.seek(record)
            head = f.read(56)
        if len(head) == 56 and head[:4] == b"PK\x06\x06":
            (parts,) = struct.unpack_from("<Q", head, 32)
    return parts


def _check_claims(archive: zipfile.ZipFile, name: str, what: str, limits: Limits, streamed: tuple[str, ...]) -> None:
    infos = archive.infolist()
    if len(infos) > limits.archive_members:
        raise InputError([over_limit(name, N_("parts in one archive"), len(infos), "archive_members", limits)])
    for info in infos:
        if info.compress_type not in OFFICE_METHODS:
            why = _(
                "{what} whose parts are stored or deflated, as Office saves them: its part "
                "'{part}' uses compression method {method}; open it in its program and save it again"
            ).format(what=_(what), part=info.filename, method=info.compress_type)
            raise InputError([Problem(name, None, None, None, why)])
        where = _("{file} (part {part})").format(file=name, part=info.filename)
        if info.file_size > limits.member_bytes:
            raise InputError(
                [over_limit(where, N_("bytes in one part, inflated"), info.file_size, "member_bytes", limits)]
            )
        if _whole_xml(info.filename, streamed) and info.file_size > limits.xml_bytes:
            what_part = N_("bytes in one XML part read whole, inflated")
            raise InputError([over_limit(where, what_part, info.file_size, "xml_bytes", limits)])
    total = sum(info.file_size for info in infos)
    if total > limits.archive_bytes:
        raise InputError([over_limit(name, N_("bytes in all parts, inflated"), total, "archive_bytes", limits)])


def _whole_xml(part: str, streamed: tuple[str, ...]) -> bool:
    """Whether a part is XML that its library reads whole into a tree."""
    return part.lower().endswith(XML_SUFFIXES) and not part.startswith(streamed)


def _could_lie(info: zipfile.ZipInfo) -> bool:
    """Whether a part could inflate past its declared size by more than :data:`TRUSTED_BYTES`."""
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return False  # stored: read as it lies in the file
    return info.compress_size * DEFLATE_RATIO > info.file_size + TRUSTED_BYTES


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, what: str) -> None:
    """Inflate a part in pieces, refusing it as soon as it passes its declared size."""
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1  # zipfile stops there: one byte more says the claim is false
    del probe.CRC  # no checksum of the probe's pieces: only their length counts here
    inflated = 0
    try:
        with archive.open(probe) as part:
            while inflated <= info.file_size and (piece := part.read(_PIECE)):
                inflated += len(piece)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        why = _("{what} that is not damaged: its part '{part}' cannot be inflated ({error})").format(
            what=_(what), part=info.filename, error=exc
        )
        raise InputError([Problem(name, None, None, None, why)]) from None
    if inflated > info.file_size:
        why = _(
            "{what} whose parts are the size they declare: its part '{part}' declares {size:,} bytes but "
            "inflates to more (the file is damaged, or made to exhaust memory)"
        ).format(what=_(what), part=info.filename, size=info.file_size)
        raise InputError([Problem(name, None, None, None, why)])


def unreadable(what: str, exc: Exception) -> str:
    """What a library's failure to open an archive says (``what``: "a readable XLSX workbook")."""
    if isinstance(exc, MemoryError):
        return _(
            "{what}: reading it needs more memory than the program has; open it in its program and save it again"
        ).format(what=_(what))
    return _("{what} ({error})").format(what=_(what), error=exc)
