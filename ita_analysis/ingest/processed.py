"""The tidy, validated tables of the score files, as ``data/processed/`` keeps them.

``ita-analysis validate FILES --processed data/processed`` writes them once the files are clean
(``make report`` does so for the shipped sample): ``scores.csv`` is the tidy score table, one row
per agency, fiscal year and indicator, with the group column when the files have one and where each
score was read (file, row as a spreadsheet numbers it, column); ``published.csv`` holds the figures
the files print (tool means, total, grade), when they print any. Both are UTF-8 with a BOM, so
Excel shows the Thai, and written atomically; ``data/raw/`` is only read.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ita_analysis.files import write_csv
from ita_analysis.ingest.scores import Loaded

SCORES_FILE = "scores.csv"
PUBLISHED_FILE = "published.csv"
SOURCE_COLUMNS = {"file": "source_file", "row": "source_row", "column": "source_column"}


def processed_scores(loaded: Loaded) -> pd.DataFrame:
    """The tidy scores with their group (under the group column's own header) and their source."""
    table = loaded.scores.reset_index(drop=True)
    if loaded.group_name and len(loaded.groups) and (loaded.groups["group"] != "").any():
        groups = loaded.groups.astype({"fiscal_year": "int64"}).rename(columns={"group": loaded.group_name})
        table = table.merge(groups, on=["agency", "fiscal_year"], how="left", sort=False)
    source = loaded.origin.reset_index(drop=True)[list(SOURCE_COLUMNS)].rename(columns=SOURCE_COLUMNS)
    return pd.concat([table, source], axis=1)


def write_processed(loaded: Loaded, folder: str | Path) -> list[Path]:
    """Write ``scores.csv`` (and ``published.csv`` when the files print figures) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_csv(processed_scores(loaded), folder / SCORES_FILE)]
    if len(loaded.published):
        written.append(write_csv(loaded.published, folder / PUBLISHED_FILE))
    return written
