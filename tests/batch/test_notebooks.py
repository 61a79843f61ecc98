"""The notebooks under papermill: as committed, with their own defaults, with Thai parameters, failing."""

from __future__ import annotations

import shutil

import jupytext
import nbformat
import pytest
from conftest import AGENCY, ROOT

from ita_analysis.batch.notebooks import NOTEBOOKS, NotebookTask, RunError, ensure_kernel, execute_notebook
from ita_analysis.batch.params import RunParams
from ita_analysis.parameters import AnalysisParameters

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _injected(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return next(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))


def test_notebooks_are_committed_clean_and_paired():
    for nb_name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / nb_name, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
        assert all(c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
        assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
        paired = jupytext.read(ROOT / "notebooks" / nb_name.replace(".ipynb", ".py"))
        assert [c.source for c in paired.cells] == [c.source for c in nb.cells], f"{nb_name} and its .py differ"


@pytest.fixture(autouse=True)
def _unattended(monkeypatch):
    """The kernels these tests start run unattended, as the batch run's do: no what-if sliders."""
    from ita_analysis.facade.widgets import NO_SLIDERS

    monkeypatch.setenv(NO_SLIDERS, "1")


@pytest.mark.slow  # notebook kernels
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebooks_run_with_their_own_defaults(notebook, tmp_path):
    """As an analyst opens them in JupyterLab: default parameters, every agency, nothing written."""
    import papermill as pm

    before = sorted(p.name for p in (ROOT / "notebooks").iterdir())
    pm.execute_notebook(
        ROOT / "notebooks" / notebook, tmp_path / notebook, kernel_name=ensure_kernel(), cwd=ROOT / "notebooks",
        progress_bar=False,
    )  # fmt: skip
    assert sorted(p.name for p in (ROOT / "notebooks").iterdir()) == before
    outputs = [o for c in nbformat.read(tmp_path / notebook, as_version=4).cells for o in c.get("outputs", [])]
    # no stray cell value (a list of the paths saved, or []): only what a cell prints or displays
    assert not [o for o in outputs if o.output_type in ("execute_result", "error")]
    # the sample holds one agency: it is the default, and the notebook says so
    assert f"the data holds one agency: showing {AGENCY}" in _shown(tmp_path / notebook)


@pytest.mark.slow  # notebook kernels
def test_an_input_error_shows_as_the_command_lines_message(tmp_path):
    """A typo in a parameter: the message, in the words of `ita-analysis`, and no traceback."""
    import papermill as pm

    with pytest.raises(pm.PapermillExecutionError):
        pm.execute_notebook(
            ROOT / "notebooks" / "01_results.ipynb", tmp_path / "typo.ipynb", kernel_name=ensure_kernel(),
            cwd=ROOT / "notebooks", progress_bar=False, parameters={"agency": "สำนักงาน ข.พ."},
        )  # fmt: skip
    nb = nbformat.read(tmp_path / "typo.ipynb", as_version=4)
    (error,) = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert error.ename == "InputError"
    assert error.traceback == [
        "\x1b[31m1 problem(s) found:\x1b[0m",
        "  - agency: value 'สำนักงาน ข.พ.': expected the name of an agency in the data; the closest in the data: "
        "'สำนักงาน ก.พ.'; type the name as the data writes it: agency = 'สำนักงาน ก.พ.'",
    ]


def test_injected_parameters_keep_thai_readable(sample_run):
    injected = _injected(sample_run / "สำนักงาน ก.พ" / "01_results.ipynb")
    assert "agency = 'สำนักงาน ก.พ.'" in injected
    assert "plan = '" in injected and "plan_2564.csv'" in injected


@pytest.mark.slow  # notebook kernels
def test_a_failing_notebook_names_notebook_agency_cell_and_error(tmp_path, sample_params):
    broken = tmp_path / "broken.ipynb"
    nb = nbformat.read(ROOT / "notebooks" / "03_weaknesses.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("x = 1\nraise ValueError('ตารางเสีย')"))
    nbformat.write(nb, broken)
    task = NotebookTask(
        notebook="03_weaknesses.ipynb", source=broken, destination=tmp_path / "out.ipynb",
        parameters=sample_params(tmp_path).analysis_parameters(AGENCY, None), cwd=ROOT / "notebooks",
        kernel_log=tmp_path / "kernels.log",
    )  # fmt: skip
    ensure_kernel()
    with pytest.raises(RunError) as info:
        execute_notebook(task)
    lines = str(info.value).splitlines()
    assert lines[0] == f"notebook 03_weaknesses.ipynb failed for agency {AGENCY}"
    assert lines[1].startswith("cell ") and lines[2:4] == ["    x = 1", "    raise ValueError('ตารางเสีย')"]
    assert lines[-1] == "ValueError: ตารางเสีย"
    assert "agency = 'สำนักงาน ก.พ.'" in _injected(tmp_path / "out.ipynb")  # the executed copy is kept


@pytest.mark.slow  # notebook kernels
def test_a_notebook_run_returns_its_log_line(tmp_path):
    """The whole year's overview (agency None) of the sample data, run in this process."""
    shutil.copy(ROOT / "notebooks" / "03_weaknesses.ipynb", tmp_path / "nb.ipynb")
    params = RunParams(AnalysisParameters(fiscal_year=2563, data=[ROOT / "data" / "raw" / "ocsc_scores_2562_2563.csv"]))
    task = NotebookTask("03_weaknesses.ipynb", tmp_path / "nb.ipynb", tmp_path / "done.ipynb",
                        params.analysis_parameters(None, tmp_path), ROOT / "notebooks", tmp_path / "k.log")  # fmt: skip
    ensure_kernel()
    line = execute_notebook(task)
    assert line.startswith("ran 03_weaknesses.ipynb for (all) in ") and line.endswith(" s")
    assert (tmp_path / "weaknesses.csv").exists() and (tmp_path / "k.log").exists()
    assert "agency = None" in _injected(tmp_path / "done.ipynb")


def _shown(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


@pytest.mark.slow  # notebook kernels
def test_plan_notebook_what_if_falls_back_to_the_parameters(tmp_path):
    """Unattended no slider moves: the what-if of `planned` is shown. OIT 100 -> 87.83 (A);
    the target gap to 95 takes 104.49 points (worked by hand in tests/compute/test_target_gap.py)."""
    import papermill as pm

    pm.execute_notebook(
        ROOT / "notebooks" / "05_plan.ipynb", tmp_path / "plan.ipynb", kernel_name=ensure_kernel(),
        cwd=ROOT / "notebooks", progress_bar=False,
        parameters={"agency": AGENCY, "planned": {9: 100, 10: 100}, "target": 95},
    )  # fmt: skip
    shown = _shown(tmp_path / "plan.ipynb")
    assert "87.83" in shown and "82.44" in shown
    assert "12.56" in shown  # the total's gap to the target: 95.00 - 82.44
    nb = nbformat.read(tmp_path / "plan.ipynb", as_version=4)
    widgets = [o for c in nb.cells for o in c.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in
               o.get("data", {})]  # fmt: skip
    assert not widgets  # unattended: no sliders


@pytest.mark.slow  # notebook kernels
def test_peers_notebook_with_one_agency_gives_the_national_figures(tmp_path):
    import papermill as pm

    pm.execute_notebook(
        ROOT / "notebooks" / "04_peers.ipynb", tmp_path / "peers.ipynb", kernel_name=ensure_kernel(),
        cwd=ROOT / "notebooks", progress_bar=False, parameters={"agency": AGENCY},
    )  # fmt: skip
    shown = _shown(tmp_path / "peers.ipynb")
    # the methodology notes: FY2563 national mean 67.90 over 8,303 agencies
    assert "หน่วยงานเดียว" in shown and "67.90" in shown and "8,303" in shown
