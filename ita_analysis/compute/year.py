"""The figures of one fiscal year over every agency of the loaded data, computed once.

:func:`year_data` groups the tidy score table by agency, scores every agency-year, ranks the
agencies of the year among each other (:mod:`ita_analysis.compute.peers`) and summarises the
groups. Each agency's own figures (:func:`ita_analysis.compute.agency.agency_year`) are read from
this value, so that a national table of 8,300 agencies is grouped and scored once, not once per
agency.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ita_analysis.compute.peers import Standing, agency_standing, peer_summary, peer_table
from ita_analysis.compute.scoring import score
from ita_analysis.frameworks import Framework, load_framework


@dataclass(frozen=True)
class YearData:
    """One fiscal year of the loaded data, every agency.

    ``scores``: the tidy score table, every year of the data; ``rows``: agency -> positions of its
    rows in ``scores``; ``agencies``: the agencies with scores in the year, in input order;
    ``summary``: :func:`~ita_analysis.compute.scoring.score` of every agency-year of the data;
    ``peers``: ``peers.csv`` rows of the year (:func:`~ita_analysis.compute.peers.peer_table`);
    ``peer_groups``: ``peer_groups.csv`` rows of the year; ``group_name``: the header of the group
    column (None without one). A year of a single agency is :attr:`alone`: its documents give
    NACC's national figures of the framework instead of a standing.
    """

    fiscal_year: int
    framework: Framework
    scores: pd.DataFrame
    rows: Mapping[str, np.ndarray]
    agencies: tuple[str, ...]
    summary: pd.DataFrame
    peers: pd.DataFrame
    peer_groups: pd.DataFrame
    group_name: str | None = None

    @property
    def year_summary(self) -> pd.DataFrame:
        """The summary rows of the year (every agency)."""
        return self.summary[self.summary["fiscal_year"] == self.fiscal_year]

    @property
    def alone(self) -> bool:
        """Whether fewer than two agencies have scores in the year (no one to compare with)."""
        return len(self.year_summary) < 2

    def agency_scores(self, agency: str) -> pd.DataFrame:
        """The agency's tidy score rows, every year of the data (none for an unknown agency)."""
        index = self.rows.get(agency)
        rows = self.scores.iloc[index] if index is not None else self.scores.iloc[:0]
        return rows.reset_index(drop=True)

    def standing(self, agency: str) -> Standing | None:
        """Where the agency stands among the year's agencies; None when it is alone in the data."""
        if self.alone:
            return None
        return agency_standing(
            self.peers, agency, self.fiscal_year, framework=self.framework, group_name=self.group_name
        )


def _groups(groups: pd.DataFrame | None) -> pd.DataFrame | None:
    """The loaded groups when some agency has one, else None."""
    return groups if groups is not None and len(groups) and (groups["group"] != "").any() else None


def year_data(
    scores: pd.DataFrame, fiscal_year: int, *, groups: pd.DataFrame | None = None, group_name: str | None = None
) -> YearData:
    """The :class:`YearData` of ``fiscal_year`` from the tidy score table of every year (and the
    loaded groups: agency, fiscal_year, group)."""
    fy = int(fiscal_year)
    framework = load_framework(fy)
    summary = score(scores)
    grouped = _groups(groups)
    peers = peer_table(summary, grouped) if len(summary) else pd.DataFrame(columns=["agency", "fiscal_year"])
    peers = peers[peers["fiscal_year"] == fy].reset_index(drop=True)
    if len(summary):
        table = peer_summary(summary, load_framework, grouped)
        table = table[table["fiscal_year"] == fy].reset_index(drop=True)
    else:
        table = pd.DataFrame()
    agencies = tuple(str(a) for a in pd.unique(scores.loc[scores["fiscal_year"] == fy, "agency"]))
    return YearData(
        fiscal_year=fy,
        framework=framework,
        scores=scores,
        rows=scores.groupby("agency", sort=False).indices,
        agencies=agencies,
        summary=summary,
        peers=peers,
        peer_groups=table,
        group_name=group_name,
    )
