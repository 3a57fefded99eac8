"""A kernel factory: imports IPython and ipykernel once, then forks a fresh kernel per request.

Booting a Python kernel costs about 0.5 s of CPU, mostly imports. A worker
starts one zygote (``python -m course.grading.zygote``); each request on its
stdin (a jail spec path and the kernel's arguments, one JSON line) forks a
child that enters the jail (:func:`course.grading.jail.enter`) and becomes
the kernel. The child's pid goes back on stdout. The zygote runs no learner
code, holds no learner data and no secrets: only imported modules.
"""
from __future__ import annotations

import ctypes
import json
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def preload() -> None:
    """What every kernel imports at start, imported once here (a fork shares it)."""
    import IPython.core.interactiveshell  # noqa: F401
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401
    import ipykernel.zmqshell  # noqa: F401
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's import-time notice, not for trainers
    import ipykernel.debugger  # noqa: F401 - every IPythonKernel imports it (and debugpy) when it starts


def serve(requests, replies) -> None:
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            become_kernel(request["spec"], request["argv"])  # never returns
        replies.write(f"{pid}\n")
        replies.flush()


def become_kernel(spec_path: str, argv: list[str]) -> None:
    try:
        from course.grading import jail

        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.closerange(3, 1024)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        jail.enter(json.loads(open(spec_path).read()))
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = ["ipykernel_launcher", *argv]
        IPKernelApp.launch_instance(argv=argv)
    finally:
        os._exit(0)


def main() -> None:
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # go when the worker goes
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped by the system as they end
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preload()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    serve(sys.stdin, sys.stdout)


if __name__ == "__main__":
    main()
