"""What-if for JupyterLab: one slider per indicator, a reset button, and the one table they drive.

The sliders start at the agency's scores with the notebook's ``planned`` and ``tool_change``
parameters applied. The table (each tool's mean, the total and the grade or rating, before and
after, with the target and what it asks above it) is an ordinary display output showing that
starting point, so an executed (papermill) notebook keeps it; a slider's move or the reset button
updates that same output in place, by its display id (no Output widget, whose capture can stall an
unattended client). Where :data:`NO_SLIDERS` is set in the environment (the batch run sets it for
its kernels) no widget is made at all: the table of the starting point is shown alone.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping

import pandas as pd

from ita_analysis.compute.target_gap import Goal, TargetPlan
from ita_analysis.compute.whatif import Result, apply_changes, whatif_rows
from ita_analysis.facade.notebook import show_note, table_bundle
from ita_analysis.report.texts import goal_th

NO_SLIDERS = "ITA_ANALYSIS_NO_SLIDERS"  # set (by the batch run) where the notebook runs unattended
STEP = 0.5  # points an arrow key moves a slider by
ITEM, BEFORE, AFTER = "รายการ (item)", "ก่อน (before)", "หลัง (after)"  # the what-if table's columns


def whatif_table(w, framework) -> pd.DataFrame:
    """Before and after as a small table (:func:`~ita_analysis.compute.whatif.whatif_rows`):
    changed indicators, each tool's mean, total, grade; figures as numbers."""
    labels = {"total": "คะแนนรวม (total)", "grade": "ระดับ (grade)"}
    rows = [
        (
            f"{r.key} {framework.indicator(r.key).name_th}" if r.kind == "indicator" else labels.get(r.kind, r.key),
            r.before,
            r.after,
        )
        for r in whatif_rows(w, framework)
    ]
    return pd.DataFrame(rows, columns=[ITEM, BEFORE, AFTER], dtype=object)


def short_of(goal: Goal, result: Result) -> tuple[float, list[str]]:
    """How far ``result`` is from ``goal``: the points its total lacks (0 when it is there) and the
    tools under the goal's tool minimum (none when the goal has no minimum)."""
    points = max(0.0, round(goal.min_total - result.total, 2))
    low = [c for c, v in result.tools.items() if goal.min_each_tool is not None and v < goal.min_each_tool - 1e-9]
    return points, low


def goal_line(gap: TargetPlan, after: Result) -> str:
    """What the table's "after" is aiming at, Thai first, English beside: the target (or the next
    level) with the grade or rating it is, and how far the "after" scores are from it."""
    if gap.goal is None:
        return f"อยู่ในระดับสูงสุดแล้ว ({gap.result.grade}) (already at the top level)"
    what, english = ("ค่าเป้าหมาย", "target") if gap.given else ("ระดับถัดไป", "next level")
    points, low = short_of(gap.goal, after)
    if points:
        status = f"คะแนนรวมยังขาด {points:.2f} คะแนน (the total is {points:.2f} points short)"
    elif low:
        status = f"เครื่องมือที่ยังต่ำกว่าเกณฑ์: {' '.join(low)} (tools under the minimum)"
    else:
        status = f"ถึง{what}แล้ว ({english} reached)"
    return f"{what} ({english}): {goal_th(gap.goal)}\n{status}"


def whatif_bundle(analysis, agency: str, gap: TargetPlan, scores: Mapping[int, float]) -> dict[str, str]:
    """What the notebook displays of the agency's what-if with ``scores``: the table
    (:func:`whatif_table`) in the notebooks' table style, the goal (:func:`goal_line`) above it."""
    w = analysis.what_if(scores, agency=agency)
    table = whatif_table(w, analysis.framework)
    return table_bundle(table, above=goal_line(gap, w.after), figures=(BEFORE, AFTER))


class WhatIfPanel:
    """One agency's what-if: a slider per indicator starting at ``start``, a reset button back to
    ``start``, and the table they drive (:meth:`bundle`), shown by :meth:`show`."""

    def __init__(self, analysis, agency: str, start: Mapping[int, float]):
        import ipywidgets as widgets

        self.analysis, self.agency, self.start = analysis, agency, dict(start)
        self.gap = analysis.target_plan(agency)
        self.handle = None  # the table's display, once shown
        self.holding = False  # the reset moves every slider: one update at its end
        self.sliders = {
            n: widgets.FloatSlider(
                value=self.start[n],
                min=0.0,
                max=100.0,
                step=STEP,
                description=f"{n}",
                readout_format=".2f",
                continuous_update=False,
                style={"description_width": "2.5em"},
                layout={"width": "32em"},
            )
            for n in analysis.framework.numbers
        }
        self.reset_button = widgets.Button(
            description="เริ่มใหม่ (reset)", tooltip="กลับไปที่ค่าเริ่มต้นของพารามิเตอร์ (back to the parameters' values)"
        )
        for slider in self.sliders.values():
            slider.observe(self.update, names="value")
        self.reset_button.on_click(self.reset)

    def chosen(self) -> dict[int, float]:
        """Indicator number -> the slider's score."""
        return {n: float(slider.value) for n, slider in self.sliders.items()}

    def bundle(self) -> dict[str, str]:
        """The what-if table of the sliders' scores (:func:`whatif_bundle`)."""
        return whatif_bundle(self.analysis, self.agency, self.gap, self.chosen())

    def update(self, _change=None) -> None:
        """Show the sliders' what-if in the table's place."""
        if self.handle is not None and not self.holding:
            self.handle.update(self.bundle(), raw=True)

    def reset(self, _button=None) -> None:
        """Every slider back to its start, then one update."""
        self.holding = True
        try:
            for n, slider in self.sliders.items():
                slider.value = self.start[n]
        finally:
            self.holding = False
        self.update()

    def show(self) -> None:
        """Display the sliders and the reset button, then the table."""
        import ipywidgets as widgets
        from IPython.display import display

        fw = self.analysis.framework
        rows = [widgets.HBox([self.sliders[n], widgets.Label(fw.indicator(n).name_th)]) for n in fw.numbers]
        title = widgets.Label(f"ตามแถบเลื่อน (sliders): {self.agency}, FY{self.analysis.fiscal_year}")
        display(widgets.VBox([title, widgets.VBox(rows), self.reset_button]))
        self.handle = display(self.bundle(), raw=True, display_id=True)


def whatif_sliders(
    analysis, planned: Mapping[int, float] | None = None, tool_change: Mapping[str, float] | None = None
) -> None:
    """The what-if of the analysed agency: sliders starting at its scores with ``planned`` and
    ``tool_change`` applied, a reset button and the one table they drive (:class:`WhatIfPanel`);
    without ipywidgets, or unattended (:data:`NO_SLIDERS`), that table at the starting point only."""
    from IPython.display import display

    names = analysis.agencies()
    agency = analysis.agency or (names[0] if len(names) == 1 else None)
    if agency is None:
        show_note(
            f"ตั้งค่า agency เพื่อจำลองคะแนน: ข้อมูลมี {len(names)} หน่วยงาน "
            f"(set agency for the what-if: the data holds {len(names)} agencies)"
        )
        return None
    actual = analysis.indicator_scores(agency)
    fw = analysis.framework
    start = apply_changes(actual, fw, {int(k): v for k, v in (planned or {}).items()}, tool_change)
    if os.environ.get(NO_SLIDERS) or importlib.util.find_spec("ipywidgets") is None:
        # a batch run (nobody moves a slider) or plain Python: the starting point only
        display(whatif_bundle(analysis, agency, analysis.target_plan(agency), start), raw=True)
        return None
    WhatIfPanel(analysis, agency, start).show()
    return None
