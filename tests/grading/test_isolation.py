"""The jail itself, asked directly: what can a learner's kernel see and do?"""
from __future__ import annotations

import json
import os
import shutil

import pytest
from jupyter_core.utils import run_sync

from course.cli import main
from course.grading import sandbox
from course.grading.sandbox import JailedKernelManager, Sandbox, Zygote, grading_user, make_jail
from tests.helpers import PILOT, right_answers, submit

pytestmark = pytest.mark.slow

PROBE = """
import ctypes, json, os, socket
found = {{"uid": os.getuid(), "course": sorted(os.listdir({root!r})) if os.path.isdir({root!r}) else None}}
try:
    open("/proc/{grader}/mem", "rb").read(1); found["mem"] = "read"
except OSError as e:
    found["mem"] = e.errno
libc = ctypes.CDLL(None, use_errno=True)
found["ptrace"] = libc.ptrace(16, {grader}, 0, 0)  # PTRACE_ATTACH
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2); found["net"] = "open"
except OSError as e:
    found["net"] = e.errno
found["env"] = sorted(k for k in os.environ if "SECRET" in k)
found["files"] = sorted(os.listdir("."))
print(json.dumps(found))
"""


def run_in_jail(code: str, jail) -> dict:
    uid, gid = grading_user(0)
    zygote = Zygote()
    kernel = JailedKernelManager(jail=jail, slot=0, uid=uid, gid=gid)
    kernel.zygote = zygote
    try:
        kernel.start()
        client = kernel.client()
        client.start_channels()
        run_sync(client.wait_for_ready)(timeout=60)
        lines = []
        run_sync(client.execute_interactive)(code, timeout=30, output_hook=lambda msg: lines.append(
            msg["content"].get("text", "")))
        client.stop_channels()
        return json.loads("".join(lines))
    finally:
        kernel.stop()
        zygote.close()
        shutil.rmtree(jail.base, ignore_errors=True)


def test_a_jailed_kernel_sees_no_course_no_network_and_not_the_grader(released, monkeypatch):
    """Another user; the course hidden; the grader's memory and ptrace refused; no network; clean env."""
    monkeypatch.setenv("GRADER_SECRET", "s3cret")
    jail = make_jail(hide=[released.home], isolate=True, settings=Sandbox())
    found = run_in_jail(PROBE.format(root=str(released.home), grader=os.getpid()), jail)
    assert found["uid"] != 0
    assert found["course"] in (None, [])  # gone, or an empty tmpfs where source/ and the gradebook are
    assert found["mem"] in (13, 1)  # EACCES / EPERM
    assert found["ptrace"] == -1
    assert found["net"] == 101  # ENETUNREACH: only a loopback, down
    assert found["env"] == []
    assert found["files"] == []  # the scratch folder: no notebook, no tests


def test_without_isolation_the_grader_refuses_and_names_the_flag(released, monkeypatch, capsys):
    """Not root: one plain line naming the risk and the flag, exit 2, nothing graded."""
    submit(released, "plain-user", right_answers(released))
    monkeypatch.setattr(sandbox.os, "geteuid", lambda: 1000)
    monkeypatch.chdir(released.root)
    code = main(["grade", PILOT, "--student", "plain-user"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "--trust-learner-code" in err and "read solutions" in err
    assert not (released.folder("autograded") / "plain-user").exists()
