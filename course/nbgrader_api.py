"""nbgrader's own high-level API, set up for one course and kept quiet.

nbgrader writes a lot of log lines, some with learner IDs in them. The kit
captures them per call (nbgrader's ``capture_log``) and shows trainers a plain
summary instead, so nothing personal lands in a terminal log by accident.
"""
from __future__ import annotations

import logging

from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI

from course.config import Course

_LOGGER_NAME = "course.nbgrader"


def quiet_logger() -> logging.Logger:
    """A logger that keeps nbgrader's messages to itself unless a call captures them."""
    log = logging.getLogger(_LOGGER_NAME)
    log.propagate = False
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    log.setLevel(logging.INFO)
    return log


def api_for(course: Course) -> NbGraderAPI:
    """nbgrader's API for *course*, reading the course's configuration."""
    return NbGraderAPI(course.coursedir, config=course.config, log=quiet_logger())


def gradebook_for(course: Course) -> Gradebook:
    """The course's gradebook (use it as a context manager so it is closed)."""
    return Gradebook(course.coursedir.db_url, course.coursedir.course_id)


def last_line(text: str | None) -> str:
    """The last non-empty line of an error text: the part a person can act on."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""
