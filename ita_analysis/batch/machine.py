"""Failures of the machine told apart from failures of the data.

A failure of one agency's data (a bad side file, a notebook that raises on its figures) fails that
agency alone: it is recorded and the others go on. A failure of the machine (no space left, a quota
reached, no permission, a read-only file system, an input/output error, too many open files) would
fail every agency after it the same way, and publishing what was done would replace a complete
year by a partial one: it ends the year instead, the previous outputs are kept as they are, and the
message names the step and the file.
"""

from __future__ import annotations

import ast
import builtins
import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ita_analysis.errors import ItaError
from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _

MACHINE_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EACCES", "EPERM", "EROFS", "EIO", "EMFILE", "ENFILE", "ENOMEM")
    if hasattr(errno, name)
)
"""The errors of the operating system that are the machine's, not the data's."""

# The system's own words for these errors (Linux's strerror, in English whatever the locale), marked so
# that the message of a failure gives them in the chosen language.
SYSTEM_TEXTS = (
    N_("No space left on device"),
    N_("Disk quota exceeded"),
    N_("File too large"),
    N_("Permission denied"),
    N_("Operation not permitted"),
    N_("Read-only file system"),
    N_("Input/output error"),
    N_("Too many open files"),
    N_("Too many open files in system"),
    N_("Cannot allocate memory"),
)

_KERNEL_ERROR = re.compile(r"\[Errno (\d+)\] (.*?)(?:: ('.*'|\".*\"))?", re.S)


@dataclass(frozen=True)
class SystemProblem:
    """An error of the operating system as a worker hands it back (picklable): its number, its text
    and the file it names, if any."""

    errno: int
    strerror: str
    filename: str | None = None

    @classmethod
    def of(cls, exc: OSError) -> SystemProblem:
        code = exc.errno if exc.errno is not None else 0
        text = exc.strerror or (os.strerror(code) if code else str(exc) or type(exc).__name__)
        name = os.fsdecode(exc.filename) if isinstance(exc.filename, str | bytes) else None
        return cls(code, text, name)

    def text(self, root: Path | None = None, shown_as: Path | None = None) -> str:
        """'No space left on device (ENOSPC): <file>'; a file in ``root`` (the attempt's folder) is
        shown in ``shown_as`` instead (the year folder it was to become)."""
        code = errno.errorcode.get(self.errno)
        said = _(self.strerror)
        said = _("{error} ({code})").format(error=said, code=code) if code else said
        if not self.filename:
            return said
        shown = Path(self.filename)
        if root is not None and shown_as is not None and shown.is_relative_to(root) and shown != root:
            shown = shown_as / shown.relative_to(root)
        return _("{error}: {file}").format(error=said, file=shown)


def machine_problem(exc: BaseException) -> SystemProblem | None:
    """The problem when ``exc`` is a failure of the machine (see :data:`MACHINE_ERRNOS`); None when
    it is anything else (the data's, or a file that is not there)."""
    if isinstance(exc, OSError) and exc.errno in MACHINE_ERRNOS:
        return SystemProblem.of(exc)
    return None


def kernel_os_error(ename: str, evalue: str) -> OSError | None:
    """The OSError a notebook's kernel raised, from its name and text as papermill reports them
    ('PermissionError', "[Errno 13] Permission denied: '/x'"); None for other errors."""
    kind = getattr(builtins, ename, None)
    match = _KERNEL_ERROR.fullmatch(evalue.strip())
    if not (isinstance(kind, type) and issubclass(kind, OSError) and match):
        return None
    try:
        filename = ast.literal_eval(match[3]) if match[3] else None
    except (ValueError, SyntaxError):
        filename = None
    return OSError(int(match[1]), match[2], filename)


class MachineError(ItaError):
    """The machine failed a step of the run (see the module's text): the year is not published.
    ``step`` says what was being done ("writing the year's tables", "documents for agency 'X'")."""

    def __init__(self, step: str, problem: SystemProblem, told: str | None = None):
        self.step, self.problem = step, problem
        super().__init__(told or _("{step}: {error}").format(step=step, error=problem.text()))

    def told(self, fiscal_year: int, root: Path, outcome: str) -> MachineError:
        """The same failure said in full for the user: the year, the step, the error and the file (one
        in ``root``, the attempt's folder, as it would have been in the year's), then ``outcome``
        (what became of the year)."""
        text = _(
            "FY{year} stopped: {step} failed: {error}. "
            "This is a failure of the machine, not of the data: FY{year} was not published."
        )
        said = text.format(year=fiscal_year, step=_(self.step), error=self.problem.text(root, Path(str(fiscal_year))))
        return MachineError(self.step, self.problem, told=f"{said}\n{outcome}")


@contextmanager
def machine_step(step: str) -> Iterator[None]:
    """A step of the run's own process: an OSError within it is a :class:`MachineError` naming it."""
    try:
        yield
    except OSError as exc:
        raise MachineError(step, SystemProblem.of(exc)) from exc
