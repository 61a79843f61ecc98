"""Synthetic ITA score tables: plausible, clearly made-up agencies to try the tools at national scale.

Everything the figures follow comes from the framework files; the module names no tool, indicator
or pass mark.

- **Scores** (:func:`synth_scores`). Each agency has a persistent standing; in each fiscal year its
  level is the year's centre plus that standing and some year-to-year noise. Levels are drawn as
  *deficits* (points below 100, log-normal), so that scores crowd below 100 with a tail of weak
  agencies, as the national tables do. An indicator's deficit is the agency's level times an
  indicator offset (persistent across years) times noise, part of it persistent per agency and
  indicator. Indicators of *checklist* tools spread more, some reach 100 and a few fall very low;
  the other tools' indicators are smoother. Scores are clipped to 0-100 with two decimals. The
  year's centre is then set (by bisection, same draws) so that the mean weighted total of the
  agencies equals the national mean of the framework's ``[national]`` table; a year without one
  takes the mean interpolated linearly between the nearest years that have one (before the first
  or after the last such year, the nearest one's).
- **Checklist tools** are those with an indicator of more than :data:`BINARY_ABOVE` items in the
  year's framework, or, in a year whose framework lists no items, in the nearest year that does.
- **Items** (:func:`synth_items`): for the years whose framework lists item codes, one score per
  item such that the items of an indicator average to its score. Indicators with more than
  :data:`BINARY_ABOVE` items have items scored 0 or 100 (a checklist: k of n items met); in those
  years such an indicator's score is already a multiple of 100/n, so the mean is exact. Other
  indicators have continuous items spread around the score, the last cent put where it keeps the
  mean exact.
- **Groups** (``groups=True``): a synthetic ministry, province and agency type per agency, the
  same every year; local bodies are the large majority, as nationally.

The same seed gives the same tables; a year's scores do not depend on the other years asked for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ita_analysis.compute.scoring import round2, score
from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import Framework, available_years, load_framework

BINARY_ABOVE = 8
"""Indicators with more items than this are checklists: their items score 0 or 100."""

AGENCY_PREFIX = "หน่วยงานสมมติ"
MINISTRY, PROVINCE, AGENCY_TYPE = "กระทรวง", "จังหวัด", "ประเภทหน่วยงาน"
GROUP_COLUMNS = (MINISTRY, PROVINCE, AGENCY_TYPE)
N_MINISTRIES, N_PROVINCES = 20, 77
AGENCY_TYPES = {  # type -> share of the agencies (local bodies ~7,850 of ~8,300)
    "องค์กรปกครองส่วนท้องถิ่น": 0.946,
    "ส่วนราชการ": 0.035,
    "องค์การมหาชน": 0.012,
    "รัฐวิสาหกิจ": 0.007,
}

# Shape of the figures (tuned so that the share at the pass mark resembles the national one).
LEVEL_SPREAD = 0.55  # log-sd of the agencies' level (deficit below 100)
PERSISTENCE = 0.8  # correlation of an agency's level from one year to the next
OFFSET_SPREAD = 0.25  # log-sd of the indicator offsets
NOISE = {False: 0.35, True: 0.9}  # log-sd of an indicator around the level: smooth / checklist tools
NOISE_PERSISTENCE = 0.5  # share of an indicator's noise that stays with the agency
FULL_MARKS_SCALE = 8.0  # a checklist indicator is at 100 with probability exp(-level / this)
ITEM_SPREAD = 0.4  # sd of a continuous item around its indicator, as a share of the points below 100
ITEM_COLUMNS = ("agency", "fiscal_year", "item", "score")

# Random streams, so that each part of the output has its own draws.
_STANDING, _OFFSETS, _AGENCY_INDICATOR, _YEAR, _GROUPS, _ITEMS = range(6)


def agency_names(n_agencies: int) -> list[str]:
    """หน่วยงานสมมติ 0001 ... zero-padded to the width of ``n_agencies``."""
    width = len(str(n_agencies))
    return [f"{AGENCY_PREFIX} {k:0{width}d}" for k in range(1, n_agencies + 1)]


def national_means(years) -> dict[int, float]:
    """The mean total each year is set to: the framework's national mean, or one interpolated
    linearly between the nearest years whose framework has one (the nearest one's outside them)."""
    known = {}
    for y in available_years():
        national = load_framework(y).national
        if national is not None and national.mean is not None:
            known[y] = national.mean
    if not known:
        raise FrameworkError("no framework file gives a national mean ([national] mean) to set the synthetic scores by")
    return {int(y): _interpolate(known, int(y)) for y in years}


def _interpolate(known: dict[int, float], year: int) -> float:
    """The year's national mean: known, interpolated between the known years around it, or (before
    the first or after the last known year) the nearest known year's: extrapolating the steep rise
    of FY2563-FY2564 backwards would put FY2562 far below any published figure."""
    if year in known:
        return known[year]
    below = sorted(y for y in known if y < year)
    above = sorted(y for y in known if y > year)
    if not (below and above):
        return known[below[-1] if below else above[0]]
    (y0, y1) = (below[-1], above[0])
    m0, m1 = known[y0], known[y1]
    return float(m0 + (m1 - m0) * (year - y0) / (y1 - y0))


def checklist_tools(fw: Framework) -> set[str]:
    """Tools with an indicator of more than :data:`BINARY_ABOVE` items, from this framework or, where
    it lists no items, from the nearest year's framework that does (earlier year on a tie)."""
    if not any(i.items for i in fw.indicators):
        listing = [y for y in available_years() if any(i.items for i in load_framework(y).indicators)]
        if not listing:
            return set()
        nearest = min(listing, key=lambda y: (abs(y - fw.fiscal_year), y))
        source = load_framework(nearest)
    else:
        source = fw
    return {i.tool for i in source.indicators if len(i.items) > BINARY_ABOVE} & set(fw.tool_codes)


def _weights(fw: Framework) -> np.ndarray:
    """Each indicator's weight in the total: its tool's weight shared among the tool's indicators."""
    return np.array([fw.tool(i.tool).weight / len(fw.tool_indicators(i.tool)) for i in fw.indicators])


def _offsets(seed: int, fw: Framework, weights: np.ndarray) -> np.ndarray:
    """Indicator offsets (by indicator number, the same every year), weighted mean 1."""
    draws = np.random.default_rng((seed, _OFFSETS)).standard_normal(max(fw.numbers))
    m = np.exp(OFFSET_SPREAD * draws[np.array(fw.numbers) - 1])
    return m / (weights @ m)


class _Year:
    """One year's draws; :meth:`scores` gives the scores for a centre ``c`` (the mean deficit)."""

    def __init__(self, fw: Framework, seed: int, standing: np.ndarray):
        n, numbers = len(standing), fw.numbers
        persistent = np.column_stack(  # by indicator number: the same whichever years are asked for
            [np.random.default_rng((seed, _AGENCY_INDICATOR, k)).standard_normal(n) for k in numbers]
        )
        rng = np.random.default_rng((seed, _YEAR, fw.fiscal_year))
        u = PERSISTENCE * standing + np.sqrt(1 - PERSISTENCE**2) * rng.standard_normal(n)
        self.level = np.exp(LEVEL_SPREAD * u - LEVEL_SPREAD**2 / 2)
        checklist = checklist_tools(fw)
        self.checklist = np.array([i.tool in checklist for i in fw.indicators])
        sigma = np.where(self.checklist, NOISE[True], NOISE[False])
        v = NOISE_PERSISTENCE * persistent + np.sqrt(1 - NOISE_PERSISTENCE**2) * rng.standard_normal((n, len(numbers)))
        self.weights = _weights(fw)
        self.shape = self.level[:, None] * _offsets(seed, fw, self.weights) * np.exp(sigma * v - sigma**2 / 2)
        self.full = rng.random((n, len(numbers)))
        counts = np.array([len(i.items) for i in fw.indicators])
        self.grid = np.where(self.checklist & (counts > BINARY_ABOVE), counts, 0)

    def scores(self, c: float) -> np.ndarray:
        deficit = c * self.shape
        at_full = self.checklist & (self.full < np.exp(-c * self.level / FULL_MARKS_SCALE)[:, None])
        s = np.clip(100.0 - np.where(at_full, 0.0, deficit), 0.0, 100.0)
        snap = self.grid > 0
        if snap.any():
            n = np.where(snap, self.grid, 1)
            s = np.where(snap, np.round(s * n / 100.0) * 100.0 / n, s)
        return round2(s)

    def fit(self, target: float) -> np.ndarray:
        """The scores whose mean weighted total is ``target`` (bisection on the centre)."""
        lo, hi = 0.0, 1.0
        while (self.scores(hi) @ self.weights).mean() > target and hi < 1e6:
            lo, hi = hi, hi * 2
        for _ in range(40):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if (self.scores(mid) @ self.weights).mean() > target else (lo, mid)
        return self.scores((lo + hi) / 2)


def synth_scores(n_agencies: int, years, *, groups: bool = False, seed: int = 0) -> pd.DataFrame:
    """Synthetic scores in the long shape: agency, [กระทรวง, จังหวัด, ประเภทหน่วยงาน], fiscal_year,
    indicator, score; one row per agency, year and indicator of the year's framework.

    Raises ValueError for no agencies or no years, FrameworkError for a year without a framework.
    """
    years = sorted({int(y) for y in years})
    if n_agencies < 1 or not years:
        raise ValueError("synthetic scores need at least one agency and one fiscal year")
    frameworks = [load_framework(y) for y in years]
    targets = national_means(years)
    names = np.array(agency_names(n_agencies), dtype=object)
    standing = np.random.default_rng((seed, _STANDING)).standard_normal(n_agencies)
    fixed = {"agency": names}
    if groups:
        g = synth_groups(n_agencies, seed=seed)
        fixed.update({col: g[col].to_numpy() for col in GROUP_COLUMNS})
    parts = []
    for fw in frameworks:
        s = _Year(fw, seed, standing).fit(targets[fw.fiscal_year])
        k = len(fw.numbers)
        block = {col: np.repeat(values, k) for col, values in fixed.items()}
        block.update(fiscal_year=fw.fiscal_year, indicator=np.tile(np.array(fw.numbers), n_agencies), score=s.ravel())
        parts.append(pd.DataFrame(block))
    return pd.concat(parts, ignore_index=True)


def synth_groups(n_agencies: int, *, seed: int = 0) -> pd.DataFrame:
    """agency, กระทรวง, จังหวัด, ประเภทหน่วยงาน: one row per synthetic agency."""
    rng = np.random.default_rng((seed, _GROUPS))
    types = np.array(list(AGENCY_TYPES), dtype=object)
    shares = np.array(list(AGENCY_TYPES.values()))
    ministries = np.array([f"{MINISTRY}สมมติ {k:02d}" for k in range(1, N_MINISTRIES + 1)], dtype=object)
    provinces = np.array([f"{PROVINCE}สมมติ {k:02d}" for k in range(1, N_PROVINCES + 1)], dtype=object)
    return pd.DataFrame(
        {
            "agency": agency_names(n_agencies),
            MINISTRY: ministries[rng.integers(0, N_MINISTRIES, n_agencies)],
            PROVINCE: provinces[rng.integers(0, N_PROVINCES, n_agencies)],
            AGENCY_TYPE: types[rng.choice(len(types), n_agencies, p=shares / shares.sum())],
        }
    )


def synth_items(scores: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """Item scores (agency, fiscal_year, item, score) of the score table's years whose framework
    lists item codes; the items of each indicator average to its score (see the module's notes)."""
    parts = []
    for year, block in scores.groupby("fiscal_year", sort=True):
        fw = load_framework(int(year))
        if any(i.items for i in fw.indicators):
            parts.append(_year_items(fw, block, np.random.default_rng((seed, _ITEMS, fw.fiscal_year))))
    return pd.concat(parts, ignore_index=True) if parts else _no_items()


def _no_items() -> pd.DataFrame:
    kinds = {"agency": object, "fiscal_year": "int64", "item": object, "score": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=kinds[c]) for c in ITEM_COLUMNS})


def _year_items(fw: Framework, block: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    agencies = pd.unique(block["agency"])
    wide = block.pivot_table(index="agency", columns="indicator", values="score", aggfunc="first")
    wide = wide.reindex(index=agencies)
    columns, codes = [], []
    for ind in fw.indicators:
        if not ind.items or ind.number not in wide.columns:
            continue
        s = wide[ind.number].to_numpy(dtype="float64")
        make = _binary_items if len(ind.items) > BINARY_ABOVE else _continuous_items
        columns.append(make(np.nan_to_num(s, nan=0.0), len(ind.items), rng))
        codes.append(np.where(np.isnan(s)[:, None], "", np.array(ind.items, dtype=object)[None, :]))
    if not columns:
        return _no_items()
    values, items = np.hstack(columns), np.hstack(codes)
    out = pd.DataFrame(
        {
            "agency": np.repeat(agencies.astype(object), values.shape[1]),
            "fiscal_year": fw.fiscal_year,
            "item": items.ravel(),
            "score": values.ravel(),
        }
    )
    return out[out["item"] != ""].reset_index(drop=True)


def _binary_items(s: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """k of n items at 100 (k = the score's share of n, rounded), the others 0; which ones at random."""
    k = np.clip(np.round(s * n / 100.0), 0, n)
    rank = rng.random((len(s), n)).argsort(axis=1).argsort(axis=1)
    return np.where(rank < k[:, None], 100.0, 0.0)


def _continuous_items(s: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Items spread around the score within 0-100 whose two-decimal mean is the score."""
    dev = rng.standard_normal((len(s), n)) * (ITEM_SPREAD * (100.0 - s))[:, None]
    dev -= dev.mean(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        room_up = np.where(dev.max(axis=1) > 0, (100.0 - s) / dev.max(axis=1), np.inf)
        room_down = np.where(dev.min(axis=1) < 0, s / -dev.min(axis=1), np.inf)
    scale = np.minimum(1.0, np.minimum(room_up, room_down))
    cents = np.clip(np.round((s[:, None] + dev * scale[:, None]) * 100.0), 0, 10000)
    residual = np.round(s * 100.0) * n - cents.sum(axis=1)
    roomiest = np.minimum(cents, 10000 - cents).argmax(axis=1)
    rows = np.arange(len(s))
    cents[rows, roomiest] = np.clip(cents[rows, roomiest] + residual, 0, 10000)
    return cents / 100.0


def synth_summary(scores: pd.DataFrame) -> pd.DataFrame:
    """Per fiscal year: agencies, mean total and share at the pass mark (%), beside the national
    figures they follow (the mean set, the framework's share where known)."""
    summary = score(scores)
    years = sorted(int(y) for y in summary["fiscal_year"].unique())
    targets = national_means(years)
    rows = []
    for year in years:
        fw = load_framework(year)
        total = summary.loc[summary["fiscal_year"] == year, "total"]
        national = fw.national.share_at_pass if fw.national is not None else None
        share = round(100.0 * float((total >= fw.pass_mark).mean()), 1)
        rows.append(
            {
                "fiscal_year": year,
                "agencies": len(total),
                "mean": round(float(total.mean()), 2),
                "national_mean": round(targets[year], 2),
                "share_at_pass": share,
                "national_share": national,
            }
        )
    return pd.DataFrame(rows)
