"""A pytest plugin for `make mutate` only (loaded with ``-p tests.mutation_plugin`` from
``[tool.mutmut]`` in pyproject.toml): every test starts with the framework files unread.

The frameworks module caches each parsed file for the life of the process. Under mutmut that hides
the parsing code from all but the first test that loads a year: mutmut would run only that test
against a change to the parser, and a mutant of the parser would survive whatever the other tests
check. Emptying the caches before each test makes every test that loads a framework parse it.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _framework_files_unread():
    from ita_analysis import frameworks

    frameworks._files.cache_clear()
    frameworks._load_path.cache_clear()
