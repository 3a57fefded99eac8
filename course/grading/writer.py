"""The one process that writes: the gradebook (nbgrader's records, as autograde leaves them), then autograded/.

Order, so that a grader killed at any moment loses nothing and duplicates nothing:
1. autograded/<learner>/.<lesson>.partial/, built aside (the earlier folder is untouched);
2. the student and the submission (nbgrader's own update-or-create: writing twice is harmless);
3. every score, comment and late penalty of the learner, in one commit;
4. only then the new folder swapped in for autograded/<learner>/<lesson>/.
A learner counts as done when step 4 is there with the submission's timestamp,
so a learner cut off before it is graded again on the next run. A learner this run
could not grade keeps an earlier record and folder as they were.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import time
from contextlib import closing
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import LateSubmissionPlugin
from sqlalchemy.exc import DBAPIError

from course.config import Course
from course.errors import CourseError
from course.grading.lesson_lock import LOCK_FOLDER
from course.grading.pipeline import Graded, Job
from course.i18n import _

BACKUP_FOLDER = "gradebook-backups"
BACKUPS_KEPT = 5
READ_ONLY = 0o444  # nbgrader's default for autograded files


def record(gradebook: Gradebook, *, job: Job, result: Graded, course: Course) -> None:
    """Write one learner's result to the gradebook: scores in a single transaction."""
    try:
        gradebook.update_or_create_student(job.student)
        extra = {"timestamp": job.timestamp} if job.timestamp else {}
        submission = gradebook.update_or_create_submission(job.assignment, job.student, **extra)
        if result.graded:
            _save_scores(gradebook, job, result)
        else:
            _save_failure(gradebook, job, result.reason)
        _assign_late_penalties(gradebook, job, submission, course)
        gradebook.db.commit()
    except DBAPIError as problem:
        _roll_back(gradebook)
        raise CourseError(_cannot_write(course, problem)) from None
    except Exception:
        gradebook.db.rollback()
        raise


def _roll_back(gradebook: Gradebook) -> None:
    try:
        gradebook.db.rollback()
    except DBAPIError:
        pass  # the connection itself is gone: nothing of this learner was committed


def _cannot_write(course: Course, problem: Exception) -> str:
    detail = str(getattr(problem, "orig", problem)).splitlines()[0][:200] if str(problem) else type(problem).__name__
    return _("The gradebook cannot be written ({detail}). Learners recorded before are kept; check that the "
             "gradebook and its folder can be written, then run the same command again.").format(detail=detail)


def require_writable(course: Course) -> None:
    """Stop before any work when the gradebook (SQLite) cannot take a write: one plain line, nothing lost."""
    database = _sqlite_file(course)
    if database is None or not database.is_file():
        return
    try:
        with closing(sqlite3.connect(database, timeout=10, isolation_level=None)) as connection:
            connection.execute("BEGIN IMMEDIATE")  # the write lock; then a write that is rolled back
            try:
                connection.execute("CREATE TABLE main.codensocial_write_check (x)")
            finally:
                connection.execute("ROLLBACK")
        if not os.access(database.parent, os.W_OK):
            raise sqlite3.OperationalError("its folder is read-only")
    except sqlite3.Error as problem:
        raise CourseError(_cannot_write(course, problem)) from None


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


def save_result(gradebook: Gradebook, *, course: Course, job: Job, result: Graded) -> Graded:
    """Record one result: autograded/ built aside, the scores committed, then the folder swapped in.

    A run that could not grade a learner (a worker killed by the memory killer, a damaged
    notebook) leaves an earlier record and autograded/ folder exactly as they were.
    """
    if not result.graded and _has_record(gradebook, job):
        return result
    partial = build_autograded(course=course, job=job, result=result) if result.graded else None
    try:
        record(gradebook, job=job, result=result, course=course)
    except BaseException:
        if partial is not None:
            shutil.rmtree(partial, ignore_errors=True)
        raise
    _swap_in(partial, course.folder("autograded") / job.student / job.assignment)
    return result


def _has_record(gradebook: Gradebook, job: Job) -> bool:
    try:
        gradebook.find_submission(job.assignment, job.student)
    except MissingEntry:
        return False
    return True


def build_autograded(*, course: Course, job: Job, result: Graded) -> Path:
    """autograded/<learner>/.<lesson>.partial: executed notebooks and the other files, read-only."""
    final = course.folder("autograded") / job.student / job.assignment
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
    return partial


def _swap_in(partial: Path | None, final: Path) -> None:
    """Put *partial* where *final* is (or just remove *final*, an older grading that no longer holds)."""
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if os.path.lexists(final):
        final.rename(old)
    if partial is not None:
        partial.rename(final)
    shutil.rmtree(old, ignore_errors=True)


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
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"gradebook-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{time.monotonic_ns() % 10**6}.db"
    mode = stat.S_IMODE(database.stat().st_mode)
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, mode))
    os.chmod(target, mode)  # the umask may have taken bits away: a backup is exactly as private as the gradebook
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(target)) as copy:
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
    written = [course.folder("autograded"), course.home / BACKUP_FOLDER, course.home / LOCK_FOLDER]
    if database is not None:
        written += [database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]
    for top in written:
        for path in [top, *(top.rglob("*") if top.is_dir() else [])]:
            if path.exists() and path.stat().st_uid == 0:
                os.chown(path, owner.st_uid, owner.st_gid, follow_symlinks=False)
