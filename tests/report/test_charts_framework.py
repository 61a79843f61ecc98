"""Charts take the method from the framework: tools, their order and colours, weights, pass mark,
indicators. Checked on the made-up framework of tests/fixtures/frameworks (tools STAFF / USER / WEB,
twelve indicators, weights 0.2 / 0.3 / 0.5, pass mark 80) with values worked out by hand.

Inputs are built as DataFrames here: the charts are tested apart from the score loader.
"""

from __future__ import annotations

import dataclasses

import matplotlib as mpl
import pandas as pd
import pytest
from chart_text import legend_texts
from conftest import FIXTURES
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from ita_analysis.frameworks import Tool, load_framework
from ita_analysis.report import charts

AGENCY = "สำนักงานทดสอบกรอบใหม่"
# Indicator names of the made-up framework, and the agency's scores in madeup_scores.csv.
NAMES = [
    "ความซื่อสัตย์", "ความรับผิดชอบ", "การใช้ดุลพินิจ", "การดูแลพัสดุ", "ความรวดเร็วในการบริการ", "ความเป็นธรรม",
    "ช่องทางติดต่อ", "ข้อมูลผู้บริหาร", "แผนงานประจำปี", "รายงานการเงิน", "ประกาศจัดซื้อ", "สถิติเรื่องร้องเรียน",
]  # fmt: skip
TOOLS = ["STAFF"] * 4 + ["USER"] * 3 + ["WEB"] * 5
SCORES = {
    2589: [82.0, 88.0, 70.0, 65.0, 80.0, 95.0, 92.0, 100.0, 95.0, 85.0, 75.0, 60.0],
    2590: [80.0, 90.0, 70.0, 60.0, 85.0, 95.0, 90.0, 100.0, 90.0, 80.0, 70.0, 60.0],
}
# By hand, FY2590: STAFF (80+90+70+60)/4 = 75, USER (85+95+90)/3 = 90, WEB (100+90+80+70+60)/5 = 80;
# weighted 0.2 x 75 = 15, 0.3 x 90 = 27, 0.5 x 80 = 40; total 82.
# FY2589: STAFF (82+88+70+65)/4 = 76.25, USER (80+95+92)/3 = 89, WEB (100+95+85+75+60)/5 = 83;
# total 0.2 x 76.25 + 0.3 x 89 + 0.5 x 83 = 15.25 + 26.70 + 41.50 = 83.45.
MEANS = {2589: {"STAFF": 76.25, "USER": 89.0, "WEB": 83.0}, 2590: {"STAFF": 75.0, "USER": 90.0, "WEB": 80.0}}
ROW_2590 = {"staff_weighted": 15.0, "user_weighted": 27.0, "web_weighted": 40.0, "total": 82.0}
BLUE, ORANGE, GREEN, VERMILLION = "#0072B2", "#E69F00", "#009E73", "#D55E00"
STAFF, USER, WEB = "แบบสำรวจบุคลากร", "แบบสำรวจผู้รับบริการ", "แบบตรวจเว็บไซต์"  # the Thai names in fy2590.toml


@pytest.fixture
def fw(monkeypatch):
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(FIXTURES / "frameworks"))
    return load_framework(2590)


@pytest.fixture
def results() -> pd.DataFrame:
    """FY2590 indicator results, rows out of order."""
    df = pd.DataFrame({"indicator": range(1, 13), "name_th": NAMES, "tool": TOOLS, "score": SCORES[2590]})
    return df.iloc[::-1]


@pytest.fixture
def comparison() -> pd.DataFrame:
    return pd.DataFrame(
        {"indicator": range(1, 13), "name_th": NAMES, "score_previous": SCORES[2589], "score_current": SCORES[2590]}
    )


@pytest.fixture
def summary() -> pd.DataFrame:
    """Two years as the score summary names its columns: the lower-case tool codes."""
    return pd.DataFrame(
        {
            "fiscal_year": [2589, 2590],
            "staff": [76.25, 75.0],
            "user": [89.0, 90.0],
            "web": [83.0, 80.0],
            "total": [83.45, 82.0],
        }
    )


def strings(fig: Figure) -> list[str]:
    FigureCanvasAgg(fig).draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def hexes(patches) -> list[str]:
    return [mpl.colors.to_hex(p.get_facecolor()).upper() for p in patches]


def test_hand_worked_values_match_the_fixture_scores(fw):
    """The constants above are the fixture's: its CSV read plainly, tools and weights from the framework."""
    raw = pd.read_csv(FIXTURES / "madeup_scores.csv", encoding="utf-8-sig")
    raw.columns = ["agency", "fiscal_year", "indicator", "score"]
    mine = raw[raw["agency"] == AGENCY]
    for year, scores in SCORES.items():
        assert mine[mine["fiscal_year"] == year].sort_values("indicator")["score"].tolist() == scores
    assert [i.name_th for i in fw.indicators] == NAMES
    assert [i.tool for i in fw.indicators] == TOOLS
    assert fw.weights == {"STAFF": 0.2, "USER": 0.3, "WEB": 0.5} and fw.pass_mark == 80
    for year, means in MEANS.items():
        for tool, mean in means.items():
            picked = [s for s, t in zip(SCORES[year], TOOLS, strict=True) if t == tool]
            assert sum(picked) / len(picked) == pytest.approx(mean)
    weighted = {t: round(fw.weights[t] * MEANS[2590][t], 2) for t in fw.tool_codes}
    assert weighted == {"STAFF": 15.0, "USER": 27.0, "WEB": 40.0}


# --- what the charts take from the framework --------------------------------------------------


def test_tool_colours_follow_the_position_in_the_framework(fw):
    assert charts.tool_colours(fw) == {"STAFF": BLUE, "USER": ORANGE, "WEB": GREEN}
    assert charts.tool_text_colours(fw) == {"STAFF": "white", "USER": "#1A1A1A", "WEB": "#1A1A1A"}
    fy2563 = load_framework(2563)
    assert charts.tool_colours(fy2563) == {"IIT": BLUE, "EIT": ORANGE, "OIT": GREEN}
    assert charts.tool_text_colours(fy2563) == {"IIT": "white", "EIT": "#1A1A1A", "OIT": "#1A1A1A"}


def test_palette_is_okabe_ito_without_black():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    fills = [fill for fill, _ in charts.TOOL_PALETTE]
    assert len(fills) == len(set(fills)) == 7 and set(fills) == okabe_ito
    assert fills[:3] == [BLUE, ORANGE, GREEN]
    for fill, text in charts.TOOL_PALETTE:  # text on a fill: the better contrast of white and near-black
        others = {"white", "#1A1A1A"} - {text}
        assert _contrast(fill, text) > _contrast(fill, others.pop())


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in mpl.colors.to_rgb(colour)]
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_too_many_tools_for_the_palette_is_a_clear_error(fw):
    many = dataclasses.replace(fw, tools=tuple(Tool(f"T{k}", "เครื่องมือ", "Tool", 1 / 8) for k in range(8)))
    with pytest.raises(ValueError, match="8 tools.*at most 7"):
        charts.tool_colours(many)


def test_max_points_are_weight_times_100_without_float_noise(fw):
    assert charts.max_points(fw) == {"STAFF": 20.0, "USER": 30.0, "WEB": 50.0}
    assert charts.max_points(load_framework(2563)) == {"IIT": 30.0, "EIT": 30.0, "OIT": 40.0}
    two = dataclasses.replace(fw, tools=(Tool("A", "ก", "A", 0.45), Tool("B", "ข", "B", 0.55)))
    assert charts.max_points(two) == {"A": 45.0, "B": 55.0}  # in floating point 0.55 x 100 is 55.00000000000001


def test_trend_series_are_the_framework_tools_then_the_total(fw):
    series = charts.trend_series(fw)
    assert [(s.column, s.label, s.colour) for s in series] == [
        ("staff", STAFF, BLUE),
        ("user", USER, ORANGE),
        ("web", WEB, GREEN),
        ("total", charts.TOTAL_LABEL, "#1A1A1A"),
    ]
    assert len({s.marker for s in series}) == 4


# --- the four charts on the made-up framework -------------------------------------------------


def test_indicator_bars(fw, results):
    fig = charts.indicator_bars(results, framework=fw, title="ผลคะแนน พ.ศ. 2590")
    ax = fig.axes[0]
    (bars,) = ax.containers
    assert len(bars) == 12
    assert [b.get_width() for b in bars] == SCORES[2590]
    assert hexes(bars) == [BLUE] * 4 + [ORANGE] * 3 + [GREEN] * 5
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"{k} {name}" for k, name in enumerate(NAMES, start=1)]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [STAFF, USER, WEB]
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and list(dashed[0].get_xdata()) == [80, 80]
    shown = strings(fig)
    assert "เกณฑ์ผ่าน 80" in shown and not any("85" in s for s in shown if s.startswith("เกณฑ์"))


def test_indicator_bars_colours_and_legend_follow_the_framework_order(fw, results):
    only = results[results["tool"].isin(["WEB", "STAFF"])]
    fig = charts.indicator_bars(only, framework=fw)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [STAFF, WEB]
    assert hexes(fig.axes[0].containers[0]) == [BLUE] * 4 + [GREEN] * 5
    # the same indicators under a framework listing the tools the other way round
    reordered = dataclasses.replace(fw, tools=fw.tools[::-1])
    fig = charts.indicator_bars(results, framework=reordered)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [WEB, USER, STAFF]
    assert hexes(fig.axes[0].containers[0]) == [GREEN] * 4 + [ORANGE] * 3 + [BLUE] * 5


def test_indicator_bars_refuses_what_the_framework_does_not_have(fw, results):
    with pytest.raises(ValueError, match=r"must be one of \['STAFF', 'USER', 'WEB'\].*\['IIT'\]"):
        charts.indicator_bars(results.assign(tool="IIT"), framework=fw)
    extra = pd.DataFrame({"indicator": [13], "name_th": ["เพิ่ม"], "tool": ["WEB"], "score": [50.0]})
    with pytest.raises(ValueError, match=r"indicator numbers 1-12 of the FY2590 framework; got \[13\]"):
        charts.indicator_bars(pd.concat([results, extra]), framework=fw)


def test_pass_mark_comes_from_the_framework(fw, results, summary):
    other = dataclasses.replace(fw, pass_mark=87.5)
    fig = charts.indicator_bars(results, framework=other, target=90)
    assert [line.get_xdata()[0] for line in fig.axes[0].lines if line.get_linestyle() == "--"] == [87.5]
    assert "เกณฑ์ผ่าน 87.5" in strings(fig)
    fig = charts.trend_lines(summary, framework=other)
    assert [line.get_ydata()[0] for line in fig.axes[0].lines if line.get_label() == "เกณฑ์ผ่าน 87.5"] == [87.5]


def test_tool_contributions(fw):
    fig = charts.tool_contributions(ROW_2590, framework=fw, title="คะแนนรวม 82.00")
    maximum, actual, total = fig.axes[0].containers
    # background split 20 / 30 / 50: the weights 0.2 / 0.3 / 0.5 times 100
    assert [b.get_width() for b in maximum] == [20.0, 30.0, 50.0]
    assert [b.get_x() for b in maximum] == [0.0, 20.0, 50.0]
    # each tool's points from the left end of its own band
    assert [round(b.get_width(), 2) for b in actual] == [15.00, 27.00, 40.00]
    assert [round(b.get_x(), 2) for b in actual] == [0.00, 20.00, 50.00]
    assert [(b.get_x(), b.get_width()) for b in total] == [(0.0, 82.0)]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [STAFF, USER, WEB]
    assert hexes(actual) == [BLUE, ORANGE, GREEN] and hexes(maximum) == [BLUE, ORANGE, GREEN]
    shown = strings(fig)
    for label in ("STAFF 15.00", "USER 27.00", "WEB 40.00", "คะแนนรวม 82.00", "STAFF เต็ม 20", "USER เต็ม 30"):
        assert label in shown
    assert "WEB เต็ม 50" in shown
    assert not [s for s in shown if s.startswith(("IIT", "EIT", "OIT"))]


def test_tool_contributions_checks_against_the_framework(fw):
    with pytest.raises(ValueError, match="web_weighted must be from 0 to 50 points, not 50.5"):
        charts.tool_contributions({**ROW_2590, "web_weighted": 50.5}, framework=fw)
    with pytest.raises(ValueError, match="staff_weighted must be from 0 to 20 points, not 21"):
        charts.tool_contributions({**ROW_2590, "staff_weighted": 21.0}, framework=fw)
    assert isinstance(charts.tool_contributions({**ROW_2590, "web_weighted": 50.0}, framework=fw), Figure)
    old_keys = {"iit_weighted": 24.13, "eit_weighted": 23.70, "oit_weighted": 34.61, "total": 82.44}
    with pytest.raises(ValueError, match=r"lacks key\(s\) \['staff_weighted', 'user_weighted', 'web_weighted'\]"):
        charts.tool_contributions(old_keys, framework=fw)


def test_tool_contributions_with_four_tools(fw):
    """A fourth tool gets the fourth palette colour and its own share of the background bar."""
    four = dataclasses.replace(
        fw,
        tools=(
            Tool("STAFF", "บุคลากร", "Staff", 0.2),
            Tool("USER", "ผู้รับบริการ", "Users", 0.3),
            Tool("WEB", "เว็บไซต์", "Website", 0.3),
            Tool("AUDIT", "ตรวจสอบ", "Audit", 0.2),
        ),
    )
    row = {"staff_weighted": 15.0, "user_weighted": 27.0, "web_weighted": 24.0, "audit_weighted": 10.0, "total": 76.0}
    fig = charts.tool_contributions(row, framework=four)
    maximum, actual, _ = fig.axes[0].containers
    assert [b.get_width() for b in maximum] == [20.0, 30.0, 30.0, 20.0]
    assert [b.get_x() for b in maximum] == [0.0, 20.0, 50.0, 80.0]
    assert [b.get_width() for b in actual] == [15.0, 27.0, 24.0, 10.0]
    assert [b.get_x() for b in actual] == [0.0, 20.0, 50.0, 80.0]
    assert hexes(actual) == [BLUE, ORANGE, GREEN, VERMILLION]
    shown = strings(fig)
    assert "AUDIT เต็ม 20" in shown and "AUDIT 10.00" in shown and "คะแนนรวม 76.00" in shown


def test_trend_lines(fw, summary):
    fig = charts.trend_lines(summary, framework=fw, title="ผลคะแนนรายปี")
    ax = fig.axes[0]
    series = [line for line in ax.lines if line.get_label() in {STAFF, USER, WEB, charts.TOTAL_LABEL}]
    assert [line.get_label() for line in series] == [STAFF, USER, WEB, charts.TOTAL_LABEL]
    assert [list(line.get_ydata()) for line in series] == [[76.25, 75.0], [89.0, 90.0], [83.0, 80.0], [83.45, 82.0]]
    assert [line.get_color() for line in series[:3]] == [BLUE, ORANGE, GREEN]
    (pass_line,) = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert pass_line.get_label() == "เกณฑ์ผ่าน 80" and set(pass_line.get_ydata()) == {80}
    assert legend_texts(fig) == [STAFF, USER, WEB, charts.TOTAL_LABEL, "เกณฑ์ผ่าน 80"]
    shown = strings(fig)
    for value in ("76.25", "89.00", "83.00", "83.45", "75.00", "90.00", "80.00", "82.00"):
        assert value in shown


def test_trend_lines_needs_a_column_per_framework_tool(fw, summary):
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['web'\]"):
        charts.trend_lines(summary.drop(columns="web"), framework=fw)
    sample = summary.rename(columns={"staff": "iit", "user": "eit", "web": "oit"})
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['staff', 'user', 'web'\]"):
        charts.trend_lines(sample, framework=fw)


def test_comparison_bars(fw, comparison):
    fig = charts.comparison_bars(comparison, framework=fw, previous_year=2589, current_year=2590)
    previous, current = fig.axes[0].containers
    assert [b.get_width() for b in previous] == SCORES[2589]
    assert [b.get_width() for b in current] == SCORES[2590]
    assert len(fig.axes[0].get_yticklabels()) == 12
    shown = strings(fig)
    # changes by hand: -2, +2, 0, -5, +5, 0, -2, 0, -5, -5, -5, 0
    changes = [s for s in shown if s[:1] in ("+", "\u2212") or s == "0.00"]
    assert sorted(changes) == sorted(
        [
            "\u22122.00",
            "+2.00",
            "0.00",
            "\u22125.00",
            "+5.00",
            "0.00",
            "\u22122.00",
            "0.00",
            "\u22125.00",
            "\u22125.00",
            "\u22125.00",
            "0.00",
        ]
    )
    with pytest.raises(ValueError, match=r"got \[13\]"):
        charts.comparison_bars(
            comparison.assign(indicator=range(2, 14)), framework=fw, previous_year=2589, current_year=2590
        )


def test_thai_digits_with_the_made_up_framework(fw, results, summary):
    fig = charts.indicator_bars(results, framework=fw, digits="thai")
    assert "เกณฑ์ผ่าน ๘๐" in strings(fig)
    fig = charts.tool_contributions(ROW_2590, framework=fw, digits="thai")
    shown = strings(fig)
    assert "STAFF ๑๕.๐๐" in shown and "WEB เต็ม ๕๐" in shown
