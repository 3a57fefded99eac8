"""Lesson 02-numbers-and-decisions, graded for real: right, blank and every typical mistake in one batch."""
import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import is_grade, is_solution

from course.authoring.release import release
from course.demo.answers import typical_mistakes
from course.grading.autograde import grade
from tests.helpers import REPO, cell_scores, copy_course, right_answers, submit

pytestmark = pytest.mark.slow

LESSON = "02-numbers-and-decisions"
SOURCE = REPO / "source" / LESSON / f"{LESSON}.ipynb"
MANUAL = {"m2-make-own", "m2-reflection"}
MISTAKES = [(grade_id, number, wrong) for grade_id, answers in typical_mistakes(LESSON).items()
            for number, wrong in enumerate(answers)]


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


def student_of(grade_id: str, number: int) -> str:
    return f"wrong-{grade_id}-{number}"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One course, the lesson released, and every submission of this file graded in one batch."""
    course = copy_course(tmp_path_factory.mktemp("m2") / "course")
    release(LESSON, course=course)
    right = right_answers(course, LESSON)
    submit(course, "right", right, lesson=LESSON)
    submit(course, "blank", {}, lesson=LESSON)
    for grade_id, number, wrong in MISTAKES:
        submit(course, student_of(grade_id, number), dict(right, **{grade_id: wrong["code"]}), lesson=LESSON)
    summary = grade(LESSON, course=course)
    assert not summary.failed
    return course


def test_source_notebook_runs_with_every_check_passing(tmp_path):
    """Does the solution notebook run top to bottom, with only the error shown on purpose?"""
    nb = nbformat.read(SOURCE, as_version=4)
    NotebookClient(nb, timeout=30, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [out.ename for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error"]
    assert errors == ["TypeError"]  # the one in the cell tagged raises-exception


def test_lesson_shape_matches_the_brief():
    """Ten autograded checks of one point (start_lesson says so), two trainer-marked answers, m2- ids."""
    nb = nbformat.read(SOURCE, as_version=4)
    cells = graded_cells(nb)
    automatic = {k: v for k, v in cells.items() if k not in MANUAL}
    assert len(automatic) == 10 and set(automatic.values()) == {1}
    assert 'start_lesson("02-numbers-and-decisions", checks=10)' in nb.cells[5].source
    assert set(cells) >= MANUAL and all(k.startswith("m2-") for k in cells)
    assert set(checks_of(nb)) == set(typical_mistakes(LESSON))


def test_right_answers_score_every_automatic_point(graded):
    scores = cell_scores(graded, "right", LESSON)
    assert {k: v for k, v in scores.items() if k not in MANUAL} == {
        k: 1 for k in scores if k not in MANUAL}
    assert sum(scores.values()) == 10


def test_blank_release_scores_zero(graded):
    """Negative control: the lesson as handed out earns nothing."""
    assert sum(cell_scores(graded, "blank", LESSON).values()) == 0


@pytest.mark.parametrize("grade_id,number,wrong", MISTAKES, ids=[f"{g}-{n}" for g, n, _w in MISTAKES])
def test_a_typical_mistake_loses_points_in_its_own_exercise_only_and_says_why(graded, grade_id, number, wrong):
    student = student_of(grade_id, number)
    nb = nbformat.read(graded.folder("autograded") / student / LESSON / f"{LESSON}.ipynb", as_version=4)
    own = checks_of(nb)[grade_id]
    scores = cell_scores(graded, student, LESSON)
    lost = {k for k, v in scores.items() if k not in MANUAL and v < 1}
    assert lost and lost <= set(own)
    said = "\n".join("\n".join(out.get("traceback", [])) for cell in nb.cells
                     if is_grade(cell) and cell.metadata["nbgrader"]["grade_id"] in own for out in cell.outputs)
    assert wrong["says"] in said
