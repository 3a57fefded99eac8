"""A real batch with file-level hostile learners beside a good one, and a worker killed as the OOM killer would.

Like the hostile batch, these need root and namespaces (the jail): they fail, never skip, without them.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course.grading.autograde import grade
from course.grading.sandbox import isolation_problem
from tests.grading.hostile.test_hostile import fingerprint
from tests.helpers import PILOT, PILOT_NOTEBOOK, cell_scores, right_answers, submit, total_score

pytestmark = [pytest.mark.slow, pytest.mark.isolation]


@pytest.fixture(autouse=True)
def jail_available():
    assert isolation_problem() is None, isolation_problem()


def test_the_batch_goes_on_past_refused_learners(released):
    """A linked notebook, a timestamp that is not a date and a glob ID beside a good learner: all told, the good graded?"""
    submit(released, "good-one", right_answers(released))
    linked = submit(released, "linked-one", {})
    linked.unlink()
    linked.symlink_to(released.folder("source") / PILOT / PILOT_NOTEBOOK)
    (submit(released, "late-one", {}).parent / "timestamp.txt").write_text("whenever")
    submit(released, "[a-z]*", {})

    summary = grade(PILOT, course=released, trust_learner_code=False)

    assert [o.student for o in summary.graded] == ["good-one"]
    assert total_score(released, "good-one")[0] == 8
    reasons = {o.student: o.reason for o in summary.failed}
    assert set(reasons) == {"linked-one", "late-one", "[a-z]*"} and all(reasons.values())


def _processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every process we can see."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
                found[int(entry)] = (parent, Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace"))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _worker_of(run: subprocess.Popen) -> int | None:
    """The grading worker of *run*: the parent of a kernel factory started on behalf of *run*."""
    processes = _processes()
    for pid, (parent, command) in processes.items():
        if "course.grading.kernel_factory" not in command:
            continue
        ancestor = parent
        while ancestor > 1:
            if ancestor == run.pid:
                return parent
            ancestor = processes.get(ancestor, (0, ""))[0]
    return None


def test_a_killed_worker_keeps_the_earlier_grading(released):
    """`grade --force` whose worker gets kill -9: are the learner's scores and autograded/ files as they were?"""
    submit(released, "kept", right_answers(released))
    grade(PILOT, course=released, student="kept", trust_learner_code=False)
    scores, files = cell_scores(released, "kept"), fingerprint(released.folder("autograded") / "kept")
    assert sum(scores.values()) == 8

    run = subprocess.Popen([sys.executable, "-m", "course", "grade", PILOT, "--student", "kept", "--force",
                            "--workers", "1"], cwd=released.root,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, worker = time.monotonic() + 120, None
    while worker is None and time.monotonic() < deadline and run.poll() is None:
        worker = _worker_of(run)
        time.sleep(0.02)
    assert worker is not None, "the worker was not found before the run ended"
    os.kill(worker, signal.SIGKILL)
    out, err = run.communicate(timeout=120)

    assert run.returncode == 1, out + err
    assert "1 could not be graded" in out
    assert cell_scores(released, "kept") == scores
    assert fingerprint(released.folder("autograded") / "kept") == files
