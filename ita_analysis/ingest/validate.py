"""Checks on a loaded score table; every problem is reported with the cell it came from.

The indicators a year has (their numbers and how many) come from the year's framework.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ita_analysis.errors import FrameworkError, Problem
from ita_analysis.frameworks import available_years, framework_or_latest, load_framework
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.cells import SCORE_RANGE
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import check_be_year


def _schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "agency": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False),
            "fiscal_year": pa.Column("Int64", nullable=False),
            "indicator": pa.Column("Int64", nullable=False),
            "score": pa.Column(float, pa.Check.in_range(0.0, 100.0), nullable=False),
        },
        strict=False,
    )


_EXPECTED = {
    "score": SCORE_RANGE,
    "agency": N_("an agency name"),
    "fiscal_year": N_("a fiscal year"),
}


class _Places:
    """Problems about rows of the table, placed at the cell each row was read from."""

    def __init__(self, loaded):
        self.scores, self.origin = loaded.scores, loaded.origin
        self.problems: list[Problem] = []

    def at(self, i: int, column: str | None = None, value: object = None, expected: str = "") -> None:
        o = self.origin.iloc[i]
        self.problems.append(
            Problem(o["file"], int(o["row"]), column or o["column"], None if value is None else str(value), expected)
        )

    def written(self, i: int, value: object) -> object:
        """A score as its cell holds it (the table's text, where it was read from one), else the number
        as read, to its last digit (100.0001, not 100)."""
        text = self.origin.iloc[i].get("text")
        if isinstance(text, str) and normalize_text(text):
            return normalize_text(text)
        if value is None or value != value:
            return value
        number = float(value)
        return f"{number:g}" if float(f"{number:g}") == number else repr(number)

    def place(self, i: int) -> str:
        return _("{file} row {row}").format(file=self.origin.iloc[i]["file"], row=self.origin.iloc[i]["row"])


def validation_problems(loaded) -> list[Problem]:
    """Every problem of a :class:`~ita_analysis.ingest.table.Loaded` table, as a list.

    Rows with a cell that could not be read (agency "", <NA> year, indicator or score: a problem
    the loader has reported) are left out of the checks; an indicator missing from an agency-year
    is not reported where such a row may be it (its agency, year and indicator unknown or the same).
    """
    places = _Places(loaded)
    _schema_problems(places)
    bad_years = _year_problems(places)
    _indicator_problems(places, bad_years)
    _duplicate_problems(places)
    _missing_problems(places, bad_years)
    return places.problems


def _readable(scores: pd.DataFrame) -> pd.Series:
    """Rows whose agency, year and indicator were read (the others are reported by the loader)."""
    return (scores["agency"] != "") & scores["fiscal_year"].notna() & scores["indicator"].notna()


def _indicator_expected(year: object) -> str:
    return _("an indicator number {numbers}").format(numbers=framework_or_latest(year).number_range)


def _schema_problems(places: _Places) -> None:
    scores = places.scores
    scores = scores[_readable(scores) & scores["score"].notna()]
    if _plainly_valid(scores):
        return
    import pandera.errors as pe

    try:
        _schema().validate(scores, lazy=True)
    except pe.SchemaErrors as exc:
        fc = exc.failure_cases
        fc = fc[fc["index"].notna()]
        for _index, case in fc.iterrows():
            col = case["column"]
            i = int(case["index"])
            value = case["failure_case"]
            if col == "score":
                value = places.written(i, value)
            if col == "indicator":
                expected = _indicator_expected(scores.at[i, "fiscal_year"])
            else:
                expected = _EXPECTED.get(col, N_("a valid value"))
            places.at(i, None if col == "score" else col, value, expected)


def _plainly_valid(scores: pd.DataFrame) -> bool:
    """Whether the rows meet :func:`_schema` as the loader gives them (names as text, years and
    indicators as Int64, scores 0-100 as float64), checked directly: then the schema, pandera
    imported and run (half a second of CPU in every process that reads data), has nothing to say."""
    kinds = (str(scores["fiscal_year"].dtype), str(scores["indicator"].dtype), scores["score"].dtype)
    if kinds != ("Int64", "Int64", np.dtype("float64")) or scores["agency"].dtype != object:
        return False
    if scores["fiscal_year"].isna().any() or scores["indicator"].isna().any():
        return False
    score = scores["score"].to_numpy()
    return bool(((score >= 0.0) & (score <= 100.0)).all()) and all(type(a) is str and a for a in scores["agency"])


def _year_problems(places: _Places) -> set[int]:
    """A problem for the first row of each year that has no framework; those years."""
    scores, origin = places.scores, places.origin
    bad_years = set()
    for y in sorted(int(v) for v in scores["fiscal_year"].dropna().unique()):
        try:
            load_framework(y)
        except FrameworkError:
            bad_years.add(y)
            i = int(scores.index[scores["fiscal_year"] == y][0])
            known = ", ".join(str(k) for k in available_years())
            why = check_be_year(y) or _("a fiscal year with an ITA framework ({known})").format(known=known)
            places.at(i, origin.iloc[i]["year_column"], y, why)
    return bad_years


def _known(scores: pd.DataFrame, bad_years: set[int]) -> pd.Series:
    """Rows whose year has a framework."""
    return scores["fiscal_year"].notna() & ~scores["fiscal_year"].isin(bad_years)


def _in_framework(scores: pd.DataFrame) -> pd.Series:
    """Rows whose indicator is a number of their year's framework (the year must have one)."""
    inside = pd.Series(False, index=scores.index)
    for year in scores["fiscal_year"].dropna().unique():
        numbers = load_framework(int(year)).numbers
        inside |= (scores["fiscal_year"] == year).fillna(False) & scores["indicator"].isin(numbers)
    return inside


def _indicator_problems(places: _Places, bad_years: set[int]) -> None:
    """Indicator numbers outside the year's framework."""
    scores = places.scores
    known = scores[_known(scores, bad_years)]
    outside = known[known["indicator"].notna() & ~_in_framework(known)]
    for i, row in outside.iterrows():
        places.at(i, "indicator", int(row["indicator"]), _indicator_expected(row["fiscal_year"]))


def _duplicate_problems(places: _Places) -> None:
    scores = places.scores
    keys = ["agency", "fiscal_year", "indicator"]
    readable = _readable(scores)
    dup = scores[readable].duplicated(keys, keep=False).reindex(scores.index, fill_value=False) & readable
    if not dup.any():
        return
    d = scores[dup].assign(_i=scores.index[dup])
    for _key, group in d.groupby(keys, sort=False):
        idx = group["_i"].tolist()
        where = [places.place(i) for i in idx]
        for k, i in enumerate(idx):
            others = ", ".join(p for j, p in enumerate(where) if j != k)
            expected = _("one score per agency, year and indicator; also given at {others}").format(others=others)
            score = scores.at[i, "score"]
            places.at(i, None, None if pd.isna(score) else f"{score:g}", expected)


def _missing_problems(places: _Places, bad_years: set[int]) -> None:
    """Agency-years without every indicator of their framework."""
    scores, origin = places.scores, places.origin
    ok = scores[_known(scores, bad_years) & (scores["agency"] != "")]
    if not len(ok):
        return
    ok = ok.assign(valid=ok["indicator"].where(_in_framework(ok)))  # numbers outside are reported apart
    groups = ok.reset_index().groupby(["agency", "fiscal_year"], sort=False)
    counts = groups["valid"].nunique()
    first_row = groups["index"].min()
    years = counts.index.get_level_values("fiscal_year")
    need_n = years.map({y: len(load_framework(int(y)).numbers) for y in years.unique()})
    short = counts[counts.to_numpy() < need_n.to_numpy()]
    unread = scores[~_readable(scores)]
    for agency, year in short.index:
        have = set(ok.loc[(ok["agency"] == agency) & (ok["fiscal_year"] == year), "valid"].dropna().astype(int))
        need = set(load_framework(int(year)).numbers)
        missing, unnamed = _not_unread(unread, agency, year, sorted(need - have))
        if not missing:
            continue
        o = origin.iloc[int(first_row[(agency, year)])]
        maybe = (
            _(" ({n} row(s) whose indicator could not be read may be among them)").format(n=unnamed) if unnamed else ""
        )
        places.problems.append(
            Problem(
                o["file"],
                None,
                None,
                None,
                _("all {n} indicators for {agency}, fiscal year {year}; missing indicator(s) {missing}{maybe}").format(
                    n=len(need), agency=agency, year=year, missing=", ".join(map(str, missing)), maybe=maybe
                ),
            )
        )


def _not_unread(unread: pd.DataFrame, agency: str, year: int, missing: list[int]) -> tuple[list[int], int]:
    """The missing indicators of an agency-year that no row with an unreadable cell may hold, and
    how many such rows of unknown indicator there are; ([], n) when those rows may hold them all.

    A row may hold a missing indicator when its agency is that one or unknown, its year that one
    or unknown, and its indicator that one (a row naming it) or unknown.
    """
    if not len(unread):
        return missing, 0
    mine = unread[
        ((unread["agency"] == agency) | (unread["agency"] == ""))
        & ((unread["fiscal_year"] == year).fillna(True).astype(bool))
    ]
    named = set(mine["indicator"].dropna().astype(int))
    unnamed = int(mine["indicator"].isna().sum())
    rest = [m for m in missing if m not in named]
    return ([], unnamed) if len(rest) <= unnamed else (rest, unnamed)
