"""Where learner code runs: a kernel per submission, jailed by :mod:`course.grading.jail`.

Each kernel *slot* has its own unprivileged system user (``codensocial-grader-<n>``),
so the per-user process limit is per kernel, and one learner's kernel cannot
read or trace another's. The kernel talks to the grader over ZMQ ``ipc``
sockets in a folder of its own, because its network namespace has no usable
TCP. The kernel's folder holds the scratch copy of one submission's files and
never a notebook: cells travel over the kernel protocol, one at a time.
"""
from __future__ import annotations

import json
import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from traitlets import Bool, DottedObjectName, Integer, Type, Unicode
from traitlets.config import Configurable

import course
from course.errors import CourseError
from course.i18n import _

USER_PREFIX = "codensocial-grader-"
# Homes may hold keys and other courses; temporary folders other people's files.
ALWAYS_HIDDEN = ("/root", "/home", "/tmp", "/var/tmp", "/dev/shm", "/run/postgresql", "/var/run/postgresql")


class Sandbox(Configurable):
    """Limits for learner code, read from ``c.Sandbox`` in the course configuration."""

    cpu_seconds = Integer(120, help="CPU seconds one learner's kernel may use in all.").tag(config=True)
    memory_mb = Integer(2048, help="Address space of one kernel process, in MiB.").tag(config=True)
    max_processes = Integer(64, help="Processes and threads one kernel's user may have.").tag(config=True)
    max_file_mb = Integer(16, help="Largest file learner code may write, in MiB.").tag(config=True)
    max_output_kb = Integer(1024, help="Output kept per cell while it runs, in KiB (errors are always kept).").tag(
        config=True
    )
    no_network = Bool(True, help="Run kernels in a network namespace with no network.").tag(config=True)
    user_prefix = Unicode(USER_PREFIX, help="Prefix of the system users that run learner code.").tag(config=True)


@dataclass(frozen=True)
class Jail:
    """What every kernel of one batch shares: limits, folders to hide and to keep."""

    isolate: bool
    settings: Sandbox
    hide: tuple[str, ...]
    keep_read_only: tuple[str, ...]
    base: Path

    def limits(self) -> dict[str, int]:
        mib = 1024 * 1024
        return {
            "RLIMIT_CPU": self.settings.cpu_seconds,
            "RLIMIT_AS": self.settings.memory_mb * mib,
            # Counted per user: without isolation the kernel runs as the grader, so no cap is safe.
            "RLIMIT_NPROC": self.settings.max_processes if self.isolate else resource.RLIM_INFINITY,
            "RLIMIT_FSIZE": self.settings.max_file_mb * mib,
            "RLIMIT_CORE": 0,
        }


def isolation_problem() -> str | None:
    """Why learner code cannot be isolated here, in plain words; None when it can."""
    if os.geteuid() != 0:
        return _("the grader is not running as root, so it cannot run learner code as another user.")
    probe = "import ctypes; l = ctypes.CDLL(None, use_errno=True); raise SystemExit(l.unshare(0x40020000))"
    if subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode != 0:
        return _("this machine does not allow new mount and network namespaces (a container without them?).")
    if shutil.which("useradd") is None and not _user_exists(USER_PREFIX + "0"):
        return _("there is no useradd command to create the grading users.")
    return None


def make_jail(*, hide: list[Path], isolate: bool, settings: Sandbox) -> Jail:
    """The jail for one batch: a private base folder, and what to hide and keep."""
    base = Path(tempfile.mkdtemp(prefix="codensocial-grading-"))
    base.chmod(0o711)
    keep = {str(Path(course.__file__).resolve().parent), str(Path(sys.prefix).resolve()),
            str(Path(sys.base_prefix).resolve())}
    always = {str(Path(p).resolve()) for p in ALWAYS_HIDDEN if Path(p).exists()}
    hidden = sorted({str(p.resolve()) for p in hide if p.exists()} | always | _closed_ancestors(keep))
    hidden = [h for h in hidden if not any(o != h and _inside(h, o) for o in hidden)]  # the outermost suffice
    keep_read_only = tuple(sorted(p for p in keep if any(_inside(p, h) for h in hidden)))
    return Jail(isolate=isolate, settings=settings, hide=tuple(hidden), keep_read_only=keep_read_only, base=base)


def _closed_ancestors(paths: set[str]) -> set[str]:
    """Folders that other users cannot pass through on the way to *paths* (e.g. /root holding pyenv).

    Hiding them under a tmpfs and binding the kept path back makes the path reachable, and nothing else.
    """
    closed = set()
    for path in paths:
        for folder in reversed(Path(path).parents):
            if str(folder) != "/" and not folder.stat().st_mode & 0o001:
                closed.add(str(folder))
                break
    return closed


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def grading_user(slot: int, prefix: str = USER_PREFIX) -> tuple[int, int]:
    """The (uid, gid) of the system user of kernel *slot*, created when missing."""
    name = f"{prefix}{slot}"
    if not _user_exists(name):
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--user-group", "--home-dir", "/nonexistent",
             "--shell", "/usr/sbin/nologin", name],
            check=True, capture_output=True,
        )
    entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid


def kill_user_processes(uid: int) -> None:
    """Stop every process left by a learner's kernel user (background children, fork bombs)."""
    for _round in range(50):
        found = [pid for pid in _pids() if _owner(pid) == uid]
        if not found:
            return
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.02)


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _owner(pid: int) -> int | None:
    """The uid of a live process; None for one that is gone or a zombie (dead, waiting to be reaped)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rpartition(b")")[2].split()[0]
        return None if state in (b"Z", b"X") else os.stat(f"/proc/{pid}").st_uid
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None


class JailedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel starts inside the jail, in its own folder, on ipc sockets."""

    client_class = DottedObjectName("course.grading.client.GradingKernelClient")
    client_factory = Type(klass="course.grading.client.GradingKernelClient")

    def __init__(self, *, jail: Jail, slot: int, uid: int, gid: int, **kwargs):
        home = jail.base / f"kernel-{slot}-{time.monotonic_ns()}"
        self.kernel_home = home
        self.scratch = home / "work"
        for folder in (home, self.scratch, home / "run"):
            folder.mkdir(mode=0o700)
            os.chown(folder, uid, gid) if jail.isolate else None
        super().__init__(
            transport="ipc", ip=str(home / "run" / "kernel"), connection_file=str(home / "run" / "kernel.json"),
            kernel_name="python3", **kwargs,
        )
        self.jail, self.uid, self.gid = jail, uid, gid

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.jail.isolate:
            os.chown(self.connection_file, self.uid, self.gid)

    zygote: Zygote | None = None

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        spec = self.kernel_home / "jail.json"
        spec.write_text(json.dumps(self._jail_spec()))
        return [sys.executable, "-m", "course.grading.jail", str(spec), "--", *super().format_kernel_cmd(extra_arguments)]

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        """With a zygote, fork the kernel from it instead of starting a new Python."""
        if self.zygote is None:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        spec, argv = kernel_cmd[3], kernel_cmd[kernel_cmd.index("-f"):]
        pid = self.zygote.spawn(spec, argv)
        provisioner = self.provisioner
        provisioner.process, provisioner.pid, provisioner.pgid = ForkedKernel(pid), pid, pid
        self._reconcile_connection_info(provisioner.connection_info)

    def _jail_spec(self) -> dict:
        home = str(self.kernel_home)
        return {
            "isolate": self.jail.isolate,
            "no_network": self.jail.settings.no_network,
            "hide": list(self.jail.hide),
            "keep": [[path, False] for path in self.jail.keep_read_only] + [[home, True]],
            "limits": self.jail.limits(),
            "uid": self.uid,
            "gid": self.gid,
            "scratch": str(self.scratch),
            "env": {
                "HOME": str(self.scratch), "IPYTHONDIR": str(self.kernel_home / "run" / "ipython"),
                "JUPYTER_RUNTIME_DIR": str(self.kernel_home / "run"), "MPLCONFIGDIR": str(self.kernel_home / "run"),
                "NBGRADER_EXECUTION": "autograde", "PYTHONDONTWRITEBYTECODE": "1",
                # The toolkit's text mode: hints, Predict, Parsons and the confidence check print text
                # and never import ipywidgets. Widget cells are not graded (same scores), and the
                # autograded notebook and its feedback show words instead of widgets that cannot render.
                "CODENSOCIAL_TEXT": "1",
            },
        }

    def start(self) -> None:
        """Launch the kernel process and return at once: it boots while other work goes on.

        The client's sockets are opened now too, so that the IOPub subscription is live long
        before the handshake (:mod:`course.grading.client`) waits for the kernel's status: a
        subscription opened just before it would miss the status (ZeroMQ's "slow joiner").
        """
        run_sync(self.start_kernel)(extra_arguments=list(self._extra_arguments))
        self._ahead = super().client()
        self._ahead.iopub_channel, self._ahead.shell_channel  # noqa: B018 - creating a channel connects it

    _extra_arguments: tuple[str, ...] = ()
    _ahead = None

    def client(self, **kwargs):
        """The client opened at start (once), else a new one."""
        ahead, self._ahead = self._ahead, None
        return ahead or super().client(**kwargs)

    def stop(self, *, remove_folder: bool = True) -> None:
        """Shut the kernel down, stop anything it left behind, and remove its folder (or leave that to the caller)."""
        if self._ahead is not None:  # opened at start, never used: the notebook was refused before it ran
            # Closed here, not left to the garbage collector: a ZeroMQ context collected along with
            # its open sockets waits for them forever, and the worker with it.
            self._ahead.context.destroy(linger=0)
            self._ahead = None
        try:
            run_sync(self.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - a kernel that is already gone is fine
            pass
        if self.jail.isolate:
            kill_user_processes(self.uid)
        if remove_folder:
            shutil.rmtree(self.kernel_home, ignore_errors=True)


class ForkedKernel:
    """The little of subprocess.Popen that jupyter_client uses, for a kernel forked by the zygote."""

    def __init__(self, pid: int):
        self.pid, self.returncode = pid, None
        self.stdin = self.stdout = self.stderr = None

    def poll(self) -> int | None:
        if self.returncode is None and _owner(self.pid) is None:  # gone (the zygote lets the system reap it)
            self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout=None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class Zygote:
    """One per worker: ``python -m course.grading.zygote``, asked for kernels over a pipe."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "course.grading.zygote"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, bufsize=1,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the kernel factory did not start")

    def spawn(self, spec: str, argv: list[str]) -> int:
        self.process.stdin.write(json.dumps({"spec": spec, "argv": argv}) + "\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def refuse_without_isolation() -> None:
    problem = isolation_problem()
    if problem:
        raise CourseError(
            _("Learner code cannot be isolated: {problem} Run the grader as root on Linux, or, only if you trust "
              "every learner's code, add --trust-learner-code (their code can then read solutions and change "
              "grades).").format(problem=problem)
        )
