"""One parameter list: the notebooks' parameters cells, Analysis.from_params and the run's notebook
parameters all name exactly the fields of AnalysisParameters, in order."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import jupytext
import nbformat
import pytest
from conftest import ROOT

from ita_analysis.batch.notebooks import NOTEBOOKS
from ita_analysis.batch.params import RunParams
from ita_analysis.facade import Analysis, AnalysisParameters

# The list as README.md documents it
EXPECTED = [
    "fiscal_year", "agency", "data", "sheet", "group", "previous_year", "weakness_rule", "target", "targets", "items",
    "notes", "recommendations", "plan", "output_dir",
]  # fmt: skip


def _parameters_cell(cells) -> str:
    (source,) = [c.source for c in cells if "parameters" in c.metadata.get("tags", [])]
    return source


def _assigned(source: str) -> list[str]:
    """Names assigned in a cell, in order (every statement must be a plain assignment)."""
    names = []
    for node in ast.parse(source).body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, ast.unparse(node)
        names.append(node.targets[0].id)
    return names


def _from_params_keywords(cells) -> list[str]:
    """The keywords of the notebook's call to Analysis.from_params."""
    calls = [
        node
        for c in cells
        if c.cell_type == "code"
        for node in ast.walk(ast.parse(c.source))
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "Analysis.from_params"
    ]
    (call,) = calls
    return [k.arg for k in call.keywords]


def test_the_list():
    assert AnalysisParameters.names() == EXPECTED
    assert [f.name for f in dataclasses.fields(AnalysisParameters)] == EXPECTED


@pytest.mark.parametrize("notebook", NOTEBOOKS)
@pytest.mark.parametrize("form", ["ipynb", "py"])
def test_notebook_parameters_cell_lists_exactly_the_parameters(notebook, form):
    path = ROOT / "notebooks" / notebook
    if form == "ipynb":
        cells = nbformat.read(path, as_version=4).cells
    else:
        cells = jupytext.read(path.with_suffix(".py")).cells
    names = _assigned(_parameters_cell(cells))
    # the what-if notebook adds its own two (the sliders' starting values) after the common ones
    extra = ["planned", "tool_change"] if notebook == "05_plan.ipynb" else []
    assert names == AnalysisParameters.names() + extra
    assert _from_params_keywords(cells) == AnalysisParameters.names()


def test_from_params_takes_exactly_the_parameters():
    signature = inspect.signature(Analysis.from_params)
    assert list(signature.parameters) == AnalysisParameters.names()
    for f in dataclasses.fields(AnalysisParameters):
        p = signature.parameters[f.name]
        assert p.kind is inspect.Parameter.KEYWORD_ONLY
        assert p.default == (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default), f.name


def test_run_gives_the_notebooks_exactly_the_parameters(tmp_path):
    data = tmp_path / "scores.csv"
    params = RunParams(fiscal_year="2563", data=[data], agency="ignored", targets=Path("t.csv"), plan=Path("p.csv"),
                       previous_year=2561, weakness_rule="lowest", target=95.0, digits="arabic")  # fmt: skip
    given = params.notebook_parameters("กรมทดสอบ", tmp_path / "out")
    assert list(given) == AnalysisParameters.names()
    assert given == {
        "fiscal_year": 2563, "agency": "กรมทดสอบ", "data": [str(data.resolve())], "sheet": None, "group": None,
        "previous_year": 2561,
        "weakness_rule": "lowest", "target": 95.0, "targets": str(Path("t.csv").resolve()), "items": None,
        "notes": None, "recommendations": None, "plan": str(Path("p.csv").resolve()),
        "output_dir": str((tmp_path / "out").resolve()),
    }  # fmt: skip
    assert params.analysis_parameters("กรมทดสอบ", tmp_path / "out") == AnalysisParameters(**given)
    assert params.notebook_parameters(None, None)["output_dir"] is None


def test_input_files_are_the_data_then_the_side_files_as_given():
    params = RunParams(fiscal_year=2563, data=[Path("a.csv"), Path("b.xlsx")], notes=Path("n.csv"),
                       targets=Path("t.csv"), plan=Path("p.csv"))  # fmt: skip
    assert params.input_files() == [Path("a.csv"), Path("b.xlsx"), Path("t.csv"), Path("n.csv"), Path("p.csv")]
