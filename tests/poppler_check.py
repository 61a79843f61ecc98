"""The poppler tools (pdftotext, pdfinfo, pdffonts, pdfimages, pdftoppm) that the PDF tests read PDFs with.

On a developer's machine without them, the tests that need them are skipped. In CI (the environment
variable CI set, as .ci/run sets it) they fail instead: .ci/run installs poppler-utils, so a missing
tool there is a broken set-up, not a reason to pass with the PDF unchecked.
"""

from __future__ import annotations

import os
import shutil

import pytest

DEFAULT_TOOLS = ("pdftotext",)


def in_ci() -> bool:
    """Whether the tests run in CI: CI set to anything but empty, 0, false or no."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(message: str) -> None:
    """A tool or font the calling test needs is missing: skip the test, or fail it in CI, where .ci/run
    installs what the tests need (``message`` says what is missing and which package brings it)."""
    if in_ci():
        pytest.fail(f"{message} (CI is set)", pytrace=False)
    pytest.skip(message)


def have_poppler(*tools: str) -> bool:
    """True when every tool is on the PATH; False when one is missing, or a test failure in CI."""
    missing = [t for t in tools or DEFAULT_TOOLS if shutil.which(t) is None]
    if missing and in_ci():
        pytest.fail(f"poppler-utils missing in CI ({', '.join(missing)}); .ci/run installs it", pytrace=False)
    return not missing


def require_poppler(*tools: str) -> None:
    """Skip the calling test when a tool is missing (fail in CI)."""
    if not have_poppler(*tools):
        pytest.skip(f"poppler-utils not installed ({', '.join(tools or DEFAULT_TOOLS)}); .ci/run installs it")
