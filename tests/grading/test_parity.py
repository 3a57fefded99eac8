"""Does the engine give nbgrader's own scores, cell by cell?"""
import pytest

from course.grading.autograde import grade
from course.nbgrader_api import api_for, gradebook_for
from tests.grading.batch import make_batch
from tests.helpers import PILOT, cell_scores

pytestmark = pytest.mark.slow


def scores_of(course, students):
    return {student: cell_scores(course, student) for student in students}


def late_penalties(course, students):
    with gradebook_for(course) as gradebook:
        return {s: [nb.late_submission_penalty for nb in gradebook.find_submission(PILOT, s).notebooks] for s in students}


def test_same_scores_as_nbgrader_autograde(released):
    """Graded by `nbgrader autograde` and then by `course grade`: is every cell's score the same?"""
    students = make_batch(released, 6, prefix="parity")
    api = api_for(released)
    for student in students:
        assert api.autograde(PILOT, student, force=True, create=True)["success"]
    by_nbgrader = scores_of(released, students)
    penalties = late_penalties(released, students)

    summary = grade(PILOT, course=released, force=True, workers=2)

    assert not summary.failed
    assert scores_of(released, students) == by_nbgrader
    assert late_penalties(released, students) == penalties
    # negative control: the batch really has different scores, so equality above means something
    assert len({sum(scores.values()) for scores in by_nbgrader.values()}) >= 4
