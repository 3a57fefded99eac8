"""Where the course configuration is, found without importing nbgrader (the learner's kernel uses this too)."""
from __future__ import annotations

from pathlib import Path

CONFIG_DIR_NAME = "config"
CONFIG_FILE_NAME = "nbgrader_config.py"


def is_course_root(folder: Path) -> bool:
    """True when *folder* holds config/nbgrader_config.py."""
    return (folder / CONFIG_DIR_NAME / CONFIG_FILE_NAME).is_file()


def installed_course_root() -> Path | None:
    """The course this package was installed from (an editable install of a course repository), or None."""
    installed = Path(__file__).resolve().parent.parent
    return installed if is_course_root(installed) else None


def nearest_course_root(start: Path | None = None, *, installed_fallback: bool = False) -> Path | None:
    """The nearest folder, from *start* upwards, that holds config/nbgrader_config.py; else None.

    With *installed_fallback* (learner kernels only, which often run far from the course folder),
    the course this package was installed from is the last resort. Trainer commands never fall
    back: they would act, silently, on another course.
    """
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if is_course_root(folder):
            return folder
    return installed_course_root() if installed_fallback else None
