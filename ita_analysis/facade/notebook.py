"""What the notebooks show besides the analysis itself: readable tables under Thai column labels
(:mod:`ita_analysis.report.labels`), one-line errors and a line saying which agency the charts are about.

A notebook calls :func:`setup_notebook` in its first code cell; :meth:`Output.show` shows its table
with :func:`show_table`; the cell that builds the analysis ends with :func:`show_agency`.
"""

from __future__ import annotations

import html

import pandas as pd

from ita_analysis.errors import InputError, ItaError
from ita_analysis.report.labels import column_label

WRAPPED = {
    "indicator_name": 11, "rule_th": 10, "sub_items": 22, "recommendation": 22, "text": 22, "reason": 10,
    "action": 22, "responsible": 10, "kpi": 14,
}  # fmt: skip
"""Columns of running text -> the width (in em) they wrap at, one line per line of the value."""

CONTEXT = ("agency", "fiscal_year", "previous_year", "framework_status", "rule", "sub_items_source")
"""Columns said once above a table when every row holds the same value."""

MAX_ROWS = 200  # rows a notebook shows of a table (a national table holds 83,000 indicator rows)


def labelled(table: pd.DataFrame) -> pd.DataFrame:
    """The table's first :data:`MAX_ROWS` rows with Thai column labels."""
    return table.head(MAX_ROWS).rename(columns={c: column_label(str(c)) for c in table.columns})


def said_once(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The table without the :data:`CONTEXT` columns that hold one value in every row (of two or
    more rows), and those values in one line ("หน่วยงาน สำนักงาน ก.พ. · ปีงบประมาณ 2563")."""
    if len(table) < 2:
        return table, ""
    same = [c for c in CONTEXT if c in table.columns and table[c].nunique(dropna=False) == 1]
    said = [f"{column_label(c)}: {table[c].iloc[0]}" for c in same if pd.notna(table[c].iloc[0])]
    return table.drop(columns=same), " · ".join(said)


def _bulleted(value) -> str:
    """A value of several lines (sub-items, one a line) as a bulleted list; one line as it is."""
    lines = "" if pd.isna(value) else str(value)
    return "\n".join(f"• {line}" for line in lines.split("\n")) if "\n" in lines else lines


def styled(table: pd.DataFrame):
    """The table as a notebook shows it (a pandas Styler): Thai labels, two decimals, no index,
    what every row shares said once above it, running text wrapped at a readable width and left
    aligned, every value HTML-escaped."""
    rest, caption = said_once(table.head(MAX_ROWS))
    shown = labelled(rest)
    text = [column_label(str(c)) for c in rest.columns if not pd.api.types.is_numeric_dtype(rest[c])]
    yes_no = [c for c in shown.columns if pd.api.types.is_bool_dtype(shown[c])]
    styler = shown.style.hide(axis="index").format(precision=2, na_rep="", escape="html")
    styler = styler.format(lambda v: "ใช่" if v else "", subset=yes_no)  # a mark only where it is true
    styler = styler.set_table_styles(
        [
            {"selector": "caption", "props": "text-align: left; padding-bottom: 0.5em;"},
            {"selector": "th", "props": "vertical-align: bottom; white-space: nowrap;"},
            {"selector": "td", "props": "vertical-align: top; white-space: nowrap;"},
        ]
    )
    # per column rules (td.colN) outrank the table's td rule: left aligned text, wrapped running text
    left = [{"selector": "th", "props": "text-align: left;"}, {"selector": "td", "props": "text-align: left;"}]
    per_column = {c: list(left) for c in text}
    for name in rest.columns.intersection(list(WRAPPED)):  # a table cell ignores max-width: a width and a minimum
        width = WRAPPED[name]
        wrap = f"white-space: pre-line; width: {width}em; min-width: {round(width * 0.6)}em;"
        # setdefault: an empty or all-missing text column has a numeric dtype and no rule yet
        per_column.setdefault(column_label(name), list(left)).append({"selector": "td", "props": wrap})
        styler = styler.format(_bulleted, subset=[column_label(name)], escape="html")
    styler = styler.set_table_styles(per_column, overwrite=False)
    return styler.set_caption(html.escape(caption)) if caption else styler


def show_table(table: pd.DataFrame) -> None:
    """Display a table: styled HTML in JupyterLab, the labelled text where only text is kept."""
    from IPython.display import display

    if len(table.columns) == 0:
        return
    if len(table) > MAX_ROWS:
        print(f"แสดง {MAX_ROWS} แถวแรกจาก {len(table):,} แถว (the first {MAX_ROWS} of {len(table):,} rows)")
    display({"text/html": styled(table).to_html(), "text/plain": repr(labelled(table))}, raw=True)


def agency_line(analysis) -> str:
    """One line (Thai and English) on whose charts are shown: the only agency in the data, taken
    because ``agency`` is None; or, with several agencies and no ``agency``, how to see one
    agency's charts. Empty when the analyst named the agency."""
    if getattr(analysis, "agency_from_data", False):
        return (
            f"ข้อมูลมีหน่วยงานเดียว จึงแสดงผลของ {analysis.agency} "
            f"(agency = None and the data holds one agency: showing {analysis.agency})"
        )
    if analysis.agency is None and (n := len(analysis.agencies())) > 1:
        return (
            f"ข้อมูลมี {n:,} หน่วยงาน กราฟแสดงค่าเฉลี่ย: ตั้งค่า agency เพื่อดูกราฟของหน่วยงานเดียว "
            f"(the data holds {n:,} agencies and the charts show their mean: set agency for one agency's charts)"
        )
    return ""


def show_agency(analysis) -> None:
    """Print :func:`agency_line` when there is something to say."""
    if line := agency_line(analysis):
        print(line)


def error_lines(exc: BaseException) -> list[str]:
    """The message the command line gives for an input or framework error, line by line."""
    if isinstance(exc, InputError):
        return [f"{len(exc.problems)} problem(s) found:", *(f"  - {p}" for p in exc.problems)]
    return [f"Error: {exc}"]


def _show_message(shell, etype, value, tb, tb_offset=None) -> list[str]:
    """IPython's handler for ItaError: the error's message as its output, no traceback."""
    stb = ["\x1b[31m" + line + "\x1b[0m" if k == 0 else line for k, line in enumerate(error_lines(value))]
    shell._showtraceback(etype, value, stb)  # what IPython's showtraceback does with its own lines
    return stb


def setup_notebook() -> None:
    """Make the running IPython show input and framework errors (ItaError) as the command line
    does: the message, not a traceback. Other errors keep their traceback. Does nothing outside
    IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((ItaError,), _show_message)
