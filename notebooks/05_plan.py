# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (ita-analysis)
#     language: python
#     name: ita-analysis
# ---

# %% [markdown]
# # 05 เป้าหมายและแผน (target gap and what-if)
#
# What the target takes: what one indicator point is worth in the total, and the plan reaching
# the target (a score, or a grade/rating; in a rating year also every tool's minimum) with the
# fewest indicator points, no indicator above 100 (`target_gap.csv`). Without a target, the plan
# reaches the next level. Then what-if: sliders per indicator update the tool means, total and
# grade or rating live in JupyterLab; run by papermill, the result of `planned` and `tool_change`
# is printed instead.

# %% tags=["parameters"]
fiscal_year = 2563  # Buddhist Era
agency = None  # None: every agency in the data
data = ["../data/raw/ocsc_scores_2562_2563.csv"]  # CSV, TSV, XLSX or earlier measures documents (.docx)
sheet = None  # the XLSX sheet of the score tables (name or 0-based index); None: the first
group = None  # the column grouping agencies (ministry, province); None: กระทรวง/จังหวัด/... when present
previous_year = None  # None: fiscal_year - 1
weakness_rule = "default"  # default, declined, below_pass, below_target or lowest
target = None  # a score (95) or a grade/rating ("AA"); None: from the targets file, if any
targets = "../data/raw/targets.csv"
items = None  # None: sub-items from the notes
notes = "../data/raw/notes_2563.csv"
recommendations = "../data/raw/recommendations_2563.csv"
plan = "../data/raw/plan_2564.csv"
output_dir = None  # None: show only, write nothing
planned = {}  # what-if: planned indicator scores, e.g. {9: 100, 10: 95}; the sliders start here
tool_change = {}  # what-if: points added to each indicator of a tool, e.g. {"OIT": 5}

# %%
from ita_analysis.facade import Analysis
from ita_analysis.facade.widgets import whatif_sliders

analysis = Analysis.from_params(
    fiscal_year=fiscal_year, agency=agency, data=data, sheet=sheet, group=group, previous_year=previous_year,
    weakness_rule=weakness_rule, target=target, targets=targets, items=items, notes=notes,
    recommendations=recommendations, plan=plan, output_dir=output_dir,
)  # fmt: skip
gap = analysis.target_gap()

# %% [markdown]
# ## Target gap (ช่องว่างถึงค่าเป้าหมาย)

# %%
gap.show()

# %%
analysis.save(gap)

# %% [markdown]
# ## What-if (ถ้าคะแนนเปลี่ยน)

# %%
whatif_sliders(analysis, planned, tool_change)
