"""Debian's chromium driven by Playwright, shared by every browser test.

Playwright's own browser download does not work on these machines, so the tests
launch the system chromium. Screenshots go to test-artifacts/<test name>/ at the
course root, which CI keeps as artifacts.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CODENSOCIAL_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flag chromium keeps dialling Google's hosts,
# which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} is not installed: apt-get install chromium"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[test]'"
    return None


def artifact_dir(test_name: str) -> Path:
    """A clean folder for one test's screenshots."""
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_lab(root: Path, scratch: Path, *flags: str, env: dict | None = None):
    """JupyterLab on 127.0.0.1 (free port, token) serving *root*; yields (base URL, token).
    Stopped, with its children, at the end."""
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ if env is None else env)
    env.setdefault("JUPYTER_RUNTIME_DIR", str(scratch / "runtime"))
    command = [
        str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={scratch / 'workspaces'}", *flags,
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = scratch / "lab.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/api/status?token={token}", server, log_path)
        yield base, token
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def _wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    import pytest

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail("JupyterLab stopped at start:\n" + log.read_text(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail("JupyterLab did not answer within a minute:\n" + log.read_text(errors="replace")[-2000:])


def open_lab(page, url: str) -> None:
    """Open JupyterLab at *url* and wait until the notebook shows and its kernel is idle.

    The timeouts allow for two shared cores, where the kernel can be slow to answer.
    """
    from playwright.sync_api import expect

    page.set_default_timeout(30_000)
    expect.set_options(timeout=15_000)
    page.goto(url)
    expect(page.locator(".jp-Notebook")).to_be_visible(timeout=60_000)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)
