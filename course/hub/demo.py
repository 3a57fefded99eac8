"""A demo hub on this machine: a trainer, two learners, a course and an exchange, all removed afterwards.

`make hub` and the hub test use :func:`demo_hub`. It must run as root:
JupyterHub starts each user's server as that Unix user.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from course.errors import CourseError
from course.hub.settings import COURSE_ID, HubSettings
from course.i18n import _

REPO = Path(__file__).resolve().parents[2]
HUB_CONFIG = REPO / "hub" / "jupyterhub_config.py"
DEMO_TRAINER = "cns-trainer"
DEMO_LEARNERS = ("cns-learner1", "cns-learner2")


@dataclass(frozen=True)
class DemoHub:
    settings: HubSettings
    passwords: dict[str, str]
    log: Path

    @property
    def trainer(self) -> str:
        return self.settings.trainers[0]


# --- Unix users ---------------------------------------------------------------

def create_user(name: str) -> str:
    """Make the Unix user *name* with a home and a random password; return the password."""
    if user_exists(name):
        raise CourseError(_("The user {name} already exists; remove it first (userdel -r {name}).").format(name=name))
    subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
    password = secrets.token_urlsafe(12)
    subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True)
    return password


def user_exists(name: str) -> bool:
    return subprocess.run(["id", "-u", name], capture_output=True).returncode == 0


def remove_user(name: str) -> None:
    """Stop what is left of *name*'s processes, then remove the user and their home."""
    if not user_exists(name):
        return
    uid = int(subprocess.run(["id", "-u", name], capture_output=True, text=True).stdout)
    for pid in processes_of(uid):
        _kill(pid, signal.SIGKILL)
    subprocess.run(["userdel", "--remove", "--force", name], capture_output=True)


def processes_of(uid: int) -> list[int]:
    """The ids of the running processes that belong to *uid*."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except FileNotFoundError:
                continue
    return found


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


# --- what the users need to reach -----------------------------------------------

@contextmanager
def reachable_by_everyone(paths: list[Path]) -> Iterator[None]:
    """Let other users pass through the folders above *paths* (o+x), and put the modes back afterwards.

    The users' servers run this environment's Python; when it lives under a
    private folder (root's home), they could not start it otherwise.
    """
    changed: dict[Path, int] = {}
    for path in paths:
        for folder in (path, *path.parents):
            mode = folder.stat().st_mode
            if folder.is_dir() and folder not in changed and not mode & stat.S_IXOTH:
                changed[folder] = stat.S_IMODE(mode)
                folder.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)
    try:
        yield
    finally:
        for folder, mode in changed.items():
            folder.chmod(mode)


def environment_paths() -> list[Path]:
    """What a user's server must reach: this environment, its Python, and the kit."""
    return [Path(sys.prefix), Path(sys.executable).resolve().parent, Path(os.path.realpath(sys.base_prefix)), REPO]


def make_exchange(path: Path) -> Path:
    """nbgrader's exchange: a folder everyone may write to, sticky like /tmp."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o1777)
    return path


def copy_course_for(trainer: str, *, source: Path = REPO) -> Path:
    """The course (settings and lessons) in the trainer's home, owned by the trainer."""
    home = Path(os.path.expanduser(f"~{trainer}"))
    target = home / COURSE_ID
    shutil.copytree(source / "config", target / "config")
    shutil.copytree(source / "source", target / "source", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.chown(target, trainer, trainer)
    for item in target.rglob("*"):
        shutil.chown(item, trainer, trainer)
    return target


# --- the hub process ---------------------------------------------------------

@contextmanager
def running_hub(settings: HubSettings, *, log: Path, timeout: float = 60, tries: int = 2) -> Iterator[subprocess.Popen]:
    """JupyterHub with *settings*, started in its state folder; stopped (with every server) on exit.

    JupyterHub stops when its formgrader service does not answer within ten
    seconds (a fixed limit in JupyterHub 5); on a busy machine the first start
    can miss it, so a hub that stops while starting is started once more.
    """
    for attempt in range(1, tries + 1):
        hub = start_hub(settings, log=log)
        try:
            wait_until_up(settings.url + "/hub/api", process=hub, log=log, timeout=timeout)
            break
        except CourseError:
            stopped_by_itself = hub.poll() is not None
            stop(hub)
            stop_left_proxy(settings.state_dir / "jupyterhub-proxy.pid")
            if attempt == tries or not stopped_by_itself:
                raise
    try:
        yield hub
    finally:
        stop(hub)
        stop_left_proxy(settings.state_dir / "jupyterhub-proxy.pid")


def start_hub(settings: HubSettings, *, log: Path) -> subprocess.Popen:
    # Not the settings of the course this command runs in (make exports them): the hub's users have their own.
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_CONFIG_PATH"} | settings.as_environment()
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    with open(log, "ab") as log_file:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(HUB_CONFIG)],
            cwd=settings.state_dir, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )


def wait_until_up(url: str, *, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CourseError(_("The hub stopped while starting; see {log}.").format(log=log) + log_tail(log))
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise CourseError(
        _("The hub did not answer within {seconds} seconds; see {log}.").format(seconds=int(timeout), log=log)
        + log_tail(log)
    )


def log_tail(log: Path, lines: int = 15) -> str:
    """The end of the hub's log (the demo's folder, and the log with it, is removed on exit)."""
    return "\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.is_file() else ""


def stop(process: subprocess.Popen, *, grace: float = 20) -> None:
    """Ask the hub to stop (it stops the users' servers and its proxy), then insist."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_left_proxy(pid_file: Path) -> None:
    """A hub that had to be killed leaves its proxy behind: stop it by the id the hub wrote down."""
    try:
        pid = int(pid_file.read_text().strip())
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return
    if b"configurable-http-proxy" in command:
        _kill(pid, signal.SIGTERM)


# --- everything together -----------------------------------------------------

@contextmanager
def demo_hub(*, port: int = 8000, trainer: str = DEMO_TRAINER,
             learners: tuple[str, ...] = DEMO_LEARNERS, work_dir: Path | None = None) -> Iterator[DemoHub]:
    """A running hub with demo users, a course in the trainer's home and an exchange; all gone on exit."""
    with ExitStack() as stack:
        work = Path(work_dir or stack.enter_context(tempfile.TemporaryDirectory(prefix="cns-hub-")))
        work.chmod(0o755)
        stack.enter_context(reachable_by_everyone(environment_paths()))
        passwords = {}
        for name in (trainer, *learners):
            passwords[name] = create_user(name)
            stack.callback(remove_user, name)  # only users this demo made are removed
        settings = HubSettings(
            trainers=(trainer,), learners=tuple(learners), course_root=copy_course_for(trainer),
            exchange=make_exchange(work / "exchange"), state_dir=work / "state", port=port,
        )
        settings.state_dir.mkdir(mode=0o700, exist_ok=True)
        log = work / "jupyterhub.log"
        stack.enter_context(running_hub(settings, log=log))
        yield DemoHub(settings=settings, passwords=passwords, log=log)
