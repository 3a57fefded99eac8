"""Every lesson in source/, graded for real by the kit's grader (nbgrader's preprocessors, jailed).

For each lesson the module's course holds: the source notebook handed in as it is
(`solution`), the release as handed out (`blank`, the negative control) and one
submission per typical mistake of course/demo/mistakes/<lesson>.yml (right answers
everywhere but that one cell). Each lesson is graded once, all its learners in one
batch, the first time a test asks for it (so `-k <lesson>` grades that lesson only).
The checks that need no grading (mistakes cover every answer, checks= count) are not slow.
"""
from __future__ import annotations

import pytest

from course.demo.answers import typical_mistakes
from tests.helpers import copy_course
from tests.lessons.grading import BLANK, SOLUTION, GradedLesson, Mistake, grade_lesson
from tests.lessons.lessons import (
    LESSONS, autograded_answers, autograded_tests, declared_checks, mistake_coverage_problems, read_lesson, same_words,
)


class GradedCourse:
    """The module's course: a lesson is released, handed in and graded the first time it is asked for."""

    def __init__(self, course):
        self.course = course
        self._graded: dict[str, GradedLesson] = {}

    def __getitem__(self, lesson: str) -> GradedLesson:
        if lesson not in self._graded:
            self._graded[lesson] = grade_lesson(self.course, lesson, english_mistakes(lesson))
        return self._graded[lesson]


def english_mistakes(lesson: str) -> list[Mistake]:
    """The typical mistakes of course/demo/mistakes/<lesson>.yml, one learner each."""
    return [Mistake(f"mistake-{answer}-{number}", answer, str(wrong["code"]), str(wrong["says"]))
            for answer, wrongs in typical_mistakes(lesson).items() for number, wrong in enumerate(wrongs or [], start=1)]


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> GradedCourse:
    return GradedCourse(copy_course(tmp_path_factory.mktemp("graded") / "course"))


@pytest.fixture(params=LESSONS)
def lesson(request) -> str:
    return request.param


@pytest.mark.slow
def test_every_submission_could_be_graded(graded, lesson):
    """Solution, blank and every typical mistake were graded: none fell out of the batch."""
    summary = graded[lesson].summary
    assert [(o.student, o.reason) for o in summary.failed] == []
    assert len(summary.graded) == 2 + len(graded[lesson].mistakes)


@pytest.mark.slow
def test_solution_scores_full_points_in_every_autograded_test_cell(graded, lesson):
    """Does the source notebook, handed in as it is, get every automatic point, cell by cell?"""
    tests = autograded_tests(read_lesson(lesson))
    cells = graded[lesson].scores[SOLUTION]
    short = {test: cells.get(test) for test in tests if test not in cells or cells[test][0] != cells[test][1]}
    assert tests and short == {}, f"{lesson}: the solution loses points in these test cells (score, max): {short}"


@pytest.mark.slow
def test_blank_release_scores_zero(graded, lesson):
    """Negative control: the release as handed out earns nothing."""
    cells = graded[lesson].scores[BLANK]
    earning = {name: score for name, (score, _) in cells.items() if score}
    assert cells and earning == {}, f"{lesson}: the blank release earns points in {earning}"


def test_every_autograded_answer_has_a_typical_mistake(lesson):
    """Each answer cell that test cells check has at least one typical mistake, and every mistake names one."""
    problems = mistake_coverage_problems(read_lesson(lesson), typical_mistakes(lesson),
                                         where=f"course/demo/mistakes/{lesson}.yml")
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_each_typical_mistake_loses_points_and_the_check_says_why(graded, lesson):
    """A typical mistake scores less than full, and one of its exercise's checks shows the `says` words."""
    checked = autograded_answers(read_lesson(lesson))
    result = graded[lesson]
    assert result.mistakes, f"course/demo/mistakes/{lesson}.yml has no typical mistakes"
    problems = [problem for mistake in result.mistakes for problem in mistake_problems(result, mistake, checked)]
    assert problems == [], "\n".join(problems)


def mistake_problems(result: GradedLesson, mistake: Mistake, checked: dict[str, list[str]]) -> list[str]:
    problems = result.lost_points_problems(mistake, checked)
    shown = result.shown(mistake, checked)
    if not any(same_words(mistake.says) in same_words(text) for text in shown):
        seen = " | ".join(same_words(text)[-200:] for text in shown if text) or "no error at all"
        problems.append(f"{mistake.answer}: for {mistake.code!r} no check of the exercise says "
                        f"{mistake.says!r}; they show: {seen}")
    return problems


def test_checks_number_in_start_lesson_counts_the_autograded_test_cells(lesson):
    """start_lesson(..., checks=N) tells the progress view how many self-checks there are: N must be right."""
    nb = read_lesson(lesson)
    assert declared_checks(nb) == len(autograded_tests(nb)), (
        f"{lesson}: start_lesson(..., checks={declared_checks(nb)}) but the lesson has "
        f"{len(autograded_tests(nb))} autograded test cells"
    )


@pytest.mark.slow
def test_the_mistake_check_catches_full_points_and_missing_words(graded):
    """Negative control: the solution passed off as a "mistake" with words no check says gives two problems."""
    result = graded[LESSONS[0]]
    checked = autograded_answers(read_lesson(LESSONS[0]))
    answer = next(iter(checked))
    fake = Mistake(SOLUTION, answer, "(the right answer)", "words that no self-check ever says")
    problems = mistake_problems(result, fake, checked)
    assert len(problems) == 2 and "full points" in problems[0] and "no check" in problems[1]
