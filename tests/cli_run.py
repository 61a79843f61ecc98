"""The ``ita-analysis`` command run in the test's own process, or as a real one.

``run_in_process`` calls the console entry point (``ita_analysis.cli.main``, with its handling of bad
input) with ``sys.argv`` set, and gives back what a shell would see: the exit code, stdout and
stderr. An exception that escapes ``main`` is printed to stderr as the interpreter prints it
(``Traceback (most recent call last): ...``) with exit code 1, so a test that checks for no
traceback checks the same thing in both ways. It spares the interpreter's start and the imports of
a new process (about a second each), which is most of a short command's time.
``run_bounded`` is ``run_process`` with a ceiling on the process's memory, for files made to claim
more than they hold: past the ceiling the process fails instead of taking the machine down.

``run_process`` starts ``python -m ita_analysis`` for real, for the exit codes and the absence of
tracebacks as the operating system reports them; a few tests keep to it.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

LANG_VARIABLE = "ITA_ANALYSIS_LANG"

# What a user's terminal may set that changes Rich's output; the process runs see none of them.
_TERMINAL_VARIABLES = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "TERM")
COLUMNS = "200"


@dataclass(frozen=True)
class Ran:
    """A finished command: its arguments, exit code and output (as subprocess.CompletedProcess)."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def run_process(
    *args: object, cwd: Path | None = None, env: dict[str, str] | None = None, memory: int | None = None
) -> Ran:
    """``python -m ita_analysis ARGS`` in a new process with a plain environment (PATH, COLUMNS);
    ``memory``, in bytes, caps the process's address space (RLIMIT_AS)."""
    done = subprocess.run(
        [sys.executable, "-m", "ita_analysis", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": COLUMNS, "PYTHONIOENCODING": "utf-8", **(env or {})},
        preexec_fn=None if memory is None else _memory_cap(memory),
    )  # fmt: skip
    return Ran([str(a) for a in args], done.returncode, done.stdout, done.stderr)


BOUNDED = 3 << 30
"""The address space a bounded command gets: 3 GiB (the program and its libraries take about 1.5)."""


def run_bounded(*args: object, memory: int = BOUNDED, **kwargs) -> Ran:
    """``run_process`` whose memory is capped (``memory`` bytes of address space): a file that makes the
    program hold more ends in a MemoryError (a traceback, which a test sees) instead of a machine out of memory."""
    return run_process(*args, memory=memory, **kwargs)


def _memory_cap(limit: int):
    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return cap


def run_in_process(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None) -> Ran:
    """``ita-analysis ARGS`` through ``ita_analysis.cli.main`` in this process (see the module's note)."""
    from ita_analysis import cli

    argv = [str(a) for a in args]
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name in _TERMINAL_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("COLUMNS", COLUMNS)
        for console in (cli.out, cli.err):  # made at import, when COLUMNS may have been another width
            patch.setattr(console, "width", int(COLUMNS))
        # --lang sets ITA_ANALYSIS_LANG for the run (and its workers): undone with the patch
        patch.setenv(LANG_VARIABLE, os.environ.get(LANG_VARIABLE, "en"))
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        if cwd is not None:
            patch.chdir(cwd)
        patch.setattr(sys, "argv", ["ita-analysis", *argv])
        patch.setattr(sys, "stdout", stdout)
        patch.setattr(sys, "stderr", stderr)
        returncode = _exit_code(cli.main, stderr)
    return Ran(argv, returncode, stdout.getvalue(), stderr.getvalue())


def _exit_code(main, stderr: io.StringIO) -> int:
    """What the interpreter would exit with after ``main()``, its messages written to ``stderr``."""
    try:
        main()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=stderr)
        return 1
    except Exception:
        traceback.print_exc(file=stderr)
        return 1
    return 0


@contextmanager
def environment(**values: str):
    """Environment variables set for the block (a hypothesis example has no monkeypatch of its own)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
