"""Find the submissions of one lesson, as nbgrader lays them out, and spot broken ones early."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from course.config import Course
from course.errors import CourseError
from course.i18n import _


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    path: Path


def find_submissions(course: Course, assignment: str, student: str | None = None) -> list[Submission]:
    """The submissions of *assignment* in submitted/<student>/<assignment>/, sorted by learner.

    Raises a :class:`CourseError` when there is nothing to grade.
    """
    submitted = course.folder("submitted")
    if not submitted.is_dir():
        raise CourseError(
            _("There is no submitted/ folder yet. Collect the learners' work first: nbgrader collect {name}.").format(
                name=assignment
            )
        )
    students = [student] if student else sorted(p.name for p in submitted.iterdir() if p.is_dir())
    found = [
        Submission(name, assignment, submitted / name / assignment)
        for name in students
        if (submitted / name / assignment).is_dir()
    ]
    if student and not found:
        raise CourseError(
            _("Learner '{student}' has no submission for '{name}' in submitted/.").format(
                student=student, name=assignment
            )
        )
    if not found:
        raise CourseError(
            _("Nobody has submitted '{name}' yet: submitted/*/{name}/ is empty.").format(name=assignment)
        )
    return found


def damaged_notebooks(submission: Submission) -> str | None:
    """A plain reason if a notebook of *submission* cannot be read, else None."""
    for notebook in sorted(submission.path.glob("*.ipynb")):
        try:
            json.loads(notebook.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _("{file} is damaged (not a readable notebook). Ask the learner to submit it again.").format(
                file=notebook.name
            )
    return None
