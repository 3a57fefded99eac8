"""Kept for code written against the first engine: the jail now lives in :mod:`course.grading.isolation`.

New code imports from there (limits, plan, users, processes, checks), and the kernel
manager from :mod:`course.grading.kernels`.
"""
from course.grading.isolation.checks import isolation_problem, refuse_without_isolation
from course.grading.isolation.limits import USER_PREFIX, Sandbox
from course.grading.isolation.plan import ALWAYS_HIDDEN, Jail, make_jail
from course.grading.isolation.processes import kill_user_processes
from course.grading.isolation.users import grading_user

__all__ = ["ALWAYS_HIDDEN", "USER_PREFIX", "Jail", "Sandbox", "grading_user", "isolation_problem",
           "kill_user_processes", "make_jail", "refuse_without_isolation"]
