"""The results notebook as an analyst runs it: JupyterLab in a real browser (Playwright driving
Debian's chromium), Run All Cells, then the chart and the table are on the page.

Skips without chromium or playwright, except under CI (the CI variable set), where it fails.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import AGENCY, ROOT

from ita_analysis.batch.notebooks import ensure_kernel

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

WAIT_MS = 180_000  # a cold kernel start and the first chart take a while on a busy 2-core machine
ALL_RAN = """() => {
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def _needed(what: str) -> None:
    """Skip for lack of ``what``; under CI fail instead."""
    message = f"{what} is needed to drive JupyterLab in a browser"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        _needed("chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _needed("playwright (the dev extras)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """JupyterLab serving a copy of the notebooks (with ../data/raw beside them, as in the tree),
    its settings and workspaces in tmp_path. Yields the URL of the results notebook, token included."""
    (tmp_path / "data").mkdir()
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns("*.py", ".*"))
    ensure_kernel()
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.token={token}",
        f"--notebook-dir={tmp_path / 'notebooks'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
        command.append("--allow-root")
    with open(tmp_path / "server.log", "wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(server, f"{base}/api/status?token={token}", tmp_path / "server.log")
        yield f"{base}/lab/tree/01_results.ipynb?token={token}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)  # the server and the kernel it started
            server.wait()


def _wait_for(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail("JupyterLab exited:\n" + log.read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail("JupyterLab did not answer in 90 s:\n" + log.read_text(errors="replace")[-3000:])


@pytest.mark.slow  # JupyterLab in a browser
def test_results_notebook_runs_in_jupyterlab(chromium, lab, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(lab)
            panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            # the kernel of the notebook's metadata, started and idle
            panel.locator(".jp-Toolbar-kernelName", has_text="ita-analysis").wait_for(timeout=WAIT_MS)
            panel.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=WAIT_MS)
            panel.locator(".jp-Notebook").click()
            page.keyboard.press("Control+Shift+C")  # the command palette
            page.keyboard.type("Run All Cells")
            page.locator(".lm-CommandPalette-item.lm-mod-active", has_text="Run All Cells").wait_for()
            page.keyboard.press("Enter")
            page.wait_for_function(ALL_RAN, timeout=WAIT_MS)
            page.screenshot(path=tmp_path / "results.png")

            outputs = panel.locator(".jp-OutputArea-output")
            images = outputs.locator("img")
            assert images.count() >= 1
            assert images.first.get_attribute("src").startswith("data:image/png;base64,")
            table = outputs.locator("table").last  # the results per indicator
            assert "คะแนนเครื่องมือ" in table.inner_text() and "การปฏิบัติหน้าที่" in table.inner_text()
            # the only agency in the data is the default, and the notebook says so
            assert f"showing {AGENCY}" in outputs.all_inner_texts()[0]
            assert not panel.locator("[data-mime-type='application/vnd.jupyter.stderr']").count()
        finally:
            browser.close()
