"""The charts of a group of agencies: the heat map split into pages, the distribution of totals,
the change from the previous year (and its single-year form), the share below the pass mark.

Groups: the five agencies of tests/group_data.py (every total worked out there by hand), its
province ข of one agency, its province ก without a previous year, and the 120 agencies of a
synthetic year (``ita-analysis synth --groups``)."""

from __future__ import annotations

import re

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from group_data import PROVINCE, members, summary
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from ita_analysis.compute import group_members
from ita_analysis.compute.group import group_analysis
from ita_analysis.compute.scoring import score
from ita_analysis.frameworks import load_framework
from ita_analysis.report import charts
from ita_analysis.report.charts.group_heatmap import pages
from ita_analysis.synthetic import PROVINCE as SYNTH_PROVINCE
from ita_analysis.synthetic import synth_scores
from ita_analysis.thai.wrap import display_width

ALL = "ทั้งหมด"
THAI = re.compile(r"[\u0e01-\u0e4e]")
TWO_DECIMALS = re.compile(r"[−+]?\d+\.\d\d")
FW = load_framework(2563)  # pass mark 85 (fy2563.toml)


@pytest.fixture(scope="module")
def small():
    s = summary()
    return s, group_analysis(s, members(), 2563)


@pytest.fixture(scope="module")
def single():
    s = summary()
    s = s[s["fiscal_year"] == 2563].reset_index(drop=True)
    return s, group_analysis(s, members(years=(2563,)), 2563).of(PROVINCE, "ก")


@pytest.fixture(scope="module")
def large():
    raw = synth_scores(120, (2567, 2568), groups=True, seed=3)
    pairs = zip(raw["fiscal_year"], raw["indicator"], strict=True)
    s = score(raw.assign(tool=[load_framework(int(y)).tool_of()[int(n)] for y, n in pairs]))
    keys = raw.drop_duplicates(["agency", "fiscal_year"])
    m = group_members.from_groups(keys.rename(columns={SYNTH_PROVINCE: "group"}), SYNTH_PROVINCE)
    return s, group_analysis(s, m, 2568).of(ALL, ALL), load_framework(2568)


def _texts(fig: Figure) -> list[Text]:
    """The texts drawn: visible, not empty, and no tick label of a tick outside its axis' limits."""
    FigureCanvasAgg(fig).draw()
    hidden = set()
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            for tick in axis.get_major_ticks():
                if not min(lo, hi) - 1e-9 <= tick.get_loc() <= max(lo, hi) + 1e-9:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def _strings(fig: Figure) -> list[str]:
    return [t.get_text() for t in _texts(fig)]


def _overlaps(texts: list[Text]) -> list[tuple[str, str]]:
    """Pairs of the texts whose drawn boxes overlap."""
    fig = texts[0].get_figure(root=True)
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_window_extent(renderer), t.get_text()) for t in texts]
    return [(a[1], b[1]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a[0].overlaps(b[0])]


def _inside(fig: Figure) -> list[str]:
    """The texts drawn (partly) outside the figure."""
    texts = _texts(fig)
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    out = []
    for t in texts:
        e = t.get_window_extent(renderer)
        if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
            out.append(t.get_text())
    return out


def _ytick_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


# --- pages ----------------------------------------------------------------------------------------


def test_pages_share_agencies_evenly():
    assert [len(p) for p in pages(120, 40)] == [40, 40, 40]
    assert [len(p) for p in pages(101, 40)] == [34, 34, 33]  # 3 pages; 101 = 34 + 34 + 33
    assert [len(p) for p in pages(120, 50)] == [40, 40, 40]  # 3 pages of at most 50: 40 each
    assert pages(5, 40) == [range(0, 5)]
    assert pages(1, 40) == [range(0, 1)]
    assert pages(41, 40) == [range(0, 21), range(21, 41)]


# --- heat map -------------------------------------------------------------------------------------


def test_heatmap_rows_by_total_and_cells_as_worked_out(small):
    s, analysis = small
    figs = charts.group_heatmap(analysis.of(ALL, ALL).ranking, s, framework=FW)
    assert len(figs) == 1
    ind_ax, total_ax = figs[0].axes[:2]
    # totals by hand (group_data): ก3 97, ก1 90, ข1 85, ก2 80, ก4 54
    assert _ytick_texts(ind_ax) == ["1 ก3", "2 ก1", "3 ข1", "4 ก2", "5 ก4"]
    assert [t.get_text() for t in total_ax.texts] == ["97.00", "90.00", "85.00", "80.00", "54.00"]
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ind_ax.texts[:50]}
    assert cells[(1, 0)] == "90.00" and cells[(1, 8)] == "100.00" and cells[(1, 9)] == "80.00"  # ก1: a 90, b 100, c 80
    assert cells[(4, 9)] == "40.00"  # ก4: c 40
    assert [t.get_text() for t in ind_ax.get_xticklabels()] == [str(n) for n in range(1, 11)]


def test_heatmap_colours_centre_on_the_pass_mark(small):
    s, analysis = small
    fig = charts.group_heatmap(analysis.of(ALL, ALL).ranking, s, framework=FW)[0]
    image = fig.axes[0].images[0]
    assert image.norm.vcenter == 85.0
    white = np.array(image.cmap(image.norm(85.0))[:3])
    red, blue = image.cmap(image.norm(80.0)), image.cmap(image.norm(90.0))
    assert (white > 0.9).all()
    assert red[0] > red[2] and blue[2] > blue[0]
    texts = _strings(fig)
    assert "1 การปฏิบัติหน้าที่" in texts and "คะแนนรวม" in texts and "ตัวชี้วัด" in texts
    assert any("เกณฑ์ผ่าน 85" in t for t in texts)


def test_heatmap_of_120_agencies_is_three_pages_of_40_in_order(large):
    s, view, fw = large
    figs = charts.group_heatmap(view.ranking, s, framework=fw)
    assert len(figs) == 3  # 120 agencies, at most 40 a page
    totals = []
    for k, fig in enumerate(figs):
        ind_ax, total_ax = fig.axes[:2]
        assert len(_ytick_texts(ind_ax)) == 40
        assert f"หน้า {k + 1}/3" in fig.get_suptitle()
        totals += [float(t.get_text()) for t in total_ax.texts]
        assert not _overlaps([t for t in ind_ax.get_yticklabels()]), "agency names overlap"
        assert not _overlaps(ind_ax.texts), "cell values overlap"
        assert not _overlaps(list(ind_ax.get_xticklabels()) + list(total_ax.get_xticklabels()))
        assert not _inside(fig), "text outside the figure"
    assert totals == sorted(view.ranking["total"].round(2).tolist(), reverse=True)
    assert "ลำดับที่ 81-120" in figs[2].get_suptitle()


def test_heatmap_of_one_agency_and_thai_digits(small):
    s, analysis = small
    fig = charts.group_heatmap(analysis.of(PROVINCE, "ข").ranking, s, framework=FW, digits="thai")[0]
    assert _ytick_texts(fig.axes[0]) == ["๑ ข๑"]
    assert [t.get_text() for t in fig.axes[1].texts] == ["๘๕.๐๐"]
    assert not any(re.search(r"[0-9]", t) for t in _strings(fig))


# --- distribution ---------------------------------------------------------------------------------


def _vline(ax, style: str) -> list[float]:
    return [float(line.get_xdata()[0]) for line in ax.get_lines() if line.get_linestyle() == style]


def test_distribution_marks_pass_mark_group_and_national_means(small):
    _, analysis = small
    view = analysis.of(PROVINCE, "ก")
    fig = charts.group_distribution(view.ranking, framework=FW, national_mean=view.overview["all_mean"])
    hist = fig.axes[0]
    assert sum(p.get_height() for p in hist.patches) == 4
    # group ก: (90 + 80 + 97 + 54) / 4 = 80.25; all five: (321 + 85) / 5 = 81.20
    assert _vline(hist, "--") == [85.0] and _vline(hist, "-") == [80.25] and _vline(hist, ":") == [81.2]
    labels = [t.get_text() for t in hist.texts]
    assert labels == ["เกณฑ์ผ่าน 85", "ค่าเฉลี่ยของกลุ่ม 80.25", "ค่าเฉลี่ยทุกหน่วยงาน 81.20"]
    assert fig.get_suptitle() == "การกระจายของคะแนนรวม ปีงบประมาณ พ.ศ. 2563 (4 หน่วยงาน)"
    FigureCanvasAgg(fig).draw()
    assert not _overlaps(hist.texts) and not _inside(fig)


def test_distribution_of_one_agency_and_large_group(small, large):
    _, analysis = small
    fig = charts.group_distribution(analysis.of(PROVINCE, "ข").ranking, framework=FW, digits="thai")
    assert sum(p.get_height() for p in fig.axes[0].patches) == 1
    assert "เกณฑ์ผ่าน ๘๕" in _strings(fig)
    s, view, fw = large
    fig = charts.group_distribution(view.ranking, framework=fw, national_mean=view.overview["all_mean"])
    assert sum(p.get_height() for p in fig.axes[0].patches) == 120
    FigureCanvasAgg(fig).draw()
    assert not _overlaps(fig.axes[0].texts) and not _inside(fig)
    assert not _overlaps(list(fig.axes[1].get_xticklabels()))


# --- change from the previous year ----------------------------------------------------------------


def test_change_dumbbells_sorted_with_the_change_written(small):
    _, analysis = small
    figs = charts.group_change(analysis.of(ALL, ALL).ranking, framework=FW)
    assert len(figs) == 1
    ax = figs[0].axes[0]
    assert _ytick_texts(ax) == ["1 ก3", "2 ก1", "3 ข1", "4 ก2", "5 ก4"]
    # 2562 -> 2563 by hand: ก3 94 -> 97, ก1 84 -> 90, ข1 70 -> 85, ก2 85 -> 80, ก4 66 -> 54
    assert [t.get_text() for t in ax.texts] == ["+3.00", "+6.00", "+15.00", "−5.00", "−12.00"]
    joins = [line for line in ax.get_lines() if line.get_linestyle() == "-" and len(line.get_xdata()) == 2]
    assert [tuple(line.get_xdata()) for line in joins] == [(94, 97), (84, 90), (70, 85), (85, 80), (66, 54)]
    assert mpl.colors.same_color(joins[3].get_color(), "#B3261E")  # fell: red
    assert _vline(ax, "--") == [85.0]
    assert "ปีงบประมาณ พ.ศ. 2562 และ 2563" in figs[0].get_suptitle()
    assert not _inside(figs[0])


def test_change_without_previous_year_shows_this_year_only(single):
    s, view = single
    fig = charts.group_change(view.ranking, framework=FW)[0]
    ax = fig.axes[0]
    assert "ไม่มีคะแนนของปีก่อน" in fig.get_suptitle()
    assert [line for line in ax.get_lines() if line.get_linestyle() == "-" and len(line.get_xdata()) == 2] == []
    assert [t.get_text() for t in ax.texts] == ["97.00", "90.00", "80.00", "54.00"]
    assert not any("2562" in t for t in _strings(fig))  # no previous year in the legend


def test_change_of_120_agencies_in_pages(large):
    _, view, fw = large
    figs = charts.group_change(view.ranking, framework=fw)
    assert len(figs) == 3
    for fig in figs:
        ax = fig.axes[0]
        assert len(_ytick_texts(ax)) == 40
        assert not _overlaps(list(ax.get_yticklabels())) and not _overlaps(ax.texts)
        assert not _inside(fig)


def test_change_of_one_agency(small):
    _, analysis = small
    fig = charts.group_change(analysis.of(PROVINCE, "ข").ranking, framework=FW, digits="thai")[0]
    assert [t.get_text() for t in fig.axes[0].texts] == ["+๑๕.๐๐"]  # 70 -> 85


# --- share below the pass mark per indicator ------------------------------------------------------


def test_share_below_per_indicator(small):
    _, analysis = small
    fig = charts.indicator_share_below(analysis.of(PROVINCE, "ก").indicators, framework=FW)
    ax = fig.axes[0]
    assert [p.get_width() for p in ax.patches] == [50.0] * 8 + [50.0, 50.0]
    # ก: a = 90, 80, 95, 60 (2 below 85); b = 100, 70, 100, 50 (2); c = 80, 90, 100, 40 (2)
    assert [t.get_text() for t in ax.texts] == ["50.00% (2/4)"] * 10
    assert _ytick_texts(ax)[0] == "1 การปฏิบัติหน้าที่" and _ytick_texts(ax)[-1] == "10 การป้องกันการทุจริต"
    assert "สัดส่วนของทุกหน่วยงาน" in _strings(fig)
    assert not _overlaps(list(ax.get_yticklabels())) and not _overlaps(ax.texts) and not _inside(fig)


def test_share_below_of_one_agency_and_large_group(small, large):
    _, analysis = small
    fig = charts.indicator_share_below(analysis.of(PROVINCE, "ข").indicators, framework=FW)
    assert [t.get_text() for t in fig.axes[0].texts] == ["0.00% (0/1)"] * 10  # ข1 scores 85 everywhere
    _, view, fw = large
    fig = charts.indicator_share_below(view.indicators, framework=fw)
    FigureCanvasAgg(fig).draw()
    assert all(TWO_DECIMALS.match(t.get_text()) for t in fig.axes[0].texts)
    assert all(THAI.search(t) for t in _ytick_texts(fig.axes[0]))
    assert not _overlaps(fig.axes[0].texts) and not _inside(fig)


def test_long_agency_names_are_cut_and_stay_in_the_figure(small):
    s, analysis = small
    long = "สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"  # 50 cells
    ranking = analysis.of(ALL, ALL).ranking.replace({"agency": {"ก3": long}})
    fig = charts.group_heatmap(ranking, s.replace({"agency": {"ก3": long}}), framework=FW)[0]
    first = _ytick_texts(fig.axes[0])[0]
    assert first.startswith("1 สำนักงานปลัดกระทรวง") and first.endswith("…")
    assert display_width(first) <= 2 + 30 + 1  # "1 ", at most 30 cells of the name, "…"
    assert not _inside(fig)
    fig = charts.group_change(ranking, framework=FW)[0]
    assert _ytick_texts(fig.axes[0])[0] == first and not _inside(fig)


def test_group_mean_is_rounded_half_up_as_published():
    ranking = pd.DataFrame({"agency": ["ก", "ข"], "total": [80.01, 80.00]})
    fig = charts.group_distribution(ranking, framework=FW)
    # (80.01 + 80.00) / 2 = 80.005, half up 80.01 (the overview's mean)
    assert [t.get_text() for t in fig.axes[0].texts] == ["เกณฑ์ผ่าน 85", "ค่าเฉลี่ยของกลุ่ม 80.01"]


def test_change_of_an_agency_new_to_the_data_is_said(small):
    _, analysis = small
    ranking = analysis.of(ALL, ALL).ranking.copy()
    ranking.loc[ranking["agency"] == "ข1", "total_previous"] = np.nan  # as if ข1 had no 2562 score
    ax = charts.group_change(ranking, framework=FW)[0].axes[0]
    assert [t.get_text() for t in ax.texts] == ["+3.00", "+6.00", "ไม่มีคะแนนปีก่อน", "−5.00", "−12.00"]
    joins = [line for line in ax.get_lines() if line.get_linestyle() == "-" and len(line.get_xdata()) == 2]
    assert len(joins) == 4  # no dumbbell for ข1, its dot alone
    assert not _overlaps(ax.texts)
