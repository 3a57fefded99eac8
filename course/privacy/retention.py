"""`course retention`: erase every learner whose last activity is older than the retention period.

Storage limitation (GDPR art. 5(1)(e)): at the end of a course the trainer runs this, and the kit keeps
no learner longer than ``c.CourseKit.retention_days`` after their last hand-in. Learners on hold are kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from course.config import Course
from course.errors import CourseError
from course.privacy import holds
from course.privacy.erase import Erasure, _gradebook_exists, erase


@dataclass
class Retention:
    cutoff: datetime
    erased: list[Erasure] = field(default_factory=list)
    kept_on_hold: list[str] = field(default_factory=list)


def retention(*, course: Course, older_than_days: int | None = None, dry_run: bool = False,
              now: datetime | None = None) -> Retention:
    """Erase (or, dry run, list) each learner whose last activity is before now minus the period."""
    days = course.kit.retention_days if older_than_days is None else older_than_days
    if days < 0:
        raise CourseError("--older-than must be 0 or more days.")
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days)
    result = Retention(cutoff)
    for student, last in sorted(last_activity(course).items()):
        if last >= cutoff:
            continue
        if holds.held(student, course=course):
            result.kept_on_hold.append(student)
            continue
        result.erased.append(erase(student, course=course, dry_run=dry_run))
    return result


def last_activity(course: Course) -> dict[str, datetime]:
    """Each learner's latest hand-in: from the gradebook, else from their submitted/ folder's time."""
    found: dict[str, datetime] = {}
    for student, when in [*_gradebook_times(course), *_folder_times(course.folder("submitted"))]:
        if student not in found or when > found[student]:
            found[student] = when
    return found


def _gradebook_times(course: Course) -> list[tuple[str, datetime]]:
    from course.nbgrader_api import gradebook_for

    if not _gradebook_exists(course):
        return []
    times = []
    with gradebook_for(course) as gradebook:
        for student in gradebook.students:
            stamps = [s.timestamp for s in student.submissions if s.timestamp]
            if stamps:
                times.append((student.id, max(_aware(stamp) for stamp in stamps)))
    return times


def _folder_times(submitted: Path) -> list[tuple[str, datetime]]:
    if not submitted.is_dir():
        return []
    return [(folder.name, datetime.fromtimestamp(folder.lstat().st_mtime, timezone.utc))
            for folder in submitted.iterdir() if folder.is_dir() and not folder.is_symlink()]


def _aware(stamp: datetime) -> datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
