"""One parameter list: the notebooks' parameters cells (written from it), Analysis.from_params, the
`run` options (made from it) and the run's notebook parameters are all the fields of
AnalysisParameters, in order."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import jupytext
import nbformat
import pytest
import typer
from conftest import ROOT

from ita_analysis.batch.notebooks import NOTEBOOKS
from ita_analysis.batch.params import RunParams
from ita_analysis.cli import app
from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.parameters import cell_in_script, notebook_cell, own_lines, write_notebooks

# The list as README.md documents it
EXPECTED = [
    "fiscal_year", "agency", "data", "sheet", "group", "previous_year", "weakness_rule", "target", "targets", "items",
    "notes", "recommendations", "plan", "target_paragraph", "output_dir",
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


def _from_params_calls(cells) -> list[str]:
    """The notebook's calls to Analysis.from_params, as code."""
    return [
        ast.unparse(node)
        for c in cells
        if c.cell_type == "code"
        for node in ast.walk(ast.parse(c.source))
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "Analysis.from_params"
    ]


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
    # the cell is the one `make notebooks` writes from the fields' metadata, comments and all
    cell = _parameters_cell(cells).rstrip("\n") + "\n"
    assert cell == notebook_cell() + own_lines(cell)
    # and the analysis reads the cell's values as one AnalysisParameters
    assert _from_params_calls(cells) == ["Analysis.from_params(AnalysisParameters.from_cell(globals()))"]


def test_a_drifted_cell_is_found(tmp_path):
    script = tmp_path / "01_results.py"
    text = (ROOT / "notebooks" / "01_results.py").read_text(encoding="utf-8")
    assert cell_in_script(text) == notebook_cell()
    script.write_text(text.replace("(the fiscal year,", "(the year,"), encoding="utf-8")
    assert cell_in_script(script.read_text(encoding="utf-8")) != notebook_cell()
    # `make notebooks` writes it back, keeping what a notebook adds after the common parameters
    plan = tmp_path / "05_plan.py"
    plan.write_text((ROOT / "notebooks" / "05_plan.py").read_text(encoding="utf-8").replace("sheet = None", "x = 1"))
    assert write_notebooks(tmp_path) == [script, plan]
    for path in (plan, script):
        assert path.read_text(encoding="utf-8") == (ROOT / "notebooks" / path.name).read_text(encoding="utf-8")
        assert path.with_suffix(".ipynb").is_file()


def test_from_params_takes_one_analysis_parameters():
    signature = inspect.signature(Analysis.from_params, eval_str=True)
    (p,) = signature.parameters.values()
    assert p.annotation is AnalysisParameters
    assert AnalysisParameters.from_cell({"fiscal_year": 2563, "data": "s.csv", "planned": {}}) == AnalysisParameters(
        fiscal_year=2563, data="s.csv"
    )


def test_run_options_are_the_parameters_fields():
    # every field naming an option is a `run` option of that name, with the field's help; the run's
    # own options follow; RunParams holds the analysis parameters as one value, not a copy of the list
    command = typer.main.get_command(app).commands["run"]
    options = {p.name: p for p in command.params}
    fields = [f for f in dataclasses.fields(AnalysisParameters) if f.metadata["option"] is not None]
    assert [p.name for p in command.params][: len(fields)] == [f.name for f in fields]
    for f in fields:
        given = "/".join([*options[f.name].opts, *options[f.name].secondary_opts])  # a flag: "--x/--no-x"
        assert given == f.metadata["option"] and options[f.name].help == f.metadata["help"]
    assert options["fiscal_year"].required and options["weakness_rule"].default == "default"
    assert options["data"].multiple and options["targets"].default is None
    assert options["target_paragraph"].default is True and options["target_paragraph"].is_flag
    run_fields = [f.name for f in dataclasses.fields(RunParams)]
    assert run_fields[0] == "analysis" and not set(run_fields) & set(AnalysisParameters.names())


def test_run_gives_the_notebooks_exactly_the_parameters(tmp_path):
    data = tmp_path / "scores.csv"
    params = RunParams(
        AnalysisParameters(
            fiscal_year="2563",
            data=[data],
            agency="ignored",
            targets=Path("t.csv"),
            plan=Path("p.csv"),
            previous_year=2561,
            weakness_rule="lowest",
            target=95.0,
        ),
        digits="arabic",
    )
    given = params.notebook_parameters("กรมทดสอบ", tmp_path / "out")
    assert list(given) == AnalysisParameters.names()
    assert given == {
        "fiscal_year": 2563, "agency": "กรมทดสอบ", "data": [str(data.resolve())], "sheet": None, "group": None,
        "previous_year": 2561,
        "weakness_rule": "lowest", "target": 95.0, "targets": str(Path("t.csv").resolve()), "items": None,
        "notes": None, "recommendations": None, "plan": str(Path("p.csv").resolve()),
        "target_paragraph": True,
        "output_dir": str((tmp_path / "out").resolve()),
    }  # fmt: skip
    assert params.analysis_parameters("กรมทดสอบ", tmp_path / "out") == AnalysisParameters(**given)
    assert params.notebook_parameters(None, None)["output_dir"] is None


def test_input_files_are_the_data_then_the_side_files_as_given():
    params = RunParams(
        AnalysisParameters(
            fiscal_year=2563,
            data=[Path("a.csv"), Path("b.xlsx")],
            notes=Path("n.csv"),
            targets=Path("t.csv"),
            plan=Path("p.csv"),
        )
    )
    assert params.input_files() == [Path("a.csv"), Path("b.xlsx"), Path("t.csv"), Path("n.csv"), Path("p.csv")]


@pytest.mark.parametrize(("flag", "expected"), [([], True), (["--no-target-paragraph"], False)])
def test_run_option_leaves_the_target_paragraph_out(monkeypatch, flag, expected):
    # `run --no-target-paragraph` gives every notebook and document target_paragraph=False
    from typer.testing import CliRunner

    from ita_analysis.cli import run as run_module

    seen = []
    monkeypatch.setattr(run_module, "_run_years", lambda params, years, force=False: seen.append(params))
    sample = ROOT / "data" / "raw" / "ocsc_scores_2562_2563.csv"
    result = CliRunner().invoke(app, ["run", "--fy", "2563", "--data", str(sample), *flag])
    assert result.exit_code == 0, result.output
    (params,) = seen
    assert params.analysis.target_paragraph is expected
    assert params.notebook_parameters("กรมทดสอบ", Path("out"))["target_paragraph"] is expected
