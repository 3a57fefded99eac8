"""What the learner's kernel reads from its surroundings: language and text mode.

The learner toolkit runs inside a learner's kernel, often far from the course
folder (a JupyterHub home, Binder). It reads, in this order:

- ``CODENSOCIAL_LANG`` / ``CODENSOCIAL_TEXT`` environment variables;
- ``c.CourseKit.language`` / ``c.CourseKit.learner_text`` in the nearest
  ``config/nbgrader_config.py`` (from the working folder upwards, then the
  course this package was installed from: only learner kernels fall back so).

It loads that file with traitlets only (no nbgrader import), so the first
``import course.learner`` in a lesson stays quick.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

from course.i18n import set_language
from course.locate import CONFIG_DIR_NAME, CONFIG_FILE_NAME, nearest_course_root

TRUE_WORDS = {"1", "true", "yes", "on"}

_text_mode: bool | None = None  # set by use_text(); None means "from the settings"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest course configuration file, or None when there is none."""
    try:
        root = nearest_course_root(start, installed_fallback=True)
    except OSError:  # the working folder was removed under the kernel
        return None
    return root / CONFIG_DIR_NAME / CONFIG_FILE_NAME if root is not None else None


@lru_cache(maxsize=1)
def course_settings() -> dict:
    """``c.CourseKit`` of the course configuration as a plain dict ({} when unreadable)."""
    path = find_config()
    if path is None:
        return {}
    try:
        from traitlets.config.loader import PyFileConfigLoader

        config = PyFileConfigLoader(path.name, path=str(path.parent)).load_config()
        return dict(config.get("CourseKit", {}))
    except Exception:  # a broken course file must never stop a learner's lesson
        return {}


def in_kernel() -> bool:
    """True inside an IPython kernel or shell (a learner's lesson), False in the trainer's tools."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    return get_ipython() is not None


def apply_language() -> None:
    """Speak the course's language (CODENSOCIAL_LANG wins)."""
    set_language(str(course_settings().get("language", "") or ""))


def text_mode() -> bool:
    """True when the learner reads text instead of widgets."""
    if _text_mode is not None:
        return _text_mode
    env = os.environ.get("CODENSOCIAL_TEXT")
    if env is not None and env.strip():
        return env.strip().lower() in TRUE_WORDS
    return bool(course_settings().get("learner_text", False))


def use_text(on: bool = True) -> None:
    """Show text instead of buttons and lists from now on (``use_text(False)`` to go back)."""
    global _text_mode
    _text_mode = bool(on)
