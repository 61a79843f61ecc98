"""The what-if sliders as JupyterLab shows them: moving a slider updates the table (no kernel needed)."""

from __future__ import annotations

import pytest
from conftest import AGENCY, sample_analysis

from ita_analysis.facade import widgets as whatif


@pytest.fixture
def shown(monkeypatch):
    monkeypatch.delenv(whatif.NO_SLIDERS, raising=False)
    seen = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: seen.extend(objs))
    return seen


def _sliders(box):
    rows = box.children[1].children
    return {int(row.children[0].description): row.children[0] for row in rows}


def test_sliders_update_the_table(shown):
    whatif.whatif_sliders(sample_analysis(agency=AGENCY), {9: 100})
    table, box = shown
    # 9 at 100: OIT 93.75 -> 24.1302 + 23.695 + 37.5 = 85.3252
    assert table.loc["คะแนนรวม (total)"].tolist() == ["82.44", "85.33"]
    sliders, html = _sliders(box), box.children[2]
    assert sliders[9].value == 100 and sliders[10].value == 87.5
    sliders[10].value = 100  # OIT 100: 24.1302 + 23.695 + 40 = 87.8252
    assert "87.83" in html.value and "<td>A</td>" in html.value


def test_no_sliders_when_unattended(shown, monkeypatch):
    monkeypatch.setenv(whatif.NO_SLIDERS, "1")
    whatif.whatif_sliders(sample_analysis(agency=AGENCY), {9: 100})
    assert len(shown) == 1  # the parameters' table only
