"""Find the submissions of one lesson, as nbgrader lays them out, and refuse the unsafe ones early.

Everything in submitted/ came from learners, and the grader reads it as root. So a
submission is looked at without following links (``lstat``), before any worker opens it:
a learner folder, lesson folder or file that is a link (to source/'s solution, to the
gradebook, anywhere), a file with a second name (a hard link), a device or pipe, an odd
learner ID, a ``timestamp.txt`` that is not a date, or more files or bytes than the
limits: that learner gets a reason and is not graded; the others are.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from nbgrader.utils import parse_utc
from traitlets import Integer
from traitlets.config import Configurable

from course.config import Course
from course.errors import CourseError
from course.i18n import _

# A learner ID is a file name and, for nbgrader, a glob pattern: letters, digits and ._@+- only.
ODD_IN_ID = re.compile(r"[^\w.@+-]")
LONGEST_ID = 100
LONGEST_TIMESTAMP = 100
DEEPEST = 20  # folders inside folders: a lesson needs two or three


class SubmissionLimits(Configurable):
    """How much of one submission the kit takes (``c.SubmissionLimits`` in the course settings)."""

    max_files = Integer(500, help="Most files one learner's lesson folder may hold, notebooks included.").tag(
        config=True)
    max_bytes = Integer(50 * 1024 * 1024, help="Most bytes one learner's lesson folder may hold, in all.").tag(
        config=True)


@dataclass(frozen=True)
class Submission:
    """One learner's lesson folder; *problem* says why it cannot be graded safely (empty when it can)."""

    student: str
    assignment: str
    path: Path
    problem: str = ""
    timestamp: str | None = None


def find_submissions(course: Course, assignment: str, student: str | None = None) -> list[Submission]:
    """The submissions of *assignment* in submitted/<student>/<assignment>/, sorted by learner.

    Refused ones are in the list too, with their problem. Raises a :class:`CourseError`
    when there is nothing to grade.
    """
    submitted = course.folder("submitted")
    if not submitted.is_dir():
        raise CourseError(
            _("There is no submitted/ folder yet. Collect the learners' work first: course collect {name}.").format(
                name=assignment
            )
        )
    limits = SubmissionLimits(config=course.config)
    students = [student] if student else sorted(_entries(submitted))
    found = [s for s in (look_at(submitted, name, assignment, limits) for name in students) if s is not None]
    if student and not found:
        raise CourseError(
            _("Learner '{student}' has no submission for '{name}' in submitted/.").format(
                student=student, name=assignment
            )
        )
    if not found:
        raise CourseError(
            _("Nobody has submitted '{name}' yet: submitted/*/{name}/ is empty.").format(name=assignment)
        )
    return found


def _entries(folder: Path) -> list[str]:
    with os.scandir(folder) as entries:
        return [entry.name for entry in entries if entry.is_dir(follow_symlinks=False) or entry.is_symlink()]


def look_at(submitted: Path, student: str, assignment: str, limits: SubmissionLimits) -> Submission | None:
    """The submission of *student*, with a problem if it is unsafe; None if there is none."""
    learner, lesson = submitted / student, submitted / student / assignment
    if learner_id_problem(student):
        return Submission(student, assignment, lesson, learner_id_problem(student))
    for path in (learner, lesson):
        kind = _kind(path)
        if kind is None or (kind != "dir" and kind != "link"):
            return None
        if kind == "link":
            return Submission(student, assignment, lesson, _(
                "{path} is a link, not a folder: refused. Collect the work again with course collect.").format(
                path=path.relative_to(submitted)))
    problem = contents_problem(lesson, limits)
    if problem:
        return Submission(student, assignment, lesson, problem)
    timestamp, problem = read_timestamp(lesson)
    return Submission(student, assignment, lesson, problem, timestamp)


def _kind(path: Path) -> str | None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    return "link" if stat.S_ISLNK(mode) else "dir" if stat.S_ISDIR(mode) else "other"


def learner_id_problem(student: str) -> str:
    """A reason if *student* is not safe as a file name and an nbgrader pattern, else ''."""
    if (not student or len(student) > LONGEST_ID or student[0] in ".-" or ODD_IN_ID.search(student)
            or not student.isprintable()):
        return _("The learner ID {student} has characters the grader cannot use safely (only letters, digits "
                 "and . _ @ + - are allowed): refused.").format(student=ascii(student))
    return ""


def contents_problem(folder: Path, limits: SubmissionLimits) -> str:
    """A reason if *folder* holds a link, a hard link, a special file, or too much; else ''."""
    files = size = 0
    for path, info in walk(folder):
        relative = path.relative_to(folder)
        if stat.S_ISLNK(info.st_mode):
            return _("{file} is a link: refused (a submission holds files and folders only).").format(file=relative)
        if stat.S_ISDIR(info.st_mode):
            if len(relative.parts) > DEEPEST:
                return too_deep(relative)
            continue
        if not stat.S_ISREG(info.st_mode):
            return _("{file} is not a plain file: refused.").format(file=relative)
        if info.st_nlink > 1:
            return _("{file} has another name on this disk (a hard link): refused.").format(file=relative)
        files, size = files + 1, size + info.st_size
        if files > limits.max_files or size > limits.max_bytes:
            return too_big(limits)
    return ""


def too_deep(relative: Path) -> str:
    return _("{file}: folders inside folders more than {depth} deep: refused.").format(
        file=Path(*relative.parts[:3], "..."), depth=DEEPEST)


def too_big(limits: SubmissionLimits) -> str:
    return _("The submission holds more than {files} files or {megabytes} MB: too big to grade. Ask the "
             "learner to remove the files the lesson does not need.").format(
        files=limits.max_files, megabytes=round(limits.max_bytes / 1024 / 1024, 1))


def walk(folder: Path):
    """(path, lstat) of everything under *folder*, never following a link; folders first, no recursion."""
    waiting = [folder]
    while waiting:
        with os.scandir(waiting.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                info = entry.stat(follow_symlinks=False)
                yield Path(entry.path), info
                if stat.S_ISDIR(info.st_mode):
                    waiting.append(Path(entry.path))


def read_timestamp(folder: Path) -> tuple[str | None, str]:
    """The submission time from timestamp.txt (None if there is none), and a problem if it is not a date."""
    try:
        text = read_no_follow(folder / "timestamp.txt", LONGEST_TIMESTAMP + 1).decode("utf-8").strip()
    except FileNotFoundError:
        return None, ""
    except (OSError, UnicodeDecodeError):
        text = "?"
    if not text:
        return None, ""
    try:
        if len(text) > LONGEST_TIMESTAMP:
            raise ValueError(text)
        parse_utc(text)
    except (ValueError, OverflowError, TypeError):
        return None, _("timestamp.txt does not hold a date and time, so lateness cannot be known: refused. "
                       "Collect the work again with course collect.")
    return text, ""


def read_no_follow(path: Path, limit: int | None = None) -> bytes:
    """The bytes of *path* (at most *limit*), refusing to open it through a link (O_NOFOLLOW)."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(f"{path.name} is not a plain file")
        return file.read() if limit is None else file.read(limit)
