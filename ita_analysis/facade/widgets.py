"""What-if sliders for JupyterLab: one slider per indicator, the total and grade or rating updated live.

Under papermill (no one moves a slider) the function runs once with the starting values, the
notebook's ``planned`` and ``tool_change`` parameters, so the executed notebook shows that result.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def whatif_table(w, framework) -> pd.DataFrame:
    """Before and after as a small table: changed indicators, each tool's mean, total, grade."""
    rows = [(f"{n} {framework.indicator(n).name_th}", f"{b:.2f}", f"{a:.2f}") for n, (b, a) in w.changed.items()]
    rows += [(code, f"{w.before.tools[code]:.2f}", f"{w.after.tools[code]:.2f}") for code in framework.tool_codes]
    rows += [("คะแนนรวม (total)", f"{w.before.total:.2f}", f"{w.after.total:.2f}"),
             ("ระดับ (grade)", w.before.grade, w.after.grade)]  # fmt: skip
    return pd.DataFrame(rows, columns=["", "ก่อน (before)", "หลัง (after)"]).set_index("")


def whatif_sliders(
    analysis, planned: Mapping[int, float] | None = None, tool_change: Mapping[str, float] | None = None
) -> None:
    """The before/after table of ``planned`` and ``tool_change`` (applied to the agency's scores),
    then sliders starting there that show the table again on every move (with ipywidgets)."""
    from IPython.display import display

    from ita_analysis.compute.whatif import apply_changes

    fw = analysis.framework
    names = analysis.agencies()
    agency = analysis.agency or (names[0] if len(names) == 1 else None)
    if agency is None:
        print(f"ตั้งค่า agency เพื่อจำลองคะแนน: ข้อมูลมี {len(names)} หน่วยงาน "
              f"(set agency for the what-if: the data holds {len(names)} agencies)")  # fmt: skip
        return None
    actual = analysis.indicator_scores(agency)
    start = apply_changes(actual, fw, {int(k): v for k, v in (planned or {}).items()}, tool_change)
    # the parameters' result as a plain output: what an executed (papermill) notebook keeps
    print("ตามพารามิเตอร์ planned / tool_change (the parameters' what-if):")
    display(whatif_table(analysis.what_if(start, agency=agency), fw))
    try:
        import ipywidgets as widgets
    except ImportError:  # plain Python: the parameter values only
        return None

    sliders = {
        f"ind_{n}": widgets.FloatSlider(
            value=start[n],
            min=0.0,
            max=100.0,
            step=0.01,
            description=f"{n}",
            readout_format=".2f",
            continuous_update=False,
            style={"description_width": "2.5em"},
            layout={"width": "32em"},
        )  # fmt: skip
        for n in fw.numbers
    }

    def show(**values):
        chosen = {int(k.removeprefix("ind_")): v for k, v in values.items()}
        display(whatif_table(analysis.what_if(chosen, agency=agency), fw))

    ui = widgets.VBox([widgets.HBox([sliders[f"ind_{n}"], widgets.Label(fw.indicator(n).name_th)]) for n in fw.numbers])
    out = widgets.interactive_output(show, sliders)
    title = widgets.Label(f"ตามแถบเลื่อน (sliders): {agency}, FY{analysis.fiscal_year}")
    display(widgets.VBox([title, ui, out]))
    return None
