"""CPU cost of a yearly run on a Dask LocalCluster (`run --cluster`) against the local process pool.

Run with `.venv/bin/python bench/bench_cluster.py [AGENCIES]` (default 40; not part of `make bench`:
it measures the route, not the bundle). Each run is a fresh process; its CPU seconds are those of the
process and of everything it started (the pool's workers, or the LocalCluster's nannies and worker
processes with their notebook kernels: ``getrusage(RUSAGE_CHILDREN)`` taken around it, the cluster
closed before the run's process ends). The same year (synthetic agencies, three fiscal years, with
documents, the year's overview notebooks) runs in both ways on two workers of one thread; wall time
is printed beside it only as information. The cluster's own start and close (scheduler, two
nannies, two worker processes importing the package) is measured alone and subtracted, so that
what is left is what the route costs per agency.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ita_analysis.synthetic import synth_scores

YEARS = (2563, 2564, 2565)
AGENCIES = 40
WORKERS = 2

RUN_SCRIPT = """
import sys
from pathlib import Path
from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year
from ita_analysis.parameters import AnalysisParameters
data, out, how, workers = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
params = dict(out_root=out, notebook_limit=0, documents=True, workers=workers)

def year(cluster=None):
    run_year(RunParams(AnalysisParameters(fiscal_year=2565, data=[Path(data)]), cluster=cluster, **params))

if __name__ == "__main__":
    if how == "pool":
        year()
    else:
        from distributed import LocalCluster
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as local:
            if how == "cluster":
                year(local.scheduler_address)
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(data: Path, how: str) -> dict:
    """``how``: "pool" (the local pool), "cluster" (a LocalCluster) or "start" (the cluster alone)."""
    with tempfile.TemporaryDirectory() as out:
        script = Path(out) / "run_it.py"  # a file: the cluster's worker processes are spawned from it
        script.write_text(RUN_SCRIPT, encoding="utf-8")
        cpu0, wall0 = children_cpu(), time.perf_counter()
        subprocess.run([sys.executable, str(script), str(data), out, how, str(WORKERS)], check=True,
                       capture_output=True, text=True)  # fmt: skip
        cpu, wall = children_cpu() - cpu0, time.perf_counter() - wall0
        if how != "start":
            summary = json.loads((Path(out) / "2565" / "manifest.json").read_text(encoding="utf-8"))["summary"]
            assert summary["done"] == summary["agencies"], summary
    return {"how": how, "cpu": cpu, "wall": wall}


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else AGENCIES
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / f"scores_{n}.csv"
        synth_scores(n, YEARS, groups=True, seed=n).to_csv(data, index=False, encoding="utf-8-sig")
        pool, cluster, start = (one_run(data, how) for how in ("pool", "cluster", "start"))
    print(f"a year of {n} synthetic agencies with documents, {WORKERS} workers, CPU seconds (wall for information):")
    for run, name in ((pool, "local process pool"), (cluster, "LocalCluster, --cluster")):
        print(f"  {name:24s} {run['cpu']:7.1f} CPU-s, {run['cpu'] / n:5.2f} per agency (wall {run['wall']:.0f} s)")
    own = cluster["cpu"] - start["cpu"]
    print(f"  the LocalCluster's start and close alone: {start['cpu']:5.1f} CPU-s (wall {start['wall']:.0f} s)")
    print(
        f"  the cluster run without them: {own:7.1f} CPU-s, {own / n:5.2f} per agency;"
        f" {(own - pool['cpu']) / n:+.2f} per agency against the pool"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
