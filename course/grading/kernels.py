"""The grader's kernel manager: a kernel per submission, in the jail, on ipc sockets in a folder of its own.

Each kernel *slot* has its own unprivileged system user (``codensocial-grader-<n>``),
so the per-user process limit is per kernel, and one learner's kernel cannot read or
trace another's. The kernel talks to the grader over ZMQ ``ipc`` sockets in its folder,
because its network namespace has no usable TCP. The folder is a size-capped tmpfs
(``c.Sandbox.max_disk_mb``) that holds the scratch copy of one submission's files and,
in the jail, the kernel's /tmp: never a notebook (cells travel over the kernel
protocol, one at a time). The kernel is launched through jupyter_client's provisioner
hook (:mod:`course.grading.provisioner`), named by the kernel spec below.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from functools import lru_cache
from importlib.metadata import EntryPoint

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import KernelProvisionerFactory
from jupyter_core.utils import run_sync
from traitlets import DottedObjectName, Type, default

from course.grading.isolation.enter import private_mounts, mount_scratch, unmount
from course.grading.isolation.plan import Jail
from course.grading.isolation.processes import kill_user_processes
from course.grading.provisioner import PROVISIONER_NAME


def grading_kernel_spec() -> KernelSpec:
    """The one kernel the grader runs: Python, launched by the jail's provisioner."""
    return KernelSpec(
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        display_name="Python 3 (grading)", language="python",
        metadata={"kernel_provisioner": {"provisioner_name": PROVISIONER_NAME}},
    )


class GradingKernelSpecs(KernelSpecManager):
    """One kernel spec for every name: :func:`grading_kernel_spec`."""

    def get_kernel_spec(self, kernel_name: str, *args, **kwargs) -> KernelSpec:
        return grading_kernel_spec()


@lru_cache(maxsize=1)
def register_provisioner() -> None:
    """The entry point comes with the install; an editable install made before it existed gets it here (once)."""
    factory = KernelProvisionerFactory.instance()
    if not factory.is_provisioner_available(grading_kernel_spec()):
        factory.provisioners[PROVISIONER_NAME] = EntryPoint(
            name=PROVISIONER_NAME, value="course.grading.provisioner:JailProvisioner",
            group=KernelProvisionerFactory.GROUP_NAME)


class JailedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel starts inside the jail, in its own capped folder, on ipc sockets."""

    client_class = DottedObjectName("course.grading.client.GradingKernelClient")
    client_factory = Type(klass="course.grading.client.GradingKernelClient")

    @default("kernel_spec_manager")
    def _grading_specs(self) -> KernelSpecManager:
        return GradingKernelSpecs(parent=self)

    def __init__(self, *, jail: Jail, slot: int, uid: int, gid: int, factory, **kwargs):
        home = jail.base / f"kernel-{slot}-{time.monotonic_ns()}"
        home.mkdir(mode=0o700)
        if jail.isolate:
            private_mounts()
            mount_scratch(str(home), size_mb=jail.settings.max_disk_mb, uid=uid, gid=gid)
        self.kernel_home, self.scratch = home, home / "work"
        for folder in (self.scratch, home / "run", home / "tmp"):
            folder.mkdir(mode=0o700)
            os.chown(folder, uid, gid) if jail.isolate else None
        register_provisioner()
        super().__init__(
            transport="ipc", ip=str(home / "run" / "kernel"), connection_file=str(home / "run" / "kernel.json"),
            kernel_name="python3", **kwargs,
        )
        self.jail, self.uid, self.gid, self.factory = jail, uid, gid, factory

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.jail.isolate:
            os.chown(self.connection_file, self.uid, self.gid)

    def write_jail_spec(self) -> str:
        """The jail of this kernel, in a file the kernel factory reads; returns its path."""
        spec = self.kernel_home / "jail.json"
        spec.write_text(json.dumps(self._jail_spec()))
        return str(spec)

    def _jail_spec(self) -> dict:
        home = str(self.kernel_home)
        return {
            "isolate": self.jail.isolate,
            "no_network": self.jail.settings.no_network,
            "hide": list(self.jail.hide),
            "keep": [[path, False] for path in self.jail.keep_read_only] + [[home, True]],
            "temp": str(self.kernel_home / "tmp"),
            "shared_memory_bytes": self.jail.settings.max_disk_mb * 1024 * 1024,
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
        """Shut the kernel down, stop anything it left behind, free its folder's memory, and remove the folder
        (or leave that to the caller)."""
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
            try:
                unmount(str(self.kernel_home))
            except OSError:
                pass
        if remove_folder:
            shutil.rmtree(self.kernel_home, ignore_errors=True)
