"""The gradebook on a real PostgreSQL server, and three shards grading one lesson at once."""
from __future__ import annotations

import subprocess
import sys

import pytest

from course.authoring.release import release
from course.config import load_course
from course.nbgrader_api import gradebook_for
from tests.grading.batch import make_batch
from tests.grading.postgres import postgres_server
from tests.helpers import PILOT, cell_scores, copy_course

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.isolation]


@pytest.fixture(scope="module")
def pg_course(tmp_path_factory):
    """A course whose gradebook is a PostgreSQL database, with the pilot released and 6 submissions."""
    folder = tmp_path_factory.mktemp("pg")
    with postgres_server() as new_database:
        url = new_database("gradebook")
        course = copy_course(folder / "course")
        with open(course.config_dir / "nbgrader_config.py", "a") as config:
            config.write(f"\nc.CourseDirectory.db_url = {url!r}\n")
        course = load_course(course.root)
        release(PILOT, course=course)
        students = make_batch(course, 6, prefix="shard")
        yield course, students


def course_grade(course, *args):
    return subprocess.Popen([sys.executable, "-m", "course", "grade", PILOT, *args], cwd=course.root,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def rows(course):
    with gradebook_for(course) as gradebook:
        return sorted((s.student.id, sum(len(n.grades) for n in s.notebooks))
                      for s in gradebook.find_assignment(PILOT).submissions)


def test_three_shards_on_one_postgres_gradebook_equal_one_run(pg_course):
    """Do 3 `course grade --shard i/3` processes at once give what one run gives, each learner once?"""
    course, students = pg_course
    assert course.coursedir.db_url.startswith("postgresql")
    shards = [course_grade(course, "--shard", f"{i}/3", "--workers", "1") for i in range(3)]
    outputs = [shard.communicate(timeout=300)[0] for shard in shards]
    assert [shard.returncode for shard in shards] == [0, 0, 0], outputs
    assert sum(int(out.split(": ")[1].split(" graded")[0]) for out in outputs) == len(students)
    by_shards = {s: cell_scores(course, s) for s in students}
    assert rows(course) == [(s, 10) for s in students]

    single = course_grade(course, "--force")
    assert single.wait(timeout=300) == 0
    assert {s: cell_scores(course, s) for s in students} == by_shards
    assert rows(course) == [(s, 10) for s in students]  # graded twice, recorded once
    assert len({sum(scores.values()) for scores in by_shards.values()}) >= 3  # not all alike: the check can fail
