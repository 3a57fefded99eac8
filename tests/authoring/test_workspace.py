"""The learner's workspace (my-lessons/): copies made once, never replaced. Quick: no lesson is built."""
import json

from course.authoring.release import changed_since_built, fingerprint
from course.authoring.landing import write_landing_pages
from course.authoring.workspace import copy_new_files
from tests.helpers import PILOT, PILOT_NOTEBOOK


def test_copying_adds_new_files_and_never_replaces_a_learners_file(tmp_path):
    """Does a second copy add a lesson's new notebook but leave the learner's changed one as it is?"""
    released, own = tmp_path / "release" / PILOT, tmp_path / "my-lessons" / PILOT
    released.mkdir(parents=True)
    (released / PILOT_NOTEBOOK).write_text("version 1")
    (released / ".ipynb_checkpoints").mkdir()
    (released / ".ipynb_checkpoints" / "x.ipynb").write_text("checkpoint")
    assert copy_new_files(released, own) == [own / PILOT_NOTEBOOK]
    (own / PILOT_NOTEBOOK).write_text("the learner's answers")
    (released / PILOT_NOTEBOOK).write_text("version 2")
    (released / "part-2.ipynb").write_text("a new part")
    assert copy_new_files(released, own) == [own / "part-2.ipynb"]
    assert (own / PILOT_NOTEBOOK).read_text() == "the learner's answers"
    assert not (own / ".ipynb_checkpoints").exists()


def test_release_knows_when_someone_worked_inside_it(course):
    """Is release/<lesson> seen as changed only when it differs from what the kit recorded at its build?"""
    folder = course.folder("release") / PILOT
    folder.mkdir(parents=True)
    (folder / PILOT_NOTEBOOK).write_text("as built")
    assert changed_since_built(PILOT, course=course)  # no record of a build: keep a copy to be safe
    (course.folder("release") / f".{PILOT}.built.json").write_text(json.dumps(fingerprint(folder)))
    assert not changed_since_built(PILOT, course=course)
    (folder / PILOT_NOTEBOOK).write_text("with a learner's answer")
    assert changed_since_built(PILOT, course=course)


def test_the_workspace_landing_page_links_the_learners_copies_and_is_read_only(course):
    """Does my-lessons/index.md link the copies beside it (not release/), and refuse to be saved over?"""
    (page,) = write_landing_pages(course.workspace_dir, course=course, languages=["en"])
    text = page.read_text(encoding="utf-8")
    assert "(00-welcome/00-welcome.ipynb)" in text and f"]({PILOT}/{PILOT_NOTEBOOK})" in text
    assert "release/" not in text
    assert "Choose your language" not in text  # one language: nothing to choose
    assert not page.stat().st_mode & 0o222
    assert write_landing_pages(course.workspace_dir, course=course, languages=["en"]) == [page]


def test_with_two_languages_each_page_is_read_only(course):
    """With a second language, does the landing page offer both, and is every page read-only?"""
    pages = write_landing_pages(course.workspace_dir, course=course, languages=["es", "en"])
    assert [page.relative_to(course.workspace_dir).as_posix() for page in pages] == [
        "index.md", "es/index.md", "en/index.md"]
    assert "[Español](es/index.md)" in pages[0].read_text(encoding="utf-8")
    assert not any(page.stat().st_mode & 0o222 for page in pages)
