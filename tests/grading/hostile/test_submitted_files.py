"""Hostile submissions at the level of files: links, odd IDs, bad timestamps, too much, two runs, a locked gradebook.

Everything here is refused before any learner code runs, so these tests start no kernel:
each batch holds only submissions that must be refused (a good learner graded beside them
is in test_file_batch.py).
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from course.cli import main
from course.config import load_course
from course.errors import CourseError
from course.grading.autograde import grade
from course.grading.lesson_lock import lesson_lock
from course.grading.submissions import find_submissions, learner_id_problem
from course.grading.writer import back_up
from course.nbgrader_api import gradebook_for
from tests.helpers import PILOT, PILOT_NOTEBOOK, submit


@pytest.fixture
def fresh(released, tmp_path):
    """A copy of the released course of this module, so each test starts clean (no kernel, no release)."""
    return load_course(shutil.copytree(released.root, tmp_path / "course"))


def refused(course, **extra) -> dict[str, str]:
    summary = grade(PILOT, course=course, trust_learner_code=True, **extra)
    assert not summary.graded
    return {outcome.student: outcome.reason for outcome in summary.failed}


def nothing_recorded(course, student: str) -> bool:
    with gradebook_for(course) as gradebook:
        known = {s.student.id for s in gradebook.find_assignment(PILOT).submissions}
    return student not in known and not (course.folder("autograded") / student).exists()


def solution(course) -> Path:
    return course.folder("source") / PILOT / PILOT_NOTEBOOK


def test_a_notebook_linked_to_the_solution_is_refused(fresh):
    """Does a notebook that is a link to source/'s solution get a reason, and no score, instead of full marks?"""
    path = submit(fresh, "linked-notebook", {})
    path.unlink()
    path.symlink_to(solution(fresh))
    reasons = refused(fresh)
    assert "link" in reasons["linked-notebook"]
    assert nothing_recorded(fresh, "linked-notebook")


@pytest.mark.parametrize("where", ["lesson", "learner"])
def test_a_linked_folder_is_refused(fresh, where):
    """Is a lesson folder or learner folder that is a link (to source/) refused with a reason, never followed?"""
    outside = fresh.home / "outside" / PILOT
    shutil.copytree(fresh.folder("source") / PILOT, outside)
    submitted = fresh.folder("submitted")
    if where == "lesson":
        (submitted / "linked").mkdir(parents=True)
        (submitted / "linked" / PILOT).symlink_to(outside, target_is_directory=True)
    else:
        submitted.mkdir(parents=True)
        (submitted / "linked").symlink_to(outside.parent, target_is_directory=True)
    reasons = refused(fresh)
    assert "link" in reasons["linked"]
    assert nothing_recorded(fresh, "linked")


def test_links_and_special_files_inside_a_submission_are_refused(fresh):
    """A link to the gradebook inside the folder, a hard link, a pipe: is each learner refused with a reason?"""
    submit(fresh, "inner-link", {})
    (fresh.folder("submitted") / "inner-link" / PILOT / "data.csv").symlink_to(fresh.home / "gradebook.db")
    submit(fresh, "hard-link", {})
    (fresh.home / "secret.txt").write_text("secret")
    os.link(fresh.home / "secret.txt", fresh.folder("submitted") / "hard-link" / PILOT / "notes.txt")
    submit(fresh, "pipe", {})
    os.mkfifo(fresh.folder("submitted") / "pipe" / PILOT / "feed")
    reasons = refused(fresh)
    assert "link" in reasons["inner-link"] and "data.csv" in reasons["inner-link"]
    assert "hard link" in reasons["hard-link"]
    assert "feed" in reasons["pipe"]
    assert all(nothing_recorded(fresh, student) for student in reasons)


def test_too_many_files_or_bytes_are_refused_with_a_reason(fresh):
    """Are the files and bytes taken from one submission capped by the course's limits, with a reason?"""
    fresh.config.SubmissionLimits.max_files = 20
    fresh.config.SubmissionLimits.max_bytes = 1024 * 1024
    many = submit(fresh, "many-files", {}).parent
    for number in range(30):
        (many / f"junk-{number}.txt").write_text("x")
    big = submit(fresh, "many-bytes", {}).parent
    (big / "big.bin").write_bytes(b"\0" * 2 * 1024 * 1024)
    reasons = refused(fresh)
    assert "20 files" in reasons["many-files"] and "1.0 MB" in reasons["many-bytes"]


@pytest.mark.parametrize("student", ["two\nlines", "[a-z]*", "who?", "sp ace", ".hidden", "-dash", "a\\b"])
def test_odd_learner_ids_are_refused(fresh, student):
    """Is a learner ID with a newline, glob characters or other odd characters refused with a reason?"""
    submit(fresh, student, {})
    reasons = refused(fresh)
    assert "learner ID" in reasons[student]
    assert nothing_recorded(fresh, student)


def test_ordinary_learner_ids_pass():
    """Are the IDs a hub gives (letters of any alphabet, digits, . _ @ + -) accepted?"""
    for student in ("maria.lopez", "ion_popescu-2", "learner+1@centre.es", "Иван", "ayşe"):
        assert learner_id_problem(student) == ""


@pytest.mark.parametrize("text", ["not a date", "9" * 500, "2026-13-45 99:99:99"])
def test_a_timestamp_that_is_not_a_date_gets_a_reason(fresh, text):
    """Does a timestamp.txt that is not a date give that learner a reason, instead of stopping the batch?"""
    folder = submit(fresh, "bad-time", {}).parent
    (folder / "timestamp.txt").write_text(text)
    reasons = refused(fresh)
    assert "timestamp.txt" in reasons["bad-time"]


def test_a_second_run_on_a_lesson_says_who_holds_it(fresh, capsys, monkeypatch):
    """Does a second `course grade` of the same lesson stop at once with one line naming the process, exit 2?"""
    submit(fresh, "someone", {})
    monkeypatch.chdir(fresh.root)
    with lesson_lock(fresh.home, PILOT):
        with pytest.raises(CourseError, match=str(os.getpid())):
            grade(PILOT, course=fresh, trust_learner_code=True)
        assert main(["grade", PILOT, "--trust-learner-code"]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and str(os.getpid()) in error and "started" in error
    assert nothing_recorded(fresh, "someone")


def make_unwritable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)  # root writes through any mode bits
    else:
        path.chmod(0o444)


def test_an_unwritable_gradebook_gives_one_line_and_loses_nothing(fresh, capsys, monkeypatch):
    """A gradebook that cannot be written: one line, exit 2, the gradebook as it was?"""
    submit(fresh, "someone", {})
    database = fresh.home / "gradebook.db"
    before = database.read_bytes()
    make_unwritable(database)
    try:
        monkeypatch.chdir(fresh.root)
        assert main(["grade", PILOT, "--trust-learner-code"]) == 2
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(database)], check=True)
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "gradebook" in error
    assert database.read_bytes() == before


def test_a_gradebook_backup_keeps_the_gradebook_permissions(fresh):
    """Does the backup of a 0600 gradebook stay 0600, whatever the umask?"""
    database = fresh.home / "gradebook.db"
    database.chmod(0o600)
    old = os.umask(0o022)
    try:
        backup = back_up(fresh)
    finally:
        os.umask(old)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(backup) as copy:
        assert copy.execute("select count(*) from assignment").fetchone()[0] == 1


def test_refused_submissions_are_listed_with_the_good_ones(fresh):
    """Does find_submissions list a refused learner with the problem, and a good one without?"""
    submit(fresh, "good", {})
    submit(fresh, "bad", {}).unlink()
    (fresh.folder("submitted") / "bad" / PILOT / PILOT_NOTEBOOK).symlink_to(solution(fresh))
    found = {s.student: s for s in find_submissions(fresh, PILOT)}
    assert found["good"].problem == "" and found["good"].timestamp.startswith("2026-01-15")
    assert "link" in found["bad"].problem


def test_a_failed_grading_keeps_the_earlier_record_and_files(fresh):
    """After a good grading, does a run whose worker died leave the scores and autograded/ exactly as they were?"""
    from course.grading.autograde import write_one
    from course.grading.pipeline import Graded, Job
    from tests.grading.hostile.test_hostile import fingerprint
    from tests.helpers import cell_scores

    folder = submit(fresh, "kept", {}).parent
    with gradebook_for(fresh) as gradebook:
        cells = gradebook.find_notebook(PILOT_NOTEBOOK[:-6], PILOT).grade_cells
        full = {cell.name: cell.max_score for cell in cells}
    job = Job(student="kept", assignment=PILOT, folder=str(folder), notebooks=(PILOT_NOTEBOOK[:-6],),
              source_folder=str(fresh.folder("source") / PILOT), db_url=fresh.coursedir.db_url,
              timestamp="2026-01-15 10:00:00.000000 UTC")
    good = Graded("kept", job.timestamp, scores={PILOT_NOTEBOOK[:-6]: full},
                  executed={PILOT_NOTEBOOK[:-6]: (folder / PILOT_NOTEBOOK).read_text()})
    with gradebook_for(fresh) as gradebook:
        assert write_one(fresh, gradebook, job, good).graded
    scores, files = cell_scores(fresh, "kept"), fingerprint(fresh.folder("autograded") / "kept")
    assert sum(scores.values()) > 0 and files

    stopped = Graded("kept", job.timestamp, graded=False, reason="The grader stopped while grading it.")
    with gradebook_for(fresh) as gradebook:
        assert not write_one(fresh, gradebook, job, stopped).graded
    assert cell_scores(fresh, "kept") == scores
    assert fingerprint(fresh.folder("autograded") / "kept") == files


def test_folders_nested_hundreds_deep_are_refused(fresh):
    """A submission with folders 300 deep: refused with a reason, before anything walks it all?"""
    folder = submit(fresh, "deep", {}).parent
    for _ in range(300):
        folder = folder / "d"
        folder.mkdir()
    reasons = refused(fresh)
    assert "deep" in reasons["deep"]
