"""Every source lesson runs top to bottom, fast enough, and every widget it shows has a name.

Each lesson runs once (module fixture) in a temporary copy of its folder, so its data
files are found and nothing is written into source/. The widget check reads the widget
state nbclient stores in the executed notebook: what a screen reader can announce.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass

import nbformat
import pytest
from nbclient import NotebookClient

from tests.helpers import PILOT
from tests.lessons.lessons import LESSONS, SOURCE, error_text, lesson_notebooks

pytestmark = pytest.mark.slow

LESSON_SECONDS = 60  # a content rule of issue 4: every lesson, solutions run, within a minute
CELL_TIMEOUT = 30
EXPECTED_ERRORS = "raises-exception"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

# Controls a learner operates, by ipywidgets model name: each needs an accessible name.
CONTROLS = {
    "Button", "ToggleButton", "Dropdown", "Select", "SelectMultiple", "RadioButtons", "ToggleButtons",
    "Checkbox", "Text", "Textarea", "Password", "Combobox", "IntText", "FloatText", "BoundedIntText",
    "BoundedFloatText", "IntSlider", "FloatSlider", "FloatLogSlider", "IntRangeSlider", "FloatRangeSlider",
    "SelectionSlider", "SelectionRangeSlider", "ColorPicker", "DatePicker", "TagsInput",
}
NAMED_BY_TOOLTIP = {"Button", "ToggleButton"}  # their text may be an icon only; the tooltip is then the name
# The kit's own controls (course/learner/controls.py, anywidget models): the group is named by its legend, and
# every choice, sentence, line and button by its words.
KIT_CONTROL = "Any"
KIT_WORDS = ("options", "statements", "lines", "actions")
KIT_LABELS = {"choice": ("check_label",), "hints": ("button_label",)}


@dataclass(frozen=True)
class Run:
    lesson: str
    seconds: float
    nb: object  # all the lesson's notebooks as one: their cells in order, their widget states together


def run_notebook(nb, folder) -> object:
    """Execute *nb* in *folder* with the course's kernel, keeping the widget state; errors stay in the outputs."""
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=True,
                            store_widget_state=True, resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def run_lesson(lesson: str, tmp_folder) -> Run:
    folder = tmp_folder / lesson
    shutil.copytree(SOURCE / lesson, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    started = time.perf_counter()
    ran = [run_notebook(nbformat.read(path, as_version=4), folder) for path in lesson_notebooks(folder)]
    seconds = time.perf_counter() - started
    nb = ran[0]
    nb.cells = [cell for each in ran for cell in each.cells]
    widgets = [each.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}) for each in ran]
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": {k: v for state in widgets for k, v in state.items()}}}
    return Run(lesson, seconds, nb)


class Runs(dict):
    """Each lesson run once, the first time a test asks for it (so `-k <lesson>` runs that lesson only)."""

    def __init__(self, folder):
        super().__init__()
        self.folder = folder

    def __missing__(self, lesson: str) -> Run:
        self[lesson] = run_lesson(lesson, self.folder)
        print(f"\n{lesson} ran in {self[lesson].seconds:.1f} s")
        return self[lesson]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Runs:
    return Runs(tmp_path_factory.mktemp("run"))


def unexpected_errors(nb) -> list[str]:
    """An error anywhere but in a cell tagged raises-exception: (cell number, the error's last line)."""
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code" or EXPECTED_ERRORS in cell.metadata.get("tags", []):
            continue
        text = error_text(cell)
        if text:
            found.append(f"cell {number}: {text.strip().splitlines()[-1] if text.strip() else 'error'}")
    return found


def controls(nb) -> dict[str, tuple[str, dict]]:
    """The controls in the notebook's stored widget state: model id -> (kind, state)."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    found = {}
    for model_id, model in state.items():
        kind = str(model.get("model_name", "")).removesuffix("Model")
        if kind in CONTROLS:
            found[model_id] = (kind, model.get("state", {}))
        elif kind == KIT_CONTROL and model.get("state", {}).get("kind"):
            found[model_id] = (f"kit:{model['state']['kind']}", model.get("state", {}))
    return found


def unlabelled_widgets(nb) -> list[str]:
    """Controls with no accessible name (kind and model id)."""
    return sorted(f"{kind} {model_id}" for model_id, (kind, state) in controls(nb).items()
                  if not accessible_name(kind, state))


def accessible_name(kind: str, state: dict) -> str:
    if kind.startswith("kit:"):
        words = [state.get("legend")] + [state.get(key) for key in KIT_LABELS.get(kind[4:], ())]
        words += [word for key in KIT_WORDS for word in state.get(key) or []]
        return str(state.get("legend")).strip() if all(word and str(word).strip() for word in words) else ""
    names = [state.get("description")]
    if kind in NAMED_BY_TOOLTIP:
        names.append(state.get("tooltip"))
    return next((str(name).strip() for name in names if name and str(name).strip()), "")


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_with_errors_only_where_tagged(runs, lesson):
    """Solutions and all: the only errors are the ones a lesson shows on purpose (tag raises-exception)."""
    assert unexpected_errors(runs[lesson].nb) == []


def test_every_lesson_runs_within_a_minute(runs):
    """Each lesson, solutions run from top to bottom, within a minute (charts included)."""
    done = [runs[lesson] for lesson in LESSONS]
    times = ", ".join(f"{run.lesson} {run.seconds:.1f} s" for run in done)
    print(f"\nAll lessons: {sum(run.seconds for run in done):.1f} s ({times})")
    slow = [f"{run.lesson} {run.seconds:.0f} s" for run in done if run.seconds >= LESSON_SECONDS]
    assert slow == [], f"these lessons take more than {LESSON_SECONDS} s: {slow}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_widget_has_an_accessible_name(runs, lesson):
    """Every button, list, box and slider has words a screen reader can announce."""
    assert unlabelled_widgets(runs[lesson].nb) == []


def test_the_widget_check_sees_the_pilot_controls(runs):
    """The check is not empty: the pilot's hint buttons, Predict choices, Parsons lines and confidence check
    are in the state."""
    kinds = {kind for kind, _ in controls(runs[PILOT].nb).values()}
    assert {"kit:hints", "kit:choice", "kit:parsons", "kit:ratings"} <= kinds


def test_an_unlabelled_dropdown_fails_the_widget_check(tmp_path):
    """Negative control: ipywidgets.Dropdown() with no description is found; a labelled one is not."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import ipywidgets\n"
        "display(ipywidgets.Dropdown(options=['a', 'b']))\n"
        "display(ipywidgets.Dropdown(options=['a', 'b'], description='Your town'))\n"
        "display(ipywidgets.Button(icon='check', tooltip='Check my answer'))"
    )])
    run_notebook(nb, tmp_path)
    missing = unlabelled_widgets(nb)
    assert len(missing) == 1 and missing[0].startswith("Dropdown ")


def test_a_kit_control_without_words_fails_the_widget_check(tmp_path):
    """Negative control: a kit control with no group name, or a choice with no words, is found."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from course.learner.controls import Choice\n"
        "display(Choice(legend='', options=['a'], check_label='Check'))\n"
        "display(Choice(legend='Predict: what shows?', options=['a', ' '], check_label='Check'))\n"
        "display(Choice(legend='Predict: what shows?', options=['a', 'b'], check_label='Check'))"
    )])
    run_notebook(nb, tmp_path)
    assert len(unlabelled_widgets(nb)) == 2 and len(controls(nb)) == 3


def test_an_error_outside_a_tagged_cell_is_found(tmp_path):
    """Negative control for the error check: an untagged error counts, a tagged one does not."""
    tagged = nbformat.v4.new_code_cell("1 / 0", metadata={"tags": [EXPECTED_ERRORS]})
    nb = nbformat.v4.new_notebook(cells=[tagged, nbformat.v4.new_code_cell("print(missing_name)")])
    run_notebook(nb, tmp_path)
    errors = unexpected_errors(nb)
    assert len(errors) == 1 and errors[0].startswith("cell 2:") and "NameError" in errors[0]
