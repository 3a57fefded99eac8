"""Benchmark: `course feedback` against `nbgrader generate_feedback` on the demo cohort's graded lesson.

    .venv/bin/course demo                          # grades 12 demo learners in demo/
    .venv/bin/python bench/feedback_bench.py       # then times both tools on demo/, 3 rounds each

nbgrader's pages are written first and the kit's last, so demo/feedback/ ends with the kit's pages.
It prints the median of each tool and the ratio.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from traitlets.config import Config

from course.config import load_course
from course.grading.feedback import feedback, graded_learners
from course.nbgrader_api import api_for

LESSON = "01-first-words"


def demo_course(root: Path):
    """The demo course in *root*/demo, as `course demo` left it."""
    demo = root / "demo"
    overrides = Config()
    overrides.CourseDirectory.root = str(demo)
    overrides.CourseDirectory.db_url = f"sqlite:///{demo / 'gradebook.db'}"
    overrides.Exchange.root = str(demo / "exchange")
    return load_course(root, overrides=overrides)


def timed(action, rounds: int) -> list[float]:
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    course = demo_course(args.root.resolve())
    learners = graded_learners(course, LESSON)
    if not learners:
        print("Run `course demo` first: nothing is graded in demo/.", file=sys.stderr)
        return 2
    api = api_for(course)
    nbgrader = timed(lambda: [api.generate_feedback(LESSON, student_id=s, force=True) for s in learners], args.rounds)
    kit = timed(lambda: feedback(LESSON, course=course), args.rounds)
    old, new = statistics.median(nbgrader), statistics.median(kit)
    print(f"{len(learners)} learners, {LESSON}: nbgrader generate_feedback median {old:.2f} s "
          f"({', '.join(f'{s:.2f}' for s in nbgrader)}); course feedback median {new:.2f} s "
          f"({', '.join(f'{s:.2f}' for s in kit)}); {old / new:.1f} x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
