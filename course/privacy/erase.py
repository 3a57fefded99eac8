"""`course learner erase ID`: remove a learner from everything the kit keeps (GDPR art. 17).

Like a retirement pipeline, erasure is a list of steps, each recorded in a journal when it is done, so an
erase stopped halfway (power cut, kill -9) is finished by running it again. The plan (which paths) is made
once, at the start, and kept in the journal: a later step may need what an earlier one removes (the
feedback pages in the exchange are found from the submitted notebooks).
The journal names the learner; it is removed when the erase ends, and only a line with no name is kept.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from course.config import Course
from course.errors import CourseError
from course.i18n import _
from course.privacy import holds
from course.privacy.places import PLACES, identifiers
from course.privacy.storage import course_pseudonym, private_dir, write_private_json

# The order matters: the plan is made before anything is removed; the gradebook goes before its backups
# so a backup cannot be restored over a cleaned gradebook by a grading run in between; the reports go last,
# and the last step checks that nothing still names the learner.
STEPS = ("plan", "gradebook", "backups", "files", "reports", "verify")


@dataclass
class Erasure:
    """What an erase did, or (dry run) would do."""

    student: str
    dry_run: bool
    removed: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    steps_done: list[str] = field(default_factory=list)


def erase(student: str, *, course: Course, dry_run: bool = False) -> Erasure:
    """Erase *student* from the gradebook, every folder the kit writes, the backups and the reports.

    Steps: refuse a learner on hold -> load or make the plan -> gradebook -> backups -> files -> reports ->
    verify that no file under the course folder or the reports still names the learner -> drop the journal.
    """
    holds.refuse_if_held(student, course=course)
    if not _known(course, student) and not _journal_exists(course, student):
        raise CourseError(unknown_learner(course, student))
    journal = Journal.open(course, student)
    result = Erasure(student, dry_run)
    plan = journal.plan or make_plan(course, student)
    if dry_run:
        result.removed = [*plan["rows"], *plan["paths"]]
        return result
    journal.record("plan", plan)
    for step in STEPS[1:]:
        if step not in journal.done:
            RUN[step](course, student, plan, result)
            if result.left:  # the check found the learner somewhere: keep the journal, so a rerun checks again
                return result
            journal.record(step)
        result.steps_done.append(step)
    journal.finish()
    return result


def make_plan(course: Course, student: str) -> dict:
    """Every path to remove and every kind of gradebook row, listed before anything is touched."""
    paths = [str(path) for place in PLACES if place.find and place.key not in ("backups", "reports")
             for path in place.find(course, student)]
    rows = [_("gradebook: learner {id}, with all grades and comments").format(id=student)] \
        if _in_gradebook(course, student) else []
    return {"paths": paths, "rows": rows}


def unknown_learner(course: Course, student: str) -> str:
    if not _gradebook_exists(course):
        return _("This course has no gradebook yet and no files of learner '{id}': nothing was changed.").format(
            id=student)
    return _("There is no learner '{id}' in this course: nothing was changed.").format(id=student)


def _journal_exists(course: Course, student: str) -> bool:
    name = course_pseudonym(course, student)
    return bool(name) and (private_dir(course) / "erase" / f"{name}.json").is_file()


def _known(course: Course, student: str) -> bool:
    return _in_gradebook(course, student) or bool(make_plan(course, student)["paths"])


def _in_gradebook(course: Course, student: str) -> bool:
    from course.nbgrader_api import gradebook_for

    if not _gradebook_exists(course):
        return False
    with gradebook_for(course) as gradebook:
        return any(row.id == student for row in gradebook.students)


def _gradebook_exists(course: Course) -> bool:
    url = course.coursedir.db_url
    return not url.startswith("sqlite:///") or Path(url.removeprefix("sqlite:///")).is_file()


def _erase_gradebook(course: Course, student: str, plan: dict, result: Erasure) -> None:
    if _gradebook_exists(course):
        _remove_from_gradebook(course.coursedir.db_url, course.coursedir.course_id, student)
        result.removed += plan["rows"]


def _remove_from_gradebook(db_url: str, course_id: str, student: str) -> None:
    """Delete the learner's rows, then rewrite an SQLite file so the deleted rows leave no trace in it."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url, course_id) as gradebook:
        try:
            gradebook.remove_student(student)
        except MissingEntry:
            pass
    if db_url.startswith("sqlite:///"):
        _vacuum(Path(db_url.removeprefix("sqlite:///")))


def _vacuum(path: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute("VACUUM")
    finally:
        connection.close()


def _erase_backups(course: Course, student: str, plan: dict, result: Erasure) -> None:
    """Each backup copy keeps its place and permissions, but no longer holds the learner."""
    from course.privacy.places import gradebook_backups

    for backup in gradebook_backups(course, student):
        _remove_from_gradebook(f"sqlite:///{backup}", course.coursedir.course_id, student)
        result.removed.append(_("backup {name}: learner's rows").format(name=backup.name))


def _erase_files(course: Course, student: str, plan: dict, result: Erasure) -> None:
    for name in plan["paths"]:
        path = Path(name)
        if not os.path.lexists(path):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        result.removed.append(name)


def _erase_reports(course: Course, student: str, plan: dict, result: Erasure) -> None:
    """Reports name every learner: one that names this learner is redacted (CSV) or removed (the rest)."""
    from course.privacy.places import report_files
    from course.privacy.redact import redact_csv

    needles = identifiers(course, student)
    for path in report_files(course, student):
        if path.suffix == ".csv" and redact_csv(path, needles):
            result.removed.append(_("{file}: the learner's rows").format(file=path))
            continue
        path.unlink()
        result.removed.append(str(path))


def _verify(course: Course, student: str, plan: dict, result: Erasure) -> None:
    """List every file under the course folder and the reports that still names the learner."""
    from course.privacy.places import _mentions

    needles = identifiers(course, student)
    for root in {course.home, course.reports_dir}:
        for path in _kit_files(root, skip=private_dir(course)):
            if _mentions(path, needles):
                result.left.append(str(path))


def _kit_files(root: Path, *, skip: Path) -> list[Path]:
    """Every file under *root*, leaving out environments, git's store and the erase journal itself."""
    found = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if d not in NOT_COURSE_DATA and Path(folder, d) != skip]
        found += [Path(folder, name) for name in names if Path(folder, name).is_file()]
    return found


NOT_COURSE_DATA = {".git", ".venv", "venv", "node_modules", "__pycache__"}


RUN = {"gradebook": _erase_gradebook, "backups": _erase_backups, "files": _erase_files,
       "reports": _erase_reports, "verify": _verify}


@dataclass
class Journal:
    """The record of one learner's erase: its plan and the steps done (kept until the erase ends)."""

    path: Path
    plan: dict
    done: list[str]

    @classmethod
    def open(cls, course: Course, student: str) -> Journal:
        from course.reports.pseudonyms import load_key, pseudonym

        name = course_pseudonym(course, student) or pseudonym(student, load_key(course.secret_path))
        path = private_dir(course) / "erase" / f"{name}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        return cls(path, data.get("plan") or {}, list(data.get("done") or []))

    def record(self, step: str, plan: dict | None = None) -> None:
        if plan is not None:
            self.plan = plan
        if step not in self.done:
            self.done.append(step)
        write_private_json(self.path, {"plan": self.plan, "done": self.done})

    def finish(self) -> None:
        """Drop the journal; keep one line with the date and no name (an audit trail that names nobody)."""
        self.path.unlink(missing_ok=True)
        log = self.path.parent.parent / "erasures.log"
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{datetime.now(timezone.utc):%Y-%m-%dT%H:%M:%SZ} one learner erased\n")
