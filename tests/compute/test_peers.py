"""Peer comparison, with every expected figure worked out by hand (in the comments)."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest
from conftest import FIXTURES, SCORES, TOOLS

from ita_analysis.compute.peers import (
    ALL_AGENCIES,
    agency_standing,
    peer_summary,
    peer_table,
)
from ita_analysis.compute.scoring import score
from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import load_framework
from ita_analysis.report.texts import national_note_th, national_paragraph_th, peer_sentence_th

# FY2563 (letter grades), six agencies; 70.004 is 70.00 on two decimals: a tie with ฉ
Y2563 = [("ก", 90.00, "A"), ("ข", 82.44, "B"), ("ค", 82.44, "B"), ("ง", 95.50, "AA"), ("จ", 70.004, "C"),
         ("ฉ", 70.00, "C")]  # fmt: skip
# FY2564: ก A -> AA (up), ข B -> B (same), ค B -> D (down), ซ new (not in the movement)
Y2564 = [("ก", 96.00, "AA"), ("ข", 80.00, "B"), ("ค", 60.00, "D"), ("ซ", 88.00, "A")]
# ministries in FY2563 only; ฉ ungrouped
GROUPS = {"ก": "X", "ข": "Y", "ค": "X", "ง": "X", "จ": "Y", "ฉ": ""}


def _summary(*years: tuple[int, list]) -> pd.DataFrame:
    rows = [(a, y, t, g) for y, block in years for a, t, g in block]
    return pd.DataFrame(rows, columns=["agency", "fiscal_year", "total", "grade"])


def _groups(year: int = 2563) -> pd.DataFrame:
    return pd.DataFrame([(a, year, g) for a, g in GROUPS.items()], columns=["agency", "fiscal_year", "group"])


def test_ranks_share_the_lowest_rank_and_percentiles_count_at_or_below():
    peers = peer_table(_summary((2563, Y2563)))
    assert list(peers.columns) == ["agency", "fiscal_year", "total", "rank", "percentile"]
    # sorted by rank, ties in input order: 95.50 | 90.00 | 82.44 82.44 | 70.00 70.00
    assert peers["agency"].tolist() == ["ง", "ก", "ข", "ค", "จ", "ฉ"]
    assert peers["rank"].tolist() == [1, 2, 3, 3, 5, 5]
    assert peers["total"].tolist() == [95.50, 90.00, 82.44, 82.44, 70.00, 70.00]
    # at or below: 6/6, 5/6, 4/6, 4/6, 2/6, 2/6 of the agencies
    assert peers["percentile"].tolist() == [100.00, 83.33, 66.67, 66.67, 33.33, 33.33]


def test_an_agency_alone_in_its_year_has_no_rank_and_no_percentile():
    # FY2562: ก alone (no one to rank it against: empty, not 1 and 100.00); FY2563: six agencies
    peers = peer_table(_summary((2562, [("ก", 87.11, "A")]), (2563, Y2563)), _groups())
    alone = peers[peers["fiscal_year"] == 2562]
    assert alone["agency"].tolist() == ["ก"] and alone["total"].tolist() == [87.11]
    assert alone["rank"].isna().all() and alone["percentile"].isna().all()
    assert alone["group_rank"].isna().all()  # FY2562 has no groups
    grouped = peer_table(_summary((2562, [("ก", 87.11, "A")])), _groups(2562).head(1))
    assert grouped[["rank", "group_rank"]].isna().all().all() and grouped["group_size"].tolist() == [1]
    # the other year as before
    assert peers.loc[peers["fiscal_year"] == 2563, "rank"].tolist() == [1, 2, 3, 3, 5, 5]
    s = agency_standing(peers, "ก", 2562)
    assert (s.n, s.rank, s.total) == (1, None, 87.11) and math.isnan(s.percentile)


def test_each_year_is_ranked_apart():
    peers = peer_table(_summary((2564, Y2564), (2563, Y2563)))
    assert peers["fiscal_year"].tolist() == [2563] * 6 + [2564] * 4
    y2564 = peers[peers["fiscal_year"] == 2564]
    assert y2564["agency"].tolist() == ["ก", "ซ", "ข", "ค"]
    assert y2564["rank"].tolist() == [1, 2, 3, 4]
    assert y2564["percentile"].tolist() == [100.00, 75.00, 50.00, 25.00]


def test_group_ranks_and_sizes():
    peers = peer_table(_summary((2563, Y2563)), _groups())
    assert list(peers.columns) == [
        "agency", "fiscal_year", "total", "rank", "percentile", "group", "group_rank", "group_size",
    ]  # fmt: skip
    by = peers.set_index("agency")
    # X: ง 95.50, ก 90.00, ค 82.44; Y: ข 82.44, จ 70.00
    assert by.loc[["ง", "ก", "ค"], "group_rank"].tolist() == [1, 2, 3]
    assert by.loc[["ง", "ก", "ค"], "group_size"].tolist() == [3, 3, 3]
    assert by.loc[["ข", "จ"], "group_rank"].tolist() == [1, 2]
    assert by.loc[["ข", "จ"], "group_size"].tolist() == [2, 2]
    assert by.loc["ฉ", "group"] == "" and pd.isna(by.loc["ฉ", "group_rank"]) and pd.isna(by.loc["ฉ", "group_size"])


def test_no_group_columns_when_every_group_is_empty():
    groups = _groups().assign(group="")
    assert "group" not in peer_table(_summary((2563, Y2563)), groups).columns


def test_summary_per_year_and_group():
    stats = peer_summary(_summary((2563, Y2563)), load_framework, _groups())
    assert stats["group"].tolist() == [ALL_AGENCIES, "X", "Y", ""]  # groups by name, ungrouped last
    s = stats.set_index("group")
    # all: 490.38 / 6 = 81.73; median of 70, 70, 82.44, 82.44, 90, 95.5 = 82.44; 2 of 6 at 85 or more
    assert s.loc[ALL_AGENCIES, ["n", "mean", "median", "share_at_pass"]].tolist() == [6, 81.73, 82.44, 33.33]
    # X: 267.94 / 3 = 89.3133; median 90.00; 2 of 3. Y: (82.44 + 70.00) / 2 = 76.22; none
    assert s.loc["X", ["n", "mean", "median", "share_at_pass"]].tolist() == [3, 89.31, 90.00, 66.67]
    assert s.loc["Y", ["n", "mean", "median", "share_at_pass"]].tolist() == [2, 76.22, 76.22, 0.00]
    assert s.loc["", ["n", "mean", "median", "share_at_pass"]].tolist() == [1, 70.00, 70.00, 0.00]
    counts = ["count_AA", "count_A", "count_B", "count_C", "count_D", "count_E", "count_F"]
    assert s.loc[ALL_AGENCIES, counts].tolist() == [1, 1, 2, 2, 0, 0, 0]
    assert s.loc["X", counts].tolist() == [1, 1, 1, 0, 0, 0, 0]
    assert s.loc["Y", counts].tolist() == [0, 0, 1, 1, 0, 0, 0]
    assert stats[["moved_up", "moved_down", "same"]].isna().all().all()  # no FY2562 in the data


def test_movement_from_the_previous_year():
    stats = peer_summary(_summary((2563, Y2563), (2564, Y2564)), load_framework)
    assert stats[["fiscal_year", "group"]].values.tolist() == [[2563, ALL_AGENCIES], [2564, ALL_AGENCIES]]
    y2564 = stats.set_index("fiscal_year").loc[2564]
    assert y2564[["moved_up", "moved_down", "same"]].tolist() == [1, 1, 1]  # ก up, ค down, ข same; ซ new
    # (96 + 80 + 60 + 88) / 4 = 81.00; median (80 + 88) / 2 = 84.00; ก and ซ pass: 50.00
    assert y2564[["n", "mean", "median", "share_at_pass"]].tolist() == [4, 81.00, 84.00, 50.00]


def test_movement_within_a_group_uses_the_current_group():
    groups = pd.concat([_groups(2563), pd.DataFrame([("ก", 2564, "X"), ("ค", 2564, "X")], columns=_groups().columns)])
    stats = peer_summary(_summary((2563, Y2563), (2564, Y2564)), load_framework, groups)
    x = stats[(stats["fiscal_year"] == 2564) & (stats["group"] == "X")].iloc[0]
    assert x[["n", "moved_up", "moved_down", "same"]].tolist() == [2, 1, 1, 0]


def test_share_at_pass_uses_the_framework_pass_mark_on_two_decimals():
    summary = _summary((2564, [("ก", 84.995, "A"), ("ข", 80.00, "B"), ("ค", 79.994, "B"), ("ง", 50.00, "E")]))
    stats = peer_summary(summary, load_framework)
    assert stats.loc[0, "share_at_pass"] == 25.00  # 84.995 is 85.00
    stats = peer_summary(summary, lambda y: replace(load_framework(y), pass_mark=80.0))
    assert stats.loc[0, "share_at_pass"] == 50.00  # 85.00 and 80.00; 79.994 is 79.99


def test_a_rating_year_counts_ratings_and_compares_positions_across_the_change():
    # FY2565 letters: P AA (position 0), Q A (1), R B (2)
    # FY2566 ratings: P ผ่านดีเยี่ยม (0, same), Q ผ่าน (2, down), R ผ่านดี (1, up), S new
    y2565 = [("P", 96.00, "AA"), ("Q", 86.00, "A"), ("R", 80.00, "B")]
    y2566 = [("P", 96.00, "ผ่านดีเยี่ยม"), ("Q", 97.00, "ผ่าน"), ("R", 88.00, "ผ่านดี"), ("S", 60.00, "ต้องปรับปรุงโดยด่วน")]
    stats = peer_summary(_summary((2565, y2565), (2566, y2566)), load_framework)
    letters = ["count_AA", "count_A", "count_B", "count_C", "count_D", "count_E", "count_F"]
    ratings = ["count_ผ่านดีเยี่ยม", "count_ผ่านดี", "count_ผ่าน", "count_ต้องปรับปรุง", "count_ต้องปรับปรุงโดยด่วน"]
    assert list(stats.columns) == [
        "fiscal_year", "group", "n", "mean", "median", "share_at_pass", *letters, *ratings,
        "moved_up", "moved_down", "same",
    ]  # fmt: skip
    s = stats.set_index("fiscal_year")
    assert s.loc[2565, letters].tolist() == [1, 1, 1, 0, 0, 0, 0]
    assert s.loc[2565, ratings].isna().all()  # no ratings in FY2565
    assert s.loc[2566, ratings].tolist() == [1, 1, 1, 0, 1]
    assert s.loc[2566, letters].isna().all()
    assert s.loc[2566, ["moved_up", "moved_down", "same"]].tolist() == [1, 1, 1]
    # 96 + 97 + 88 + 60 = 341, / 4 = 85.25; median (88 + 96) / 2 = 92.00; 3 of 4 at 85 or more
    assert s.loc[2566, ["n", "mean", "median", "share_at_pass"]].tolist() == [4, 85.25, 92.00, 75.00]


def test_a_summary_from_scoring():
    rows = []
    for agency, shift in (("ก", 0.0), ("ข", 5.0), ("ค", 0.0)):
        rows += [
            (agency, 2563, i, tool, s + shift) for i, (tool, s) in enumerate(zip(TOOLS, SCORES[2563], strict=True), 1)
        ]
    summary = score(pd.DataFrame(rows, columns=["agency", "fiscal_year", "indicator", "tool", "score"]))
    peers = peer_table(summary)
    # 82.44 + 5.00 = 87.44 for ข; ก and ค 82.44
    assert peers[["agency", "total", "rank", "percentile"]].values.tolist() == [
        ["ข", 87.44, 1, 100.00], ["ก", 82.44, 2, 66.67], ["ค", 82.44, 2, 66.67],
    ]  # fmt: skip
    stats = peer_summary(summary, load_framework)
    assert stats.loc[0, ["count_A", "count_B"]].tolist() == [1, 2]


def _standing(agency: str = "ข", **kw):
    peers = peer_table(_summary((2563, Y2563), (2564, Y2564)), _groups())  # FY2564 is left aside
    return agency_standing(peers, agency, 2563, framework=load_framework(2563), **kw)


def test_standing_of_an_agency():
    s = _standing(group_name="กระทรวง")
    assert (s.total, s.rank, s.n, s.tied, s.percentile) == (82.44, 3, 6, 2, 66.67)
    assert (s.mean, s.median, s.share_at_pass) == (81.73, 82.44, 33.33)
    assert (s.group, s.group_name, s.group_rank, s.group_size) == ("Y", "กระทรวง", 1, 2)
    assert (s.group_mean, s.group_median) == (76.22, 76.22)
    lone = _standing("ฉ")
    assert (lone.group, lone.group_rank, lone.group_size) == ("", None, None)
    # the same figures as peer_summary's
    stats = peer_summary(_summary((2563, Y2563)), load_framework, _groups()).set_index("group")
    assert [s.n, s.mean, s.median, s.share_at_pass] == stats.loc[
        ALL_AGENCIES, ["n", "mean", "median", "share_at_pass"]
    ].tolist()
    assert [s.group_size, s.group_mean, s.group_median] == stats.loc["Y", ["n", "mean", "median"]].tolist()
    assert math.isnan(agency_standing(peer_table(_summary((2563, Y2563))), "ข", 2563).share_at_pass)  # no framework
    with pytest.raises(KeyError):
        _standing("ฮ")


def test_peer_sentence():
    s = _standing(group_name="กระทรวง")
    assert peer_sentence_th(s) == (
        "คะแนนรวม 82.44 อยู่ลำดับที่ 3 (ร่วม) จาก 6 หน่วยงานในข้อมูล "
        "(ร้อยละ 66.67 ของหน่วยงานได้คะแนนรวมเท่ากับหรือต่ำกว่านี้) ค่าเฉลี่ยของหน่วยงานในข้อมูล 81.73 "
        "ค่ามัธยฐาน 82.44 และในกลุ่ม กระทรวง Y อยู่ลำดับที่ 1 จาก 2 หน่วยงาน"
    )
    top = peer_sentence_th(_standing("ง"), digits="thai")
    assert top == (
        "คะแนนรวม ๙๕.๕๐ อยู่ลำดับที่ ๑ จาก ๖ หน่วยงานในข้อมูล "
        "(ร้อยละ ๑๐๐.๐๐ ของหน่วยงานได้คะแนนรวมเท่ากับหรือต่ำกว่านี้) ค่าเฉลี่ยของหน่วยงานในข้อมูล ๘๑.๗๓ "
        "ค่ามัธยฐาน ๘๒.๔๔ และในกลุ่ม X อยู่ลำดับที่ ๑ จาก ๓ หน่วยงาน"
    )
    assert "ในกลุ่ม" not in peer_sentence_th(_standing("ฉ"))


def test_a_lone_agency_gets_the_national_figures():
    summary = _summary((2566, [("ก", 91.00, "ผ่าน")]))
    s = agency_standing(peer_table(summary), "ก", 2566)
    assert s.n == 1
    assert peer_sentence_th(s) == ""
    assert peer_sentence_th(s, framework=load_framework(2566)) == national_note_th(load_framework(2566))


def test_national_notes():
    assert national_note_th(load_framework(2566)) == (
        "ผลการประเมินระดับประเทศ ปีงบประมาณ พ.ศ. 2566: หน่วยงานเข้ารับการประเมิน 8,323 หน่วยงาน "
        "คะแนนเฉลี่ย 90.19 คะแนน หน่วยงานที่ได้คะแนนตั้งแต่ 85 คะแนนขึ้นไป 6,737 หน่วยงาน (ร้อยละ 80.94)"
    )
    assert national_note_th(load_framework(2567)) == (
        "ผลการประเมินระดับประเทศ ปีงบประมาณ พ.ศ. 2567: คะแนนเฉลี่ยประมาณ 93.05 คะแนน "
        "หน่วยงานที่ได้คะแนนตั้งแต่ 85 คะแนนขึ้นไป ประมาณร้อยละ 92.40"
    )
    assert national_note_th(load_framework(2564)) == "ผลการประเมินระดับประเทศ ปีงบประมาณ พ.ศ. 2564: คะแนนเฉลี่ย 81.25 คะแนน"
    assert national_note_th(load_framework(2569)) == ""  # no national figures known
    other = replace(load_framework(2568), pass_mark=80.0)
    assert "ตั้งแต่ 80 คะแนนขึ้นไป 7,832 หน่วยงาน (ร้อยละ 94.17)" in national_note_th(other)
    assert national_note_th(load_framework(2563), digits="thai") == (
        "ผลการประเมินระดับประเทศ ปีงบประมาณ พ.ศ. ๒๕๖๓: หน่วยงานเข้ารับการประเมิน ๘,๓๐๓ หน่วยงาน คะแนนเฉลี่ย ๖๗.๙๐ คะแนน"
    )


def test_national_paragraph_of_the_documents():
    # a heading, then a sentence (not a label "...: figures"), from each year's [national] figures
    assert national_paragraph_th(load_framework(2566)) == (
        "ผลการประเมินระดับประเทศ ประจำปีงบประมาณ พ.ศ. 2566",
        "ในปีงบประมาณ พ.ศ. 2566 มีหน่วยงานเข้ารับการประเมิน 8,323 หน่วยงาน คะแนนเฉลี่ย 90.19 คะแนน "
        "หน่วยงานที่ได้คะแนนตั้งแต่ 85 คะแนนขึ้นไป 6,737 หน่วยงาน (ร้อยละ 80.94)",
    )
    assert national_paragraph_th(load_framework(2564)) == (
        "ผลการประเมินระดับประเทศ ประจำปีงบประมาณ พ.ศ. 2564",
        "ในปีงบประมาณ พ.ศ. 2564 คะแนนเฉลี่ย 81.25 คะแนน",
    )
    assert national_paragraph_th(load_framework(2569)) == ("", "")  # no national figures known


def test_national_figures_of_the_framework_files():
    nat = load_framework(2565).national
    assert (nat.agencies, nat.mean, nat.at_pass, nat.share_at_pass, nat.approximate) == (
        8303,
        87.57,
        5855,
        70.52,
        False,
    )
    nat = load_framework(2568).national
    assert (nat.agencies, nat.mean, nat.at_pass, nat.share_at_pass) == (8317, 93.82, 7832, 94.17)
    assert load_framework(2567).national.approximate
    assert load_framework(2562).national is None


def test_a_national_table_is_optional_and_checked(tmp_path, monkeypatch):
    text = (FIXTURES / "frameworks" / "fy2590.toml").read_text(encoding="utf-8")
    folder = tmp_path / "frameworks"
    folder.mkdir()
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(folder))
    (folder / "fy2590.toml").write_text(text + "\n[national]\nmean = 88.5\n", encoding="utf-8")
    fw = load_framework(2590)
    assert (fw.national.mean, fw.national.agencies, fw.national.share_at_pass) == (88.5, None, None)
    assert national_note_th(fw) == "ผลการประเมินระดับประเทศ ปีงบประมาณ พ.ศ. 2590: คะแนนเฉลี่ย 88.50 คะแนน"
    bad = tmp_path / "bad"  # a new folder: the files of a folder are listed once
    bad.mkdir()
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(bad))
    (bad / "fy2590.toml").write_text(text + "\n[national]\nmaen = 88.5\n", encoding="utf-8")
    with pytest.raises(FrameworkError, match="national.maen"):
        load_framework(2590)
