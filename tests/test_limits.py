"""The limits on what a file may make the program hold: read from the environment, refused when
written wrong, and listed in the README with their defaults."""

from __future__ import annotations

import re
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from ita_analysis.errors import InputError
from ita_analysis.limits import Limits, current_limits, over_limit

sys.path.insert(0, str(Path(__file__).parent))
from cli_run import run_in_process  # noqa: E402

README = Path(__file__).parents[1] / "README.md"
SAMPLE = Path(__file__).parents[1] / "data" / "raw" / "ocsc_scores_2562_2563.csv"


def test_the_defaults_are_excel_s_own_limits_where_excel_has_one():
    assert Limits().row_width == 16_384 and Limits().cell_chars == 32_767


def test_an_environment_variable_raises_its_limit_alone(monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_MAX_CELLS", "100,000,000")
    monkeypatch.setenv("ITA_ANALYSIS_MAX_ROW_WIDTH", "20_000")
    limits = current_limits()
    assert limits.cells == 100_000_000 and limits.row_width == 20_000
    assert limits.cell_chars == 32_767 and limits.member_bytes == 1 << 30


@pytest.mark.parametrize("text", ["0", "-5", "many", "1e9", ""])
def test_a_limit_written_wrong_is_refused_naming_the_variable(monkeypatch, text):
    monkeypatch.setenv("ITA_ANALYSIS_MAX_CELL_CHARS", text)
    with pytest.raises(InputError) as caught:
        current_limits()
    (problem,) = caught.value.problems
    assert problem.file == "ITA_ANALYSIS_MAX_CELL_CHARS" and problem.value == text
    assert "a whole number above 0" in problem.expected


def test_a_limit_written_wrong_ends_the_command_with_one_line_and_no_traceback():
    r = run_in_process("validate", SAMPLE, env={"ITA_ANALYSIS_MAX_CELLS": "lots"})
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "ITA_ANALYSIS_MAX_CELLS: value 'lots': expected a whole number above 0" in r.stderr


def test_the_message_of_a_file_over_a_limit_gives_the_count_the_limit_and_the_variable():
    problem = over_limit("big.csv", "cells", 40_000_000, "cells", Limits())
    assert str(problem) == (
        "big.csv: expected at most 30,000,000 cells (this file has 40,000,000); "
        "if the file is right, raise the limit with the environment variable ITA_ANALYSIS_MAX_CELLS"
    )


def test_the_readme_lists_every_limit_with_its_default():
    rows = dict(re.findall(r"^\| `ITA_ANALYSIS_MAX_(\w+)` \| ([\d,]+(?: [GM]iB)?) \|", README.read_text(), re.M))
    units = {"GiB": 1 << 30, "MiB": 1 << 20}
    shown = {}
    for name, text in rows.items():
        number, _, unit = text.partition(" ")
        shown[name.lower()] = int(number.replace(",", "")) * units.get(unit, 1)
    assert shown == {f.name: f.default for f in fields(Limits)}
