"""The grading engine without root (trust_learner_code=True): the quick tier's look at the kernel factory,
the provisioner, the client's handshake, the guarded execution and the writer, on two real submissions.

The jail itself (namespaces, grading users) needs root: see test_isolation.py (marker `isolation`).
"""
from __future__ import annotations

import asyncio
import subprocess

import nbformat
import pytest

from course.grading.autograde import grade
from course.grading.provisioner import JailProvisioner
from tests.helpers import PILOT, PILOT_NOTEBOOK, right_answers, submit, total_score


@pytest.fixture(scope="module")
def graded(released):
    submit(released, "quick-right", right_answers(released))
    submit(released, "quick-blank", {})
    summary = grade(PILOT, course=released, workers=1, trust_learner_code=True)
    return released, summary


def test_trusted_grading_gives_full_marks_to_right_answers_and_none_to_blank_ones(graded):
    """Does the engine without the jail still score as nbgrader does (and a blank answer score less)?"""
    course, summary = graded
    assert {o.student for o in summary.graded} == {"quick-right", "quick-blank"}
    assert total_score(course, "quick-right")[0] == 8
    assert total_score(course, "quick-blank")[0] == 0


def test_the_writer_keeps_the_outputs_the_kernel_sent(graded):
    """Does the autograded notebook hold the executed outputs (client, execute and writer all worked)?"""
    course, _summary = graded
    executed = nbformat.read(course.folder("autograded") / "quick-right" / PILOT / PILOT_NOTEBOOK, as_version=4)
    counts = [cell.get("execution_count") for cell in executed.cells if cell.cell_type == "code"]
    assert all(counts) and any(cell.get("outputs") for cell in executed.cells if cell.cell_type == "code")


def _provisioner_for(pid: int) -> JailProvisioner:
    provisioner = JailProvisioner(kernel_id="k", kernel_spec=None, parent=None)
    provisioner.kernel_pid = pid
    return provisioner


def test_the_provisioner_knows_a_live_kernel_and_kills_it():
    """Does the provisioner see a kernel it did not start as its child, signal it, and know when it is gone?"""
    # A process that is not our child, as a kernel from the factory is not: its parent exits at once.
    outer = subprocess.run(["sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!"], capture_output=True, text=True)
    provisioner = _provisioner_for(int(outer.stdout))
    assert provisioner.has_process and asyncio.run(provisioner.poll()) is None
    asyncio.run(provisioner.kill())
    assert asyncio.run(asyncio.wait_for(provisioner.wait(), 5)) is not None
    assert not provisioner.has_process and asyncio.run(provisioner.poll()) == 0


def test_a_kernel_that_cannot_enter_its_jail_is_reported_in_one_line(tmp_path):
    """When the jail cannot be made (here: its folder is gone), does the grader learn why, not just "died"?"""
    import json

    from course.grading.kernel_factory import KernelFactory

    spec = tmp_path / "jail.json"
    spec.write_text(json.dumps({"isolate": False, "limits": {}, "scratch": str(tmp_path / "gone"), "env": {}}))
    factory = KernelFactory(isolate=False)
    try:
        with pytest.raises(RuntimeError, match="could not start a kernel: error FileNotFoundError"):
            factory.spawn(str(spec), ["-f", str(tmp_path / "kernel.json")])
    finally:
        factory.close()
