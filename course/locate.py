"""Where the course configuration is, found without importing nbgrader (the learner's kernel uses this too)."""
from __future__ import annotations

from pathlib import Path

CONFIG_DIR_NAME = "config"
CONFIG_FILE_NAME = "nbgrader_config.py"


def nearest_course_root(start: Path | None = None) -> Path | None:
    """The nearest folder, from *start* upwards, that holds config/nbgrader_config.py;
    else the repository this package was installed from; else None."""
    start = (start or Path.cwd()).resolve()
    installed = Path(__file__).resolve().parent.parent
    for folder in (start, *start.parents, installed):
        if (folder / CONFIG_DIR_NAME / CONFIG_FILE_NAME).is_file():
            return folder
    return None
