"""The one process that writes: the gradebook (nbgrader's records, as autograde leaves them), then autograded/.

Order, so that a grader killed at any moment loses nothing and duplicates nothing:
1. the student and the submission (nbgrader's own update-or-create: writing twice is harmless);
2. every score, comment and late penalty of the learner, in one commit;
3. only then autograded/<learner>/<lesson>/, built aside and moved into place.
A learner counts as done when step 3 is there with the submission's timestamp,
so a learner cut off before it is graded again on the next run.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.plugins import LateSubmissionPlugin

from course.config import Course
from course.grading.pipeline import Graded, Job
from course.i18n import _

BACKUP_FOLDER = "gradebook-backups"
BACKUPS_KEPT = 5
READ_ONLY = 0o444  # nbgrader's default for autograded files


def record(gradebook: Gradebook, *, job: Job, result: Graded, course: Course) -> None:
    """Write one learner's result to the gradebook: scores in a single transaction."""
    gradebook.update_or_create_student(job.student)
    extra = {"timestamp": job.timestamp} if job.timestamp else {}
    submission = gradebook.update_or_create_submission(job.assignment, job.student, **extra)
    try:
        if result.graded:
            _save_scores(gradebook, job, result)
        else:
            _save_failure(gradebook, job, result.reason)
        _assign_late_penalties(gradebook, job, submission, course)
        gradebook.db.commit()
    except Exception:
        gradebook.db.rollback()
        raise


def _save_scores(gradebook: Gradebook, job: Job, result: Graded) -> None:
    """SaveAutoGrades' rules: a manual score or no auto score means a person must look."""
    for notebook, scores in result.scores.items():
        for grade_id, auto_score in scores.items():
            grade = gradebook.find_grade(grade_id, notebook, job.assignment, job.student)
            grade.auto_score = auto_score
            grade.needs_manual_grade = grade.manual_score is not None or auto_score is None
    for notebook, comments in result.comments.items():
        for grade_id, text in comments.items():
            gradebook.find_comment(grade_id, notebook, job.assignment, job.student).auto_comment = text
    for notebook in result.flagged:
        for grade in gradebook.find_submission_notebook(notebook, job.assignment, job.student).grades:
            grade.needs_manual_grade = True
    for notebook in result.missing:  # as nbgrader: a notebook not submitted scores 0
        for grade in gradebook.find_submission_notebook(notebook, job.assignment, job.student).grades:
            grade.auto_score, grade.needs_manual_grade = 0, False


def _save_failure(gradebook: Gradebook, job: Job, reason: str) -> None:
    """Not graded: 0 points, flagged for a person, and the reason where the formgrader shows it."""
    submission = gradebook.find_submission(job.assignment, job.student)
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            grade.auto_score, grade.needs_manual_grade = 0, True
        for comment in notebook.comments:
            comment.auto_comment = _("Not graded automatically: {reason}").format(reason=reason)


def _assign_late_penalties(gradebook: Gradebook, job: Job, submission, course: Course) -> None:
    """nbgrader's AssignLatePenalties, per notebook, with the course's late-submission plugin."""
    plugin = LateSubmissionPlugin(config=course.config)
    gradebook.db.flush()
    gradebook.db.expire_all()  # notebook.score is computed by the database from the grades just written
    for notebook in submission.notebooks:
        notebook.late_submission_penalty = None
        if submission.total_seconds_late > 0:
            penalty = plugin.late_submission_penalty(job.student, notebook.score, submission.total_seconds_late)
            if penalty is not None:
                notebook.late_submission_penalty = min(max(penalty, 0), notebook.score)


def write_autograded(*, course: Course, job: Job, result: Graded) -> None:
    """autograded/<learner>/<lesson>/: executed notebooks and the other files, moved into place last."""
    final = course.folder("autograded") / job.student / job.assignment
    if not result.graded:
        shutil.rmtree(final, ignore_errors=True)  # an older grading no longer holds
        return
    partial = final.with_name(f".{job.assignment}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    _copy_other_files(Path(job.folder), partial)
    _copy_other_files(Path(job.source_folder), partial)
    for notebook, text in result.executed.items():
        (partial / f"{notebook}.ipynb").write_text(text, encoding="utf-8")
    for path in partial.rglob("*"):
        if path.is_file():
            path.chmod(READ_ONLY)
    shutil.rmtree(final, ignore_errors=True)
    partial.rename(final)


def _copy_other_files(folder: Path, target: Path) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not path.is_symlink() and path.suffix != ".ipynb" and not _hidden(relative):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            if (target / relative).exists():
                (target / relative).unlink()
            shutil.copyfile(path, target / relative)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") or part in ("__pycache__", "feedback") for part in relative.parts)


def is_done(*, course: Course, job: Job, graded_students: set[str]) -> bool:
    """Graded already: in the gradebook, and autograded/ holds every notebook with the same timestamp."""
    final = course.folder("autograded") / job.student / job.assignment
    if job.student not in graded_students or not final.is_dir():
        return False
    if not all((final / f"{name}.ipynb").is_file() for name in job.notebooks):
        return False
    stamp = final / "timestamp.txt"
    recorded = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
    return recorded == (job.timestamp or None)


def fast_commits(course: Course) -> None:
    """SQLite in WAL mode: a commit no longer waits for several disk flushes, and readers
    (the formgrader, a report) do not block the writer. A killed grader still loses nothing
    committed; a power cut may lose the last commits, which the next run grades again."""
    database = _sqlite_file(course)
    if database is not None and database.is_file():
        with sqlite3.connect(database) as connection:
            connection.execute("PRAGMA journal_mode=WAL")


def _sqlite_file(course: Course) -> Path | None:
    url = course.coursedir.db_url
    return Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else None


def back_up(course: Course) -> Path | None:
    """Copy an SQLite gradebook with SQLite's own backup API (safe while open); keep the last few copies.

    A PostgreSQL gradebook is left to the server's own backups (pg_dump); see docs/scale.md.
    """
    database = _sqlite_file(course)
    if database is None or not database.is_file():
        return None
    folder = course.home / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    target = folder / f"gradebook-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{time.monotonic_ns() % 10**6}.db"
    with sqlite3.connect(database) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    for old in sorted(folder.glob("gradebook-*.db"))[:-BACKUPS_KEPT]:
        old.unlink()
    return target


def hand_back(course: Course) -> None:
    """Root grading a trainer's course (`sudo course grade` on a hub): give what the grader
    wrote back to the owner of the course folder, so that the trainer's formgrader, feedback
    and reports can read and update it. Does nothing when not root or the course is root's."""
    owner = course.home.stat()
    if os.geteuid() != 0 or owner.st_uid == 0:
        return
    database = _sqlite_file(course)
    written = [course.folder("autograded"), course.home / BACKUP_FOLDER]
    if database is not None:
        written += [database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]
    for top in written:
        for path in [top, *(top.rglob("*") if top.is_dir() else [])]:
            if path.exists() and path.stat().st_uid == 0:
                os.chown(path, owner.st_uid, owner.st_gid, follow_symlinks=False)
