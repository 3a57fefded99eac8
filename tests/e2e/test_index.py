"""The laptop path (`make lab`): JupyterLab opens on index.ipynb, and its lesson link works."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.browser import running_lab
from tests.helpers import PILOT_NOTEBOOK, REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The flags `make lab` gives JupyterLab (Makefile), apart from --allow-root.
LAB_FLAGS = ["--LabApp.default_url=/lab/tree/index.ipynb"]


@pytest.fixture
def lab(released, tmp_path):
    """JupyterLab on a released course with the repository's index.ipynb, as `make lab` starts it."""
    shutil.copy(REPO / "index.ipynb", released.root / "index.ipynb")
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(home)}
    with running_lab(released.root, tmp_path, *LAB_FLAGS, env=env) as (base, token):
        yield f"{base}/?token={token}"


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
