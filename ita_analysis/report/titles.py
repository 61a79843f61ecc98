"""The Thai titles of the notebooks' and the batch run's charts."""

from __future__ import annotations


def indicators_title(fiscal_year: int, agency: str) -> str:
    return f"ผลคะแนนรายตัวชี้วัด ปีงบประมาณ พ.ศ. {fiscal_year} {agency}"


def mean_indicators_title(fiscal_year: int, label: str) -> str:
    """The indicator chart of several agencies (``label``: "12 หน่วยงาน"), their means."""
    return f"คะแนนเฉลี่ยรายตัวชี้วัดของ {label} ปีงบประมาณ พ.ศ. {fiscal_year}"


def agencies_label(n: int) -> str:
    """How a chart names the agencies of a table of several: "12 หน่วยงาน"."""
    return f"{n} หน่วยงาน"


def contributions_title(total: float, grade: str, n_tools: int, fiscal_year: int, agency: str) -> str:
    return f"คะแนนรวม {total:.2f} ({grade}) จาก {n_tools} เครื่องมือ ปีงบประมาณ พ.ศ. {fiscal_year} {agency}"


def comparison_title(previous_year: int, fiscal_year: int, label: str) -> str:
    return f"เปรียบเทียบผลคะแนน ปีงบประมาณ พ.ศ. {previous_year} - {fiscal_year} {label}"


def peers_title(fiscal_year: int, n: int, agency: str | None) -> str:
    return f"การกระจายของคะแนน ปีงบประมาณ พ.ศ. {fiscal_year} ({n} หน่วยงาน)" + (f" {agency}" if agency else "")


def years_span(first: int, last: int) -> str:
    return f"ปีงบประมาณ พ.ศ. {first} - {last}"


def tool_history_title(tool: str, span: str, agency: str) -> str:
    return f"ผลคะแนนรายปี {tool} {span} {agency}"


def trend_title(span: str, agency: str) -> str:
    return f"ผลคะแนนรวมรายปี {span} {agency}"
