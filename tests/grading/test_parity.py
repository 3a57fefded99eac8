"""Does the engine give nbgrader's own scores, cell by cell?"""
import json

import pytest

from course.grading.autograde import grade
from course.nbgrader_api import api_for, gradebook_for
from tests.grading.batch import make_batch
from tests.helpers import PILOT, PILOT_NOTEBOOK, cell_scores

WIDGET = "application/vnd.jupyter.widget-view+json"

pytestmark = [pytest.mark.slow, pytest.mark.isolation]  # grades in the jail: needs root


def scores_of(course, students):
    return {student: cell_scores(course, student) for student in students}


def late_penalties(course, students):
    with gradebook_for(course) as gradebook:
        return {s: [nb.late_submission_penalty for nb in gradebook.find_submission(PILOT, s).notebooks] for s in students}


def outputs_of(course, student):
    """Every output's kinds in the autograded notebook: what the feedback page will show."""
    path = course.folder("autograded") / student / PILOT / PILOT_NOTEBOOK
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [set(out.get("data", {})) | {out["output_type"]} for cell in cells for out in cell.get("outputs", [])]


def test_same_scores_as_nbgrader_autograde(released):
    """Graded by `nbgrader autograde` and then by `course grade`: is every cell's score the same?"""
    students = make_batch(released, 6, prefix="parity")
    api = api_for(released)
    for student in students:
        assert api.autograde(PILOT, student, force=True, create=True)["success"]
    by_nbgrader = scores_of(released, students)
    penalties = late_penalties(released, students)
    # negative control for the text-mode check below: nbgrader's kernels build the toolkit's widgets
    assert any(WIDGET in kinds for kinds in outputs_of(released, students[0]))

    summary = grade(PILOT, course=released, force=True, workers=2)

    assert not summary.failed
    assert scores_of(released, students) == by_nbgrader
    assert late_penalties(released, students) == penalties
    # the grader's kernels run the toolkit in text mode: no widget (which feedback cannot show), text instead
    assert not any(WIDGET in kinds for kinds in outputs_of(released, students[0]))
    assert sum("text/markdown" in kinds for kinds in outputs_of(released, students[0])) >= 5
    # negative control: the batch really has different scores, so equality above means something
    assert len({sum(scores.values()) for scores in by_nbgrader.values()}) >= 4
