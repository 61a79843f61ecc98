"""The charts' PNG files into the PDF as they are, without decoding and compressing them again.

Why: WeasyPrint 70 embeds a PNG by opening it with Pillow, writing it again as a new PNG (zlib at
Pillow's default level, the slow part) and keeping that file's compressed image data (its IDAT
chunks) as the PDF image's stream (``/FlateDecode`` with PNG predictors). An opaque 8-bit RGB PNG
that is not interlaced already holds exactly such data: its IDAT chunks are one zlib stream of
rows, each with its PNG filter byte, which the PDF's PNG predictor (15, "any filter per row")
reads as they are. For those files :func:`install` hands WeasyPrint the file's own IDAT data; any
other image (alpha, palette, grey, 16-bit, interlaced) goes the usual way. The pixels in the PDF
are the file's.

It relies on WeasyPrint 70 internals, all here: ``weasyprint.images.RasterImage._get_png_data``
is given a Pillow image opened lazily from the file's bytes (``fp``), and only its IDAT data is
used. tests/report/test_pdf.py checks the PDF's images hold the charts' pixels.
"""

from __future__ import annotations

import struct

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def idat_data(png: bytes) -> bytes | None:
    """The compressed image data of an 8-bit RGB, non-interlaced PNG (None for any other PNG)."""
    if not png.startswith(SIGNATURE):
        return None
    at, idat = len(SIGNATURE), []
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        body = png[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            _, _, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if (depth, colour, interlace) != (8, 2, 0):
                return None
        elif kind == b"IDAT":
            idat.append(body)
        elif kind in (b"tRNS", b"IEND"):
            if kind == b"tRNS":
                return None  # a transparent colour: WeasyPrint makes it RGBA
            break
        at += 12 + length
    return b"".join(idat) or None


def install() -> None:
    """Let WeasyPrint embed opaque RGB PNG files' own image data (once per process)."""
    from weasyprint.images import RasterImage

    original = RasterImage._get_png_data
    if getattr(original, "png_passthrough", False):
        return

    def get_png_data(pillow_image):
        source = getattr(pillow_image, "fp", None)
        if getattr(pillow_image, "format", None) == "PNG" and pillow_image.mode == "RGB" and source is not None:
            data = idat_data(source.getvalue()) if hasattr(source, "getvalue") else None
            if data is not None:
                return data
        return original(pillow_image)

    get_png_data.png_passthrough = True
    get_png_data.__wrapped__ = original
    RasterImage._get_png_data = staticmethod(get_png_data)
