"""The notebooks under papermill: the project's kernel, one execution per task, a failure described."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ita_analysis.batch.machine import kernel_os_error, machine_problem
from ita_analysis.errors import ItaError
from ita_analysis.facade import AnalysisParameters
from ita_analysis.facade.widgets import NO_SLIDERS
from ita_analysis.filenames import is_utf8
from ita_analysis.i18n import gettext as _

NOTEBOOKS = ("01_results.ipynb", "02_comparison.ipynb", "03_weaknesses.ipynb", "04_peers.ipynb", "05_plan.ipynb")
GROUP_NOTEBOOK = "06_group.ipynb"  # run per group by ``run --groups`` (its own parameters: the group)
KERNEL_NAME = "ita-analysis"
KERNEL_DISPLAY = "Python (ita-analysis)"
CELL_TIMEOUT = 600  # seconds a cell may run: a kernel that hangs fails its notebook instead of the run
START_TIMEOUT = 300  # seconds a kernel may take to start: a busy or cold machine needs more than the 60 default
_SOCKET_NAME = 100  # bytes in a Unix socket's path (108 on Linux, 104 on macOS, with the final NUL)
_SHORT_TEMP = "/tmp"  # where the kernels' sockets go when the temporary folder's path is too long
_APPEND = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class RunError(ItaError):
    """A notebook failed; the message shows the notebook, agency, cell and error."""


@dataclass(frozen=True)
class NotebookTask:
    """One notebook to execute: ``source`` run with ``parameters`` into ``destination``."""

    notebook: str  # its file name, e.g. "01_results.ipynb"
    source: Path
    destination: Path
    parameters: AnalysisParameters  # agency None: the whole year's overview
    cwd: Path  # the folder the kernel runs in (relative paths start there): the run gives the destination's
    kernel_log: Path  # where the kernel's stderr goes
    group: str | None = None  # "<kind>/<group>" of a group's notebook
    extra: tuple[tuple[str, object], ...] = ()  # the notebook's own parameters (06_group: the group), JSON values

    @property
    def agency(self) -> str | None:
        return self.parameters.agency


def default_notebooks_dir() -> Path:
    """notebooks/ of the project (beside the package in a source checkout), else ./notebooks."""
    here = Path(__file__).resolve().parents[2] / "notebooks"
    return here if here.is_dir() else Path.cwd() / "notebooks"


def ensure_kernel() -> str:
    """The project's Jupyter kernel, installed into this environment (sys.prefix) if missing."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        from ipykernel.kernelspec import install

        install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY, prefix=sys.prefix)
    return KERNEL_NAME


def execute_notebook(task: NotebookTask) -> str:
    """Worker: run one notebook with papermill. Returns the run log's line for it."""
    import time

    _without_iri_grammar()
    import papermill as pm

    _readable_thai_parameters()
    os.environ[NO_SLIDERS] = "1"  # the kernels of an unattended run draw no what-if sliders
    t0 = time.perf_counter()
    try:
        with _stderr_to(task.kernel_log), _recordable(task.source, task.destination) as (source, destination):
            pm.execute_notebook(
                _literal_path(source),
                _literal_path(destination),
                parameters={**task.parameters.cell_values(), **dict(task.extra)},  # names not UTF-8 as file:// URIs
                kernel_name=KERNEL_NAME,
                progress_bar=False,
                cwd=task.cwd,
                log_output=False,
                start_timeout=START_TIMEOUT,
                execution_timeout=CELL_TIMEOUT,
                config=kernel_config(),
            )
    except pm.PapermillExecutionError as exc:
        os_error = kernel_os_error(exc.ename, exc.evalue)
        if os_error is not None and machine_problem(os_error) is not None:  # the machine's, not the data's
            raise os_error from None
        raise RunError(_describe_failure(task, exc)) from None
    return f"ran {task.notebook} for {_who(task.agency)} in {time.perf_counter() - t0:.1f} s"


def kernel_config():
    """How the kernel and the run talk: through Unix sockets in this process's temporary folder (the
    run's private one) where the system has them, or in /tmp where that folder's path is too long
    for a socket's name (a long TMPDIR; the sockets are removed with their kernel). Over TCP, two
    workers starting kernels at the same moment can draw the same free port, and the kernel that
    loses dies while its notebook waits for it; TCP also makes each kernel warn in kernels.log that
    its traffic is unencrypted. Windows keeps TCP (:data:`KERNEL_NOISE` drops that warning)."""
    import uuid

    from traitlets.config import Config

    config = Config()
    name = f"kernel-{uuid.uuid4().hex[:12]}"
    for folder in (tempfile.gettempdir(), _SHORT_TEMP):
        stem = os.path.join(folder, name)
        if os.name == "posix" and len(os.fsencode(stem)) <= _SOCKET_NAME - 4 and os.path.isdir(folder):
            config.KernelManager.transport = "ipc"  # "-<n>" is added per socket: 4 bytes at most
            config.KernelManager.ip = stem
            break
    return config


KERNEL_NOISE = (
    "Kernel is running over TCP without encryption",  # ipykernel over TCP (Windows)
    "Debugger warning: It seems that frozen modules are being used",  # the debugger under Python 3.11+ ...
    "make the debugger miss breakpoints",
    "to python to disable frozen modules",
    "Note: Debugging will proceed. Set PYDEVD_DISABLE_FILE_VALIDATION",
)
"""Parts of lines kernels print that say nothing to the user: dropped from kernels.log."""


def drop_kernel_noise(path: Path) -> None:
    """Rewrite kernels.log without the lines of :data:`KERNEL_NOISE` (an empty file where nothing else
    is left): what stays is what a kernel said about the notebooks."""
    if not path.is_file():
        return
    lines = path.read_bytes().splitlines(keepends=True)
    kept = [ln for ln in lines if not any(noise.encode() in ln for noise in KERNEL_NOISE)]
    if len(kept) < len(lines):
        path.write_bytes(b"".join(kept))


def _literal_path(path: Path) -> str:
    """The path as papermill must get it to use it as it is: papermill fills ``{name}`` fields of
    notebook paths with the parameters (``str.format``), so braces in a folder name (or in
    ``--out``) are doubled, and no value from the data can steer where a notebook is written."""
    return str(path).replace("{", "{{").replace("}", "}}")


@contextmanager
def _recordable(source: Path, destination: Path):
    """The notebook's paths as papermill records them in the notebook (JSON in UTF-8): as they are,
    or, when one is not UTF-8 (an ``--out`` whose name is not), relative to the destination's folder,
    which the process works in meanwhile (a worker runs one notebook at a time)."""
    if is_utf8(str(source)) and is_utf8(str(destination)):
        yield source, destination
        return
    before = os.getcwd()
    os.chdir(destination.parent)
    try:
        yield Path(os.path.relpath(source)), Path(destination.name)
    finally:
        os.chdir(before)


@contextmanager
def _stderr_to(path: Path):
    """Send this process's stderr (file descriptor 2, which kernels inherit) to a log file."""
    sys.stderr.flush()
    log = os.open(path, _APPEND, 0o666)  # shared by the workers: appended to, never through a link
    saved = os.dup(2)
    os.dup2(log, 2)
    os.close(log)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def _without_iri_grammar() -> None:
    """papermill reads notebooks with nbformat, whose validator imports jsonschema, which builds the
    grammar of ``rfc3987_syntax`` when that package is installed (a second of CPU in every worker
    that runs notebooks) for the IRI formats of JSON Schema, which the notebook schema does not use:
    the import is refused (jsonschema then leaves those two formats unchecked) unless it was made."""
    sys.modules.setdefault("rfc3987_syntax", None)


def _readable_thai_parameters() -> None:
    """Write injected string parameters with repr() so Thai stays Thai ("สำนักงาน ก.พ.", not "\\u0e2a...")."""
    from papermill.translators import PythonTranslator, papermill_translators

    class _Translator(PythonTranslator):
        @classmethod
        def translate_str(cls, val):
            return repr(val)

    papermill_translators.register("python", _Translator)


def _describe_failure(task: NotebookTask, exc) -> str:
    """The notebook, agency, failing cell (its first lines) and error of a papermill failure."""
    source = ""
    try:
        import nbformat

        nb = nbformat.read(task.destination, as_version=4)
        # papermill puts an error banner first in the executed copy: find the cell by its count
        hits = [c for c in nb.cells if c.cell_type == "code" and c.get("execution_count") == exc.exec_count]
        source = (hits[0] if hits else nb.cells[exc.cell_index]).source
    except Exception:  # the executed copy may be unreadable; the error itself is still shown
        pass
    failed = _("notebook {notebook} failed for agency {agency}").format(
        notebook=task.notebook, agency=_who(task.agency)
    )
    if task.group is not None:
        failed = _("notebook {notebook} failed for group {group}").format(notebook=task.notebook, group=task.group)
    lines = [
        failed,
        _("cell {number}:").format(number=exc.exec_count if exc.exec_count is not None else exc.cell_index),
        *("    " + ln for ln in source.splitlines()[:12]),
        f"{exc.ename}: {exc.evalue}",
    ]
    return "\n".join(lines)


def _who(agency: str | None) -> str:
    return agency if agency is not None else _("(all)")
