"""Start one program (a learner's kernel) inside a jail, then become it.

Run as root: ``python -m course.grading.jail SPEC.json -- program args...``.
The steps, in order, and why the order matters:

1. new mount and network namespaces (the network one has only a loopback, down);
2. remember the folders that must stay visible (file descriptors), *before* hiding;
3. hide the course, the exchange and the temporary folders under fresh tmpfs mounts;
4. put the remembered folders back (read-only unless the spec says otherwise);
5. resource limits (CPU, memory, processes, file size);
6. drop to the unprivileged user, forbid gaining privileges again;
7. go to the scratch folder and exec the program (same process id, so the
   kernel manager's signals reach the kernel itself).

Nothing here reads learner data; the spec is written by the grader.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
PR_SET_NO_NEW_PRIVS = 38
PR_SET_PDEATHSIG = 1
KEPT_VARIABLES = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "CODENSOCIAL_LANG", "PYTHONPATH")
# Folders every user may write to: each gets a private, small, throw-away tmpfs.
SCRATCH_TMPFS = ("/tmp", "/var/tmp", "/dev/shm")

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda text: text.encode() if text is not None else None  # noqa: E731
    _check(_libc.mount(encode(source), encode(target), encode(fstype), flags, encode(data)), f"mount {target}")


def enter_namespaces(*, network: bool) -> None:
    _check(_libc.unshare(CLONE_NEWNS | (CLONE_NEWNET if network else 0)), "unshare")
    mount(None, "/", None, MS_REC | MS_PRIVATE)


def hide(paths: list[str], keep: dict[str, bool]) -> None:
    """Cover *paths* with empty tmpfs, then bind *keep* (path -> writable) back on top."""
    handles = {path: os.open(path, os.O_PATH) for path in keep if os.path.exists(path)}
    for path in sorted(p for p in paths if os.path.isdir(p)):
        writable = path in SCRATCH_TMPFS
        mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777" if writable else "size=1m,mode=0755")
    for path, handle in sorted(handles.items()):
        os.makedirs(path, exist_ok=True)
        mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
        if not keep[path]:
            mount(None, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(handle)
    for path in sorted(p for p in paths if os.path.isdir(p) and p not in SCRATCH_TMPFS):
        mount(None, path, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, "size=1m,mode=0755")


def limit(limits: dict[str, int]) -> None:
    """Soft and hard limits alike, so the learner's code cannot raise them."""
    for name, value in limits.items():
        resource.setrlimit(getattr(resource, name), (value, value))


def become(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl")


def enter(spec: dict) -> None:
    """Steps 1 to 6 and the scratch folder; the caller then becomes the kernel."""
    if spec["isolate"]:
        enter_namespaces(network=spec["no_network"])
        hide(spec["hide"], {path: writable for path, writable in spec["keep"]})
    limit(spec["limits"])
    if spec["isolate"]:
        become(spec["uid"], spec["gid"])
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl")  # after setuid, which clears it
    os.chdir(spec["scratch"])
    clean_environment(spec["env"])


def clean_environment(extra: dict[str, str]) -> None:
    """Learner code sees a plain environment: none of the grader's variables (database URLs, tokens)."""
    kept = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    os.environ.clear()
    os.environ.update(kept | extra)


def main(argv: list[str]) -> None:
    spec = json.loads(Path(argv[0]).read_text())
    program = argv[argv.index("--") + 1:]
    enter(spec)
    os.execv(program[0], program)


if __name__ == "__main__":
    main(sys.argv[1:])
