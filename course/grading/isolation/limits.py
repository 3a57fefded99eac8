"""The limits on learner code, read from ``c.Sandbox`` in the course configuration."""
from __future__ import annotations

import resource

from traitlets import Bool, Integer, Unicode
from traitlets.config import Configurable

USER_PREFIX = "codensocial-grader-"
MIB = 1024 * 1024


class Sandbox(Configurable):
    """Limits for learner code (the configuration keeps nbgrader-style ``c.Sandbox.*`` names)."""

    cpu_seconds = Integer(120, help="CPU seconds one learner's kernel may use in all.").tag(config=True)
    memory_mb = Integer(2048, help="Address space of one kernel process, in MiB.").tag(config=True)
    max_processes = Integer(64, help="Processes and threads one kernel's user may have.").tag(config=True)
    max_file_mb = Integer(16, help="Largest file learner code may write, in MiB.").tag(config=True)
    max_disk_mb = Integer(
        64, help="All that one kernel may write, in MiB: its folder, /tmp, /var/tmp and /dev/shm share it."
    ).tag(config=True)
    max_output_kb = Integer(1024, help="Output kept per cell while it runs, in KiB (errors are always kept).").tag(
        config=True
    )
    no_network = Bool(True, help="Run kernels in a network namespace with no network.").tag(config=True)
    user_prefix = Unicode(USER_PREFIX, help="Prefix of the system users that run learner code.").tag(config=True)


def resource_limits(settings: Sandbox, *, isolate: bool) -> dict[str, int]:
    """The rlimits of a learner's kernel, by name."""
    return {
        "RLIMIT_CPU": settings.cpu_seconds,
        "RLIMIT_AS": settings.memory_mb * MIB,
        # Counted per user: without isolation the kernel runs as the grader, so no cap is safe.
        "RLIMIT_NPROC": settings.max_processes if isolate else resource.RLIM_INFINITY,
        "RLIMIT_FSIZE": settings.max_file_mb * MIB,
        "RLIMIT_CORE": 0,
    }
