"""The system calls that put one process (a learner's kernel) into the jail. Nothing here reads learner data.

The kernel factory calls these in this order, and the order matters:

1. :func:`unshare_namespaces` in the forked child: new mount, IPC, PID and (unless
   allowed) network namespaces. A new PID namespace holds only the children made after
   it, so the child forks once more; that grandchild is process 1 of the namespace, and
   becomes the kernel (when it ends, every process the learner started ends with it);
2. :func:`enter` in that grandchild: the mounts (the files it must not see are covered
   before the folders it keeps are put back; a private /proc; the kernel's own capped
   tmpfs as /tmp, /var/tmp, /dev/shm and /run/lock), the resource limits, the drop to
   the slot's user, the scratch folder and a plain environment.

:func:`private_mounts` is for the grading worker itself: the kernels' tmpfs mounts are
made in a mount namespace of the worker's own, so they never show on the host and go
when the worker goes.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x08000000, 0x20000000, 0x40000000
NAMESPACES = CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG = 38, 1
KEPT_VARIABLES = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "CODENSOCIAL_LANG", "PYTHONPATH")
# Folders every user may write to: in the jail, each is the kernel's own capped tmpfs (its "tmp" folder).
SHARED_TEMP = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")

_libc = ctypes.CDLL(None, use_errno=True)
_private = False


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda text: text.encode() if text is not None else None  # noqa: E731
    _check(_libc.mount(encode(source), encode(target), encode(fstype), flags, encode(data)), f"mount {target}")


def unmount(target: str) -> None:
    """Detach *target* now; its memory is freed once nothing uses it."""
    _check(_libc.umount2(str(target).encode(), MNT_DETACH), f"umount {target}")


def private_mounts() -> None:
    """Give this process a mount namespace of its own, whose mounts never reach the host (once per process)."""
    global _private
    if not _private:
        _check(_libc.unshare(CLONE_NEWNS), "unshare")
        mount(None, "/", None, MS_REC | MS_PRIVATE)
        _private = True


def mount_scratch(folder: str, *, size_mb: int, uid: int, gid: int) -> None:
    """A tmpfs of *size_mb* on *folder*: all that one kernel may write (its folder, /tmp and the like)."""
    mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size_mb}m,mode=0700,uid={uid},gid={gid}")


def unshare_namespaces(*, network: bool) -> None:
    _check(_libc.unshare(NAMESPACES if network else NAMESPACES & ~CLONE_NEWNET), "unshare")


def probe() -> None:
    """Exit 0 when this machine allows the jail: its namespaces, a /proc and shared-memory caps in them.

    Run in a throw-away process (``python -c``): it changes the namespaces of whoever calls it.
    """
    unshare_namespaces(network=True)
    pid = os.fork()
    if pid == 0:
        try:
            mount(None, "/", None, MS_REC | MS_PRIVATE)
            mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
            cap_shared_memory(1 << 20)
        except OSError:
            os._exit(1)
        os._exit(0)
    raise SystemExit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))


def hide(paths: list[str], keep: dict[str, bool], temp: str) -> None:
    """Cover *paths* with empty tmpfs (the shared temporary folders with *temp*), then bind *keep* back on top."""
    handles = {path: os.open(path, os.O_PATH) for path in keep if os.path.exists(path)}
    temp_handle = os.open(temp, os.O_PATH)
    for path in sorted(p for p in paths if os.path.isdir(p)):
        if path in SHARED_TEMP:
            mount(f"/proc/self/fd/{temp_handle}", path, None, MS_BIND)
        else:
            mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for path, handle in sorted(handles.items()):
        os.makedirs(path, exist_ok=True)
        mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
        if not keep[path]:
            mount(None, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(handle)
    os.close(temp_handle)
    for path in sorted(p for p in paths if os.path.isdir(p) and p not in SHARED_TEMP):
        mount(None, path, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, "size=1m,mode=0755")


def cap_shared_memory(total: int) -> None:
    """System V shared memory is held outside RLIMIT_AS: cap the namespace's total (its own settings)."""
    page = os.sysconf("SC_PAGE_SIZE")
    for name, value in (("shmmax", total), ("shmall", max(1, total // page)), ("shmmni", 64)):
        with open(f"/proc/sys/kernel/{name}", "w") as setting:
            setting.write(str(value))


def limit(limits: dict[str, int]) -> None:
    """Soft and hard limits alike, so the learner's code cannot raise them (never above the limit there is)."""
    for name, value in limits.items():
        which = getattr(resource, name)
        hard = resource.getrlimit(which)[1]
        if hard != resource.RLIM_INFINITY and (value == resource.RLIM_INFINITY or value > hard):
            value = hard
        resource.setrlimit(which, (value, value))


def become(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl")


def die_with_parent() -> None:
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl")


def enter(spec: dict) -> None:
    """Step 2 (see above) in the process that becomes the kernel; the caller then starts the kernel."""
    if spec["isolate"]:
        mount(None, "/", None, MS_REC | MS_PRIVATE)
        hide(spec["hide"], {path: writable for path, writable in spec["keep"]}, spec["temp"])
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        cap_shared_memory(spec["shared_memory_bytes"])
    limit(spec["limits"])
    if spec["isolate"]:
        become(spec["uid"], spec["gid"])
    die_with_parent()  # after setuid, which clears it
    os.chdir(spec["scratch"])
    clean_environment(spec["env"])


def clean_environment(extra: dict[str, str]) -> None:
    """Learner code sees a plain environment: none of the grader's variables (database URLs, tokens)."""
    kept = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    os.environ.clear()
    os.environ.update(kept | extra)
