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
# # 06 กลุ่มหน่วยงาน (a group of agencies)
#
# ภาพรวมของกลุ่มหน่วยงาน เช่น จังหวัด กระทรวง หรือทุกหน่วยงาน: จำนวนหน่วยงาน ค่าเฉลี่ย มัธยฐาน การกระจาย
# และสัดส่วนที่ผ่านเกณฑ์ เทียบกับปีก่อนและกับทุกหน่วยงาน จำนวนแต่ละระดับ ตารางลำดับ คะแนนรายตัวชี้วัดของกลุ่ม
# หน่วยงานที่ต้องติดตาม (ต่ำกว่าเกณฑ์ผ่าน ตกเกณฑ์ หรือคะแนนลดลงสองปีติด) และข้อที่ได้ 0 บ่อยที่สุด
# (เมื่อมีคะแนนรายข้อ) พร้อมแผนภูมิ กลุ่มคือค่า `group_value` ของคอลัมน์ `group_kind` ของตารางคะแนน
# หรือของไฟล์จับคู่ `group_map`; "ทั้งหมด" คือทุกหน่วยงานในข้อมูล
#
# A group of agencies (a province, a ministry, every agency): its number of agencies, mean, median,
# spread and share at the pass mark against the previous year and all the agencies; the agencies per
# grade or rating; the ranking; each indicator's mean and share below the pass mark; the agencies to
# watch; the items most often at 0 (with item scores); and the charts. The group is the value
# `group_value` of the column `group_kind` of the score table or of the mapping file `group_map`;
# "ทั้งหมด" is every agency of the data.

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
# ชนิดของกลุ่ม: หัวคอลัมน์กลุ่มของตารางคะแนนหรือไฟล์จับคู่ เช่น "จังหวัด" (the group column's header);
# "ทั้งหมด": ทุกหน่วยงาน (every agency)
group_kind = "ทั้งหมด"
# กลุ่ม: ค่าในคอลัมน์นั้น เช่น "อุดรธานี" (the group: a value of that column); "ทั้งหมด" กับ group_kind "ทั้งหมด"
group_value = "ทั้งหมด"
# ไฟล์จับคู่หน่วยงานกับกลุ่ม (mapping file: agency, [fiscal_year], one column per kind); None: ไม่มี (none)
group_map = None

# %%
from ita_analysis.facade import AnalysisParameters
from ita_analysis.facade.groups import Group
from ita_analysis.facade.notebook import setup_notebook

setup_notebook()  # an input error shows as the command line's message, not a traceback
group = Group.from_params(AnalysisParameters.from_cell(globals()), group_kind, group_value, group_map=group_map)
group.show_heading()

# %% [markdown]
# ## ภาพรวมของกลุ่ม (Overview)

# %%
overview = group.overview()
overview.show()

# %% [markdown]
# ## จำนวนหน่วยงานแต่ละระดับ (Grades or ratings)

# %%
levels = group.levels()
levels.show()

# %% [markdown]
# ## ลำดับของหน่วยงาน (Ranking)

# %%
ranking = group.ranking()
ranking.show()

# %% [markdown]
# ## รายตัวชี้วัด (Indicators)

# %%
indicators = group.indicators()
indicators.show()

# %% [markdown]
# ## หน่วยงานที่ต้องติดตาม (Agencies to watch)

# %%
watch = group.watch()
watch.show()

# %% [markdown]
# ## ข้อที่ได้ 0 บ่อยที่สุด (Items most often at 0)

# %%
zero_items = group.zero_items()
zero_items.show()

# %%
written = group.save_tables()  # the CSV tables (none without output_dir); the run writes the report and its charts
