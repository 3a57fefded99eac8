"""Each exercise keeps its own names: a right answer run again later, after the rest of the lesson, still passes.

A learner scrolls back and runs an earlier answer cell and its self-check again. If a later
cell gave one of that exercise's names another value (lesson 03 once reused `statuses`), the
right answer then fails ("Put waiting_count = 0 before the loop"). Each lesson's solution runs
top to bottom, then every exercise's answer cells and self-checks run once more, in order.
An answer that changes a given value in place (``job_ads.append(...)``) is run after its given
cell again, as the lesson tells the learner to do.
"""
from __future__ import annotations

import ast
import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell
from nbgrader.utils import is_grade, is_solution

from tests.lessons.lessons import LESSONS, SOURCE, error_text, exercises, grade_id, lesson_notebooks

pytestmark = pytest.mark.slow


def _graded_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def given_cells(nb) -> dict[str, list]:
    """For each answer cell: the locked nbgrader cells ("given" values) between the previous test cell and it."""
    found, pending = {}, []
    for cell in nb.cells:
        if cell.cell_type != "code" or not _graded_id(cell):
            continue
        if is_solution(cell) and not is_grade(cell):
            found[grade_id(cell)] = list(pending)
        elif is_grade(cell):
            pending = []
        else:
            pending.append(cell)
    return found


def changes_in_place(source: str, names: set[str]) -> bool:
    """Does *source* call a method on one of *names* (``job_ads.append(...)``)?"""
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and isinstance(node.func.value, ast.Name) and node.func.value.id in names
               for node in ast.walk(ast.parse(source)))


def set_names(sources: list[str]) -> set[str]:
    return {node.id for source in sources for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}


def again_cells(nb) -> list:
    """The cells a learner runs again at the end: per exercise, [given cells,] answers, then self-checks."""
    by_id = {_graded_id(cell): cell for cell in nb.cells if _graded_id(cell)}
    givens = given_cells(nb)
    cells = []
    for exercise in exercises(nb):
        if not exercise.tests:
            continue
        for answer in exercise.answers:
            given = givens.get(answer, [])
            if changes_in_place(by_id[answer].source, set_names([cell.source for cell in given])):
                cells += [new_code_cell(cell.source) for cell in given]
            cells.append(new_code_cell(by_id[answer].source))
        cells += [new_code_cell(by_id[test].source, metadata={"again": test}) for test in exercise.tests]
    return cells


def first_words(text: str) -> str:
    """The line of an error a learner reads first: the check's "Not yet" line, else the last line."""
    lines = text.strip().splitlines()
    return next((line for line in lines if "Not yet" in line), lines[-1] if lines else "")


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_right_answer_run_again_at_the_end_still_passes(lesson, tmp_path):
    folder = tmp_path / lesson
    shutil.copytree(SOURCE / lesson, folder)
    notebooks = [nbformat.read(path, as_version=4) for path in lesson_notebooks(folder)]
    first = notebooks[0]
    first.cells = [cell for nb in notebooks for cell in nb.cells]
    first.cells += again_cells(first)
    NotebookClient(first, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    failed = {cell.metadata["again"]: first_words(error_text(cell))
              for cell in first.cells if "again" in cell.metadata and error_text(cell).strip()}
    assert failed == {}, f"{lesson}: these self-checks fail when the right answer is run again later: {failed}"
