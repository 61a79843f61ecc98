"""The group analysis where a group is odd: one agency, no previous year, members that change,
a group new this year, totals that fell two years running; and where memberships come from."""

from __future__ import annotations

import math

import pandas as pd
from group_data import ABC, PROVINCE, members, summary

from ita_analysis.compute import group_members
from ita_analysis.compute.group import NOTES, group_analysis, group_overview, level_table
from ita_analysis.compute.peers import ALL_AGENCIES, peer_summary
from ita_analysis.frameworks import load_framework


def test_a_group_of_one_agency():
    one = group_analysis(summary(), members(), 2563).of(PROVINCE, "ข")
    o = one.overview
    assert o["n"] == 1 and one.notes == ("one_agency",)
    assert (o["mean"], o["median"], o["min"], o["q1"], o["q3"], o["max"]) == (85.00,) * 6
    assert math.isnan(o["sd"])  # no spread with one agency
    assert (o["mean_previous"], o["change_mean"]) == (70.00, 15.00)  # ข1: 70.00 -> 85.00
    assert one.ranking["rank"].tolist() == [1] and one.ranking["agency"].tolist() == ["ข1"]
    assert one.watch.empty  # 85.00 reaches the pass mark, and there is no FY2561 to fall from
    assert "one_agency" in NOTES


def test_a_year_without_the_previous_one():
    first = group_analysis(summary(), members(), 2562)
    view = first.of(PROVINCE, "ก")
    assert view.notes == ("no_previous_year",)
    o = view.overview
    assert o["previous_year"] == 2561 and pd.isna(o["n_previous"]) and math.isnan(o["change_mean"])
    assert pd.isna(o["n_stayed"]) and pd.isna(o["n_joined"])
    assert view.levels["count_previous"].isna().all()
    assert view.ranking["total_previous"].isna().all() and (view.ranking["move"] == "").all()
    assert not view.ranking["in_group_previous"].any()
    assert view.indicators["mean_previous"].isna().all()
    # FY2562 totals 84, 85, 94, 66: below 85 are ก1 (gap 1.00) and ก4 (gap 19.00), neither fell
    assert view.watch["agency"].tolist() == ["ก4", "ก1"] and view.watch["gap"].tolist() == [19.00, 1.00]
    assert not view.watch["fell_below"].any() and not view.watch["below_two_years"].any()


def test_members_that_change_between_years():
    # group Z: FY2562 ก1, ก2, ข1; FY2563 ก1, ก2, ก3 (ก3 joined, ข1 left)
    rows = [("ก1", 2562), ("ก2", 2562), ("ข1", 2562), ("ก1", 2563), ("ก2", 2563), ("ก3", 2563)]
    z = pd.DataFrame([(a, y, "เขต", "Z") for a, y in rows], columns=group_members.MEMBER_COLUMNS)
    view = group_analysis(summary(), z, 2563).of("เขต", "Z")
    o = view.overview
    assert view.notes == ("members_changed",)
    assert (o["n_stayed"], o["n_joined"], o["n_left"]) == (2, 1, 1)
    # FY2563 members 90, 80, 97 -> 267 / 3 = 89.00; FY2562 members as they were: 84, 85, 70 -> 239 / 3 = 79.666
    assert (o["n"], o["mean"], o["n_previous"], o["mean_previous"], o["change_mean"]) == (3, 89.00, 3, 79.67, 9.33)
    # each agency's own change: ก3 94 -> 97 though not in Z in FY2562
    r = view.ranking.set_index("agency")
    assert r.loc["ก3", "change"] == 3.00 and not r.loc["ก3", "in_group_previous"]
    assert r.loc["ก1", "in_group_previous"] and r.loc["ก2", "in_group_previous"]


def test_a_group_new_this_year():
    # the kind has groups in FY2562 (เก่า), but not this one
    new = pd.DataFrame([("ก1", 2563, "เขต", "ใหม่"), ("ข1", 2562, "เขต", "เก่า")], columns=group_members.MEMBER_COLUMNS)
    view = group_analysis(summary(), new, 2563).of("เขต", "ใหม่")
    assert view.notes == ("one_agency", "new_group")
    assert pd.isna(view.overview["n_previous"]) and view.levels["count_previous"].isna().all()


def test_totals_that_fell_two_years_running():
    # FY2564 added: ก1 90 -> 88 (fell after rising), ก2 85 -> 80 -> 78 (fell twice), ก3 97 -> 96,
    # ก4 66 -> 54 -> 60 (rose), ข1 85 -> 85
    abc = {
        **ABC,
        (2564, "ก1"): (90, 90, 80),  # 54 + 18 + 16 = 88.00
        (2564, "ก2"): (80, 70, 80),  # 48 + 14 + 16 = 78.00
        (2564, "ก3"): (95, 95, 100),  # 57 + 19 + 20 = 96.00
        (2564, "ก4"): (60, 80, 40),  # 36 + 16 + 8 = 60.00
        (2564, "ข1"): (85, 85, 85),
    }
    w = group_analysis(summary(abc), members(years=(2562, 2563, 2564)), 2564).of(PROVINCE, "ก").watch
    w = w.set_index("agency")
    assert sorted(w.index) == ["ก2", "ก4"]  # ก1 and ก3 above 85, fell once
    assert w.loc["ก2", "fell_two_years"] and (w.loc["ก2", "change"], w.loc["ก2", "change_previous"]) == (-2.00, -5.00)
    assert w.loc["ก2", "below_two_years"] and not w.loc["ก2", "fell_below"]
    assert not w.loc["ก4", "fell_two_years"] and w.loc["ก4", "change"] == 6.00


def test_group_figures_agree_with_peer_groups():
    """One answer per question: the overview and peer_groups.csv (peer_summary) give the same n,
    mean, median, share at pass and counts per grade for the same groups."""
    s = summary()
    loaded = pd.DataFrame([(a, 2563, g) for a, g in {"ก1": "ก", "ก2": "ก", "ก3": "ก", "ก4": "ก", "ข1": "ข"}.items()])
    loaded.columns = ["agency", "fiscal_year", "group"]
    peers = peer_summary(s, load_framework, loaded)
    peers = peers[peers["fiscal_year"] == 2563].set_index("group")
    m = group_members.combine(group_members.all_agencies(s), group_members.from_groups(loaded, PROVINCE))
    ours = group_overview(s, m, 2563).set_index("group")
    levels = level_table(s, m, 2563)
    for g in (ALL_AGENCIES, "ก", "ข"):
        for c in ("n", "mean", "median", "share_at_pass"):
            assert ours.loc[g, c] == peers.loc[g, c], (g, c)
        for r in levels[levels["group"] == g].itertuples():
            assert r.count == peers.loc[g, f"count_{r.level}"], (g, r.level)


def test_memberships_from_a_mapping_hold_in_every_year_unless_dated():
    mapping = pd.DataFrame(
        {
            "agency": ["ก1", "ก2", "ก2"],
            "fiscal_year": pd.array([pd.NA, pd.NA, 2563], dtype="Int64"),
            "kind": ["กระทรวง", "กระทรวง", "เขต"],
            "group": ["ม1", "ม1", "Z"],
        }
    )
    m = group_members.from_map(mapping, [2562, 2563])
    got = sorted(m.itertuples(index=False, name=None))
    assert got == [
        ("ก1", 2562, "กระทรวง", "ม1"), ("ก1", 2563, "กระทรวง", "ม1"), ("ก2", 2562, "กระทรวง", "ม1"),
        ("ก2", 2563, "กระทรวง", "ม1"), ("ก2", 2563, "เขต", "Z"),
    ]  # fmt: skip
    # the loaded group column: ungrouped ("") left out, kind the column's header
    loaded = pd.DataFrame({"agency": ["ก1", "ก2"], "fiscal_year": [2563, 2563], "group": ["ม1", ""]})
    assert group_members.from_groups(loaded, "กระทรวง").values.tolist() == [["ก1", 2563, "กระทรวง", "ม1"]]


def test_a_previous_year_without_the_group_column_takes_this_years_members():
    # the FY2562 file had no province column: the province's FY2562 figures are those of its FY2563
    # members (ก1-ก4: 84, 85, 94, 66 -> 82.25), said in the notes; the membership change is unknown
    view = group_analysis(summary(), members(years=(2563,)), 2563).of(PROVINCE, "ก")
    o = view.overview
    assert view.notes == ("members_carried_back",)
    assert (o["n_previous"], o["mean_previous"], o["change_mean"]) == (4, 82.25, -2.00)
    assert pd.isna(o["n_joined"]) and pd.isna(o["n_left"])
    assert view.levels["count_previous"].tolist() == [0, 2, 1, 1, 0, 0, 0]
