"""Charts: structure, Thai text and digits, fonts actually used, plain-text labels, safe output.

Data: OCSC (สำนักงาน ก.พ.) ITA results, FY2562 and FY2563, as published.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from chart_text import legend_texts
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from ita_analysis.frameworks import load_framework
from ita_analysis.report import charts
from ita_analysis.report.fonts import FAMILY, register_matplotlib_fonts, sarabun_file
from ita_analysis.thai.wrap import display_width

# indicator, tool, Thai name, FY2562 score, FY2563 score
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
NAMES = [r[2] for r in OCSC]
ASCII_DIGIT = re.compile(r"[0-9]")
THAI_DIGIT = re.compile(r"[๐-๙]")


@pytest.fixture
def results() -> pd.DataFrame:
    """FY2563 indicator results, rows deliberately out of order."""
    df = pd.DataFrame(OCSC, columns=["indicator", "tool", "name_th", "s2562", "s2563"])
    return df.rename(columns={"s2563": "score"}).drop(columns="s2562").iloc[::-1]


@pytest.fixture
def comparison() -> pd.DataFrame:
    df = pd.DataFrame(OCSC, columns=["indicator", "tool", "name_th", "score_previous", "score_current"])
    return df.drop(columns="tool")


@pytest.fixture
def summary() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "agency": ["OCSC", "OCSC"],
            "fiscal_year": [2562, 2563],
            "iit": [80.31, 80.43],
            "eit": [79.86, 78.98],
            "oit": [97.64, 86.53],
            "total": [87.11, 82.44],
        }
    )


@pytest.fixture
def fw():
    """The FY2563 framework the OCSC figures were assessed under (pass mark 85, weights 0.3/0.3/0.4)."""
    return load_framework(2563)


CONTRIBUTIONS = {"iit_weighted": 24.13, "eit_weighted": 23.70, "oit_weighted": 34.61, "total": 82.44}


def texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text in the figure after a draw (tick labels included)."""
    FigureCanvasAgg(fig).draw()
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def strings(fig: Figure) -> list[str]:
    return [t.get_text() for t in texts(fig)]


# The FY2563 framework file's Thai tool names, as published by NACC
TOOL_NAMES = ["แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก", "แบบตรวจการเปิดเผยข้อมูลสาธารณะ"]


def ytick_labels(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


def all_charts(fw, results, comparison, summary, digits="arabic") -> dict[str, Figure]:
    return {
        "indicator_bars": charts.indicator_bars(results, framework=fw, target=90, title="ITA 2563", digits=digits),
        "comparison_bars": charts.comparison_bars(
            comparison, framework=fw, previous_year=2562, current_year=2563, title="เทียบ 2562 กับ 2563", digits=digits
        ),
        "trend_lines": charts.trend_lines(summary, framework=fw, title="แนวโน้ม", digits=digits),
        "tool_contributions": charts.tool_contributions(CONTRIBUTIONS, framework=fw, title="ปี 2563", digits=digits),
    }


# --- fonts ----------------------------------------------------------------------------------


def test_sarabun_files_exist():
    for weight in ("Regular", "Bold", "Italic", "BoldItalic"):
        path = sarabun_file(weight)
        assert path.is_file() and path.name == f"Sarabun-{weight}.ttf"


def test_sarabun_file_missing_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="Sarabun-Heavy.ttf.*available styles"):
        sarabun_file("Heavy")


def test_registering_fonts_twice_is_harmless():
    assert register_matplotlib_fonts() == FAMILY
    assert register_matplotlib_fonts() == FAMILY
    regular = str(sarabun_file("Regular"))
    assert sum(entry.fname == regular for entry in font_manager.fontManager.ttflist) == 1
    assert mpl.rcParams["font.family"][0] == "Sarabun"
    assert mpl.rcParams["font.sans-serif"].count("Sarabun") == 1
    assert "DejaVu Sans" in mpl.rcParams["font.sans-serif"]
    assert mpl.rcParams["text.parse_math"] is False
    assert mpl.rcParams["axes.unicode_minus"] is False


def test_thai_label_is_drawn_with_sarabun(fw, results, comparison):
    fig = charts.indicator_bars(results, framework=fw)
    FigureCanvasAgg(fig).draw()
    label = next(t for t in fig.axes[0].get_yticklabels() if "การปฏิบัติหน้าที่" in t.get_text())
    assert Path(font_manager.findfont(label.get_fontproperties(), fallback_to_default=False)) == sarabun_file("Regular")
    # the bold change labels resolve to the bold file
    fig = charts.comparison_bars(comparison, framework=fw, previous_year=2562, current_year=2563)
    change = next(t for t in texts(fig) if t.get_text() == "+0.22")
    assert Path(font_manager.findfont(change.get_fontproperties(), fallback_to_default=False)) == sarabun_file("Bold")


def test_charts_keep_sarabun_and_plain_text_after_rc_reset(fw, results):
    """A later rcdefaults() (or a notebook style) must not undo the chart's font or plain text."""
    with mpl.rc_context():
        mpl.rcdefaults()
        assert mpl.rcParams["text.parse_math"] is True
        fig = charts.indicator_bars(results, framework=fw, title="ราคา $5 และ $6")
        for text in texts(fig):
            assert text.get_fontproperties().get_family()[0] == "Sarabun"
        labels = [t for t in texts(fig) if t.get_text() in {"ราคา $5 และ $6", *ytick_labels(fig)}]
        assert labels and not any(t.get_parse_math() for t in labels)


# --- the charts -----------------------------------------------------------------------------


def test_indicator_bars(fw, results):
    fig = charts.indicator_bars(results, framework=fw, target=90, title="ผลคะแนน ITA พ.ศ. 2563")
    assert isinstance(fig, Figure)
    assert tuple(fig.get_size_inches()) == (8.0, 4.5)
    ax = fig.axes[0]
    (bars,) = ax.containers
    assert len(bars) == 10
    # indicator 1 at the top: bars in indicator order, y axis inverted
    assert [round(b.get_width(), 2) for b in bars] == [r[4] for r in OCSC]
    assert ax.yaxis_inverted()
    assert ytick_labels(fig) == [f"{r[0]} {r[2]}" for r in OCSC]
    assert len({tuple(b.get_facecolor()) for b in bars}) == 3
    # the colours the FY2562-FY2569 charts have always had: IIT blue, EIT orange, OIT bluish green
    fills = [mpl.colors.to_hex(b.get_facecolor()).upper() for b in bars]
    assert fills == ["#0072B2"] * 5 + ["#E69F00"] * 3 + ["#009E73"] * 2
    assert legend_texts(fig) == TOOL_NAMES  # the tools' Thai names, not their codes
    assert ax.get_xlim() == (0, 100)
    shown = strings(fig)
    for value in ("89.29", "78.61", "87.50", "เกณฑ์ผ่าน 85", "เป้าหมาย 90", *TOOL_NAMES):
        assert value in shown
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and dashed[0].get_xdata()[0] == 85


def test_indicator_bars_without_target_and_with_missing_score(fw, results):
    results.loc[results["indicator"] == 3, "score"] = np.nan
    fig = charts.indicator_bars(results, framework=fw)
    shown = strings(fig)
    assert not any(s.startswith("เป้าหมาย") for s in shown)
    assert "ไม่มีข้อมูล" in shown
    assert len(fig.axes[0].lines) == 1  # the pass mark only


@pytest.mark.parametrize("dpi", [110, 200])
@pytest.mark.parametrize("target", [None, 90, 95])
def test_indicator_value_labels_clear_of_the_pass_mark_line(fw, results, target, dpi):
    """The pass-mark line (and the target's, where the label has a clear place) runs through no value
    label's box, at the resolutions the charts are written at; every value is still shown once."""
    fig = charts.indicator_bars(results, framework=fw, target=target, digits="thai")
    fig.set_dpi(dpi)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    values = [t for t in ax.texts if re.fullmatch(r"[๐-๙]+\.[๐-๙]{2}", t.get_text())]
    assert sorted(t.get_text() for t in values) == sorted(
        f"{r[4]:.2f}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) for r in OCSC
    )
    (pass_x,) = {line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--"}
    line_px = ax.transData.transform((pass_x, 0))[0]
    for t in values:
        box = t.get_window_extent()
        assert not box.x0 <= line_px <= box.x1, t.get_text()
        assert box.x1 - box.x0 > 0
    if target == 95:  # 75.78 would end a hair before the line at 85: it moves into its bar
        (label,) = [t for t in values if t.get_text() == "๗๕.๗๘"]
        bar_end = ax.transData.transform((75.78, 0))[0]
        assert label.get_window_extent().x1 <= bar_end


def test_comparison_bars(fw, comparison):
    fig = charts.comparison_bars(comparison, framework=fw, previous_year=2562, current_year=2563)
    ax = fig.axes[0]
    previous, current = ax.containers
    assert len(previous) == len(current) == 10
    assert [round(b.get_width(), 2) for b in current] == [r[4] for r in OCSC]
    labels = ytick_labels(fig)
    for name, label in zip(NAMES, labels, strict=True):
        assert label.replace("\n", "") == f"{OCSC[NAMES.index(name)][0]} {name}"
        for line in label.split("\n"):
            assert display_width(line) <= 18 + 3  # the number prefix is not counted
    assert "\n" in labels[3]  # การใช้ทรัพย์สินของราชการ: 20 cells, wrapped
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["พ.ศ. 2562", "พ.ศ. 2563"]
    by_text = {t.get_text(): t for t in texts(fig)}
    assert "+0.22" in by_text and "\u22120.79" in by_text and "\u221212.50" in by_text
    down, up = by_text["\u22120.79"].get_color(), by_text["+0.22"].get_color()
    red, green, blue = mpl.colors.to_rgb(down)
    assert red > 0.6 and red > 2 * green and red > 2 * blue  # declines in a red-ish colour
    assert mpl.colors.to_rgb(up) != mpl.colors.to_rgb(down)


def test_comparison_bars_previous_missing(fw, comparison):
    comparison.loc[comparison["indicator"] == 2, "score_previous"] = np.nan
    fig = charts.comparison_bars(comparison, framework=fw, previous_year=2562, current_year=2563)
    shown = strings(fig)
    assert "ไม่มีข้อมูล" in shown
    assert "\u22120.79" not in shown  # no change without a previous score
    assert sum(s.startswith(("+", "\u2212")) for s in shown) == 9


def test_trend_lines(fw, summary):
    fig = charts.trend_lines(summary, framework=fw)
    ax = fig.axes[0]
    series = [line for line in ax.lines if line.get_label() in {*TOOL_NAMES, charts.TOTAL_LABEL}]
    assert [line.get_label() for line in series] == [*TOOL_NAMES, charts.TOTAL_LABEL]
    assert legend_texts(fig) == [*TOOL_NAMES, charts.TOTAL_LABEL, "เกณฑ์ผ่าน 85"]
    ys = [list(line.get_ydata()) for line in series]
    assert ys == [[80.31, 80.43], [79.86, 78.98], [97.64, 86.53], [87.11, 82.44]]
    assert [line.get_color() for line in series[:3]] == ["#0072B2", "#E69F00", "#009E73"]
    assert all(line.get_marker() not in (None, "", "None") for line in series)
    pass_line = [line for line in ax.lines if line.get_label() == "เกณฑ์ผ่าน 85"]
    assert len(pass_line) == 1 and set(pass_line[0].get_ydata()) == {85}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2562", "2563"]
    assert list(ax.get_xticks()) == [2562, 2563]
    shown = strings(fig)
    for value in ("87.11", "82.44", "97.64", "86.53", "80.31", "79.86"):
        assert value in shown


def test_trend_value_labels_do_not_overlap(fw, summary):
    fig = charts.trend_lines(summary, framework=fw)
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.axes[0].texts if re.fullmatch(r"\d+\.\d\d", t.get_text())]
    assert len(labels) == 8
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_trend_lines_refuses_ce_years(fw, summary):
    with pytest.raises(ValueError, match="CE"):
        charts.trend_lines(summary.assign(fiscal_year=[2019, 2020]), framework=fw)


def test_tool_contributions(fw):
    fig = charts.tool_contributions(CONTRIBUTIONS, framework=fw)
    ax = fig.axes[0]
    maximum, actual, total = ax.containers
    assert [b.get_width() for b in maximum] == [30, 30, 40]
    assert [round(b.get_width(), 2) for b in actual] == [24.13, 23.70, 34.61]
    assert [round(b.get_width(), 2) for b in total] == [82.44]
    assert legend_texts(fig) == TOOL_NAMES
    assert all(b.get_alpha() < 0.5 for b in maximum)  # faint, behind
    assert all(m.get_zorder() < a.get_zorder() for m, a in zip(maximum, actual, strict=True))
    shown = strings(fig)
    for label in ("IIT 24.13", "EIT 23.70", "OIT 34.61", "คะแนนรวม 82.44", "IIT เต็ม 30", "OIT เต็ม 40"):
        assert label in shown
    by_text = {t.get_text(): t for t in texts(fig)}
    # text on the fills as before: white on blue, near-black on orange and bluish green
    assert [by_text[label].get_color() for label in ("IIT 24.13", "EIT 23.70", "OIT 34.61")] == [
        "white",
        "#1A1A1A",
        "#1A1A1A",
    ]


def test_tool_contributions_bars_sit_in_their_bands(fw):
    """Each tool's bar starts where its band starts and has the band's height: the IIT band is 0-30,
    EIT 30-60, OIT 60-100 (weights 0.3, 0.3, 0.4), so the bars run 0-24.13, 30-53.70 and 60-94.61."""
    fig = charts.tool_contributions(CONTRIBUTIONS, framework=fw)
    bands, bars, total = fig.axes[0].containers
    band_boxes = [b.get_bbox() for b in bands]
    bar_boxes = [b.get_bbox() for b in bars]
    assert [(round(b.x0, 2), round(b.x1, 2)) for b in band_boxes] == [(0, 30), (30, 60), (60, 100)]
    assert [(round(b.x0, 2), round(b.x1, 2)) for b in bar_boxes] == [(0, 24.13), (30, 53.70), (60, 94.61)]
    for band, bar in zip(band_boxes, bar_boxes, strict=True):
        assert (bar.y0, bar.y1) == (band.y0, band.y1)  # the same row and height as its band
    (whole,) = (b.get_bbox() for b in total)
    assert (round(whole.x0, 2), round(whole.x1, 2)) == (0, 82.44)
    assert whole.y1 < min(b.y0 for b in band_boxes)  # the total on its own row, below the tools


def test_tool_contributions_accepts_a_summary_row(fw, summary):
    row = pd.Series({"iit_weighted": 24.13, "eit_weighted": 23.70, "oit_weighted": 34.61, "total": 82.44})
    assert isinstance(charts.tool_contributions(row, framework=fw), Figure)
    with pytest.raises(ValueError, match="oit_weighted must be from 0 to 40 points"):
        charts.tool_contributions({**CONTRIBUTIONS, "oit_weighted": 41.0}, framework=fw)
    assert isinstance(charts.tool_contributions({**CONTRIBUTIONS, "iit_weighted": 30.0}, framework=fw), Figure)


def test_thai_digits_everywhere(fw, results, comparison, summary):
    for name, fig in all_charts(fw, results, comparison, summary, digits="thai").items():
        shown = strings(fig)
        assert not [s for s in shown if ASCII_DIGIT.search(s)], name
        assert sum(bool(THAI_DIGIT.search(s)) for s in shown) >= 10, name
    fig = charts.indicator_bars(results, framework=fw, digits="thai")
    assert ytick_labels(fig)[0] == "๑ การปฏิบัติหน้าที่"
    assert "๘๙.๒๙" in strings(fig) and "เกณฑ์ผ่าน ๘๕" in strings(fig)
    fig = charts.comparison_bars(comparison, framework=fw, previous_year=2562, current_year=2563, digits="thai")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["พ.ศ. ๒๕๖๒", "พ.ศ. ๒๕๖๓"]
    assert "+๐.๒๒" in strings(fig)
    fig = charts.trend_lines(summary, framework=fw, digits="thai")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["๒๕๖๒", "๒๕๖๓"]


def test_arabic_digits_by_default(fw, results, comparison, summary):
    for name, fig in all_charts(fw, results, comparison, summary).items():
        assert not [s for s in strings(fig) if THAI_DIGIT.search(s)], name


def test_bad_arguments(fw, results, comparison):
    with pytest.raises(ValueError, match="digits"):
        charts.indicator_bars(results, framework=fw, digits="roman")
    with pytest.raises(ValueError, match="lacks column"):
        charts.indicator_bars(results.drop(columns="tool"), framework=fw)
    with pytest.raises(ValueError, match=r"results\['tool'\] must be one of \['IIT', 'EIT', 'OIT'\].*\['XYZ'\]"):
        charts.indicator_bars(results.assign(tool="XYZ"), framework=fw)
    with pytest.raises(ValueError, match="0 to 100"):
        charts.indicator_bars(results.assign(score=101.0), framework=fw)
    with pytest.raises(ValueError, match="target must be from 0 to 100"):
        charts.indicator_bars(results, framework=fw, target=120)
    with pytest.raises(ValueError, match="2019"):
        charts.comparison_bars(comparison, framework=fw, previous_year=2019, current_year=2020)
    with pytest.raises(TypeError, match="framework"):
        charts.indicator_bars(results)  # the framework is required: no year's method is assumed


# --- plain text: "$" and backslashes from data ------------------------------------------------


def test_dollar_in_names_renders_without_mathtext(fw, results, comparison):
    odd = "ค่า $5 และ $10 ของ\\textbf{x} _ขีดล่าง"
    results.loc[results["indicator"] == 1, "name_th"] = odd
    comparison.loc[comparison["indicator"] == 1, "name_th"] = odd
    for fig in (
        charts.indicator_bars(results, framework=fw, title="$x$ ทดสอบ"),
        charts.comparison_bars(comparison, framework=fw, previous_year=2562, current_year=2563, title="$$"),
    ):
        fig.canvas = FigureCanvasAgg(fig)
        fig.canvas.draw()  # mathtext would raise on "\textbf" or box the Thai
        label = fig.axes[0].get_yticklabels()[0]
        assert "$5" in label.get_text() and "\\textbf{x}" in label.get_text().replace("\n", "")
        assert label.get_parse_math() is False
        assert fig.get_suptitle() in ("$x$ ทดสอบ", "$$")


# --- output ---------------------------------------------------------------------------------


def test_save_figure_writes_png_and_svg_atomically(tmp_path, fw, results):
    fig = charts.indicator_bars(results, framework=fw, title="ผลคะแนน")
    stem = tmp_path / "new" / "folder" / "ocsc_2563"
    paths = charts.save_figure(fig, stem)
    assert paths == [stem.with_name("ocsc_2563.png"), stem.with_name("ocsc_2563.svg")]
    png, svg = paths
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (1600, 900)  # 8 x 4.5 in at 200 dpi
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "<text" not in text  # Thai as outlines: no font needed to view
    assert sorted(p.name for p in png.parent.iterdir()) == ["ocsc_2563.png", "ocsc_2563.svg"]
    # again, over the existing files, with an explicit suffix and another dpi
    paths = charts.save_figure(fig, str(stem) + ".png", dpi=100)
    with Image.open(paths[0]) as image:
        assert image.size == (800, 450)
    assert sorted(p.name for p in png.parent.iterdir()) == ["ocsc_2563.png", "ocsc_2563.svg"]


def test_save_figure_failure_leaves_no_temp_file(tmp_path, fw, results, monkeypatch):
    fig = charts.indicator_bars(results, framework=fw)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", fail)
    with pytest.raises(RuntimeError):
        charts.save_figure(fig, tmp_path / "chart")
    assert list(tmp_path.iterdir()) == []


def test_importing_charts_needs_no_pyplot_or_backend():
    code = (
        "import sys, matplotlib; import ita_analysis.report.charts; "
        "assert 'matplotlib.pyplot' not in sys.modules; "
        "print(getattr(matplotlib.rcParams, '_get_backend_or_none', lambda: None)())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"MPLBACKEND": "", "PATH": ""}
    )
    assert out.stdout.strip() == "None"  # no backend chosen or forced


def test_a_long_title_is_wrapped_with_the_year_whole(fw):
    title = "คะแนนรวม 42.50 (F) จาก 3 เครื่องมือ ปีงบประมาณ พ.ศ. 2563 สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"
    fig = charts.tool_contributions(CONTRIBUTIONS, framework=fw, title=title)
    assert fig.get_suptitle().split("\n") == [
        "คะแนนรวม 42.50 (F) จาก 3 เครื่องมือ",
        "ปีงบประมาณ พ.ศ. 2563 สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
    ]
