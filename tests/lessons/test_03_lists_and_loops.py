"""Lesson 03-lists-and-loops, graded for real by nbgrader: the solution, a blank release and every typical mistake."""
import shutil

import nbformat
import pytest

from course.authoring.release import release
from course.demo.answers import typical_mistakes
from course.grading.autograde import grade
from tests.helpers import cell_scores, copy_course, right_answers, submit, total_score

pytestmark = pytest.mark.slow

LESSON = "03-lists-and-loops"
NOTEBOOK = f"{LESSON}.ipynb"
MANUAL = {"m3-make-own", "m3-reflection"}
AUTOGRADED_POINTS = 10
MISTAKES = [(grade_id, number, wrong) for grade_id, answers in typical_mistakes(LESSON).items()
            for number, wrong in enumerate(answers)]


def student_for(grade_id: str, number: int) -> str:
    return f"wrong-{grade_id}-{number}"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The lesson released, and one batch graded: the solution, the right answers, a blank, every mistake."""
    course = copy_course(tmp_path_factory.mktemp("lists") / "course")
    release(LESSON, course=course)
    folder = course.folder("submitted") / "solution" / LESSON
    folder.mkdir(parents=True)
    shutil.copy(course.folder("source") / LESSON / NOTEBOOK, folder / NOTEBOOK)
    (folder / "timestamp.txt").write_text("2026-01-15 10:00:00.000000 UTC")
    right = right_answers(course, LESSON)
    submit(course, "right", right, lesson=LESSON)
    submit(course, "blank", {}, lesson=LESSON)
    for grade_id, number, wrong in MISTAKES:
        submit(course, student_for(grade_id, number), dict(right, **{grade_id: wrong["code"]}), lesson=LESSON)
    summary = grade(LESSON, course=course)
    assert not summary.failed
    return course


def check_output(course, student: str) -> str:
    """Every text the self-check cells showed in the student's autograded notebook."""
    nb = nbformat.read(course.folder("autograded") / student / LESSON / NOTEBOOK, as_version=4)
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.outputs:
                texts += output.get("traceback", []) + [output.get("text", "")]
                texts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(texts)


def test_solution_scores_every_automatic_point(graded):
    """The source notebook, handed in as it is, earns all 10 automatic points, one per check cell."""
    scores = cell_scores(graded, "solution", LESSON)
    automatic = {k: v for k, v in scores.items() if k not in MANUAL}
    assert len(automatic) == AUTOGRADED_POINTS and all(v == 1 for v in automatic.values())


def test_right_answers_typed_into_the_release_score_full_points(graded):
    assert total_score(graded, "right", LESSON) == (AUTOGRADED_POINTS, AUTOGRADED_POINTS + 4)


def test_blank_release_scores_zero(graded):
    """Negative control: the release as handed out earns nothing."""
    assert total_score(graded, "blank", LESSON)[0] == 0


@pytest.mark.parametrize(("grade_id", "number", "wrong"), MISTAKES,
                         ids=[student_for(g, n) for g, n, _w in MISTAKES])
def test_typical_mistake_loses_points_and_says_what_to_look_at(graded, grade_id, number, wrong):
    student = student_for(grade_id, number)
    assert total_score(graded, student, LESSON)[0] < AUTOGRADED_POINTS
    assert wrong["says"] in check_output(graded, student)
