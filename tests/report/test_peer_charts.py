"""The peer distribution chart: panels per measure, the agency marked, the pass mark, Thai digits."""

from __future__ import annotations

import re

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from conftest import FIXTURES
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ita_analysis.frameworks import load_framework
from ita_analysis.report import charts
from ita_analysis.report.charts.peers import AGENCY_COLOUR

ASCII_DIGIT = re.compile(r"[0-9]")
THAI_DIGIT = re.compile(r"[๐-๙]")
ME = "สำนักงาน ก.พ."

# Five agencies of FY2563; the marked one is the OCSC (80.43 / 78.98 / 86.53, total 82.44)
ROWS = [
    (ME, 80.43, 78.98, 86.53, 82.44, "ก"),
    ("กรม ข", 90.00, 92.00, 95.00, 92.60, "ก"),
    ("กรม ค", 70.00, 75.00, 60.00, 67.50, "ข"),
    ("กรม ง", 85.00, 85.00, 85.00, 85.00, "ข"),
    ("กรม จ", 99.00, 97.00, 100.00, 98.80, "ก"),
]


@pytest.fixture
def year() -> pd.DataFrame:
    df = pd.DataFrame(ROWS, columns=["agency", "iit", "eit", "oit", "total", "group"])
    return df.assign(fiscal_year=2563)


def _texts(fig: Figure) -> list[str]:
    FigureCanvasAgg(fig).draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _panels(fig: Figure) -> list[tuple]:
    """(box axes, histogram axes) of each measure, in order."""
    return list(zip(fig.axes[0::2], fig.axes[1::2], strict=True))


def _vlines(ax, colour: str, style: str = "-") -> list[float]:
    """x of the vertical lines of one colour and style."""
    found = []
    for line in ax.get_lines():
        x = line.get_xdata()
        if (
            mpl.colors.same_color(line.get_color(), colour)
            and line.get_linestyle() == style
            and len(x) == 2
            and x[0] == x[1]
        ):
            found.append(float(x[0]))
    return found


def test_one_box_and_one_histogram_per_tool_and_the_total(year):
    fw = load_framework(2563)
    fig = charts.peer_distribution(year, framework=fw)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 8  # IIT, EIT, OIT, total: a box axes above a histogram axes each
    titles = [box.get_title(loc="left") for box, _ in _panels(fig)]
    assert [t.split()[0] for t in titles[:3]] == ["IIT", "EIT", "OIT"]
    assert "แบบวัดการรับรู้ของ" in titles[0] and titles[3] == "คะแนนรวม"
    for _, hist in _panels(fig):
        heights = [p.get_height() for p in hist.patches]
        assert sum(heights) == 5  # every agency in one bar of every panel
        assert _vlines(hist, "#333333", "--") == [85.0]  # the pass mark
    assert fig.get_suptitle() == "การกระจายของคะแนน ปีงบประมาณ พ.ศ. 2563 (5 หน่วยงาน)"
    # total: mean (82.44 + 92.60 + 67.50 + 85.00 + 98.80) / 5 = 426.34 / 5 = 85.268, median 85.00
    assert _panels(fig)[3][1].get_xlabel() == "คะแนน (ค่าเฉลี่ย 85.27 มัธยฐาน 85.00)"


def test_the_agency_is_marked_and_labelled_in_every_panel(year):
    fig = charts.peer_distribution(year, framework=load_framework(2563), agency=ME)
    expected = [80.43, 78.98, 86.53, 82.44]
    for (box, hist), value in zip(_panels(fig), expected, strict=True):
        assert _vlines(hist, AGENCY_COLOUR) == [value]
        assert _vlines(box, AGENCY_COLOUR) == [value]
        labels = [t.get_text() for t in hist.texts]
        assert f"{value:.2f}" in labels
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [ME, "เกณฑ์ผ่าน 85", "แท่ง: จำนวนหน่วยงานในแต่ละช่วงคะแนน"]
    handle = fig.legends[0].legend_handles[0]
    assert isinstance(handle, Line2D) and mpl.colors.same_color(handle.get_color(), AGENCY_COLOUR)


def test_thai_digits(year):
    fig = charts.peer_distribution(year, framework=load_framework(2563), agency=ME, digits="thai")
    shown = _texts(fig)
    assert not [s for s in shown if ASCII_DIGIT.search(s)]
    assert "๘๒.๔๔" in shown and "เกณฑ์ผ่าน ๘๕" in shown
    assert f"การกระจายของคะแนน ปีงบประมาณ พ.ศ. ๒๕๖๓ (๕ หน่วยงาน)\nตำแหน่งของ{ME}" in shown
    assert sum(bool(THAI_DIGIT.search(s)) for s in shown) >= 20


def test_arabic_digits_by_default(year):
    assert not [
        s for s in _texts(charts.peer_distribution(year, framework=load_framework(2563))) if THAI_DIGIT.search(s)
    ]


def test_one_group(year):
    fig = charts.peer_distribution(year, framework=load_framework(2563), agency=ME, group="ก")
    assert fig.get_suptitle() == f"การกระจายของคะแนน ปีงบประมาณ พ.ศ. 2563 (3 หน่วยงาน กลุ่ม ก)\nตำแหน่งของ{ME}"
    assert all(sum(p.get_height() for p in hist.patches) == 3 for _, hist in _panels(fig))
    with pytest.raises(ValueError, match="group"):
        charts.peer_distribution(year.drop(columns="group"), framework=load_framework(2563), group="ก")


def test_the_framework_gives_tools_and_pass_mark(monkeypatch):
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(FIXTURES / "frameworks"))
    fw = load_framework(2590)  # STAFF / USER / WEB, pass mark 80
    rng = np.random.default_rng(1)
    df = pd.DataFrame({c: rng.uniform(60, 100, 40).round(2) for c in ("staff", "user", "web", "total")})
    df["agency"] = [f"หน่วยงาน {i}" for i in range(40)]
    fig = charts.peer_distribution(df, framework=fw, agency="หน่วยงาน 3", title="")
    assert [box.get_title(loc="left").split()[0] for box, _ in _panels(fig)] == ["STAFF", "USER", "WEB", "คะแนนรวม"]
    assert all(_vlines(hist, "#333333", "--") == [80.0] for _, hist in _panels(fig))
    assert _vlines(_panels(fig)[2][1], AGENCY_COLOUR) == [float(df.loc[3, "web"])]
    assert fig.get_suptitle() == ""


def test_bad_input(year):
    fw = load_framework(2563)
    with pytest.raises(ValueError, match="not in summary_year"):
        charts.peer_distribution(year, framework=fw, agency="กรม ฮ")
    with pytest.raises(ValueError, match="fiscal year 2563 only"):
        charts.peer_distribution(year.assign(fiscal_year=[2563, 2564, 2563, 2563, 2563]), framework=fw)
    with pytest.raises(ValueError, match="lacks"):
        charts.peer_distribution(year.drop(columns="oit"), framework=fw)
    with pytest.raises(ValueError, match="digits"):
        charts.peer_distribution(year, framework=fw, digits="latin")
