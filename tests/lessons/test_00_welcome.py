"""Module 0, 00-welcome, graded for real by nbgrader: full marks, nothing for the blank release, less for each typical mistake."""
import shutil

import nbformat
import pytest
from nbgrader.utils import is_grade

from course.authoring.release import release
from course.curriculum import load_curriculum
from course.demo.answers import typical_mistakes
from course.grading.autograde import grade
from tests.helpers import REPO, cell_scores, copy_course, right_answers, submit

LESSON = "00-welcome"
NOTEBOOK = f"{LESSON}.ipynb"
MANUAL = {"m0-make-own", "m0-reflection"}
AUTOGRADED_POINTS = 9
MISTAKES = [(grade_id, n, wrong) for grade_id, answers in typical_mistakes(LESSON).items()
            for n, wrong in enumerate(answers)]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The lesson released, with the solution, the blank release and every typical mistake submitted and graded."""
    course = copy_course(tmp_path_factory.mktemp("welcome") / "course")
    release(LESSON, course=course)
    right = right_answers(course, LESSON)
    folder = course.folder("submitted") / "solution" / LESSON
    folder.mkdir(parents=True)
    shutil.copy(course.folder("source") / LESSON / NOTEBOOK, folder / NOTEBOOK)
    (folder / "timestamp.txt").write_text("2026-01-15 10:00:00.000000 UTC")
    submit(course, "right", right, lesson=LESSON)
    submit(course, "blank", {}, lesson=LESSON)
    for grade_id, n, wrong in MISTAKES:
        submit(course, f"wrong-{grade_id}-{n}", dict(right, **{grade_id: wrong["code"]}), lesson=LESSON)
    summary = grade(LESSON, course=course)
    assert not summary.failed
    return course


def autograded_points(course, student):
    return sum(v for k, v in cell_scores(course, student, LESSON).items() if k not in MANUAL)


@pytest.mark.slow
def test_the_lesson_has_enough_exercises_and_every_answer_cell_has_a_typical_mistake(graded):
    answer_cells = {k for k in right_answers(graded, LESSON) if k not in MANUAL}
    assert len(answer_cells) >= 6
    assert answer_cells == set(typical_mistakes(LESSON))


@pytest.mark.slow
def test_the_solution_and_the_right_answers_score_every_automatic_point(graded):
    assert autograded_points(graded, "solution") == AUTOGRADED_POINTS
    assert autograded_points(graded, "right") == AUTOGRADED_POINTS
    assert set(cell_scores(graded, "right", LESSON)) >= MANUAL


@pytest.mark.slow
def test_the_blank_release_scores_nothing(graded):
    assert autograded_points(graded, "blank") == 0


@pytest.mark.slow
@pytest.mark.parametrize("grade_id, n, wrong", MISTAKES, ids=[f"{g}-{n}" for g, n, _w in MISTAKES])
def test_each_typical_mistake_scores_less_and_shows_its_message(graded, grade_id, n, wrong):
    student = f"wrong-{grade_id}-{n}"
    assert autograded_points(graded, student) < AUTOGRADED_POINTS
    notebook = nbformat.read(graded.folder("autograded") / student / LESSON / NOTEBOOK, as_version=4)
    shown = "\n".join("\n".join(out.get("traceback", [])) + out.get("text", "")
                      + str(out.get("data", {}).get("text/plain", ""))
                      for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", []))
    assert wrong["says"] in shown


def test_the_curriculum_maps_every_graded_cell_to_this_module_s_competences():
    """course/curriculum.yml and the notebook agree: graded cells, minutes, DigComp codes 5.4 and 1.1 only."""
    curriculum = load_curriculum()
    nb = nbformat.read(REPO / "source" / LESSON / NOTEBOOK, as_version=4)
    graded = {cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells if is_grade(cell)}
    evidence = [e for e in curriculum.evidence if e.lesson == LESSON]
    assert {e.exercise for e in evidence} == graded
    assert curriculum.lessons[0] == LESSON and curriculum.minutes[LESSON] == nb.metadata["codensocial"]["estimated_minutes"]
    in_notebook = {item["code"] for item in nb.metadata["codensocial"]["digcomp"]}
    assert {e.digcomp for e in evidence} == in_notebook == {"5.4", "1.1"}
    assert {e.level for e in evidence} <= {1, 2}
