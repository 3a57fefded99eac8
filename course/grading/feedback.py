"""Turn graded submissions into feedback pages that learners can read."""
from __future__ import annotations

from pathlib import Path

from course.config import Course
from course.errors import CourseError
from course.i18n import _
from course.nbgrader_api import api_for
from course.progress import track


def feedback(assignment: str, *, course: Course) -> list[Path]:
    """Run nbgrader generate_feedback for every graded learner; return the pages written."""
    course.require_assignment(assignment)
    graded = sorted(path.parent.name for path in course.folder("autograded").glob(f"*/{assignment}"))
    if not graded:
        raise CourseError(
            _("Nothing is graded for '{name}' yet. Grade it first: course grade {name}.").format(name=assignment)
        )
    api = api_for(course)
    problems = []
    for student in track(graded, total=len(graded), description=_("Feedback")):
        result = api.generate_feedback(assignment, student_id=student, force=True)
        if not result["success"]:
            problems.append(student)
    if problems:
        raise CourseError(
            _("Could not make the feedback pages of {count} learner(s): {names}. The others are in feedback/.").format(
                count=len(problems), names=", ".join(problems)
            )
        )
    return sorted(course.folder("feedback").glob(f"*/{assignment}/*.html"))
