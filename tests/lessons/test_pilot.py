"""The pilot lesson, 01-first-words: the demo's designed partial credit, graded for real.

tests/lessons/test_lessons_graded.py grades every lesson (solution, blank release, each typical
mistake); this file adds what only the pilot has: the right answers typed into the release, and
the "partly right" submission the demo cohort hands in.
"""
import pytest

from course.demo.answers import PARTLY
from course.grading.autograde import grade
from tests.helpers import PILOT, cell_scores, right_answers, submit, total_score

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded(released):
    right = right_answers(released)
    submit(released, "right", right)
    submit(released, "partly", {k: (right[k] if v == "right" else v) for k, v in PARTLY[PILOT].items()})
    assert not grade(PILOT, course=released).failed
    return released


def test_right_answers_typed_into_the_release_score_full_points(graded):
    score, max_score = total_score(graded, "right")
    assert score == 8  # every automatic point; 3 manual points wait for the trainer
    assert max_score == 11


def test_partly_right_gets_the_designed_partial_credit(graded):
    """The designed partly-right answers earn exactly the points written for them."""
    assert cell_scores(graded, "partly") == {
        "ex1-city-check": 1, "ex2-both-names": 1, "ex2-space": 0, "ex3-town-line-check": 1,
        "ex4-upper": 1, "ex4-length": 0, "ex5-three-lines": 0, "ex5-values": 0,
        "make-own-card": 0, "reflection": 0,
    }
