"""Peak memory and CPU time of ``validate`` and ``score`` on a national-size long CSV.

Run with `make bench` (or `python bench/bench_ingest_memory.py --agencies 20000` for a file of about
290 MB). A synthetic national long table (``ita-analysis synth --groups``: agency, ministry, province,
agency type, year, indicator, score; 7 years) is written once, then each command runs in a fresh
process whose peak resident memory (ru_maxrss) and CPU seconds are read from the operating system.
The baseline is the same command on a table of 10 agencies: the program, Python and its libraries.
``score`` runs twice: writing its table (--out) and printing it to the terminal (a table of every
agency-year drawn by the terminal library, which holds it whole).
The aim is a peak within about twice the file's size above that baseline. Numbers vary with the
machine and its load: compare them within one run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

YEARS = "2562-2568"


def synth(agencies: int, path: Path) -> None:
    """A synthetic long table of ``agencies`` agencies over ``YEARS`` (with group columns) at ``path``."""
    cmd = [sys.executable, "-m", "ita_analysis", "synth", "--agencies", str(agencies), "--years", YEARS]
    subprocess.run([*cmd, "--groups", "--out", str(path)], check=True, capture_output=True)


def measured(*args: str) -> tuple[float, float, int]:
    """(peak resident MiB, CPU seconds, exit code) of ``python -m ita_analysis ARGS`` in a new process."""
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen([sys.executable, "-m", "ita_analysis", *args], stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=8300, help="agencies of the large table (8300: ~120 MB)")
    parser.add_argument("--keep", type=Path, help="write the large table here and keep it (reused if present)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.csv", opts.keep or Path(tmp) / "national.csv"
        synth(10, small)
        made = not large.exists()
        if made:
            synth(opts.agencies, large)
        size = large.stat().st_size / (1 << 20)
        what = f"{opts.agencies} agencies, FY{YEARS}" if made else f"{large} (kept from before)"
        print(f"national long CSV: {what}, {size:.0f} MiB")
        written = Path(tmp) / "summary.csv"
        for command in (["validate"], ["score", "--out", str(written)], ["score"]):
            base, base_cpu, _ = measured(*command, str(small))
            peak, cpu, code = measured(*command, str(large))
            above = peak - base
            shown = " ".join(
                command[:1] + (["--out"] if "--out" in command else ["(printed)"] * (command == ["score"]))
            )
            print(
                f"  {shown:16s} peak {peak:7.0f} MiB, {above:7.0f} above the baseline of {base:4.0f} MiB"
                f" = {above / size:4.2f} x the file; {cpu:6.1f} CPU-s ({base_cpu:4.1f} for the baseline);"
                f" exit {code}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
