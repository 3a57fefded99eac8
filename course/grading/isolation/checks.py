"""Can this machine isolate learner code? Asked once, before a batch starts."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from course.errors import CourseError
from course.grading.isolation.limits import USER_PREFIX
from course.grading.isolation.users import user_exists
from course.i18n import _


def isolation_problem() -> str | None:
    """Why learner code cannot be isolated here, in plain words; None when it can."""
    if os.geteuid() != 0:
        return _("the grader is not running as root, so it cannot run learner code as another user.")
    probe = "from course.grading.isolation.enter import probe; probe()"
    if subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode != 0:
        return _("this machine does not allow new mount and network namespaces (a container without them?).")
    if shutil.which("useradd") is None and not user_exists(USER_PREFIX + "0"):
        return _("there is no useradd command to create the grading users.")
    return None


def refuse_without_isolation() -> None:
    problem = isolation_problem()
    if problem:
        raise CourseError(
            _("Learner code cannot be isolated: {problem} Run the grader as root on Linux, or, only if you trust "
              "every learner's code, add --trust-learner-code (their code can then read solutions and change "
              "grades).").format(problem=problem)
        )
