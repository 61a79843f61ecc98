"""The row shapes: long, report and comparison tables, a row per indicator.

- **long**: a row per agency, year, indicator, score;
- **report**: the results table as NACC reports print it (ลำดับที่ / เครื่องมือ / ตัวชี้วัด /
  คะแนนที่ได้ / คะแนนเฉลี่ย / ผลรวมคะแนนที่ถ่วงน้ำหนัก, the tool on the first row of its group only,
  a total row); agency and year come from the caller;
- **comparison**: like the report table but with one score column per year.

Rows are sorted into kinds: total rows (คะแนนรวม ...: the printed total), grade rows, tool rows
(a tool named where an indicator would be, with its printed mean), sub-indicator rows (9.1, 9.2
...: skipped with a warning), notes (no indicator, no score: skipped with a warning) and
indicator rows (the scores).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ita_analysis.errors import Problem
from ita_analysis.frameworks import Framework, framework_or_latest
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.agency_year import agency_and_year, year_column
from ita_analysis.ingest.cells import (
    Collector,
    any_cell,
    check_tools,
    finish,
    indicator_named,
    name_frameworks,
    parse_scores,
    resolve_indicators,
    tool_code,
    tools_of,
    unique_map,
)
from ita_analysis.ingest.header_row import Header
from ita_analysis.ingest.published import concat_published, grade_figures, tool_figures, total_figures
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import to_arabic_digits

_TOTAL_ROW = re.compile(r"รวม|^total|overall|(?<![a-z])ita(?![a-z])", re.IGNORECASE)
_GRADE_ROW = re.compile(r"^(ระดับ|ผลการประเมิน|grade|rating)", re.IGNORECASE)
_SUB_INDICATOR = re.compile(r"^(ตัวชี้วัดย่อยที่|ตัวชี้วัดที่)?\s*(\d+)\.\d+")
_WHOLE_NUMBER = re.compile(r"^(\d+)\.0+$")  # "4.0", as a table of numbers saved from a program writes 4


@dataclass
class _Labels:
    """The columns that say what a row is, and the row's identity (indicator number and/or name)."""

    ind_c: int | None
    no_c: int | None
    seq_c: int | None
    tool_c: int | None
    year_cols: dict[int, int]  # year-headed score column -> its year
    score_cols: list[int]  # where the scores are: the year columns, or the score column
    text: dict[int, pd.Series]  # label column -> its cells as text
    ident: pd.Series  # the indicator as written: "9", "การเปิดเผยข้อมูล" or "9 การเปิดเผยข้อมูล"
    ident_col: str  # the header to name in problems with the indicator

    @property
    def columns(self) -> list[int]:
        return [c for c in (self.seq_c, self.no_c, self.ind_c, self.tool_c) if c is not None]


@dataclass
class _Kinds:
    """What each row is (boolean masks), and the tool a tool row names."""

    total: pd.Series
    sub: pd.Series
    grade: pd.Series
    tool: pd.Series
    note: pd.Series
    ind: pd.Series
    row_tool: pd.Series  # tool code named on the row ("" for none)
    tool_cell: pd.Series  # tool code in the tool column ("" for none)
    orphan: pd.Series | None = None  # sub-indicator rows (4.5) without their indicator's row: read as indicator rows


def _labels(header: Header, data: pd.DataFrame) -> _Labels:
    first: dict[str, int] = {}
    for c, (role, _detail) in sorted(header.roles.items()):
        first.setdefault(role, c)
    ind_c, no_c, seq_c, tool_c = (first.get(k) for k in ("indicator", "indicator_no", "seq", "tool"))
    year_cols = header.year_columns()
    text = {c: unique_map(data[c], normalize_text) for c in (ind_c, no_c, seq_c, tool_c) if c is not None}
    # What identifies the indicator: its name and/or its number. A running number (ลำดับ) is the
    # indicator number only in report tables (no agency column) or when there is no name column.
    parts = [c for c in (no_c, ind_c) if c is not None]
    if seq_c is not None and (not parts or "agency" not in first):
        parts.insert(0, seq_c)
    ident = text[parts[0]]
    for c in parts[1:]:  # "9" and "การเปิดเผยข้อมูล" -> "9 การเปิดเผยข้อมูล" (they must then agree)
        b = text[c]
        ident = (ident + " " + b).where((b != "") & (b != ident), ident).where(ident != "", b)
    ident = unique_map(ident, _whole_number)
    ident_col = header.names[ind_c if ind_c is not None else parts[0]]
    score_cols = list(year_cols) if year_cols else [first["score"]]
    return _Labels(ind_c, no_c, seq_c, tool_c, year_cols, score_cols, text, ident, ident_col)


def _classify(header: Header, data: pd.DataFrame, lab: _Labels, frameworks: list[Framework]) -> _Kinds:
    ident = lab.ident
    is_total = any_cell(data, lab.columns, lambda v: bool(_TOTAL_ROW.search(normalize_text(v))))
    is_sub = ~is_total & unique_map(ident, lambda t: bool(_SUB_INDICATOR.match(to_arabic_digits(t)))).astype(bool)
    named = unique_map(ident, lambda t: indicator_named(t, frameworks) is not None).astype(bool)
    tool_of_ident = unique_map(ident, lambda t: tool_code(t, frameworks)).where(~named & (ident != ""), "")
    if lab.tool_c is not None:
        tool_cell = unique_map(lab.text[lab.tool_c], lambda t: tool_code(t, frameworks))
    else:
        tool_cell = pd.Series("", index=data.index)
    row_tool = tool_of_ident.where(tool_of_ident != "", tool_cell.where(ident == "", ""))
    is_grade = ~is_total & ~named & unique_map(ident, lambda t: bool(_GRADE_ROW.match(t))).astype(bool)
    is_tool = ~is_total & ~is_sub & ~is_grade & (row_tool != "")
    value_cols = [c for c, (role, _) in header.roles.items() if role in ("score", "year_value", "mean", "weighted")]
    has_value = any_cell(data, value_cols, lambda v: bool(normalize_text(v)))
    # a row naming no indicator and holding no score (a note under the table): skipped, said
    is_note = ~is_total & ~is_sub & ~is_grade & ~is_tool & ~named & ~has_value & (ident != "")
    is_ind = ~is_total & ~is_sub & ~is_grade & ~is_tool & ~is_note
    return _Kinds(is_total, is_sub, is_grade, is_tool, is_note, is_ind, row_tool, tool_cell)


def parse_rows(col: Collector, header: Header, data: pd.DataFrame, rows: pd.Series, agency, fiscal_year):
    """(scores, origin, published) of a long, report or comparison table, or None when the agency is unknown."""
    lab = _labels(header, data)
    frameworks = name_frameworks()
    kinds = _classify(header, data, lab, frameworks)
    if kinds.sub.any():
        _find_orphans(header, lab, data, rows, kinds, (agency, fiscal_year))
    for mask, why in (
        (kinds.sub, N_("an indicator; sub-indicator rows are skipped")),
        (kinds.note, N_("an indicator; a row without scores is skipped")),
    ):
        for r, t in zip(rows[mask].tolist(), lab.ident[mask].tolist(), strict=True):
            col.warnings.append(Problem(col.file, r, lab.ident_col, t, why))

    body, brows = data[kinds.ind], rows[kinds.ind]
    agencies, years = agency_and_year(col, header, body, brows, agency, fiscal_year)
    if agencies is None:
        return None
    years_of_names = _years_of_names(lab, years)
    numbers = _indicator_numbers(col, lab, kinds, brows, years_of_names)
    if lab.tool_c is not None:  # named on the first row of its group only: carry it down, then check
        carried = kinds.tool_cell.where(~kinds.total, "").replace("", np.nan).ffill()[kinds.ind]
        check_tools(col, brows, carried, numbers, years_of_names, header.names[lab.tool_c])
    scores, origin = _scores(col, header, lab, body, brows, agencies, years, numbers)
    tools = tools_of(years_of_names, numbers) if {"mean", "weighted"} & header.kinds() else None
    published = _figures(col, header, lab, data, rows, kinds, (agencies, years), tools, (agency, fiscal_year))
    return scores, origin, published


def _years_of_names(lab: _Labels, years: pd.Series) -> pd.Series:
    """The year whose framework reads the indicators: the row's, or the first year-headed column's."""
    if lab.year_cols:
        return pd.Series(next(iter(lab.year_cols.values())), index=years.index, dtype="Int64")
    return years


def _indicator_numbers(col: Collector, lab: _Labels, kinds: _Kinds, brows: pd.Series, years: pd.Series) -> pd.Series:
    """The indicator number of each indicator row (<NA> where it cannot be read, with a problem)."""
    ident = lab.ident[kinds.ind]
    if kinds.orphan is None or not kinds.orphan.any():
        return resolve_indicators(col, brows, ident, years, lab.ident_col)
    orphan = kinds.orphan[kinds.ind]
    numbers = resolve_indicators(col, brows[~orphan], ident[~orphan], years[~orphan], lab.ident_col)
    whys = [_orphan_expected(t, y) for t, y in zip(ident[orphan].tolist(), years[orphan].tolist(), strict=True)]
    col.add_many(brows[orphan], lab.ident_col, ident[orphan], pd.Series(whys, index=ident[orphan].index))
    return numbers.reindex(ident.index)


def _orphan_expected(text: str, year) -> str:
    fw = framework_or_latest(year)
    of_year = "" if pd.isna(year) else _(" of fiscal year {year}").format(year=int(year))
    return _(
        "an indicator number{of_year}: {numbers}; {text} is none (a sub-indicator row such as "
        "9.1 is skipped only where its indicator's row is given too)"
    ).format(of_year=of_year, numbers=fw.number_range, text=text)


def _find_orphans(header: Header, lab: _Labels, data: pd.DataFrame, rows: pd.Series, kinds: _Kinds, given) -> None:
    """Sub-indicator rows (9.1) whose agency-year has no row of their indicator (9) become indicator
    rows, marked ``kinds.orphan``: "4.5" in a table of indicators is a typing slip to report, not a
    sub-indicator to skip (skipping it would only say that indicator 4 is missing)."""
    quiet = Collector("")  # the cells' own problems are reported when the rows are read
    rows_in = kinds.ind | kinds.sub
    agencies, years = agency_and_year(quiet, header, data[rows_in], rows[rows_in], *given)
    if agencies is None:
        return
    years = _years_of_names(lab, years).astype("object")
    ind = kinds.ind[rows_in]
    numbers = resolve_indicators(quiet, rows[rows_in][ind], lab.ident[rows_in][ind], years[ind], lab.ident_col)
    given_rows = set(zip(agencies[ind].tolist(), years[ind].tolist(), numbers.astype("object").tolist(), strict=True))
    sub = kinds.sub[rows_in]
    parents = unique_map(lab.ident[rows_in][sub], lambda t: int(_SUB_INDICATOR.match(to_arabic_digits(t)).group(2)))
    keys = zip(agencies[sub].tolist(), years[sub].tolist(), parents.tolist(), strict=True)
    lone = [key not in given_rows for key in keys]
    orphan = pd.Series(False, index=data.index)
    orphan[parents.index[np.asarray(lone, dtype=bool)]] = True
    kinds.orphan, kinds.sub, kinds.ind = orphan, kinds.sub & ~orphan, kinds.ind | orphan


def _whole_number(text: str) -> str:
    """A whole number written with a decimal point ("4.0") as the number ("4"); other text unchanged."""
    m = _WHOLE_NUMBER.match(to_arabic_digits(text))
    return m.group(1) if m else text


def _scores(col: Collector, header: Header, lab: _Labels, body, brows, agencies, years, numbers):
    """The tidy scores of the indicator rows, and where each was read."""
    frames, origins = [], []
    for c in lab.score_cols:
        year = lab.year_cols.get(c)
        values = parse_scores(col, brows, body[c], header.names[c], required=True)
        y = years if year is None else pd.Series(year, index=body.index, dtype="Int64")
        frames.append(pd.DataFrame({"agency": agencies, "fiscal_year": y, "indicator": numbers, "score": values}))
        read_year = year_column(header, None if year is None else c)
        origins.append(
            pd.DataFrame(
                {"file": col.file, "row": brows, "column": header.names[c], "year_column": read_year, "text": body[c]}
            )
        )
    return finish(pd.concat(frames, ignore_index=True)), pd.concat(origins, ignore_index=True)


def _figures(col: Collector, header: Header, lab: _Labels, data, rows, kinds: _Kinds, keys, tools, given):
    """Printed figures: means and weighted sums beside the scores, tool rows, grade rows, total rows.

    ``keys`` are the (agencies, years) of the indicator rows, ``tools`` their tools (None when the
    table has no mean or weighted column); ``given`` the caller's agency and year.
    """
    agencies, years = keys
    parts = []
    if kinds.ind.any() and tools is not None:  # a mean or weighted sum printed on an indicator row
        parts += tool_figures(col, header, data[kinds.ind], rows[kinds.ind], agencies, years, tools, [])
    quiet = Collector(col.file)  # agency/year of the other rows: problems already reported above
    for mask in (kinds.tool, kinds.grade, kinds.total):
        if not mask.any():
            continue
        sub, srows = data[mask], rows[mask]
        a, y = agency_and_year(quiet, header, sub, srows, *given)
        if mask is kinds.tool:
            parts += tool_figures(col, header, sub, srows, a, y, kinds.row_tool[mask], lab.score_cols)
        elif mask is kinds.grade:
            parts += grade_figures(col.file, header, sub, srows, a, y, lab.columns)
        else:
            parts += total_figures(col, header, sub, srows, a, y)
    return concat_published(parts)
