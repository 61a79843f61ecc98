"""The history chart: one line per indicator of a tool over the years, falls two years running
emphasised; the tool means and total through trend_lines.

Data: สำนักงาน ก.พ. FY2562-FY2563 as published; FY2564 repeats FY2563 except indicator 2, 78.00
(79.40 -> 78.61 -> 78.00: fell two years running, flagged 2564); FY2565 repeats FY2564 except
indicator 2, 80.00. Tool means and totals worked out by hand:
  IIT 2564 = (89.29 + 78.00 + 80.87 + 75.78 + 77.62) / 5 = 401.56 / 5 = 80.312 -> 80.31
  IIT 2565 = (89.29 + 80.00 + 80.87 + 75.78 + 77.62) / 5 = 403.56 / 5 = 80.712 -> 80.71
  EIT = (85.74 + 75.42 + 75.79) / 3 = 78.983 -> 78.98; OIT = (85.56 + 87.50) / 2 = 86.53
  total 2564 = 0.3 x 80.312 + 0.3 x 78.9833 + 0.4 x 86.53 = 24.0936 + 23.695 + 34.612 = 82.4006 -> 82.40
  total 2565 = 24.2136 + 23.695 + 34.612 = 82.5206 -> 82.52
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from ita_analysis.compute.history import history_table
from ita_analysis.frameworks import load_framework
from ita_analysis.report import charts

AGENCY = "สำนักงาน ก.พ."
TOOLS = ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2
SCORES = {
    2562: [89.07, 79.40, 78.89, 77.51, 76.70, 82.27, 82.38, 74.92, 95.28, 100.00],
    2563: [89.29, 78.61, 80.87, 75.78, 77.62, 85.74, 75.42, 75.79, 85.56, 87.50],
}
SCORES[2564] = [78.00 if k == 1 else s for k, s in enumerate(SCORES[2563])]
SCORES[2565] = [80.00 if k == 1 else s for k, s in enumerate(SCORES[2564])]
FLAGGED = "2 การใช้งบประมาณ (ลดลงต่อเนื่อง 2 ปี: พ.ศ. 2564)"


@pytest.fixture
def scores() -> pd.DataFrame:
    rows = [(AGENCY, y, n, TOOLS[n - 1], s) for y, v in SCORES.items() for n, s in enumerate(v, start=1)]
    return pd.DataFrame(rows, columns=["agency", "fiscal_year", "indicator", "tool", "score"])


@pytest.fixture
def fw():
    return load_framework(2565)


def strings(fig) -> list[str]:
    FigureCanvasAgg(fig).draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def lines_by_label(fig) -> dict:
    return {line.get_label(): line for line in fig.axes[0].lines if not line.get_label().startswith("_")}


def test_one_line_per_indicator_with_the_fall_emphasised(scores, fw):
    fig = charts.tool_history(history_table(scores), framework=fw, tool="IIT", title="IIT รายปี")
    lines = lines_by_label(fig)
    names = ["1 การปฏิบัติหน้าที่", FLAGGED, "3 การใช้อำนาจ", "4 การใช้ทรัพย์สินของราชการ", "5 การแก้ไขปัญหาการทุจริต"]
    assert [k for k in lines if k[0].isdigit()] == names
    assert list(lines[FLAGGED].get_ydata()) == [79.40, 78.61, 78.00, 80.00]
    assert list(lines["1 การปฏิบัติหน้าที่"].get_xdata()) == [2562, 2563, 2564, 2565]
    widths = {k: lines[k].get_linewidth() for k in names}
    assert widths[FLAGGED] > max(w for k, w in widths.items() if k != FLAGGED)
    # a red ring on the year of the second fall, and its legend entry
    rings = [ln for ln in fig.axes[0].lines if ln.get_markerfacecolor() == "none" and len(ln.get_xdata())]
    assert len(rings) == 1 and list(rings[0].get_xdata()) == [2564] and list(rings[0].get_ydata()) == [78.00]
    assert "ปีที่ลดลงต่อเนื่อง 2 ปี" in lines
    assert set(lines["เกณฑ์ผ่าน 85"].get_ydata()) == {85}
    ax = fig.axes[0]
    assert list(ax.get_xticks()) == [2562, 2563, 2564, 2565]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2562", "2563", "2564", "2565"]
    shown = strings(fig)
    for value in ("79.40", "78.61", "78.00", "80.00", "89.07", "76.70"):
        assert value in shown
    assert "IIT รายปี" in shown and FLAGGED in shown


def test_scores_in_give_the_same_chart(scores, fw):
    a = lines_by_label(charts.tool_history(scores, framework=fw, tool="OIT"))
    b = lines_by_label(charts.tool_history(history_table(scores), framework=fw, tool="OIT"))
    assert list(a) == list(b) == ["9 การเปิดเผยข้อมูล", "10 การป้องกันการทุจริต", "เกณฑ์ผ่าน 85"]
    assert list(a["9 การเปิดเผยข้อมูล"].get_ydata()) == [95.28, 85.56, 85.56, 85.56]  # no fall in 2564: no flag


def test_tool_means_and_total_through_trend_lines(scores, fw):
    fig = charts.tool_history(scores, framework=fw, title="รวม")
    lines = lines_by_label(fig)
    # the tool lines are named as the framework file names the tools in Thai
    assert list(lines["แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน"].get_ydata()) == [80.31, 80.43, 80.31, 80.71]
    assert list(lines["แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก"].get_ydata()) == [79.86, 78.98, 78.98, 78.98]
    assert list(lines[charts.TOTAL_LABEL].get_ydata()) == [87.11, 82.44, 82.40, 82.52]
    assert "82.52" in strings(fig)


def test_a_gap_year_leaves_a_gap(scores, fw):
    fig = charts.tool_history(scores[scores["fiscal_year"] != 2564], framework=fw, tool="IIT")
    line = lines_by_label(fig)["2 การใช้งบประมาณ"]  # 2565 cannot be compared with 2563: no flag
    assert list(line.get_xdata()) == [2562, 2563, 2564, 2565]
    assert math.isnan(line.get_ydata()[2])
    assert "ไม่มีข้อมูล" in strings(fig)


def test_value_labels_do_not_overlap(scores, fw):
    fig = charts.tool_history(scores, framework=fw, tool="IIT")
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.axes[0].texts if re.fullmatch(r"\d+\.\d\d", t.get_text())]
    assert len(labels) == 20
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_thai_digits(scores, fw):
    fig = charts.tool_history(scores, framework=fw, tool="IIT", title="ปี 2562-2565", digits="thai")
    shown = strings(fig)
    assert not [s for s in shown if re.search(r"[0-9]", s)]
    assert "๒ การใช้งบประมาณ (ลดลงต่อเนื่อง ๒ ปี: พ.ศ. ๒๕๖๔)" in shown and "๗๘.๐๐" in shown
    assert "ปีที่ลดลงต่อเนื่อง ๒ ปี" in shown and "๒๕๖๒" in shown


def test_one_agency_at_a_time(scores, fw):
    two = pd.concat([scores, scores.assign(agency="อื่น")])
    with pytest.raises(ValueError, match="2 agencies"):
        charts.tool_history(two, framework=fw, tool="IIT")
    fig = charts.tool_history(two, framework=fw, tool="IIT", agency="อื่น")
    assert FLAGGED in lines_by_label(fig)
    with pytest.raises(ValueError, match="no rows for agency"):
        charts.tool_history(two, framework=fw, tool="IIT", agency="ไม่มี")
    with pytest.raises(ValueError, match="tool must be one of"):
        charts.tool_history(scores, framework=fw, tool="XYZ")
    with pytest.raises(ValueError, match="CE"):
        charts.tool_history(scores.assign(fiscal_year=scores["fiscal_year"] - 543), framework=fw, tool="IIT")


def test_renders_to_png(scores, fw, tmp_path):
    png, svg = charts.save_figure(charts.tool_history(scores, framework=fw, tool="EIT"), tmp_path / "eit")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and svg.stat().st_size > 0
