"""`run --workers`: at least 1, at most the cores the run may use; more is refused politely (the
cores are used, and a warning line says what was asked and what is used)."""

from __future__ import annotations

import os

import pytest
from cli_run import run_in_process as run
from conftest import SAMPLE

from ita_analysis.batch import params as batch_params
from ita_analysis.cli import run as cli_run

WARNING = "--workers 48: only 2 core(s) available, so 2 worker(s) are used"


@pytest.fixture
def two_cores(monkeypatch):
    """A machine of 8 cores of which this process may use 2 (a container, taskset)."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)


@pytest.fixture
def asked(monkeypatch) -> list:
    """The run's parameters, caught before anything runs."""
    seen = []
    monkeypatch.setattr(cli_run, "_run_years", lambda params, years, force=False: seen.append(params))
    return seen


def test_capped_at_the_cores_available(two_cores):
    assert batch_params.available_cores() == 2
    assert batch_params.capped_workers(None) == (2, None)
    assert batch_params.capped_workers(1) == (1, None)
    assert batch_params.capped_workers(2) == (2, None)
    assert batch_params.capped_workers(48) == (2, WARNING)
    with pytest.raises(ValueError, match="at least 1"):
        batch_params.capped_workers(0)


def test_without_an_affinity_mask_the_machine_s_cores(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # unknown: one
    assert batch_params.available_cores() == 1
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert batch_params.capped_workers(4) == (3, "--workers 4: only 3 core(s) available, so 3 worker(s) are used")


@pytest.mark.parametrize(
    ("given", "used", "warned"), [("48", 2, True), ("2", 2, False), ("1", 1, False), (None, 2, False)]
)
def test_run_warns_once_and_uses_the_cores(two_cores, asked, tmp_path, given, used, warned):
    option = [] if given is None else ["--workers", given]
    r = run("run", "--fy", "2563", "--data", SAMPLE, "--out", tmp_path / "out", *option)
    assert r.returncode == 0, r.stderr
    assert [p.workers for p in asked] == [used]
    assert r.stderr == (WARNING + "\n" if warned else "")


@pytest.mark.parametrize("given", ["0", "-1", "-48"])
def test_none_or_fewer_workers_is_a_usage_error(asked, tmp_path, given):
    r = run("run", "--fy", "2563", "--data", SAMPLE, "--out", tmp_path / "out", "--workers", given)
    assert r.returncode == 2 and "--workers" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert asked == [] and not (tmp_path / "out").exists()
