"""The analyst's other inputs beside the score tables, read from CSV/TSV/XLSX with Thai or English headers.

- item scores: agency, fiscal_year, item (code such as i7, e3, o35), optional text, score;
- notes: indicator, sub_item (an analyst's sub-items of a weak indicator), optional agency, year;
- recommendations: indicator, recommendation (NACC's text), optional agency, year;
- targets: agency, fiscal_year (the year the target is for), target (0-100);
- plan (measures): indicator, action, responsible, optional timeline and kpi, agency, year.

Each reader returns a DataFrame with the named columns (indicator as a number of the year's
framework) and reports every problem with its file, spreadsheet row and column, like the score
loader. A row is read with the framework of its year; ``fiscal_year`` (the analysed year, where the
caller knows it) gives the framework of rows that name no year, else the latest confirmed one is
used. A plan's rows give the plan year, the year after the one whose indicators they answer.
Headers are read with the same vocabulary as score tables (:mod:`ita_analysis.ingest.headers`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ita_analysis.errors import FrameworkError, InputError, Problem
from ita_analysis.frameworks import Framework, any_framework, load_framework
from ita_analysis.ingest.grid import read_grid
from ita_analysis.ingest.headers import HEADER_SCAN, header_example, header_role, role_words
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import check_be_year, find_year, parse_number

# A column of indicator numbers ("ตัวชี้วัดที่") is the indicator column of a side file.
_SAME_ROLE = {"indicator_no": "indicator"}


def read_table(
    path: str | Path, required: tuple[str, ...], optional: tuple[str, ...] = (), *, sheet=None
) -> pd.DataFrame:
    """Rows of a simple table below its header as text, with ``_row`` (spreadsheet row) and ``_file``.

    The header is the first of the top rows that names every required column, in the words of
    the one header vocabulary (:mod:`ita_analysis.ingest.headers`) that score tables use too.
    Raises InputError when there is none, naming what was looked for.
    """
    path = Path(path)
    grid = read_grid(path, sheet)
    wanted = set(required) | set(optional)
    words = role_words()
    for r in range(min(len(grid), HEADER_SCAN)):
        cols: dict[str, int] = {}
        for c, cell in enumerate(grid.iloc[r]):
            role = header_role(cell, words)
            role = _SAME_ROLE.get(role, role)
            if role in wanted and role not in cols:
                cols[role] = c
        if set(required) <= set(cols):
            body = grid.iloc[r + 1 :]
            out = pd.DataFrame({role: body[c].map(normalize_text) for role, c in cols.items()}, index=body.index)
            for role in wanted - set(cols):
                out[role] = ""
            out["_row"] = body.index + 1
            out["_file"] = str(path)
            out.attrs["columns"] = {role: normalize_text(grid.iat[r, c]) for role, c in cols.items()}
            blank = (out[list(wanted)] == "").all(axis=1)
            return out[~blank].reset_index(drop=True)
    names = ", ".join(f"{role} ({header_example(role)})" for role in required)
    raise InputError([Problem(str(path), None, None, None, f"a header row with the columns {names}")])


class _Checker:
    """Reads the cells of a side table and collects every problem.

    ``blank_years``: the years whose framework (the first that has one) reads a row without a
    year; ``back``: a row's framework is that of its year less this (a plan's rows give the plan
    year, their indicator numbers are of the year before).
    """

    def __init__(self, table: pd.DataFrame, blank_years: tuple[int, ...] = (), back: int = 0):
        self.table = table
        self.problems: list[Problem] = []
        self.blank_years = blank_years
        self.back = back

    def framework(self, year: object) -> Framework:
        """The framework of a row of ``year`` (<NA> when the row gives none or a wrong one); the
        latest confirmed one when no year of the row has a framework."""
        wanted = self.blank_years if pd.isna(year) else (int(year) - self.back,)
        for y in wanted:
            try:
                return load_framework(y)
            except FrameworkError:
                continue
        return any_framework()

    def add(self, i: int, role: str, value: object, expected: str) -> None:
        t = self.table
        column = t.attrs.get("columns", {}).get(role, role)
        self.problems.append(Problem(t.at[i, "_file"], int(t.at[i, "_row"]), column, str(value), expected))

    def required_text(self, role: str) -> None:
        for i in self.table.index[self.table[role] == ""]:
            self.add(i, role, "", f"a {role.replace('_', ' ')} (the cell is empty)")

    def years(self) -> pd.Series:
        out = []
        for i, v in self.table["fiscal_year"].items():
            if v == "":
                out.append(pd.NA)
                continue
            y = find_year(v)
            why = "a Buddhist Era fiscal year such as 2563" if y is None else check_be_year(y)
            if why:
                self.add(i, "fiscal_year", v, why)
                out.append(pd.NA)
            else:
                out.append(y)
        return pd.Series(out, index=self.table.index, dtype="Int64")

    def indicators(self, years: pd.Series) -> pd.Series:
        out = []
        for i, v in self.table["indicator"].items():
            n, why = self.framework(years[i]).resolve_indicator(v)
            if why:
                self.add(i, "indicator", v, why)
            out.append(n)
        return pd.Series(out, index=self.table.index, dtype="Int64")

    def numbers(self, role: str, low: float = 0.0, high: float = 100.0) -> pd.Series:
        out = []
        for i, v in self.table[role].items():
            x = parse_number(v)
            if x is None or not low <= x <= high:
                self.add(i, role, v, f"a number from {low:g} to {high:g}")
            out.append(x)
        return pd.Series(out, index=self.table.index, dtype="float64")

    def done(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def load_notes(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """Analyst's sub-items per indicator: columns agency ("" = any), fiscal_year (<NA> = any), indicator, sub_item."""
    t = read_table(path, ("indicator", "sub_item"), ("agency", "fiscal_year"), sheet=sheet)
    chk = _Checker(t, _years(fiscal_year))
    years = chk.years()
    out = pd.DataFrame(
        {"agency": t["agency"], "fiscal_year": years, "indicator": chk.indicators(years), "sub_item": t["sub_item"]}
    )
    chk.required_text("sub_item")
    chk.done()
    return out


def load_recommendations(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """NACC's recommendations: columns agency ("" = any), fiscal_year (<NA> = any), indicator, recommendation."""
    t = read_table(path, ("indicator", "recommendation"), ("agency", "fiscal_year"), sheet=sheet)
    chk = _Checker(t, _years(fiscal_year))
    years = chk.years()
    out = pd.DataFrame(
        {
            "agency": t["agency"],
            "fiscal_year": years,
            "indicator": chk.indicators(years),
            "recommendation": t["recommendation"],
        }
    )
    chk.required_text("recommendation")
    chk.done()
    return out


def load_targets(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """Agencies' own targets: columns agency, fiscal_year (the year the target is for), target (0-100)
    and target_level: a target given as a grade or rating ("AA", "ผ่านดีเยี่ยม") of the year's
    framework is kept as its label, with the level's minimum total as ``target``. A row without a
    year is judged by the plan year's framework (``fiscal_year`` + 1) where there is one, else the
    analysed year's, as the target gap judges it."""
    t = read_table(path, ("agency", "target"), ("fiscal_year",), sheet=sheet)
    chk = _Checker(t, () if fiscal_year is None else (int(fiscal_year) + 1, int(fiscal_year)))
    years = chk.years()
    targets, levels = [], []
    for i, v in t["target"].items():
        x, level = parse_number(v), ""
        if x is None:
            level = chk.framework(years[i]).level_named(v)
            x, level = (level.min_total, level.label) if level else (None, "")
        if x is None or not 0 <= x <= 100:
            labels = ", ".join(chk.framework(years[i]).grade_labels())
            chk.add(i, "target", v, f"a number from 0 to 100 or a grade/rating ({labels})")
        targets.append(x)
        levels.append(level)
    out = pd.DataFrame(
        {"agency": t["agency"], "fiscal_year": years, "target": pd.Series(targets, index=t.index, dtype="float64"),
         "target_level": levels}
    )  # fmt: skip
    chk.required_text("agency")
    chk.done()
    return out


def load_items(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """Item-level scores: columns agency, fiscal_year, indicator, item (lower-case code), text, score.

    The indicator comes from the item code through the year's framework (i7 -> 2, o35 -> 10);
    an ``indicator`` column, where present, is used for codes the framework does not list.
    """
    t = read_table(path, ("agency", "fiscal_year", "item", "score"), ("text", "indicator"), sheet=sheet)
    chk = _Checker(t, _years(fiscal_year))
    years = chk.years()
    scores = chk.numbers("score")
    items = t["item"].str.lower().str.replace(" ", "", regex=False)
    indicators = []
    for i in t.index:
        fw = chk.framework(years[i])
        n = fw.item_indicator().get(items[i])
        if n is None and t.at[i, "indicator"]:
            n, why = fw.resolve_indicator(t.at[i, "indicator"])
            if why:
                chk.add(i, "indicator", t.at[i, "indicator"], why)
        elif n is None:
            chk.add(i, "item", t.at[i, "item"], f"{_item_codes(fw)}, or an indicator column")
        indicators.append(n)
    chk.required_text("agency")
    chk.done()
    return pd.DataFrame(
        {"agency": t["agency"], "fiscal_year": years, "indicator": pd.array(indicators, dtype="Int64"), "item": items,
         "text": t["text"], "score": scores}
    )  # fmt: skip


def _item_codes(fw: Framework) -> str:
    """The item codes a year's framework knows, as a reader is told them: "an item code of the
    FY2563 framework (such as i1, e1, o1)"."""
    examples = [fw.tool_indicators(code)[0].items[:1] for code in fw.tool_codes]
    shown = ", ".join(x[0] for x in examples if x)
    return f"an item code of the FY{fw.fiscal_year} framework" + (f" (such as {shown})" if shown else "")


def load_plan(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """The measures plan: columns agency ("" = any), fiscal_year, indicator, action, responsible, timeline, kpi.

    Rows of a template not filled in yet (no action, responsible unit, timeline or KPI) are left
    out; a row with any of those but no action is an error. A row's fiscal_year is the plan year;
    its indicator numbers are of the analysed year before it, as ``init-plan`` writes them and the
    measures document reads them (a row without a year: of ``fiscal_year``, the analysed year).
    """
    t = read_table(
        path, ("indicator", "action", "responsible"), ("agency", "fiscal_year", "timeline", "kpi"), sheet=sheet
    )
    t = t[(t[["action", "responsible", "timeline", "kpi"]] != "").any(axis=1)].reset_index(drop=True)
    chk = _Checker(t, _years(fiscal_year), back=1)
    years = chk.years()
    out = pd.DataFrame(
        {"agency": t["agency"], "fiscal_year": years, "indicator": chk.indicators(years), "action": t["action"],
         "responsible": t["responsible"], "timeline": t["timeline"], "kpi": t["kpi"]}
    )  # fmt: skip
    chk.required_text("action")
    chk.done()
    return out


def load_side_files(files: dict[str, str | Path | None], fiscal_year: int | None = None) -> dict[str, pd.DataFrame]:
    """Every side file given, by its kind (targets, items, notes, recommendations, plan; None or ""
    for none), read with the framework of the analysed year ``fiscal_year``. Raises one InputError
    listing the problems of all of them, so that a person fixes them in one go."""
    readers = {"targets": load_targets, "items": load_items, "notes": load_notes,
               "recommendations": load_recommendations, "plan": load_plan}  # fmt: skip
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for kind, path in files.items():
        if path in (None, ""):
            continue
        try:
            tables[kind] = readers[kind](path, fiscal_year=fiscal_year)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return tables


def _years(fiscal_year: int | None) -> tuple[int, ...]:
    """The analysed year, whose framework reads the rows without a year, as ``_Checker`` takes it."""
    return () if fiscal_year is None else (int(fiscal_year),)


def for_agency(table: pd.DataFrame, agency: str, fiscal_year: int | None) -> pd.DataFrame:
    """Rows of a notes/recommendations/plan table that apply to an agency and year (blank = all)."""
    mask = (table["agency"] == "") | (table["agency"] == agency)
    if fiscal_year is not None and "fiscal_year" in table:
        mask &= table["fiscal_year"].isna() | (table["fiscal_year"] == fiscal_year)
    return table[mask.fillna(False)]
