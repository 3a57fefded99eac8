"""The jail's plan for a batch: which folders learner code must not see (no root needed to ask)."""
from __future__ import annotations

from course.grading.isolation.plan import Sandbox, installed_course_trees, make_jail
from tests.helpers import REPO


def _hidden(path, hidden) -> bool:
    return any(str(path) == h or str(path).startswith(h.rstrip("/") + "/") for h in hidden)


def test_the_checkout_the_kit_runs_from_is_hidden_but_its_package_kept():
    """When the kit is installed from a checkout with source/ (a hub's /opt/<course>), is that tree hidden?"""
    assert REPO in installed_course_trees()
    jail = make_jail(hide=[], isolate=False, settings=Sandbox())
    try:
        assert _hidden(REPO / "source", jail.hide)
        assert str(REPO / "course") in jail.keep_read_only  # the package learner notebooks import stays
    finally:
        jail.remove()
    assert not jail.base.exists()


def test_the_graded_course_and_temporary_folders_are_hidden(course):
    """Are the graded course, /tmp, /dev/shm and /run/lock all covered?"""
    jail = make_jail(hide=[course.root], isolate=False, settings=Sandbox())
    try:
        assert _hidden(course.root / "source", jail.hide)
        assert {"/tmp", "/dev/shm"} <= set(jail.hide)
    finally:
        jail.remove()
