"""Opaque RGB PNG files written straight from the pixels, quicker than through Pillow.

Each row is stored with PNG's "Up" filter (the difference from the row above, worked out for the
whole image at once with numpy) and the filtered rows are compressed with zlib at level 1: a chart
is mostly white with long runs of the same colours, which this filter turns into runs of zeros. A
PNG reader restores exactly the pixels given (PNG is lossless whatever the filter); the file holds
the resolution (``pHYs``, as Pillow writes it) and nothing else besides the image.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"
UP = 2  # PNG filter type: each byte minus the byte above it
LEVEL = 1  # zlib: fast, and small enough for charts of flat colours


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def rgb_png(pixels: np.ndarray, dpi: float) -> bytes:
    """An RGB PNG of ``pixels`` (height x width x 3 or 4 bytes; a fourth channel, alpha, is dropped:
    the charts are opaque) at ``dpi`` dots per inch."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = pixels.shape[:2]
    # the filter on every channel at once (contiguous, quick), then alpha left out in one copy
    up = np.empty_like(pixels)
    up[0] = pixels[0]
    np.subtract(pixels[1:], pixels[:-1], out=up[1:])  # uint8: wraps modulo 256, as PNG's filter does
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = UP
    rows[:, 1:].reshape(height, width, 3)[:] = up[:, :, :3]
    per_metre = int(dpi / 0.0254 + 0.5)
    return b"".join(
        (
            SIGNATURE,
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", zlib.compress(rows, LEVEL)),
            _chunk(b"IEND", b""),
        )
    )


def write_rgb_png(path: Path, pixels: np.ndarray, dpi: float) -> None:
    """:func:`rgb_png` written to ``path``."""
    Path(path).write_bytes(rgb_png(pixels, dpi))
