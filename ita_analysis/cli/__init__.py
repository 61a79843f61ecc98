"""The ``ita-analysis`` command. Exit codes: 0 ok, 1 bad input (a message, no traceback), 2 usage.

Each command is a function in a module of its own (scores: score, validate, frameworks; run;
init_plan: init-plan; whatif; target_gap: target-gap; synth), registered here on the one app of
:mod:`ita_analysis.cli.common`, in the order the help lists them.
"""

from __future__ import annotations

import sys

from rich.text import Text

from ita_analysis.cli import init_plan, run, scores, synth, target_gap, whatif
from ita_analysis.cli.common import app, err, literal, out, show_problems
from ita_analysis.cli.language import TranslatedCommand
from ita_analysis.errors import InputError, ItaError
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _

# The commands, in the order the help lists them: name, function, help (translated where it is shown;
# the functions' docstrings are for those who read the code)
COMMANDS = (
    ("score", scores.score, N_("Tool scores, weighted total and grade per agency and fiscal year.")),
    (
        "validate",
        scores.validate,
        N_(
            "Check score tables and list every problem; exit 0 when they are clean. With --processed DIR, "
            "also write their tidy tables there (e.g. data/processed)."
        ),
    ),
    (
        "run",
        run.run,
        N_(
            "Execute the notebooks with papermill for a fiscal year and write <out>/<YEAR>/.\n\n"
            "A year whose outputs are of the same inputs, framework, version and parameters is skipped "
            "(--force redoes it). A failing agency fails alone: it is listed in errors.csv, and the run "
            "exits 1 after the other agencies and years are done."
        ),
    ),
    (
        "frameworks",
        scores.frameworks,
        N_("List the fiscal years that have a framework, with their status and grading."),
    ),
    (
        "init-plan",
        init_plan.init_plan,
        N_("Write a measures-plan template with Thai headers: every indicator, the weak ones marked and first."),
    ),
    (
        "whatif",
        whatif.whatif,
        N_("Tool means, total and grade or rating before and after planned scores (--set 9=100 --set 10=95)."),
    ),
    (
        "target-gap",
        target_gap.target_gap,
        N_("The plan reaching a target with the fewest indicator points (no indicator above 100)."),
    ),
    (
        "synth",
        synth.synth,
        N_("Synthetic, plausible scores of made-up agencies (หน่วยงานสมมติ ...) following each year's national mean."),
    ),
)
for _name, _command, _help in COMMANDS:
    app.command(_name, cls=TranslatedCommand, help=_help)(_command)

__all__ = ["COMMANDS", "app", "err", "main", "out"]


def main() -> None:
    """Console entry point: bad input becomes a message and exit code 1, never a traceback.

    Usage errors are click's own (exit code 2).
    """
    try:
        app()
    except InputError as exc:
        kept = exc.attempt_kept  # where `run` kept its failed attempt (batch.staging)
        title = _("{n} problem(s) found:") if kept else _("{n} problem(s) found; nothing was written:")
        show_problems(exc.problems, title.format(n=len(exc.problems)), "red")
        _say_kept(exc)
        sys.exit(1)
    except (ItaError, OSError) as exc:
        err.print(Text.assemble(literal(_("Error:"), "red"), " ", literal(exc)), markup=False)
        _say_kept(exc)
        sys.exit(1)


def _say_kept(exc: BaseException) -> None:
    """Where `run` kept the attempt that failed, and that the previous outputs are untouched."""
    if isinstance(exc, ItaError) and exc.attempt_kept:
        err.print(exc.attempt_kept, markup=False, highlight=False)


if __name__ == "__main__":
    main()
