"""The grading users (one per kernel slot) and the locks that give each grader its slots.

A slot is held by a grader for as long as it runs, through an flock on the slot's lock
file. The lock files live in a folder only the grader's own user can write (for root,
/run/codensocial-grader, mode 0700), never in a folder learners share (/run/lock, /tmp):
a learner could plant a symlink or a folder there, and a grader running as root would
follow the link or fail. Lock files are opened with O_NOFOLLOW, and anything else found
in their place is removed.
"""
from __future__ import annotations

import errno
import fcntl
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from course.errors import CourseError
from course.grading.isolation.limits import USER_PREFIX
from course.i18n import _

# Where graders before this version kept their slot locks. While both versions may run on one
# machine (an upgrade, a shared server), a slot is also locked there, through a file that is
# never followed and only used when it is the grader's own.
LEGACY_LOCKS = Path("/run/lock")


def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def grading_user(slot: int, prefix: str = USER_PREFIX) -> tuple[int, int]:
    """The (uid, gid) of the system user of kernel *slot*, created when missing."""
    name = f"{prefix}{slot}"
    if not user_exists(name):
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--user-group", "--home-dir", "/nonexistent",
             "--shell", "/usr/sbin/nologin", name],
            check=True, capture_output=True,
        )
    entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid


def grading_users(prefix: str) -> dict[int, int]:
    """Slot number -> uid of every grading user that exists."""
    users = {}
    for entry in pwd.getpwall():
        number = entry.pw_name[len(prefix):]
        if entry.pw_name.startswith(prefix) and number.isdigit():
            users[int(number)] = entry.pw_uid
    return users


def lock_folder() -> Path:
    """The grader's own folder for slot locks: made private if missing, refused if anyone else could write it."""
    uid = os.geteuid()
    folder = Path("/run/codensocial-grader") if uid == 0 else Path(tempfile.gettempdir()) / f"codensocial-locks-{uid}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or info.st_mode & 0o077:
        raise CourseError(_("The grader's lock folder {folder} is not a private folder of the grader. "
                            "Remove it and grade again.").format(folder=folder))
    return folder


def open_lock(folder: Path, slot: int) -> int:
    """The lock file of *slot*, opened without following links; a link or folder planted there is removed."""
    path = folder / f"slot-{slot}.lock"
    for _attempt in range(3):
        try:
            handle = os.open(path, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o600)
        except OSError as problem:
            if problem.errno not in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EACCES):
                raise
            _remove(path)
            continue
        if stat.S_ISREG(os.fstat(handle).st_mode):
            return handle
        os.close(handle)
        _remove(path)
    raise CourseError(_("The grader could not make its lock file {path}.").format(path=path))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def take_old_lock(slot: int) -> int | None:
    """Also hold *slot*'s lock where graders of earlier versions look for it, so they leave the slot alone.

    Returns the handle to keep (-1 when there is no usable file: a link, folder or someone else's file
    is never followed nor used), or None when a grader of an earlier version holds the slot.
    """
    try:
        handle = os.open(LEGACY_LOCKS / f"codensocial-grader-{slot}.lock",
                         os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
    except OSError:
        return -1
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
        os.close(handle)
        return -1
    if try_lock(handle):
        return handle
    os.close(handle)
    return None


_old_locks: dict[int, int] = {}  # slot lock handle -> the old-style lock held with it


def claim_slot(folder: Path | None = None) -> tuple[int, int]:
    """The lowest slot number no other grader on this machine holds, and its locked file handle."""
    folder = folder or lock_folder()
    slot = 0
    while (handle := claim_free(folder, slot)) is None:
        slot += 1
    return slot, handle


def claim_free(folder: Path, slot: int) -> int | None:
    """The locked handle of *slot* if no grader (of this version or an earlier one) holds it, else None."""
    handle = open_lock(folder, slot)
    if try_lock(handle):
        old = take_old_lock(slot)
        if old is not None:
            _old_locks[handle] = old
            return handle
    os.close(handle)
    return None


def release_slot(handle: int) -> None:
    old = _old_locks.pop(handle, -1)
    if old != -1:
        os.close(old)
    os.close(handle)
