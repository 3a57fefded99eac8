"""The landing page in two languages, driven by keyboard in JupyterLab, as a Binder or laptop learner meets it.

A course whose tiny lesson (tests/translate/fixture.py) has a Spanish translation, with Spanish offered
for lessons: `course workspace` makes my-lessons/ (English) and my-lessons/es/ (Spanish), and JupyterLab
is started the way `make lab` starts it (see test_index.py). Screenshots land in test-artifacts/<test>/.
"""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from course import i18n
from course.authoring.landing import TITLE
from course.authoring.workspace import prepare_workspace
from course.i18n import translate_in
from tests.e2e.test_index import api, learner_lab
from tests.translate.fixture import LESSON, fixture_course

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def lab(tmp_path, monkeypatch):
    """JupyterLab on a workspace in English and Spanish, as `make lab` starts it; yields (base URL, token, course)."""
    monkeypatch.setattr(i18n, "LESSON_LANGUAGES", ("en", "es"))
    course = fixture_course(tmp_path / "course")
    prepare_workspace(course=course)
    with learner_lab(course, tmp_path) as (base, token):
        yield base, token, course


def tab_to(page, link, what: str, presses: int = 150) -> None:
    """Press Tab until *link* has the focus (fail, naming *what*, if it never does)."""
    for _press in range(presses):
        if link.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {what}")


def test_a_learner_picks_spanish_and_opens_a_spanish_lesson_by_keyboard(lab, page, artifacts):
    """Keyboard only: landing page -> Tab to "Español" -> Enter -> Tab to the first lesson -> Enter: is it Spanish?"""
    base, token, _course = lab
    page.set_default_timeout(30_000)
    page.goto(f"{base}/?token={token}")
    landing = page.locator(".jp-RenderedMarkdown").filter(has=page.locator("h1", has_text="Code-n-Social: start here"))
    landing.wait_for(timeout=60_000)
    page.screenshot(path=artifacts / "landing.png")
    result = Axe().run(page, context=".jp-RenderedMarkdown")
    assert result.violations_count == 0, result.generate_report()
    spanish_link = landing.get_by_role("link", name="Español")
    expect(spanish_link).to_have_attribute("href", re.compile(r"/es/index\.md"))  # JupyterLab resolves the link
    assert spanish_link.evaluate("element => element.closest('[lang]').lang") == "es"

    tab_to(page, spanish_link, '"Español"')
    page.keyboard.press("Enter")
    spanish_page = page.locator(".jp-RenderedMarkdown:visible").filter(
        has=page.locator("h1", has_text=translate_in("es", TITLE)))
    spanish_page.wait_for(timeout=60_000)
    assert spanish_page.locator("h1").evaluate("element => element.closest('[lang]').lang") == "es"
    page.screenshot(path=artifacts / "spanish-page.png")
    result = Axe().run(page, context=".jp-RenderedMarkdown:not(.lm-mod-hidden)")
    assert result.violations_count == 0, result.generate_report()

    lesson_link = spanish_page.get_by_role("link").filter(has_text="Saludar").first
    tab_to(page, lesson_link, "the first Spanish lesson")
    page.keyboard.press("Enter")
    page.locator(".jp-NotebookPanel:visible .jp-RenderedMarkdown h1", has_text="Saludar").first.wait_for(timeout=60_000)
    page.get_by_role("tab", name=f"{LESSON}.ipynb").wait_for()
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)
    page.screenshot(path=artifacts / "spanish-lesson.png")
    assert [session["path"] for session in api(lab, "/api/sessions")] == [f"es/{LESSON}/{LESSON}.ipynb"]


def test_a_learner_can_switch_the_menus_to_spanish(lab, page, artifacts):
    """Does Settings > Language offer Spanish (the pack is installed) and turn the menus Spanish after the reload?"""
    base, token, _course = lab
    page.set_default_timeout(30_000)
    page.goto(f"{base}/?token={token}")
    page.locator(".jp-RenderedMarkdown h1", has_text="Code-n-Social").first.wait_for(timeout=60_000)
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Settings").click()
    page.locator(".lm-Menu-itemLabel", has_text="Language").first.hover()
    page.locator(".lm-Menu-itemLabel", has_text="español").first.click()
    page.screenshot(path=artifacts / "change-language.png")
    page.get_by_role("dialog").get_by_role("button").filter(has_text="Change").click()
    expect(page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Archivo")).to_be_visible(timeout=60_000)
    expect(page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Configuración")).to_be_visible()
    page.screenshot(path=artifacts / "spanish-menus.png")
