"""Jupyter configuration written into a hub user's home before their server starts.

Learners and trainers see different nbgrader tools (the issue's split):
learners keep the assignment list and validate, trainers keep the formgrader
and create-assignment. Every user gets the course id and the hub's exchange,
and JupyterLab's menus in the cohort's language where a language pack exists.
"""
from __future__ import annotations

import json
import os
import pwd
from pathlib import Path

from course.hub.settings import COURSE_ID, LAB_LOCALES, HubSettings

NBGRADER_LAB = "@jupyter/nbgrader"
TRAINER_ONLY_PLUGINS = ("formgrader", "create-assignment", "course-list")
LEARNER_ONLY_PLUGINS = ("assignment-list", "validate-assignment")
TRAINER_ONLY_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")
LEARNER_ONLY_SERVER_EXTENSIONS = ("nbgrader.server_extensions.assignment_list",)
USER_SETTINGS = Path("lab/user-settings")
# JupyterLab's cell toolbar (its names in @jupyterlab/cell-toolbar-extension's schema).
CELL_TOOLBAR_ITEMS = ("duplicate-cell", "move-cell-up", "move-cell-down", "insert-cell-above", "insert-cell-below",
                      "delete-cell")


def hidden_lab_plugins(*, trainer: bool) -> list[str]:
    """The nbgrader JupyterLab plugins this role does not get."""
    names = LEARNER_ONLY_PLUGINS if trainer else TRAINER_ONLY_PLUGINS
    return [f"{NBGRADER_LAB}:{name}" for name in names]


def page_config(*, trainer: bool) -> dict:
    """labconfig/page_config.json: what `jupyter labextension disable --level=user` + `lock` write."""
    hidden = hidden_lab_plugins(trainer=trainer)
    return {"disabledExtensions": dict.fromkeys(hidden, True), "lockedExtensions": dict.fromkeys(hidden, True)}


def server_config(*, trainer: bool) -> dict:
    """jupyter_server_config.json: the nbgrader server extensions this role does not get.

    Terminals start a plain (not login) shell, so that the system's profile does
    not take the kit's environment off PATH: `course` and `nbgrader` are found.
    """
    names = LEARNER_ONLY_SERVER_EXTENSIONS if trainer else TRAINER_ONLY_SERVER_EXTENSIONS
    return {"ServerApp": {"jpserver_extensions": dict.fromkeys(names, False),
                          "terminado_settings": {"shell_command": ["/bin/bash"]}}}


def nbgrader_config(*, trainer: bool, settings: HubSettings) -> str:
    """~/.jupyter/nbgrader_config.py: trainers load the course's own settings; everyone gets the exchange."""
    lines = ["# Written by the Code-n-Social hub before this server started; changes are overwritten.",
             "c = get_config()  # noqa: F821"]
    if trainer:
        lines.append(f"load_subconfig({str(settings.course_root / 'config' / 'nbgrader_config.py')!r})  # noqa: F821")
    lines += [f"c.CourseDirectory.course_id = {COURSE_ID!r}",
              f"c.Exchange.root = {str(settings.exchange)!r}",
              "c.Exchange.path_includes_course = True", ""]
    return "\n".join(lines)


def lab_locale(language: str) -> str | None:
    """JupyterLab's locale for the course language, or None (English, or no language pack, e.g. Bulgarian)."""
    return LAB_LOCALES.get(language)


def lab_settings(language: str) -> dict[str, dict]:
    """JupyterLab settings for learners and trainers alike, by plugin id.

    - No pop-up asking to fetch Jupyter's news (and no calls to the internet for it).
    - Every cell of a lesson stays on the page (JupyterLab 4 otherwise draws only
      the cells in view): the browser's find and a screen reader reach the whole lesson.
    - The menus in the course language, where a language pack exists.
    - Markdown files open rendered: the landing page, index.md, needs no kernel and is never saved back.
    - The lesson's widgets are saved in the notebook, so a lesson opened again shows them
      (not "Error displaying widget: model not found") until its cells run again.
    - No cell toolbar: Tab from a cell goes straight to its answers (not to "duplicate this
      cell"), and "delete this cell" is not one click away from a graded cell.
    """
    settings = {
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"},
        "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
        "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}},
        "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True},
        "@jupyterlab/cell-toolbar-extension:plugin": {"toolbar": [
            {"name": name, "disabled": True} for name in CELL_TOOLBAR_ITEMS]},
    }
    locale = lab_locale(language)
    if locale:
        settings["@jupyterlab/translation-extension:plugin"] = {"locale": locale}
    return settings


def user_settings_file(plugin_id: str) -> Path:
    """Where JupyterLab keeps a user's settings of *plugin_id*, relative to ~/.jupyter."""
    package, plugin = plugin_id.split(":")
    return USER_SETTINGS / package / f"{plugin}.jupyterlab-settings"


def user_files(*, trainer: bool, settings: HubSettings, language: str) -> dict[Path, str]:
    """Every file, relative to ~/.jupyter, that the hub writes for one user."""
    files = {
        Path("nbgrader_config.py"): nbgrader_config(trainer=trainer, settings=settings),
        Path("labconfig/page_config.json"): json.dumps(page_config(trainer=trainer), indent=2),
        Path("jupyter_server_config.json"): json.dumps(server_config(trainer=trainer), indent=2),
    }
    for plugin_id, values in lab_settings(language).items():
        files[user_settings_file(plugin_id)] = json.dumps(values, indent=2)
    return files


def prepare_user(name: str, *, settings: HubSettings, language: str) -> Path:
    """Write *name*'s Jupyter configuration into their home (owned by them); return ~/.jupyter."""
    account = pwd.getpwnam(name)
    jupyter_dir = Path(account.pw_dir) / ".jupyter"
    for relative, text in user_files(trainer=settings.is_trainer(name), settings=settings, language=language).items():
        write_owned(jupyter_dir / relative, text, uid=account.pw_uid, gid=account.pw_gid)
    return jupyter_dir


# The formgrader service needs only nbgrader's formgrader: JupyterHub gives a
# managed service ten seconds to answer before it gives up and stops, so the
# service starts without JupyterLab, terminals and the language server.
NOT_FOR_THE_FORMGRADER_SERVICE = (
    "jupyterlab", "notebook", "jupyter_lsp", "jupyter_server_terminals",
    "nbgrader.server_extensions.assignment_list", "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)
SERVICE_CONFIG_DIR = Path(".jupyter/formgrader-service")


def prepare_formgrader_service(*, settings: HubSettings) -> Path:
    """Write the formgrader service's Jupyter configuration into the first trainer's home; return its folder."""
    account = pwd.getpwnam(settings.trainers[0])
    folder = Path(account.pw_dir) / SERVICE_CONFIG_DIR
    extensions = dict.fromkeys(NOT_FOR_THE_FORMGRADER_SERVICE, False)
    write_owned(folder / "jupyter_server_config.json", json.dumps({"ServerApp": {"jpserver_extensions": extensions}}),
                uid=account.pw_uid, gid=account.pw_gid)
    return folder


def write_owned(path: Path, text: str, *, uid: int, gid: int) -> None:
    """Write *path* and make it, and any folder made for it, belong to the user."""
    missing = [folder for folder in reversed(path.parents) if not folder.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    for item in (*missing, path):
        os.chown(item, uid, gid)
