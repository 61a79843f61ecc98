"""The one header vocabulary of every input: which words name which column (its role).

Score tables and the side files (notes, recommendations, targets, items, plan) read their headers
through :func:`header_role`, so a header accepted in one is accepted in all. Headers are compared
by :func:`~ita_analysis.thai.normalize.match_key` (case, spaces and punctuation ignored), and a
remark in brackets is ignored ("คะแนนที่ได้ (เต็ม 100)" is a score).

The roles of published tool figures (a tool's mean, its weighted sum: the columns of a re-read
score output) are named after the tool codes of the framework files, never written here.
"""

from __future__ import annotations

import re

from ita_analysis.frameworks import known_tool_codes, tool_column, weighted_column
from ita_analysis.thai.normalize import match_key, normalize_text

HEADER_SCAN = 40
"""Rows searched for the header row, from the top of a sheet."""

WORDS: dict[str, tuple[str, ...]] = {
    "agency": (
        "agency", "agency name", "organisation", "organization", "หน่วยงาน", "ชื่อหน่วยงาน", "ส่วนราชการ",
        "ชื่อส่วนราชการ", "หน่วยงานภาครัฐ", "หน่วยรับการประเมิน", "หน่วยงานที่เข้ารับการประเมิน",
    ),
    "fiscal_year": ("fiscal year", "year", "fy", "ปีงบประมาณ", "ปี", "พ.ศ.", "ปี พ.ศ.", "ปีงบประมาณ พ.ศ."),
    "indicator": (
        "indicator", "indicator name", "ตัวชี้วัด", "ชื่อตัวชี้วัด", "ประเด็นการประเมิน", "เครื่องมือ/ตัวชี้วัด",
        "แบบวัด/ตัวชี้วัด", "ตัวชี้วัด/ตัวชี้วัดย่อย", "ตัวชี้วัดการประเมิน",
    ),
    "indicator_no": ("indicator no", "indicator number", "ตัวชี้วัดที่", "เลขตัวชี้วัด"),
    "seq": ("no", "ลำดับที่", "ลำดับ", "ที่"),
    "tool": ("tool", "เครื่องมือ", "แบบวัด", "เครื่องมือการประเมิน", "เครื่องมือที่ใช้ประเมิน"),
    "score": ("score", "คะแนน", "คะแนนที่ได้", "ผลคะแนน", "คะแนนที่ได้รับ"),
    "mean": ("mean", "tool mean", "average", "คะแนนเฉลี่ย", "ค่าเฉลี่ย"),
    "weighted": ("weighted", "weighted score", "ผลรวมคะแนนที่ถ่วงน้ำหนัก", "คะแนนถ่วงน้ำหนัก", "คะแนนที่ถ่วงน้ำหนัก"),
    "total": (
        "total", "total score", "ita", "ita score", "คะแนนรวม", "คะแนนรวมการประเมิน", "คะแนนรวมการประเมินฯ",
    ),
    "grade": ("grade", "rating", "ระดับ", "ผลการประเมิน", "ระดับผลการประเมิน"),
    "item": ("item", "item code", "code", "รหัส", "รหัสข้อ", "ข้อ", "ข้อที่"),
    "text": ("text", "item text", "question", "ข้อคำถาม", "รายการ", "คำถาม", "ประเด็นการตรวจ"),
    "sub_item": (
        "sub item", "sub items", "note", "notes", "ประเด็นย่อย", "ประเด็น", "รายละเอียด", "จุดอ่อน", "ข้อสังเกต",
    ),
    "recommendation": ("recommendation", "recommendations", "ข้อเสนอแนะ", "ข้อเสนอแนะของสำนักงาน ป.ป.ช."),
    "target": ("target", "เป้าหมาย", "ค่าเป้าหมาย", "คะแนนเป้าหมาย"),
    "action": (
        "action", "measure", "measures", "actions", "แนวทางการดำเนินงาน", "มาตรการ", "การดำเนินการ", "แนวทาง",
        "มาตรการ/การดำเนินการ",
    ),
    "responsible": ("responsible", "responsible unit", "ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ", "หน่วยงานผู้รับผิดชอบ"),
    "timeline": ("timeline", "timeframe", "ระยะเวลา", "ระยะเวลาดำเนินการ", "ระยะเวลาดำเนินงาน", "กำหนดเวลา"),
    "kpi": ("kpi", "ตัวชี้วัดความสำเร็จ", "ตัวชี้วัดผลสำเร็จ", "เป้าหมายความสำเร็จ"),
    "group": (
        "group", "ministry", "province", "type", "agency type", "กลุ่ม", "กลุ่มหน่วยงาน", "กระทรวง", "จังหวัด",
        "ประเภทหน่วยงาน", "ประเภท",
    ),
}  # fmt: skip
"""Role -> the header words that name it (English first, then Thai)."""

PREFIXES: dict[str, tuple[str, ...]] = {"action": ("แนวทางการดำเนินงานของ",)}
"""Role -> beginnings of a header that name it whatever follows: the measures table of a published
document heads its action column with the agency's name ("แนวทางการดำเนินงานของสำนักงาน ก.พ.")."""

PLAN_HEADERS: dict[str, str] = {
    "agency": "หน่วยงาน", "fiscal_year": "ปีงบประมาณ", "indicator": "ตัวชี้วัดที่", "indicator_name": "ตัวชี้วัด",
    "weak": "จุดอ่อน", "score": "คะแนนที่ได้", "action": "แนวทางการดำเนินงาน", "responsible": "ผู้รับผิดชอบ",
    "timeline": "ระยะเวลา", "kpi": "ตัวชี้วัดความสำเร็จ",
}  # fmt: skip
"""The Thai headers of the measures-plan template, by column of the template (``init-plan``), in
the words of the reference document's measures table. The columns that are read back (agency,
fiscal_year, indicator, action, responsible, timeline, kpi) carry words of :data:`WORDS`, so the
plan reader reads a filled-in template as it reads the English headers."""

_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def tool_words(codes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Roles of the published tool figures: the tool's mean (``iit``) and weighted sum (``iit_weighted``)."""
    words: dict[str, tuple[str, ...]] = {}
    for code in codes:
        words[tool_column(code)] = (code,)
        words[weighted_column(code)] = (f"{code}_weighted", f"{code} weighted")
    return words


def role_words() -> dict[str, str]:
    """Header key (:func:`match_key` of a word) -> role, for the tool codes of the framework files."""
    roles = {match_key(w): role for role, words in WORDS.items() for w in words}
    for role, words in tool_words(known_tool_codes()).items():
        for w in words:
            roles.setdefault(match_key(w), role)  # a word of the vocabulary keeps its role
    return roles


def header_role(cell: object, roles: dict[str, str] | None = None) -> str | None:
    """The role a header cell names, ignoring remarks in brackets; None for any other text.

    ``roles`` is :func:`role_words` (pass it when naming many cells).
    """
    text = normalize_text(cell)
    if not text:
        return None
    roles = role_words() if roles is None else roles
    role = roles.get(match_key(text))
    if role is None:
        role = roles.get(match_key(_BRACKETS.sub(" ", text)))
    if role is None:
        role = _prefix_role(match_key(text))
    return role


def _prefix_role(key: str) -> str | None:
    """The role of :data:`PREFIXES` whose beginning the header key starts with, if any."""
    for role, starts in PREFIXES.items():
        if any(key.startswith(match_key(s)) for s in starts):
            return role
    return None


def published_measures() -> tuple[str, ...]:
    """The figures an input may print beside the scores: each tool's mean and weighted sum, total, grade."""
    codes = known_tool_codes()
    return (*map(tool_column, codes), *map(weighted_column, codes), "total", "grade")


def header_example(role: str) -> str:
    """How a reader writes the header of a role: its first English and first Thai word."""
    words = WORDS[role]
    thai = next((w for w in words if _THAI.search(w)), None)
    return f"{words[0]} / {thai}" if thai else words[0]
