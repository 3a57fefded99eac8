"""The learner's workspace in two languages: English (the course's) and Spanish, built for real.

The tiny lesson of tests/translate/fixture.py has a real Spanish translation; with "es" offered for
lessons (course.i18n.LESSON_LANGUAGES, patched), `course workspace` builds its Spanish learner version
with nbgrader into build/learner/es/ and copies it into my-lessons/es/.
"""
import os
import shutil

import nbformat
import pytest

from course import i18n
from course.authoring.workspace import LEARNER_BUILD, prepare_workspace
from course.i18n import translate_in
from course.nbgrader_api import gradebook_for
from course.translate.workflow import BUILD, po_path
from tests.authoring.workspace_checks import landing_problems, leaks, untranslated
from tests.translate.fixture import LESSON, cell, fixture_course

pytestmark = pytest.mark.slow  # nbgrader builds the lesson twice (about 5 seconds)

NOTEBOOK = f"{LESSON}.ipynb"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A course offering English and Spanish lessons, after `course workspace`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "LESSON_LANGUAGES", ("en", "es"))
        course = fixture_course(tmp_path_factory.mktemp("workspace") / "course")
        result = prepare_workspace(course=course)
    return course, result


def test_each_language_has_the_learner_version_without_solutions_or_hidden_tests(workspace):
    """Are English in my-lessons/<lesson>/ and Spanish in my-lessons/es/<lesson>/, with no solution or hidden test?"""
    course, result = workspace
    english, spanish = course.workspace_dir / LESSON / NOTEBOOK, course.workspace_dir / "es" / LESSON / NOTEBOOK
    assert result.new == [LESSON, f"es/{LESSON}"]
    assert leaks(english, course.folder("source") / LESSON / NOTEBOOK) == []
    assert leaks(spanish, course.home / BUILD / "es" / LESSON / NOTEBOOK) == []
    assert untranslated(spanish, english, "es") == []
    nb = nbformat.read(spanish, as_version=4)
    assert cell(nb, "intro").source.startswith("# Saludar")
    assert cell(nb, "ex1").source.lstrip().startswith("# Escribe tu respuesta")  # the answer stub in Spanish
    assert (course.workspace_dir / "es" / LESSON / "lesson-data.yml").is_file()


def test_the_trainers_release_and_gradebook_are_left_alone(workspace):
    """Is release/ English only, and does the gradebook hold the English cells (the Spanish build is apart)?"""
    course, _result = workspace
    assert sorted(p.name for p in course.folder("release").iterdir() if not p.name.startswith(".")) == [LESSON]
    assert cell(nbformat.read(course.folder("release") / LESSON / NOTEBOOK, as_version=4), "intro").source.startswith(
        "# Saying hello")
    assert (course.home / LEARNER_BUILD / "es" / LESSON / NOTEBOOK).is_file()
    with gradebook_for(course) as gradebook:
        check = gradebook.find_source_cell("fx-goal-check", NOTEBOOK.removesuffix(".ipynb"), LESSON)
        assert "Self-check for Exercise 1" in check.source


def test_the_landing_pages_list_the_lessons_of_each_language(workspace):
    """Does my-lessons/index.md offer Español and English, each page list its own copies, in its own words?"""
    course, _result = workspace
    assert landing_problems(course.workspace_dir, languages=["es", "en"], lessons={LESSON: [NOTEBOOK]},
                            course_language="en") == []
    spanish = (course.workspace_dir / "es" / "index.md").read_text(encoding="utf-8")
    label = translate_in("es", "Lesson {module}: {title}").format(module=90, title="Saludar")
    assert label != "Lesson 90: Saludar" and f"- [{label}]({LESSON}/{NOTEBOOK})" in spanish
    assert "[Lesson 90: Saying hello](../90-hello/90-hello.ipynb)" in (
        course.workspace_dir / "en" / "index.md").read_text(encoding="utf-8")


def test_a_solution_left_in_a_copy_or_a_missing_translation_is_caught(workspace, tmp_path):
    """Negative control: do the checks name a copy with the solutions in it, and a copy left in English?"""
    course, _result = workspace
    with_solutions = tmp_path / NOTEBOOK
    shutil.copy(course.home / BUILD / "es" / LESSON / NOTEBOOK, with_solutions)
    source = course.home / BUILD / "es" / LESSON / NOTEBOOK
    assert any("BEGIN SOLUTION" in problem for problem in leaks(with_solutions, source))
    assert any("Luca" in problem for problem in leaks(with_solutions, source))  # a hidden test's line
    english = course.workspace_dir / LESSON / NOTEBOOK
    assert untranslated(english, english, "es") == [f"{english}: not marked as es"]
    marked_only = tmp_path / "marked.ipynb"
    nb = nbformat.read(english, as_version=4)
    nb.metadata.setdefault("codensocial", {})["language"] = "es"
    nbformat.write(nb, marked_only)
    assert untranslated(marked_only, english, "es") == [f"{marked_only}: the text is the English text"]


def test_running_again_never_replaces_a_learners_file_in_any_language(tmp_path, monkeypatch):
    """After the learner worked in both languages and the lesson and its translation changed, is their work kept?

    A file new in the lesson still reaches both copies; a removed translation rebuilds the Spanish
    learner version (in English words), which the check for an untranslated copy catches.
    """
    monkeypatch.setattr(i18n, "LESSON_LANGUAGES", ("en", "es"))
    course = fixture_course(tmp_path / "course")
    prepare_workspace(course=course)
    mine = {course.workspace_dir / LESSON / NOTEBOOK: "my answers", course.workspace_dir / "es" / LESSON / NOTEBOOK:
            "mis respuestas"}
    for path, text in mine.items():
        path.write_text(text)
    (course.folder("source") / LESSON / "new-data.csv").write_text("a,b\n1,2\n")
    po = po_path(course, LESSON, "es")
    later = po.stat().st_mtime + 10
    os.utime(po, (later, later))
    result = prepare_workspace(course=course)
    assert {path: path.read_text() for path in mine} == mine
    assert result.new == [LESSON, f"es/{LESSON}"]  # the new file, in both languages
    assert (course.workspace_dir / "es" / LESSON / "new-data.csv").is_file()
    po.unlink()
    shutil.rmtree(course.workspace_dir / "es" / LESSON)  # the learner starts the Spanish lesson again
    prepare_workspace(course=course)
    spanish = course.workspace_dir / "es" / LESSON / NOTEBOOK
    assert untranslated(spanish, course.folder("release") / LESSON / NOTEBOOK, "es") == [
        f"{spanish}: the text is the English text"]
    assert (course.workspace_dir / LESSON / NOTEBOOK).read_text() == "my answers"
