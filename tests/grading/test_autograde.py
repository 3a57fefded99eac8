"""`course grade`: one broken submission never stops the batch."""
import pytest

from course.grading.autograde import grade
from tests.helpers import PILOT, PILOT_NOTEBOOK, right_answers, submit, total_score

pytestmark = [pytest.mark.slow, pytest.mark.isolation]  # grades in the jail: needs root


def test_a_damaged_notebook_fails_only_that_learner(released):
    """Does a learner whose notebook is not valid JSON get a reason, while the others are graded?"""
    submit(released, "batch-a", right_answers(released))
    broken = submit(released, "batch-b", {})
    broken.write_text('{"cells": [ this is not json', encoding="utf-8")
    submit(released, "batch-c", {})

    summary = grade(PILOT, course=released)

    failed = {o.student: o.reason for o in summary.failed}
    assert set(failed) == {"batch-b"}
    assert PILOT_NOTEBOOK in failed["batch-b"] and "damaged" in failed["batch-b"]
    graded = {o.student for o in summary.graded}
    assert {"batch-a", "batch-c"} <= graded
    assert total_score(released, "batch-a")[0] == 8
    assert total_score(released, "batch-c")[0] == 0
    # the damaged file is left exactly as the learner sent it
    assert broken.read_text(encoding="utf-8") == '{"cells": [ this is not json'
