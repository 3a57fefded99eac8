"""The laptop path (`make lab`): JupyterLab opens on index.ipynb, and its lesson link works."""
from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import PILOT_NOTEBOOK, REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The flags `make lab` gives JupyterLab (Makefile), apart from --allow-root.
LAB_FLAGS = ["--no-browser", "--LabApp.default_url=/lab/tree/index.ipynb"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def lab(released, tmp_path):
    """JupyterLab on a released course with the repository's index.ipynb, as `make lab` starts it."""
    shutil.copy(REPO / "index.ipynb", released.root / "index.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", *LAB_FLAGS, "--allow-root",
               f"--ServerApp.root_dir={released.root}", f"--ServerApp.port={port}",
               f"--IdentityProvider.token={token}", "--ServerApp.ip=127.0.0.1"]
    env_home = tmp_path / "home"
    env_home.mkdir()
    with open(tmp_path / "lab.log", "wb") as log:
        server = subprocess.Popen(command, cwd=released.root, stdout=log, stderr=subprocess.STDOUT,
                                  env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(env_home)})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text()[-3000:])
                time.sleep(0.3)
        yield f"{url}/?token={token}"
    finally:
        server.terminate()
        server.wait(20)


def test_lab_opens_on_the_index_and_its_link_opens_the_lesson(lab, page, artifacts):
    """Does a learner land on the index, with no accessibility problem in it, and reach lesson 1 by its link?"""
    page.goto(lab)
    page.locator(".jp-RenderedMarkdown h1", has_text="Code-n-Social").wait_for(timeout=60_000)
    page.screenshot(path=artifacts / "index.png")
    result = Axe().run(page, context=".jp-RenderedMarkdown")
    assert result.violations_count == 0, result.generate_report()
    page.get_by_role("link", name="Lesson 1: First words in Python").click()
    page.get_by_role("tab", name=PILOT_NOTEBOOK).wait_for(timeout=60_000)
    page.locator(".jp-NotebookPanel:visible .jp-RenderedMarkdown h1").first.wait_for(timeout=60_000)
    page.screenshot(path=artifacts / "lesson.png")
