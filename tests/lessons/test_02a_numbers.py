"""Lesson 02 in two parts, 02a-numbers and 02b-decisions: their shape (test_lessons_graded.py grades them for real)."""
import nbformat
import pytest
from nbgrader.utils import is_grade, is_solution

from course.curriculum import load_curriculum
from course.demo.answers import typical_mistakes
from tests.helpers import REPO
from tests.lessons.lessons import LESSONS

PARTS = {"02a-numbers": {"checks": 6, "manual": {"m2-reflection-numbers"}, "minutes": 105},
         "02b-decisions": {"checks": 6, "manual": {"m2-make-own", "m2-reflection"}, "minutes": 120}}


def notebook(lesson):
    return nbformat.read(REPO / "source" / lesson / f"{lesson}.ipynb", as_version=4)


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


@pytest.mark.parametrize("lesson", sorted(PARTS))
def test_each_part_has_the_shape_of_a_lesson(lesson):
    """Is each part its own lesson: six one-point checks (start_lesson says so), trainer-marked answers, m2- ids?"""
    nb, part = notebook(lesson), PARTS[lesson]
    cells = graded_cells(nb)
    automatic = {k: v for k, v in cells.items() if k not in part["manual"]}
    assert len(automatic) == part["checks"] and set(automatic.values()) == {1}
    assert f'start_lesson("{lesson}", checks={part["checks"]})' in "\n".join(c.source for c in nb.cells)
    assert set(cells) >= part["manual"] and all(k.startswith("m2-") for k in cells)
    assert set(checks_of(nb)) == set(typical_mistakes(lesson))
    assert nb.metadata["codensocial"]["module"] == 2 and nb.metadata["codensocial"]["estimated_minutes"] == part["minutes"]


def test_the_two_parts_replace_the_old_lesson_in_course_order():
    """Do the parts sort between lessons 01 and 03, sit in module 2 of the curriculum, with no grade_id twice?"""
    assert "02-numbers-and-decisions" not in LESSONS
    order = [name for name in LESSONS if name[:2] in ("01", "02", "03")]
    assert order == ["01-first-words", "02a-numbers", "02b-decisions", "03-lists-and-loops"]
    curriculum = load_curriculum()
    assert [n for n in curriculum.lessons if n.startswith("02")] == ["02a-numbers", "02b-decisions"]
    ids = [i for lesson in PARTS for i in graded_cells(notebook(lesson))]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lesson", sorted(PARTS))
def test_each_part_has_a_stop_point_that_says_how_to_pick_up_again(lesson):
    """Does each part (over 90 minutes) have a break with the command palette's "run all above" and saving?"""
    text = "\n".join(c.source for c in notebook(lesson).cells if c.cell_type == "markdown")
    assert "## A good place for a break" in text and "Ctrl + Shift + C" in text and "`run all above`" in text
    assert "Ctrl + S" in text and "Run > Run All Above" not in text


def test_the_hard_coded_answers_of_the_issue_are_typical_mistakes_that_must_lose_points():
    """Are can_pay = False, >, ==, a literal status, level and message graded as mistakes (test_lessons_graded)?"""
    codes = {answer: [m["code"].split("\n", 1)[1] for m in found]
             for answer, found in typical_mistakes("02b-decisions").items()}
    assert {"can_pay = False", "can_pay = cash > basket", "can_pay = cash == basket"} <= set(codes["m2-ex7-can-pay"])
    assert 'status = "Goal reached"' in codes["m2-ex9-status"]
    assert 'level = "High"' in codes["m2-ex10-level"]
    assert 'budget_message = "Warning: spending is more than income."' in codes["m2-ex12-message"]
