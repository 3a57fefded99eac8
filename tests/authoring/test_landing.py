"""The landing pages of the learner's workspace, in every language. Quick: no lesson is built.

The learner versions are stood in for by the lessons' notebooks, copied where the kit builds them
(release/ and build/learner/<language>/); the workspace tests that build them are in
test_workspace_languages.py.
"""
import json
import shutil
from importlib.util import find_spec
from pathlib import Path

import pytest

from course import i18n
from course.authoring.landing import (
    CHANGE, LEARNER_BUILD, NO_PACK, PACK_WORDS, PICK, language_choice, language_page, write_landing_pages,
)
from course.authoring.workspace import copy_lessons, WorkspaceResult, workspace_languages
from course.i18n import translate_in
from tests.authoring.workspace_checks import NAMES, landing_problems

OTHERS = ["es", "ro", "bg", "it", "fr"]
# What each language's JupyterLab shows for Settings, Language and Download (jupyterlab-words.md).
SHOWN = {"es": ("Configuración", "Idioma", "Descargar"), "fr": ("Paramètres", "Langue", "Télécharger"),
         "it": ("Impostazioni", "Lingua", "Scarica"), "ro": ("Setări", "Language", "Download"),
         "bg": ("Settings", "Language", "Download")}


@pytest.fixture
def every_language(course, monkeypatch):
    """The course with every lesson in every language: its notebooks stand in for the learner versions."""
    monkeypatch.setattr(i18n, "LESSON_LANGUAGES", tuple(i18n.LANGUAGES))
    lessons = course.assignments()
    for language in ["en", *OTHERS]:
        built = course.folder("release") if language == "en" else course.home / LEARNER_BUILD / language
        for lesson in lessons:
            shutil.copytree(course.folder("source") / lesson, built / lesson)
        own = course.workspace_dir if language == "en" else course.workspace_dir / language
        copy_lessons(built, own, lessons, result=WorkspaceResult(own))
    return course


def notebooks(course) -> dict[str, list[str]]:
    return {lesson: sorted(p.name for p in (course.folder("source") / lesson).glob("*.ipynb"))
            for lesson in course.assignments()}


def test_the_choice_comes_first_and_names_each_language_in_itself():
    """Is each language named in itself (Español, Български, ...), marked with its lang, before the course's own?"""
    lines = language_choice([*OTHERS, "en"])
    assert lines[0] == "## Choose your language"
    assert [line for line in lines if line.startswith("- ")] == [
        f'- <span lang="{code}">[{NAMES[code]}]({code}/index.md)</span>' for code in [*OTHERS, "en"]]


def test_every_lesson_is_listed_in_every_language_with_working_links(every_language):
    """Does each language's page list every lesson of its own folder, with links that open, and a way back?"""
    course = every_language
    languages = workspace_languages(course)
    assert languages == [*OTHERS, "en"]
    write_landing_pages(course.workspace_dir, course=course, languages=languages)
    assert landing_problems(course.workspace_dir, languages=languages, lessons=notebooks(course),
                            course_language="en") == []
    top = (course.workspace_dir / "index.md").read_text(encoding="utf-8")
    assert top.index("## Choose your language") < top.index("## Pick your lesson")  # the choice comes first


def test_a_missing_copy_or_language_is_caught(every_language):
    """Negative control: is a lesson missing from a language's folder, or a language left out, named as a problem?"""
    course = every_language
    write_landing_pages(course.workspace_dir, course=course, languages=["es", "ro", "bg", "it", "en"])
    shutil.rmtree(course.workspace_dir / "es" / "01-first-words")
    problems = landing_problems(course.workspace_dir, languages=workspace_languages(course),
                                lessons=notebooks(course), course_language="en")
    assert "index.md: fr is not offered as Français" in problems
    assert "fr/index.md is missing" in problems
    assert "index.md in es/ links 01-first-words/01-first-words.ipynb, which is missing" in problems


@pytest.mark.parametrize("language", OTHERS)
def test_each_page_speaks_its_language_and_names_its_menus_as_jupyterlab_shows_them(language):
    """Is the page in its language, does it say how to change JupyterLab's language with that pack's words?"""
    page = language_page(language, links=["- [x](x/x.ipynb)"], start_language="en")
    assert page.startswith(f'<div lang="{language}">') and page.rstrip().endswith("</div>")
    assert translate_in(language, PICK) != PICK and f"## {translate_in(language, PICK)}" in page
    settings, language_word, download = SHOWN[language]
    change = translate_in(language, CHANGE).split("{settings}")[0]
    assert change and change != CHANGE.split("{settings}")[0] and change in page
    assert f"**{settings}**" in page and f"**{language_word}**" in page and f"**{download}**" in page
    if language == "bg":  # no pack: said once, English words with a Bulgarian gloss, once each
        assert translate_in("bg", NO_PACK) in page and page.count("(настройки)") == 1
        assert page.count("**Download** (изтегляне)") == 1
    else:
        assert translate_in(language, NO_PACK) not in page


@pytest.mark.parametrize("language", sorted(set(PACK_WORDS) - {"en"}))
def test_the_words_are_those_of_the_installed_language_pack(language):
    """Does each word the pages name match what the installed JupyterLab language pack shows?"""
    package = f"jupyterlab_language_pack_{language}_{language.upper()}"
    assert find_spec(package), f"{package} is not installed (pip install -e '.[languages]')"
    folder = Path(find_spec(package).origin).parent / "locale" / f"{language}_{language.upper()}" / "LC_MESSAGES"
    pack = json.loads((folder / "jupyterlab.json").read_text(encoding="utf-8"))
    for word in ("File", "Download", "Upload", "Settings", "Language"):
        shown = {value[0] for key, value in pack.items() if key.split("\x04")[-1] == word
                 and key.split("\x04")[0] in (word, "menu", "schema") and value and value[0]}
        assert PACK_WORDS[language].get(word, word) in (shown or {word}), (word, shown)


def test_in_a_spanish_course_english_gets_its_own_folder(course, monkeypatch):
    """In a course whose language is Spanish (release/ in Spanish), is English offered in my-lessons/en/?"""
    monkeypatch.setattr(i18n, "LESSON_LANGUAGES", ("en",))
    spanish = type(course)(root=course.root, config=course.config.copy())
    spanish.config.CourseKit.language = "es"
    assert workspace_languages(spanish) == ["en", "es"]
    lessons = spanish.assignments()
    for built, own in ((spanish.folder("release"), spanish.workspace_dir),
                       (spanish.home / LEARNER_BUILD / "en", spanish.workspace_dir / "en")):
        for lesson in lessons:
            shutil.copytree(spanish.folder("source") / lesson, built / lesson)
        copy_lessons(built, own, lessons, result=WorkspaceResult(own))
    write_landing_pages(spanish.workspace_dir, course=spanish, languages=workspace_languages(spanish))
    assert landing_problems(spanish.workspace_dir, languages=["en", "es"], lessons=notebooks(spanish),
                            course_language="es") == []
    page = (spanish.workspace_dir / "es" / "index.md").read_text(encoding="utf-8")
    assert "(../01-first-words/01-first-words.ipynb)" in page and "**Configuración**" in page
