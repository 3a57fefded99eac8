"""Lesson 03-lists-and-loops: what only this lesson needs checking.

The checks every lesson gets (solution full, blank zero, each typical mistake loses
points and shows its words) run over all lessons in tests/lessons; this file adds the
loop this lesson warns about: one that never ends.
"""
import pytest

from course.authoring.release import release
from course.grading.autograde import grade
from tests.helpers import cell_scores, copy_course, right_answers, submit, total_score

pytestmark = pytest.mark.slow

LESSON = "03-lists-and-loops"
AUTOGRADED_POINTS = 10
# A loop that never ends: it adds to the list it walks through. The grader's timeout (or memory limit) stops it.
ENDLESS = '# m3-ex3\nfor job in job_ads:\n    job_ads.append(job)\nhas_cook = "cook" in job_ads'


def test_an_endless_loop_costs_only_its_own_exercise(tmp_path):
    """Is a learner's never-ending loop in Exercise 3 stopped, with every other check still graded?"""
    course = copy_course(tmp_path / "course")
    release(LESSON, course=course)
    submit(course, "endless", dict(right_answers(course, LESSON), **{"m3-ex3-append-and-in": ENDLESS}), lesson=LESSON)
    assert not grade(LESSON, course=course).failed
    scores = cell_scores(course, "endless", LESSON)
    assert scores["m3-ex3-append"] == 0 and scores["m3-ex3-in"] == 0
    assert total_score(course, "endless", LESSON)[0] == AUTOGRADED_POINTS - 2
