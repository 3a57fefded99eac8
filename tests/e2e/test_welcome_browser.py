"""A learner starts the course (00-welcome) in a real JupyterLab, in Debian's chromium.

Runs the lesson, ticks the skills inventory with the keyboard alone, rates one
confidence statement and saves: the saved notebook must hold both answers.
After a kernel restart the inventory comes back ticked, read from that file.
"""
from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.utils import is_solution
from playwright.sync_api import expect

from course.authoring.release import release
from course.curriculum import load_curriculum
from course.learner import confidence
from course.learner.inventory import ACTIVITIES, MIME
from tests.e2e.browser import open_lab, running_lab
from tests.helpers import right_answers

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "00-welcome"
NOTEBOOK = f"{LESSON}.ipynb"
TICKED = ["send-photo", "spot-scam", "phone-setting"]


@pytest.fixture
def lab(course, tmp_path):
    """JupyterLab serving a learner's copy of 00-welcome with the right answers typed in; stopped afterwards."""
    release(LESSON, course=course)
    root = tmp_path / "learner"
    root.mkdir()
    nb = nbformat.read(course.folder("release") / LESSON / NOTEBOOK, as_version=4)
    answers = right_answers(course, LESSON)
    for cell in nb.cells:
        if is_solution(cell):
            cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
    nbformat.write(nb, root / NOTEBOOK)
    env = dict(os.environ, CODENSOCIAL_PROGRESS=str(tmp_path / "progress.json"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"))
    env.pop("CODENSOCIAL_TEXT", None)
    with running_lab(root, tmp_path, env=env) as (base, token):
        yield {"url": f"{base}/lab/tree/{NOTEBOOK}?token={token}", "notebook": root / NOTEBOOK}


def saved(notebook: Path, mime: str) -> dict | None:
    """The last value of *mime* in the notebook file as JupyterLab saved it."""
    found = None
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            found = out.get("data", {}).get(mime, found)
    return found


def run_all(page) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    expect(page.get_by_text(f"Lessons done: 1 of {len(load_curriculum().lessons)}.")).to_be_visible(timeout=60_000)


def test_a_learner_ticks_the_skills_inventory_saves_and_finds_it_after_a_restart(lab, page, artifacts):
    open_lab(page, lab["url"])
    run_all(page)
    expect(page.get_by_text("all 9 checks passed. Lesson done!")).to_be_visible()
    page.screenshot(path=artifacts / "1-ran-all.png")

    for key in TICKED:  # keyboard only: focus the labelled checkbox, press Space
        box = page.get_by_label(ACTIVITIES[key][1])
        box.scroll_into_view_if_needed()
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    expect(page.get_by_text("You already use 3 of the 5 areas of digital skills").first).to_be_visible()
    page.keyboard.press("Escape")  # back to the cell, as the instruction says
    assert page.evaluate("() => document.activeElement.classList.contains('jp-Cell')")
    rating = page.get_by_label(confidence.STATEMENTS["run-code"])
    rating.scroll_into_view_if_needed()
    rating.focus()
    page.keyboard.press("3")
    page.screenshot(path=artifacts / "2-inventory.png")

    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (saved(lab["notebook"], MIME) or {}).get("saved_at"):
        time.sleep(0.3)
    value = saved(lab["notebook"], MIME)
    assert value is not None, "the saved notebook holds no skills inventory"
    assert {key for key, yes in value["done"].items() if yes} == set(TICKED)  # saved with sorted keys
    assert value["digcomp"] == ["2.2", "4.2", "5.2"] and value["lesson"] == LESSON
    rated = saved(lab["notebook"], confidence.MIME)
    assert rated["moment"] == "course-start" and rated["answers"]["run-code"] == 3

    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    # Restart and clear every output, so what shows next comes from the new kernel only.
    page.get_by_role("menuitem", name=re.compile("^Restart Kernel and Clear")).click()
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)
    run_all(page)
    for key in ACTIVITIES:
        box = page.get_by_label(ACTIVITIES[key][1])
        (expect(box).to_be_checked if key in TICKED else expect(box).not_to_be_checked)()
    page.get_by_label(ACTIVITIES["send-photo"][1]).scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "3-after-restart.png")
