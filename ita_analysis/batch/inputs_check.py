"""Every input of a yearly run read and checked before anything is written or any worker starts.

The score tables and each side file given (targets, item scores, notes, recommendations, the
measures plan) are read with the readers the notebooks use, the side files with the framework of
the analysed year. The problems of all of them are raised as one
:class:`~ita_analysis.errors.InputError`: a typo in a plan is reported at once, beside every other
problem, instead of as a failing notebook after the run has done its work. A side file that gives
the run nothing (no row for its agencies in the year the run reads) is a warning, not an error: a
ministry's plan names agencies other than the one run, and a plan of another year may be given
by mistake, but the run can go on without it. So is a plan with no measure filled in yet (the
template of ``init-plan`` passed as it is): the warning says how many rows wait to be filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ita_analysis.batch.params import SIDE_FILES, RunParams
from ita_analysis.errors import InputError, Problem
from ita_analysis.filenames import shown
from ita_analysis.files import missing_files
from ita_analysis.i18n import N_, ngettext
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.scores import Loaded, load
from ita_analysis.ingest.selection import agency_names, which_agency, year_problem
from ita_analysis.ingest.side_inputs import load_side_files, plan_rows_to_fill


@dataclass(frozen=True)
class Notice:
    """A warning about a file as a whole, in its own words (a :class:`Problem` says what it expected)."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{shown(self.file)}: {self.message}"


def check_inputs(params: RunParams, fy: int) -> tuple[Loaded, list[str]]:
    """The score tables (every year, for the comparisons) and the agencies to run, in input order,
    once the score tables and every side file are read.

    Raises one InputError listing the problems of all the files (and an --agency or year without
    scores). Side files the run does not use are added to ``loaded.warnings``.
    """
    a = params.analysis
    # a file that does not exist: by its option, with the nearest existing file; the others read
    side = {kind: getattr(a, kind) for kind in SIDE_FILES}
    problems = missing_files({"--data": params.score_tables(), **{f"--{kind}": path for kind, path in side.items()}})
    tables_given = [p for p in params.score_tables() if p.is_file()]
    loaded, agencies = None, []
    try:
        if tables_given:
            loaded = load(tables_given, agency=a.agency, fiscal_year=fy, sheet=a.sheet, select=False, group=a.group)
            agencies = run_agencies(loaded, params, fy)
    except InputError as exc:
        problems += exc.problems
    tables: dict[str, pd.DataFrame] = {}
    try:
        existing = {kind: path for kind, path in side.items() if path not in (None, "") and Path(path).is_file()}
        tables = load_side_files(existing, fiscal_year=fy)
    except InputError as exc:
        problems += exc.problems
    if loaded is not None:
        problems += missing_targets(params, tables, agencies, fy)
    if problems or loaded is None:
        raise InputError(problems)
    loaded.warnings.extend(unused_side_files(params, tables, agencies, fy))
    return loaded, agencies


def run_agencies(loaded: Loaded, params: RunParams, fy: int) -> list[str]:
    """The agencies with scores in the year, in input order (the one --agency means where given:
    :func:`~ita_analysis.ingest.selection.which_agency`)."""
    agency = params.analysis.agency
    if agency is not None:
        return [which_agency(agency, loaded.scores, fy)]
    agencies = agency_names(loaded.scores, fy)
    if not agencies:
        raise InputError([year_problem(fy, loaded.scores, ", ".join(map(str, params.score_tables())))])
    return agencies


def missing_targets(params: RunParams, tables: dict[str, pd.DataFrame], agencies: list[str], fy: int) -> list[Problem]:
    """The problem of a run under ``--weakness-rule below_target`` whose agencies have no target:
    neither ``--target`` nor a row of the targets file for the agency in a year the run reads
    (the plan year, the analysed year, or no year), with the first agencies named."""
    a = params.analysis
    if a.weakness_rule != "below_target" or a.target is not None:
        return []
    table = tables.get("targets")
    if table is None:  # a targets file that is not there is reported as missing
        return (
            []
            if a.targets not in (None, "")
            else [
                Problem(
                    "--targets",
                    None,
                    None,
                    None,
                    _("a targets file or --target: --weakness-rule below_target needs a target for each agency"),
                )
            ]
        )
    years = _read_for("targets", fy)[0]
    read = table["fiscal_year"].isin(years) | table["fiscal_year"].isna()
    have = set(table.loc[read, "agency"])
    missing = [agency for agency in agencies if agency not in have]
    if not missing:
        return []
    named = ", ".join(repr(agency) for agency in missing[:MISSING_TARGETS_NAMED])
    if len(missing) > MISSING_TARGETS_NAMED:
        named += " " + _("... and {n} more").format(n=len(missing) - MISSING_TARGETS_NAMED)
    expected = _("a target for every agency of the run (--weakness-rule below_target); none in {when} for: {agencies}")
    return [
        Problem(str(a.targets), None, None, None, expected.format(when=_read_for("targets", fy)[2], agencies=named))
    ]


MISSING_TARGETS_NAMED = 5  # agencies without a target named in the problem


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
        path = str(getattr(params.analysis, name))
        if name == "plan" and table.empty and (unfilled := _unfilled_plan(path)) is not None:
            warnings.append(unfilled)
            continue
        who = _("an agency of this run (or for every agency)") if blank_agency else _("an agency of this run")
        expected = _("a row for {who} in {when}: {rows}, so the run does not use this {kind} file").format(
            who=who, when=when, rows=_rows(len(table)), kind=_(SIDE_FILE_KINDS[name])
        )
        warnings.append(Problem(path, None, None, None, expected))
    return warnings


# The side files' kinds as a warning names them ("... does not use this plan file").
SIDE_FILE_KINDS = {
    "plan": N_("plan"),
    "targets": N_("targets"),
    "notes": N_("notes"),
    "recommendations": N_("recommendations"),
    "items": N_("items"),
}


def _unfilled_plan(path: str) -> Notice | None:
    """The warning of a plan with rows but no measure filled in yet (a template from ``init-plan``
    passed as it is), saying how many rows wait; None for a plan without such rows."""
    waiting = plan_rows_to_fill(path)
    if waiting.rows == 0:
        return None
    message = ngettext(
        "no measures filled yet: {rows} row waits for its {action} and {responsible}",
        "no measures filled yet: {rows} rows wait for their {action} and {responsible}",
        waiting.rows,
    )
    return Notice(path, message.format(rows=waiting.rows, action=waiting.action, responsible=waiting.responsible))


def _read_for(name: str, fy: int) -> tuple[list[int], bool, str]:
    """(the years whose rows the run reads, whether a row without an agency is for every agency,
    those years in words) of a side file."""
    if name == "plan":
        return [fy + 1], True, _("FY{year}, the plan year (or with no year)").format(year=fy + 1)
    if name == "targets":
        return [fy + 1, fy], False, _("FY{year} or FY{previous} (or with no year)").format(year=fy + 1, previous=fy)
    if name == "items":
        return [fy], False, _("FY{year}").format(year=fy)
    return [fy], True, _("FY{year} (or with no year)").format(year=fy)


def _rows(n: int) -> str:
    """What the rows of a file the run does not use are, in words."""
    if n == 0:
        return _("it has no rows")
    return ngettext("its row is for other agencies or years", "its {n} rows are for other agencies or years", n).format(
        n=n
    )
