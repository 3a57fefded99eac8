"""A lesson graded for real by the kit's grader, all its test learners in one batch.

The course's language (c.CourseKit.language) decides which lesson is graded: English from
source/, any other from its translated copy (build/<lang>/<lesson>/, which the release makes).
The learners: the lesson's own notebooks handed in as they are (`solution`), the release as
handed out (`blank`, the negative control) and one submission per typical mistake (right
answers everywhere but that one cell).
"""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from course import i18n
from course.authoring.release import release
from course.config import Course
from course.demo.cohort import solutions
from course.grading.autograde import GradeSummary, grade
from course.nbgrader_api import gradebook_for
from course.translate.paths import lesson_source
from tests.helpers import submit
from tests.lessons.lessons import error_text, grade_id, lesson_notebooks, merged

SOLUTION, BLANK = "solution", "blank"


@dataclass(frozen=True)
class Mistake:
    """One typical mistake as handed in: who, in which answer cell, what code, and what its check must say."""

    student: str
    answer: str  # grade_id of the answer cell
    code: str
    says: str  # English words of the message (a part of it)
    says_here: str | None = None  # the words themselves in the lesson's language (a `says_<lang>` override)


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

    def shown(self, mistake: Mistake, checked: dict[str, list[str]]) -> list[str]:
        """What the test cells of the mistake's exercise show in its graded notebook (their error text)."""
        tests = checked.get(mistake.answer, [])
        return [error_text(cell) for cell in self.graded_notebook(mistake.student).cells
                if cell.cell_type == "code" and _id(cell) in tests]

    def lost_points_problems(self, mistake: Mistake, checked: dict[str, list[str]], *, own: bool = False) -> list[str]:
        """[] when the mistake scores less than full points over the lesson's autograded tests (*own*: its exercise's)."""
        tests = checked[mistake.answer] if own else [test for tests in checked.values() for test in tests]
        score, full = self.autograded_points(mistake.student, tests)
        if score < full:
            return []
        return [f"{mistake.answer}: the mistake {mistake.code!r} still scores full points ({score}/{full})"]


def _id(cell) -> str | None:
    return grade_id(cell) if "nbgrader" in cell.metadata and "grade_id" in cell.metadata["nbgrader"] else None


@contextmanager
def speaking(language: str):
    """The kit speaks *language* inside the block (grading passes it to its kernels), then what it spoke before."""
    before = i18n.current_language()
    i18n.set_language(language)
    try:
        yield
    finally:
        i18n.set_language(before)


def grade_lesson(course: Course, lesson: str, mistakes: list[Mistake]) -> GradedLesson:
    """Release -> hand in solution, blank and *mistakes* -> grade all at once -> read the scores.

    Mistakes of the same student (in different answer cells) are handed in together, in one notebook.

    Everything happens in the course's language: the release is built from that language's copy,
    the solution and the right answers around each mistake come from it, and the kernels speak it.
    """
    with speaking(course.kit.language):
        release(lesson, course=course, publish=False)
        source = lesson_source(course, lesson)
        hand_in_solution(course, lesson, source)
        hand_in(course, BLANK, {}, lesson)
        wrong: dict[str, dict[str, str]] = {}
        for mistake in mistakes:  # learners who share a name hand in one notebook with all their mistakes
            wrong.setdefault(mistake.student, {})[mistake.answer] = mistake.code
        right = right_answers(source)
        for student, answers in wrong.items():
            hand_in(course, student, dict(right, **answers), lesson)
        summary = grade(lesson, course=course)
    graded = GradedLesson(lesson, course, summary, mistakes)
    graded.scores = read_scores(course, lesson, [SOLUTION, BLANK, *wrong])
    return graded


def right_answers(source: Path) -> dict[str, str]:
    """The right answer of every answer cell of the lesson folder *source*, by grade_id."""
    answers: dict[str, str] = {}
    for notebook in lesson_notebooks(source):
        answers.update(solutions(notebook))
    return answers


def hand_in(course: Course, student: str, answers: dict[str, str], lesson: str) -> Path:
    """Every notebook of the lesson's release, with *answers* filled in, as *student*'s submission."""
    for notebook in lesson_notebooks(course.folder("release") / lesson):
        path = submit(course, student, answers, lesson=lesson, notebook=notebook.name)
    return path.parent


def hand_in_solution(course: Course, lesson: str, source: Path) -> None:
    """The lesson's notebooks in *source* themselves, with the release's data files, as one learner's submission."""
    folder = hand_in(course, SOLUTION, {}, lesson)
    for notebook in source.glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)


def read_scores(course: Course, lesson: str, students: list[str]) -> dict[str, dict[str, tuple[float, float]]]:
    scores = {}
    with gradebook_for(course) as gradebook:
        for student in students:
            submission = gradebook.find_submission(lesson, student)
            scores[student] = {
                grade.name: (grade.score, grade.max_score) for notebook in submission.notebooks for grade in notebook.grades
            }
    return scores
