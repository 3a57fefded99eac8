"""A learner works through the pilot in a real JupyterLab, in Debian's chromium.

Runs the lesson, reads a self-check, asks for a hint, solves the Parsons problem
with the keyboard alone, fills the confidence check and saves; the saved
notebook must then hold the confidence answers.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbgrader.utils import is_solution
from playwright.sync_api import expect

from course.curriculum import load_curriculum
from course.hub.binder import write_overrides
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
    """The release folder (notebook and lesson data) with the right answers typed in, as a learner's files."""
    shutil.copytree(course.folder("release") / PILOT, folder)
    notebook = folder / PILOT_NOTEBOOK
    nb = nbformat.read(course.folder("release") / PILOT / PILOT_NOTEBOOK, as_version=4)
    answers = right_answers(course)
    for cell in nb.cells:
        if is_solution(cell):
            cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
    nbformat.write(nb, notebook)
    return notebook


def kit_settings(folder: Path) -> str:
    """The flag that gives JupyterLab the kit's settings, as Binder, the hub and `make lab` do."""
    overrides = write_overrides(language="en", prefix=folder)
    return f"--LabApp.app_settings_dir={overrides.parent}"


@pytest.fixture
def lab(released, tmp_path):
    """JupyterLab on 127.0.0.1 (free port, token) serving a learner's copy of the pilot; stopped afterwards."""
    root = tmp_path / "learner"
    notebook = learner_copy(released, root)
    env = dict(os.environ, CODENSOCIAL_PROGRESS=str(tmp_path / "progress.json"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"))
    env.pop("CODENSOCIAL_TEXT", None)
    with running_lab(root, tmp_path, kit_settings(tmp_path / "prefix"), env=env) as (base, token):
        yield {"url": f"{base}/lab/tree/{PILOT_NOTEBOOK}?token={token}", "notebook": notebook,
               "base": base, "token": token}


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
    expect(page.get_by_text(f"Lessons done: 1 of {len(load_curriculum().lessons)}.")).to_be_visible(timeout=60_000)
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
    expect(check).to_contain_text("✗ Not yet. city holds 'sofia'. Check the small and capital letters")
    expect(check.locator("[role=status] code").first).to_have_text("city")  # code, not backticks read aloud
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
    feedback = move_up.locator("xpath=ancestor::div[contains(@class,'codensocial-control')][1]")
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


# --- keyboard, screen reader, reopening --------------------------------------------------------

FOCUS = """() => {
  const a = document.activeElement, cells = [...document.querySelectorAll('.jp-Notebook-cell')];
  const cell = a.closest('.jp-Notebook-cell');
  return {tag: a.tagName.toLowerCase(), type: a.type || '', text: (a.textContent || a.value || '').trim(),
          checked: !!a.checked, cell: cells.indexOf(cell), isCell: a === cell,
          active: cells.findIndex(c => c.classList.contains('jp-mod-active'))};
}"""


def focus(page) -> dict:
    """Where the keyboard is: the focused element, the cell it is in, and JupyterLab's active cell."""
    return page.evaluate(FOCUS)


def run_all(page) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    expect(page.get_by_text(re.compile(r"Lessons done: 1 of \d\."))).to_be_visible(timeout=60_000)


def code_cell(page, words: str):
    """The first code cell whose code holds *words*, with the keyboard on it (as after the arrow keys)."""
    cell = page.locator(".jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text=words)).first
    cell.scroll_into_view_if_needed()
    cell.focus()
    return cell


def test_each_widget_keeps_its_keys_and_esc_goes_back_to_the_cell(lab, page, artifacts):
    """By keyboard only: Tab from a cell reaches its answers; the arrow keys change a choice (JupyterLab does
    not move to another cell); Enter checks; Esc comes back to the cell and the notebook keys work again."""
    open_lab(page, lab["url"])
    run_all(page)

    cell = code_cell(page, "predict(")
    start = focus(page)
    assert start["isCell"] and start["active"] == start["cell"]
    expect(cell.locator(".codensocial-help")).to_contain_text(
        "press Tab to reach the answers. The arrow keys change your choice.")
    expect(cell.locator("fieldset legend")).to_contain_text("Predict:")  # the radios' group name
    page.keyboard.press("Tab")
    first = focus(page)
    assert first["type"] == "radio" and first["cell"] == start["cell"], first
    page.keyboard.press("ArrowDown")
    moved = focus(page)
    assert moved["type"] == "radio" and moved["checked"] and moved["active"] == start["cell"], moved
    page.screenshot(path=artifacts / "1-predict-arrow.png")
    page.keyboard.press("ArrowUp")  # back to the first choice, the right one
    page.keyboard.press("Tab")
    assert focus(page)["text"] == "Check"
    page.keyboard.press("Enter")
    expect(cell.locator("[role=status]")).to_contain_text("✓ Right!")
    page.keyboard.press("Escape")
    back = focus(page)
    assert back["isCell"] and back["cell"] == start["cell"], back
    page.keyboard.press("ArrowDown")  # JupyterLab's own keys again: the next cell
    assert focus(page)["active"] == start["cell"] + 1

    cell = code_cell(page, "confidence_check(")
    page.keyboard.press("Tab")
    assert focus(page)["tag"] == "select"
    for _step in range(4):
        page.keyboard.press("ArrowDown")
    assert focus(page)["active"] == focus(page)["cell"]
    expect(cell.locator("select").first).to_have_value("4")
    expect(cell).to_contain_text("I can open a notebook and run code. 4 of 5: Mostly")
    page.keyboard.press("Tab")
    page.keyboard.press("2")
    expect(cell.locator("select").nth(1)).to_have_value("2")
    expect(cell).to_contain_text("makes a decision. 2 of 5: A little")  # the kernel has the answer
    page.screenshot(path=artifacts / "2-confidence.png")
    page.keyboard.press("Control+s")  # JupyterLab's shortcuts with Ctrl still work inside a widget
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (saved_confidence(lab["notebook"]) or {}).get("answers", {}).get(
            "write-program"):
        time.sleep(0.3)
    assert saved_confidence(lab["notebook"])["answers"]["write-program"] == 2
    page.keyboard.press("Escape")
    assert focus(page)["isCell"]

    cell = code_cell(page, 'hints("ex1"')
    page.keyboard.press("Tab")
    assert focus(page)["text"] == "Show next hint (1 of 3)"
    page.keyboard.press("Enter")
    status = cell.locator(".codensocial-control [role=status]")
    expect(status).to_contain_text("Hint 1 of 3:")
    expect(status).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Escape")
    assert focus(page)["isCell"]
    page.screenshot(path=artifacts / "3-hint.png")


def test_a_reopened_lesson_shows_its_widgets_and_works_after_running_the_cells_above(lab, page, artifacts):
    """Save, close (the kernel is gone), open again: no "Error displaying widget"; then the command palette's
    "run all above" (as the lessons teach it) brings the widgets back to life."""
    open_lab(page, lab["url"])
    run_all(page)
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "widgets" not in json.loads(lab["notebook"].read_text())["metadata"]:
        time.sleep(0.3)
    for session in json.loads(urllib.request.urlopen(f"{lab['base']}/api/sessions?token={lab['token']}").read()):
        urllib.request.urlopen(urllib.request.Request(
            f"{lab['base']}/api/sessions/{session['id']}?token={lab['token']}", method="DELETE"))

    open_lab(page, lab["url"])
    expect(page.get_by_role("radio").first).to_be_attached(timeout=30_000)
    expect(page.get_by_role("button", name="Check order")).to_be_attached()
    time.sleep(2)  # every widget has had its chance to fail
    assert page.get_by_text("Error displaying widget").count() == 0
    stale = code_cell(page, "predict(")  # the saved copy answers with what to do
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(stale.locator("[role=status]")).to_contain_text("Run the cells above again", timeout=10_000)
    page.screenshot(path=artifacts / "1-reopened.png")

    # The lessons' words: "press Esc, then Ctrl + Shift + C (the command palette), type run all above, press Enter".
    restored = page.locator(".jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text="predict(")).first
    restored.locator(".codensocial-control").evaluate("node => node.setAttribute('data-restored', '')")
    cell = code_cell(page, 'hints("ex1"')
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Shift+C")
    page.keyboard.type("run all above")
    expect(page.locator(".lm-CommandPalette-item.lm-mod-active")).to_contain_text("Run All Above Selected Cell")
    page.keyboard.press("Enter")
    expect(restored.locator(".codensocial-control:not([data-restored])")).to_be_attached(timeout=60_000)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)
    predict = code_cell(page, "predict(")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(predict.locator("[role=status]")).to_contain_text("✓ Right!")  # the new kernel answers
    assert cell.locator(".codensocial-control").count() == 1
    page.screenshot(path=artifacts / "2-after-run-all-above.png")


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
WHOSE = """(selector) => {
  const node = document.querySelector(selector);
  if (!node) return 'jupyterlab';
  if (node.closest('.jp-OutputArea-output')) return 'kit';
  if (node.closest('.jp-MarkdownOutput')) return 'lesson';
  return 'jupyterlab';
}"""


def test_axe_finds_nothing_in_the_kits_widgets_and_results(lab, page, artifacts):
    """axe-core on the lesson in JupyterLab, every widget shown: none of the violations are the kit's
    (cell outputs). JupyterLab's own (its editors, menus, toolbars) and the lesson text's are counted apart,
    for the record (test-artifacts/<test>/axe-counts.json)."""
    from axe_playwright_python.sync_playwright import Axe

    open_lab(page, lab["url"])
    run_all(page)
    code_cell(page, 'hints("ex1"')
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # a hint shown too
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    counts = {"kit": [], "lesson": [], "jupyterlab": []}
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            counts[page.evaluate(WHOSE, node["target"][0])].append(f"{violation['id']}: {node['target']}")
    (artifacts / "axe-counts.json").write_text(json.dumps(counts, indent=1))
    print({whose: len(found) for whose, found in counts.items()})
    assert counts["kit"] == []
