"""Agency names that differ only in spaces or punctuation: read as two agencies, with a warning.

The text normaliser already drops invisible characters (a zero-width space inside a name), so
"กรม\\u200bป่าไม้" and "กรมป่าไม้" are one agency. Names that still differ only where
:func:`~ita_analysis.thai.normalize.match_key` looks away ("สำนักงาน ก.พ." and "สำนักงานก.พ.", a
zero-width space typed for a space) may be one agency or two: they are kept apart, and said.
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.errors import Problem
from ita_analysis.i18n import gettext as _
from ita_analysis.thai.normalize import match_key


def spelling_warnings(scores: pd.DataFrame, origin: pd.DataFrame) -> list[Problem]:
    """A warning at the first row of each agency name that another name matches but for spaces or
    punctuation, naming the first row of that other name."""
    first = scores["agency"].drop_duplicates()
    if len(first) < 2:
        return []
    keys = first.map(match_key)
    clash = keys.duplicated(keep=False)
    warnings = []
    for _key, names in first[clash].groupby(keys[clash], sort=False):
        i0 = names.index[0]
        place = _("{file} row {row}").format(file=origin.at[i0, "file"], row=origin.at[i0, "row"])
        for i, name in names.iloc[1:].items():
            why = _(
                "one spelling per agency: '{name}' ({place}) differs only in spaces or punctuation; "
                "they are read as two agencies"
            ).format(name=names.iloc[0], place=place)
            warnings.append(Problem(origin.at[i, "file"], int(origin.at[i, "row"]), None, name, why))
    return warnings
