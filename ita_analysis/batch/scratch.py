"""The run's private temporary folder: the temporary files of its workers and of the notebook
kernels they start (WeasyPrint's fonts, the charts drawn for the documents, the kernels' connection
files) go there, and it goes with everything in it when the run ends, whatever way it ends.

Without it, each would be left in the temporary directory wherever its own clean-up does not run:
a worker process ends without the interpreter's exit handlers (WeasyPrint removes its font folder
in one), and a worker stopped by a signal leaves what it was doing, a kernel's connection file
among it. A run killed outright (SIGKILL) leaves its folder, ``ita-analysis-run-*``, behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ita_analysis.batch.machine import machine_step
from ita_analysis.i18n import gettext as _

PREFIX = "ita-analysis-run-"
TEMP_VARIABLES = ("TMPDIR", "TEMP", "TMP")  # where tempfile (here and in the kernels) looks first


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A new private folder in the temporary directory, removed with what it holds at the end."""
    with machine_step(_("making the run's temporary folder")):
        folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def use_scratch(folder: Path) -> None:
    """In a worker process: its temporary files, and those of the processes it starts (notebook
    kernels inherit the environment), go into ``folder``."""
    for name in TEMP_VARIABLES:
        os.environ[name] = str(folder)
    tempfile.tempdir = str(folder)
