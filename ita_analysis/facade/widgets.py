"""What-if sliders for JupyterLab: one slider per indicator, the total and grade or rating updated live.

The result of the notebook's ``planned`` and ``tool_change`` parameters is always shown as a plain
table first, so an executed (papermill) notebook keeps it. The sliders update an HTML table (no
Output widget, whose capture can stall an unattended client); where :data:`NO_SLIDERS` is set in
the environment (the batch run sets it for its kernels) no widget is made at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import pandas as pd

from ita_analysis.compute.whatif import apply_changes, whatif_rows

NO_SLIDERS = "ITA_ANALYSIS_NO_SLIDERS"  # set (by the batch run) where the notebook runs unattended


def whatif_table(w, framework) -> pd.DataFrame:
    """Before and after as a small table (:func:`~ita_analysis.compute.whatif.whatif_rows`):
    changed indicators, each tool's mean, total, grade."""
    labels = {"total": "คะแนนรวม (total)", "grade": "ระดับ (grade)"}
    rows = [
        (
            f"{r.key} {framework.indicator(r.key).name_th}" if r.kind == "indicator" else labels.get(r.kind, r.key),
            *(f"{v:.2f}" if isinstance(v, float) else v for v in (r.before, r.after)),
        )
        for r in whatif_rows(w, framework)
    ]
    return pd.DataFrame(rows, columns=["", "ก่อน (before)", "หลัง (after)"]).set_index("")


def whatif_sliders(
    analysis, planned: Mapping[int, float] | None = None, tool_change: Mapping[str, float] | None = None
) -> None:
    """The before/after table of ``planned`` and ``tool_change`` (applied to the agency's scores),
    then sliders starting there that show the table again on every move (with ipywidgets)."""
    from IPython.display import display

    fw = analysis.framework
    names = analysis.agencies()
    agency = analysis.agency or (names[0] if len(names) == 1 else None)
    if agency is None:
        print(
            f"ตั้งค่า agency เพื่อจำลองคะแนน: ข้อมูลมี {len(names)} หน่วยงาน "
            f"(set agency for the what-if: the data holds {len(names)} agencies)"
        )
        return None
    actual = analysis.indicator_scores(agency)
    start = apply_changes(actual, fw, {int(k): v for k, v in (planned or {}).items()}, tool_change)
    # the parameters' result as a plain output: what an executed (papermill) notebook keeps
    print("ตามพารามิเตอร์ planned / tool_change (the parameters' what-if):")
    display(whatif_table(analysis.what_if(start, agency=agency), fw))
    if os.environ.get(NO_SLIDERS):  # a batch run: nobody moves a slider
        return None
    try:
        import ipywidgets as widgets
    except ImportError:  # plain Python: the parameter values only
        return None

    sliders = {
        n: widgets.FloatSlider(
            value=start[n],
            min=0.0,
            max=100.0,
            step=0.01,
            description=f"{n}",
            readout_format=".2f",
            continuous_update=False,
            style={"description_width": "2.5em"},
            layout={"width": "32em"},
        )
        for n in fw.numbers
    }
    shown = widgets.HTML()

    def update(_change=None) -> None:
        chosen = {n: slider.value for n, slider in sliders.items()}
        shown.value = whatif_table(analysis.what_if(chosen, agency=agency), fw).to_html()

    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    rows = [widgets.HBox([sliders[n], widgets.Label(fw.indicator(n).name_th)]) for n in fw.numbers]
    title = widgets.Label(f"ตามแถบเลื่อน (sliders): {agency}, FY{analysis.fiscal_year}")
    display(widgets.VBox([title, widgets.VBox(rows), shown]))
    return None
