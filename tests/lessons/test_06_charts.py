"""Lesson 06-charts: its data travels with it, and its charts are read as objects and shown only where drawn.

The checks every lesson gets (solution full, blank zero, each typical mistake loses points and
shows its words, typed-in values score less) run over all lessons in tests/lessons; this file
adds what only a lesson of charts needs.
"""
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from tests.helpers import REPO
from tests.lessons.lessons import error_text, is_answer, is_autograded_test

LESSON = "06-charts"
FOLDER = REPO / "source" / LESSON
PICTURE = "image/png"


def markdown_of_lesson() -> str:
    nb = nbformat.read(FOLDER / f"{LESSON}.ipynb", as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def test_the_jobs_table_is_the_one_of_lesson_05_and_small():
    """The chart lesson uses the same made-up table as the lesson before, copied into its own folder."""
    data = (FOLDER / "jobs.csv").read_bytes()
    assert data == (REPO / "source" / "05-working-with-data" / "jobs.csv").read_bytes()
    assert len(data) < 1_000_000


def test_the_lesson_says_the_jobs_are_made_up_and_charts_need_words():
    text = markdown_of_lesson()
    assert "**The data in `jobs.csv` is made up.**" in text
    assert "made up" in (FOLDER / "README.md").read_text(encoding="utf-8")
    for words in ("alt text", "SAFE_COLOURS", "describe_chart", "marker", "hatch", "header row"):
        assert words in text, words


def test_source_folder_has_only_the_notebook_and_its_data():
    names = sorted(p.name for p in FOLDER.iterdir())
    assert names == sorted([f"{LESSON}.ipynb", "README.md", "lesson-data.yml", "jobs.csv"])


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """The source notebook (solutions in) run top to bottom in a copy of its folder, with its outputs."""
    folder = tmp_path_factory.mktemp("m6") / LESSON
    shutil.copytree(FOLDER, folder)
    nb = nbformat.read(folder / f"{LESSON}.ipynb", as_version=4)
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def pictures(cell) -> int:
    return sum(1 for output in cell.get("outputs", []) if PICTURE in output.get("data", {}))


@pytest.mark.slow
def test_each_answer_shows_its_chart_and_no_self_check_shows_one(ran):
    """Does every chart answer show its picture under the cell, and does no self-check show the charts
    it makes when it runs the learner's code again (those are checked as objects, then closed)?"""
    answers = [cell for cell in ran.cells if is_answer(cell) and "plt.subplots()" in cell.source]
    checks = [cell for cell in ran.cells if is_autograded_test(cell)]
    assert len(answers) == 4 and all(pictures(cell) == 1 for cell in answers)
    assert len(checks) == 6 and [error_text(cell) for cell in checks] == [""] * len(checks)
    assert sum(pictures(cell) for cell in checks) == 0


@pytest.mark.slow
def test_the_text_summary_is_text_a_screen_reader_can_read(ran):
    """describe_chart shows the worked example's bars in words (plain text and HTML), not as a picture."""
    [cell] = [cell for cell in ran.cells if cell.source.startswith("fig, ax = plt.subplots()\nax.barh")]
    texts = [output["data"].get("text/plain", "") for output in cell.outputs if "data" in output]
    summary = next(text for text in texts if "This is a bar chart with bars across." in text)
    assert "Title: Average hours of work in a week, in each country" in summary
    assert "Bar France: 33.5, pattern //" in summary
