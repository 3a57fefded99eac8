"""The grader's own locks and leftovers: can anything planted in their place misdirect a grader running as root?"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from course.errors import CourseError
from course.grading.isolation import leftovers, users
from course.grading.isolation.leftovers import LOCKED_MARK, lock_jail_folder, remove_stale_jail_folders


@pytest.fixture
def no_old_locks(tmp_path, monkeypatch):
    """Old-style locks in a folder of the test's own, not the machine's /run/lock."""
    monkeypatch.setattr(users, "LEGACY_LOCKS", tmp_path / "old-locks")
    (tmp_path / "old-locks").mkdir()


def test_a_planted_link_in_place_of_a_lock_file_is_never_followed(tmp_path, no_old_locks):
    """Does the grader write through a symlink planted where its lock file goes?"""
    folder = tmp_path / "locks"
    folder.mkdir(mode=0o700)
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    (folder / "slot-0.lock").symlink_to(target)
    (folder / "slot-1.lock").mkdir()  # a folder where a lock file goes
    slots = [users.claim_slot(folder) for _ in range(2)]
    assert [slot for slot, _handle in slots] == [0, 1]
    assert target.read_text() == "keep me"
    assert not (folder / "slot-0.lock").is_symlink() and (folder / "slot-1.lock").is_file()
    for _slot, handle in slots:
        users.release_slot(handle)


def test_a_second_grader_gets_the_next_slot_and_a_released_one_comes_back(tmp_path, no_old_locks):
    """Do two graders on one machine ever share a slot (and so a grading user)?"""
    first, handle = users.claim_slot(tmp_path)
    second, other = users.claim_slot(tmp_path)
    assert (first, second) == (0, 1)
    users.release_slot(handle)
    assert users.claim_slot(tmp_path)[0] == 0


def test_an_old_graders_lock_keeps_its_slot(tmp_path, no_old_locks):
    """Does a grader of this version take a slot that a grader of the earlier version holds?"""
    import fcntl

    old = os.open(users.LEGACY_LOCKS / "codensocial-grader-0.lock", os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(old, fcntl.LOCK_EX)
    assert users.claim_slot(tmp_path)[0] == 1
    os.close(old)


def test_a_lock_folder_that_others_can_write_is_refused(tmp_path, monkeypatch):
    """Does the grader use a lock folder someone else could plant files in?"""
    monkeypatch.setattr(users.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(users.os, "geteuid", lambda: os.getuid() or 12345)
    folder = tmp_path / f"codensocial-locks-{os.getuid() or 12345}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    with pytest.raises(CourseError, match="not a private folder"):
        users.lock_folder()


def test_only_the_jail_folders_of_graders_that_are_gone_are_removed(tmp_path):
    """At start: is a killed grader's jail folder removed, and a live grader's (or an old version's) kept?"""
    live = tmp_path / (leftovers.JAIL_PREFIX + "live")
    dead = tmp_path / (leftovers.JAIL_PREFIX + "dead")
    old_version = tmp_path / (leftovers.JAIL_PREFIX + "old")
    for folder in (live, dead, old_version):
        folder.mkdir()
    held = lock_jail_folder(live)
    os.close(lock_jail_folder(dead))  # its grader was killed: the lock went with it
    (tmp_path / (leftovers.JAIL_PREFIX + "link")).symlink_to(old_version)
    assert remove_stale_jail_folders(tmp_path) == [dead]
    assert live.exists() and old_version.exists() and (live / LOCKED_MARK).exists()
    os.utime(old_version, (time.time() - 2 * leftovers.DAY,) * 2)
    os.close(held)
    assert sorted(remove_stale_jail_folders(tmp_path)) == sorted([live, old_version])
    assert Path(tmp_path / (leftovers.JAIL_PREFIX + "link")).is_symlink()
