"""A learner works through the pilot in a real JupyterLab, in Debian's chromium.

Runs the lesson, reads a self-check, asks for a hint, solves the Parsons problem
with the keyboard alone, fills the confidence check and saves; the saved
notebook must then hold the confidence answers.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.utils import is_solution
from playwright.sync_api import expect

from course.learner.confidence import MIME, STATEMENTS, TAG
from course.learner.questions import Parsons
from tests.e2e.browser import open_lab, running_lab
from tests.helpers import PILOT, PILOT_NOTEBOOK, right_answers

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PARSONS_LINES = [
    'first_name = "Amina"',
    'full_name = first_name + " Diallo"',
    'line = f"Name: {full_name}"',
    "print(line)",
]
RATINGS = {"run-code": "4: Mostly", "write-program": "2: A little", "ask-help": "5: Completely"}


def learner_copy(course, folder: Path) -> Path:
    """The release notebook with the right answers typed in, as a learner's file."""
    folder.mkdir(parents=True)
    notebook = folder / PILOT_NOTEBOOK
    nb = nbformat.read(course.folder("release") / PILOT / PILOT_NOTEBOOK, as_version=4)
    answers = right_answers(course)
    for cell in nb.cells:
        if is_solution(cell):
            cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
    nbformat.write(nb, notebook)
    return notebook


@pytest.fixture
def lab(released, tmp_path):
    """JupyterLab on 127.0.0.1 (free port, token) serving a learner's copy of the pilot; stopped afterwards."""
    root = tmp_path / "learner"
    notebook = learner_copy(released, root)
    env = dict(os.environ, CODENSOCIAL_PROGRESS=str(tmp_path / "progress.json"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"))
    env.pop("CODENSOCIAL_TEXT", None)
    with running_lab(root, tmp_path, env=env) as (base, token):
        yield {"url": f"{base}/lab/tree/{PILOT_NOTEBOOK}?token={token}", "notebook": notebook}


def saved_confidence(notebook: Path) -> dict | None:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if TAG in cell.get("metadata", {}).get("tags", []):
            values = [out["data"][MIME] for out in cell.get("outputs", []) if MIME in out.get("data", {})]
            return values[-1] if values else None
    return None


def test_a_learner_works_through_the_pilot_in_jupyterlab(lab, page, artifacts):
    open_lab(page, lab["url"])
    page.screenshot(path=artifacts / "1-opened.png")

    # Run the whole lesson (the answers are filled in), as "Run > Run All Cells" does.
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    expect(page.get_by_text("Lessons done: 1 of 1.")).to_be_visible(timeout=60_000)
    page.screenshot(path=artifacts / "2-ran-all.png")

    # A self-check speaks in plain words, and the error on purpose is explained.
    expect(page.get_by_text("✓ Well done! Exercise 1: the public checks passed.")).to_be_visible()
    expect(page.get_by_text("Python does not know the name").first).to_be_attached()
    expect(page.get_by_text("all 8 checks passed. Lesson done!")).to_be_visible()

    # Ask for the next hint of Exercise 1.
    hint = page.get_by_role("button", name="Show next hint (1 of 3)").first
    hint.scroll_into_view_if_needed()
    hint.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Hint 1 of 3: Text goes between quotes")).to_be_visible()
    expect(page.get_by_role("button", name="Show next hint (2 of 3)")).to_be_visible()
    page.screenshot(path=artifacts / "3-hint.png")

    a_wrong_answer_gets_a_friendly_check(page, artifacts)
    solve_parsons_by_keyboard(page, artifacts)
    fill_confidence_check(page, artifacts)

    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (saved_confidence(lab["notebook"]) or {}).get("saved_at"):
        time.sleep(0.3)
    page.screenshot(path=artifacts / "6-saved.png")
    value = saved_confidence(lab["notebook"])
    assert value is not None, "the saved notebook holds no confidence answers"
    assert value["moment"] == "lesson-end" and value["lesson"] == PILOT and value["version"] == 1
    assert value["answers"] == {"run-code": 4, "write-program": 2, "fix-error": None, "ask-help": 5,
                                "it-future": None}
    assert value["saved_at"].endswith("Z")


def a_wrong_answer_gets_a_friendly_check(page, artifacts) -> None:
    """Type a wrong answer into Exercise 1, then Shift+Enter down to its self-check."""
    answer = page.locator(".jp-CodeCell").filter(has_text='city = "Sofia"').first
    answer.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type('city = "sofia"')
    for _cell in range(4):  # the answer, the hint cell, the "Self-check." text, the self-check
        page.keyboard.press("Shift+Enter")
    check = page.locator(".jp-CodeCell").filter(has_text='c.exercise("ex1-city-check"').first
    expect(check).to_contain_text("✗ Not yet. `city` holds 'sofia'. Check the small and capital letters")
    expect(check).to_contain_text("Then run this check again.")
    expect(check).not_to_contain_text("Traceback")
    expect(check).not_to_contain_text("Well done")
    page.screenshot(path=artifacts / "3b-friendly-failure.png")


def solve_parsons_by_keyboard(page, artifacts) -> None:
    """Only focus and keys: focus a line's button and press Space to choose it, then Space on "Move up"."""
    item = Parsons("order-card", PARSONS_LINES)  # the same fixed shuffle the learner sees
    # JupyterLab draws outputs when they scroll into view.
    page.get_by_role("heading", name="Put a program in order").scroll_into_view_if_needed()
    # Buttons with an icon: the icon font's glyph is part of the accessible name, so match a part of it.
    move_up = page.get_by_role("button", name="Move up")
    move_up.scroll_into_view_if_needed()
    feedback = move_up.locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]")
    for target in range(len(item.lines)):
        position = item.order.index(target)
        if position == target:
            continue
        line = page.get_by_role("button", name=f"{position + 1}. {item.lines[target]}")
        line.focus()
        page.keyboard.press("Space")
        expect(feedback).to_contain_text(f"Chosen: line {position + 1}")
        move_up.focus()
        for step in range(position - target):
            page.keyboard.press("Space")
            expect(feedback).to_contain_text(f"It is now line {position - step} of {len(item.lines)}")
            item.move(position - step, -1)
    page.keyboard.press("Tab")  # "Move down"
    page.keyboard.press("Tab")  # "Check order"
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text("✓ Right order!")
    page.screenshot(path=artifacts / "4-parsons.png")


def fill_confidence_check(page, artifacts) -> None:
    """Keyboard too: focus a sentence's choice and type the number."""
    for key, label in RATINGS.items():
        choice = page.get_by_label(STATEMENTS[key])
        choice.scroll_into_view_if_needed()
        choice.focus()
        page.keyboard.press(label[0])
        expect(choice.locator("option:checked")).to_have_text(label)
    for words in ("I can open a notebook and run code. 4 of 5: Mostly", "5 of 5: Completely"):
        expect(page.get_by_text(words)).to_be_visible()
    page.screenshot(path=artifacts / "5-confidence.png")
