"""Which groups a run or a notebook analyses: the memberships of the kinds asked for (``--groups``),
read from the score tables' group columns and from a mapping file (``--group-map``).

A kind is the header of a group column (กระทรวง, จังหวัด, ประเภทหน่วยงาน, a column named with
``--group``) or of a column of the mapping file; ``all`` asks for every kind found. Kinds are
compared as headers are (case, spaces and punctuation ignored). The group of all the agencies
(:data:`ALL_AGENCIES`, "ทั้งหมด") is always analysed: :func:`~ita_analysis.compute.group.group_analysis`
adds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ita_analysis.compute.group_members import combine, empty_members, from_groups, from_map
from ita_analysis.compute.peers import ALL_AGENCIES
from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import gettext as _
from ita_analysis.ingest.grid import EXCEL_SUFFIXES, TEXT_SUFFIXES
from ita_analysis.ingest.group_map import load_group_map, load_table_groups
from ita_analysis.ingest.scores import Loaded
from ita_analysis.thai.normalize import match_key, normalize_text

EVERY_KIND = "all"
"""``--groups all``: every kind of group the score tables and the mapping file give."""

__all__ = ["ALL_AGENCIES", "EVERY_KIND", "group_kinds", "memberships"]


def group_kinds(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """The kinds of ``--groups`` (repeated, or a comma list: "จังหวัด,กระทรวง"), each once, in the
    order given; ``("all",)`` when ``all`` is among them; () for none."""
    if values is None:
        return ()
    texts = [values] if isinstance(values, str) else list(values)
    kinds: list[str] = []
    for text in texts:
        for part in str(text).split(","):
            kind = normalize_text(part)
            if kind and kind not in kinds:
                kinds.append(kind)
    return (EVERY_KIND,) if any(k.lower() == EVERY_KIND for k in kinds) else tuple(kinds)


def _table_members(loaded: Loaded, data: list[Path], sheet) -> list[pd.DataFrame]:
    """The memberships of every group column of the score tables: the columns the header words call a
    group (each file that has one), and the column the loader read (the one ``--group`` names)."""
    years = sorted(int(y) for y in pd.unique(loaded.scores["fiscal_year"].dropna()))
    parts = [from_groups(loaded.groups, loaded.group_name)] if loaded.group_name is not None else []
    if loaded.group_name is None:
        return parts
    for path in data:
        if Path(path).suffix.lower() not in TEXT_SUFFIXES | EXCEL_SUFFIXES:
            continue  # a measures document (.docx) names no group
        try:
            parts.append(from_map(load_table_groups(path, sheet=sheet), years))
        except InputError as exc:
            if any(p.row is not None and p.column is not None for p in exc.problems):
                raise  # an agency given two groups of one kind; a table without group words says nothing
    return parts


def memberships(
    loaded: Loaded,
    data: list[Path],
    kinds: tuple[str, ...],
    group_map: str | Path | None = None,
    *,
    sheet=None,
) -> pd.DataFrame:
    """The memberships (:data:`~ita_analysis.compute.group_members.MEMBER_COLUMNS`) of the ``kinds``
    asked for (:func:`group_kinds`), from the score tables ``data`` (as ``loaded`` read them) and the
    mapping file ``group_map``, which is checked against the score data. One InputError with every
    problem: the mapping file's, and each kind found nowhere (with the kinds there are)."""
    if not kinds:
        return empty_members()
    problems: list[Problem] = []
    parts: list[pd.DataFrame] = []
    try:
        parts += _table_members(loaded, data, sheet)
    except InputError as exc:
        problems += exc.problems
    if group_map not in (None, ""):
        years = sorted(int(y) for y in pd.unique(loaded.scores["fiscal_year"].dropna()))
        agencies = loaded.scores[["agency", "fiscal_year"]].drop_duplicates()
        try:
            parts.append(from_map(load_group_map(group_map, agencies), years))
        except InputError as exc:
            problems += exc.problems
    found = combine(*parts)
    if kinds == (EVERY_KIND,):
        picked = found
    else:
        keys = {match_key(k): k for k in pd.unique(found["kind"])}
        for kind in kinds:
            if kind != ALL_AGENCIES and match_key(kind) not in keys:
                there = ", ".join(f"'{k}'" for k in keys.values()) or _("none")
                expected = _("a group column of the score table or the mapping file; the kinds are {kinds}")
                problems.append(Problem("--groups", None, None, kind, expected.format(kinds=there)))
        wanted = {keys[match_key(k)] for k in kinds if match_key(k) in keys}
        picked = found[found["kind"].isin(wanted)]
    if problems:
        raise InputError(problems)
    return picked.reset_index(drop=True)
