"""Worker processes that grade submissions in parallel, each with a kernel always booting ahead.

A worker holds two kernel slots. While one kernel runs a learner's notebook,
the other is already starting for the next notebook, so the ~1 s a kernel
takes to boot overlaps useful work. Workers never write the gradebook: they
send their results back to the one process that does.
"""
from __future__ import annotations

import ctypes
import os
import queue
import shutil
import signal
import traceback
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from traitlets.config import Config

from course.grading.isolation.plan import Jail
from course.grading.isolation.processes import kill_user_processes
from course.grading.isolation.users import claim_slot, grading_user, release_slot
from course.grading.kernel_factory import KernelFactory
from course.grading.kernels import JailedKernelManager
from course.grading.pipeline import Graded, Job, grade_submission
from course.grading.worker_forkserver import start_forkserver
from course.i18n import _, set_language

PR_SET_PDEATHSIG = 1
SLOTS_PER_WORKER = 2
# A grading kernel keeps its input history in memory only: IPython's history database costs
# a disk write per cell (and a wait for it); In, _ih and _i1 still work as in a lesson.
KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)


class KernelSupply:
    """Started kernels on demand, the next one always booting; one system user per slot."""

    def __init__(self, *, jail: Jail, config: Config):
        self.jail, self.config = jail, config
        self.slots = [claim_slot() for _ in range(SLOTS_PER_WORKER)]
        self.users = {slot: _user_for(jail, slot) for slot, _lock in self.slots}
        self.turn = 0
        self.ready: JailedKernelManager | None = None
        self.factory = KernelFactory(isolate=jail.isolate)  # also gives this worker its own mounts
        self.cleaner = ThreadPoolExecutor(max_workers=1)  # removes used kernels' folders while grading goes on

    def start_next(self) -> None:
        slot = self.slots[self.turn % len(self.slots)][0]
        self.turn += 1
        uid, gid = self.users[slot]
        kernel = JailedKernelManager(jail=self.jail, slot=slot, uid=uid, gid=gid, factory=self.factory,
                                     config=self.config)
        kernel._extra_arguments = (*self.config.get("Execute", {}).get("extra_arguments", []), *KERNEL_ARGUMENTS)
        kernel.start()
        self.ready = kernel

    def take(self) -> JailedKernelManager:
        if self.ready is None:
            self.start_next()
        kernel, self.ready = self.ready, None
        self.start_next()  # boots while *kernel* runs the learner's cells
        return kernel

    def give_back(self, kernel: JailedKernelManager) -> None:
        """Stop *kernel* and every process of its user now; its folder goes in the background
        (nothing can use it: its user has no process left, and the next kernel cannot see it)."""
        kernel.stop(remove_folder=False)
        self.cleaner.submit(shutil.rmtree, kernel.kernel_home, ignore_errors=True)

    def close(self) -> None:
        if self.ready is not None:
            self.ready.stop()
        self.factory.close()
        self.cleaner.shutdown(wait=True)
        for _slot, lock in self.slots:
            release_slot(lock)


def _user_for(jail: Jail, slot: int) -> tuple[int, int]:
    if not jail.isolate:
        return os.getuid(), os.getgid()
    uid, gid = grading_user(slot, jail.settings.user_prefix)
    kill_user_processes(uid)  # leftovers of a grader that was killed
    return uid, gid


def worker_main(jail: Jail, config: Config, language: str, jobs, results) -> None:
    """A worker: grade jobs until told to stop (None); report every job, whatever happens to it."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # die with the grader, even on kill -9
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the grader's to handle
    set_language(language)
    os.environ["CODENSOCIAL_LANG"] = language  # the kernels, far from the course's settings, speak it too
    kernels = KernelSupply(jail=jail, config=config)
    try:
        while (job := jobs.get()) is not None:
            results.put(_grade_safely(job, kernels, config))
    finally:
        kernels.close()


def _grade_safely(job: Job, kernels: KernelSupply, config: Config) -> Graded:
    try:
        return grade_submission(job, kernels=kernels, config=config)
    except Exception as problem:  # noqa: BLE001 - one learner's trouble never stops the batch
        detail = traceback.format_exception_only(type(problem), problem)[-1].strip()
        return Graded(job.student, job.timestamp, graded=False,
                      reason=_("The grader could not run this submission: {detail}").format(detail=detail[:300]))


def run_pool(jobs: list[Job], *, jail: Jail, config: Config, language: str, workers: int) -> Iterator[Graded]:
    """Start *workers* processes now; return *jobs*' results as they arrive (in any order)."""
    context = start_forkserver()
    job_queue, result_queue = context.Queue(), context.Queue()
    processes = [
        context.Process(target=worker_main, args=(jail, config, language, job_queue, result_queue), daemon=True)
        for _ in range(max(1, min(workers, len(jobs))))
    ]
    for process in processes:
        process.start()
    for job in jobs:
        job_queue.put(job)
    for _process in processes:
        job_queue.put(None)
    return _results(jobs, processes, job_queue, result_queue)


def _results(jobs: list[Job], processes, job_queue, result_queue) -> Iterator[Graded]:
    """The results; holds *job_queue* too, since its semaphores go when it does (workers may still be starting)."""
    try:
        yield from _collect(jobs, processes, result_queue)
    finally:
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()


def _collect(jobs: list[Job], processes, result_queue) -> Iterator[Graded]:
    waiting = {job.student: job for job in jobs}
    while waiting:
        try:
            result = result_queue.get(timeout=1)
        except queue.Empty:
            if not any(process.is_alive() for process in processes):
                break
            continue
        waiting.pop(result.student, None)
        yield result
    for job in waiting.values():  # a worker itself died (should not happen; never lose the learner)
        yield Graded(job.student, job.timestamp, graded=False, reason=_("The grader stopped while grading it."))
