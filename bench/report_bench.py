"""Benchmark: the full trainer report on a synthetic cohort of 1,000 learners x 11 lessons x 20 graded cells.

    .venv/bin/python bench/report_bench.py            # or: make bench-report
    .venv/bin/python bench/report_bench.py --learners 200 --runs 5

It builds a course in a temporary folder: a gradebook in nbgrader's own schema
(filled with bulk inserts, so building takes seconds), a submitted notebook
with a confidence answer per learner and lesson, and an autograded notebook
with each failed check's message. Then it times `course.reports.build.report`
(read everything, build every table, write HTML, Excel and CSV) and, as the
baseline a trainer has without the kit, nbgrader's own `nbgrader export`
(CsvExportPlugin: one query per learner and lesson, lesson totals only).
It prints the median of --runs report runs and the ratio to the baseline.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nbgrader.api import Gradebook  # noqa: E402
from nbgrader.plugins.export import CsvExportPlugin  # noqa: E402
from sqlalchemy import create_engine, insert  # noqa: E402
from sqlalchemy.exc import SAWarning  # noqa: E402

from course.config import Course, load_course  # noqa: E402
from course.curriculum import Curriculum, Evidence  # noqa: E402
from course.reports.build import report  # noqa: E402
from course.reports.notebooks import CONFIDENCE_MIME, STATEMENT_IDS  # noqa: E402

MISTAKES = ["Put the text between quotes.", "Use = to keep the result.", "Check the spelling of the name."]
START = datetime(2026, 1, 12, 10, 0)
PADDING = "Lesson text. " * 2000  # real lesson notebooks are 20-40 kB; the reader must read them all


def new_id() -> str:
    return uuid.uuid4().hex


# ---- the synthetic cohort -----------------------------------------------------------------------------


class Cohort:
    """Who submits what: each learner has an ability, each cell a difficulty; some learners stop early."""

    def __init__(self, *, learners: int, lessons: int, cells: int, seed: int):
        rng = random.Random(seed)
        self.students = [f"learner{n:04d}" for n in range(learners)]
        self.lessons = [f"{n + 1:02d}-lesson" for n in range(lessons)]
        self.cells = [f"ex{n + 1:02d}" for n in range(cells)]
        self.manual = set(self.cells[-2:])  # two answers per lesson marked by the trainer
        self.ability = {s: rng.uniform(0.2, 0.95) for s in self.students}
        self.stops = {s: (0 if rng.random() < 0.03 else lessons if rng.random() < 0.8 else rng.randrange(1, lessons))
                      for s in self.students}
        self.difficulty = {(l, c): rng.uniform(-0.2, 0.2) for l in self.lessons for c in self.cells}
        self.rng = rng

    def submitted(self, student: str, position: int) -> bool:
        return position < self.stops[student]

    def passed(self, student: str, lesson: str, cell: str) -> bool:
        return self.rng.random() < self.ability[student] - self.difficulty[(lesson, cell)]


def build_gradebook(db_url: str, cohort: Cohort) -> dict[tuple[str, str, str], bool]:
    """Fill nbgrader's schema with bulk inserts; returns which (learner, lesson, cell) failed an automatic check."""
    with Gradebook(db_url):  # creates the schema (and nbgrader's alembic stamp)
        pass
    rows = {name: [] for name in ("student", "assignment", "notebook", "base_cell", "grade_cells",
                                  "submitted_assignment", "submitted_notebook", "grade")}
    failed = {}
    rows["student"] = [{"id": s} for s in cohort.students]
    cell_ids = {}
    for position, lesson in enumerate(cohort.lessons):
        assignment, notebook = new_id(), new_id()
        rows["assignment"].append({"id": assignment, "name": lesson, "course_id": "default_course",
                                   "duedate": START + timedelta(days=7 * position + 7)})
        rows["notebook"].append({"id": notebook, "name": lesson, "assignment_id": assignment})
        for cell in cohort.cells:
            cell_ids[(lesson, cell)] = cid = new_id()
            rows["base_cell"].append({"id": cid, "name": cell, "notebook_id": notebook, "type": "GradeCell"})
            manual = cell in cohort.manual
            rows["grade_cells"].append({"id": cid, "max_score": 2.0 if manual else 1.0,
                                        "cell_type": "markdown" if manual else "code"})
        for student in cohort.students:
            if not cohort.submitted(student, position):
                continue
            sub, subnb = new_id(), new_id()
            when = START + timedelta(days=7 * position + cohort.rng.uniform(0, 8))
            rows["submitted_assignment"].append({"id": sub, "assignment_id": assignment, "student_id": student,
                                                 "timestamp": when})
            rows["submitted_notebook"].append({"id": subnb, "assignment_id": sub, "notebook_id": notebook,
                                               "flagged": False, "late_submission_penalty": None})
            for cell in cohort.cells:
                passed = cohort.passed(student, lesson, cell)
                grade = {"id": new_id(), "notebook_id": subnb, "cell_id": cell_ids[(lesson, cell)],
                         "auto_score": None, "manual_score": None, "extra_credit": None, "needs_manual_grade": False}
                if cell in cohort.manual:
                    waiting = cohort.rng.random() < 0.1
                    grade.update(needs_manual_grade=waiting, manual_score=None if waiting else 2.0 * passed)
                else:
                    grade["auto_score"] = 1.0 * passed
                    failed[(student, lesson, cell)] = not passed
                rows["grade"].append(grade)
    engine = create_engine(db_url)
    from nbgrader.api import Base

    with engine.begin() as connection:
        for name, values in rows.items():
            if values:
                connection.execute(insert(Base.metadata.tables[name]), values)
    engine.dispose()
    return failed


def write_notebooks(course: Course, cohort: Cohort, failed: dict) -> int:
    """A submitted notebook (with a confidence answer) and an autograded one (with failed checks) per submission."""
    written = 0
    for position, lesson in enumerate(cohort.lessons):
        for student in cohort.students:
            if not cohort.submitted(student, position):
                continue
            rating = max(1, min(5, round(1 + 4 * cohort.ability[student] + cohort.rng.uniform(-1, 1))))
            moment = "course-start" if position == 0 else "lesson-end"
            answer = {"version": 1, "moment": moment, "lesson": "" if position == 0 else lesson,
                      "saved_at": None, "answers": dict.fromkeys(STATEMENT_IDS, rating)}
            confidence = {"output_type": "display_data", "metadata": {},
                          "data": {CONFIDENCE_MIME: answer, "text/plain": "confidence"}}
            _write(course.folder("submitted") / student / lesson, lesson, [_code("", [confidence])])
            checks = [_code(cell, [_error(cohort.rng.choice(MISTAKES))] if failed.get((student, lesson, cell)) else [])
                      for cell in cohort.cells if cell not in cohort.manual]
            _write(course.folder("autograded") / student / lesson, lesson, checks)
            written += 2
    return written


def _code(grade_id: str, outputs: list) -> dict:
    meta = {"nbgrader": {"grade": True, "grade_id": grade_id, "locked": True, "points": 1, "solution": False,
                         "schema_version": 3}} if grade_id else {"tags": ["confidence-check"]}
    return {"cell_type": "code", "execution_count": 1, "id": new_id()[:8], "metadata": meta, "outputs": outputs,
            "source": "check()"}


def _error(message: str) -> dict:
    return {"output_type": "error", "ename": "AssertionError", "evalue": message,
            "traceback": ["AssertionError    Traceback (most recent call last)", f"AssertionError: {message}"]}


def _write(folder: Path, lesson: str, cells: list) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = {"cell_type": "markdown", "id": "text", "metadata": {}, "source": PADDING}
    nb = {"cells": [text, *cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / f"{lesson}.ipynb").write_text(json.dumps(nb, indent=1), encoding="utf-8")


def make_course(folder: Path, *, learners: int, lessons: int, cells: int, seed: int = 1) -> Course:
    """A course in *folder* with the repository's configuration and a synthetic graded cohort."""
    shutil.copytree(REPO / "config", folder / "config")
    course = load_course(folder)
    cohort = Cohort(learners=learners, lessons=lessons, cells=cells, seed=seed)
    failed = build_gradebook(course.coursedir.db_url, cohort)
    write_notebooks(course, cohort, failed)
    return course


# ---- timing -------------------------------------------------------------------------------------------


def curriculum_for(lessons: int, cells: int) -> Curriculum:
    """Every synthetic graded cell gives evidence of one of four DigComp competences."""
    codes = [("3.4", 1), ("3.1", 1), ("1.3", 2), ("5.2", 1)]
    names = Cohort(learners=0, lessons=lessons, cells=cells, seed=0)
    evidence = [Evidence(lesson, cell, *codes[n % len(codes)])
                for lesson in names.lessons for n, cell in enumerate(names.cells)]
    return Curriculum(lessons=names.lessons, minutes=dict.fromkeys(names.lessons, 120),
                      titles={lesson: lesson for lesson in names.lessons}, evidence=evidence)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the notebook readers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_report(course: Course, runs: int, curriculum: Curriculum | None = None) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) of each full report run."""
    timings = []
    for run in range(runs):
        started, cpu = time.perf_counter(), cpu_seconds()
        report(course=course, folder=course.home / "reports" / f"run{run}", curriculum=curriculum)
        timings.append((time.perf_counter() - started, cpu_seconds() - cpu))
    return timings


def time_export(course: Course, learners: list[str] | None = None) -> float:
    """nbgrader's own `nbgrader export` (CSV of lesson totals), the trainer's tool without the kit.

    With *learners*, only their records are exported (`nbgrader export --student ...`).
    """
    started = time.perf_counter()
    with Gradebook(course.coursedir.db_url) as gradebook:
        CsvExportPlugin(to=str(course.home / "nbgrader-export.csv"), student=learners or []).export(gradebook)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--lessons", type=int, default=11)
    parser.add_argument("--cells", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-baseline", action="store_true", help="skip the nbgrader export timing")
    parser.add_argument("--baseline-learners", type=int, default=100,
                        help="time nbgrader export on this many learners and scale up linearly (0: all)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", category=SAWarning)
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        started = time.perf_counter()
        course = make_course(Path(tmp) / "course", learners=args.learners, lessons=args.lessons, cells=args.cells)
        built = time.perf_counter() - started
        timings = time_report(course, args.runs, curriculum_for(args.lessons, args.cells))
        seconds = [wall for wall, _ in timings]
        median = statistics.median(seconds)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
        print(f"cohort: {args.learners} learners x {args.lessons} lessons x {args.cells} graded cells "
              f"(built in {built:.1f} s)")
        print(f"full report (HTML + Excel + CSV): median {median:.2f} s of {args.runs} runs "
              f"({', '.join(f'{s:.2f}' for s in seconds)}); CPU median "
              f"{statistics.median(cpu for _, cpu in timings):.2f} s")
        if not args.no_baseline:
            sample = args.baseline_learners if 0 < args.baseline_learners < args.learners else args.learners
            export = time_export(course, [f"learner{n:04d}" for n in range(sample)]) * args.learners / sample
            scaled = f", timed on {sample} learners and scaled x{args.learners / sample:g}" if sample < args.learners else ""
            print(f"baseline `nbgrader export` (lesson totals only, one query per record{scaled}): {export:.2f} s")
            print(f"ratio: the full report takes {median / export:.2f} x the time of nbgrader export "
                  f"({export / median:.1f} x faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
