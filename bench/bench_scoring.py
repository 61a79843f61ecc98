"""Speed of loading and scoring a national table (~8,300 agencies), as ratios measured in one run.

Run with `make bench`. Timings on shared 2-core machines are noisy: compare the ratios printed
here, measured side by side in the same run, rather than absolute seconds across runs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ita_analysis.compute.scoring import score
from ita_analysis.ingest.scores import load

N_AGENCIES = 8300
YEAR = 2565


def national_table(n: int, rng: np.random.Generator) -> pd.DataFrame:
    agencies = [f"องค์การบริหารส่วนตำบล ที่ {k:05d}" for k in range(n)]
    scores = np.round(rng.uniform(30, 100, size=(n, 10)), 2)
    wide = pd.DataFrame(scores, columns=[f"ind_{i}" for i in range(1, 11)])
    wide.insert(0, "fiscal_year", YEAR)
    wide.insert(0, "agency", agencies)
    return wide


def timed(func, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    rng = np.random.default_rng(2565)
    wide = national_table(N_AGENCIES, rng)
    long = wide.melt(id_vars=["agency", "fiscal_year"], var_name="indicator", value_name="score")
    long["indicator"] = long["indicator"].str.removeprefix("ind_").astype(int)
    with tempfile.TemporaryDirectory() as tmp:
        wide_csv, long_csv = Path(tmp) / "wide.csv", Path(tmp) / "long.csv"
        wide.to_csv(wide_csv, index=False, encoding="utf-8-sig")
        long.to_csv(long_csv, index=False, encoding="utf-8-sig")

        t_read = timed(lambda: pd.read_csv(long_csv, dtype=str, keep_default_na=False))
        t_long = timed(lambda: load(long_csv), repeat=2)
        t_wide = timed(lambda: load(wide_csv), repeat=2)
        scores = load(long_csv).scores

    t_score = timed(lambda: score(scores))
    subset = scores[scores["agency"].isin(scores["agency"].unique()[:200])]
    groups = [g for _, g in subset.groupby("agency", sort=False)]
    t_loop = timed(lambda: [score(g) for g in groups], repeat=1)
    per_agency_vec = t_score / N_AGENCIES
    per_agency_loop = t_loop / len(groups)

    print(f"national table: {N_AGENCIES} agencies x 10 indicators ({len(scores)} scores), FY{YEAR}")
    print(f"  load long CSV (validated): {t_long:6.2f} s = {t_long / t_read:5.1f} x a bare pandas.read_csv of it")
    print(f"  load wide CSV (validated): {t_wide:6.2f} s = {t_wide / t_long:5.2f} x the long CSV")
    print(f"  score all agencies:        {t_score:6.3f} s")
    print(
        f"  scoring one agency at a time would be {per_agency_loop / per_agency_vec:5.0f} x slower "
        f"(measured on {len(groups)} agencies)"
    )
    peak = peak_memory_of_scoring(N_AGENCIES, years=7)
    print(
        f"  peak memory loading and scoring {N_AGENCIES} agencies x 7 years in a fresh process: {peak:.0f} MiB"
        f" ({'under' if peak < 1024 else 'OVER'} the 1 GiB limit)"
    )
    return 0


PEAK_SCRIPT = """
import resource, sys
import numpy as np, pandas as pd
from ita_analysis.compute.scoring import score
from ita_analysis.ingest.scores import load
n, years, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(1)
frames = []
for k, year in enumerate(range(2562, 2562 + years)):
    wide = pd.DataFrame(np.round(rng.uniform(30, 100, size=(n, 10)), 2), columns=[f"ind_{i}" for i in range(1, 11)])
    wide.insert(0, "fiscal_year", year)
    wide.insert(0, "agency", [f"หน่วยงานสมมติ {a:05d}" for a in range(n)])
    frames.append(wide)
pd.concat(frames).to_csv(path, index=False, encoding="utf-8-sig")
del frames
summary = score(load(path).scores)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_memory_of_scoring(n: int, years: int) -> float:
    """Peak resident memory (MiB) of a fresh process that loads, validates and scores a wide table
    of ``n`` agencies over ``years`` years (the process's whole peak, Python and pandas included)."""
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", PEAK_SCRIPT, str(n), str(years), str(Path(tmp) / "national.csv")],
            capture_output=True,
            text=True,
            check=True,
        )
    return float(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
