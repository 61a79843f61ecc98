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
Headers are found as in score tables (:func:`~ita_analysis.ingest.header_row.find_columns`, the
vocabulary of :mod:`ita_analysis.ingest.headers`), and cells are read by the parsers of score
tables (:mod:`ita_analysis.ingest.cells`), once per distinct value: a problem in a cell is told in
the same words as in a score table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ita_analysis.errors import FrameworkError, InputError, Problem
from ita_analysis.frameworks import Framework, any_framework, load_framework
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.cells import (
    SCORE_RANGE,
    Collector,
    pair_map,
    parse_scores,
    parse_years,
    required_cells,
    resolve_indicators,
    unique_map,
)
from ita_analysis.ingest.grid import read_grid
from ita_analysis.ingest.header_row import find_columns
from ita_analysis.ingest.headers import header_example
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import parse_number

AGENCY_NAME = N_("an agency name")
"""What an empty agency cell lacks, as score tables say it."""


@dataclass(frozen=True)
class SideTable:
    """The rows of a side file below its header, blank rows left out.

    cells: a column per wanted role, as normalised text ("" where the file has no such column);
    rows: the spreadsheet row of each (aligned with ``cells``); names: role -> its header as written.
    """

    file: str
    cells: pd.DataFrame
    rows: pd.Series
    names: dict[str, str]

    def column(self, role: str) -> str:
        """The header of a role's column as written (the role where the file has no such column)."""
        return self.names.get(role, role)

    def where(self, keep: pd.Series) -> SideTable:
        """The rows where ``keep`` holds, numbered from 0 again."""
        return SideTable(
            self.file, self.cells[keep].reset_index(drop=True), self.rows[keep].reset_index(drop=True), self.names
        )


def read_table(path: str | Path, required: tuple[str, ...], optional: tuple[str, ...] = (), *, sheet=None) -> SideTable:
    """The rows of a simple table below its header, its cells as text.

    The header is the first of the top rows that names every required column
    (:func:`~ita_analysis.ingest.header_row.find_columns`, the header finder of score tables).
    Raises InputError when there is none, naming what was looked for.
    """
    path = Path(path)
    grid = read_grid(path, sheet)
    header = find_columns(grid, required, optional)
    if header is None:
        names = ", ".join(f"{role} ({header_example(role)})" for role in required)
        why = _("a header row with the columns {names}").format(names=names)
        raise InputError([Problem(str(path), None, None, None, why)])
    body = grid.iloc[header.row + 1 :]
    cells = pd.DataFrame({role: unique_map(body[c], normalize_text) for c, (role, _) in header.roles.items()})
    for role in (*required, *optional):
        if role not in cells:
            cells[role] = ""
    names = {role: header.names[c] for c, (role, _) in header.roles.items()}
    table = SideTable(str(path), cells, pd.Series(body.index + 1, index=body.index), names)
    return table.where((cells != "").any(axis=1))


@dataclass(frozen=True)
class RowFramework:
    """The framework that reads a row of a side file, called with the row's year (<NA> for none).

    ``blank_years``: the years whose framework (the first that has one) reads a row without a
    year; ``back``: a row's framework is that of its year less this (a plan's rows give the plan
    year, their indicator numbers are of the year before). The latest confirmed framework where
    no such year has one.
    """

    blank_years: tuple[int, ...] = ()
    back: int = 0

    def __call__(self, year: object) -> Framework:
        wanted = self.blank_years if pd.isna(year) else (int(year) - self.back,)
        for y in wanted:
            try:
                return load_framework(y)
            except FrameworkError:
                continue
        return any_framework()


def _years(col: Collector, t: SideTable) -> pd.Series:
    """The rows' fiscal years (Int64; <NA> where none is given, or a wrong one)."""
    return parse_years(col, t.rows, t.cells["fiscal_year"], t.column("fiscal_year"), required=False)


def _indicators(col: Collector, t: SideTable, years: pd.Series, framework: RowFramework) -> pd.Series:
    """The rows' indicator numbers (Int64) through each row's framework."""
    return resolve_indicators(col, t.rows, t.cells["indicator"], years, t.column("indicator"), framework)


def _done(col: Collector) -> None:
    """Raise the problems of a file, by spreadsheet row, if it has any."""
    if col.problems:
        raise InputError(sorted(col.problems, key=lambda p: (p.row is None, p.row or 0)))


def _by_indicator(path, role: str, sheet, fiscal_year: int | None) -> pd.DataFrame:
    """A table of texts by indicator (notes, recommendations): agency, fiscal_year, indicator, ``role``."""
    t = read_table(path, ("indicator", role), ("agency", "fiscal_year"), sheet=sheet)
    col = Collector(t.file)
    years = _years(col, t)
    indicators = _indicators(col, t, years, RowFramework(_blank(fiscal_year)))
    what = N_("a sub item") if role == "sub_item" else N_("a recommendation")
    required_cells(col, t.rows, t.cells[role], t.column(role), what)
    _done(col)
    return pd.DataFrame(
        {"agency": t.cells["agency"], "fiscal_year": years, "indicator": indicators, role: t.cells[role]}
    )


def load_notes(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """Analyst's sub-items per indicator: columns agency ("" = any), fiscal_year (<NA> = any), indicator, sub_item."""
    return _by_indicator(path, "sub_item", sheet, fiscal_year)


def load_recommendations(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """NACC's recommendations: columns agency ("" = any), fiscal_year (<NA> = any), indicator, recommendation."""
    return _by_indicator(path, "recommendation", sheet, fiscal_year)


def load_targets(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """Agencies' own targets: columns agency, fiscal_year (the year the target is for), target (0-100)
    and target_level: a target given as a grade or rating ("AA", "ผ่านดีเยี่ยม") of the year's
    framework is kept as its label, with the level's minimum total as ``target``. A row without a
    year is judged by the plan year's framework (``fiscal_year`` + 1) where there is one, else the
    analysed year's, as the target gap judges it."""
    t = read_table(path, ("agency", "target"), ("fiscal_year",), sheet=sheet)
    col = Collector(t.file)
    framework = RowFramework(() if fiscal_year is None else (int(fiscal_year) + 1, int(fiscal_year)))
    years = _years(col, t)
    found = pair_map(years, t.cells["target"], lambda y, text: _target(framework(y), text))
    bad = pd.Series([why is not None for _, _, why in found], index=t.cells.index, dtype=bool)
    col.add_many(t.rows[bad], t.column("target"), t.cells["target"][bad], found[bad].map(lambda f: f[2]))
    required_cells(col, t.rows, t.cells["agency"], t.column("agency"), AGENCY_NAME)
    _done(col)
    return pd.DataFrame(
        {
            "agency": t.cells["agency"],
            "fiscal_year": years,
            "target": pd.Series([x for x, _, _ in found], index=t.cells.index, dtype="float64"),
            "target_level": pd.Series([level for _, level, _ in found], index=t.cells.index, dtype="str"),
        }
    )


def _target(framework: Framework, text: str) -> tuple[float | None, str, str | None]:
    """(target, level label or "", what was expected where the cell is no target) of a target cell."""
    if text == "":
        return None, "", _("a target (the cell is empty)")
    x = parse_number(text)
    if x is None:
        level = framework.level_named(text)
        if level:
            return level.min_total, level.label, None
    if x is not None and 0 <= x <= 100:
        return x, "", None
    labels = ", ".join(framework.grade_labels())
    return x, "", _("a number from 0 to 100 or a grade/rating ({labels})").format(labels=labels)


def load_items(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """Item-level scores: columns agency, fiscal_year, indicator, item (lower-case code), text, score.

    The indicator comes from the item code through the year's framework (i7 -> 2, o35 -> 10);
    an ``indicator`` column, where present, is used for codes the framework does not list.
    """
    t = read_table(path, ("agency", "fiscal_year", "item", "score"), ("text", "indicator"), sheet=sheet)
    col = Collector(t.file)
    framework = RowFramework(_blank(fiscal_year))
    years = _years(col, t)
    scores = parse_scores(col, t.rows, t.cells["score"], t.column("score"), required=True)
    outside = ~scores.between(0.0, 100.0) & scores.notna()
    col.add_many(t.rows[outside], t.column("score"), t.cells["score"][outside], SCORE_RANGE)
    items = unique_map(t.cells["item"], lambda code: code.lower().replace(" ", ""))
    indicators = _item_indicators(col, t, years, items, framework)
    required_cells(col, t.rows, t.cells["agency"], t.column("agency"), AGENCY_NAME)
    _done(col)
    return pd.DataFrame(
        {
            "agency": t.cells["agency"],
            "fiscal_year": years,
            "indicator": indicators,
            "item": items,
            "text": t.cells["text"],
            "score": scores,
        }
    )


def _item_indicators(
    col: Collector, t: SideTable, years: pd.Series, items: pd.Series, framework: RowFramework
) -> pd.Series:
    """The indicator (Int64) of each row's item code in its year's framework, else of its indicator
    cell; a problem where there is neither."""
    coded = pair_map(years, items, lambda y, code: framework(y).item_indicator().get(code))
    out = pd.Series(pd.array(coded.tolist(), dtype="Int64"), index=items.index)
    by_column = out.isna() & (t.cells["indicator"] != "")
    given = _indicators(col, t.where(by_column), years[by_column].reset_index(drop=True), framework)
    out[by_column] = given.to_numpy()
    no_code = out.isna() & ~by_column
    text = _("{codes}, or an indicator column")
    codes = {y: text.format(codes=_item_codes(framework(y))) for y in years[no_code].unique()}
    expected = pd.Series([codes[y] for y in years[no_code]], index=years.index[no_code], dtype="object")
    col.add_many(t.rows[no_code], t.column("item"), t.cells["item"][no_code], expected)
    return out


def _item_codes(fw: Framework) -> str:
    """The item codes a year's framework knows, as a reader is told them: "an item code of the
    FY2563 framework (such as i1, e1, o1)"."""
    examples = [fw.tool_indicators(code)[0].items[:1] for code in fw.tool_codes]
    shown = ", ".join(x[0] for x in examples if x)
    such = _(" (such as {codes})").format(codes=shown) if shown else ""
    return _("an item code of the FY{year} framework{such}").format(year=fw.fiscal_year, such=such)


def load_plan(path: str | Path, *, sheet=None, fiscal_year: int | None = None) -> pd.DataFrame:
    """The measures plan: columns agency ("" = any), fiscal_year, indicator, action, responsible, timeline, kpi.

    Rows of a template not filled in yet (no action, responsible unit, timeline or KPI) are left
    out (:func:`plan_rows_to_fill` counts them); a row with any of those but no action, or no
    responsible person or unit (which the measures document prints beside every action), is an
    error. A row's fiscal_year is the plan year; its indicator numbers are of the analysed year
    before it, as ``init-plan`` writes them and the measures document reads them (a row without a
    year: of ``fiscal_year``, the analysed year).
    """
    t = _plan_table(path, sheet)
    t = t.where(_filled(t))
    col = Collector(t.file)
    years = _years(col, t)
    indicators = _indicators(col, t, years, RowFramework(_blank(fiscal_year), back=1))
    required_cells(col, t.rows, t.cells["action"], t.column("action"), N_("an action"))
    responsible = _("the person or unit responsible for the measure")
    required_cells(col, t.rows, t.cells["responsible"], t.column("responsible"), responsible)
    _done(col)
    c = t.cells
    return pd.DataFrame(
        {
            "agency": c["agency"],
            "fiscal_year": years,
            "indicator": indicators,
            "action": c["action"],
            "responsible": c["responsible"],
            "timeline": c["timeline"],
            "kpi": c["kpi"],
        }
    )


PLAN_FILLED = ("action", "responsible", "timeline", "kpi")
"""The plan's columns staff fill in; a row with none of them is a template row not filled yet."""


def _plan_table(path: str | Path, sheet) -> SideTable:
    return read_table(
        path, ("indicator", "action", "responsible"), ("agency", "fiscal_year", "timeline", "kpi"), sheet=sheet
    )


def _filled(t: SideTable) -> pd.Series:
    return (t.cells[list(PLAN_FILLED)] != "").any(axis=1)


@dataclass(frozen=True)
class PlanToFill:
    """A plan's rows waiting to be filled in (rows with something, such as the indicator
    ``init-plan`` writes, but none of action, responsible, timeline and KPI), and the headers of its
    action and responsible columns as the file writes them."""

    rows: int
    action: str
    responsible: str


def plan_rows_to_fill(path: str | Path, *, sheet=None) -> PlanToFill:
    """The rows of a plan waiting to be filled in (:class:`PlanToFill`)."""
    t = _plan_table(path, sheet)
    return PlanToFill(int((~_filled(t)).sum()), t.column("action"), t.column("responsible"))


def load_side_files(files: dict[str, str | Path | None], fiscal_year: int | None = None) -> dict[str, pd.DataFrame]:
    """Every side file given, by its kind (targets, items, notes, recommendations, plan; None or ""
    for none), read with the framework of the analysed year ``fiscal_year``. Raises one InputError
    listing the problems of all of them, so that a person fixes them in one go."""
    readers = {
        "targets": load_targets,
        "items": load_items,
        "notes": load_notes,
        "recommendations": load_recommendations,
        "plan": load_plan,
    }
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


def _blank(fiscal_year: int | None) -> tuple[int, ...]:
    """The analysed year, whose framework reads the rows without a year, as :class:`RowFramework` takes it."""
    return () if fiscal_year is None else (int(fiscal_year),)


def for_agency(table: pd.DataFrame, agency: str, fiscal_year: int | None) -> pd.DataFrame:
    """Rows of a notes/recommendations/plan table that apply to an agency and year (blank = all)."""
    mask = (table["agency"] == "") | (table["agency"] == agency)
    if fiscal_year is not None and "fiscal_year" in table:
        mask &= table["fiscal_year"].isna() | (table["fiscal_year"] == fiscal_year)
    return table[mask.fillna(False)]
