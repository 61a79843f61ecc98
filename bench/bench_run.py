"""Cost per agency of the yearly run: notebooks per agency, the direct path, the documents.

Run with `make bench`. Each figure is the marginal cost of one more agency: the difference between
a run of a few and a run of many synthetic agencies (`ita-analysis synth`, three years so the
history is drawn), so start-up and the year's overview cancel out. Every run is made in a fresh
process with 2 workers, side by side in this one run, and that process's workers' peak memory is
read from the operating system. The national year is extrapolated from the timed runs, and said so.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ita_analysis.synthetic import synth_scores

YEARS = (2563, 2564, 2565)
NOTEBOOK_RUNS = (2, 6)  # agencies: notebooks per agency are slow, a few suffice
DIRECT_RUNS = (20, 220)  # agencies: the direct path, with and without documents
NATIONAL = 8300
WORKERS = 2
GOAL_MINUTES, GOAL_RATIO, GOAL_WORKER_MIB = 15, 30, 600

RUN_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year
from ita_analysis.parameters import AnalysisParameters
data, out, limit, documents, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", int(sys.argv[5])
t0 = time.perf_counter()
run_year(RunParams(AnalysisParameters(fiscal_year=2565, data=[Path(data)]), out_root=Path(out), notebook_limit=limit,
                   documents=documents, workers=workers))
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "worker_mib": peak}))
"""


def data(folder: Path, n: int) -> Path:
    path = folder / f"scores_{n}.csv"
    synth_scores(n, YEARS, groups=True, seed=n).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def one_run(folder: Path, n: int, *, notebooks: bool, documents: bool) -> dict:
    """A run of ``n`` agencies in a fresh process: its seconds and its workers' peak memory (MiB)."""
    limit = n if notebooks else 0
    with tempfile.TemporaryDirectory() as out:
        args = [str(data(folder, n)), out, str(limit), "1" if documents else "0", str(WORKERS)]
        done = subprocess.run([sys.executable, "-c", RUN_SCRIPT, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def per_agency(folder: Path, sizes: tuple[int, int], **kw) -> tuple[float, float]:
    """Seconds one more agency adds, and the larger run's worker peak memory (MiB)."""
    small, large = (one_run(folder, n, **kw) for n in sizes)
    return (large["seconds"] - small["seconds"]) / (sizes[1] - sizes[0]), large["worker_mib"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        notebooks, _ = per_agency(folder, NOTEBOOK_RUNS, notebooks=True, documents=False)
        direct, _ = per_agency(folder, DIRECT_RUNS, notebooks=False, documents=False)
        bundle, worker_mib = per_agency(folder, DIRECT_RUNS, notebooks=False, documents=True)
    national = bundle * NATIONAL / 60
    ratio = notebooks / direct
    years = f"FY{YEARS[0]}-{YEARS[-1]}"
    print(f"yearly run, seconds one more agency adds ({WORKERS} workers; synthetic agencies, {years}):")
    print(f"  notebooks per agency (5 papermill runs):  {notebooks:6.2f} s")
    print(
        f"  direct path, tables and charts:           {direct:6.2f} s: notebooks are {ratio:5.1f} x slower"
        f" (goal: at least {GOAL_RATIO} x) {'met' if ratio >= GOAL_RATIO else 'NOT met'}"
    )
    print(f"  direct path with measures xlsx/pdf/docx:  {bundle:6.2f} s")
    print(
        f"  a national year of {NATIONAL:,} agencies with documents: about {national:.0f} min, extrapolated from"
        f" runs of {DIRECT_RUNS[0]} and {DIRECT_RUNS[1]} agencies (goal: {GOAL_MINUTES} min)"
        f" {'met' if national <= GOAL_MINUTES else 'NOT met'}"
    )
    print(
        f"  worker peak memory: {worker_mib:.0f} MiB (goal: under {GOAL_WORKER_MIB} MiB)"
        f" {'met' if worker_mib < GOAL_WORKER_MIB else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
