"""Point the Python environment at the course configuration.

nbgrader looks for ``nbgrader_config.py`` in Jupyter's config path, which
includes ``<environment>/etc/jupyter``. Writing a one-line pointer there means
a trainer who runs plain ``nbgrader ...`` with the environment active gets the
course's settings, without setting any variable by hand.
"""
from __future__ import annotations

import sys
from pathlib import Path

from course.config import CONFIG_FILE_NAME, Course

POINTER_MARK = "# Written by `course setup`"


def pointer_path() -> Path:
    return Path(sys.prefix) / "etc" / "jupyter" / CONFIG_FILE_NAME


def setup(*, course: Course) -> Path:
    """Write the pointer to *course*'s configuration into this environment; return its path."""
    target = pointer_path()
    course_config = course.config_dir / CONFIG_FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"{POINTER_MARK}: nbgrader in this environment uses the Code-n-Social course settings.\n"
        f"load_subconfig({str(course_config)!r})\n",
        encoding="utf-8",
    )
    return target
