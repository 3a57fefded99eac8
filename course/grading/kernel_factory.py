"""The kernel factory: a process that has imported IPython and ipykernel once and forks a fresh kernel per request.

Booting a Python kernel costs about 0.5 s of CPU, mostly imports. Each grading worker
starts one factory (``python -m course.grading.kernel_factory``) with a minimal
environment, so that no kernel forked from it can find the grader's variables (a
database password, a hub token) in its memory, not even in the first process's stack.
Each request on its stdin (a jail spec path and the kernel's arguments, one JSON line)
forks a child that enters the jail (:mod:`course.grading.isolation.enter`) and becomes
the kernel; the kernel's process id goes back on stdout. The factory runs no learner
code, holds no learner data and no secrets: only imported modules.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

# All the factory keeps of the worker's environment; the jail keeps fewer still for the kernel.
FACTORY_VARIABLES = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "CODENSOCIAL_LANG", "PYTHONPATH")


class KernelFactory:
    """The worker's side: start the factory, ask it for kernels, stop it."""

    def __init__(self, *, isolate: bool):
        if isolate:  # the factory must see the kernels' tmpfs folders, made in this mount namespace
            from course.grading.isolation.enter import private_mounts

            private_mounts()
        env = {name: os.environ[name] for name in FACTORY_VARIABLES if name in os.environ}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "course.grading.kernel_factory"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, bufsize=1, env=env,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the kernel factory did not start")

    def spawn(self, spec: str, argv: list[str]) -> int:
        """A new kernel, jailed by *spec* (a file) and started with *argv*; returns its process id."""
        self.process.stdin.write(json.dumps({"spec": spec, "argv": argv}) + "\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline().strip()
        if not reply.isdigit():
            raise RuntimeError(f"the kernel factory could not start a kernel: {reply or 'no reply'}")
        return int(reply)

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def preload() -> None:
    """What every kernel imports at start, imported once here (a fork shares it)."""
    import IPython.core.interactiveshell  # noqa: F401
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401
    import ipykernel.zmqshell  # noqa: F401
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's import-time notice, not for trainers
    import ipykernel.debugger  # noqa: F401 - every IPythonKernel imports it (and debugpy) when it starts

    from course.grading.isolation import enter  # noqa: F401 - the jail's system calls, for every kernel


def serve(requests, replies) -> None:
    for line in requests:
        request = json.loads(line)
        read_end, write_end = os.pipe()
        if os.fork() == 0:
            os.close(read_end)
            start_kernel(request["spec"], request["argv"], write_end)  # never returns
        os.close(write_end)
        with os.fdopen(read_end) as reply:
            replies.write(reply.read().strip() + "\n")
        replies.flush()


def start_kernel(spec_path: str, argv: list[str], report: int) -> None:
    """In the forked child: enter the jail and become the kernel. Never returns, whatever happens."""
    try:
        _enter_jail(spec_path, report)
        _run_kernel(argv)
    finally:
        os._exit(0)


def _enter_jail(spec_path: str, report: int) -> None:
    """The namespaces, then (isolated) one more fork, whose child is the kernel; then the jail itself.

    The kernel's process id, or one line saying why there is no kernel, goes back on *report*.
    """
    try:
        from course.grading.isolation import enter

        enter.die_with_parent()
        os.setsid()
        _detach(keep=report)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        with open(spec_path) as spec_file:
            spec = json.load(spec_file)
        if spec["isolate"]:
            enter.unshare_namespaces(network=spec["no_network"])
            report = _fork_into_namespace(report)
        enter.enter(spec)
    except BaseException as problem:  # noqa: BLE001 - told to the grader in one line, then this process goes
        try:
            _report(report, f"error {type(problem).__name__}: {problem}")
        except OSError:
            pass  # told already, or no one to tell
        os._exit(0)
    _report(report, None if spec["isolate"] else os.getpid())


def _fork_into_namespace(report: int) -> int:
    """Fork the kernel, process 1 of the new PID namespace; this process stays outside and waits for it.

    It tells the grader the kernel's id once the kernel is in the jail (or why it is not), and
    stays so that the kernel dies when it does. Returns, in the kernel, where to say the jail failed.
    """
    inner_read, inner_write = os.pipe()
    kernel = os.fork()
    if kernel == 0:
        os.close(inner_read)
        os.close(report)
        return inner_write
    os.close(inner_write)
    with os.fdopen(inner_read) as inner:
        said = inner.read().strip()
    _report(report, said or kernel)
    os.waitpid(kernel, 0)
    os._exit(0)


def _detach(*, keep: int) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, keep)
    os.closerange(keep + 1, 1024)


def _report(fd: int, what: int | str | None) -> None:
    """Send *what* (None: nothing, the process outside sent it) and close *fd*, before any learner code runs."""
    if what is not None:
        os.write(fd, f"{what}\n".encode())
    os.close(fd)


def _run_kernel(argv: list[str]) -> None:
    from ipykernel.kernelapp import IPKernelApp

    sys.argv = ["ipykernel_launcher", *argv]
    IPKernelApp.launch_instance(argv=argv)


def main() -> None:
    from course.grading.isolation.enter import die_with_parent

    die_with_parent()  # go when the worker goes
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped by the system as they end
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preload()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    serve(sys.stdin, sys.stdout)


if __name__ == "__main__":
    main()
