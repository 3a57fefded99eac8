"""Debian's chromium driven by Playwright, shared by every browser test.

Playwright's own browser download does not work on these machines, so the tests
launch the system chromium. Screenshots go to test-artifacts/<test name>/ at the
course root, which CI keeps as artifacts.
"""
from __future__ import annotations

import os
import re
import shutil
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
