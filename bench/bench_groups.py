"""CPU time of the figures of every group of a national year (8,300 agencies; 20 ministries, 77
provinces and all the agencies), as ``ita-analysis synth --groups`` makes them.

Run with `make bench`. Two synthetic years, so that the changes from the previous year are computed;
FY2564 with item scores (the items most often at 0) and many agencies below the pass mark (a
target-gap plan each), FY2568 without items. CPU seconds of this process, noisy on shared machines.
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from ita_analysis.compute import group_members
from ita_analysis.compute.group import group_analysis
from ita_analysis.compute.scoring import score
from ita_analysis.frameworks import load_framework
from ita_analysis.synthetic import MINISTRY, PROVINCE, synth_items, synth_scores

N_AGENCIES = 8300


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


def main() -> int:
    print(f"every group of a national year ({N_AGENCIES} agencies), compute.group.group_analysis:")
    for years in ((2563, 2564), (2567, 2568)):
        print(measure(years))
    return 0


if __name__ == "__main__":
    sys.exit(main())
