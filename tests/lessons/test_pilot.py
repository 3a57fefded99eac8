"""The pilot lesson, 01-first-words, graded for real by nbgrader."""
import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import is_grade

from course.demo.answers import PARTLY, WRONG
from course.grading.autograde import grade
from tests.helpers import PILOT, PILOT_NOTEBOOK, REPO, cell_scores, right_answers, submit, total_score

pytestmark = pytest.mark.slow


def test_source_notebook_runs_with_every_check_passing(tmp_path):
    """Does the solution notebook run top to bottom with no failing check?"""
    nb = nbformat.read(REPO / "source" / PILOT / PILOT_NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=30, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    checks = [cell for cell in nb.cells if is_grade(cell) and cell.cell_type == "code"]
    assert len(checks) >= 8
    errors = [
        (cell.metadata["nbgrader"]["grade_id"], out.get("ename"))
        for cell in checks
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert errors == []


def test_source_graded_as_a_submission_scores_full_points(released):
    """A learner who hands in exactly the solution notebook gets every automatic point."""
    folder = released.folder("submitted") / "solution" / PILOT
    folder.mkdir(parents=True)
    shutil.copy(released.folder("source") / PILOT / PILOT_NOTEBOOK, folder / PILOT_NOTEBOOK)
    assert not grade(PILOT, course=released, student="solution").failed
    scores = cell_scores(released, "solution")
    autograded = {k: v for k, v in scores.items() if k not in ("reflection", "make-own-card")}
    assert autograded and all(v > 0 for v in autograded.values())
    assert sum(autograded.values()) == 8


def test_right_answers_typed_into_the_release_score_full_points(released):
    submit(released, "right", right_answers(released))
    grade(PILOT, course=released, student="right")
    score, max_score = total_score(released, "right")
    assert score == 8  # every automatic point; 3 manual points wait for the trainer
    assert max_score == 11


def test_blank_release_scores_zero(released):
    """Negative control: the release as handed out must earn nothing."""
    submit(released, "blank", {})
    grade(PILOT, course=released, student="blank")
    assert total_score(released, "blank")[0] == 0


def test_partly_right_gets_the_designed_partial_credit(released):
    """The designed partly-right answers earn exactly the points written for them."""
    right = right_answers(released)
    answers = {k: (right[k] if v == "right" else v) for k, v in PARTLY[PILOT].items()}
    submit(released, "partly", answers)
    grade(PILOT, course=released, student="partly")
    scores = cell_scores(released, "partly")
    assert scores == {
        "ex1-city-check": 1, "ex2-both-names": 1, "ex2-space": 0, "ex3-town-line-check": 1,
        "ex4-upper": 1, "ex4-length": 0, "ex5-three-lines": 0, "ex5-values": 0,
        "make-own-card": 0, "reflection": 0,
    }


@pytest.mark.parametrize("grade_id", sorted(WRONG[PILOT]))
def test_each_typical_mistake_scores_less_than_the_right_answer(released, grade_id):
    right = right_answers(released)
    answers = dict(right, **{grade_id: WRONG[PILOT][grade_id]})
    student = f"wrong-{grade_id}"
    submit(released, student, answers)
    grade(PILOT, course=released, student=student)
    assert total_score(released, student)[0] < 8
