"""run.log: what was run, one line per step, each with its UTC time, written as the run goes."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ita_analysis.batch.machine import MachineError, SystemProblem
from ita_analysis.i18n import gettext as _

_APPEND = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def utc_now() -> str:
    """Now in UTC, ISO 8601 to the second: the time stamp of run.log and manifest.json."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class RunLog:
    """run.log: what was run, one line per step, each with its UTC time. Once :meth:`open` names
    the file, every line is appended as it is noted (the lines before it first), unbuffered: a line
    is on disk once noted, and nothing is left to write when the file is let go.

    The file is created exclusively (never through a link). When a line cannot be written (no space
    left ...), :meth:`note` raises a :class:`~ita_analysis.batch.machine.MachineError` once; the
    lines after it are kept in :attr:`lines` only."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._path: Path | None = None
        self._fd: int | None = None
        self._made = False  # the file was created (later openings append to it)
        self._broken = False  # a line could not be written: no more attempts

    def open(self, path: Path) -> None:
        self._path = path
        for line in self.lines:
            self._write(line)

    def note(self, message: str, at: str | None = None) -> None:
        """A line stamped ``at`` (when the step happened, e.g. in a worker) or now. A message of
        several lines (an error with its notebook cell) becomes as many lines, each stamped and the
        later ones indented, so that every line of run.log starts with its time."""
        stamp = at or utc_now()
        first, *more = str(message).splitlines() or [""]
        for line in [f"{stamp} {first}", *(f"{stamp}   {m}" for m in more)]:
            self.lines.append(line)
            if self._path is not None:
                self._write(line)

    def _write(self, line: str) -> None:
        if self._broken:
            return
        try:
            if self._fd is None:  # the file appears with its first line
                self._fd = os.open(self._path, _APPEND | (0 if self._made else os.O_EXCL), 0o666)
                self._made = True
            data = memoryview((line + "\n").encode("utf-8"))
            while data:
                data = data[os.write(self._fd, data) :]
        except OSError as exc:
            self._broken = True
            self.close()
            problem = SystemProblem.of(exc)
            problem = SystemProblem(problem.errno, problem.strerror, problem.filename or str(self._path))
            raise MachineError(_("writing {file}").format(file="run.log"), problem) from None

    def close(self) -> None:
        """Close the file (before its folder is renamed); a later note opens it again."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.close(fd)
            except OSError:  # nothing is buffered here: the lines were written, or said to have failed
                pass
