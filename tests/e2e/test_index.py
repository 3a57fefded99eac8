"""The laptop path (`make lab`), driven by keyboard: the learner's landing page, lessons and files.

JupyterLab is started the way `make lab` starts it: served from the learner's workspace
(my-lessons/, made by `course workspace`), with the learner's Jupyter configuration
(`python -m course.hub.binder --learner-config`) on JUPYTER_CONFIG_PATH. Screenshots land in
test-artifacts/<test>/.
"""
from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from course.authoring.workspace import prepare_workspace
from course.hub.binder import write_learner_config, write_overrides
from tests.e2e.browser import running_lab
from tests.helpers import PILOT, PILOT_NOTEBOOK, copy_course

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The flags `make lab` gives JupyterLab (Makefile), apart from --allow-root.
LAB_FLAGS = ["--LabApp.default_url=/lab/tree/index.md"]


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on a course's learner workspace, as `make lab` starts it; yields (base URL, token, course).

    One server per test: JupyterLab keeps the open tabs of a session on the server, and a test
    must start from the landing page alone, as a learner who starts `make lab` does.
    """
    course = copy_course(tmp_path / "course")
    prepare_workspace(course=course)
    with learner_lab(course, tmp_path) as (base, token):
        yield base, token, course


@contextmanager
def learner_lab(course, scratch: Path):
    """JupyterLab on *course*'s workspace as `make lab` starts it: the learner's Jupyter settings (no nbgrader),
    the kit's JupyterLab defaults (Markdown shown rendered), a HOME of its own; yields (base URL, token)."""
    learner_config = write_learner_config(scratch / "learner-jupyter", course=course)
    overrides = write_overrides(language="en", prefix=scratch / "env")
    home = scratch / "home"
    home.mkdir()
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(home),
           "JUPYTER_CONFIG_PATH": os.pathsep.join([str(course.config_dir), str(learner_config)]),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings")}
    settings = f"--LabApp.app_settings_dir={overrides.parent}"
    with running_lab(course.workspace_dir, scratch, *LAB_FLAGS, settings, env=env) as (base, token):
        yield base, token


def api(lab, path: str):
    base, token, _course = lab
    with urllib.request.urlopen(f"{base}{path}?token={token}", timeout=10) as answer:
        return json.loads(answer.read())


def open_landing_page(page, lab):
    base, token, _course = lab
    page.set_default_timeout(30_000)
    page.goto(f"{base}/?token={token}")  # the default URL `make lab` gives: the landing page
    page.locator(".jp-RenderedMarkdown h1", has_text="Code-n-Social").wait_for(timeout=60_000)


def test_the_landing_page_opens_clean_with_no_kernel(lab, page, artifacts):
    """Does the landing page open rendered, start no kernel, show no 'modified' mark, and stay unchanged on disk?"""
    _base, _token, course = lab
    landing = course.workspace_dir / "index.md"
    before = landing.read_bytes()
    open_landing_page(page, lab)
    time.sleep(5)  # longer than JupyterLab's first autosave would take to start
    page.screenshot(path=artifacts / "landing.png")
    assert api(lab, "/api/kernels") == [] and api(lab, "/api/sessions") == []
    assert page.locator(".jp-mod-dirty").count() == 0
    assert page.get_by_role("dialog").count() == 0, "a dialog (such as Select Kernel) opened"
    assert landing.read_bytes() == before
    result = Axe().run(page, context=".jp-RenderedMarkdown")
    assert result.violations_count == 0, result.generate_report()


def test_the_landing_page_says_how_to_keep_work_from_binder(lab, page, artifacts):
    """Does the landing page say that Binder sessions end, and show how to download and upload a notebook?"""
    open_landing_page(page, lab)
    rendered = page.locator(".jp-RenderedMarkdown").first
    heading = rendered.get_by_role("heading", name="On Binder: keep your work on your computer")
    heading.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "binder-note.png")
    text = rendered.inner_text()
    for words in ("10 minutes without activity", "everything in it is lost", "Download", "Upload"):
        assert words in text
    # what the page teaches works: the command palette finds Download, the file browser has an Upload button
    page.keyboard.press("Control+Shift+C")
    page.keyboard.type("Download")
    found = page.locator(".lm-CommandPalette-item", has_text="Download")
    expect(found.first).to_be_visible()
    page.screenshot(path=artifacts / "download-command.png")
    page.keyboard.press("Escape")
    expect(page.locator(".jp-FileBrowser [title^='Upload']").first).to_be_visible()


def test_a_learner_reaches_their_lesson_by_keyboard_and_sees_no_trainer_tools(lab, page, artifacts):
    """By Tab and Enter from the landing page: does the learner's own copy open, with no source/, no Nbgrader menu?"""
    base, token, course = lab
    open_landing_page(page, lab)
    link = page.get_by_role("link", name="Lesson 1: First words in Python")
    for _press in range(80):
        if link.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the link to lesson 1")
    page.keyboard.press("Enter")
    page.get_by_role("tab", name=PILOT_NOTEBOOK).wait_for(timeout=60_000)
    page.locator(".jp-NotebookPanel:visible .jp-RenderedMarkdown h1").first.wait_for(timeout=60_000)
    page.screenshot(path=artifacts / "lesson.png")
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)
    assert [s["path"] for s in api(lab, "/api/sessions")] == [f"{PILOT}/{PILOT_NOTEBOOK}"]

    menus = page.locator("#jp-MainMenu .lm-MenuBar-itemLabel").all_inner_texts()
    assert "File" in menus and "Nbgrader" not in menus
    assert page.get_by_role("button", name="Validate").count() == 0
    page.keyboard.press("Control+Shift+C")
    page.keyboard.type("assignment")
    palette = page.locator(".lm-CommandPalette-content")
    page.screenshot(path=artifacts / "palette.png")
    assert "Create Assignment" not in palette.inner_text() and "Formgrader" not in palette.inner_text()
    page.keyboard.press("Escape")

    page.get_by_title("Go to the root").or_(page.locator(".jp-BreadCrumbs-home")).first.click()
    expect(page.locator(".jp-DirListing-itemName", has_text="index.md")).to_be_visible()
    files = page.locator(".jp-DirListing-itemName").all_inner_texts()
    page.screenshot(path=artifacts / "files.png")
    assert PILOT in files and "index.md" in files
    for trainer_only in ("source", "autograded", "gradebook.db", "release", "config"):
        assert trainer_only not in files
    with pytest.raises(urllib.error.HTTPError):
        api(lab, "/formgrader/api/assignments")
    with pytest.raises(urllib.error.HTTPError):
        api(lab, "/api/contents/source")
