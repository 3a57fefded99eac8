"""Holds: a learner whose records must be kept (e.g. a funder's audit rule) cannot be erased until released.

Holds are kept by pseudonym, with the reason and the date, in the course's private folder.
"""
from __future__ import annotations

import json
from datetime import date

from course.config import Course
from course.errors import CourseError
from course.i18n import _
from course.privacy.storage import course_pseudonym, private_dir, write_private_json

HOLDS_FILE = "holds.json"


def _key(course: Course, student: str) -> str:
    from course.reports.pseudonyms import load_key, pseudonym

    return course_pseudonym(course, student) or pseudonym(student, load_key(course.secret_path))


def load_holds(course: Course) -> dict[str, dict]:
    path = private_dir(course) / HOLDS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def hold(student: str, *, course: Course, reason: str) -> None:
    """Put *student* on hold: their records are kept, and erase refuses, until :func:`release_hold`."""
    reason = " ".join(str(reason).split())
    if not reason:
        raise CourseError(_("Say why the records must be kept: --reason \"...\"."))
    data = load_holds(course)
    data[_key(course, student)] = {"reason": reason, "since": date.today().isoformat()}
    write_private_json(private_dir(course) / HOLDS_FILE, data)


def release_hold(student: str, *, course: Course) -> bool:
    """Take *student* off hold; False when they were not on hold."""
    data, name = load_holds(course), course_pseudonym(course, student)
    if not name or data.pop(name, None) is None:
        return False
    write_private_json(private_dir(course) / HOLDS_FILE, data)
    return True


def held(student: str, *, course: Course) -> dict | None:
    name = course_pseudonym(course, student)
    return load_holds(course).get(name) if name else None


def refuse_if_held(student: str, *, course: Course) -> None:
    found = held(student, course=course)
    if found:
        raise CourseError(_("Learner '{id}' is on hold since {since} ({reason}): nothing was erased. "
                            "Run course learner unhold {id} when the records may go.").format(
            id=student, since=found.get("since", "?"), reason=found.get("reason", "")))
