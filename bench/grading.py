"""Benchmark: `nbgrader autograde` against `course grade` on the same batch, in the same run.

    .venv/bin/python -m bench.grading --notebooks 200 --repeat 3

Builds one course with the pilot lesson released and COUNT synthetic submissions
(right, partly right, wrong and broken answers; see tests/grading/batch.py), copies it
twice, grades one copy with `nbgrader autograde` (one process, as a trainer runs it)
and the other with `course grade`, checks that every cell's score is the same, and
prints both throughputs and their ratio. With --repeat, the medians.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course.authoring.release import release
from course.config import load_course
from tests.grading.batch import make_batch
from tests.helpers import PILOT, cell_scores, copy_course


def build(folder: Path, count: int):
    course = copy_course(folder / "template")
    release(PILOT, course=course)
    return course, make_batch(course, count)


def copy_of(template: Path, target: Path):
    shutil.copytree(template, target)
    return load_course(target)


def timed(command: list[str], course) -> float:
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(course.config_dir)}
    start = time.perf_counter()
    subprocess.run(command, cwd=course.root, env=env, check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def one_round(template: Path, work: Path, students: list[str], workers: int | None) -> tuple[float, float]:
    nbgrader_course = copy_of(template, work / "with-nbgrader")
    ours = copy_of(template, work / "with-course")
    bin_dir = Path(sys.executable).parent
    nbgrader_time = timed([str(bin_dir / "nbgrader"), "autograde", PILOT, "--force"], nbgrader_course)
    command = [str(bin_dir / "course"), "grade", PILOT] + (["--workers", str(workers)] if workers else [])
    our_time = timed(command, ours)
    differ = [s for s in students if cell_scores(ours, s) != cell_scores(nbgrader_course, s)]
    if differ:
        raise SystemExit(f"scores differ for {len(differ)} learner(s), e.g. {differ[0]}")
    shutil.rmtree(work / "with-nbgrader")
    shutil.rmtree(work / "with-course")
    return nbgrader_time, our_time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as folder:
        course, students = build(Path(folder), args.notebooks)
        rounds = [one_round(course.root, Path(folder), students, args.workers) for _ in range(args.repeat)]
    count = args.notebooks
    for number, (theirs, ours) in enumerate(rounds, 1):
        print(f"round {number}: nbgrader {theirs:.1f} s, course grade {ours:.1f} s, ratio {theirs / ours:.2f}")
    theirs, ours = statistics.median(r[0] for r in rounds), statistics.median(r[1] for r in rounds)
    print(f"{count} notebooks, same scores cell by cell in every round")
    print(f"nbgrader autograde: {count / theirs:.2f} notebooks/s (median {theirs:.1f} s)")
    print(f"course grade:       {count / ours:.2f} notebooks/s (median {ours:.1f} s)")
    print(f"ratio: {theirs / ours:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
