"""Cost per agency of the yearly run: notebooks per agency vs the direct path, and the documents.

Run with `make bench`. Each figure is the marginal cost of one more agency (the difference between
a run of SMALL and of LARGE agencies, so start-up and the year's overview notebooks cancel out),
measured side by side in one run with 2 workers. The ratios justify `--notebook-limit`: above it,
agencies get their tables and charts without three notebook executions each.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year

SMALL, LARGE = 2, 8


def data(folder: Path, n: int) -> Path:
    rng = np.random.default_rng(n)
    rows = [
        {"agency": f"หน่วยงาน {k}", "fiscal_year": y, "indicator": i, "score": round(float(rng.uniform(60, 100)), 2)}
        for k in range(n) for y in (2562, 2563) for i in range(1, 11)
    ]  # fmt: skip
    path = folder / f"scores_{n}.csv"
    pd.DataFrame(rows).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def per_agency(folder: Path, **kw) -> float:
    """Seconds that one more agency adds to a run."""
    times = {}
    for n in (SMALL, LARGE):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            run_year(RunParams(fiscal_year=2563, data=[data(folder, n)], out_root=Path(out), **kw))
            times[n] = time.perf_counter() - t0
    return (times[LARGE] - times[SMALL]) / (LARGE - SMALL)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        notebooks = per_agency(folder, documents=False, notebook_limit=LARGE)
        direct = per_agency(folder, documents=False, notebook_limit=0)
        documents = per_agency(folder, documents=True, notebook_limit=0)
    print(f"yearly run, seconds that one more agency adds (runs of {SMALL} and {LARGE} agencies, 2 workers):")
    print(
        f"  notebooks per agency (3 papermill runs): {notebooks:5.2f} s = {notebooks / direct:4.1f} x the direct path"
    )
    print(f"  direct path (tables and charts):         {direct:5.2f} s")
    print(
        f"  direct path + measures xlsx/pdf/docx:    {documents:5.2f} s = {documents / direct:4.1f} x without documents"
    )
    print(
        f"  so 8,300 agencies: about {documents * 8300 / 3600:.1f} h with documents, "
        f"{direct * 8300 / 3600:.1f} h without, {notebooks * 8300 / 3600:.1f} h with notebooks per agency"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
