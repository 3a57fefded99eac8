"""The kit's feedback page in a real browser: no axe violations, learner markup inert, readable by keyboard."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from course import i18n
from tests.grading.test_feedback_page import page_for

pytestmark = pytest.mark.browser
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
HOSTILE = ('city = "<script>window.ran = 1</script><img src=x onerror=\'window.ran = 2\'>'
           '=HYPERLINK(\\"http://x\\",\\"y\\")"')


def violations(page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]


@pytest.mark.parametrize("language", ["en", "es"])
def test_feedback_page_has_no_violations_and_learner_markup_never_runs(page, artifacts, tmp_path, language):
    """Does the page pass axe (WCAG 2.2 AA), keep a learner's script and image as text, and print whole?"""
    try:
        i18n.set_language(language)
        html = page_for(answer=HOSTILE)
    finally:
        i18n.set_language("en")
    path = tmp_path / "feedback.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    assert page.locator("html").get_attribute("lang") == language
    assert page.evaluate("window.ran") is None and page.locator("img").count() == 0
    assert "<script>window.ran = 1</script>" in page.locator("pre").first.inner_text()
    assert page.get_by_role("heading", level=2).count() == 2
    page.screenshot(path=artifacts / f"feedback-{language}.png", full_page=True)
    page.emulate_media(media="print")
    assert page.get_by_text("Esperando a tu formador" if language == "es" else "Waiting for your trainer").first.is_visible()
    page.emulate_media(media="screen")
    assert page.console_errors == []
    assert violations(page) == []
