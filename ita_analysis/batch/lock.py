"""One run at a time per year folder, and the leftovers of runs that died cleared away.

A run holds ``<out>/.<YEAR>.lock`` while it builds and swaps in ``<out>/<YEAR>/``. The file holds
the run's process id (first line) and that process's start time (second line: a process id can be
reused once its process is gone, the pair cannot). A second run into the same year is refused while
the holder runs; a lock whose process is gone (killed, the machine restarted) is taken over.

A run that died (SIGKILL, a crash, a power cut) leaves its staging folder
``<out>/.<YEAR>.staging-<pid>`` behind, and, if it died between the two renames of the swap, the
previous outputs as ``<out>/.<YEAR>.old-<pid>`` (and, killed at the wrong moment, the lock's draft
``<out>/.<YEAR>.lock.<pid>``). The run holding the lock clears them: staging folders and drafts of
processes no longer running are removed, and previous outputs are put back where the year folder
is missing (else removed). Folders of a running process are never touched.

Nothing is written through a link: the lock and its draft are created exclusively (``O_EXCL``), a
lock is read without following a link nor waiting on a pipe, and a leftover that is a link is
removed as a link.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

from ita_analysis.errors import ItaError
from ita_analysis.files import remove_tree, write_new
from ita_analysis.i18n import gettext as _

Note = Callable[[str], None]
FRESH = 5.0  # seconds: an unreadable lock file this young may be being written, not left behind


class YearLocked(ItaError):
    """Another run is writing the same year folder."""


def lock_path(out_root: Path, fiscal_year: int) -> Path:
    return out_root / f".{fiscal_year}.lock"


@contextmanager
def year_lock(out_root: Path, fiscal_year: int, note: Note) -> Iterator[Path]:
    """Hold the year's lock for the block (released on every way out); raises YearLocked when a
    running process holds it, and takes over (with a note) one left by a process that is gone."""
    path = lock_path(out_root, fiscal_year)
    me = _identity(os.getpid())
    while not _create(path, me):
        holder = _read(path)
        if holder is None and _younger_than(path, FRESH):  # just made, or released: look again
            time.sleep(0.2)
            continue
        if holder is not None and _running(*holder):
            raise YearLocked(_held_message(fiscal_year, out_root, path, holder[0]))
        if _read(path) != holder:  # changed since: another run took it over first; look again
            continue
        gone = _("process {pid}, which is no longer running").format(pid=holder[0]) if holder else ""
        who = gone or _("no readable process id")
        note(_("took over the lock {path} (left by {who})").format(path=path, who=who))
        path.unlink(missing_ok=True)
    try:
        yield path
    finally:
        mine = _read(path)
        if mine is not None and mine[0] == me[0]:  # never remove a lock that is not this run's
            path.unlink(missing_ok=True)


def _identity(pid: int) -> tuple[int, float]:
    return pid, round(psutil.Process(pid).create_time(), 2)


def _create(path: Path, me: tuple[int, float]) -> bool:
    """Create the lock file with its content in one step (a hard link of a file written first), so
    that no other run can read it half written; False when it exists. Both files are created
    exclusively: whatever was at the draft's name (a link among others) is removed first, never
    written through."""
    draft = path.with_name(f"{path.name}.{me[0]}")
    content = f"{me[0]}\n{me[1]:.2f}\n".encode()
    remove_tree(draft)  # this process's name: a leftover of an earlier process with its id, or planted
    write_new(draft, content)
    try:
        os.link(draft, path)
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: create it alone, with its content (see FRESH)
        try:
            write_new(path, content)
            return True
        except FileExistsError:
            return False
    finally:
        draft.unlink(missing_ok=True)


def _younger_than(path: Path, seconds: float) -> bool:
    """Whether the file (a link itself, not what it points at) is gone or was made less than
    ``seconds`` ago."""
    try:
        return time.time() - path.lstat().st_mtime < seconds
    except OSError:
        return True


def _read(path: Path) -> tuple[int, float | None] | None:
    """(pid, start time or None) of a lock file; None when it is gone or unreadable, or not a plain
    file (a link is not followed, a pipe not waited on)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
        try:
            text = os.read(fd, 200).decode("utf-8") if stat.S_ISREG(os.fstat(fd).st_mode) else ""
        finally:
            os.close(fd)
        lines = text.split()
        return int(lines[0]), float(lines[1]) if len(lines) > 1 else None
    except (OSError, ValueError, IndexError):
        return None


def _running(pid: int, started: float | None = None) -> bool:
    """Whether the process runs (a zombie does not), and is the one that started then, if known."""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return started is None or abs(proc.create_time() - started) < 0.05
    except psutil.Error:
        return False


def _held_message(fiscal_year: int, out_root: Path, path: Path, pid: int) -> str:
    try:
        command = " ".join(" ".join(psutil.Process(pid).cmdline()).split())  # on one line
        command = command if len(command) <= 160 else command[:157] + "..."
    except psutil.Error:
        command = "?"
    text = _(
        "FY{year} in {folder} is being written by another run: process {pid} ({command}), which holds "
        "the lock {path}. Nothing was written. Wait for that run to finish, or stop it (Ctrl-C in its "
        "terminal, or kill {pid}); if no such run is going on, delete {path} and run again."
    )
    return text.format(year=fiscal_year, folder=out_root, pid=pid, command=command, path=path)


LEFTOVER = re.compile(r"^\.(\d+)\.(staging-|old-|lock\.)(\d+)$")
"""A staging folder, previous outputs put aside, or a lock's draft, of a year (1) and a process (3)."""


def clear_leftovers(out_root: Path, fiscal_year: int, note: Note) -> list[Path]:
    """Clear the folders (and lock drafts) that runs of this year which are no longer running left
    behind (see the module's text); returns those cleared. Only what was removed is said to be; what could not be
    is said with its error. Links with these names are removed, never followed. Call with the
    year's lock held."""
    cleared = []
    final = out_root / str(fiscal_year)
    for entry in sorted(out_root.iterdir()):
        m = LEFTOVER.match(entry.name)
        if not m or int(m[1]) != fiscal_year:
            continue
        pid = int(m[3])
        if pid == os.getpid() or _running(pid):
            continue
        left = _("left by process {pid}, which is no longer running").format(pid=pid)
        if m[2] == "old-" and not os.path.lexists(final) and entry.is_dir() and not entry.is_symlink():
            try:
                entry.rename(final)
            except OSError as exc:
                text = _("could not put back {folder} from {entry} ({left}): {why}")
                note(text.format(folder=final, entry=entry, left=left, why=_reason(exc)))
                continue
            text = _("put back {folder} from {entry}: process {pid} stopped while swapping it in")
            note(text.format(folder=final, entry=entry, pid=pid))
        elif (error := remove_tree(entry)) is not None:
            note(_("could not remove {entry}, {left}: {why}").format(entry=entry, left=left, why=_reason(error)))
            continue
        else:
            note(_("removed {entry}, {left}").format(entry=entry, left=left))
        cleared.append(entry)
    return cleared


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
