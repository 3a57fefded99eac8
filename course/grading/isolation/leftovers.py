"""What a grader killed with kill -9 (or by the out-of-memory killer) leaves, removed at the next start.

Kernels die with their grader (each process of the chain asks for SIGKILL when its
parent dies, and a kernel's PID namespace takes every process of the learner with
it), but two things can stay: the batch's jail folder in /tmp, and processes of a
grading user whose kernel escaped that chain. A live grader holds an flock on its jail
folder and on each of its slots, so whatever is not locked belongs to no one.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from course.grading.isolation.processes import kill_user_processes, owner, pids
from course.grading.isolation.users import claim_free, grading_users, lock_folder, release_slot

JAIL_PREFIX = "codensocial-grading-"
# Made in a jail folder once its grader holds the lock; a folder without it (a grader of an
# earlier version, or one being made) is left alone until it is a day old.
LOCKED_MARK = "locked-by-its-grader"
DAY = 24 * 3600


def lock_jail_folder(base: Path) -> int:
    """Hold *base* for this grader's lifetime: an flock on the folder itself, let go when the grader ends."""
    handle = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    fcntl.flock(handle, fcntl.LOCK_EX)
    (base / LOCKED_MARK).touch(mode=0o600)
    return handle


def remove_stale_jail_folders(parent: Path | None = None) -> list[Path]:
    """Jail folders of graders that are gone: ours (same owner), real folders, not locked by anyone."""
    removed = []
    for folder in sorted(Path(parent or tempfile.gettempdir()).glob(JAIL_PREFIX + "*")):
        try:
            handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue  # a link, a file or gone: not ours to touch
        try:
            info = os.fstat(handle)
            if info.st_uid != os.geteuid() or not stat.S_ISDIR(info.st_mode):
                continue
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if not (folder / LOCKED_MARK).exists() and time.time() - info.st_mtime < DAY:
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        except BlockingIOError:
            continue  # a live grader's
        finally:
            os.close(handle)
    return removed


def stop_leftover_processes(prefix: str) -> None:
    """Processes of grading users whose slot no grader holds: a killed grader's learners."""
    running = {owner(pid) for pid in pids()}  # one look at the process table; most users have none
    folder = lock_folder()
    for slot, uid in grading_users(prefix).items():
        if uid in running and (handle := claim_free(folder, slot)) is not None:
            kill_user_processes(uid)
            release_slot(handle)
