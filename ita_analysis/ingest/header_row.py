"""Find the header row of a score table and what each of its columns holds.

A column is named by the header vocabulary (:mod:`ita_analysis.ingest.headers`), by a year
("คะแนนที่ได้ พ.ศ. 2563": the scores of 2563), or by an indicator of a framework file (a wide
table: a column per indicator). The header decides the shape: "rows" (long, report and
comparison tables: a row per indicator) or "wide" (a row per agency-year).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from ita_analysis.frameworks import Framework
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.cells import Collector, indicator_named, name_frameworks
from ita_analysis.ingest.headers import HEADER_SCAN, WORDS, header_role, role_words
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import find_year, to_arabic_digits

_YEAR_WORDS = re.compile(r"(ปีงบประมาณ|ปีงบ|พ\.\s*ศ\.?|ปี|fy|fiscal\s*year|year)?\s*[0-9๐-๙]{4}", re.IGNORECASE)
_INDICATOR_ROLES = ("indicator", "indicator_no", "seq")


@dataclass
class Header:
    """The header of a table.

    roles: column index -> (role, detail); detail is the year of a "year_value" column (or of a
    mean or weighted column whose header names a year), and for an "indicator_col" the (fiscal
    year of the framework, indicator number) that its header names.
    """

    row: int  # 0-based index of the (last) header row
    shape: str  # "rows" (long/report/comparison), "wide", or "columns" (a side file's named columns)
    roles: dict[int, tuple[str, object]]  # column index -> (role, detail)
    names: dict[int, str]  # column index -> header text as written
    top: int | None = None  # 0-based index of the first header row when the header spans two rows

    @property
    def rows(self) -> list[int]:
        """0-based indices of the header rows, top first."""
        return [self.row] if self.top is None else list(range(self.top, self.row + 1))

    def columns(self, role: str) -> list[int]:
        """The columns of one role, left to right."""
        return sorted(c for c, ro in self.roles.items() if ro[0] == role)

    def year_columns(self) -> dict[int, int]:
        """Year-headed score columns (a comparison table's): column index -> year."""
        return {c: detail for c, (role, detail) in self.roles.items() if role == "year_value"}

    def kinds(self) -> set[str]:
        return {ro[0] for ro in self.roles.values()}


class _Namer:
    """Names the role of header cells, with the vocabulary and frameworks looked up once."""

    def __init__(self):
        self.words = role_words()
        self.frameworks: list[Framework] = name_frameworks()

    def __call__(self, cell: str) -> tuple[str, object] | None:
        """What a header cell names: a vocabulary role, a year column, or an indicator column."""
        if not cell:
            return None
        role = header_role(cell, self.words)
        if role is not None:
            return role, None
        year = find_year(cell)
        if year is not None and not re.search(r"\d{5}", to_arabic_digits(cell)):
            # "คะแนนที่ได้ พ.ศ. 2563" is a score column for 2563; "คะแนนเฉลี่ย 2563" stays a mean column
            rest = header_role(_YEAR_WORDS.sub(" ", cell), self.words)
            if rest in (None, "score", "fiscal_year"):
                return "year_value", year
            return rest, year
        named = indicator_named(cell, self.frameworks)
        if named is not None:
            return "indicator_col", named
        return None


def header_rows(grid: pd.DataFrame) -> Iterator[tuple[int, list[str], dict[int, tuple[str, object]]]]:
    """(0-based row, its cells, what each named cell names) of each of the top rows where a header
    is looked for: the one scan of every header finder."""
    name = _Namer()
    for r in range(min(len(grid), HEADER_SCAN)):
        cells = [normalize_text(v) for v in grid.iloc[r]]
        yield r, cells, {c: ro for c, cell in enumerate(cells) if (ro := name(cell)) is not None}


def find_header(grid: pd.DataFrame) -> Header | None:
    """The first of the top rows that reads as the header of a rows or a wide table."""
    for r, cells, roles in header_rows(grid):
        kinds = [ro[0] for ro in roles.values()]
        names = {c: cells[c] for c in roles}
        if set(_INDICATOR_ROLES) & set(kinds) and ("score" in kinds or "year_value" in kinds):
            header = Header(r, "rows", roles, names)
            _years_below(grid, header)
            return header
        # bare numbers ("1", "2") only count as indicator headers beside an agency or year column,
        # so that a row of data is never taken for a header
        named = sum(1 for c, ro in roles.items() if ro[0] == "indicator_col" and not cells[c].isdigit())
        if (
            kinds.count("indicator_col") >= 2
            and not {"indicator", "indicator_no"} & set(kinds)
            and (named or {"agency", "fiscal_year"} & set(kinds))
        ):
            return Header(r, "wide", roles, names)
    return None


def find_columns(grid: pd.DataFrame, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Header | None:
    """The header of a table of named columns (a side file): the first of the top rows whose
    header words (:mod:`~ita_analysis.ingest.headers`) name every ``required`` role; the first
    column of each wanted role. A column of indicator numbers ("ตัวชี้วัดที่") is an indicator column."""
    wanted = set(required) | set(optional)
    for r, cells, named in header_rows(grid):
        roles: dict[int, tuple[str, object]] = {}
        for c, (role, detail) in sorted(named.items()):
            role = "indicator" if role == "indicator_no" else role
            if detail is None and role in wanted and role not in {ro[0] for ro in roles.values()}:
                roles[c] = (role, None)
        if set(required) <= {ro[0] for ro in roles.values()}:
            return Header(r, "columns", roles, {c: cells[c] for c in roles})
    return None


def _years_below(grid: pd.DataFrame, header: Header) -> None:
    """A two-row header: years under a "คะแนนที่ได้" spanning cell become year columns."""
    r = header.row
    if r + 1 >= len(grid):
        return
    below = [normalize_text(v) for v in grid.iloc[r + 1]]
    years = {c: find_year(v) for c, v in enumerate(below) if v}
    ind_cols = [c for c, ro in header.roles.items() if ro[0] in _INDICATOR_ROLES]
    if years and all(y is not None for y in years.values()) and not any(below[c] for c in ind_cols):
        for c, y in years.items():
            header.roles[c] = ("year_value", y)
            header.names[c] = (header.names.get(c, "") + " " + below[c]).strip()
        header.top, header.row = r, r + 1


def duplicate_roles(col: Collector, header: Header) -> None:
    """A problem for each column whose role (or year, or indicator) an earlier column already has."""
    seen: dict[tuple, int] = {}
    for c, ro in sorted(header.roles.items()):
        key = ro if ro[0] in ("year_value", "indicator_col") else (ro[0],)
        if key in seen:
            col.add(
                header.row + 1,
                header.names[c],
                header.names[c],
                _("one column only for this; column {number} already is").format(number=seen[key] + 1),
            )
        else:
            seen[key] = c


def no_header_problem() -> str:
    """What a file without a recognisable header row lacks."""
    return _(
        "a header row: long tables need agency, fiscal_year, indicator and score columns "
        "(หน่วยงาน, ปีงบประมาณ, ตัวชี้วัด, คะแนน); wide tables a column per indicator; report "
        "tables ลำดับที่ / เครื่องมือ / ตัวชี้วัด / คะแนนที่ได้"
    )


def near_header(grid: pd.DataFrame) -> tuple[int, str] | None:
    """(0-based row, what it lacks) of the top row that comes closest to a header without being one.

    The closest row is the one naming the most columns in the header vocabulary (at least two, so
    that a title or a row of data is never taken for it). What it lacks is said with the columns it
    has and the words accepted for the missing ones, e.g. a table headed agency, year, indicator
    without a score column. None when no row comes close.
    """
    best: tuple[int, dict[int, str]] | None = None
    for r, _cells, named in header_rows(grid):
        roles = {c: role for c, (role, detail) in named.items() if detail is None}  # the header words
        if len(set(roles.values())) >= 2 and (best is None or len(set(roles.values())) > len(set(best[1].values()))):
            best = (r, {c: roles[c] for c in roles})
    if best is None:
        return None
    r, roles = best
    cells = [normalize_text(v) for v in grid.iloc[r]]
    found = ", ".join(f"{role.replace('_', ' ')} ('{cells[c]}')" for c, role in sorted(roles.items()))
    kinds = set(roles.values())
    missing = []
    if not kinds & set(_INDICATOR_ROLES):
        missing.append(
            _("an indicator column, headed {words}").format(words=_words("indicator", "indicator_no", "seq"))
        )
    if not kinds & {"score"}:
        words = _words("score")
        missing.append(
            _("a score column, headed {words} (or one score column per year, e.g. คะแนน 2563)").format(words=words)
        )
    if not missing:  # pragma: no cover - such a row is a header
        return None
    return r, _("{missing}; the header row has {found}").format(missing=_(" and ").join(missing), found=found)


def _words(*roles: str) -> str:
    """The header words of roles as a reader writes them: 'score', 'คะแนน', ..."""
    return " / ".join(f"'{w}'" for role in roles for w in WORDS[role])
