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
# สิ่งที่ต้องทำเพื่อให้ถึงค่าเป้าหมาย: ค่าของ 1 คะแนนตัวชี้วัดต่อคะแนนรวม และแผนที่ถึงค่าเป้าหมาย
# (คะแนน หรือระดับผลการประเมิน) โดยเพิ่มคะแนนตัวชี้วัดน้อยที่สุด ไม่มีตัวชี้วัดใดเกิน 100 (`target_gap.csv`)
# ถ้าไม่มีค่าเป้าหมาย แผนจะไปถึงระดับถัดไป จากนั้นเป็นการทดลองปรับคะแนน (what-if) ด้วยแถบเลื่อน
# รายตัวชี้วัด แสดงคะแนนเฉลี่ยรายเครื่องมือ คะแนนรวม และระดับผลการประเมิน
#
# What the target takes: what one indicator point is worth in the total, and the plan reaching
# the target (a score, or a grade/rating; in a rating year also every tool's minimum) with the
# fewest indicator points, no indicator above 100 (`target_gap.csv`). Without a target, the plan
# reaches the next level. Then what-if: one slider per indicator, starting at the agency's scores
# with `planned` and `tool_change` applied (an arrow key moves a slider by 0.5), drives one table of
# the tool means, total and grade or rating, with the target and what it asks above it; the reset
# button takes the sliders back to that start. Run by papermill, the table shows the start.

# %% tags=["parameters"]
# ปีงบประมาณ พ.ศ. ที่วิเคราะห์ (the fiscal year, Buddhist Era): ปีที่มีกรอบการประเมิน (a year `ita-analysis frameworks` lists)
fiscal_year = 2563
# ชื่อหน่วยงานตามข้อมูล เช่น "สำนักงาน ก.พ." (an agency as the data names it); None: ทุกหน่วยงาน หรือหน่วยงานเดียว
# ถ้าข้อมูลมีหน่วยงานเดียว (None: every agency, or the only one when the data holds one)
agency = None
# ไฟล์คะแนน CSV, TSV, XLSX หรือเอกสารมาตรการปีก่อน (.docx) หนึ่งไฟล์หรือหลายไฟล์ในรายการ
# (the score table(s): CSV, TSV, XLSX or earlier measures documents; one path or a list)
data = ["../data/raw/ocsc_scores_2562_2563.csv"]
# ชีตของไฟล์ XLSX: ชื่อชีต หรือลำดับเริ่มจาก 0 (a sheet name or 0-based index); None: ชีตที่ Excel เปิด (as Excel opens)
sheet = None
# คอลัมน์ที่จัดกลุ่มหน่วยงาน เช่น "กระทรวง" (the column grouping agencies: ministry, province);
# None: กระทรวง/จังหวัด/... ถ้ามี (when present)
group = None
# ปีที่เปรียบเทียบ พ.ศ. (the comparison year, Buddhist Era); None: ปีก่อนหน้า (fiscal_year - 1)
previous_year = None
# เกณฑ์จุดอ่อน (weakness rule), one of:
#   "default"       ลดลงจากปีก่อน ถ้าไม่มีให้ใช้ below_pass (declined; below_pass when nothing declined)
#   "declined"      คะแนนลดลงจากปีก่อน (the score fell from the previous year)
#   "below_pass"    ต่ำกว่าเกณฑ์ผ่านของปีนั้น (under the year's pass mark)
#   "below_target"  ต่ำกว่าค่าเป้าหมายของหน่วยงาน (under the agency's target: target or targets)
#   "lowest"        3 ตัวชี้วัดที่คะแนนต่ำสุด (the three lowest indicators)
weakness_rule = "default"
# ค่าเป้าหมาย: คะแนน 0-100 เช่น 95 หรือระดับ เช่น "AA" (a target score, or a grade/rating of the year);
# None: จากไฟล์ targets ถ้ามี (from the targets file, if any)
target = None
# ไฟล์ค่าเป้าหมาย (targets file: agency, fiscal_year, target); None: ไม่มี (none)
targets = "../data/raw/targets.csv"
# ไฟล์คะแนนรายข้อ (item scores: agency, fiscal_year, item, score); None: ประเด็นย่อยจาก notes (sub-items from notes)
items = None
# บันทึกของผู้วิเคราะห์ (the analyst's notes: indicator, sub_item); None: ไม่มี (none)
notes = "../data/raw/notes_2563.csv"
# ข้อเสนอแนะของ ป.ป.ช. (NACC's recommendations: indicator, recommendation); None: ไม่มี (none)
recommendations = "../data/raw/recommendations_2563.csv"
# แผนมาตรการ (the measures plan: indicator, action, responsible[, timeline, kpi]); None: ไม่มี (none)
plan = "../data/raw/plan_2564.csv"
# ย่อหน้าแผนสู่ค่าเป้าหมายในเอกสารมาตรการ (the paragraph on what the target takes); False: ไม่ใส่ (left out)
target_paragraph = True
# โฟลเดอร์ที่บันทึกตารางและกราฟ (where tables and charts are written); None: แสดงผลอย่างเดียว (show only)
output_dir = None
# what-if: คะแนนตัวชี้วัดที่วางแผน {เลขตัวชี้วัด: คะแนน 0-100} เช่น {9: 100, 10: 95}; แถบเลื่อนเริ่มจากค่านี้
# (planned indicator scores, {indicator number: score 0-100}; the sliders start here)
planned = {}
# what-if: คะแนนที่เพิ่มให้ทุกตัวชี้วัดของเครื่องมือ {รหัสเครื่องมือ: คะแนน} เช่น {"OIT": 5}
# (points added to each indicator of a tool, {tool code: points})
tool_change = {}

# %%
from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.facade.notebook import setup_notebook, show_agency
from ita_analysis.facade.widgets import whatif_sliders

setup_notebook()  # an input error shows as the command line's message, not a traceback
analysis = Analysis.from_params(AnalysisParameters.from_cell(globals()))  # the parameters cell's values
gap = analysis.target_gap()
show_agency(analysis)

# %% [markdown]
# ## ช่องว่างถึงค่าเป้าหมาย (Target gap)

# %%
gap.show()

# %%
written = analysis.save(gap)  # the files written into output_dir (none when it is None)

# %% [markdown]
# ## ถ้าคะแนนเปลี่ยน (What-if)

# %%
whatif_sliders(analysis, planned, tool_change)
