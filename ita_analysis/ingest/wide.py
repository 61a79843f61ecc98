"""The wide shape: a row per agency-year, a column per indicator.

Indicator columns are headed ``ind_1``, ``ตัวชี้วัดที่ 1``, a bare number beside an agency or year
column, or an indicator's name in any framework file. Each row's columns are read through the
framework of the row's fiscal year: a column that names no indicator of that year must be empty
on the row (a table may hold years of different frameworks side by side).
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.frameworks import framework_or_latest
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.agency_year import agency_and_year, year_column
from ita_analysis.ingest.cells import Collector, finish, parse_scores, unique_map
from ita_analysis.ingest.header_row import Header
from ita_analysis.ingest.published import wide_figures
from ita_analysis.thai.normalize import normalize_text


def parse_wide(col: Collector, header: Header, data: pd.DataFrame, rows: pd.Series, agency, fiscal_year):
    """(scores, origin, published) of a wide table, or None when the agency is unknown."""
    agencies, years = agency_and_year(col, header, data, rows, agency, fiscal_year)
    if agencies is None:
        return None
    frames, origins = [], []
    for c in header.columns("indicator_col"):
        name = header.names[c]
        numbers = _column_numbers(col, header, c, data, rows, years)
        known = numbers.notna()
        values = parse_scores(col, rows[known], data[c][known], name, required=True)
        frames.append(
            pd.DataFrame(
                {"agency": agencies[known], "fiscal_year": years[known], "indicator": numbers[known], "score": values}
            )
        )
        origins.append(
            pd.DataFrame(
                {
                    "file": col.file,
                    "row": rows[known],
                    "column": name,
                    "year_column": year_column(header),
                    "text": data[c][known],
                }
            )
        )
    scores = pd.concat(frames, ignore_index=True)
    origin = pd.concat(origins, ignore_index=True)
    published = wide_figures(col, header, data, rows, agencies, years)
    return finish(scores), origin, published


def _column_numbers(col: Collector, header: Header, c: int, data, rows, years: pd.Series) -> pd.Series:
    """The indicator a column holds on each row, by the row's framework (<NA> where it names none).

    A cell filled in where the column names no indicator of the row's year is a problem; rows
    whose year is unreadable (already a problem) are read with the latest confirmed framework.
    """
    name = header.names[c]
    found = {y: framework_or_latest(y).resolve_indicator(name) for y in pd.unique(years.astype("object"))}
    numbers = unique_map(years.astype("object"), lambda y: found[y][0])
    numbers = pd.Series(pd.array(numbers.tolist(), dtype="Int64"), index=years.index)
    unknown = numbers.isna() & years.notna()
    stray = unknown & (unique_map(data[c], normalize_text) != "") if unknown.any() else unknown
    if stray.any():
        text = _("an empty cell: fiscal year {year} has no such indicator ({why})")
        why = years[stray].map(lambda y: text.format(year=y, why=_(found[y][1])))
        col.add_many(rows[stray], name, unique_map(data[c][stray], normalize_text), why)
    return numbers
