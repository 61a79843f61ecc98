"""Checks of the data a chart is given, and the indicator labels made from it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.style import Digits, show
from ita_analysis.thai.normalize import normalize_text
from ita_analysis.thai.numbers import check_be_year
from ita_analysis.thai.wrap import wrap_thai


def require(df: pd.DataFrame, columns: Sequence[str], what: str) -> pd.DataFrame:
    """``df`` with a fresh index, after checking it is a DataFrame with these columns and rows."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, not {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {missing}; it has {list(df.columns)}")
    if df.empty:
        raise ValueError(f"{what} has no rows")
    return df.reset_index(drop=True)


def score_values(series: pd.Series, what: str) -> np.ndarray:
    """Float scores; NaN allowed (shown as missing), anything outside 0-100 refused."""
    values = pd.to_numeric(series, errors="raise").astype(float).to_numpy()
    bad = values[~np.isnan(values) & ((values < 0) | (values > 100))]
    if bad.size:
        raise ValueError(f"{what} must be scores from 0 to 100; got {bad.tolist()}")
    return values


def check_points(name: str, value: float | None) -> None:
    """A reference value (pass mark, target) must lie on the 0-100 scale."""
    if value is not None and not 0 <= value <= 100:
        raise ValueError(f"{name} must be from 0 to 100 points, not {value}")


def check_year(year: int, what: str) -> None:
    """A Buddhist Era fiscal year, e.g. 2563."""
    problem = check_be_year(int(year))
    if problem:
        raise ValueError(f"{what} {year}: expected {problem}")


def check_indicators(df: pd.DataFrame, framework: Framework, what: str) -> None:
    """Every ``indicator`` is one of the framework's indicator numbers."""
    numbers = pd.to_numeric(df["indicator"], errors="raise")
    unknown = sorted({float(n) for n in numbers} - {float(n) for n in framework.numbers})
    if unknown:
        raise ValueError(
            f"{what}['indicator'] must be indicator numbers {framework.number_range} of the FY{framework.fiscal_year} "
            f"framework; got {[int(n) if n % 1 == 0 else n for n in unknown]}"
        )


def row_tools(series: pd.Series, framework: Framework, what: str) -> list[str]:
    """The tool code of each row (upper case, trimmed); each must be one of the framework's tools."""
    tools = [str(t).strip().upper() for t in series]
    unknown = sorted(set(tools) - set(framework.tool_codes))
    if unknown:
        raise ValueError(
            f"{what} must be one of {list(framework.tool_codes)} (FY{framework.fiscal_year} framework); got {unknown}"
        )
    return tools


def indicator_labels(df: pd.DataFrame, digits: Digits, width: int | None = None) -> list[str]:
    """Tick labels "<number> <Thai name>", the name optionally wrapped to ``width`` cells."""
    labels = []
    for number, name in zip(df["indicator"], df["name_th"], strict=True):
        name = normalize_text(name)
        if width is not None:
            name = wrap_thai(name, width)
        labels.append(show(f"{int(number)} {name}", digits))
    return labels
