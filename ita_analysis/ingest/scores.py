"""Load ITA score tables of any shape into one tidy, validated DataFrame.

Shapes understood (headers in Thai or English, Thai or Arabic digits anywhere):

- **long**: a row per agency, year, indicator, score;
- **wide**: a row per agency-year, a column per indicator (``ind_1`` ... ``ind_10``,
  ``ตัวชี้วัดที่ 1``, or the indicator names);
- **report**: the results table as NACC reports print it (ลำดับที่ / เครื่องมือ / ตัวชี้วัด /
  คะแนนที่ได้ / คะแนนเฉลี่ย / ผลรวมคะแนนที่ถ่วงน้ำหนัก, the tool on the first row of its group only,
  a total row); agency and year come from the caller;
- **comparison**: like the report table but with one score column per year, the years in the
  header (on the header row or the row below it, as ``พ.ศ. ๒๕๖๒``).

Published figures found on the way (tool means, weighted sums, totals, grades) are kept apart
so that scoring can compare them with its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.files import FORMULA_START
from ita_analysis.frameworks import any_framework, framework_or_latest
from ita_analysis.ingest.grid import read_grid
from ita_analysis.thai.normalize import match_key, normalize_text
from ita_analysis.thai.numbers import check_be_year, find_year, parse_number, to_arabic_digits

SCORE_COLUMNS = ["agency", "fiscal_year", "indicator", "tool", "score"]
"""Columns of the tidy score table: agency (str), fiscal_year (int, BE), indicator (int 1-10),
tool (str: IIT/EIT/OIT), score (float, 0-100)."""

PUBLISHED_MEASURES = (
    "iit", "eit", "oit", "iit_weighted", "eit_weighted", "oit_weighted", "total", "grade",
)  # fmt: skip

_KEYWORDS: dict[str, tuple[str, ...]] = {
    "agency": (
        "agency", "agencyname", "หน่วยงาน", "ชื่อหน่วยงาน", "ส่วนราชการ", "ชื่อส่วนราชการ", "หน่วยงานภาครัฐ",
        "หน่วยรับการประเมิน", "หน่วยงานที่เข้ารับการประเมิน", "organisation", "organization",
    ),
    "fiscal_year": ("fiscalyear", "year", "fy", "ปีงบประมาณ", "ปี", "พศ", "ปีพศ", "ปีงบประมาณพศ"),
    "indicator": (
        "indicator", "indicatorname", "ตัวชี้วัด", "ชื่อตัวชี้วัด", "ประเด็นการประเมิน", "เครื่องมือตัวชี้วัด",
        "แบบวัดตัวชี้วัด", "ตัวชี้วัดตัวชี้วัดย่อย", "ตัวชี้วัดการประเมิน",
    ),
    "indicator_no": ("indicatorno", "indicatornumber", "ตัวชี้วัดที่", "เลขตัวชี้วัด"),
    "seq": ("ลำดับที่", "ลำดับ", "no", "ที่"),
    "tool": ("tool", "เครื่องมือ", "แบบวัด", "เครื่องมือการประเมิน", "เครื่องมือที่ใช้ประเมิน"),
    "score": ("score", "คะแนน", "คะแนนที่ได้", "ผลคะแนน", "คะแนนที่ได้รับ"),
    "mean": ("mean", "toolmean", "average", "คะแนนเฉลี่ย", "ค่าเฉลี่ย"),
    "weighted": ("weighted", "weightedscore", "ผลรวมคะแนนที่ถ่วงน้ำหนัก", "คะแนนถ่วงน้ำหนัก", "คะแนนที่ถ่วงน้ำหนัก"),
    "iit": ("iit",),
    "eit": ("eit",),
    "oit": ("oit",),
    "iit_weighted": ("iitweighted",),
    "eit_weighted": ("eitweighted",),
    "oit_weighted": ("oitweighted",),
    "total": ("total", "คะแนนรวม", "คะแนนรวมการประเมิน", "คะแนนรวมการประเมินฯ", "ita", "itascore", "totalscore"),
    "grade": ("grade", "rating", "ระดับ", "ผลการประเมิน", "ระดับผลการประเมิน"),
}  # fmt: skip
_ROLE_OF = {match_key(w): role for role, words in _KEYWORDS.items() for w in words}
_TOTAL_ROW = re.compile(r"รวม|^total|overall|(?<![a-z])ita(?![a-z])", re.IGNORECASE)
_GRADE_ROW = re.compile(r"^(ระดับ|ผลการประเมิน|grade|rating)", re.IGNORECASE)
_TOOL_CODE = re.compile(r"(?<![A-Za-z])(IIT|EIT|OIT)(?![A-Za-z])", re.IGNORECASE)
_SUB_INDICATOR = re.compile(r"^(ตัวชี้วัดย่อยที่|ตัวชี้วัดที่)?\s*\d+\.\d+")
_YEAR_WORDS = re.compile(r"(ปีงบประมาณ|ปีงบ|พ\.\s*ศ\.?|ปี|fy|fiscal\s*year|year)?\s*[0-9๐-๙]{4}", re.IGNORECASE)
_HEADER_SCAN = 40  # rows searched for the header


@dataclass
class Loaded:
    """The result of loading one or more files.

    scores: the tidy table (``SCORE_COLUMNS``).
    origin: aligned with ``scores``: file, row, column where each score was read, and year_column
        where its fiscal year was read ("--fy" when the caller gave it).
    published: figures printed in the input (agency, fiscal_year, measure, value, file, row,
        column), measure one of ``PUBLISHED_MEASURES``; ``value`` is text for grades.
    """

    scores: pd.DataFrame
    origin: pd.DataFrame
    published: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)


def _keyword(cell: str) -> str | None:
    """The role a header names, ignoring remarks in brackets ("คะแนนที่ได้ (เต็ม 100)")."""
    role = _ROLE_OF.get(match_key(cell))
    if role is None:
        role = _ROLE_OF.get(match_key(re.sub(r"\(.*?\)|\[.*?\]", " ", cell)))
    return role


def _role(cell: str) -> tuple[str, object] | None:
    """What a header cell names: a keyword role, a year column, or an indicator column."""
    if not cell:
        return None
    role = _keyword(cell)
    if role is not None:
        return role, None
    year = find_year(cell)
    if year is not None and not re.search(r"\d{5}", to_arabic_digits(cell)):
        # "คะแนนที่ได้ พ.ศ. 2563" is a score column for 2563; "คะแนนเฉลี่ย 2563" stays a mean column
        rest = _keyword(_YEAR_WORDS.sub(" ", cell))
        if rest in (None, "score", "fiscal_year"):
            return "year_value", year
        return rest, year
    num, _ = any_framework().resolve_indicator(cell)
    if num is not None:
        return "indicator_col", num
    return None


@dataclass
class _Header:
    row: int  # 0-based index of the (last) header row
    shape: str  # "rows" (long/report/comparison) or "wide"
    roles: dict[int, tuple[str, object]]  # column index -> (role, detail)
    names: dict[int, str]  # column index -> header text as written


def _find_header(grid: pd.DataFrame) -> _Header | None:
    limit = min(len(grid), _HEADER_SCAN)
    for r in range(limit):
        cells = [normalize_text(v) for v in grid.iloc[r]]
        roles = {c: ro for c, cell in enumerate(cells) if (ro := _role(cell)) is not None}
        kinds = [ro[0] for ro in roles.values()]
        names = {c: cells[c] for c in roles}
        n_ind_cols = kinds.count("indicator_col")
        has_ind = bool({"indicator", "indicator_no", "seq"} & set(kinds))
        if has_ind and ("score" in kinds or "year_value" in kinds):
            header = _Header(r, "rows", roles, names)
            # two-row header: years under a "คะแนนที่ได้" spanning cell
            if r + 1 < len(grid):
                below = [normalize_text(v) for v in grid.iloc[r + 1]]
                years = {c: find_year(v) for c, v in enumerate(below) if v}
                ind_cols = [c for c, ro in roles.items() if ro[0] in ("indicator", "indicator_no", "seq")]
                if years and all(y is not None for y in years.values()) and not any(below[c] for c in ind_cols):
                    for c, y in years.items():
                        roles[c] = ("year_value", y)
                        names[c] = (names.get(c, "") + " " + below[c]).strip()
                    header.row = r + 1
            return header
        # bare numbers ("1", "2") only count as indicator headers beside an agency or year column,
        # so that a row of data is never taken for a header
        named = sum(1 for c, ro in roles.items() if ro[0] == "indicator_col" and not cells[c].isdigit())
        if (
            n_ind_cols >= 2
            and not {"indicator", "indicator_no"} & set(kinds)
            and (named or {"agency", "fiscal_year"} & set(kinds))
        ):
            return _Header(r, "wide", roles, names)
    return None


def _any_cell(data: pd.DataFrame, columns: list[int], test) -> pd.Series:
    """Rows where ``test`` holds for at least one of the columns (column-wise, per distinct value)."""
    mask = np.zeros(len(data), dtype=bool)
    for c in columns:
        mask |= _unique_map(data[c], test).to_numpy(dtype=bool)
    return pd.Series(mask, index=data.index)


def _unique_map(series: pd.Series, func) -> pd.Series:
    """Apply ``func`` once per distinct value (the tables repeat names thousands of times)."""
    uniq = pd.unique(series)
    mapping = {u: func(u) for u in uniq}
    return series.map(mapping)


class _Collector:
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


def _parse_years(col: _Collector, rows: pd.Series, raw: pd.Series, column: str) -> pd.Series:
    """Column of year cells -> Int64 BE years; problems for the rest."""
    norm = _unique_map(raw, normalize_text)
    years = _unique_map(norm, find_year)
    why = _unique_map(years, lambda y: None if y is None or pd.isna(y) else check_be_year(int(y)))
    bad_missing = years.isna() & (norm != "")
    col.add_many(rows[bad_missing], column, norm[bad_missing], "a Buddhist Era fiscal year such as 2563 or พ.ศ. ๒๕๖๓")
    empty = norm == ""
    col.add_many(rows[empty], column, norm[empty], "a fiscal year (the cell is empty)")
    bad = why.notna()
    col.add_many(rows[bad], column, norm[bad], why[bad])
    out = pd.array(years.where(~bad & years.notna(), None).tolist(), dtype="Int64")
    return pd.Series(out, index=raw.index)


def _parse_scores(col: _Collector, rows: pd.Series, raw: pd.Series, column: str, *, required: bool) -> pd.Series:
    norm = _unique_map(raw, normalize_text)
    values = _unique_map(norm, parse_number).astype("float64")
    bad = values.isna() & (norm != "")
    col.add_many(rows[bad], column, norm[bad], "a score written as a number, e.g. 89.29 or ๘๙.๒๙")
    if required:
        empty = norm == ""
        col.add_many(rows[empty], column, norm[empty], "a score (the cell is empty)")
    return values


def _resolve_indicators(col: _Collector, rows, texts: pd.Series, years: pd.Series, column: str) -> pd.Series:
    """Indicator cells -> numbers, per distinct (year, text) pair."""
    pairs = pd.DataFrame({"y": years.astype("object"), "t": texts.astype("object")})
    keys = pairs.drop_duplicates().reset_index(drop=True)
    found = [framework_or_latest(y).resolve_indicator(t) for y, t in keys.itertuples(index=False)]
    keys["n"] = pd.array([n for n, _ in found], dtype="Int64")
    keys["e"] = pd.Series([e for _, e in found], dtype="object")
    merged = pairs.merge(keys, on=["y", "t"], how="left", sort=False)
    out = pd.Series(merged["n"].array, index=texts.index, dtype="Int64")
    errs = pd.Series(merged["e"].to_numpy(dtype=object), index=texts.index, dtype="object")
    bad = errs.notna()
    col.add_many(rows[bad], column, texts[bad], errs[bad])
    return out


def _caller_or_column(header: _Header, data: pd.DataFrame, role: str, given) -> tuple[pd.Series | None, str | None]:
    """The values of the agency or fiscal_year column, or the caller's, or a problem."""
    cols = [c for c, ro in header.roles.items() if ro[0] == role]
    if cols:
        return data[cols[0]], header.names[cols[0]]
    if given is not None:
        return pd.Series([str(given)] * len(data), index=data.index, dtype="object"), None
    return None, None


def _duplicate_roles(col: _Collector, header: _Header) -> None:
    seen: dict[tuple, int] = {}
    for c, ro in sorted(header.roles.items()):
        key = ro if ro[0] in ("year_value", "indicator_col") else (ro[0],)
        if key in seen:
            col.add(
                header.row + 1,
                header.names[c],
                header.names[c],
                f"one column only for this; column {seen[key] + 1} already is",
            )
        else:
            seen[key] = c


def load(
    paths: str | Path | list[str | Path],
    *,
    agency: str | None = None,
    fiscal_year: int | str | None = None,
    sheet: str | int | None = None,
    validate: bool = True,
    select: bool = True,
) -> Loaded:
    """Load and validate score tables.

    ``agency`` and ``fiscal_year`` fill in what a file does not say (report and comparison tables
    carry neither); where a file has those columns they select rows instead, unless ``select`` is
    False (the yearly run keeps every year for its comparisons). Raises :class:`InputError`
    listing every problem of every file.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    fy = _caller_year(fiscal_year)
    parts, problems = [], []
    for p in paths:
        try:
            parts.append(_load_one(Path(p), agency=agency, fiscal_year=fy, sheet=sheet, select=select))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    scores = pd.concat([x.scores for x in parts], ignore_index=True)
    origin = pd.concat([x.origin for x in parts], ignore_index=True)
    published = pd.concat([x.published for x in parts], ignore_index=True)
    warnings = [w for x in parts for w in x.warnings]
    loaded = Loaded(scores, origin, published, warnings)
    if validate:
        from ita_analysis.ingest.validate import validate_scores

        validate_scores(loaded)
    return loaded


def load_scores(path: str | Path | list[str | Path], **kwargs) -> pd.DataFrame:
    """The tidy score table of one or more files: agency, fiscal_year, indicator, tool, score."""
    return load(path, **kwargs).scores


def _caller_year(value: int | str | None) -> int | None:
    if value is None:
        return None
    year = find_year(value)
    if year is None:
        raise InputError([Problem("--fy", None, None, str(value), "a Buddhist Era fiscal year such as 2563")])
    why = check_be_year(year)
    if why:
        raise InputError([Problem("--fy", None, None, str(value), why)])
    return year


def _load_one(path: Path, *, agency, fiscal_year, sheet, select: bool = True) -> Loaded:
    name = str(path)
    grid = read_grid(path, sheet)
    col = _Collector(name)
    header = _find_header(grid)
    if header is None:
        raise InputError(
            [
                Problem(
                    name, None, None, None,
                    "a header row: long tables need agency, fiscal_year, indicator and score columns "
                    "(หน่วยงาน, ปีงบประมาณ, ตัวชี้วัด, คะแนน); wide tables a column per indicator; report "
                    "tables ลำดับที่ / เครื่องมือ / ตัวชี้วัด / คะแนนที่ได้",
                )
            ]
        )  # fmt: skip
    _duplicate_roles(col, header)
    data = grid.iloc[header.row + 1 :]
    rows = pd.Series(data.index + 1, index=data.index)  # spreadsheet row numbers
    if len(data):
        nonblank = _any_cell(data, list(header.roles), lambda s: bool(normalize_text(s)))
        data, rows = data[nonblank], rows[nonblank]
    if not len(data):
        raise InputError([Problem(name, header.row + 1, None, None, "rows of scores below the header row")])
    if header.shape == "wide":
        out = _parse_wide(col, header, data, rows, agency, fiscal_year)
    else:
        out = _parse_rows(col, header, data, rows, agency, fiscal_year)
    if col.problems:
        raise InputError(col.problems)
    scores, origin, published = out
    if select:
        scores, origin, published = _select(col, scores, origin, published, agency, fiscal_year, header)
    if col.problems:
        raise InputError(col.problems)
    return Loaded(scores, origin, published, col.warnings)


def _select(col, scores, origin, published, agency, fiscal_year, header):
    """Where the file has agency/year columns, the caller's --agency/--fy select rows."""
    kinds = {ro[0] for ro in header.roles.values()}
    keep = pd.Series(True, index=scores.index)
    pkeep = pd.Series(True, index=published.index)
    if agency is not None and "agency" in kinds:
        a = normalize_text(agency)
        keep &= scores["agency"] == a
        pkeep &= published["agency"] == a
    if fiscal_year is not None and ("fiscal_year" in kinds or "year_value" in kinds):
        keep &= scores["fiscal_year"] == fiscal_year
        pkeep &= published["fiscal_year"] == fiscal_year
    if not keep.all():
        if not keep.any():
            what = " and ".join(
                x for x in (agency and f"agency '{agency}'", fiscal_year and f"year {fiscal_year}") if x
            )
            col.add(None, None, None, f"rows for {what} (the file has none)")
        scores, origin, published = scores[keep], origin[keep], published[pkeep]
    return scores.reset_index(drop=True), origin.reset_index(drop=True), published.reset_index(drop=True)


def _empty_published() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "agency": pd.Series(dtype="object"),
            "fiscal_year": pd.Series(dtype="int64"),
            "measure": pd.Series(dtype="object"),
            "value": pd.Series(dtype="object"),
            "file": pd.Series(dtype="object"),
            "row": pd.Series(dtype="int64"),
            "column": pd.Series(dtype="object"),
        }
    )


def _agency_name(value: object) -> str:
    """Agency cell -> name; undoes the apostrophe that CSV output puts before '=', '+', '-', '@'."""
    text = normalize_text(value)
    if text[:1] == "'" and text[1:2] in FORMULA_START:
        return text[1:]
    return text


def _year_column(header: _Header, year_col: int | None = None) -> str:
    """Where a row's fiscal year was read: the year column, a year-headed score column, or --fy."""
    if year_col is not None:
        return header.names[year_col]
    cols = [c for c, ro in header.roles.items() if ro[0] == "fiscal_year"]
    return header.names[cols[0]] if cols else "--fy"


def _agency_and_year(col, header, data, rows, agency, fiscal_year):
    a_raw, a_name = _caller_or_column(header, data, "agency", agency)
    y_raw, y_name = _caller_or_column(header, data, "fiscal_year", fiscal_year)
    year_cols = any(ro[0] == "year_value" for ro in header.roles.values())
    if a_raw is None:
        col.add(None, None, None, "the agency: the file has no agency (หน่วยงาน) column, so give it (--agency NAME)")
        agencies = None
    else:
        agencies = _unique_map(a_raw, _agency_name)
        if a_name is not None:
            empty = agencies == ""
            col.add_many(rows[empty], a_name, agencies[empty], "an agency name (the cell is empty)")
    if y_raw is None:
        if not year_cols:
            col.add(
                None, None, None, "the fiscal year: the file has no year (ปีงบประมาณ) column, so give it (--fy 2563)"
            )
        years = pd.Series(pd.NA, index=data.index, dtype="Int64")
    elif y_name is None:
        years = pd.Series(int(y_raw.iloc[0]) if len(y_raw) else pd.NA, index=data.index, dtype="Int64")
    else:
        years = _parse_years(col, rows, y_raw, y_name)
    return agencies, years


def _parse_wide(col, header, data, rows, agency, fiscal_year):
    agencies, years = _agency_and_year(col, header, data, rows, agency, fiscal_year)
    ind_cols = {c: ro[1] for c, ro in header.roles.items() if ro[0] == "indicator_col"}
    if agencies is None:
        return None
    frames, origins = [], []
    for c, number in ind_cols.items():
        values = _parse_scores(col, rows, data[c], header.names[c], required=True)
        frames.append(pd.DataFrame({"agency": agencies, "fiscal_year": years, "indicator": number, "score": values}))
        origins.append(
            pd.DataFrame(
                {"file": col.file, "row": rows, "column": header.names[c], "year_column": _year_column(header)}
            )
        )
    scores = pd.concat(frames, ignore_index=True)
    origin = pd.concat(origins, ignore_index=True)
    published = _published_columns(col, header, data, rows, agencies, years)
    return _finish(scores), origin, published


def _published_columns(col, header, data, rows, agencies, years) -> pd.DataFrame:
    """iit/eit/oit/.../total/grade columns of a wide table (e.g. a re-read score output)."""
    parts = []
    for c, (role, _) in header.roles.items():
        if role not in PUBLISHED_MEASURES:
            continue
        if role == "grade":
            values = _unique_map(data[c], normalize_text)
        else:
            values = _parse_scores(col, rows, data[c], header.names[c], required=False)
        frame = pd.DataFrame(
            {"agency": agencies, "fiscal_year": years, "measure": role, "value": values.astype("object"),
             "file": col.file, "row": rows, "column": header.names[c]}
        )  # fmt: skip
        parts.append(frame[values.notna() & (values.astype(str) != "")])
    if not parts:
        return _empty_published()
    return pd.concat(parts, ignore_index=True)


def _parse_rows(col, header, data, rows, agency, fiscal_year):
    """Long, report and comparison tables: one row per indicator (and maybe tool and total rows).

    Rows are sorted into kinds: total rows (คะแนนรวม ...: the printed total), tool rows (a tool
    named where an indicator would be, with its printed mean), sub-indicator rows (9.1, 9.2 ...:
    skipped with a warning) and indicator rows (the scores).
    """
    roles = header.roles
    first: dict[str, int] = {}
    for c, (role, _) in sorted(roles.items()):
        first.setdefault(role, c)
    ind_c, no_c, seq_c, tool_c = (first.get(k) for k in ("indicator", "indicator_no", "seq", "tool"))
    year_cols = {c: ro[1] for c, ro in roles.items() if ro[0] == "year_value"}
    text = {c: _unique_map(data[c], normalize_text) for c in (ind_c, no_c, seq_c, tool_c) if c is not None}
    # What identifies the indicator: its name and/or its number. A running number (ลำดับ) is the
    # indicator number only in report tables (no agency column) or when there is no name column.
    parts = [c for c in (no_c, ind_c) if c is not None]
    if seq_c is not None and (not parts or "agency" not in first):
        parts.insert(0, seq_c)
    ident = text[parts[0]]
    for c in parts[1:]:  # "9" and "การเปิดเผยข้อมูล" -> "9 การเปิดเผยข้อมูล" (they must then agree)
        b = text[c]
        ident = (ident + " " + b).where((b != "") & (b != ident), ident).where(ident != "", b)
    ident_col = header.names[ind_c if ind_c is not None else parts[0]]
    label_cols = [c for c in (seq_c, no_c, ind_c, tool_c) if c is not None]
    is_total = _any_cell(data, label_cols, lambda v: bool(_TOTAL_ROW.search(normalize_text(v))))
    is_sub = ~is_total & _unique_map(ident, lambda t: bool(_SUB_INDICATOR.match(to_arabic_digits(t)))).astype(bool)
    fw_any = any_framework()
    resolves = _unique_map(ident, lambda t: bool(t) and fw_any.resolve_indicator(t)[0] is not None).astype(bool)
    tool_of_ident = _unique_map(ident, lambda t: "" if not t or fw_any.resolve_indicator(t)[0] else _tool_code(t))
    tool_cell = _unique_map(text[tool_c], _tool_code) if tool_c is not None else pd.Series("", index=data.index)
    row_tool = tool_of_ident.where(tool_of_ident != "", tool_cell.where(ident == "", ""))
    is_grade = ~is_total & ~resolves & _unique_map(ident, lambda t: bool(_GRADE_ROW.match(t))).astype(bool)
    is_tool = ~is_total & ~is_sub & ~is_grade & (row_tool != "")
    value_cols = [c for c, (role, _) in roles.items() if role in ("score", "year_value", "mean", "weighted")]
    has_value = _any_cell(data, value_cols, lambda v: bool(normalize_text(v)))
    # a row naming no indicator and holding no score (a note under the table): skipped, said
    is_note = ~is_total & ~is_sub & ~is_grade & ~is_tool & ~resolves & ~has_value & (ident != "")
    is_ind = ~is_total & ~is_sub & ~is_grade & ~is_tool & ~is_note
    for mask, why in (
        (is_sub, "an indicator; sub-indicator rows are skipped"),
        (is_note, "an indicator; a row without scores is skipped"),
    ):
        for r, t in zip(rows[mask].tolist(), ident[mask].tolist(), strict=True):
            col.warnings.append(Problem(col.file, r, ident_col, t, why))

    body, brows = data[is_ind], rows[is_ind]
    agencies, years = _agency_and_year(col, header, body, brows, agency, fiscal_year)
    if agencies is None:
        return None
    ind_text = ident[is_ind]
    empty = ind_text == ""
    col.add_many(brows[empty], ident_col, ind_text[empty], "an indicator number 1-10 or name")
    parse_years = years if not year_cols else pd.Series(next(iter(year_cols.values())), index=body.index, dtype="Int64")
    numbers = _resolve_indicators(col, brows, ind_text.where(~empty, "?"), parse_years, ident_col).where(~empty, pd.NA)
    if tool_c is not None:  # named on the first row of its group only: carry it down, then check
        carried = tool_cell.where(~is_total, "").replace("", np.nan).ffill()[is_ind]
        _check_tools(col, brows, carried, numbers, parse_years, header.names[tool_c])

    score_cols = list(year_cols.items()) if year_cols else [(first["score"], None)]
    frames, origins = [], []
    for c, year in score_cols:
        values = _parse_scores(col, brows, body[c], header.names[c], required=True)
        y = years if year is None else pd.Series(year, index=body.index, dtype="Int64")
        frames.append(pd.DataFrame({"agency": agencies, "fiscal_year": y, "indicator": numbers, "score": values}))
        year_column = _year_column(header, None if year is None else c)
        origins.append(
            pd.DataFrame({"file": col.file, "row": brows, "column": header.names[c], "year_column": year_column})
        )
    scores = _finish(pd.concat(frames, ignore_index=True))
    origin = pd.concat(origins, ignore_index=True)

    # printed figures: means and weighted sums beside the scores, tool rows, total rows
    published = []
    quiet = _Collector(col.file)  # agency/year of tool and total rows: problems already reported above
    tool_by_number = fw_any.tool_of()
    ind_tool = numbers.map(lambda n: tool_by_number.get(int(n), "") if not pd.isna(n) else "")
    for mask, tools in ((is_ind, ind_tool), (is_tool, row_tool[is_tool])):
        if not mask.any():
            continue
        sub, srows = data[mask], rows[mask]
        if mask is is_ind:
            a, y = agencies, years
        else:
            a, y = _agency_and_year(quiet, header, sub, srows, agency, fiscal_year)
        for c, (role, detail) in roles.items():
            if role in ("mean", "weighted") or (mask is is_tool and c in dict(score_cols)):
                values = _parse_scores(col, srows, sub[c], header.names[c], required=False)
                year_here = (
                    y if detail is None and c not in year_cols else pd.Series(detail or year_cols[c], index=sub.index)
                )
                measure = tools.str.lower() + ("_weighted" if role == "weighted" else "")
                published.append(_published_frame(col, a, year_here, measure, values, srows, header.names[c]))
    if is_grade.any():  # "ระดับผลการประเมิน | B": the printed grade (or rating)
        sub, srows = data[is_grade], rows[is_grade]
        a, y = _agency_and_year(quiet, header, sub, srows, agency, fiscal_year)
        for idx, r in zip(sub.index, srows.tolist(), strict=True):
            cells = [
                (c, normalize_text(v)) for c, v in sub.loc[idx].items() if c not in label_cols and normalize_text(v)
            ]
            if not cells:
                continue
            for c, label in cells if year_cols else cells[-1:]:
                year_here = pd.Series([year_cols.get(c, y.loc[idx])], index=[idx])
                published.append(
                    _published_frame(col, a.loc[[idx]], year_here, "grade", pd.Series([label], index=[idx]),
                                     pd.Series([r], index=[idx]), header.names.get(c, f"column {c + 1}"))
                )  # fmt: skip
    if is_total.any():
        sub, srows = data[is_total], rows[is_total]
        a, y = _agency_and_year(quiet, header, sub, srows, agency, fiscal_year)
        if year_cols:
            for c, year in year_cols.items():
                values = _parse_scores(col, srows, sub[c], header.names[c], required=False)
                published.append(
                    _published_frame(col, a, pd.Series(year, index=sub.index), "total", values, srows, header.names[c])
                )
        else:
            for idx, r in zip(sub.index, srows.tolist(), strict=True):
                nums = [(c, n) for c, cell in sub.loc[idx].items() if (n := parse_number(cell)) is not None]
                if not nums:
                    col.add(
                        r, None, normalize_text(" ".join(sub.loc[idx].astype(str))), "a total score on the total row"
                    )
                    continue
                c, v = nums[-1]
                published.append(
                    _published_frame(col, a.loc[[idx]], y.loc[[idx]], "total", pd.Series([v], index=[idx]),
                                     pd.Series([r], index=[idx]), header.names.get(c, f"column {c + 1}"))
                )  # fmt: skip
    return scores, origin, _concat_published(published)


def _published_frame(col, agencies, years, measure, values: pd.Series, rows, column) -> pd.DataFrame:
    keep = values.notna()
    frame = pd.DataFrame(
        {"agency": agencies, "fiscal_year": years, "measure": measure, "value": values.astype("object"),
         "file": col.file, "row": rows, "column": column}
    )  # fmt: skip
    frame = frame[keep & frame["agency"].notna() & frame["fiscal_year"].notna() & (frame["measure"] != "")]
    return frame


def _concat_published(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return _empty_published()
    pub = pd.concat(parts, ignore_index=True)
    pub["fiscal_year"] = pub["fiscal_year"].astype("Int64")
    return pub


def _tool_code(text: str) -> str:
    """IIT / EIT / OIT when a text names a tool (by code or Thai name), else ""."""
    m = _TOOL_CODE.search(text)
    if m:
        return m.group(1).upper()
    key = match_key(text)
    for t in any_framework().tools:
        if key and match_key(t.name_th) in key:
            return t.code
    return ""


def _check_tools(col, brows, tool_code, numbers, years, column) -> None:
    for r, code, num, y in zip(brows.tolist(), tool_code.tolist(), numbers.tolist(), years.tolist(), strict=True):
        if not isinstance(code, str) or pd.isna(num):
            continue
        fw = framework_or_latest(y)
        expected = fw.tool_of().get(int(num))
        if expected and code != expected:
            col.add(r, column, code, f"tool {expected} for indicator {int(num)} ({fw.indicator(int(num)).name_th})")


def _finish(scores: pd.DataFrame) -> pd.DataFrame:
    scores["indicator"] = scores["indicator"].astype("Int64")
    scores["fiscal_year"] = scores["fiscal_year"].astype("Int64")
    scores["score"] = scores["score"].astype("float64")
    scores["agency"] = scores["agency"].astype("object")
    pairs = scores[["fiscal_year", "indicator"]].drop_duplicates().reset_index(drop=True)
    pairs["tool"] = pd.Series(
        [
            None if pd.isna(n) else framework_or_latest(y).tool_of().get(int(n))
            for y, n in pairs.itertuples(index=False)
        ],
        dtype="object",
    )
    merged = scores[["fiscal_year", "indicator"]].merge(pairs, on=["fiscal_year", "indicator"], how="left", sort=False)
    scores["tool"] = pd.Series(merged["tool"].to_numpy(dtype=object), index=scores.index, dtype="object")
    return scores[SCORE_COLUMNS]
