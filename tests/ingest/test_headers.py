"""The header vocabulary: one word, one role; remarks in brackets ignored; tool figures named by
the tool codes of the framework files."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from ita_analysis.ingest.headers import WORDS, header_role, published_measures


def test_each_word_names_its_own_role():
    clashes = [(word, role, header_role(word)) for role, words in WORDS.items() for word in words]
    assert [c for c in clashes if c[1] != c[2]] == []


@pytest.mark.parametrize(
    ("cell", "role"),
    [("หน่วยรับการประเมิน", "agency"), ("ปีงบประมาณ (พ.ศ.)", "fiscal_year"), ("คะแนนที่ได้ (เต็ม 100)", "score"),
     ("ตัวชี้วัดที่", "indicator_no"), ("  ปี  พ.ศ. ", "fiscal_year"), ("IIT", "iit"), ("oit_weighted", "oit_weighted"),
     ("EIT weighted", "eit_weighted"), ("จังหวัด", "group"), ("หมายเหตุ", None), ("", None)],
)  # fmt: skip
def test_header_roles(cell, role):
    assert header_role(cell) == role


def test_tool_figures_follow_the_framework_files(monkeypatch):
    assert header_role("STAFF") is None and "staff" not in published_measures()
    monkeypatch.setenv("ITA_FRAMEWORKS_DIR", str(FIXTURES / "frameworks"))
    assert header_role("STAFF") == "staff" and header_role("web_weighted") == "web_weighted"
    assert {"iit", "staff", "user", "web", "staff_weighted", "web_weighted", "total", "grade"} <= set(
        published_measures()
    )
