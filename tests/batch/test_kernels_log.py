"""kernels.log keeps what kernels said about the notebooks: the kernels talk over Unix sockets (no
"running over TCP without encryption" warning), also when the temporary folder's path is long, and
the lines that say nothing to the user are dropped."""

from __future__ import annotations

import os
import tempfile

import pytest

from ita_analysis.batch.notebooks import drop_kernel_noise, kernel_config

posix = pytest.mark.skipif(os.name != "posix", reason="Unix sockets")


@posix
def test_sockets_in_the_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    config = kernel_config()
    assert config.KernelManager.transport == "ipc"
    assert os.path.dirname(config.KernelManager.ip) == str(tmp_path)


@posix
def test_a_temporary_folder_too_long_for_a_socket_name_uses_tmp(tmp_path, monkeypatch):
    """A socket's name holds about 100 bytes: with a longer TMPDIR the sockets go to /tmp, not to TCP."""
    deep = tmp_path / ("ก" * 40)  # 120 bytes in UTF-8
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    config = kernel_config()
    assert config.KernelManager.transport == "ipc"
    assert os.path.dirname(config.KernelManager.ip) == "/tmp"


def test_the_noise_is_dropped(tmp_path):
    log = tmp_path / "kernels.log"
    log.write_text(
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication (including "
        "code and outputs) is sent in plain text and is susceptible to eavesdropping.\n"
        "0.00s - Debugger warning: It seems that frozen modules are being used, which may\n"
        "0.00s - make the debugger miss breakpoints. Please pass -Xfrozen_modules=off\n"
        "0.00s - to python to disable frozen modules.\n"
        "0.00s - Note: Debugging will proceed. Set PYDEVD_DISABLE_FILE_VALIDATION=1 to disable this validation.\n"
        "FutureWarning: ตัวอย่าง ข้อความที่ผู้ใช้ควรเห็น\n",
        encoding="utf-8",
    )
    drop_kernel_noise(log)
    assert log.read_text(encoding="utf-8") == "FutureWarning: ตัวอย่าง ข้อความที่ผู้ใช้ควรเห็น\n"
    drop_kernel_noise(tmp_path / "none.log")  # no kernel wrote anything: nothing to do
    assert not (tmp_path / "none.log").exists()
