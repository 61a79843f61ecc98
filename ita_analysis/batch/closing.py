"""What `ita-analysis run` says when it ends, once its progress bar is gone: per year, its warnings
(the first :data:`WARNINGS_SHOWN`; all are in run.log), its summary (agencies done and failed, the
slowest by their own wall time), where its failures are, and where its documents are: each
document's path when the run was one agency of one year, else each agency's folder (the first
:data:`FOLDERS_SHOWN` of a year: a national year has thousands); then the run's own wall time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ita_analysis.batch.results import who
from ita_analysis.batch.staging import ERRORS, MANIFEST, RUN_LOG
from ita_analysis.batch.tasks import summary_line
from ita_analysis.i18n import gettext as _
from ita_analysis.i18n import ngettext

DOCUMENTS = ("measures.xlsx", "measures.pdf", "measures.docx")
WARNINGS_SHOWN = 5  # a year's warnings printed at the end; run.log has them all
FOLDERS_SHOWN = 10  # a year's agency folders printed at the end; the year folder has them all


@dataclass(frozen=True)
class Line:
    """A line to print, with its rich style (None: plain)."""

    text: str
    style: str | None = None


@dataclass(frozen=True)
class YearEnd:
    """A year of the run as it ended: its folder and manifest (None: skipped as unchanged)."""

    year: int
    folder: Path
    manifest: dict | None = None
    unchanged_since: str | None = None

    @classmethod
    def read(cls, year: int, folder: Path) -> YearEnd:
        return cls(year, folder, json.loads((folder / MANIFEST).read_text(encoding="utf-8")))

    @property
    def failed(self) -> list[dict]:
        return [] if self.manifest is None else self.manifest.get("failed", [])

    def done_folders(self) -> dict[str, Path]:
        """The folder of each agency of the year that did not fail."""
        if self.manifest is None:
            return {}
        failed = {f["agency"] for f in self.failed}
        agencies = self.manifest.get("agencies", {})
        return {a: self.folder / name for a, name in agencies.items() if a not in failed}


def closing_lines(years: list[YearEnd], seconds: float) -> list[Line]:
    """Every year's closing lines, then the run's wall time (``seconds``)."""
    run = [y for y in years if y.manifest is not None]
    one = len(years) == 1 and len(run) == 1 and len(run[0].done_folders()) == 1
    lines = [line for y in years for line in _year_lines(y, one)]
    done = sum(len(y.done_folders()) for y in run)
    failed = sum(y.manifest["summary"]["failed"] for y in run)
    if len(years) == 1:
        lines.append(Line(_("Run finished in {seconds} s (wall time).").format(seconds=f"{seconds:.1f}")))
        return lines
    text = ngettext(
        "Run finished in {seconds} s (wall time): {years} fiscal year run, agencies done {done} and failed "
        "{failed}; {skipped} unchanged.",
        "Run finished in {seconds} s (wall time): {years} fiscal years run, agencies done {done} and failed "
        "{failed} (counted in each year); {skipped} unchanged.",
        len(run),
    )
    said = text.format(
        seconds=f"{seconds:.1f}", years=len(run), done=done, failed=failed, skipped=len(years) - len(run)
    )
    return [*lines, Line(said)]


def _year_lines(y: YearEnd, documents: bool) -> list[Line]:
    """A year's warnings, summary, failures and outputs (``documents``: each document's path)."""
    head = _("FY{year}").format(year=y.year) + ": "
    if y.manifest is None:
        return [Line(head + _("unchanged since {time}, skipped; --force to redo").format(time=y.unchanged_since))]
    lines = _warnings(head, y.manifest.get("warnings", []), y.folder / RUN_LOG)
    lines.append(Line(head + summary_line(y.manifest["summary"])))
    if y.failed:
        lines.append(Line(head + _("failures in {path}").format(path=y.folder / ERRORS), "red"))
    lines += _documents(head, y) if documents else _folders(head, y)
    lines.append(Line(head + _("outputs in {path}").format(path=y.folder)))
    return lines


def _warnings(head: str, warnings: list[str], log: Path) -> list[Line]:
    if not warnings:
        return []
    n = len(warnings)
    said = ngettext("{n} warning, listed in {log}:", "{n} warnings, listed in {log}:", n).format(n=n, log=log)
    lines = [Line(head + said, "yellow"), *(Line(f"  {w}", "yellow") for w in warnings[:WARNINGS_SHOWN])]
    if n > WARNINGS_SHOWN:
        lines.append(Line("  " + _("... and {n} more in {log}").format(n=n - WARNINGS_SHOWN, log=log), "yellow"))
    return lines


def _documents(head: str, y: YearEnd) -> list[Line]:
    """The measures documents of the year's one agency, each by its path (its folder without them)."""
    ((agency, folder),) = y.done_folders().items()
    written = [folder / name for name in DOCUMENTS if (folder / name).is_file()]
    if not written:
        return [Line(head + _("the outputs of {agency} are in {path}").format(agency=who(agency), path=folder))]
    return [Line(head + _("the documents of {agency}:").format(agency=who(agency))), *(Line(f"  {p}") for p in written)]


def _folders(head: str, y: YearEnd) -> list[Line]:
    """The folders of the year's agencies done, the first :data:`FOLDERS_SHOWN`."""
    folders = list(y.done_folders().values())
    if not folders:
        return []
    n = len(folders)
    said = ngettext("the folder of the {n} agency done:", "the folders of the {n} agencies done:", n).format(n=n)
    lines = [Line(head + said), *(Line(f"  {p}") for p in folders[:FOLDERS_SHOWN])]
    if n > FOLDERS_SHOWN:
        more = _("... and {n} more in {path} (the first {shown} are listed)")
        lines.append(Line("  " + more.format(n=n - FOLDERS_SHOWN, path=y.folder, shown=FOLDERS_SHOWN)))
    return lines
