"""The PNG encoder and the painter that draws the documents' two charts of agency after agency.

Data: OCSC (สำนักงาน ก.พ.) ITA results, FY2562 and FY2563, as published.
"""

from __future__ import annotations

import io
import re
import zlib

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from ita_analysis.frameworks import load_framework
from ita_analysis.report import charts
from ita_analysis.report.charts.png import rgb_png
from ita_analysis.report.charts.style import chart_style

# indicator, tool, Thai name, FY2562 score, FY2563 score (as in test_charts.py)
OCSC = [
    (1, "IIT", "การปฏิบัติหน้าที่", 89.07, 89.29),
    (2, "IIT", "การใช้งบประมาณ", 79.40, 78.61),
    (3, "IIT", "การใช้อำนาจ", 78.89, 80.87),
    (4, "IIT", "การใช้ทรัพย์สินของราชการ", 77.51, 75.78),
    (5, "IIT", "การแก้ไขปัญหาการทุจริต", 76.70, 77.62),
    (6, "EIT", "คุณภาพการดำเนินงาน", 82.27, 85.74),
    (7, "EIT", "ประสิทธิภาพการสื่อสาร", 82.38, 75.42),
    (8, "EIT", "การปรับปรุงการทำงาน", 74.92, 75.79),
    (9, "OIT", "การเปิดเผยข้อมูล", 95.28, 85.56),
    (10, "OIT", "การป้องกันการทุจริต", 100.00, 87.50),
]
THAI_VALUE = re.compile(r"[๐-๙]+\.[๐-๙]{2}")


@pytest.fixture
def fw():
    return load_framework(2563)


@pytest.fixture
def results() -> pd.DataFrame:
    df = pd.DataFrame(OCSC, columns=["indicator", "tool", "name_th", "s2562", "score"])
    return df.drop(columns="s2562")


@pytest.fixture
def comparison() -> pd.DataFrame:
    df = pd.DataFrame(OCSC, columns=["indicator", "tool", "name_th", "score_previous", "score_current"])
    return df.drop(columns="tool")


def pixels(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as image:
        assert image.mode == "RGB"
        return np.asarray(image)


def test_png_holds_exactly_the_pixels_and_the_resolution():
    rng = np.random.default_rng(7)
    rgba = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)  # noise: every byte difference wraps somewhere
    png = rgb_png(rgba, 200)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert np.array_equal(pixels(png), rgba[:, :, :3])
    with Image.open(io.BytesIO(png)) as image:
        assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)  # 7874 dots a metre
    # the first row's filter byte is 2 ("Up"), the row compressed at zlib's level 1
    start = png.index(b"IDAT") + 4
    length = int.from_bytes(png[start - 8 : start - 4], "big")
    raw = zlib.decompress(png[start : start + length])
    assert len(raw) == 37 * (1 + 53 * 3) and raw[0] == 2


def full_draw(scene) -> np.ndarray:
    """The scene's figure drawn whole, as matplotlib draws it, with the same layout."""
    with chart_style():
        canvas = FigureCanvasAgg(scene.parts.fig)
        canvas.draw()
    return np.asarray(canvas.buffer_rgba())[:, :, :3].copy()


def test_painted_charts_are_the_figure_drawn_whole(fw, results, comparison):
    painter = charts.ChartPainter()
    drawn = [
        painter.indicator_bars(results, framework=fw, target=90, title="ผลคะแนน ITA พ.ศ. 2563", digits="thai"),
        painter.comparison_bars(comparison, framework=fw, previous_year=2562, current_year=2563, title="เทียบ"),
    ]
    for image, scene in zip(drawn, list(painter.scenes.values()), strict=True):
        painted, whole = pixels(image.png), full_draw(scene)
        assert painted.shape == whole.shape
        assert (painted != whole).any(axis=2).mean() < 0.0001  # the same but for a pixel or two


def test_an_agency_drawn_after_another_is_drawn_as_alone(fw, results):
    first, second = results.copy(), results.copy()
    first["score"] = [100.0, 12.5, 85.0, 0.0, np.nan, 99.99, 50.0, 85.01, 84.99, 100.0]
    alone = charts.ChartPainter().indicator_bars(second, framework=fw, target=90, title="กรม ข")
    painter = charts.ChartPainter()
    painter.indicator_bars(first, framework=fw, target=90, title="กรม ก")
    after = painter.indicator_bars(second, framework=fw, target=90, title="กรม ข")
    assert np.array_equal(pixels(after.png), pixels(alone.png))
    assert len(painter.scenes) == 1  # one layout for both


@pytest.mark.parametrize("target", [None, 90, 95])
def test_painted_value_labels_clear_of_the_pass_mark_line(fw, results, target):
    """As in test_charts: the pass-mark line runs through no value label, every value shown once."""
    painter = charts.ChartPainter()
    painter.indicator_bars(results, framework=fw, target=target, digits="thai")
    (scene,) = painter.scenes.values()
    ax = scene.parts.ax
    values = [t for t in ax.texts if THAI_VALUE.fullmatch(t.get_text())]
    assert sorted(t.get_text() for t in values) == sorted(
        f"{r[4]:.2f}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) for r in OCSC
    )
    line_px = ax.transData.transform((fw.pass_mark, 0))[0]
    for t in values:
        box = t.get_window_extent()
        assert not box.x0 <= line_px <= box.x1, t.get_text()


def test_painted_chart_keeps_clear_of_the_figure_edges(fw, results, comparison):
    """Laid out for the widest labels: "100.00" at 100 and the change "+100.00" stay inside the figure."""
    painter = charts.ChartPainter()
    results["score"] = 100.0
    comparison["score_previous"], comparison["score_current"] = 0.0, 100.0
    painter.indicator_bars(results, framework=fw, title="ก")
    painter.comparison_bars(comparison, framework=fw, previous_year=2562, current_year=2563, title="ก")
    for scene in painter.scenes.values():
        fig = scene.parts.fig
        for text in scene.parts.ax.texts:
            box = text.get_window_extent()
            assert 0 <= box.x0 and box.x1 <= fig.bbox.width, text.get_text()


def test_a_painted_chart_is_saved_as_png_only(tmp_path, fw, results):
    image = charts.ChartPainter().indicator_bars(results, framework=fw)
    (png,) = charts.save_figure(image, tmp_path / "chart_indicators", svg=False)
    assert png.read_bytes() == image.png and png.name == "chart_indicators.png"
    with pytest.raises(ValueError, match="no SVG"):
        charts.save_figure(image, tmp_path / "again")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart_indicators.png"]
