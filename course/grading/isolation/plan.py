"""The jail of one batch: which folders learner code must not see, which it keeps, and where kernels live.

Hidden: the course being graded, every other course tree that holds solutions (the
checkout the kit itself runs from, as on a hub that installs it from /opt/<course>),
homes, the temporary folders and the database sockets. Kept (read-only): the kit's
package and the Python environment, even when they live inside a hidden folder.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

import course
from course.grading.isolation.leftovers import (
    JAIL_PREFIX, lock_jail_folder, remove_stale_jail_folders, stop_leftover_processes,
)
from course.grading.isolation.limits import Sandbox, resource_limits

# Homes may hold keys and other courses; temporary folders other people's files.
ALWAYS_HIDDEN = ("/root", "/home", "/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/run/postgresql",
                 "/var/run/postgresql")
_locks: dict[str, weakref.finalize] = {}
# What makes a folder a course tree: solutions, a gradebook, the course's settings.
COURSE_MARKS = ("source", "gradebook.db", "config/nbgrader_config.py", "nbgrader_config.py")


@dataclass(frozen=True)
class Jail:
    """What every kernel of one batch shares: limits, folders to hide and to keep."""

    isolate: bool
    settings: Sandbox
    hide: tuple[str, ...]
    keep_read_only: tuple[str, ...]
    base: Path

    def limits(self) -> dict[str, int]:
        return resource_limits(self.settings, isolate=self.isolate)

    def remove(self) -> None:
        """Remove the batch's folder and let go of its lock (which also goes when this object does)."""
        shutil.rmtree(self.base, ignore_errors=True)
        _locks.pop(str(self.base), lambda: None)()


def make_jail(*, hide: list[Path], isolate: bool, settings: Sandbox) -> Jail:
    """The jail for one batch: what a killed grader left is cleared first, then a private, locked base folder."""
    if isolate:
        stop_leftover_processes(settings.user_prefix)
    remove_stale_jail_folders()
    base = Path(tempfile.mkdtemp(prefix=JAIL_PREFIX))
    base.chmod(0o711)
    handle = lock_jail_folder(base)
    keep = {str(Path(course.__file__).resolve().parent), str(Path(sys.prefix).resolve()),
            str(Path(sys.base_prefix).resolve())}
    always = {str(Path(p).resolve()) for p in ALWAYS_HIDDEN if Path(p).exists()}
    trees = {str(p.resolve()) for p in [*hide, *installed_course_trees()] if p.exists()}
    hidden = sorted(trees | always | _closed_ancestors(keep))
    hidden = [h for h in hidden if not any(o != h and _inside(h, o) for o in hidden)]  # the outermost suffice
    keep_read_only = tuple(sorted(p for p in keep if any(_inside(p, h) for h in hidden)))
    jail = Jail(isolate=isolate, settings=settings, hide=tuple(hidden), keep_read_only=keep_read_only, base=base)
    _locks[str(base)] = weakref.finalize(jail, os.close, handle)  # held while the grader holds the jail
    return jail


def installed_course_trees() -> list[Path]:
    """Course trees found from where the kit is installed: an editable install from a checkout of the course."""
    found = []
    for folder in Path(course.__file__).resolve().parents:
        if folder == Path(folder.anchor):
            break
        if any((folder / mark).exists() for mark in COURSE_MARKS):
            found.append(folder)
    return found


def _closed_ancestors(paths: set[str]) -> set[str]:
    """Folders that other users cannot pass through on the way to *paths* (e.g. /root holding pyenv).

    Hiding them under a tmpfs and binding the kept path back makes the path reachable, and nothing else.
    """
    closed = set()
    for path in paths:
        for folder in reversed(Path(path).parents):
            if str(folder) != "/" and not folder.stat().st_mode & 0o001:
                closed.add(str(folder))
                break
    return closed


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")
