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
# # 04 เปรียบเทียบกับหน่วยงานอื่น (peers)
#
# Where the agency stands among every agency in the data: its rank and percentile in the year,
# and within its group (ministry, province, agency type: a group column of the score table, or the
# column named by `group`); each group's mean, median, share at the pass mark, grade or rating
# counts and movement from the previous year; histograms and box plots per tool and for the
# total with the agency marked. With one agency in the data it says so and gives NACC's national
# figures for the year.

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
peers = analysis.peers()
peer_groups = analysis.peer_groups()

# %% [markdown]
# ## Standing (ลำดับและเปอร์เซ็นไทล์)

# %%
peers.show()

# %% [markdown]
# ## Groups and movement (สรุปรายกลุ่ม)

# %%
peer_groups.show()

# %%
analysis.save(peers)
analysis.save(peer_groups)
