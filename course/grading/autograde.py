"""Grade every submission of a lesson and record the scores in the gradebook.

This engine wraps ``nbgrader autograde`` one learner at a time, in-process,
so that one broken submission is reported and the batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from course.config import Course
from course.errors import CourseError
from course.grading.submissions import Submission, damaged_notebooks, find_submissions
from course.i18n import _
from course.nbgrader_api import api_for, last_line
from course.progress import track


@dataclass(frozen=True)
class Outcome:
    """What happened to one learner's submission."""

    student: str
    graded: bool
    reason: str = ""


@dataclass
class GradeSummary:
    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def graded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.graded]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.graded]

    def headline(self) -> str:
        """One plain line: how many were graded and how many were not."""
        return _("{lesson}: {graded} graded, {failed} could not be graded.").format(
            lesson=self.assignment, graded=len(self.graded), failed=len(self.failed)
        )


def grade(assignment: str, *, course: Course, student: str | None = None) -> GradeSummary:
    """Autograde *assignment* for every learner in submitted/ (or only *student*).

    Steps: check the lesson and its release exist -> find the submissions ->
    for each learner, set aside damaged notebooks, else run nbgrader's
    autograde -> return who was graded and who was not, with the reason.
    """
    course.require_assignment(assignment)
    require_release(course, assignment)
    submissions = find_submissions(course, assignment, student)
    api = api_for(course)
    summary = GradeSummary(assignment)
    for submission in track(submissions, total=len(submissions), description=_("Grading")):
        summary.outcomes.append(_grade_one(api, submission))
    return summary


def require_release(course: Course, assignment: str) -> None:
    """Grading needs the records that building the release writes to the gradebook."""
    if not (course.folder("release") / assignment).is_dir():
        raise CourseError(
            _("'{name}' has not been released yet. Build it first: course release {name}.").format(name=assignment)
        )


def _grade_one(api, submission: Submission) -> Outcome:
    reason = damaged_notebooks(submission)
    if reason:
        return Outcome(submission.student, False, reason)
    result = api.autograde(submission.assignment, submission.student, force=True, create=True)
    if result["success"]:
        return Outcome(submission.student, True)
    return Outcome(
        submission.student,
        False,
        _("nbgrader could not grade it: {reason}").format(reason=last_line(result.get("error") or result.get("log"))),
    )
