"""Benchmark: `nbgrader autograde` against `course grade` on the same batch, in the same run.

    .venv/bin/python -m bench.grading --notebooks 200 --repeat 3    (make bench)
    .venv/bin/python -m bench.grading --notebooks 40 --repeat 3     (quick: a busy machine)

Builds one course with the pilot lesson released and COUNT synthetic submissions
(right, partly right, wrong and broken answers; see tests/grading/batch.py), copies it
twice, grades one copy with `nbgrader autograde` (one process, as a trainer runs it)
and the other with `course grade`, checks that every cell's score is the same, and
prints both throughputs and their ratio. With --repeat, the medians.

It also prints the CPU time per notebook that getrusage counts for each tool. For
`course grade` that is the grading process alone: its workers come from a fork server
and the learners' kernels from the workers' kernel factories, which getrusage does not count.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from course.authoring.release import release
from course.config import load_course
from tests.grading.batch import make_batch
from tests.helpers import PILOT, cell_scores, copy_course


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # CPU seconds of the command and everything it started


@dataclass(frozen=True)
class Round:
    nbgrader: Run
    ours: Run
    differ: list[str]


def build(folder: Path, count: int):
    course = copy_course(folder / "template")
    release(PILOT, course=course)
    return course, make_batch(course, count)


def copy_of(template: Path, target: Path):
    shutil.copytree(template, target)
    return load_course(target)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], course) -> Run:
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(course.config_dir)}
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=course.root, env=env, check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return Run(wall=time.perf_counter() - start, cpu=children_cpu() - cpu)


def one_round(template: Path, work: Path, students: list[str], workers: int | None) -> Round:
    nbgrader_course = copy_of(template, work / "with-nbgrader")
    ours = copy_of(template, work / "with-course")
    bin_dir = Path(sys.executable).parent
    nbgrader_run = timed([str(bin_dir / "nbgrader"), "autograde", PILOT, "--force"], nbgrader_course)
    command = [str(bin_dir / "course"), "grade", PILOT] + (["--workers", str(workers)] if workers else [])
    our_run = timed(command, ours)
    differ = [s for s in students if cell_scores(ours, s) != cell_scores(nbgrader_course, s)]
    shutil.rmtree(work / "with-nbgrader")
    shutil.rmtree(work / "with-course")
    return Round(nbgrader_run, our_run, differ)


def report(rounds: list[Round], count: int, load: float) -> int:
    """Print each round, then the medians; 1 when the scores differed in any round."""
    for number, r in enumerate(rounds, 1):
        print(f"round {number}: nbgrader {r.nbgrader.wall:.1f} s ({r.nbgrader.cpu:.1f} s CPU), "
              f"course grade {r.ours.wall:.1f} s ({r.ours.cpu:.1f} s CPU), ratio {r.nbgrader.wall / r.ours.wall:.2f}")
    differ = sorted({s for r in rounds for s in r.differ})
    if differ:
        print(f"{count} notebooks, same scores cell by cell: NO ({len(differ)} learner(s) differ, e.g. {differ[0]})")
    else:
        print(f"{count} notebooks, same scores cell by cell in every round: yes")
    theirs = statistics.median(r.nbgrader.wall for r in rounds)
    ours = statistics.median(r.ours.wall for r in rounds)
    their_cpu = statistics.median(r.nbgrader.cpu for r in rounds) / count
    our_cpu = statistics.median(r.ours.cpu for r in rounds) / count
    print(f"nbgrader autograde: {count / theirs:.2f} notebooks/s (median {theirs:.1f} s), {their_cpu:.2f} s CPU/notebook")
    print(f"course grade:       {count / ours:.2f} notebooks/s (median {ours:.1f} s), {our_cpu:.2f} s CPU/notebook in the grading process alone")
    print(f"cores: {os.cpu_count()}, load average at the start: {load:.1f} (compare figures from a quiet machine only)")
    print(f"ratio: {theirs / ours:.2f}x")
    return 1 if differ else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as folder:
        course, students = build(Path(folder), args.notebooks)
        rounds = [one_round(course.root, Path(folder), students, args.workers) for _ in range(args.repeat)]
    return report(rounds, args.notebooks, load)


if __name__ == "__main__":
    raise SystemExit(main())
