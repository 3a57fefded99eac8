"""Each lesson's learner page in every lesson language passes axe-core's WCAG 2.2 AA rules and says its language.

The languages: those of course.i18n.LESSON_LANGUAGES but English, and the pseudo-language that runs
today (tests/translate/languages.py: every lesson while no real language is offered, then two). The page is what course.authoring.html.lesson_html makes of
the translated release, as tests/e2e/test_lesson_a11y.py does for English.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from course.authoring.release import release
from tests.e2e.test_lesson_a11y import axe_violations, write_page
from tests.lessons.grading import speaking
from tests.lessons.lessons import lesson_notebooks
from tests.translate.languages import PSEUDO_LESSONS, language_course, pairs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

class TranslatedPages(dict):
    """(case, lesson) -> the HTML pages of the lesson released in the case's language, made the first time asked."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder
        self.courses = {}

    def __missing__(self, key) -> list[Path]:
        case, lesson = key
        if case not in self.courses:
            self.courses[case] = language_course(self.folder / case.name / "course", case)
        course = self.courses[case]
        with speaking(case.language):
            release(lesson, course=course, publish=False)
        notebooks = lesson_notebooks(course.folder("release") / lesson)
        self[key] = [write_page(notebook, self.folder / case.name / f"{notebook.stem}.html") for notebook in notebooks]
        return self[key]


@pytest.fixture(scope="module")
def translated_pages(tmp_path_factory) -> TranslatedPages:
    return TranslatedPages(tmp_path_factory.mktemp("a11y-languages"))


@pytest.mark.parametrize("case, lesson", pairs(PSEUDO_LESSONS))
def test_translated_lesson_page_says_its_language_and_has_no_wcag_violations(translated_pages, page, case, lesson):
    """Does the page carry <html lang="xx">, and does axe-core find nothing against WCAG 2.0/2.1/2.2 A and AA?"""
    pages = translated_pages[case, lesson]
    for html in pages:
        assert f'<html lang="{case.language}">' in html.read_text(encoding="utf-8"), html.name
    problems = [f"{html.stem}: {problem}" for html in pages for problem in axe_violations(page, html)]
    assert problems == [], "\n".join(problems)
