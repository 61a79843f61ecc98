"""The charts' PNG data go into the PDF as they are: the same pixels, not compressed again."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from conftest import AGENCY, sample_analysis
from PIL import Image
from pypdf import PdfReader

from ita_analysis.report.charts.png import rgb_png
from ita_analysis.report.pdf import write_pdf
from ita_analysis.report.pdf_images import idat_data


def pillow_png(image: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", **kw)
    return buf.getvalue()


def test_idat_data_of_an_opaque_rgb_png_only():
    rng = np.random.default_rng(3)
    rgb = rng.integers(0, 256, size=(9, 11, 3), dtype=np.uint8)
    png = rgb_png(rgb, 200)
    data = idat_data(png)
    # the rows as stored: a filter byte and 33 bytes each, which PDF's PNG predictor reads as they are
    assert data is not None and len(zlib.decompress(data)) == 9 * (1 + 11 * 3)
    split = pillow_png(Image.fromarray(rgb))  # Pillow's file, one IDAT chunk or several: all of them
    assert zlib.decompress(idat_data(split)) is not None
    assert idat_data(pillow_png(Image.fromarray(rgb).convert("RGBA"))) is None  # alpha
    assert idat_data(pillow_png(Image.fromarray(rgb).convert("P"))) is None  # palette
    assert idat_data(pillow_png(Image.fromarray(rgb).convert("L"))) is None  # grey
    assert idat_data(pillow_png(Image.fromarray(rgb), transparency=(0, 0, 0))) is None  # a transparent colour
    interlaced = bytearray(png)
    interlaced[8 + 8 + 12] = 1  # IHDR's interlace byte
    assert idat_data(bytes(interlaced)) is None
    assert idat_data(b"GIF89a") is None


@pytest.fixture(scope="module")
def pdf_and_charts(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    a = sample_analysis(agency=AGENCY, output_dir=out).replace(svg=False)
    a.save(a.results())
    a.save(a.comparison())
    charts = {"indicators": out / "chart_indicators.png", "comparison": out / "chart_comparison.png"}
    return write_pdf(a.document(AGENCY, charts=charts), out / "measures.pdf"), charts


def test_the_pdf_holds_the_charts_data_as_written(pdf_and_charts):
    pdf, charts = pdf_and_charts
    images = {}  # pages share their resources: each image once, by its object number
    for page in PdfReader(pdf).pages:
        for ref in page["/Resources"].get("/XObject", {}).values():
            if ref.get_object()["/Subtype"] == "/Image":
                images[ref.idnum] = ref.get_object()
    streams = [images[k] for k in sorted(images)]
    assert len(streams) == 2
    for stream, path in zip(streams, charts.values(), strict=True):
        png = path.read_bytes()
        width, height = struct.unpack(">II", png[16:24])
        assert (stream["/Width"], stream["/Height"]) == (width, height)
        assert stream._data == idat_data(png)  # not decoded and compressed again
        with Image.open(path) as image:
            assert np.array_equal(np.asarray(stream.decode_as_image().convert("RGB")), np.asarray(image))
