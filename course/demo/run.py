"""`course demo`: the trainer's whole pipeline on a synthetic cohort.

Everything happens in demo/ (its own source copy, gradebook and exchange)
and reports/demo/, so a trainer's real data is never touched. Each run
starts from a clean demo state.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from nbgrader.utils import capture_log, temp_attrs
from traitlets.config import Config

from course.authoring.release import release
from course.config import Course, load_course
from course.demo.cohort import COHORT, Learner, fill_in, solutions
from course.errors import CourseError
from course.grading.autograde import GradeSummary, grade
from course.grading.feedback import feedback
from course.grading.sandbox import isolation_problem
from course.i18n import _
from course.nbgrader_api import api_for, gradebook_for, last_line
from course.progress import console, track
from course.reports.build import Report, report

DEMO_DIR = "demo"
DEMO_REPORTS = "demo"
# The lessons the demo cohort works through: the pilot, whose partly-right answers are designed
# (answers.PARTLY). Every lesson is graded for real by the tests in tests/lessons instead.
DEMO_LESSONS = ("01-first-words",)


@dataclass(frozen=True)
class DemoResult:
    course: Course
    cohort: list[Learner]
    grading: dict[str, GradeSummary]
    feedback_pages: list[Path]
    report: Report


def demo(*, course: Course) -> DemoResult:
    """Run release -> learners submit -> collect -> grade -> feedback -> report on a demo cohort."""
    demo_course = prepare(course)
    lessons = demo_course.assignments()
    grading: dict[str, GradeSummary] = {}
    pages: list[Path] = []
    for lesson in lessons:
        say(_("Building the learner version of {lesson}").format(lesson=lesson))
        release(lesson, course=demo_course)
        say(_("{count} demo learners fetch, answer and submit {lesson}").format(count=len(COHORT), lesson=lesson))
        submit_cohort(demo_course, lesson, COHORT)
        collect(demo_course, lesson)
        # The demo cohort's answers are the kit's own: jailed where the machine allows, trusted elsewhere.
        grading[lesson] = grade(lesson, course=demo_course, trust_learner_code=isolation_problem() is not None)
        pages += feedback(lesson, course=demo_course)
    result = report(course=demo_course, folder=demo_course.reports_dir)
    return DemoResult(demo_course, COHORT, grading, pages, result)


def prepare(course: Course) -> Course:
    """A clean demo course in demo/, reading the real course's settings with its own folders."""
    root = course.root / DEMO_DIR
    if root.exists():
        shutil.rmtree(root)
    for lesson in DEMO_LESSONS:
        shutil.copytree(course.folder("source") / lesson, root / "source" / lesson,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.rmtree(course.reports_dir / DEMO_REPORTS, ignore_errors=True)
    return demo_course(course)


def demo_course(course: Course) -> Course:
    """The demo course in demo/ as it is (nothing wiped): its own folders, the real course's settings."""
    root = course.root / DEMO_DIR
    overrides = Config()
    overrides.CourseDirectory.root = str(root)
    overrides.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    overrides.Exchange.root = str(root / "exchange")
    overrides.CourseKit.reports_directory = str(course.reports_dir / DEMO_REPORTS)  # an absolute path
    return load_course(course.root, overrides=overrides)


def submit_cohort(course: Course, lesson: str, cohort: list[Learner]) -> None:
    """Each learner fetches the lesson from the exchange, answers it and submits.

    Late learners submit after the due date, which is set once the others are in.
    """
    right = {}
    for notebook in sorted((course.folder("source") / lesson).glob("*.ipynb")):
        right.update(solutions(notebook))
    ordered = [learner for learner in cohort if not learner.late] + [learner for learner in cohort if learner.late]
    due_date_set = False
    for learner in track(ordered, total=len(ordered), description=_("Submitting")):
        if learner.late and not due_date_set:
            set_due_date(course, lesson, datetime.now(timezone.utc))
            time.sleep(0.01)
            due_date_set = True
        home = course.home / "learners" / learner.student
        fetch(course, lesson, learner.student, home)
        for notebook in sorted(learner_copy(course, lesson, home).glob("*.ipynb")):
            fill_in(notebook, lesson=lesson, profile=learner.profile, right=right)
        submit(course, lesson, learner.student, home)


def fetch(course: Course, lesson: str, student: str, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    _exchange(course, "FetchAssignment", lesson, student, home)


def learner_copy(course: Course, lesson: str, home: Path) -> Path:
    """Where nbgrader's fetch puts a lesson in a learner's home folder."""
    if course.config.Exchange.get("path_includes_course", False):
        return home / course.coursedir.course_id / lesson
    return home / lesson


def submit(course: Course, lesson: str, student: str, home: Path) -> None:
    _exchange(course, "Submit", lesson, student, home)


def collect(course: Course, lesson: str) -> None:
    outcome = api_for(course).collect(lesson)
    if not outcome["success"]:
        raise CourseError(_("Collecting failed: {reason}").format(reason=last_line(outcome.get("error"))))


def _exchange(course: Course, step: str, lesson: str, student: str, home: Path) -> None:
    """Run one learner-side exchange step (fetch or submit) as nbgrader's own classes do it."""
    api = api_for(course)
    with temp_attrs(api.coursedir, assignment_id=lesson, student_id=student):
        app = getattr(api.exchange, step)(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
        app.assignment_dir = str(home)
        outcome = capture_log(app)
    if not outcome["success"]:
        raise CourseError(
            _("Demo step '{step}' failed: {reason}").format(step=step, reason=last_line(outcome.get("error")))
        )


def set_due_date(course: Course, lesson: str, when: datetime) -> None:
    with gradebook_for(course) as gradebook:
        gradebook.update_or_create_assignment(lesson, duedate=when.replace(tzinfo=None))


def say(message: str) -> None:
    console.print(f"[bold]›[/bold] {message}")
