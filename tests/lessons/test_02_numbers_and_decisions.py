"""Lesson 02-numbers-and-decisions: its shape (tests/lessons/test_lessons_graded.py grades it for real)."""
import nbformat
from nbgrader.utils import is_grade, is_solution

from course.demo.answers import typical_mistakes
from tests.helpers import REPO

LESSON = "02-numbers-and-decisions"
SOURCE = REPO / "source" / LESSON / f"{LESSON}.ipynb"
MANUAL = {"m2-make-own", "m2-reflection"}


def graded_cells(nb) -> dict[str, int]:
    return {cell.metadata["nbgrader"]["grade_id"]: cell.metadata["nbgrader"]["points"]
            for cell in nb.cells if is_grade(cell)}


def checks_of(nb) -> dict[str, list[str]]:
    """The autograded test cells after each answer cell, by the answer's grade_id."""
    found, answer = {}, None
    for cell in nb.cells:
        if is_solution(cell) and not is_grade(cell):
            answer = cell.metadata["nbgrader"]["grade_id"]
            found[answer] = []
        elif is_grade(cell) and not is_solution(cell) and answer:
            found[answer].append(cell.metadata["nbgrader"]["grade_id"])
    return found


def test_lesson_shape_matches_the_brief():
    """Ten autograded checks of one point (start_lesson says so), two trainer-marked answers, m2- ids."""
    nb = nbformat.read(SOURCE, as_version=4)
    cells = graded_cells(nb)
    automatic = {k: v for k, v in cells.items() if k not in MANUAL}
    assert len(automatic) == 10 and set(automatic.values()) == {1}
    assert 'start_lesson("02-numbers-and-decisions", checks=10)' in nb.cells[5].source
    assert set(cells) >= MANUAL and all(k.startswith("m2-") for k in cells)
    assert set(checks_of(nb)) == set(typical_mistakes(LESSON))


