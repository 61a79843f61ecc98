"""The what-if sliders as JupyterLab shows them: moving a slider updates the one table, the reset
button takes it back, the target is above it (no kernel needed: the widgets are driven in Python)."""

from __future__ import annotations

import re

import pytest
from conftest import AGENCY, sample_analysis

from ita_analysis.facade import widgets as whatif


class _Handle:
    """The display handle IPython returns for ``display_id=True``: what it was updated with."""

    def __init__(self, shown: list):
        self.shown = shown

    def update(self, obj, raw=False):
        self.shown.append(obj)


@pytest.fixture
def shown(monkeypatch):
    """What the notebook displays, in order; a table shown with a display id is updated in place
    (its later values appended to ``tables``)."""
    monkeypatch.delenv(whatif.NO_SLIDERS, raising=False)
    seen = {"objects": [], "tables": []}

    def display(*objs, raw=False, display_id=None, **kw):
        seen["objects"].extend(objs)
        if display_id:
            seen["tables"].extend(objs)
            return _Handle(seen["tables"])
        return None

    monkeypatch.setattr("IPython.display.display", display)
    return seen


def _controls(box):
    """The sliders (indicator number -> slider) and the reset button of the displayed box."""
    _title, rows, reset = box.children
    return {int(row.children[0].description): row.children[0] for row in rows.children}, reset


def _tables(objects) -> list[str]:
    return [o["text/html"] for o in objects if isinstance(o, dict) and "<table" in o.get("text/html", "")]


def _same(one: dict, other: dict) -> bool:
    """The same table, whatever the ids pandas gives its styles."""
    return {k: re.sub(r"T_[0-9a-f]+", "T", v) for k, v in one.items()} == {
        k: re.sub(r"T_[0-9a-f]+", "T", v) for k, v in other.items()
    }


def test_sliders_drive_one_table_and_reset_restores_it(shown):
    whatif.whatif_sliders(sample_analysis(agency=AGENCY), {9: 100})
    box, start = shown["objects"]
    assert len(_tables(shown["objects"])) == 1  # one table: no second one from the parameters
    sliders, reset = _controls(box)
    # 9 at 100 (the parameter: the sliders' start): OIT 93.75 -> 24.1302 + 23.695 + 37.5 = 85.3252
    assert sliders[9].value == 100 and sliders[10].value == 87.5
    assert ">82.44<" in start["text/html"] and ">85.33<" in start["text/html"]
    sliders[10].value = 100  # OIT 100: 24.1302 + 23.695 + 40 = 87.8252
    moved = shown["tables"][-1]["text/html"]
    assert ">87.83<" in moved and ">A<" in moved and ">85.33<" not in moved
    assert "100.00" in shown["tables"][-1]["text/plain"]
    reset.click()
    assert sliders[10].value == 87.5 and sliders[9].value == 100  # back to the parameters' values
    assert _same(shown["tables"][-1], start)  # the table as it started
    assert len(shown["tables"]) == 3  # the start, the move, one update for the whole reset


def test_a_keyboard_step_is_half_a_point_shown_with_two_decimals(shown):
    whatif.whatif_sliders(sample_analysis(agency=AGENCY))
    sliders, _ = _controls(shown["objects"][0])
    assert {s.step for s in sliders.values()} == {0.5}
    assert {s.readout_format for s in sliders.values()} == {".2f"}
    assert sliders[9].value == 85.56  # the actual score, not rounded to the step


def test_the_target_and_the_grade_it_needs_are_above_the_table(shown):
    # targets.csv: 95 for FY2564; FY2564 grades: 95 is AA. 82.44 now: 12.56 points short
    whatif.whatif_sliders(sample_analysis(agency=AGENCY))
    sliders, _ = _controls(shown["objects"][0])
    html = shown["tables"][-1]["text/html"]
    above = html[: html.index("<table")]
    assert "ค่าเป้าหมาย (target): 95.00 คะแนน (ระดับ AA)" in above
    assert "ยังขาด 12.56 คะแนน" in above
    for n in range(1, 11):
        sliders[n].value = 100
    assert "ถึงค่าเป้าหมายแล้ว (target reached)" in shown["tables"][-1]["text/html"]


def test_without_a_target_the_next_level_is_shown(shown):
    whatif.whatif_sliders(sample_analysis(agency=AGENCY, targets=None))
    html = shown["tables"][-1]["text/html"]
    # B (82.44) now: the next FY2564 grade is A, from 85 (85.00 - 82.44 = 2.56)
    assert "ระดับถัดไป (next level): 85.00 คะแนน (ระดับ A)" in html and "ยังขาด 2.56 คะแนน" in html


def test_the_table_has_the_notebooks_style(shown):
    whatif.whatif_sliders(sample_analysis(agency=AGENCY), {9: 100})
    (html,) = _tables(shown["objects"])
    assert 'border="1"' not in html and "<th></th>" not in html and "<th >&nbsp;</th>" not in html
    assert html.count("<tr>") == 7  # the header and six rows: indicator 9, three tools, total, grade
    assert "td.col1 {\n  white-space: nowrap;\n}" in html  # figures on one line


def test_no_sliders_when_unattended(shown, monkeypatch):
    monkeypatch.setenv(whatif.NO_SLIDERS, "1")
    whatif.whatif_sliders(sample_analysis(agency=AGENCY), {9: 100})
    (table,) = shown["objects"]  # the starting point's table only
    assert ">82.44<" in table["text/html"] and ">85.33<" in table["text/html"]
    assert "85.33" in table["text/plain"]
