"""CPU time of writing one group report (charts, PDF, Excel, Word): a province of about 100
agencies, a ministry of about 400 and the national group of 8,300 agencies (drawn by province), as ``ita-analysis synth
--groups`` makes them, two years (FY2567-FY2568) so that the changes are there.

Run with `make bench`. CPU seconds of this process and of its children (WeasyPrint and
python-docx run in the process), noisy on shared machines; the files' sizes and the PDF's pages.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from ita_analysis.compute import group_members
from ita_analysis.compute.group import group_analysis
from ita_analysis.compute.peers import ALL_AGENCIES
from ita_analysis.compute.scoring import score
from ita_analysis.frameworks import load_framework
from ita_analysis.report.group_report import write_group_report
from ita_analysis.synthetic import MINISTRY, PROVINCE, synth_scores

YEARS = (2567, 2568)


def cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def analysis_of(n_agencies: int, kinds: tuple[str, ...]):
    raw = synth_scores(n_agencies, YEARS, groups=True)
    tools = [b.assign(tool=b["indicator"].map(load_framework(int(y)).tool_of())) for y, b in raw.groupby("fiscal_year")]
    summary = score(pd.concat(tools))
    keys = raw.drop_duplicates(["agency", "fiscal_year"])
    parts = [group_members.from_groups(keys.rename(columns={k: "group"}), k) for k in kinds]
    return summary, group_analysis(summary, group_members.combine(*parts), YEARS[1])


def measure(label: str, summary, analysis, kind: str, group: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        start = cpu()
        paths = write_group_report(analysis, kind, group, Path(tmp), scores=summary)
        seconds = cpu() - start
        sizes = {p.suffix: p.stat().st_size for p in paths if p.name.startswith("group_report")}
        charts = sum(1 for p in paths if p.suffix == ".png")
    n = int(analysis.of(kind, group).overview["n"])
    mib = ", ".join(f"{k[1:]} {v / 2**20:.1f} MiB" for k, v in sizes.items())
    return f"  {label} ({n} agencies): {seconds:.1f} CPU s; {charts} charts; {mib}"


def main() -> int:
    print("one group report (charts, PDF, Excel, Word), report.group_report.write_group_report:")
    summary, analysis = analysis_of(7700, (PROVINCE,))  # 77 provinces of about 100 agencies
    kind, group = PROVINCE, str(analysis.overview.loc[analysis.overview["kind"] == PROVINCE, "group"].iloc[0])
    print(measure("a province", summary, analysis, kind, group))
    summary, analysis = analysis_of(8300, (MINISTRY, PROVINCE))
    ministry = str(analysis.overview.loc[analysis.overview["kind"] == MINISTRY, "group"].iloc[0])
    print(measure("a ministry", summary, analysis, MINISTRY, ministry))
    print(measure("the national group", summary, analysis, ALL_AGENCIES, ALL_AGENCIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
