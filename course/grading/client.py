"""The grader's kernel client: jupyter_client's readiness handshake, without its 0.2 s of silence.

jupyter_client's ``wait_for_ready`` asks for kernel_info until a reply comes and one IOPub
message shows that the subscription is live, then reads IOPub until it has been silent
for 0.2 s. nbclient calls it for every notebook, so every notebook waited 0.2 s, doing
nothing. The handshake here is the same, but it ends at the kernel's "idle" status for the
kernel_info request: the last message the kernel publishes for it, so nothing of the
handshake is left on IOPub when the first cell runs. (nbclient reads only the messages
whose parent is its own request in any case.)
"""
from __future__ import annotations

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

# How long the idle status may take after the reply before the handshake starts over. The
# grader opens the IOPub subscription when it starts the kernel, long before this, so the
# status is not lost to ZeroMQ's late subscription; the wait is generous for a busy machine.
IDLE_WAIT = 1.0


class SignedOnlyIOPub(AsyncZMQSocketChannel):
    """IOPub that drops a message whose signature does not match, instead of failing the notebook.

    Under a flood of output, a kernel's threads can now and then mix the frames of two
    messages; jupyter_client then raises "Invalid Signature" and the learner's whole
    notebook went ungraded. Such a message cannot be trusted, so it is dropped, as a
    forged one should be. Scores do not depend on it: an error's execute_reply comes on
    the shell channel, and nbgrader records the error from it when IOPub's copy is missing.
    """

    async def get_msg(self, timeout: float | None = None) -> dict:
        while True:
            try:
                return await super().get_msg(timeout)
            except ValueError:  # jupyter_client's "Invalid Signature" / "Unsigned Message" / malformed frames
                continue


class GradingKernelClient(AsyncKernelClient):
    iopub_channel_class = Type(SignedOnlyIOPub)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            request = self.kernel_info()
            reply = await self._kernel_info_reply()
            if reply is not None and await self._idle_after(request):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

    async def _kernel_info_reply(self) -> dict | None:
        try:
            message = await self.shell_channel.get_msg(timeout=1)
        except Empty:
            return None
        return message if message["msg_type"] == "kernel_info_reply" else None

    async def _idle_after(self, request: str) -> bool:
        """Read IOPub up to the kernel's idle status for *request*; False if it does not come in time."""
        end = time.monotonic() + IDLE_WAIT
        while (left := end - time.monotonic()) > 0:
            try:
                message = await self.iopub_channel.get_msg(timeout=left)
            except Empty:
                return False
            if (message["msg_type"] == "status" and message["content"].get("execution_state") == "idle"
                    and message["parent_header"].get("msg_id") == request):
                return True
        return False
