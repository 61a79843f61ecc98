"""``synth``: a synthetic national score table (and item scores) to try the tools at scale."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ita_analysis.cli.common import check_table_path, err, literal, literals, write_table
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _

_RANGE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


def parse_years(text: str) -> list[int]:
    """Fiscal years (BE) of --years: "2562-2568", "2565" or "2563,2565" (Thai digits too); each must
    have a framework file."""
    from ita_analysis.frameworks import available_years
    from ita_analysis.thai.numbers import to_arabic_digits

    years: list[int] = []
    for part in to_arabic_digits(text).replace(" ", "").split(","):
        m = _RANGE.match(part)
        if m and int(m.group(1)) <= int(m.group(2)):
            years += range(int(m.group(1)), int(m.group(2)) + 1)
        elif part.isdigit() and len(part) == 4:
            years.append(int(part))
        else:
            why = _("'{text}': give BE years as 2562-2568, 2565 or 2563,2565").format(text=text)
            raise typer.BadParameter(why, param_hint="--years")
    known = available_years()
    missing = sorted(set(years) - set(known))
    if missing:
        raise typer.BadParameter(
            _("no framework for fiscal year(s) {missing}; the known years are {known}").format(
                missing=", ".join(map(str, missing)), known=", ".join(map(str, known))
            ),
            param_hint="--years",
        )
    return sorted(set(years))


def items_path(out_path: Path) -> Path:
    """Where the item scores go: ``<stem>_items.csv`` beside the score file."""
    return out_path.with_name(f"{out_path.stem}_items.csv")


def synth(
    agencies: Annotated[int, typer.Option("--agencies", min=1, help=N_("Number of synthetic agencies."))],
    out_path: Annotated[Path, typer.Option("--out", help=N_("FILE.csv or FILE.xlsx for the scores (long shape)."))],
    years: Annotated[str, typer.Option("--years", help=N_("Fiscal years (BE): 2562-2568, 2565 or 2563,2565."))],
    groups: Annotated[bool, typer.Option("--groups", help=N_("Add กระทรวง, จังหวัด and ประเภทหน่วยงาน columns."))] = False,
    items: Annotated[
        bool,
        typer.Option("--items", help=N_("Also write item scores to <FILE stem>_items.csv (years with item codes).")),
    ] = False,
    seed: Annotated[int, typer.Option("--seed", help=N_("Random seed: the same seed gives the same files."))] = 0,
) -> None:
    """Synthetic, plausible scores of made-up agencies (หน่วยงานสมมติ ...) following each year's national mean."""
    from ita_analysis.files import write_csv
    from ita_analysis.synthetic import synth_items, synth_scores, synth_summary

    check_table_path(out_path)
    fiscal_years = parse_years(years)
    start = time.perf_counter()
    scores = synth_scores(agencies, fiscal_years, groups=groups, seed=seed)
    item_scores = synth_items(scores, seed=seed) if items else None
    generated = time.perf_counter() - start
    write_table(scores, out_path)
    span = f"{fiscal_years[0]}-{fiscal_years[-1]}" if len(fiscal_years) > 1 else f"{fiscal_years[0]}"
    wrote = _("Wrote {n} scores of {agencies} agencies, FY{span}, to {path}")
    err.print(wrote.format(n=len(scores), agencies=agencies, span=span, path=out_path), markup=False)
    if item_scores is not None:
        write_csv(item_scores, items_path(out_path))
        if item_scores.empty:
            no_items = _("No framework of these years lists item codes: the item file has no rows.")
            err.print(no_items, style="yellow", markup=False)
        wrote = _("Wrote {n} item scores to {path}").format(n=len(item_scores), path=items_path(out_path))
        err.print(wrote, markup=False)
    _print_summary(synth_summary(scores))
    took = _("Generated in {generated:.2f} s; {total:.2f} s in all with writing.")
    err.print(took.format(generated=generated, total=time.perf_counter() - start), markup=False)


_HEADS = {
    "fiscal_year": N_("FY"),
    "mean": N_("mean"),
    "national_mean": N_("NACC mean"),
    "share_at_pass": N_("% at pass"),
    "national_share": N_("NACC %"),
}


def _print_summary(summary) -> None:
    """Each year's mean total and share at the pass mark beside the national figures."""
    table = Table(title=literal(_("synthetic vs national")))
    for name in summary.columns:
        table.add_column(literal(_(_HEADS.get(name, name))), justify="right")
    for r in summary.itertuples(index=False):
        table.add_row(*literals("" if v is None or v != v else v for v in r))
    err.print(table, markup=False)
