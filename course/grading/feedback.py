"""Turn graded submissions into feedback pages that learners can read."""
from __future__ import annotations

from pathlib import Path

from course.config import Course
from course.errors import CourseError
from course.i18n import _
from course.nbgrader_api import api_for, last_line


def feedback(assignment: str, *, course: Course) -> list[Path]:
    """Run nbgrader generate_feedback for every graded learner; return the pages written."""
    course.require_assignment(assignment)
    autograded = course.folder("autograded")
    if not any(autograded.glob(f"*/{assignment}")):
        raise CourseError(
            _("Nothing is graded for '{name}' yet. Grade it first: course grade {name}.").format(name=assignment)
        )
    result = api_for(course).generate_feedback(assignment, force=True)
    if not result["success"]:
        raise CourseError(
            _("Could not make the feedback pages: {reason}").format(
                reason=last_line(result.get("error") or result.get("log"))
            )
        )
    return sorted(course.folder("feedback").glob(f"*/{assignment}/*.html"))
