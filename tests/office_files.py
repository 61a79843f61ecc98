"""Office files (.xlsx, .docx) as a careless or hostile sender makes them: a workbook or a document
built with openpyxl or python-docx, then one part of its zip archive rewritten where the library
cannot produce the case (a stale or huge ``<dimension>``, a cell at Excel's last cell, a formula
without a saved value, a part that lies about its inflated size)."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET1 = "xl/worksheets/sheet1.xml"


def rewrite(path: Path, part: str, change: Callable[[str], str]) -> Path:
    """Rewrite one XML part of an archive in place (the other parts copied as they are)."""
    with zipfile.ZipFile(path) as old:
        parts = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts:
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            new.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def add_part(path: Path, part: str, data: bytes, *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    """Add a part to an archive (an image nobody reads, a huge part: the archive's claims are what counts)."""
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(part, data, compress_type=method)
    return path


def declare_size(path: Path, part: str, size: int) -> Path:
    """Make a part's headers (local and central) declare ``size`` bytes inflated, whatever it holds."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    central = _central_entry(data, part.encode())
    struct.pack_into("<I", data, central + 24, size)
    path.write_bytes(bytes(data))
    return path


def _central_entry(data: bytearray, name: bytes) -> int:
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == name:
            return at
        at += 4
    raise ValueError(f"no central directory entry for {name!r}")


def set_dimension(sheet_xml: str, ref: str) -> str:
    """The sheet's ``<dimension>`` set to ``ref`` ("A1:D5"), added when the sheet has none."""
    if "<dimension" in sheet_xml:
        return re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', sheet_xml)
    return re.sub(r"(<worksheet[^>]*>)", rf'\1<dimension ref="{ref}"/>', sheet_xml, count=1)


def add_rows(sheet_xml: str, rows: str) -> str:
    """Rows (their XML) added after the sheet's last row."""
    if "<sheetData/>" in sheet_xml:
        return sheet_xml.replace("<sheetData/>", f"<sheetData>{rows}</sheetData>")
    return sheet_xml.replace("</sheetData>", rows + "</sheetData>")


def cell_xml(ref: str, value: object = None, *, style: int = 0, formula: str | None = None) -> str:
    """One cell's XML: a number, an inline string, or none (only a style); ``formula`` without a saved value."""
    s = f' s="{style}"' if style else ""
    if formula is not None:
        return f'<c r="{ref}"{s}><f>{formula}</f></c>'
    if value is None:
        return f'<c r="{ref}"{s}/>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    return f'<c r="{ref}"{s} t="inlineStr"><is><t>{value}</t></is></c>'


def put_cell(sheet_xml: str, ref: str, new: str) -> str:
    """The cell ``ref`` of a sheet replaced by ``new`` (its XML)."""
    pattern = rf'<c r="{ref}"(?:[^>]*?/>|[^>]*?>.*?</c>)'
    assert re.search(pattern, sheet_xml), ref
    return re.sub(pattern, lambda _: new, sheet_xml, count=1)


def deflated_zeros(mib: int) -> bytes:
    """A raw deflate stream of ``mib`` MiB of zero bytes, about a thousandth of that long (each MiB is
    compressed alone, so the stream is one block repeated: no need to compress gigabytes)."""
    import zlib

    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    block = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * mib + packer.flush()


def add_raw_part(path: Path, part: str, raw: bytes, declared: int, crc: int = 0) -> Path:
    """Add a deflated part whose stream is ``raw`` and whose headers declare ``declared`` bytes
    inflated (true or not), written by hand: zipfile writes only what it compresses itself."""
    data = path.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    entries, size, start = struct.unpack_from("<HII", data, end + 10)
    name = part.encode()
    fixed = (20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(raw), declared, len(name))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fixed, 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fixed, 0, 0, 0, 0, 0, start) + name
    directory = data[start : start + size] + central
    moved = start + len(local) + len(raw)
    tail = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(directory), moved, 0)
    path.write_bytes(data[:start] + local + raw + directory + tail)
    return path
