"""Runs shared by the batch tests: the sample data as `make report` runs it, and a generated set."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, run_params, write_csv

from ita_analysis.batch.params import RunParams
from ita_analysis.batch.run import run_year

try:
    import fcntl
except ImportError:  # Windows: each xdist worker builds the shared runs itself
    fcntl = None

RAW = ROOT / "data" / "raw"


def _sample_params(out: Path, **kw) -> RunParams:
    base = dict(
        fiscal_year=2563, data=[RAW / "ocsc_scores_2562_2563.csv"], targets=RAW / "targets.csv",
        notes=RAW / "notes_2563.csv", recommendations=RAW / "recommendations_2563.csv", plan=RAW / "plan_2564.csv",
        out_root=out,
    )  # fmt: skip
    base.update(kw)
    return run_params(**base)


def _read_table(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no BOM"
    return pd.read_csv(path, encoding="utf-8-sig")


@pytest.fixture(scope="session")
def sample_params():
    """RunParams of the sample run (`make report`) writing into ``out``; keywords override."""
    return _sample_params


@pytest.fixture(scope="session")
def read_table():
    """A table the run wrote (UTF-8 with a BOM, checked) as a DataFrame."""
    return _read_table


def _once(tmp_path_factory, name: str, build) -> Path:
    """``build(folder)`` once for the whole test session. Under pytest-xdist each worker has its own
    session: the first to get here builds into a folder the workers share, the others wait for it
    and read the same folder (the tests only read it)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None or fcntl is None:
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # this run's, above each worker's own
    done = shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            (shared / name).mkdir()
            done.write_text(str(build(shared / name)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """The FY2563 year folder of the sample run: one agency, notebooks per agency, documents."""
    return _once(tmp_path_factory, "outputs", lambda out: run_year(_sample_params(out)))


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """Four agencies (one known by a code with a leading zero), FY2562-FY2564, one with 2564 only."""
    rng = np.random.default_rng(42)
    rows = [["agency", "fiscal_year", "indicator", "score"]]
    for a, years in (
        ("01234", (2562, 2563, 2564)),
        ("เทศบาลตำบล ก/ข", (2563, 2564)),
        ("CON", (2564,)),
        ("อบต. ทดสอบ", (2562, 2563, 2564)),
    ):
        for y in years:
            for i in range(1, 11):
                rows.append([a, y, i, round(float(rng.uniform(60, 100)), 2)])
    return write_csv(tmp_path_factory.mktemp("gen") / "generated.csv", rows)


@pytest.fixture(scope="session")
def generated_run(generated, tmp_path_factory) -> Path:
    """FY2564 of the generated set with the real notebooks per agency (their tables and charts); no
    documents, which no test reads here (the direct path's and the sample run's are checked)."""
    return _once(
        tmp_path_factory,
        "gen_run",
        lambda out: run_year(run_params(fiscal_year=2564, data=[generated], out_root=out, documents=False)),
    )


def _quick_notebooks(
    folder: Path, fail_for: tuple[str, ...] = (), *, fail_in: tuple[str, ...] | None = None, write: bool = False
) -> Path:
    """Five stand-in notebooks (the run's names): the parameters cell and one cell that fails for
    the agencies in ``fail_for`` (in the notebooks ``fail_in``; None: all five). They write nothing,
    so a run's notebooks take a kernel start each; with ``write`` each writes ``<notebook>.txt``
    (the agency's name as injected, ``repr``) into its ``output_dir``."""
    import nbformat

    from ita_analysis.batch.notebooks import NOTEBOOKS
    from ita_analysis.facade import AnalysisParameters

    folder.mkdir(parents=True, exist_ok=True)
    parameters = nbformat.v4.new_code_cell("\n".join(f"{name} = None" for name in AnalysisParameters.names()))
    parameters.metadata["tags"] = ["parameters"]
    imports = nbformat.v4.new_code_cell("from pathlib import Path")
    check = nbformat.v4.new_code_cell(
        f"if agency in {list(fail_for)!r}:\n    raise ValueError(f'แถวเสียของ {{agency}}')"
    )
    for name in NOTEBOOKS:
        cells = [parameters, imports, check] if fail_in is None or name in fail_in else [parameters, imports]
        if write:
            written = repr(name.removesuffix(".ipynb") + ".txt")
            cells.append(nbformat.v4.new_code_cell(f"Path(output_dir, {written}).write_text(repr(agency), 'utf-8')"))
        nb = nbformat.v4.new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / name)
    return folder


@pytest.fixture
def quick_notebooks(tmp_path):
    """quick_notebooks(fail_for=(), fail_in=None, write=False) -> a folder of stand-in notebooks (see
    _quick_notebooks), a new one for each call."""
    made = itertools.count()

    def make(fail_for=(), fail_in=None, write=False):
        folder = tmp_path / f"notebooks_{next(made)}"
        return _quick_notebooks(folder, tuple(fail_for), fail_in=fail_in, write=write)

    return make


@pytest.fixture(scope="session")
def stand_in_notebooks(tmp_path_factory):
    """stand_in_notebooks(fail_for=(), fail_in=None, write=False) -> a new folder of stand-in notebooks
    (see _quick_notebooks), for fixtures of any scope."""

    def make(fail_for=(), fail_in=None, write=False):
        folder = tmp_path_factory.mktemp("notebooks")
        return _quick_notebooks(folder, tuple(fail_for), fail_in=fail_in, write=write)

    return make
