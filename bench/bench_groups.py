"""CPU time of the group reports of a national year (8,300 agencies; 20 ministries, 77 provinces and
all the agencies), as ``ita-analysis synth --groups`` makes them.

Run with `make bench` (``python bench/bench_groups.py [AGENCIES]`` for the run on fewer agencies).

- The figures of every group at once (``compute.group.group_analysis``) in this process. Two
  synthetic years, so that the changes from the previous year are computed; FY2564 with item scores
  (the items most often at 0) and many agencies below the pass mark (a target-gap plan each), FY2568
  without items.
- The whole ``ita-analysis run --fy 2564 --groups กระทรวง,จังหวัด --no-agencies`` of that year with
  its item scores: every group's tables and report (PDF, Excel, Word and charts), the national one
  included, in a fresh process; its CPU seconds are those of the process and everything it started
  (``getrusage(RUSAGE_CHILDREN)`` around it), and run.log's steps say where they went.

CPU seconds, not wall time (printed beside them only as information): they do not grow when other
work shares the machine.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

from ita_analysis.compute import group_members
from ita_analysis.compute.group import group_analysis
from ita_analysis.compute.scoring import score
from ita_analysis.frameworks import load_framework
from ita_analysis.synthetic import MINISTRY, PROVINCE, synth_items, synth_scores

N_AGENCIES = 8300
WORKERS = 2


def measure(years: tuple[int, int]) -> str:
    raw = synth_scores(N_AGENCIES, years, groups=True)
    items = synth_items(raw)
    tools = [b.assign(tool=b["indicator"].map(load_framework(int(y)).tool_of())) for y, b in raw.groupby("fiscal_year")]
    summary = score(pd.concat(tools))
    keys = raw.drop_duplicates(["agency", "fiscal_year"])
    kinds = [group_members.from_groups(keys.rename(columns={k: "group"}), k) for k in (MINISTRY, PROVINCE)]
    members = group_members.combine(*kinds)
    start = time.process_time()
    analysis = group_analysis(summary, members, years[1], items=items if len(items) else None)
    cpu = time.process_time() - start
    watched = analysis.watch["agency"].nunique()
    return (
        f"  FY{years[1]}: {len(analysis.overview)} groups, {len(items)} item scores, {watched} agencies to watch: "
        f"{cpu:.2f} CPU s ({1000 * cpu / len(analysis.overview):.0f} ms a group)"
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_run(n_agencies: int, workers: int = WORKERS) -> list[str]:
    """``run --groups กระทรวง,จังหวัด --no-agencies`` of FY2564 (FY2563 before it) on ``n_agencies``
    synthetic agencies with item scores: CPU seconds of the run and its workers, and per step."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        raw = synth_scores(n_agencies, (2563, 2564), groups=True)
        raw.to_csv(folder / "scores.csv", index=False, encoding="utf-8-sig")
        synth_items(raw).to_csv(folder / "items.csv", index=False, encoding="utf-8-sig")
        command = [
            sys.executable, "-m", "ita_analysis", "run", "--fy", "2564", "--data", str(folder / "scores.csv"),
            "--items", str(folder / "items.csv"), "--groups", f"{MINISTRY},{PROVINCE}", "--no-agencies",
            "--out", str(folder / "out"), "--workers", str(workers),
        ]  # fmt: skip
        cpu0, wall0 = _children_cpu(), time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
        cpu, wall = _children_cpu() - cpu0, time.perf_counter() - wall0
        if done.returncode != 0:
            raise SystemExit(f"the run failed:\n{done.stderr[-3000:]}")
        steps, national = _steps((folder / "out" / "2564" / "run.log").read_text(encoding="utf-8"))
        groups = len(list((folder / "out" / "2564" / "groups").glob("*/*/")))
    lines = [
        f"  {n_agencies} agencies, {groups} groups, {workers} workers: {cpu:.1f} CPU s in all "
        f"({cpu / groups:.2f} CPU s a group; wall {wall:.0f} s)",
        "  steps (wall seconds in the workers, summed): "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in steps.items()),
        "  the national group (all the agencies): " + ", ".join(f"{k} {v:.1f} s" for k, v in national.items()),
    ]
    return lines


def _steps(log: str) -> tuple[dict[str, float], dict[str, float]]:
    """The group steps' seconds of run.log, summed over the groups, and those of the national group."""
    steps: dict[str, float] = defaultdict(float)
    national: dict[str, float] = {}
    for line in log.splitlines():
        words = line.split(" ")
        if len(words) > 5 and words[1] == "group" and words[-1] == "s" and "group" in words[2:-2]:
            at = words.index("group", 3)
            name, seconds = " ".join(words[at:-2]), float(words[-2])
            steps[name] += seconds
            if words[2] == "ทั้งหมด/ทั้งหมด":
                national[name] = seconds
    return dict(steps), national


def main() -> int:
    print(f"every group of a national year ({N_AGENCIES} agencies), compute.group.group_analysis:")
    for years in ((2563, 2564), (2567, 2568)):
        print(measure(years))
    n = int(sys.argv[1]) if len(sys.argv) > 1 else N_AGENCIES
    print(f"run --groups {MINISTRY},{PROVINCE} --no-agencies, FY2564 with item scores:")
    for line in measure_run(n):
        print(line)
    if n != N_AGENCIES:
        print(f"  (on {n} agencies: a national year has {N_AGENCIES})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
