"""Every lesson in source/, graded for real by the kit's grader (nbgrader's preprocessors, jailed).

For each lesson the module's course holds: the source notebook handed in as it is
(`solution`), the release as handed out (`blank`, the negative control) and one
submission per typical mistake of course/demo/mistakes/<lesson>.yml (right answers
everywhere but that one cell). Each lesson is graded once, all its learners in one
batch, the first time a test asks for it (so `-k <lesson>` grades that lesson only).
The checks that need no grading (mistakes cover every answer, checks= count) are not slow.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from course.authoring.release import release
from course.config import Course
from course.demo.answers import typical_mistakes
from course.grading.autograde import GradeSummary, grade
from course.nbgrader_api import gradebook_for
from tests.helpers import copy_course, right_answers, submit
from tests.lessons.lessons import (
    LESSONS, autograded_answers, autograded_tests, declared_checks, error_text, grade_id, lesson_notebooks,
    merged, mistake_coverage_problems, read_lesson, same_words,
)

SOLUTION, BLANK = "solution", "blank"


@dataclass(frozen=True)
class Mistake:
    student: str
    answer: str  # grade_id of the answer cell
    code: str
    says: str


@dataclass
class GradedLesson:
    """One lesson's graded batch: scores by learner and test cell, and where the graded notebooks are."""

    lesson: str
    course: Course
    summary: GradeSummary
    mistakes: list[Mistake]
    scores: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)

    def autograded_points(self, student: str, tests: list[str]) -> tuple[float, float]:
        """(score, max score) of *student* over the autograded test cells *tests*."""
        cells = self.scores[student]
        return sum(cells[t][0] for t in tests), sum(cells[t][1] for t in tests)

    def graded_notebook(self, student: str):
        """The student's autograded notebooks of the lesson, as one."""
        return merged(lesson_notebooks(self.course.folder("autograded") / student / self.lesson))


class GradedCourse:
    """The module's course: a lesson is released, handed in and graded the first time it is asked for."""

    def __init__(self, course: Course):
        self.course = course
        self._graded: dict[str, GradedLesson] = {}

    def __getitem__(self, lesson: str) -> GradedLesson:
        if lesson not in self._graded:
            self._graded[lesson] = grade_lesson(self.course, lesson)
        return self._graded[lesson]


def grade_lesson(course: Course, lesson: str) -> GradedLesson:
    """Release -> hand in solution, blank and every typical mistake -> grade all at once -> read the scores."""
    release(lesson, course=course)
    hand_in_solution(course, lesson)
    hand_in(course, BLANK, {}, lesson)
    mistakes = hand_in_mistakes(course, lesson)
    summary = grade(lesson, course=course)
    graded = GradedLesson(lesson, course, summary, mistakes)
    graded.scores = read_scores(course, lesson, [SOLUTION, BLANK, *(m.student for m in mistakes)])
    return graded


def hand_in(course: Course, student: str, answers: dict[str, str], lesson: str) -> Path:
    """Every notebook of the lesson's release, with *answers* filled in, as *student*'s submission."""
    for notebook in lesson_notebooks(course.folder("release") / lesson):
        path = submit(course, student, answers, lesson=lesson, notebook=notebook.name)
    return path.parent


def hand_in_solution(course: Course, lesson: str) -> None:
    """The source notebooks themselves, with the release's data files, as one learner's submission."""
    folder = hand_in(course, SOLUTION, {}, lesson)
    for notebook in (course.folder("source") / lesson).glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)


def hand_in_mistakes(course: Course, lesson: str) -> list[Mistake]:
    right = right_answers(course, lesson)
    mistakes = []
    for answer, wrongs in typical_mistakes(lesson).items():
        for number, wrong in enumerate(wrongs or [], start=1):
            mistake = Mistake(f"mistake-{answer}-{number}", answer, str(wrong["code"]), str(wrong["says"]))
            hand_in(course, mistake.student, dict(right, **{answer: mistake.code}), lesson)
            mistakes.append(mistake)
    return mistakes


def read_scores(course: Course, lesson: str, students: list[str]) -> dict[str, dict[str, tuple[float, float]]]:
    scores = {}
    with gradebook_for(course) as gradebook:
        for student in students:
            submission = gradebook.find_submission(lesson, student)
            scores[student] = {
                grade.name: (grade.score, grade.max_score) for notebook in submission.notebooks for grade in notebook.grades
            }
    return scores


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
    every_test = [test for tests in checked.values() for test in tests]
    score, full = result.autograded_points(mistake.student, every_test)
    problems = []
    if score >= full:
        problems.append(f"{mistake.answer}: the mistake {mistake.code!r} still scores full points ({score}/{full})")
    nb = result.graded_notebook(mistake.student)
    shown = [error_text(cell) for cell in nb.cells if cell.cell_type == "code" and _id(cell) in checked.get(mistake.answer, [])]
    if not any(same_words(mistake.says) in same_words(text) for text in shown):
        seen = " | ".join(same_words(text)[-200:] for text in shown if text) or "no error at all"
        problems.append(f"{mistake.answer}: for {mistake.code!r} no check of the exercise says "
                        f"{mistake.says!r}; they show: {seen}")
    return problems


def _id(cell) -> str | None:
    return grade_id(cell) if "nbgrader" in cell.metadata and "grade_id" in cell.metadata["nbgrader"] else None


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
