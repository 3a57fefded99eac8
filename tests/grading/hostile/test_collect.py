"""`course collect`: does it take what learners submitted, and refuse what would make the trainer copy secrets?

The inbound folder of the exchange is writable by learners; every case here is something
a learner can put there. No kernel runs and nothing is released: each test is quick.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from course.cli import main
from course.grading.collect import collect
from tests.grading.hostile.test_hostile import fingerprint
from tests.helpers import PILOT, PILOT_NOTEBOOK

EARLY, LATE = "2026-01-15 10:00:00.000000 UTC", "2026-01-16 09:30:00.000000 UTC"


def inbound(course) -> Path:
    folder = Path(course.config.Exchange.root) / course.coursedir.course_id / "inbound"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def hand_in(course, student: str, when: str = EARLY, text: str = "answers") -> Path:
    """What nbgrader's submit leaves in inbound/: <student>+<lesson>+<timestamp>+<random>/."""
    folder = inbound(course) / f"{student}+{PILOT}+{when}+{abs(hash((student, when, text))) % 10**6}"
    folder.mkdir()
    (folder / PILOT_NOTEBOOK).write_text(text)
    (folder / "timestamp.txt").write_text(when)
    return folder


def submitted(course, student: str) -> Path:
    return course.folder("submitted") / student / PILOT


def test_the_newest_submission_is_collected_in_nbgraders_layout(course):
    """Does each learner's newest submission land in submitted/<id>/<lesson>/ with its timestamp.txt?"""
    hand_in(course, "maria", EARLY, "first try")
    hand_in(course, "maria", LATE, "second try")
    hand_in(course, "ion", EARLY, "only try")
    summary = collect(PILOT, course=course)
    assert [o.student for o in summary.outcomes if o.collected] == ["ion", "maria"]
    assert (submitted(course, "maria") / PILOT_NOTEBOOK).read_text() == "second try"
    assert (submitted(course, "maria") / "timestamp.txt").read_text() == LATE
    again = collect(PILOT, course=course)
    assert sorted(again.unchanged) == ["ion", "maria"] and not again.outcomes


def test_links_are_refused_and_nothing_they_point_to_is_copied(course):
    """A submitted folder that is a link, or holding a link to the gradebook or the key: refused, nothing copied?"""
    (course.home / ".course-secret").write_text("KEY")
    inner = hand_in(course, "inner")
    (inner / "notes.txt").symlink_to(course.home / ".course-secret")
    (inbound(course) / f"whole+{PILOT}+{EARLY}+1").symlink_to(course.folder("source") / PILOT)
    summary = collect(PILOT, course=course)
    reasons = {o.student: o.reason for o in summary.refused}
    assert "link" in reasons["inner"] and "notes.txt" in reasons["inner"]
    assert "link" in reasons["whole"]
    assert not course.folder("submitted").exists() or not any(course.folder("submitted").rglob("*.*"))


def test_hard_links_special_files_and_foreign_owners_are_refused(course):
    """A hard link to a trainer's file, a pipe, a file owned by someone else: each learner refused with a reason?"""
    (course.home / "private.txt").write_text("private")
    os.link(course.home / "private.txt", hand_in(course, "hard") / "copy.txt")
    os.mkfifo(hand_in(course, "pipe") / "feed")
    foreign = hand_in(course, "foreign")
    if os.geteuid() == 0:
        os.chown(foreign / PILOT_NOTEBOOK, 65534, 65534)
    reasons = {o.student: o.reason for o in collect(PILOT, course=course).refused}
    assert "hard link" in reasons["hard"]
    assert "feed" in reasons["pipe"]
    if os.geteuid() == 0:
        assert "another user" in reasons["foreign"]


def test_too_many_files_or_bytes_are_refused(course):
    """Are the limits of c.SubmissionLimits applied while copying, with a reason?"""
    course.config.SubmissionLimits.max_files = 5
    course.config.SubmissionLimits.max_bytes = 64 * 1024
    many = hand_in(course, "many")
    for number in range(10):
        (many / f"f{number}.txt").write_text("x")
    (hand_in(course, "big") / "big.bin").write_bytes(b"\0" * 100 * 1024)
    reasons = {o.student: o.reason for o in collect(PILOT, course=course).refused}
    assert "5 files" in reasons["many"] and "too big" in reasons["big"]
    assert not submitted(course, "many").exists() and not submitted(course, "big").exists()


@pytest.mark.parametrize("student", ["two\nlines", "[a-z]*", "who?", "sp ace", ".."])
def test_odd_learner_ids_are_refused(course, student):
    """Is a learner ID with a newline, glob or other odd characters refused with a reason, nothing copied?"""
    hand_in(course, student)
    summary = collect(PILOT, course=course)
    assert len(summary.refused) == 1 and "learner ID" in summary.refused[0].reason
    assert "\n" not in summary.refused[0].student
    assert not course.folder("submitted").exists() or not any(course.folder("submitted").rglob("*.ipynb"))


def test_a_bad_date_is_refused(course):
    """A folder name or a timestamp.txt that is not a date: refused with a reason?"""
    hand_in(course, "noname", when="yesterday")
    (hand_in(course, "badfile") / "timestamp.txt").write_text("not a date")
    reasons = {o.student: o.reason for o in collect(PILOT, course=course).refused}
    assert "date" in reasons["noname"] and "timestamp.txt" in reasons["badfile"]


def test_an_earlier_submission_is_never_lost(course):
    """A newer submission that is refused: is the earlier collected one left exactly as it was?"""
    hand_in(course, "maria", EARLY, "good work")
    collect(PILOT, course=course)
    before = fingerprint(submitted(course, "maria"))
    newer = hand_in(course, "maria", LATE, "newer")
    (newer / "solution.ipynb").symlink_to(course.folder("source") / PILOT / PILOT_NOTEBOOK)
    summary = collect(PILOT, course=course)
    assert summary.refused and fingerprint(submitted(course, "maria")) == before
    assert [p.name for p in submitted(course, "maria").parent.iterdir()] == [PILOT]


def test_the_command_says_who_was_refused(course, monkeypatch, capsys):
    """`course collect`: exit 1 and a table when someone is refused, 2 and one line for an unknown lesson?"""
    monkeypatch.chdir(course.root)
    hand_in(course, "maria")
    (hand_in(course, "linked") / "x.txt").symlink_to("/etc/passwd")
    assert main(["collect", PILOT]) == 1
    out = capsys.readouterr().out
    assert "1 collected, 1 refused" in out and "linked" in out
    assert main(["collect", "99-no-such-lesson"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_collect_then_grade_finds_the_submission(course):
    """Is what collect writes what grading reads (same folders, same timestamp)?"""
    from course.grading.submissions import find_submissions

    hand_in(course, "maria", LATE)
    collect(PILOT, course=course)
    found = find_submissions(course, PILOT)
    assert [(s.student, s.problem, s.timestamp) for s in found] == [("maria", "", LATE)]
    shutil.rmtree(inbound(course))


def test_collect_waits_for_no_grading(course):
    """While the lesson is being graded, does collect stop at once, saying so, and leave submitted/ alone?"""
    from course.errors import CourseError
    from course.grading.lesson_lock import lesson_lock

    hand_in(course, "maria")
    with lesson_lock(course.home, PILOT), pytest.raises(CourseError, match="being graded"):
        collect(PILOT, course=course)
    assert not submitted(course, "maria").exists()


def test_folders_nested_too_deep_are_refused(course):
    """Folders inside folders far deeper than any lesson needs: refused with a reason, nothing copied?"""
    folder = hand_in(course, "deep")
    for _ in range(30):
        folder = folder / "d"
        folder.mkdir()
    summary = collect(PILOT, course=course)
    assert "deep" in summary.refused[0].reason and not submitted(course, "deep").exists()
