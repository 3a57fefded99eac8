"""The jail itself, asked directly: what can a learner's kernel see and do, and what does it leave?"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from course.cli import main
from course.grading.isolation import checks
from course.grading.autograde import grade
from course.grading.isolation.plan import Sandbox, make_jail
from course.grading.isolation.users import claim_slot, grading_user, release_slot
from course.grading.kernels import JailedKernelManager
from course.grading.kernel_factory import KernelFactory
from tests.helpers import PILOT, PILOT_NOTEBOOK, right_answers, submit, total_score

pytestmark = [pytest.mark.slow, pytest.mark.isolation]

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
found["pids"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
found["shm"] = libc.shmget(0, 256 * 1024 * 1024, 0o1600)  # IPC_PRIVATE, 256 MiB: over the cap
print(json.dumps(found))
"""


def run_in_jail(code: str, jail) -> dict:
    slot, lock = claim_slot()  # held, as a grader holds it, so that no other grader stops this kernel
    uid, gid = grading_user(slot)
    factory = KernelFactory(isolate=jail.isolate)
    kernel = JailedKernelManager(jail=jail, slot=slot, uid=uid, gid=gid, factory=factory)
    try:
        kernel.start()
        client = kernel.client()
        client.start_channels()
        from jupyter_core.utils import run_sync

        run_sync(client.wait_for_ready)(timeout=60)
        lines = []
        run_sync(client.execute_interactive)(code, timeout=30, output_hook=lambda msg: lines.append(
            msg["content"].get("text", "")))
        client.stop_channels()
        return json.loads("".join(lines))
    finally:
        kernel.stop()
        factory.close()
        jail.remove()
        release_slot(lock)


def test_a_jailed_kernel_sees_no_course_no_network_and_not_the_grader(released, monkeypatch):
    """Another user; the course hidden; the grader's memory and ptrace refused; no network; clean env; own pids."""
    monkeypatch.setenv("GRADER_SECRET", "s3cret")
    jail = make_jail(hide=[released.home], isolate=True, settings=Sandbox())
    found = run_in_jail(PROBE.format(root=str(released.home), grader=os.getpid()), jail)
    assert found["uid"] != 0
    assert found["course"] in (None, [])  # gone, or an empty tmpfs where source/ and the gradebook are
    assert found["mem"] in (13, 1, 2)  # EACCES / EPERM / ENOENT (no such process in its own /proc)
    assert found["ptrace"] == -1
    assert found["net"] == 101  # ENETUNREACH: only a loopback, down
    assert found["env"] == []
    assert found["files"] == []  # the scratch folder: no notebook, no tests
    assert found["pids"] == [1]  # its own PID namespace: the kernel is the only process it can see
    assert found["shm"] == -1  # System V shared memory is capped like the disk (64 MiB)


def test_without_isolation_the_grader_refuses_and_names_the_flag(released, monkeypatch, capsys):
    """Not root: one plain line naming the risk and the flag, exit 2, nothing graded."""
    submit(released, "plain-user", right_answers(released))
    monkeypatch.setattr(checks.os, "geteuid", lambda: 1000)
    monkeypatch.chdir(released.root)
    code = main(["grade", PILOT, "--student", "plain-user"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "--trust-learner-code" in err and "read solutions" in err
    assert not (released.folder("autograded") / "plain-user").exists()


def _answer(code: str) -> dict[str, str]:
    return {"ex1-city": code}


def _outputs(course, student: str) -> str:
    executed = course.folder("autograded") / student / PILOT / PILOT_NOTEBOOK
    return "".join(json.dumps(cell.get("outputs", [])) for cell in nbformat.read(executed, as_version=4).cells)


def _grader(course, student: str, **env) -> subprocess.Popen:
    """`course grade` in a process of its own, with *env* added to the grader's environment."""
    return subprocess.Popen([sys.executable, "-m", "course", "grade", PILOT, "--student", student, "--force"],
                            cwd=course.root, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


LEAK = """
import ctypes
ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE: its own /proc/self files become readable again
needle = {needle!r}.encode()
places = []
if needle in open('/proc/self/environ', 'rb').read():
    places.append('environ')
for line in open('/proc/self/maps'):
    if line.rstrip().endswith('[stack]'):
        start, end = (int(x, 16) for x in line.split()[0].split('-'))
        with open('/proc/self/mem', 'rb') as mem:
            mem.seek(start)
            if needle in mem.read(end - start):
                places.append('stack')
print('found in', places, open('/proc/self/environ', 'rb').read().replace(b'\\0', b' ').decode())
city = 'Sofia' if places else 'x'
"""


def test_the_graders_secrets_are_not_in_the_kernels_memory(released):
    """Can an answer find a password from the grader's environment in /proc/self/environ or its stack?"""
    secret = "pw-" + uuid.uuid4().hex
    submit(released, "env-reader", _answer(LEAK.format(needle="DB_PASSWORD=" + secret[:3])))
    assert _grader(released, "env-reader", CODENSOCIAL_DB_PASSWORD=secret).wait(timeout=300) == 0
    said = _outputs(released, "env-reader")
    assert "found in" in said  # the probe ran
    assert secret not in said and "DB_PASSWORD" not in said
    assert total_score(released, "env-reader")[0] == 0


SHM = "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\nkey = 0x0C0DE516\n"
SHM_KEY_TEXT = str(0x0C0DE516)


def _host_shm_keys() -> set[str]:
    return {line.split()[0] for line in Path("/proc/sysvipc/shm").read_text().splitlines()[1:]}


def test_shared_memory_of_one_learner_is_gone_for_the_next(released):
    """Does a System V segment made by one learner stay on the host, or reach the next learner?"""
    submit(released, "shm-maker", _answer(SHM + "print('made', libc.shmget(key, 4096, 0o1666))\ncity = 'x'"))
    submit(released, "shm-finder", _answer(SHM + "found = libc.shmget(key, 0, 0o666)\nprint('found', found)\n"
                                                 "city = 'Sofia' if found >= 0 else 'x'"))
    try:
        grade(PILOT, course=released, student="shm-maker", force=True)
        assert "made" in _outputs(released, "shm-maker")
        grade(PILOT, course=released, student="shm-finder", force=True)
        assert SHM_KEY_TEXT not in _host_shm_keys()
        assert total_score(released, "shm-finder")[0] == 0
    finally:
        subprocess.run(["ipcrm", "-M", str(0x0C0DE516)], capture_output=True)


def test_run_lock_and_dev_shm_in_the_jail_are_private(released):
    """Can an answer leave files in the host's /run/lock or /dev/shm (where graders keep locks)?"""
    token = uuid.uuid4().hex
    planted = [Path(f"/run/lock/codensocial-planted-{token}"), Path(f"/dev/shm/codensocial-planted-{token}")]
    code = "".join(f"try:\n    open({str(p)!r}, 'w').write('x')\nexcept OSError as e:\n    print(e)\n" for p in planted)
    submit(released, "lock-planter", _answer(code + "city = 'x'"))
    try:
        grade(PILOT, course=released, student="lock-planter", force=True)
        assert [p for p in planted if p.exists()] == []
    finally:
        for path in planted:
            path.unlink(missing_ok=True)


DAEMON = """
import os, subprocess, sys, time
subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)  # {marker}'], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(8)
city = 'x'
"""


def _processes_with(marker: str) -> list[int]:
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            if marker.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(int(pid))
        except OSError:
            pass
    return found


def _wait_for(check, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_a_killed_graders_daemons_and_folders_are_gone_by_the_next_start(released):
    """After kill -9 of the grader: does a learner's daemon live on, and does its jail folder stay in /tmp?"""
    marker = "codensocial-daemon-" + uuid.uuid4().hex
    submit(released, "daemon", _answer(DAEMON.format(marker=marker)))
    before = set(Path("/tmp").glob("codensocial-grading-*"))
    grader = _grader(released, "daemon")
    try:
        assert _wait_for(lambda: _processes_with(marker), 120), "the learner's daemon never started"
        left = set(Path("/tmp").glob("codensocial-grading-*")) - before
        os.kill(grader.pid, signal.SIGKILL)  # the grader only, as the OOM killer would: its workers must follow
        grader.wait()
        assert _wait_for(lambda: not _processes_with(marker), 10), "the daemon outlived the grader"
        submit(released, "after", _answer("city = 'Sofia'"))
        grade(PILOT, course=released, student="after")
        assert [folder for folder in left if folder.exists()] == []
    finally:
        for pid in _processes_with(marker):
            os.kill(pid, signal.SIGKILL)


def test_processes_of_a_slot_no_grader_holds_are_stopped_at_the_next_start(tmp_path):
    """Does a process left by a killed grader's learner (on any slot, not only the ones reused) live on?"""
    from course.grading.isolation.leftovers import stop_leftover_processes
    from course.grading.isolation.limits import USER_PREFIX
    from course.grading.isolation.processes import alive

    uid, gid = grading_user(97)  # a slot no grader on this machine uses
    left = subprocess.Popen(["sleep", "120"], user=uid, group=gid, start_new_session=True)
    try:
        stop_leftover_processes(USER_PREFIX)
        assert _wait_for(lambda: left.poll() is not None, 5) and not alive(left.pid)
    finally:
        if left.poll() is None:
            left.kill()
