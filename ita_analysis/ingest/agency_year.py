"""Each row's agency and fiscal year: read from the table's columns, or given by the caller."""

from __future__ import annotations

import pandas as pd

from ita_analysis.i18n import N_
from ita_analysis.ingest.cells import Collector, agency_name, parse_years, required_cells, unique_map
from ita_analysis.ingest.header_row import Header

NO_AGENCY = N_("the agency: the file has no agency (หน่วยงาน) column, so give it (--agency NAME)")
NO_YEAR = N_("the fiscal year: the file has no year (ปีงบประมาณ) column, so give it (--fy 2563)")


def caller_or_column(header: Header, data: pd.DataFrame, role: str, given) -> tuple[pd.Series | None, str | None]:
    """The cells of the agency or fiscal_year column and its header, or the caller's value and None."""
    cols = header.columns(role)
    if cols:
        return data[cols[0]], header.names[cols[0]]
    if given is not None:
        return pd.Series([str(given)] * len(data), index=data.index, dtype="object"), None
    return None, None


def agency_and_year(col: Collector, header: Header, data: pd.DataFrame, rows: pd.Series, agency, fiscal_year):
    """(agencies, Int64 years) of the rows; agencies is None when neither the file nor the caller names one.

    Empty agency cells and unreadable years are problems; a table whose scores sit in year-headed
    columns needs no year column.
    """
    a_raw, a_name = caller_or_column(header, data, "agency", agency)
    y_raw, y_name = caller_or_column(header, data, "fiscal_year", fiscal_year)
    if a_raw is None:
        col.add(None, None, None, NO_AGENCY)
        agencies = None
    else:
        agencies = unique_map(a_raw, agency_name)
        if a_name is not None:
            required_cells(col, rows, agencies, a_name, N_("an agency name"))
    if y_raw is None:
        if "year_value" not in header.kinds():
            col.add(None, None, None, NO_YEAR)
        years = pd.Series(pd.NA, index=data.index, dtype="Int64")
    elif y_name is None:
        years = pd.Series(int(y_raw.iloc[0]) if len(y_raw) else pd.NA, index=data.index, dtype="Int64")
    else:
        years = parse_years(col, rows, y_raw, y_name)
    return agencies, years


def year_column(header: Header, year_col: int | None = None) -> str:
    """Where a row's fiscal year was read: the year column, a year-headed score column, or --fy."""
    if year_col is not None:
        return header.names[year_col]
    cols = header.columns("fiscal_year")
    return header.names[cols[0]] if cols else "--fy"
