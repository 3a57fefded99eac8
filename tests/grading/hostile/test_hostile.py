"""Hostile submissions: does each get the score it must, without doing the harm it tries?

One batch grades every case at once (with a well-behaved victim graded before),
then each case is checked on its own.
"""
from __future__ import annotations

import hashlib
import os
import pwd
from pathlib import Path

import nbformat
import pytest

from course.grading.autograde import grade
from course.grading.sandbox import USER_PREFIX, isolation_problem
from course.nbgrader_api import gradebook_for
from tests.grading.hostile.cases import CASES, RIGHT
from tests.helpers import PILOT, PILOT_NOTEBOOK, cell_scores, right_answers, submit, total_score

pytestmark = [pytest.mark.slow, pytest.mark.isolation]
VICTIM = "victim"


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def submit_case(course, case, right):
    answers = {gid: right[gid] if code == RIGHT else code.format(root=course.home, victim=VICTIM)
               for gid, code in case.answers.items()}
    path = submit(course, case.name, answers)
    if case.edit == "null-bytes":
        path.write_bytes(path.read_bytes().replace(b'"cells"', b'"ce\x00lls"', 1))
    elif case.edit:
        nb = nbformat.read(path, as_version=4)
        case.edit(nb)
        nbformat.write(nb, path)


@pytest.fixture(scope="module")
def batch(released):
    assert isolation_problem() is None, isolation_problem()  # these tests need root and namespaces: fail, never skip
    right = right_answers(released)
    submit(released, VICTIM, right)
    grade(PILOT, course=released, student=VICTIM)
    before = {
        "source": fingerprint(released.folder("source")),
        "victim": fingerprint(released.folder("submitted") / VICTIM),
        "victim_scores": cell_scores(released, VICTIM),
    }
    for case in CASES:
        submit_case(released, case, right)
    summary = grade(PILOT, course=released, workers=2)
    return released, summary, before


def test_the_batch_does_no_harm(batch):
    """After the whole hostile batch: source/, the victim's work and scores, the host's /tmp, processes."""
    course, summary, before = batch
    assert fingerprint(course.folder("source")) == before["source"]
    assert fingerprint(course.folder("submitted") / VICTIM) == before["victim"]
    assert cell_scores(course, VICTIM) == before["victim_scores"]
    assert total_score(course, VICTIM)[0] == 8
    assert not (course.home / "pwned.txt").exists()
    assert not Path("/tmp/codensocial-pwned.txt").exists()
    grader_uids = {u.pw_uid for u in pwd.getpwall() if u.pw_name.startswith(USER_PREFIX)}
    left = [pid for pid in os.listdir("/proc") if pid.isdigit() and _uid(pid) in grader_uids]
    assert left == [], "processes of the grading users are still running"
    assert {o.student for o in summary.outcomes} == {case.name for case in CASES}


def _uid(pid: str) -> int | None:
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except FileNotFoundError:
        return None


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_submission(batch, case):
    course, summary, _before = batch
    outcome = next(o for o in summary.outcomes if o.student == case.name)
    assert outcome.graded == case.graded, outcome.reason
    if not case.graded:
        assert outcome.reason
        return
    with gradebook_for(course) as gradebook:
        grades = gradebook.find_submission(PILOT, case.name).notebooks[0].grades
        names = sorted(g.name for g in grades)
        flagged = all(g.needs_manual_grade for g in grades if g.name != "reflection")
    got = (total_score(course, case.name), flagged)
    assert got == ((case.score, 11.0), case.flagged), f"{case.harm}; note: {outcome.reason}"
    assert "mine-0" not in names and len(names) == 10
    executed = course.folder("autograded") / case.name / PILOT / PILOT_NOTEBOOK
    assert executed.stat().st_size < 3 * 1024 * 1024
    answers_said = "".join(str(cell.get("outputs", "")) for cell in nbformat.read(executed, as_version=4).cells
                           if cell.metadata.get("nbgrader", {}).get("solution"))
    assert "BEGIN HIDDEN TESTS" not in answers_said and "CONNECTED" not in answers_said
