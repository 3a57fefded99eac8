"""One `course grade` at a time per lesson: a lock file in the course folder, where no learner can write.

Two runs on one lesson would both do all the work and both write every learner. The
second run stops at once and says, in one line, which process holds the lesson and since
when. The lock is the operating system's (``flock``), so a run that was killed holds
nothing: its lock goes with its process, and the file stays for the next run to reuse.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from course.errors import CourseError
from course.i18n import _

LOCK_FOLDER = ".grading-locks"


@contextmanager
def lesson_lock(home: Path, assignment: str, part: str = "") -> Iterator[Path]:
    """Hold the grading lock of *assignment* (and shard *part*, if any) in *home* while the block runs."""
    folder = home / LOCK_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / (f"{assignment}.{part}.lock" if part else f"{assignment}.lock")
    handle = os.open(path, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW, 0o600)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CourseError(_held_by(assignment, os.pread(handle, 500, 0))) from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, json.dumps({"pid": os.getpid(), "started": time.strftime(
            "%Y-%m-%d %H:%M:%S UTC", time.gmtime())}).encode(), 0)
        yield path
    finally:
        os.close(handle)


def _held_by(assignment: str, text: bytes) -> str:
    try:
        holder = json.loads(text.decode("utf-8"))
        pid, started = int(holder["pid"]), str(holder["started"])[:40]
    except (ValueError, KeyError, TypeError):
        pid, started = "?", "?"
    return _("{lesson} is being graded already by process {pid} (started {started}). Wait for it to end, "
             "then run again.").format(lesson=assignment, pid=pid, started=started)
