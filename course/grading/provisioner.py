"""The jail's kernel provisioner: jupyter_client's supported hook for how a kernel process starts and ends.

jupyter_client asks a provisioner to launch, signal, poll and kill a kernel. This one
launches nothing itself: it asks the worker's kernel factory (:mod:`.kernel_factory`)
for a kernel forked into the jail, and then manages it by process id. The local
provisioner it extends still prepares the launch (the connection file and the command).
It is registered under the ``jupyter_client.kernel_provisioners`` entry point as
``codensocial-jail``, and the grading kernel spec (:mod:`.kernels`) names it.
"""
from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from course.grading.isolation.processes import alive

PROVISIONER_NAME = "codensocial-jail"


class JailProvisioner(LocalProvisioner):
    """A kernel forked by the kernel factory, known by its process id (not a child of this process)."""

    kernel_pid: int | None = None

    @property
    def has_process(self) -> bool:
        return self.kernel_pid is not None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        manager = self.parent
        arguments = cmd[cmd.index("-f"):]  # the kernel's own arguments; the factory is already Python
        self.kernel_pid = self.pid = manager.factory.spawn(manager.write_jail_spec(), arguments)
        return self.connection_info

    async def poll(self) -> int | None:
        if self.kernel_pid is None:
            return 0
        # Not our child, so its exit status is not ours to read: gone means stopped.
        return None if alive(self.kernel_pid) else -signal.SIGKILL

    async def wait(self) -> int | None:
        while (status := await self.poll()) is None:
            await asyncio.sleep(0.02)
        self.kernel_pid = None
        return status

    async def send_signal(self, signum: int) -> None:
        if self.kernel_pid is not None and alive(self.kernel_pid):
            try:
                os.kill(self.kernel_pid, signum)
            except ProcessLookupError:
                pass

    async def kill(self, restart: bool = False) -> None:
        await self.send_signal(signal.SIGKILL)

    async def terminate(self, restart: bool = False) -> None:
        await self.send_signal(signal.SIGTERM)
