"""Figures an input prints beside the scores: tool means, weighted sums, totals and grades.

They are kept apart from the scores (a table of agency, fiscal_year, measure, value, file, row,
column; ``value`` is text for grades) so that scoring can compare them with its own figures.
Measures are those of :func:`~ita_analysis.ingest.headers.published_measures`.
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.frameworks import tool_column, weighted_column
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.cells import Collector, parse_scores, unique_map
from ita_analysis.ingest.header_row import Header
from ita_analysis.ingest.headers import published_measures
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import parse_number


def empty_published() -> pd.DataFrame:
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


def published_frame(file: str, agencies, years, measure, values: pd.Series, rows, column) -> pd.DataFrame:
    """Printed figures of some rows; rows without a value, agency, year or measure are left out."""
    keep = values.notna()
    frame = pd.DataFrame(
        {
            "agency": agencies,
            "fiscal_year": years,
            "measure": measure,
            "value": values.astype("object"),
            "file": file,
            "row": rows,
            "column": column,
        }
    )
    return frame[keep & frame["agency"].notna() & frame["fiscal_year"].notna() & (frame["measure"] != "")]


def concat_published(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_published()
    pub = pd.concat(parts, ignore_index=True)
    pub["fiscal_year"] = pub["fiscal_year"].astype("Int64")
    return pub


def wide_figures(col: Collector, header: Header, data, rows, agencies, years) -> pd.DataFrame:
    """Tool mean, weighted, total and grade columns of a wide table (e.g. a re-read score output)."""
    measures = published_measures()
    parts = []
    for c, (role, _detail) in header.roles.items():
        if role not in measures:
            continue
        if role == "grade":
            values = unique_map(data[c], normalize_text)
        else:
            values = parse_scores(col, rows, data[c], header.names[c], required=False)
        frame = pd.DataFrame(
            {
                "agency": agencies,
                "fiscal_year": years,
                "measure": role,
                "value": values.astype("object"),
                "file": col.file,
                "row": rows,
                "column": header.names[c],
            }
        )
        parts.append(frame[values.notna() & (values.astype(str) != "")])
    if not parts:
        return empty_published()
    return pd.concat(parts, ignore_index=True)


def tool_figures(col: Collector, header: Header, sub, srows, agencies, years, tools: pd.Series, score_cols) -> list:
    """Means and weighted sums printed on some rows, each for the tool in ``tools`` (named by its summary columns).

    ``score_cols`` are the score columns to read as well (the tool rows' means), or none.
    """
    year_cols = header.year_columns()
    parts = []
    for c, (role, detail) in header.roles.items():
        if role not in ("mean", "weighted") and c not in score_cols:
            continue
        values = parse_scores(col, srows, sub[c], header.names[c], required=False)
        if detail is None and c not in year_cols:
            year_here = years
        else:
            year_here = pd.Series(detail or year_cols[c], index=sub.index)
        measure = tools.map(weighted_column if role == "weighted" else tool_column)
        parts.append(published_frame(col.file, agencies, year_here, measure, values, srows, header.names[c]))
    return parts


def grade_figures(file: str, header: Header, sub, srows, agencies, years, label_cols: list[int]) -> list:
    """Grade (or rating) rows ("ระดับผลการประเมิน | B"): the label in each year column, or the last cell."""
    year_cols = header.year_columns()
    parts = []
    for idx, r in zip(sub.index, srows.tolist(), strict=True):
        cells = [(c, normalize_text(v)) for c, v in sub.loc[idx].items() if c not in label_cols and normalize_text(v)]
        for c, label in cells if year_cols else cells[-1:]:
            year_here = pd.Series([year_cols.get(c, years.loc[idx])], index=[idx])
            parts.append(
                published_frame(
                    file,
                    agencies.loc[[idx]],
                    year_here,
                    "grade",
                    pd.Series([label], index=[idx]),
                    pd.Series([r], index=[idx]),
                    header.names.get(c, _("column {number}").format(number=c + 1)),
                )
            )
    return parts


def total_figures(col: Collector, header: Header, sub, srows, agencies, years) -> list:
    """Total rows: the figure in each year column, or the last number on the row."""
    year_cols = header.year_columns()
    parts = []
    if year_cols:
        for c, year in year_cols.items():
            values = parse_scores(col, srows, sub[c], header.names[c], required=False)
            parts.append(
                published_frame(
                    col.file, agencies, pd.Series(year, index=sub.index), "total", values, srows, header.names[c]
                )
            )
        return parts
    for idx, r in zip(sub.index, srows.tolist(), strict=True):
        nums = [(c, n) for c, cell in sub.loc[idx].items() if (n := parse_number(cell)) is not None]
        if not nums:
            col.add(r, None, normalize_text(" ".join(sub.loc[idx].astype(str))), N_("a total score on the total row"))
            continue
        c, v = nums[-1]
        parts.append(
            published_frame(
                col.file,
                agencies.loc[[idx]],
                years.loc[[idx]],
                "total",
                pd.Series([v], index=[idx]),
                pd.Series([r], index=[idx]),
                header.names.get(c, _("column {number}").format(number=c + 1)),
            )
        )
    return parts
