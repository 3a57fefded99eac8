"""Grade every submission of a lesson and record the scores in the gradebook.

The engine gives nbgrader's own scores (its preprocessors do the work; see
:mod:`course.grading.pipeline`), but grades several learners at once, runs their
code jailed (:mod:`course.grading.sandbox`), and writes from one process only
(:mod:`course.grading.writer`), so that nothing is lost when it is stopped.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

from course.config import Course
from course.errors import CourseError
from course.grading.lesson_lock import lesson_lock
from course.grading.pipeline import Graded, Job
from course.grading.pool import run_pool
from course.grading.sandbox import Sandbox, make_jail, refuse_without_isolation
from course.grading.submissions import find_submissions, learner_id_problem
from course.grading.writer import back_up, fast_commits, hand_back, is_done, require_writable, save_result
from course.i18n import _, current_language
from course.nbgrader_api import gradebook_for
from course.progress import track
from course.translate.paths import lesson_source


@dataclass(frozen=True)
class Outcome:
    """What happened to one learner's submission; a graded one may still carry a note."""

    student: str
    graded: bool
    reason: str = ""


@dataclass
class GradeSummary:
    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def graded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.graded]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.graded]

    @property
    def notes(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.graded and o.reason]

    def headline(self) -> str:
        """One plain line: how many were graded and how many were not."""
        return _("{lesson}: {graded} graded, {failed} could not be graded.").format(
            lesson=self.assignment, graded=len(self.graded), failed=len(self.failed)
        )


@dataclass(frozen=True)
class Shard:
    """Share *index* (0-based) of *count*: for one Kubernetes Indexed Job pod each."""

    index: int = 0
    count: int = 1

    @classmethod
    def parse(cls, text: str) -> Shard:
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            index, count = -1, 0
        if not 0 <= index < count:
            raise CourseError(_("--shard takes INDEX/COUNT with 0 <= INDEX < COUNT, e.g. 0/3 (got '{text}').").format(
                text=text))
        return cls(index, count)

    def takes(self, position: int) -> bool:
        return position % self.count == self.index

    @property
    def label(self) -> str:
        """'' for the whole lesson, else e.g. '0of3' (each shard has its own lock)."""
        return f"{self.index}of{self.count}" if self.count > 1 else ""


def grade(assignment: str, *, course: Course, student: str | None = None, workers: int | None = None,
          force: bool = False, shard: Shard = Shard(), trust_learner_code: bool = False) -> GradeSummary:
    """Autograde *assignment* for every learner in submitted/ (or only *student*).

    Steps: check the lesson, its release and the sandbox -> list this shard's submissions,
    refusing unsafe ones with a reason -> lock the lesson -> leave out those already
    graded (unless *force*) -> check the gradebook can be written, back it up -> grade in
    a pool of workers -> write each result as it comes -> return who was graded, who was
    not (and why), who was skipped.
    """
    course.require_assignment(assignment)
    require_release(course, assignment)
    if not trust_learner_code:
        refuse_without_isolation()
    summary = GradeSummary(assignment)
    jobs = make_jobs(course, assignment, student, shard, summary)
    try:
        with lesson_lock(course.home, assignment, shard.label):
            todo = jobs if force else leave_out_graded(course, jobs, summary)
            if todo:
                require_writable(course)
                back_up(course)
                fast_commits(course)
                grade_jobs(course, todo, summary, workers=workers, trust_learner_code=trust_learner_code)
    finally:
        hand_back(course)  # the lock folder too: the trainer's own runs must be able to take it
    summary.outcomes.sort(key=lambda outcome: outcome.student)
    return summary


def grade_jobs(course: Course, todo: list[Job], summary: GradeSummary, *, workers: int | None,
               trust_learner_code: bool) -> None:
    """Grade *todo* in a pool of jailed workers; the results are written here, one at a time."""
    jail = make_jail(hide=hidden_folders(course), isolate=not trust_learner_code, settings=Sandbox(config=course.config))
    try:
        results = run_pool(todo, jail=jail, config=course.config, language=current_language(),
                           workers=workers or os.cpu_count() or 1)
        write_results(course, {job.student: job for job in todo}, results, summary)
    finally:
        shutil.rmtree(jail.base, ignore_errors=True)


def require_release(course: Course, assignment: str) -> None:
    """Grading needs the records that building the release writes to the gradebook."""
    if not (course.folder("release") / assignment).is_dir():
        raise CourseError(
            _("'{name}' has not been released yet. Build it first: course release {name}.").format(name=assignment)
        )


def make_jobs(course: Course, assignment: str, student: str | None, shard: Shard,
              summary: GradeSummary) -> list[Job]:
    """This shard's jobs; a submission refused as unsafe goes to *summary* with its reason, and is not graded."""
    if student and learner_id_problem(student):
        raise CourseError(learner_id_problem(student))
    submissions = [s for position, s in enumerate(find_submissions(course, assignment, student))
                   if shard.takes(position)]
    summary.outcomes += [Outcome(s.student, False, s.problem) for s in submissions if s.problem]
    with gradebook_for(course) as gradebook:
        notebooks = tuple(sorted(nb.name for nb in gradebook.find_assignment(assignment).notebooks))
    return [
        Job(student=s.student, assignment=assignment, folder=str(s.path), notebooks=notebooks,
            source_folder=str(lesson_source(course, assignment)), db_url=course.coursedir.db_url,
            timestamp=s.timestamp)
        for s in submissions
        if not s.problem
    ]


def leave_out_graded(course: Course, jobs: list[Job], summary: GradeSummary) -> list[Job]:
    """Submissions graded already (same timestamp) are skipped: a re-run after a crash picks up the rest."""
    with gradebook_for(course) as gradebook:
        assignment = jobs[0].assignment if jobs else None
        graded = {s.student.id for s in gradebook.find_assignment(assignment).submissions} if assignment else set()
    todo = []
    for job in jobs:
        if is_done(course=course, job=job, graded_students=graded):
            summary.skipped.append(job.student)
        else:
            todo.append(job)
    return todo


def hidden_folders(course: Course) -> list:
    """What learner code must not see: the whole course (solutions, gradebook, others' work), the exchange."""
    from pathlib import Path

    folders = [course.home, course.root, Path(course.config.get("Exchange", {}).get("root", "") or course.home)]
    url = course.coursedir.db_url
    if url.startswith("sqlite:///"):
        folders.append(Path(url[len("sqlite:///"):]).parent)
    return [folder for folder in folders if str(folder) not in ("", "/")]


def write_results(course: Course, jobs: dict[str, Job], results, summary: GradeSummary) -> None:
    """The single writer: one gradebook session for the batch, one commit per learner."""
    with gradebook_for(course) as gradebook:
        for result in track(results, total=len(jobs), description=_("Grading")):
            job = jobs[result.student]
            result = write_one(course, gradebook, job, result)
            summary.outcomes.append(Outcome(result.student, result.graded, result.reason))


def write_one(course: Course, gradebook, job: Job, result: Graded) -> Graded:
    """Record one result; if the records cannot take it, record the failure instead and go on.

    A gradebook that cannot be written at all stops the batch with one plain line
    (:class:`CourseError`): what was recorded before stays.
    """
    try:
        return save_result(gradebook, course=course, job=job, result=result)
    except CourseError:
        raise
    except Exception as problem:  # noqa: BLE001 - one learner's records never stop the batch
        failed = Graded(job.student, job.timestamp, graded=False, reason=_(
            "The grader could not run this submission: {detail}").format(detail=str(problem).splitlines()[0][:300]
                                                                         if str(problem) else type(problem).__name__))
        return save_result(gradebook, course=course, job=job, result=failed)
