"""Scores from a Word (.docx) measures document: its results and comparison tables.

Every table with a score header (:func:`~ita_analysis.ingest.header_row.find_header`) whose
indicator column names indicators is read like a report or comparison table, with the agency and
fiscal year that the document names before it (:mod:`.docx_tables`) as the caller's values. An
``agency`` that the caller gives overrides the document's; a ``fiscal_year`` the caller gives
fills in only where the sentence before a table names no year (an earlier measures document holds
earlier years). Other tables (weak points with their sub-items, the measures) are skipped. A score
read twice (the results table and the comparison table both give the year's scores) is kept once
when both tables agree; where they differ, both places are reported. Problems name the table and
its row: "x.docx (table 2), row 4" (row 1 = the table's first row).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.cells import Collector
from ita_analysis.ingest.docx_tables import FROM_HEADING, DocxTable, names_indicators, read_docx
from ita_analysis.ingest.header_row import Header, find_header
from ita_analysis.ingest.table import Loaded, parse_table, select_rows

_KEY = ["agency", "fiscal_year", "indicator"]


def load_docx(path: Path, *, agency, fiscal_year, sheet, select: bool = True):
    """The :class:`~ita_analysis.ingest.table.Loaded` scores of every score table of a .docx."""
    name = str(path)
    if sheet is not None:
        raise InputError(
            [Problem(name, None, None, str(sheet), _("no sheet for a Word document (only XLSX has sheets)"))]
        )
    document = read_docx(path)
    parts, problems = [], []
    for table in document.tables:
        header = find_header(table.grid)
        if header is None or not names_indicators(table.grid, header):
            continue  # not a score table: weak points, measures, layout
        try:
            parts.append(_load_table(name, table, header, agency, fiscal_year, select))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    if not parts:
        raise InputError([Problem(name, None, None, None, no_score_table(len(document.tables)))])
    scores = pd.concat([x.scores for x in parts], ignore_index=True)
    origin = pd.concat([x.origin for x in parts], ignore_index=True)
    published = pd.concat([x.published for x in parts], ignore_index=True)
    warnings = [w for x in parts for w in x.warnings]
    if not len(scores):  # the caller's --agency/--fy selected nothing in any table
        asked = (
            agency and _("agency '{agency}'").format(agency=agency),
            fiscal_year and _("year {year}").format(year=fiscal_year),
        )
        what = _(" and ").join(x for x in asked if x)
        why = _("rows for {what} (the document's score tables have none)").format(what=what)
        raise InputError([Problem(name, None, None, None, why)])
    scores, origin = _read_once(scores, origin)
    published = published.drop_duplicates(["agency", "fiscal_year", "measure", "value"]).reset_index(drop=True)
    return Loaded(scores, origin, published, warnings)


def no_score_table(n_tables: int) -> str:
    """What a document without a score table lacks."""
    if not n_tables:
        found = _("it has no table")
    else:
        found = _("none of its {count} table(s) is one").format(count=n_tables)
    return _(
        "a table of ITA scores, as measures documents print them: the results table (ลำดับที่ / "
        "เครื่องมือ / ตัวชี้วัด / คะแนนที่ได้ / คะแนนเฉลี่ย / ผลรวมคะแนนที่ถ่วงน้ำหนัก) or the comparison table "
        "(คะแนนที่ได้ with a column per year, พ.ศ. ๒๕๖๒ / พ.ศ. ๒๕๖๓); {found}"
    ).format(found=found)


def _load_table(name: str, table: DocxTable, header: Header, agency, fiscal_year, select: bool):
    """One score table, read with the document's agency and year unless the caller gives them."""
    col = Collector(_("{file} (table {number})").format(file=name, number=table.number))
    years_in_table = bool({"fiscal_year", "year_value"} & header.kinds())
    given_agency = agency if agency is not None else table.agency
    # the year the sentence before the table names wins (a run's --fy is the year to analyse, and an
    # earlier measures document holds earlier years); the caller's year fills in, then the title's
    stated = table.fiscal_year if table.year_from != FROM_HEADING else None
    given_year = None if years_in_table else (stated or fiscal_year or table.fiscal_year)
    if given_agency is None and "agency" not in header.kinds():
        col.add(
            None,
            None,
            None,
            N_(
                "the agency: the document names none ('ของ<agency>' in its title or in the "
                "sentence before the table), so give it (--agency NAME)"
            ),
        )
    if given_year is None and not years_in_table:
        col.add(
            None,
            None,
            None,
            N_(
                "the fiscal year: the document names none (พ.ศ. ๒๕๖๓ in the sentence before "
                "the table or in its title), so give it (--fy 2563)"
            ),
        )
    if col.problems:
        raise InputError(col.problems)
    scores, origin, published = parse_table(col, table.grid, header, given_agency, given_year)
    if not years_in_table:
        _year_notes(col, table, origin, fiscal_year)
    if select:  # the caller's --agency/--fy select rows where the table has agency or year columns
        scores, origin, published = select_rows(
            Collector(col.file), scores, origin, published, agency, fiscal_year, header
        )
    return Loaded(scores, origin, published, col.warnings)


def _year_notes(col: Collector, table: DocxTable, origin: pd.DataFrame, fiscal_year) -> None:
    """Where the year of a table without year columns was read; a warning where that is uncertain:
    read from the document's title (a measures document's title names the measures year, the next
    one), or given by the caller against the year the document names."""
    if fiscal_year is None or (table.fiscal_year is not None and table.year_from != FROM_HEADING):
        origin["year_column"] = _(table.year_from) if table.year_from else table.year_from
        if fiscal_year is not None and table.fiscal_year != fiscal_year:
            col.warnings.append(
                Problem(
                    col.file,
                    None,
                    None,
                    str(table.fiscal_year),
                    _(
                        "a table of fiscal year {given} (--fy); {source} names {named}, "
                        "so its scores are read as {named}"
                    ).format(given=fiscal_year, source=_(table.year_from), named=table.fiscal_year),
                )
            )
        elif table.year_from == FROM_HEADING:
            col.warnings.append(
                Problem(
                    col.file,
                    None,
                    None,
                    str(table.fiscal_year),
                    N_(
                        "the fiscal year in the sentence before the table; read from the document's title, "
                        "which may name the measures year instead: give --fy if the table is of another year"
                    ),
                )
            )
    elif table.fiscal_year is not None and table.fiscal_year != fiscal_year:
        col.warnings.append(
            Problem(
                col.file,
                None,
                None,
                str(fiscal_year),
                _("fiscal year {named}, as {source} says; read as {given} as given").format(
                    named=table.fiscal_year, source=_(table.year_from), given=fiscal_year
                ),
            )
        )


def _read_once(scores: pd.DataFrame, origin: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores read in two tables kept once when equal; a problem naming both places when not."""
    again = scores.duplicated(_KEY, keep="first") & scores["indicator"].notna()
    if not again.any():
        return scores, origin
    first = scores[~again].reset_index().set_index(_KEY)["index"]
    problems = []
    for i in scores.index[again]:
        j = int(first.loc[tuple(scores.loc[i, _KEY])])
        if abs(scores.at[i, "score"] - scores.at[j, "score"]) < 1e-9:
            continue
        o, p = origin.loc[i], origin.loc[j]
        problems.append(
            Problem(
                o["file"],
                int(o["row"]),
                o["column"],
                f"{scores.at[i, 'score']:.2f}",
                _(
                    "the score {score:.2f} that {file}, row {row}, column '{column}' gives for {agency}, "
                    "fiscal year {year}, indicator {indicator}: the document's tables disagree"
                ).format(
                    score=scores.at[j, "score"],
                    file=p["file"],
                    row=p["row"],
                    column=p["column"],
                    agency=scores.at[i, "agency"],
                    year=scores.at[i, "fiscal_year"],
                    indicator=scores.at[i, "indicator"],
                ),
            )
        )
    if problems:
        raise InputError(problems)
    return scores[~again].reset_index(drop=True), origin[~again].reset_index(drop=True)
