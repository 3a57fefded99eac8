"""JupyterLab's defaults for everyone in one environment (Binder, a laptop), written by postBuild.

`python -m course.hub.binder` writes <environment>/share/jupyter/lab/settings/overrides.json
with the same settings the hub gives each user: the menus in the course
language (c.CourseKit.language), no news pop-up, the whole lesson on the page.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from course.config import load_course
from course.hub.userconfig import lab_settings


def overrides_path(prefix: Path | None = None) -> Path:
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(*, language: str, prefix: Path | None = None) -> Path:
    """Merge the kit's JupyterLab defaults into the environment's overrides.json; return its path."""
    path = overrides_path(prefix)
    current = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    current.update(lab_settings(language))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_overrides(language=load_course().kit.language))
