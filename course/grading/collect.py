"""`course collect LESSON`: nbgrader's collect, from the exchange's inbound folder, refusing what is unsafe.

Learners can write the inbound folder (they submit there), and the trainer collects from
it with the trainer's own rights; `nbgrader collect` follows links, so a learner could
have it copy the gradebook, the pseudonym key or the solutions into submitted/. This
collect keeps nbgrader's layout (submitted/<id>/<lesson>/ with timestamp.txt, the newest
submission of each learner, or the newest before the due date) and nbgrader's settings
(read through nbgrader's own classes), but opens every folder and file without following
links and checks what it opened: no link, no hard link, no pipe or device, nothing owned
by anyone but the learner (when the learner has an account here, as on a hub), an ID that
is safe as a file name and a pattern, a real date, and no more files or bytes than
``c.SubmissionLimits`` allows. A refused learner gets a reason, and an earlier collected
submission stays exactly as it was: a new one is copied aside and swapped in only whole.
"""
from __future__ import annotations

import os
import pwd
import shutil
import stat
from dataclasses import dataclass, field
from datetime import datetime
from fnmatch import fnmatch
from pathlib import Path

from nbgrader.api import MissingEntry
from nbgrader.utils import parse_utc, temp_attrs

from course.config import Course
from course.errors import CourseError
from course.grading.lesson_lock import lesson_lock
from course.grading.submissions import (DEEPEST, SubmissionLimits, learner_id_problem, read_timestamp, too_big,
                                        too_deep)
from course.i18n import _
from course.nbgrader_api import api_for, gradebook_for

CHUNK = 1024 * 1024
FILE_MODE, FOLDER_MODE = 0o644, 0o755


class Refused(Exception):
    """A submission the kit will not take; the message is the reason, for the trainer."""


@dataclass(frozen=True)
class Collected:
    student: str  # as a person can read it (an odd ID is shown escaped)
    collected: bool
    reason: str = ""


@dataclass
class CollectSummary:
    assignment: str
    outcomes: list[Collected] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def refused(self) -> list[Collected]:
        return [o for o in self.outcomes if not o.collected]

    def headline(self) -> str:
        """One plain line: how many were collected, refused, already up to date."""
        return _("{lesson}: {collected} collected, {refused} refused, {unchanged} already up to date.").format(
            lesson=self.assignment, collected=len(self.outcomes) - len(self.refused), refused=len(self.refused),
            unchanged=len(self.unchanged))


@dataclass(frozen=True)
class Entry:
    """One folder in inbound/: <student>+<lesson>+<timestamp>[+<random>]."""

    student: str
    name: str
    timestamp: datetime | None


@dataclass(frozen=True)
class Settings:
    inbound: Path
    before_duedate: bool
    check_owner: bool
    ignore: tuple[str, ...]


def collect(assignment: str, *, course: Course, student: str | None = None) -> CollectSummary:
    """Copy the newest submission of *assignment* of each learner (or only *student*) into submitted/.

    Steps: check the lesson -> read nbgrader's exchange settings -> list inbound/, newest
    submission per learner -> take the lesson's lock (not while it is graded) -> refuse odd
    IDs and names that hold no date -> copy each aside,
    checking every file as it is opened -> swap it into submitted/<id>/<lesson>/ -> return
    who was collected, who was refused (and why), who was up to date.
    """
    course.require_assignment(assignment)
    settings = exchange_settings(course, assignment)
    summary = CollectSummary(assignment)
    chosen = choose(inbound_entries(settings.inbound, assignment, student), duedate(course, assignment),
                    settings.before_duedate)
    limits = SubmissionLimits(config=course.config)
    with lesson_lock(course.home, assignment):  # never swap a submission while it is being graded
        for entry in chosen:
            target = course.folder("submitted") / entry.student / assignment
            try:
                if take(entry, target, settings=settings, limits=limits):
                    summary.outcomes.append(Collected(entry.student, True))
                else:
                    summary.unchanged.append(entry.student)
            except Refused as refused:
                summary.outcomes.append(Collected(_shown(entry.student), False, str(refused)))
    summary.outcomes.sort(key=lambda outcome: outcome.student)
    return summary


def exchange_settings(course: Course, assignment: str) -> Settings:
    """nbgrader's own collect settings (Exchange.root, ExchangeCollect.*), read through its classes."""
    api = api_for(course)
    with temp_attrs(api.coursedir, assignment_id=assignment):
        collector = api.exchange.Collect(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
    root = getattr(collector, "root", None)
    if root is None or not course.coursedir.course_id:
        raise CourseError(_("course collect works with nbgrader's folder exchange and a course id "
                            "(c.CourseDirectory.course_id). Check the course settings."))
    inbound = Path(root) / course.coursedir.course_id / "inbound"
    if not inbound.is_dir():
        raise CourseError(_("There is no inbound folder at {path}: nobody has submitted yet, or the exchange "
                            "is set up elsewhere (c.Exchange.root).").format(path=inbound))
    return Settings(inbound, collector.before_duedate, collector.check_owner, tuple(course.coursedir.ignore))


def inbound_entries(inbound: Path, assignment: str, student: str | None) -> list[Entry]:
    """The submissions of *assignment* in *inbound* (of *student* only, if given); a name without a date has None."""
    marker = f"+{assignment}+"
    entries = []
    with os.scandir(inbound) as found:
        for item in found:
            if marker not in item.name:
                continue
            who, rest = item.name.rsplit(marker, 1)
            if student is None or who == student:
                entries.append(Entry(who, item.name, _parse_time(rest.split("+")[0])))
    return entries


def _parse_time(text: str) -> datetime | None:
    try:
        return parse_utc(text)
    except (ValueError, OverflowError, TypeError):
        return None


def duedate(course: Course, assignment: str) -> datetime | None:
    """The lesson's due date from the gradebook (None without one; a missing gradebook is not made here)."""
    url = course.coursedir.db_url
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        return None
    with gradebook_for(course) as gradebook:
        try:
            return gradebook.find_assignment(assignment).duedate
        except MissingEntry:
            return None


def choose(entries: list[Entry], due: datetime | None, before_duedate: bool) -> list[Entry]:
    """nbgrader's choice: each learner's newest submission (the newest before *due*, if asked and there is one).

    A learner whose folder name holds no date keeps that entry, so that the refusal is told.
    """
    chosen = []
    for student in sorted({entry.student for entry in entries}):
        mine = [entry for entry in entries if entry.student == student]
        dated = sorted((e for e in mine if e.timestamp is not None), key=lambda e: e.timestamp, reverse=True)
        if before_duedate and due is not None:
            dated = [e for e in dated if e.timestamp <= due] or dated
        chosen.append(dated[0] if dated else mine[0])
    return chosen


def take(entry: Entry, target: Path, *, settings: Settings, limits: SubmissionLimits) -> bool:
    """Copy *entry* to *target* unless it is not newer than what is there; False when nothing changed."""
    problem = learner_id_problem(entry.student)
    if problem:
        raise Refused(problem)
    if entry.timestamp is None:
        raise Refused(_("The submitted folder's name holds no date and time: refused."))
    earlier, _problem = read_timestamp(target) if target.is_dir() else (None, "")
    if earlier is not None and _parse_time(earlier) is not None and _parse_time(earlier) >= entry.timestamp:
        return False
    aside = target.with_name(f".{target.name}.collecting")
    shutil.rmtree(aside, ignore_errors=True)
    aside.parent.mkdir(parents=True, exist_ok=True)
    try:
        copy_submission(settings.inbound / entry.name, aside, owner=_owner(entry.student, settings),
                        limits=limits, ignore=settings.ignore)
        _timestamp, problem = read_timestamp(aside)
        if problem:
            raise Refused(problem)
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)
        raise
    swap_in(aside, target)
    return True


def _owner(student: str, settings: Settings) -> int | None:
    """The uid every file must have: the learner's, when the learner has an account here (a hub)."""
    if not settings.check_owner:
        return None
    try:
        return pwd.getpwnam(student).pw_uid
    except KeyError:
        return None


def copy_submission(source: Path, target: Path, *, owner: int | None, limits: SubmissionLimits,
                    ignore: tuple[str, ...]) -> None:
    """Copy the folder *source* to *target*, checking each folder and file on the handle it is read from.

    Without an account to compare with, every file must belong to the owner of the submitted folder.
    """
    try:
        top = os.open(source, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        raise Refused(_("{file} is a link: refused (a submission holds files and folders only).").format(
            file=source.name)) from None
    try:
        uid = os.fstat(top).st_uid if owner is None else owner
        _check_owner(os.fstat(top), uid, Path(source.name))
        target.mkdir(mode=FOLDER_MODE)
        _copy_folder(top, target, Path(), uid=uid, budget=Budget(limits), ignore=ignore)
    finally:
        os.close(top)


class Budget:
    """What is left of the files and bytes one submission may hold."""

    def __init__(self, limits: SubmissionLimits):
        self.limits, self.files, self.bytes = limits, limits.max_files, limits.max_bytes

    def take(self, files: int = 0, size: int = 0) -> None:
        self.files, self.bytes = self.files - files, self.bytes - size
        if self.files < 0 or self.bytes < 0:
            raise Refused(too_big(self.limits))


def _copy_folder(folder: int, target: Path, relative: Path, *, uid: int, budget: Budget,
                 ignore: tuple[str, ...]) -> None:
    for name in sorted(os.listdir(folder)):
        if any(fnmatch(name, pattern) for pattern in ignore):
            continue
        mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
        where = relative / name
        if stat.S_ISDIR(mode):
            if len(where.parts) > DEEPEST:
                raise Refused(too_deep(where))
            inner = _open(name, folder, where, os.O_DIRECTORY)
            try:
                _check_owner(os.fstat(inner), uid, where)
                (target / name).mkdir(mode=FOLDER_MODE)
                _copy_folder(inner, target / name, where, uid=uid, budget=budget, ignore=ignore)
            finally:
                os.close(inner)
        elif stat.S_ISREG(mode):
            _copy_file(_open(name, folder, where, os.O_NONBLOCK), target / name, where, uid=uid, budget=budget)
        elif stat.S_ISLNK(mode):
            raise Refused(_("{file} is a link: refused (a submission holds files and folders only).").format(
                file=where))
        else:
            raise Refused(_("{file} is not a plain file: refused.").format(file=where))


def _open(name: str, folder: int, where: Path, flags: int) -> int:
    try:
        return os.open(name, os.O_RDONLY | os.O_NOFOLLOW | flags, dir_fd=folder)
    except OSError:  # swapped for a link or a pipe since it was listed
        raise Refused(_("{file} is not a plain file: refused.").format(file=where)) from None


def _copy_file(handle: int, target: Path, where: Path, *, uid: int, budget: Budget) -> None:
    with os.fdopen(handle, "rb") as source:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(_("{file} is not a plain file: refused.").format(file=where))
        if info.st_nlink > 1:
            raise Refused(_("{file} has another name on this disk (a hard link): refused.").format(file=where))
        _check_owner(info, uid, where)
        budget.take(files=1)
        with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb") as copy:
            while chunk := source.read(CHUNK):
                budget.take(size=len(chunk))
                copy.write(chunk)


def _check_owner(info: os.stat_result, uid: int, where: Path) -> None:
    if info.st_uid != uid:
        raise Refused(_("{file} belongs to another user than the learner who submitted it: refused.").format(
            file=where))


def swap_in(aside: Path, target: Path) -> None:
    """Put the folder *aside* where *target* is; the earlier *target* goes only once the new one is in place."""
    old = target.with_name(f".{target.name}.earlier")
    shutil.rmtree(old, ignore_errors=True)
    if os.path.lexists(target):
        target.rename(old)
    aside.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _shown(student: str) -> str:
    return student if not learner_id_problem(student) else ascii(student)
