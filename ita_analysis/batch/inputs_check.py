"""Every input of a yearly run read and checked before anything is written or any worker starts.

The score tables and each side file given (targets, item scores, notes, recommendations, the
measures plan) are read with the readers the notebooks use, the side files with the framework of
the analysed year. The problems of all of them are raised as one
:class:`~ita_analysis.errors.InputError`: a typo in a plan is reported at once, beside every other
problem, instead of as a failing notebook after the run has done its work. A side file that gives
the run nothing (no row for its agencies in the year the run reads) is a warning, not an error: a
ministry's plan names agencies other than the one run, and a plan of another year may be given
by mistake, but the run can go on without it.
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.batch.params import SIDE_FILES, RunParams
from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.scores import Loaded, load
from ita_analysis.ingest.side_inputs import load_side_files


def check_inputs(params: RunParams, fy: int) -> tuple[Loaded, list[str]]:
    """The score tables (every year, for the comparisons) and the agencies to run, in input order,
    once the score tables and every side file are read.

    Raises one InputError listing the problems of all the files (and an --agency or year without
    scores). Side files the run does not use are added to ``loaded.warnings``.
    """
    problems: list[Problem] = []
    loaded, agencies = None, []
    a = params.analysis
    try:
        loaded = load(
            params.score_tables(), agency=a.agency, fiscal_year=fy, sheet=a.sheet, select=False, group=a.group
        )
        agencies = run_agencies(loaded, params, fy)
    except InputError as exc:
        problems += exc.problems
    tables: dict[str, pd.DataFrame] = {}
    try:
        tables = load_side_files({kind: getattr(a, kind) for kind in SIDE_FILES}, fiscal_year=fy)
    except InputError as exc:
        problems += exc.problems
    if problems or loaded is None:
        raise InputError(problems)
    loaded.warnings.extend(unused_side_files(params, tables, agencies, fy))
    return loaded, agencies


def run_agencies(loaded: Loaded, params: RunParams, fy: int) -> list[str]:
    """The agencies with scores in the year, in input order (the one of --agency where given)."""
    in_year = loaded.scores.loc[loaded.scores["fiscal_year"] == fy, "agency"]
    agency = params.analysis.agency
    if agency is not None:
        if not (in_year == agency).any():
            why = _("an agency with scores in fiscal year {year}").format(year=fy)
            raise InputError([Problem("--agency", None, None, agency, why)])
        return [agency]
    agencies = list(pd.unique(in_year))
    if not agencies:
        raise InputError(
            [
                Problem(
                    ", ".join(map(str, params.score_tables())), None, None, str(fy), N_("scores for this fiscal year")
                )
            ]
        )
    return agencies


def unused_side_files(
    params: RunParams, tables: dict[str, pd.DataFrame], agencies: list[str], fy: int
) -> list[Problem]:
    """A warning for each side file none of whose rows the run reads: a row for one of its agencies
    (or, in notes, recommendations and plans, for every agency) in the year it is read for. The
    targets file is not read when --target is given, and is not judged then."""
    wanted = set(agencies)
    warnings = []
    for name, table in tables.items():
        if name == "targets" and params.analysis.target is not None:
            continue
        years, blank_agency, when = _read_for(name, fy)
        agency_ok = table["agency"].isin(wanted) | ((table["agency"] == "") & blank_agency)
        year_ok = table["fiscal_year"].isin(years) | (table["fiscal_year"].isna() & (name != "items"))
        if (agency_ok & year_ok.fillna(False)).any():
            continue
        who = "an agency of this run" + (" (or for every agency)" if blank_agency else "")
        expected = f"a row for {who} in {when}: {_rows(len(table))}, so the run does not use this {name} file"
        warnings.append(Problem(str(getattr(params.analysis, name)), None, None, None, expected))
    return warnings


def _read_for(name: str, fy: int) -> tuple[list[int], bool, str]:
    """(the years whose rows the run reads, whether a row without an agency is for every agency,
    those years in words) of a side file."""
    if name == "plan":
        return [fy + 1], True, f"FY{fy + 1}, the plan year (or with no year)"
    if name == "targets":
        return [fy + 1, fy], False, f"FY{fy + 1} or FY{fy} (or with no year)"
    if name == "items":
        return [fy], False, f"FY{fy}"
    return [fy], True, f"FY{fy} (or with no year)"


def _rows(n: int) -> str:
    """What the rows of a file the run does not use are, in words."""
    if n == 0:
        return "it has no rows"
    return ("its row is" if n == 1 else f"its {n} rows are") + " for other agencies or years"
