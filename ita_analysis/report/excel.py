"""Excel output with openpyxl: numbers as numbers, data text always stored as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ita_analysis.files import FORMULA_PREFIXES, atomic_path
from ita_analysis.report.safe_text import printable

THAI_FONT = "TH Sarabun New"  # the government font where the reader has it; Excel falls back otherwise


def write_table_xlsx(df: pd.DataFrame, path: str | Path, *, sheet: str = "scores", number_format: str = "0.00") -> Path:
    """One sheet: bold frozen header, 2-decimal numbers, text cells that can never be formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    font = Font(name=THAI_FONT, size=14)
    bold = Font(name=THAI_FONT, size=14, bold=True)
    for j, name in enumerate(df.columns, start=1):
        cell = ws.cell(row=1, column=j)
        set_text(cell, str(name))
        cell.font = bold
    for i, row in enumerate(df.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j)
            if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
                continue
            if isinstance(value, (bool,)):
                set_text(cell, str(value))
            elif isinstance(value, float):
                cell.value = value
                cell.number_format = number_format
            elif isinstance(value, int) or hasattr(value, "__index__"):
                cell.value = int(value)
            else:
                set_text(cell, str(value))
            cell.font = font
    for j, name in enumerate(df.columns, start=1):
        width = max([len(str(name))] + [len(str(v)) for v in df.iloc[:200, j - 1].tolist()])
        ws.column_dimensions[get_column_letter(j)].width = min(max(8, width * 1.2 + 2), 60)
    ws.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def set_text(cell, text: str) -> None:
    """Store text as a text cell, never a formula, even if it starts with '=' (quote-prefixed), and
    without the control characters an .xlsx file cannot hold."""
    text = printable(text)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
