"""CPU cost of the yearly run per agency, and what it makes of a national year.

Run with `make bench`. Costs are CPU seconds (user and system), read from the operating system for a
whole run in a fresh process and everything it started (its pool of workers and their notebook
kernels: ``getrusage(RUSAGE_CHILDREN)`` taken around the run). CPU seconds do not grow when other
work shares the machine, as wall time does; the wall time is printed beside them only as
information.

- The whole run's CPU per agency: a run of :data:`LARGE` synthetic agencies (`ita-analysis synth`,
  three years so that the history is drawn) with documents, divided by its agencies.
- The marginal cost of one more agency: the difference between that run and one of :data:`SMALL`
  agencies, divided by the difference in agencies, so that start-up and the year's overview
  notebooks cancel out; what is left of the small run is the year's fixed cost.
- The same for notebooks per agency (five papermill runs each, and the documents), on a few agencies.
- Where an agency's CPU goes, step by step in one process (`bench/bench_steps.py`).
- A national year (:data:`NATIONAL` agencies): the fixed cost plus that many marginal costs, spread
  over 2 and over N dedicated cores.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_steps import print_steps, step_seconds

from ita_analysis.synthetic import synth_scores

YEARS = (2563, 2564, 2565)
NOTEBOOK_RUNS = (1, 3)  # agencies: notebooks per agency are slow, a few suffice
SMALL, LARGE = 10, 60  # agencies of the direct path with documents
STEP_AGENCIES = 6
NATIONAL = 8300
WORKERS = 2
CORES = (2, 4, 8, 16, 32, 64)
GOAL_CPU_S, GOAL_MINUTES_2_CORES, GOAL_WORKER_MIB = 0.45, 35, 600

RUN_SCRIPT = """
import json, resource, sys
from pathlib import Path
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year
from ita_analysis.parameters import AnalysisParameters
data, out, limit, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
run_year(RunParams(AnalysisParameters(fiscal_year=2565, data=[Path(data)]), out_root=Path(out), notebook_limit=limit,
                   documents=True, workers=workers))
print(json.dumps({"worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def data(folder: Path, n: int) -> Path:
    path = folder / f"scores_{n}.csv"
    synth_scores(n, YEARS, groups=True, seed=n).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(path: Path, *, notebooks: bool) -> dict:
    """A run of the agencies of ``path`` with documents, in a fresh process: its CPU seconds (the
    process and every process it started), wall seconds and its workers' peak memory (MiB)."""
    n = int(path.stem.split("_")[1])
    with tempfile.TemporaryDirectory() as out:
        args = [str(path), out, str(n if notebooks else 0), str(WORKERS)]
        cpu0, wall0 = children_cpu(), time.perf_counter()
        done = subprocess.run([sys.executable, "-c", RUN_SCRIPT, *args], capture_output=True, text=True, check=True)
        cpu, wall = children_cpu() - cpu0, time.perf_counter() - wall0
    return {"agencies": n, "cpu": cpu, "wall": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


def marginal(small: dict, large: dict) -> tuple[float, float]:
    """CPU seconds one more agency adds, and the year's fixed CPU seconds (what is left of the small run)."""
    per_agency = (large["cpu"] - small["cpu"]) / (large["agencies"] - small["agencies"])
    return per_agency, small["cpu"] - per_agency * small["agencies"]


def print_runs(small: dict, large: dict, notebooks: float) -> tuple[float, float]:
    bundle, fixed = marginal(small, large)
    wall = (large["wall"] - small["wall"]) / (large["agencies"] - small["agencies"])
    print(f"yearly run with documents, CPU seconds ({WORKERS} workers; synthetic agencies, FY{YEARS[0]}-{YEARS[-1]}):")
    for run in (small, large):
        print(
            f"  whole run of {run['agencies']:3d} agencies: {run['cpu']:7.1f} CPU-s,"
            f" {run['cpu'] / run['agencies']:5.2f} per agency (wall {run['wall']:.0f} s, for information)"
        )
    print(
        f"  one more agency (runs of {small['agencies']} and {large['agencies']}): {bundle:5.2f} CPU-s"
        f" (goal: at most {GOAL_CPU_S}) {'met' if bundle <= GOAL_CPU_S else 'NOT met'}; wall {wall:.2f} s"
    )
    print(f"  fixed per year (start-up, the year's five overview notebooks, summary): {fixed:5.1f} CPU-s")
    print(
        f"  one more agency with notebooks per agency (5 papermill runs, and its documents; runs of"
        f" {NOTEBOOK_RUNS[0]} and {NOTEBOOK_RUNS[1]}): {notebooks:5.2f} CPU-s,"
        f" {notebooks / bundle:4.1f} x the direct path"
    )
    print(
        f"  worker peak memory: {large['worker_mib']:.0f} MiB (goal: under {GOAL_WORKER_MIB} MiB)"
        f" {'met' if large['worker_mib'] < GOAL_WORKER_MIB else 'NOT met'}"
    )
    return bundle, fixed


def print_national(bundle: float, fixed: float) -> None:
    total = fixed + NATIONAL * bundle
    two = total / 2 / 60
    print(
        f"a national year of {NATIONAL:,} agencies with documents: {total / 3600:.1f} CPU-hours"
        f" ({fixed:.0f} s fixed + {NATIONAL:,} x {bundle:.2f} s)"
    )
    print(
        f"  on 2 dedicated cores: about {two:.0f} min (goal: within {GOAL_MINUTES_2_CORES} min)"
        f" {'met' if two <= GOAL_MINUTES_2_CORES else 'NOT met'}"
    )
    print("  on N cores: " + ", ".join(f"{n}: {total / n / 60:.0f} min" for n in CORES[1:]))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs = [one_run(data(folder, n), notebooks=False) for n in (SMALL, LARGE)]
        notebook_runs = [one_run(data(folder, n), notebooks=True) for n in NOTEBOOK_RUNS]
        steps = step_seconds(folder / f"scores_{LARGE}.csv", YEARS[-1], STEP_AGENCIES)
    notebooks = marginal(*notebook_runs)[0]
    bundle, fixed = print_runs(*runs, notebooks)
    print_steps(steps, STEP_AGENCIES)
    print_national(bundle, fixed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
