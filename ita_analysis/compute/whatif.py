"""What-if: the tool means, total and grade or rating an agency-year would get with other indicator scores.

Scores are figured exactly as :func:`ita_analysis.compute.scoring.score` figures published ones
(the same rounding and grading functions), so a what-if of the actual scores gives the actual
result; a test holds the two equal on random scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ita_analysis.compute.scoring import grade, round2
from ita_analysis.frameworks import Framework
from ita_analysis.i18n import gettext as _
from ita_analysis.thai.numbers import parse_number, to_arabic_digits


@dataclass(frozen=True)
class Result:
    """Tool means (tool code -> 2-decimal mean), total and grade or rating of one set of scores."""

    scores: dict[int, float]  # indicator number -> score
    tools: dict[str, float]
    total: float
    grade: str


@dataclass(frozen=True)
class WhatIf:
    before: Result
    after: Result

    @property
    def changed(self) -> dict[int, tuple[float, float]]:
        """Indicators whose score changed: number -> (before, after)."""
        b, a = self.before.scores, self.after.scores
        return {n: (b[n], a[n]) for n in b if abs(a[n] - b[n]) > 1e-9}


@dataclass(frozen=True)
class Row:
    """One line of a what-if's before/after table: a changed indicator (``key`` its number), a
    tool's mean (``key`` its code), the total or the grade (``key`` None)."""

    kind: str  # "indicator", "tool", "total" or "grade"
    key: int | str | None
    before: float | str
    after: float | str


def whatif_rows(w: WhatIf, framework: Framework) -> list[Row]:
    """The before/after table both doors show (``ita-analysis whatif``, the notebook's sliders):
    the changed indicators, each tool's mean, the total, the grade or rating."""
    rows = [Row("indicator", n, b, a) for n, (b, a) in w.changed.items()]
    rows += [Row("tool", code, w.before.tools[code], w.after.tools[code]) for code in framework.tool_codes]
    return [*rows, Row("total", None, w.before.total, w.after.total), Row("grade", None, w.before.grade, w.after.grade)]


def evaluate(scores: Mapping[int, float], framework: Framework) -> Result:
    """Tool means, total and grade of one agency-year's indicator scores (every indicator of the
    framework), figured as :func:`~ita_analysis.compute.scoring.score` figures them: unrounded
    means and total, two decimals rounded half up, the grade from the two-decimal figures."""
    missing = [n for n in framework.numbers if n not in scores]
    if missing:
        raise ValueError(_("scores of indicators {numbers} are missing").format(numbers=", ".join(map(str, missing))))
    values = {n: float(scores[n]) for n in framework.numbers}
    means = {
        c: sum(values[i.number] for i in framework.tool_indicators(c)) / len(framework.tool_indicators(c))
        for c in framework.tool_codes
    }
    total = sum(framework.tool(c).weight * m for c, m in means.items())
    level = str(grade(total, {c: np.array([m]) for c, m in means.items()}, framework)[0])
    return Result(values, {c: float(round2(m)) for c, m in means.items()}, float(round2(total)), level)


def apply_changes(
    scores: Mapping[int, float],
    framework: Framework,
    set_scores: Mapping[int, float] | None = None,
    tool_change: Mapping[str, float] | None = None,
) -> dict[int, float]:
    """New scores: ``tool_change`` (tool code -> points added to each of its indicators, kept within
    0-100) first, then ``set_scores`` (indicator number -> planned score, 0-100) on top."""
    new = {n: float(scores[n]) for n in framework.numbers}
    for code, delta in (tool_change or {}).items():
        code = code.upper()
        if code not in framework.tool_codes:
            why = _("unknown tool '{code}'; the FY{year} tools are {tools}")
            raise ValueError(why.format(code=code, year=framework.fiscal_year, tools=", ".join(framework.tool_codes)))
        for ind in framework.tool_indicators(code):
            new[ind.number] = float(round2(min(100.0, max(0.0, new[ind.number] + float(delta)))))
    for n, value in (set_scores or {}).items():
        if int(n) not in new:
            why = _("no indicator {n} in FY{year} (indicators {numbers})")
            raise ValueError(why.format(n=n, year=framework.fiscal_year, numbers=framework.number_range))
        if not 0.0 <= float(value) <= 100.0:
            raise ValueError(_("indicator {n}: a planned score from 0 to 100, not {value}").format(n=n, value=value))
        new[int(n)] = float(value)
    return new


def what_if(
    scores: Mapping[int, float],
    framework: Framework,
    set_scores: Mapping[int, float] | None = None,
    tool_change: Mapping[str, float] | None = None,
) -> WhatIf:
    """Before and after: the actual scores and the scores with the planned changes (:func:`apply_changes`)."""
    return WhatIf(
        evaluate(scores, framework), evaluate(apply_changes(scores, framework, set_scores, tool_change), framework)
    )


def agency_scores(tidy: pd.DataFrame, agency: str, fiscal_year: int) -> dict[int, float]:
    """Indicator number -> score of one agency-year from the tidy score table."""
    rows = tidy[(tidy["agency"] == agency) & (tidy["fiscal_year"] == fiscal_year)]
    return {int(n): float(s) for n, s in zip(rows["indicator"], rows["score"], strict=True)}


def parse_settings(texts: list[str], framework: Framework) -> tuple[dict[int, float], dict[str, float]]:
    """``--set`` values as a user types them: "9=100", "๑๐=95.5" (indicator = score) or "OIT=+5"
    (tool = points added to each of its indicators). Raises ValueError naming the bad one."""
    indicators: dict[int, float] = {}
    tools: dict[str, float] = {}
    for text in texts:
        key, sep, value = to_arabic_digits(str(text)).partition("=")
        number = parse_number(value) if sep else None
        if number is None:
            example = framework.tool_codes[-1]
            why = _("'{text}': expected INDICATOR=SCORE such as 9=100, or TOOL=+POINTS such as {example}=+5")
            raise ValueError(why.format(text=text, example=example))
        key = key.strip()
        if key.upper() in framework.tool_codes:
            tools[key.upper()] = number
            continue
        n, why = framework.resolve_indicator(key)
        if why:
            wanted = _("'{text}': expected {why}, or a tool ({tools})")
            raise ValueError(wanted.format(text=text, why=why, tools=", ".join(framework.tool_codes)))
        indicators[n] = number
    return indicators, tools
