"""Cells to values: years, scores, indicators, tools and agency names, with every problem collected.

Each parser works once per *distinct* cell value (a national table repeats names thousands of
times) and records a :class:`~ita_analysis.errors.Problem` for each cell it cannot read, so that a
file's problems are all reported together.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ita_analysis.errors import Problem
from ita_analysis.files import FORMULA_START
from ita_analysis.frameworks import (
    Framework,
    any_framework,
    available_years,
    framework_or_latest,
    known_tool_codes,
    load_framework,
)
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.thai.normalize import match_key, normalize_text
from ita_analysis.thai.numbers import check_be_year, find_year, parse_number, to_arabic_digits

SCORE_RANGE = N_("a score from 0 to 100")
"""What a score outside the scale is expected to be."""

SCORE_COLUMNS = ["agency", "fiscal_year", "indicator", "tool", "score"]
"""Columns of the tidy score table: agency (str), fiscal_year (int, BE), indicator (int, a number of
the year's framework), tool (str, the framework's tool code), score (float, 0-100)."""


class Collector:
    """The problems and warnings of one file, in the order they are found."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, row: int | None, column: str | None, value: object, expected: str) -> None:
        self.problems.append(Problem(self.file, row, column, None if value is None else str(value), expected))

    def add_many(self, rows: pd.Series, column: str, values: pd.Series, expected: str | pd.Series) -> None:
        exp = expected if isinstance(expected, pd.Series) else pd.Series(expected, index=rows.index)
        for r, v, e in zip(rows.tolist(), values.tolist(), exp.tolist(), strict=True):
            self.add(int(r), column, v, e)


def unique_map(series: pd.Series, func) -> pd.Series:
    """Apply ``func`` once per distinct value (the tables repeat names thousands of times)."""
    uniq = pd.unique(series)
    mapping = {u: func(u) for u in uniq}
    return series.map(mapping)


def any_cell(data: pd.DataFrame, columns: list[int], test) -> pd.Series:
    """Rows where ``test`` holds for at least one of the columns (column-wise, per distinct value)."""
    mask = np.zeros(len(data), dtype=bool)
    for c in columns:
        mask |= unique_map(data[c], test).to_numpy(dtype=bool)
    return pd.Series(mask, index=data.index)


WHOLE_YEAR = N_("a whole Buddhist Era year such as 2563 (a fiscal year has no fraction)")
_FRACTION = re.compile(r"(?<![\d.])\d{4}\.0*[1-9]")


def fractional_year(text: object) -> bool:
    """Whether a year is written with a fraction ("2563.5", "๒๕๖๓.๕"); "2563.0" is a whole year."""
    return bool(_FRACTION.search(to_arabic_digits(normalize_text(text))))


def parse_years(col: Collector, rows: pd.Series, raw: pd.Series, column: str, *, required: bool = True) -> pd.Series:
    """Column of year cells -> Int64 BE years; problems for the rest (empty cells too, if required)."""
    norm = unique_map(raw, normalize_text)
    years = unique_map(norm, find_year)
    fraction = unique_map(norm, fractional_year).astype(bool)
    years = years.where(~fraction, None)  # "2563.5" holds 2563, but is no year
    col.add_many(rows[fraction], column, norm[fraction], WHOLE_YEAR)
    why = unique_map(years, lambda y: None if y is None or pd.isna(y) else check_be_year(int(y)))
    bad_missing = years.isna() & (norm != "") & ~fraction
    col.add_many(
        rows[bad_missing], column, norm[bad_missing], N_("a Buddhist Era fiscal year such as 2563 or พ.ศ. ๒๕๖๓")
    )
    if required:
        required_cells(col, rows, norm, column, N_("a fiscal year"))
    bad = why.notna()
    col.add_many(rows[bad], column, norm[bad], why[bad])
    out = pd.array(years.where(~bad & years.notna(), None).tolist(), dtype="Int64")
    return pd.Series(out, index=raw.index)


def required_cells(col: Collector, rows: pd.Series, texts: pd.Series, column: str, what: str) -> None:
    """A problem for each empty cell of a column that needs one: "an agency name (the cell is empty)"."""
    empty = texts == ""
    col.add_many(rows[empty], column, texts[empty], _("{what} (the cell is empty)").format(what=_(what)))


def parse_scores(col: Collector, rows: pd.Series, raw: pd.Series, column: str, *, required: bool) -> pd.Series:
    """Column of score cells -> float64 (NaN where empty); problems for text and, if required, empty cells."""
    norm = unique_map(raw, normalize_text)
    values = unique_map(norm, parse_number).astype("float64")
    bad = values.isna() & (norm != "")
    col.add_many(rows[bad], column, norm[bad], N_("a score written as a number, e.g. 89.29 or ๘๙.๒๙"))
    if required:
        required_cells(col, rows, norm, column, "a score")
    return values


def pair_map(first: pd.Series, second: pd.Series, func) -> pd.Series:
    """``func(a, b)`` of each row's pair of values, called once per distinct pair (object values)."""
    pairs = pd.DataFrame({"a": first.astype("object"), "b": second.astype("object")})
    keys = pairs.drop_duplicates().reset_index(drop=True)
    keys["v"] = pd.Series([func(a, b) for a, b in keys[["a", "b"]].itertuples(index=False)], dtype="object")
    merged = pairs.merge(keys, on=["a", "b"], how="left", sort=False)
    return pd.Series(merged["v"].to_numpy(dtype=object), index=first.index, dtype="object")


def resolve_indicators(
    col: Collector, rows: pd.Series, texts: pd.Series, years: pd.Series, column: str, framework=framework_or_latest
) -> pd.Series:
    """Indicator cells -> numbers through each row's framework (``framework(year)``), per distinct
    (year, text) pair.

    An empty cell or an unknown indicator is a problem naming the framework's indicator range.
    """
    found = pair_map(years, texts, lambda y, t: framework(y).resolve_indicator(t))
    out = pd.Series(pd.array([n for n, _ in found], dtype="Int64"), index=texts.index)
    errs = pd.Series([e for _, e in found], index=texts.index, dtype="object")
    bad = errs.notna()
    col.add_many(rows[bad], column, texts[bad], errs[bad])
    return out


def name_frameworks() -> list[Framework]:
    """Every framework, in the order names are tried before a year is known: the latest confirmed
    one first, then the others from the newest year down."""
    first = any_framework()
    others = [load_framework(y) for y in reversed(available_years()) if y != first.fiscal_year]
    return [first, *others]


def indicator_named(text: str, frameworks: list[Framework]) -> tuple[int, int] | None:
    """(fiscal year of the framework, indicator number) of the first framework that knows the text."""
    if not text:
        return None
    for fw in frameworks:
        number, _ = fw.resolve_indicator(text)
        if number is not None:
            return fw.fiscal_year, number
    return None


def _tool_code_pattern(codes: tuple[str, ...]) -> re.Pattern:
    """A tool code standing alone in a text (the longest code first)."""
    alternatives = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])({alternatives})(?![A-Za-z])", re.IGNORECASE)


def tool_code(text: str, frameworks: list[Framework]) -> str:
    """The tool code when a text names a tool (by the code of a framework file, or a tool's Thai name
    in one of ``frameworks``), else ""."""
    m = _tool_code_pattern(known_tool_codes()).search(text)
    if m:
        return m.group(1).upper()
    key = match_key(text)
    for fw in frameworks:
        for t in fw.tools:
            if key and match_key(t.name_th) in key:
                return t.code
    return ""


def check_tools(col: Collector, rows: pd.Series, codes: pd.Series, numbers: pd.Series, years, column: str) -> None:
    """A tool named beside an indicator must be the indicator's tool in the year's framework."""
    for r, code, num, y in zip(rows.tolist(), codes.tolist(), numbers.tolist(), years.tolist(), strict=True):
        if not isinstance(code, str) or pd.isna(num):
            continue
        fw = framework_or_latest(y)
        expected = fw.tool_of().get(int(num))
        if expected and code != expected:
            why = _("tool {tool} for indicator {number} ({name})")
            col.add(r, column, code, why.format(tool=expected, number=int(num), name=fw.indicator(int(num)).name_th))


def agency_name(value: object) -> str:
    """Agency cell -> name; undoes the apostrophe that CSV output puts before '=', '+', '-', '@'."""
    text = normalize_text(value)
    if text[:1] == "'" and text[1:2] in FORMULA_START:
        return text[1:]
    return text


def finish(scores: pd.DataFrame) -> pd.DataFrame:
    """The tidy table (``SCORE_COLUMNS``) with each indicator's tool from its year's framework."""
    scores["indicator"] = scores["indicator"].astype("Int64")
    scores["fiscal_year"] = scores["fiscal_year"].astype("Int64")
    scores["score"] = scores["score"].astype("float64")
    scores["agency"] = scores["agency"].astype("object")
    scores["tool"] = tools_of(scores["fiscal_year"], scores["indicator"], missing=None)
    return scores[SCORE_COLUMNS]


def tools_of(years: pd.Series, numbers: pd.Series, *, missing: str | None = "") -> pd.Series:
    """The tool of each (year, indicator) in its year's framework, looked up once per distinct pair;
    ``missing`` where the indicator is unknown."""
    pairs = pd.DataFrame({"y": years.astype("Int64"), "n": numbers.astype("Int64")})
    keys = pairs.drop_duplicates().reset_index(drop=True)
    keys["t"] = pd.Series(
        [
            missing if pd.isna(n) else framework_or_latest(y).tool_of().get(int(n), missing)
            for _, y, n in keys.itertuples()
        ],
        dtype="object",
    )
    merged = pairs.merge(keys, on=["y", "n"], how="left", sort=False)
    return pd.Series(merged["t"].to_numpy(dtype=object), index=numbers.index, dtype="object")
