"""The JupyterLab settings the kit gives every learner (hub, Binder, `make lab`) for its widgets."""
import json
import sys
from pathlib import Path

from course.hub.userconfig import CELL_TOOLBAR_ITEMS, lab_settings

SCHEMAS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


def test_widget_state_is_saved_so_a_reopened_lesson_shows_its_widgets():
    assert lab_settings("en")["@jupyter-widgets/jupyterlab-manager:plugin"] == {"saveState": True}


def test_tab_from_a_cell_goes_to_its_answers_not_to_the_cell_toolbar():
    """Is every item of JupyterLab's cell toolbar (as its installed schema names them) switched off?"""
    toolbar = lab_settings("es")["@jupyterlab/cell-toolbar-extension:plugin"]["toolbar"]
    assert all(item["disabled"] is True for item in toolbar)
    schema = json.loads((SCHEMAS / "@jupyterlab" / "cell-toolbar-extension" / "plugin.json").read_text())
    assert {item["name"] for item in schema["jupyter.lab.toolbars"]["Cell"]} == set(CELL_TOOLBAR_ITEMS)
    assert {item["name"] for item in toolbar} == set(CELL_TOOLBAR_ITEMS)
