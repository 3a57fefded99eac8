"""A batch of synthetic submissions built from the real lessons, for the parity tests and the benchmark."""
from __future__ import annotations

import itertools
import shutil

from course.config import Course
from course.demo.cohort import fill_in
from tests.helpers import PILOT, PILOT_NOTEBOOK, right_answers

# Right, partly right, wrong and broken answers, in the mix a trainer meets (no endless loop: 10 s each).
MIX = ("right", "partly", "wrong", "first-half", "right", "blank", "raises", "right")
LATE = "2030-01-15 10:00:00.000000 UTC"
ON_TIME = "2026-01-15 10:00:00.000000 UTC"


def make_batch(course: Course, count: int, *, profiles=MIX, prefix: str = "learner") -> list[str]:
    """*count* learners in submitted/, cycling through *profiles*; every fifth one is late."""
    right = right_answers(course)
    released = course.folder("release") / PILOT / PILOT_NOTEBOOK
    students = []
    for number, profile in zip(range(count), itertools.cycle(profiles)):
        student = f"{prefix}-{number:03d}"
        folder = course.folder("submitted") / student / PILOT
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(released, folder / PILOT_NOTEBOOK)
        fill_in(folder / PILOT_NOTEBOOK, lesson=PILOT, profile=profile, right=right)
        (folder / "timestamp.txt").write_text(LATE if number % 5 == 4 else ON_TIME)
        students.append(student)
    return students
