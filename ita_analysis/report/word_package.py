"""The Word measures document's package (the .docx zip): the parts every agency's file shares
made once, the parts of one agency added to them.

python-docx makes the template of a page in the document's digits once (:class:`WordTemplate`): its
default document with the styles and the page set up (:mod:`ita_analysis.report.word_styles`),
saved, its parts kept as python-docx wrote them. All but three are the same in every agency's
file: the styles, settings, numbering, fonts, theme, the two page headers (the page number in the
document's digits), the package's relationships and the thumbnail. They are zipped once, with
``[Content_Types].xml`` for a document with or without pictures, and each agency's file is that zip
with its own ``docProps/core.xml`` (title, subject, author and dates, set by python-docx on the
kept template), ``word/document.xml`` (the template's, with the agency's body before its section
properties), ``word/_rels/document.xml.rels`` (the template's and one per picture) and the
pictures (``word/media/image<n>.png``, stored: deflating a PNG again would save a tenth of its size
for half the time the whole file takes). The parts are those python-docx saves; only their order in
the zip, their dates and the pictures' compression differ.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ita_analysis.files import atomic_path
from ita_analysis.report.document import MeasuresDocument
from ita_analysis.report.word_styles import set_properties, setup_page, setup_styles
from ita_analysis.report.word_xml import attribute

CONTENT_TYPES = "[Content_Types].xml"
CORE = "docProps/core.xml"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
PER_DOCUMENT = (CONTENT_TYPES, CORE, DOCUMENT, DOCUMENT_RELS)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_TYPE = "image/png"


class Pictures:
    """The pictures of one document, as python-docx adds them: a file's bytes once (a picture of
    the same bytes shares its part), each with the lowest relationship id the document's
    relationships leave free and the next part name ``media/image<n>.png``."""

    def __init__(self, used_rids: frozenset[str]) -> None:
        self._used = set(used_rids)
        self.parts: list[tuple[str, str, bytes]] = []  # (relationship id, target, bytes)
        self.count = 0  # pictures placed, a part shared or not

    def add(self, path: str | Path) -> tuple[str, int, int]:
        """The relationship id of the PNG file at ``path`` and its size in pixels (width, height)."""
        blob = Path(path).read_bytes()
        if not blob.startswith(PNG_SIGNATURE):
            raise ValueError(f"{path}: a chart must be a PNG file")
        size = int.from_bytes(blob[16:20], "big"), int.from_bytes(blob[20:24], "big")  # IHDR
        self.count += 1
        for rid, _, known in self.parts:
            if known == blob:
                return rid, *size
        n = next(n for n in range(1, len(self._used) + 2) if f"rId{n}" not in self._used)
        rid = f"rId{n}"
        self._used.add(rid)
        self.parts.append((rid, f"media/image{len(self.parts) + 1}.png", blob))
        return rid, *size

    def relationships(self) -> str:
        return "".join(
            f'<Relationship Id="{rid}" Type="{RT.IMAGE}" Target="{attribute(target)}"/>'
            for rid, target, _ in self.parts
        )


class WordTemplate:
    """The package of a document in ``digits`` ("thai" or "arabic"), made once by python-docx."""

    def __init__(self, digits: str) -> None:
        document = Document()
        setup_styles(document)
        setup_page(document, digits)
        self._document = document  # kept: its core properties are set for each agency
        buffer = io.BytesIO()
        document.save(buffer)
        with zipfile.ZipFile(buffer) as z:
            self._parts = {name: z.read(name) for name in z.namelist()}
        body = self._parts[DOCUMENT]
        at = body.rindex(b"<w:sectPr")  # the body's content goes before its section properties
        self._head, self._tail = body[:at], body[at:]
        self._rels = self._parts[DOCUMENT_RELS]
        self._used_rids = frozenset(re.findall(rb'Id="(rId\d+)"', self._rels))
        self._zips: dict[bool, bytes] = {}  # with pictures or without: the shared parts zipped

    def pictures(self) -> Pictures:
        return Pictures(frozenset(rid.decode() for rid in self._used_rids))

    def save(self, doc: MeasuresDocument, body: str, pictures: Pictures, path: str | Path) -> Path:
        """The .docx of ``doc`` at ``path`` (atomically): ``body`` (the body's content as
        WordprocessingML) with ``pictures``, in the shared parts."""
        set_properties(self._document, doc)
        core = self._document.part.package.part_related_by(RT.CORE_PROPERTIES).blob
        buffer = io.BytesIO(self._shared(bool(pictures.parts)))
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as z:
            z.writestr(CORE, core)
            z.writestr(DOCUMENT, self._head + body.encode("utf-8") + self._tail)
            rels = self._rels.replace(b"</Relationships>", pictures.relationships().encode() + b"</Relationships>")
            z.writestr(DOCUMENT_RELS, rels)
            for _, target, blob in pictures.parts:
                z.writestr(f"word/{target}", blob, compress_type=zipfile.ZIP_STORED)
        with atomic_path(path) as tmp:
            tmp.write_bytes(buffer.getvalue())
        return Path(path)

    def _shared(self, with_pictures: bool) -> bytes:
        """The zip of the parts every document shares, its content types with a PNG picture's or not."""
        if with_pictures not in self._zips:
            buffer = io.BytesIO()
            types = self._parts[CONTENT_TYPES]
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr(CONTENT_TYPES, _with_default(types, "png", PNG_TYPE) if with_pictures else types)
                for name, data in self._parts.items():
                    if name not in PER_DOCUMENT:
                        z.writestr(name, data)
            self._zips[with_pictures] = buffer.getvalue()
        return self._zips[with_pictures]


def _with_default(types: bytes, extension: str, content_type: str) -> bytes:
    """``[Content_Types].xml`` with a default content type for ``extension``, its defaults sorted
    by extension as python-docx sorts them."""
    root = etree.fromstring(types)
    tag = f"{{{root.nsmap[None]}}}Default"
    etree.SubElement(root, tag, Extension=extension, ContentType=content_type)
    defaults = [el for el in root if el.tag == tag]
    for el in defaults:
        root.remove(el)
    for i, el in enumerate(sorted(defaults, key=lambda el: el.get("Extension"))):
        root.insert(i, el)
    return etree.tostring(root, encoding="UTF-8", standalone=True)
