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
from ita_analysis.errors import InputError, ItaError
from ita_analysis.i18n import gettext as _

# The commands, in the order the help lists them: name, function
COMMANDS = (
    ("score", scores.score),
    ("validate", scores.validate),
    ("run", run.run),
    ("frameworks", scores.frameworks),
    ("init-plan", init_plan.init_plan),
    ("whatif", whatif.whatif),
    ("target-gap", target_gap.target_gap),
    ("synth", synth.synth),
)
for _name, _command in COMMANDS:
    app.command(_name)(_command)

__all__ = ["COMMANDS", "app", "err", "main", "out"]


def main() -> None:
    """Console entry point: bad input becomes a message and exit code 1, never a traceback.

    Usage errors are click's own (exit code 2).
    """
    try:
        app()
    except InputError as exc:
        kept = exc.attempt_kept  # where `run` kept its failed attempt (batch.staging)
        show_problems(
            exc.problems, f"{len(exc.problems)} problem(s) found{'' if kept else '; nothing was written'}:", "red"
        )
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
