"""Item priorities: what each item is worth in the total, zeros first, the items that fell most.

Figures worked out by hand, FY2563 framework (IIT 0.30 over 5 indicators, EIT 0.30 over 3, OIT
0.40 over 2; indicator 9 = o1-o33, 33 items; 10 = o34-o43, 10 items; 2 = i7-i12, 6 items;
6 = e1-e5, 5 items), an item's worth = (100 - score) x weight / indicators of the tool / items:
  o35   0 -> 100 x 0.40 / 2 / 10 = 2.00       o8   0 -> 100 x 0.40 / 2 / 33 = 0.606 -> 0.61
  o12  50 ->  50 x 0.40 / 2 / 33 = 0.303 -> 0.30   o13 60 -> 40 x 0.40 / 2 / 33 = 0.242 -> 0.24
  e1   40 ->  60 x 0.30 / 3 / 5  = 1.20       i7  70 ->  30 x 0.30 / 5 / 6  = 0.30
  o1, o34 100 -> 0.00
Previous year (2562): o12 55 (change -5.00), o13 90 (-30.00), i7 75 (-5.00), o8 0, o35 0.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_csv

from ita_analysis.compute.items import ITEM_PRIORITY_COLUMNS, item_priorities
from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import PACKAGE_DIR, load_framework
from ita_analysis.ingest.side_inputs import load_items

A = "หน่วยงานทดสอบ"
COLUMNS = ["agency", "fiscal_year", "indicator", "item", "text", "score"]
CURRENT = [
    (10, "o34", "", 100.0), (10, "o35", "", 0.0), (9, "o1", "", 100.0), (9, "o8", "", 0.0),
    (9, "o12", "รายงานผลการดำเนินงาน", 50.0), (9, "o13", "", 60.0), (6, "e1", "", 40.0), (2, "i7", "", 70.0),
]  # fmt: skip
PREVIOUS = [(9, "o12", "", 55.0), (9, "o13", "", 90.0), (2, "i7", "", 75.0), (9, "o8", "", 0.0), (10, "o35", "", 0.0)]


@pytest.fixture
def items() -> pd.DataFrame:
    rows = [(A, 2563, *r) for r in CURRENT] + [(A, 2562, *r) for r in PREVIOUS]
    rows.append(("อีกหน่วยงาน", 2563, 9, "o2", "", 0.0))
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture
def fw():
    return load_framework(2563)


def test_worth_in_total(items, fw):
    p = item_priorities(items, fw, A, 2563).set_index("item")
    assert list(item_priorities(items, fw, A, 2563).columns) == ITEM_PRIORITY_COLUMNS
    worth = p["worth_in_total"].to_dict()
    assert worth == {"o35": 2.00, "o8": 0.61, "e1": 1.20, "o12": 0.30, "o13": 0.24, "i7": 0.30, "o1": 0.0, "o34": 0.0}
    assert p.loc["o35", "tool"] == "OIT" and p.loc["e1", "tool"] == "EIT" and p.loc["i7", "tool"] == "IIT"


def test_zeros_first_then_lowest(items, fw):
    p = item_priorities(items, fw, A, 2563)
    assert p["item"].tolist() == ["o35", "o8", "e1", "o12", "o13", "i7", "o1", "o34"]
    assert p["priority"].tolist() == list(range(1, 9))
    # "fell most": the largest fall of its indicator (o13 in 9; i7, alone in 2, fell too)
    assert p["reason"].tolist() == [
        "score 0", "score 0", "lowest", "lowest", "below full score; fell most", "lowest; fell most", "full score",
        "full score",
    ]  # fmt: skip
    assert set(p["agency"]) == {A} and set(p["fiscal_year"]) == {2563}


def test_previous_year_and_change(items, fw):
    p = item_priorities(items, fw, A, 2563).set_index("item")
    assert p.loc["o13", "score_previous"] == 90.0 and p.loc["o13", "change"] == -30.00
    assert p.loc["o12", "change"] == -5.00 and p.loc["o35", "change"] == 0.0
    assert pd.isna(p.loc["e1", "score_previous"]) and pd.isna(p.loc["e1", "change"])
    # an explicit previous year without items: no previous scores at all
    assert item_priorities(items, fw, A, 2563, previous_year=2561)["score_previous"].isna().all()


def test_texts_from_the_framework(items, fw):
    p = item_priorities(items, fw, A, 2563).set_index("item")
    assert p.loc["o8", "text"] == "Q&A"  # none in the file: the framework's
    assert p.loc["o35", "text"] == "การมีส่วนร่วมของผู้บริหาร"
    assert p.loc["o12", "text"] == "รายงานผลการดำเนินงาน"  # the file's own
    assert p.loc["i7", "text"] == ""
    for year in (2563, 2564, 2565):
        f = load_framework(year)
        assert (f.item_text("O8"), f.item_text("o9")) == ("Q&A", "Social Network")
        assert (f.item_text("o35"), f.item_text("o38")) == ("การมีส่วนร่วมของผู้บริหาร", "การเสริมสร้างวัฒนธรรมองค์กร")
        assert f.item_text("o1") == ""
    assert load_framework(2562).item_text("o8") == ""


def test_item_texts_must_name_listed_items(tmp_path, monkeypatch):
    text = (PACKAGE_DIR / "fy2563.toml").read_text(encoding="utf-8").replace('o38 = "', 'o99 = "')
    (tmp_path / "fy2563.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(tmp_path))
    with pytest.raises(FrameworkError, match="item_texts.*o99"):
        load_framework(2563)


def test_item_count_from_the_data_when_the_framework_lists_none():
    # FY2562 lists no item codes: indicator 10 has the 4 items of the data, so a 0 is worth
    # 100 x 0.40 / 2 / 4 = 5.00 and a 75 is worth 25 x 0.40 / 2 / 4 = 1.25
    rows = [(A, 2562, 10, f"x{k}", "", s) for k, s in enumerate([0.0, 75.0, 100.0, 100.0], start=1)]
    p = item_priorities(pd.DataFrame(rows, columns=COLUMNS), load_framework(2562), A, 2562)
    assert p["item"].tolist() == ["x1", "x2", "x3", "x4"]
    assert p["worth_in_total"].tolist() == [5.00, 1.25, 0.0, 0.0]


def test_worked_check_through_the_item_file(tmp_path, fw):
    rows = [["agency", "fiscal_year", "item", "score"]]
    rows += [[A, 2563, f"o{k}", 0.0 if k in (8, 35) else 100.0] for k in range(1, 44)]
    items = load_items(write_csv(tmp_path / "items.csv", rows))
    p = item_priorities(items, fw, A, 2563)
    assert p["item"].tolist()[:2] == ["o35", "o8"]
    assert p["worth_in_total"].tolist()[:2] == [2.00, 0.61]
    assert p["text"].tolist()[:2] == ["การมีส่วนร่วมของผู้บริหาร", "Q&A"]
