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
# ตำแหน่งของหน่วยงานเมื่อเทียบกับทุกหน่วยงานในข้อมูล: ลำดับและเปอร์เซ็นไทล์ในปีนั้นและในกลุ่ม
# (กระทรวง จังหวัด ประเภทหน่วยงาน หรือคอลัมน์ที่ระบุใน `group`) ค่าเฉลี่ย มัธยฐาน สัดส่วนที่ผ่านเกณฑ์
# จำนวนแต่ละระดับ และการเปลี่ยนระดับจากปีก่อนของแต่ละกลุ่ม พร้อมฮิสโทแกรมและบ็อกซ์พล็อต
# เมื่อข้อมูลมีหน่วยงานเดียวจะแจ้งว่าไม่มีหน่วยงานให้เปรียบเทียบ และแสดงค่าระดับประเทศของ ป.ป.ช. แทน
#
# Where the agency stands among every agency in the data: its rank and percentile in the year,
# and within its group (ministry, province, agency type: a group column of the score table, or the
# column named by `group`); each group's mean, median, share at the pass mark, grade or rating
# counts and movement from the previous year; histograms and box plots per tool and for the
# total with the agency marked. With one agency in the data there are no peers: it says so (no
# rank, no percentile) and gives NACC's national figures for the year.

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

# %%
from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.facade.notebook import setup_notebook, show_agency

setup_notebook()  # an input error shows as the command line's message, not a traceback
analysis = Analysis.from_params(AnalysisParameters.from_cell(globals()))  # the parameters cell's values
peers = analysis.peers()
peer_groups = analysis.peer_groups()
show_agency(analysis)

# %% [markdown]
# ## ลำดับและเปอร์เซ็นไทล์ (Standing)

# %%
peers.show()

# %% [markdown]
# ## สรุปรายกลุ่ม (Groups and movement)

# %%
peer_groups.show()

# %%
written = analysis.save(peers) + analysis.save(peer_groups)  # the files written (none without output_dir)
