"""JupyterLab for a learner working alone (Binder, a laptop): what postBuild and `make lab` write.

`python -m course.hub.binder` writes <environment>/share/jupyter/lab/settings/overrides.json
with the same settings the hub gives each user (the menus in the course language,
c.CourseKit.language; no news pop-up; the whole lesson on the page; Markdown files shown
rendered, so that the landing page index.md needs no kernel).

`python -m course.hub.binder --learner-config FOLDER` also writes a Jupyter configuration folder
(put it on JUPYTER_CONFIG_PATH, or write it into <environment>/etc/jupyter) for a learner:
JupyterLab serves the learner's workspace (my-lessons/) only, hides the trainer's folders
should it be served from higher up, and has none of nbgrader's tools (no Nbgrader menu,
no formgrader, no Create Assignment, no Validate): such learners do not submit.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from course.config import Course, load_course
from course.hub.userconfig import lab_settings

NBGRADER_LAB_EXTENSION = "@jupyter/nbgrader"
NBGRADER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)
# Folders and files of the trainer's pipeline, hidden from the file browser (on top of Jupyter's own list).
TRAINER_GLOBS = ("source", "autograded", "submitted", "feedback", "exchange", "release", "release-backups",
                 "gradebook.db*", "gradebook-backups", "reports", "config", "demo")
JUPYTER_HIDDEN_DEFAULTS = ("__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~")


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


def learner_server_config(*, workspace: Path) -> dict:
    """jupyter_server_config.json for a learner: served from *workspace*, trainer folders and nbgrader hidden."""
    return {
        "ServerApp": {"root_dir": str(workspace), "jpserver_extensions": dict.fromkeys(NBGRADER_SERVER_EXTENSIONS, False)},
        "ContentsManager": {"hide_globs": [*JUPYTER_HIDDEN_DEFAULTS, *TRAINER_GLOBS]},
    }


def learner_page_config() -> dict:
    """labconfig/page_config.json for a learner: every nbgrader JupyterLab plugin off (menu, toolbar, panels)."""
    return {"disabledExtensions": {NBGRADER_LAB_EXTENSION: True}}


def write_learner_config(folder: Path, *, course: Course) -> Path:
    """Merge the learner's server and page settings into the Jupyter configuration *folder*; return it."""
    merge_json(folder / "jupyter_server_config.json", learner_server_config(workspace=course.workspace_dir))
    merge_json(folder / "labconfig" / "page_config.json", learner_page_config())
    return folder


def merge_json(path: Path, settings: dict) -> None:
    """Write *settings* into the JSON file *path*, one level deep, keeping its other settings."""
    current = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for section, values in settings.items():
        current[section] = {**current.get(section, {}), **values}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m course.hub.binder", description=__doc__.split("\n\n")[0])
    parser.add_argument("--learner-config", type=Path, metavar="FOLDER",
                        help="also write a learner's Jupyter configuration into FOLDER")
    args = parser.parse_args(argv)
    course = load_course()
    print(write_overrides(language=course.kit.language))
    if args.learner_config:
        print(write_learner_config(args.learner_config, course=course))


if __name__ == "__main__":
    main()
