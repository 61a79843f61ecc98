"""Checks on a loaded score table; every problem is reported with the cell it came from."""

from __future__ import annotations

from functools import cache

from ita_analysis.errors import FrameworkError, InputError, Problem
from ita_analysis.frameworks import available_years, load_framework
from ita_analysis.thai.numbers import check_be_year


@cache
def _schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "agency": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False),
            "fiscal_year": pa.Column("Int64", nullable=False),
            "indicator": pa.Column("Int64", pa.Check.in_range(1, 10), nullable=False),
            "score": pa.Column(float, pa.Check.in_range(0.0, 100.0), nullable=False),
        },
        strict=False,
    )


_EXPECTED = {
    "score": "a score from 0 to 100",
    "indicator": "an indicator number 1-10",
    "agency": "an agency name",
    "fiscal_year": "a fiscal year",
}


def validate_scores(loaded) -> None:
    """Raise :class:`InputError` listing every problem of a :class:`~ita_analysis.ingest.scores.Loaded` table.

    Checks: column types, scores within 0-100 (pandera schema); a framework for every year; one
    score per agency, year and indicator; every indicator of the year's framework present.
    """
    import pandera.errors as pe

    scores, origin = loaded.scores, loaded.origin
    problems: list[Problem] = []

    def at(i: int, column: str | None = None, value: object = None, expected: str = "") -> Problem:
        o = origin.iloc[i]
        return Problem(o["file"], int(o["row"]), column or o["column"], None if value is None else str(value), expected)

    try:
        _schema().validate(scores, lazy=True)
    except pe.SchemaErrors as exc:
        fc = exc.failure_cases
        fc = fc[fc["index"].notna()]
        for _, case in fc.iterrows():
            col = case["column"]
            i = int(case["index"])
            value = case["failure_case"]
            if col == "score":
                value = f"{float(value):g}" if value is not None and value == value else value
            problems.append(at(i, None if col == "score" else col, value, _EXPECTED.get(col, "a valid value")))

    years = scores["fiscal_year"].dropna().unique()
    bad_years = set()
    for y in sorted(int(v) for v in years):
        try:
            load_framework(y)
        except FrameworkError:
            bad_years.add(y)
            i = int(scores.index[scores["fiscal_year"] == y][0])
            known = ", ".join(str(k) for k in available_years())
            why = check_be_year(y) or f"a fiscal year with an ITA framework ({known})"
            problems.append(at(i, origin.iloc[i]["year_column"], y, why))

    keys = ["agency", "fiscal_year", "indicator"]
    dup = scores.duplicated(keys, keep=False) & scores["indicator"].notna()
    if dup.any():
        d = scores[dup].assign(_i=scores.index[dup])
        for _, group in d.groupby(keys, sort=False):
            idx = group["_i"].tolist()
            places = [f"{origin.iloc[i]['file']} row {origin.iloc[i]['row']}" for i in idx]
            for k, i in enumerate(idx):
                others = ", ".join(p for j, p in enumerate(places) if j != k)
                problems.append(
                    at(
                        i,
                        None,
                        f"{scores.at[i, 'score']:g}",
                        f"one score per agency, year and indicator; also given at {others}",
                    )
                )

    ok = scores[scores["fiscal_year"].notna() & ~scores["fiscal_year"].isin(bad_years)]
    if len(ok):
        groups = ok.reset_index().groupby(["agency", "fiscal_year"], sort=False)
        counts = groups["indicator"].nunique()
        first_row = groups["index"].min()
        need_n = counts.index.get_level_values("fiscal_year").map(lambda y: len(load_framework(int(y)).numbers))
        short = counts[counts.to_numpy() < need_n.to_numpy()]
        for agency, year in short.index:
            have = set(ok.loc[(ok["agency"] == agency) & (ok["fiscal_year"] == year), "indicator"].dropna().astype(int))
            need = set(load_framework(int(year)).numbers)
            missing = sorted(need - have)
            if missing:
                o = origin.iloc[int(first_row[(agency, year)])]
                problems.append(
                    Problem(
                        o["file"], None, None, None,
                        f"all {len(need)} indicators for {agency}, fiscal year {year}; "
                        f"missing indicator(s) {', '.join(map(str, missing))}",
                    )
                )  # fmt: skip
    if problems:
        raise InputError(problems)
