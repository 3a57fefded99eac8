"""The course configuration: found by nbgrader itself, paths derived from its own location."""
import os
import subprocess
import sys

import pytest
from traitlets.config.loader import PyFileConfigLoader

from course.config import load_course
from course.setup import setup
from tests.helpers import PILOT, REPO


def test_paths_follow_the_config_file(course):
    assert course.home == course.root
    assert course.coursedir.db_url == f"sqlite:///{course.root / 'gradebook.db'}"
    assert course.folder("release") == course.root / "release"
    assert course.assignments() == sorted(p.name for p in (REPO / "source").iterdir() if p.is_dir())


@pytest.mark.slow
def test_plain_nbgrader_reads_the_course_config_through_jupyter_config_path(course, tmp_path):
    """A trainer's own `nbgrader generate_assignment`, run from another folder, builds this course's release."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(course.config_dir))
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", PILOT],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (course.root / "release" / PILOT / f"{PILOT}.ipynb").is_file()
    assert (course.root / "gradebook.db").is_file()
    assert not any(elsewhere.iterdir())


def test_setup_points_the_environment_at_the_course(course, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "env"))
    pointer = setup(course=course)
    assert pointer == tmp_path / "env" / "etc" / "jupyter" / "nbgrader_config.py"
    config = PyFileConfigLoader(pointer.name, path=str(pointer.parent)).load_config()
    assert config.CourseDirectory.root == str(course.root)
    assert load_course(course.root).config.CourseDirectory.course_id == config.CourseDirectory.course_id


def test_only_learner_kernels_fall_back_to_the_installed_course(tmp_path):
    """Outside any course, does a trainer's lookup find nothing while a learner's kernel still finds the kit's course?"""
    from course.learner.settings import find_config
    from course.locate import nearest_course_root

    assert nearest_course_root(tmp_path) is None
    assert nearest_course_root(tmp_path, installed_fallback=True) == REPO
    assert find_config(tmp_path) == REPO / "config" / "nbgrader_config.py"
