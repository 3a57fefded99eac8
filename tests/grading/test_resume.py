"""Never lose a result: kill -9 in the middle of a batch, run again, compare with a clean run."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import sqlite3

import pytest

from course.config import load_course
from course.grading.autograde import grade
from course.nbgrader_api import gradebook_for
from tests.grading.batch import make_batch
from tests.helpers import PILOT, cell_scores

pytestmark = [pytest.mark.slow, pytest.mark.isolation]  # grades in the jail: needs root


def course_grade(course, *args):
    return subprocess.Popen([sys.executable, "-m", "course", "grade", PILOT, *args], cwd=course.root,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def graded_folders(course):
    return [p for p in course.folder("autograded").glob(f"*/{PILOT}") if p.is_dir()]


def rows_per_learner(course, students):
    with gradebook_for(course) as gradebook:
        submissions = gradebook.find_assignment(PILOT).submissions
        return sorted((s.student.id, len(s.notebooks), sum(len(n.grades) for n in s.notebooks)) for s in submissions)


def test_killed_grader_loses_and_duplicates_nothing(released, tmp_path):
    """Killed with SIGKILL after a few learners, then run again: same grades as a clean run, each once?"""
    students = make_batch(released, 6, prefix="resume")
    clean = load_course(shutil.copytree(released.root, tmp_path / "clean"))
    grade(PILOT, course=clean, workers=2)

    first = course_grade(released, "--workers", "2")
    deadline = time.monotonic() + 120
    while len(graded_folders(released)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    done_before = len(graded_folders(released))
    assert 2 <= done_before < 6, "the kill must land in the middle of the batch"

    second = course_grade(released, "--workers", "2")
    output, _ = second.communicate(timeout=300)

    assert second.returncode == 0, output
    assert f"{done_before} learners skipped" in output  # the graded ones were not graded again (2 or more)
    assert {s: cell_scores(released, s) for s in students} == {s: cell_scores(clean, s) for s in students}
    assert rows_per_learner(released, students) == rows_per_learner(clean, students)
    assert len(rows_per_learner(released, students)) == len(students)
    # --force grades everyone again, still once each
    assert course_grade(released, "--force").wait(timeout=300) == 0
    assert rows_per_learner(released, students) == rows_per_learner(clean, students)


def test_gradebook_is_backed_up_before_a_batch(released):
    """Is there a copy of the gradebook, as it was, before the batch wrote to it?"""
    make_batch(released, 1, prefix="backup")
    grade(PILOT, course=released, student="backup-000", force=True)
    backups = sorted((released.home / "gradebook-backups").glob("gradebook-*.db"))
    assert backups
    query = "select count(*) from submitted_assignment where student_id = 'backup-000'"
    with sqlite3.connect(backups[-1]) as copy:
        assert copy.execute(query).fetchone()[0] == 0  # as it was before the batch
    with sqlite3.connect(released.home / "gradebook.db") as live:
        assert live.execute(query).fetchone()[0] == 1
