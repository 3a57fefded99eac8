"""Build a lesson's learner version and publish it to the exchange."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course.config import Course
from course.errors import CourseError
from course.i18n import _
from course.nbgrader_api import api_for, last_line


@dataclass(frozen=True)
class ReleaseResult:
    assignment: str
    release_dir: Path
    published: bool


def release(assignment: str, *, course: Course, publish: bool = True, language: str | None = None) -> ReleaseResult:
    """Build release/<assignment> from source/ and, if *publish*, put it in the exchange.

    Steps: check the lesson exists -> nbgrader generate_assignment (strips
    solutions and hidden tests, records the cells in the gradebook) ->
    nbgrader release_assignment (learners can now fetch it). In another *language* (default: the
    course's), nbgrader builds from the lesson's translated copy (see course.translate.workflow).
    """
    from course.translate.workflow import release_course

    course.require_assignment(assignment)
    api = api_for(release_course(assignment, language=language or course.kit.language, course=course))
    built = api.generate_assignment(assignment, force=True, create=True)
    if not built["success"]:
        raise CourseError(
            _("Could not build the learner version of '{name}': {reason}").format(
                name=assignment, reason=last_line(built.get("error") or built.get("log"))
            )
        )
    if publish:
        published = api.release_assignment(assignment)
        if not published["success"]:
            raise CourseError(
                _("Built release/{name}, but could not put it in the exchange: {reason}").format(
                    name=assignment, reason=last_line(published.get("error") or published.get("log"))
                )
            )
    return ReleaseResult(assignment, course.folder("release") / assignment, publish)
