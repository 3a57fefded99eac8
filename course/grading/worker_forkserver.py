"""Where grading workers come from: the worker fork server, a process that has imported the grading code once.

A worker needs nbgrader, nbformat and jupyter_client, about 3 s of CPU to import. A fork
server imports them once and forks every worker from itself, so workers start at once,
from a process that holds nothing but imported modules: no sockets, threads or kernels
of whoever asked for them (a test suite, a trainer's script). The `course grade`
command starts it before importing the grading code itself, so that the two imports
run side by side. Kernels never come from here: each worker has a kernel factory of its own
(:mod:`course.grading.kernel_factory`).

This module imports nothing heavy, so that starting the server early costs nothing.
"""
from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver

PRELOAD = ["course.grading.pool"]


def start_forkserver() -> multiprocessing.context.BaseContext:
    """Start the fork server unless it runs already; return the context that starts workers from it."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()
    return context
