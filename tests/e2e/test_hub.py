"""A cohort works through the pilot lesson on a real JupyterHub, in a real browser.

The hub runs as root with real Unix users (course.hub.demo), the pure-Python
configurable-http-proxy, and Debian's chromium driven by Playwright. Steps:
trainer releases -> learner 1 answers and submits -> learner 2 submits a wrong
answer -> trainer collects, grades and reports -> learner 1 reads the feedback.
A screenshot of each step goes to test-artifacts/<test>/.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.utils import is_grade, is_solution

from course.demo.cohort import solutions
from course.hub.demo import DemoHub, demo_hub
from tests.helpers import PILOT, PILOT_NOTEBOOK

pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.slow]

LEARNER, WRONG_LEARNER = "cns-learner1", "cns-learner2"
STEP_TIMEOUT_MS = 90_000


def free_port_base() -> int:
    """A port p such that p .. p+3 are free (the hub's public, inner, proxy-API and formgrader ports)."""
    for base in range(18600, 19600, 10):
        try:
            for port in range(base, base + 4):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise RuntimeError("no free ports for the hub")


@pytest.fixture(scope="module")
def hub():
    if os.geteuid() != 0:
        pytest.fail("The hub test needs root: it makes Unix users and starts servers as them.")
    with demo_hub(port=free_port_base()) as running:
        yield running


# --- small steps, by what a person does ----------------------------------------

def wait_for(condition, *, what: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def log_in(browser, hub: DemoHub, user: str):
    """A new browser context for *user*, logged in through the hub's login form, with JupyterLab open."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(hub.settings.url + "/hub/login")
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(hub.passwords[user])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("menuitem", name="Nbgrader").wait_for(timeout=STEP_TIMEOUT_MS)
    return page


def run_in_terminal(page, command: str) -> None:
    page.locator(".jp-LauncherCard", has_text="Terminal").first.click()
    page.locator(".jp-Terminal .xterm-helper-textarea").wait_for(state="attached", timeout=STEP_TIMEOUT_MS)
    page.locator(".jp-Terminal").first.click()
    page.keyboard.type(command + "\n")


def open_assignments(page) -> None:
    page.get_by_role("menuitem", name="Nbgrader").click()
    page.get_by_role("menuitem", name="Assignment List").click()
    page.locator("#released_assignments_list, #fetched_assignments_list").first.wait_for()


def as_trainer(hub: DemoHub, *command: str, sudo: bool = False) -> subprocess.CompletedProcess:
    """Run a command as the trainer, in the course folder, as the trainer's terminal would
    (with *sudo*: as root, with the trainer's environment, as `sudo` from that terminal would)."""
    env = {
        "HOME": f"/home/{hub.trainer}", "USER": hub.trainer, "LANG": "C.UTF-8",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
        "CODENSOCIAL_EXCHANGE": str(hub.settings.exchange),
    }
    user = [] if sudo else ["runuser", "-u", hub.trainer, "--"]
    return subprocess.run([*user, "env", "-i", *(f"{k}={v}" for k, v in env.items()), *command],
                          cwd=hub.settings.course_root, capture_output=True, text=True, timeout=300)


def learner_notebook(user: str) -> Path:
    return Path(f"/home/{user}/code-n-social/{PILOT}/{PILOT_NOTEBOOK}")


def answer_cells(notebook: Path) -> list[tuple[int, str, int | None]]:
    """(position, grade_id, position of the next self-check cell) of each code answer cell."""
    cells = nbformat.read(notebook, as_version=4).cells
    found = []
    for index, cell in enumerate(cells):
        if cell.cell_type == "code" and is_solution(cell):
            check = next((later for later in range(index + 1, len(cells))
                          if is_grade(cells[later]) and not is_solution(cells[later])), None)
            found.append((index, cell.metadata["nbgrader"]["grade_id"], check))
    return found


def type_into_cell(page, index: int, text: str) -> None:
    """Click into cell *index*, go below the stub line, and type *text* line by line."""
    cell = page.locator(".jp-NotebookPanel:visible .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    for line in text.splitlines():
        page.keyboard.press("Enter")
        page.keyboard.press("Home")  # no automatic indent: answers start at the margin
        page.keyboard.type(line)


def run_cell(page, index: int):
    """Select cell *index*, run it (Shift+Enter), and wait for its result; return the cell."""
    cell = page.locator(".jp-NotebookPanel:visible .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")
    cell.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(timeout=STEP_TIMEOUT_MS)
    return cell


def saved_with(notebook: Path, text: str) -> bool:
    try:
        return any(text in cell.source for cell in nbformat.read(notebook, as_version=4).cells)
    except Exception:  # the server may be half-way through writing it
        return False


def has_error(cell) -> bool:
    return cell.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() > 0


def work_and_submit(page, hub: DemoHub, user: str, answers: dict[str, str], artifacts: Path, step: str) -> bool:
    """Fetch the pilot, type *answers* (by grade_id), run the first self-check, save, submit.

    Returns whether the self-check showed a problem.
    """
    open_assignments(page)
    page.locator("#released_assignments_list").get_by_role("button", name="Fetch").click()
    page.locator("#fetched_assignments_list a.assignment-notebooks-link").click()
    page.locator("#fetched_assignments_list .nested_list_item a", has_text=PILOT).click()
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for(timeout=STEP_TIMEOUT_MS)
    cells = answer_cells(learner_notebook(user))
    for index, grade_id, _check in cells:
        if grade_id in answers:
            type_into_cell(page, index, answers[grade_id])
    first_answer, _grade_id, first_check = cells[0]
    run_cell(page, first_answer)
    check = run_cell(page, first_check)
    problem = has_error(check)
    page.keyboard.press("Control+s")
    typed = next(iter(answers.values())).splitlines()[0]
    wait_for(lambda: saved_with(learner_notebook(user), typed), what=f"{user}'s notebook to be saved")
    page.screenshot(path=artifacts / f"{step}-answered.png")
    page.get_by_role("tab", name="Assignments").click()
    page.locator("#fetched_assignments_list").get_by_role("button", name="Submit").click()
    page.locator("#submitted_assignments_list .list_item").first.wait_for(timeout=STEP_TIMEOUT_MS)
    page.screenshot(path=artifacts / f"{step}-submitted.png")
    return problem


def trainer_sees_the_formgrader(page, hub: DemoHub, artifacts: Path) -> None:
    """The formgrader service opens for the trainers' group and lists the released lesson."""
    page.goto(f"{hub.settings.url}/services/code-n-social/formgrader")
    page.get_by_text("Manage Assignments").first.wait_for(timeout=STEP_TIMEOUT_MS)
    page.get_by_text(PILOT).first.wait_for(timeout=STEP_TIMEOUT_MS)
    page.screenshot(path=artifacts / "1-trainer-formgrader.png")
    page.goto(f"{hub.settings.url}/user/{hub.trainer}/lab")
    page.get_by_role("menuitem", name="Nbgrader").wait_for(timeout=STEP_TIMEOUT_MS)


def scores(hub: DemoHub) -> dict[str, tuple[float, float]]:
    """Each learner's (score, max score) on the pilot, read from the trainer's gradebook."""
    with Gradebook(f"sqlite:///{hub.settings.course_root / 'gradebook.db'}") as gradebook:
        return {s.student.id: (s.score, s.max_score) for s in gradebook.assignment_submissions(PILOT)}


def autograded_points(source: Path) -> float:
    """The points a program can give (self-check cells), not those a trainer gives by hand."""
    cells = nbformat.read(source, as_version=4).cells
    return sum(c.metadata["nbgrader"]["points"] for c in cells if is_grade(c) and not is_solution(c))


# --- the test ----------------------------------------------------------------

def test_a_cohort_works_through_the_pilot_on_the_hub(hub, chromium, artifacts):
    """Can a trainer and two learners go from release to feedback on the hub, in a browser?"""
    source = hub.settings.course_root / "source" / PILOT / PILOT_NOTEBOOK
    right = solutions(source)
    exchange_course = hub.settings.exchange / "code-n-social"

    # 1. The trainer logs in and releases the pilot from a terminal in JupyterLab.
    trainer = log_in(chromium, hub, hub.trainer)
    run_in_terminal(trainer, f"cd code-n-social && course release {PILOT}")
    wait_for(lambda: list((exchange_course / "outbound" / PILOT).glob("*.ipynb")), what="the release in the exchange")
    trainer.screenshot(path=artifacts / "1-trainer-released.png")
    trainer_sees_the_formgrader(trainer, hub, artifacts)

    # 2. A learner fetches it, types the right answers, runs a self-check, saves and submits.
    learner = log_in(chromium, hub, LEARNER)
    assert not work_and_submit(learner, hub, LEARNER, right, artifacts, "2-learner1"), \
        "the self-check showed a problem for right answers"

    # 3. A second learner makes the capital-letter mistake of exercise 1 and submits.
    other = log_in(chromium, hub, WRONG_LEARNER)
    first_grade_id = answer_cells(learner_notebook(LEARNER))[0][1]
    wrong = {first_grade_id: right[first_grade_id].replace("city", "City")}
    assert work_and_submit(other, hub, WRONG_LEARNER, wrong, artifacts, "3-learner2"), \
        "the self-check stayed silent about a wrong answer"
    refused = other.goto(f"{hub.settings.url}/services/code-n-social/formgrader")
    assert refused.status == 403, "a learner could open the formgrader service"
    other.context.close()

    # 4. The trainer collects, grades and reports.
    # The grader jails learner code, which takes root: the trainer runs it with sudo (docs/hub.md).
    for command, sudo in ((["course", "collect", PILOT], False), (["course", "grade", PILOT], True),
                          (["course", "report"], False)):
        done = as_trainer(hub, *command, sudo=sudo)
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    report = Path(done.stdout.strip().splitlines()[-1])
    assert report.is_file() and report.stat().st_size > 0
    trainer.goto(f"{hub.settings.url}/user/{hub.trainer}/files/{report.relative_to(Path(f'/home/{hub.trainer}'))}")
    trainer.screenshot(path=artifacts / "4-trainer-report.png", full_page=True)
    got = scores(hub)
    assert set(got) == {LEARNER, WRONG_LEARNER}, "the gradebook does not tell the two learners apart"
    best = autograded_points(source)
    assert got[LEARNER] [0] == best, f"{LEARNER} answered everything right: {got}"
    assert got[WRONG_LEARNER][0] == 0, f"{WRONG_LEARNER} answered nothing right: {got}"

    # 5. The trainer returns feedback; the learner fetches it in the panel and opens it.
    for command in (["course", "feedback", PILOT], ["nbgrader", "release_feedback", PILOT]):
        done = as_trainer(hub, *command)
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    learner.get_by_role("tab", name="Assignments").click()
    learner.locator("#refresh_assignments_list").click()
    learner.locator("#submitted_assignments_list").get_by_role("button", name="Fetch Feedback").click()
    feedback_dir = learner_notebook(LEARNER).parent / "feedback"
    page_file = wait_for(lambda: next(feedback_dir.glob(f"*/{PILOT}.html"), None), what="the feedback in the learner's folder")
    learner.screenshot(path=artifacts / "5-learner-fetched-feedback.png")
    relative = page_file.relative_to(Path(f"/home/{LEARNER}"))
    learner.goto(f"{hub.settings.url}/user/{LEARNER}/files/{relative}")
    learner.get_by_text(re.compile(r"Points")).first.wait_for()
    learner.screenshot(path=artifacts / "5-learner-feedback.png", full_page=True)
    assert f"{best:g}" in learner.content()
