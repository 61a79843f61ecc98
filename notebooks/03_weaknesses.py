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
# # 03 จุดอ่อนที่ต้องแก้ไขและพัฒนา (weaknesses)
#
# The weak indicators under the chosen rule (`weakness_rule`: default, declined, below_pass,
# below_target, lowest), with their sub-items (from item scores, else the analyst's notes) and
# NACC's recommendations (from the recommendations file). `declined_two_years` marks indicators
# whose score fell two years running. With item scores (`items`), the items in order of the
# cheapest points: items at 0 first, with what each is worth in the total.

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

# %%
from ita_analysis.facade import Analysis

analysis = Analysis.from_params(
    fiscal_year=fiscal_year, agency=agency, data=data, sheet=sheet, group=group, previous_year=previous_year,
    weakness_rule=weakness_rule, target=target, targets=targets, items=items, notes=notes,
    recommendations=recommendations, plan=plan, output_dir=output_dir,
)  # fmt: skip
weaknesses = analysis.weaknesses()
item_priorities = analysis.item_priorities()

# %% [markdown]
# ## Weak indicators (ตัวชี้วัดที่เป็นจุดอ่อน)

# %%
weaknesses.show()

# %%
analysis.save(weaknesses)

# %% [markdown]
# ## Items, cheapest points first (คะแนนรายข้อ)

# %%
item_priorities.show()

# %%
if analysis.items is not None:
    analysis.save(item_priorities)
