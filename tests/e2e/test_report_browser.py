"""The trainer report and a skills passport in a real browser: they render, and axe-core finds nothing."""
import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe

from course.reports.build import report
from course.reports.passport import passports
from course.reports.rules import Rules
from tests.reports import cohort

pytestmark = pytest.mark.browser
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}, "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def cohort_course(tmp_path_factory):
    return cohort.course_in(tmp_path_factory.mktemp("browser"))


def violations(page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]


def test_report_renders_without_errors_or_accessibility_violations(cohort_course, page, artifacts, tmp_path):
    result = report(course=cohort_course, folder=tmp_path / "report", today=pd.Timestamp(cohort.TODAY),
                    curriculum=cohort.CURRICULUM, rules=Rules(min_learners=3))
    page.goto(result.html.as_uri())
    assert page.locator("details").count() == 0  # every table shows, and prints
    assert page.get_by_role("heading", level=1).inner_text() == "Code-n-Social: course report"
    first_table = page.get_by_role("table").first
    assert first_table.get_attribute("class") is None and "may need a call" in first_table.locator("caption").inner_text()
    assert page.get_by_role("img", name="Pass rate of each exercise").is_visible()
    assert page.get_by_role("table", name="Learners who may need a call, and why").is_visible()
    page.screenshot(path=artifacts / "report.png", full_page=True)
    assert page.console_errors == []
    assert violations(page) == []


def test_passport_renders_without_accessibility_violations(cohort_course, page, artifacts, tmp_path):
    result = passports(course=cohort_course, folder=tmp_path / "passports", students=["s1"], pdf=False,
                       curriculum=cohort.CURRICULUM)
    page.goto(result.pages[0].as_uri())
    assert page.get_by_role("table", name="Digital competences shown").is_visible()
    page.screenshot(path=artifacts / "passport.png", full_page=True)
    assert page.console_errors == [] and violations(page) == []


def test_report_in_spanish_reads_by_keyboard_without_violations(cohort_course, page, artifacts, tmp_path):
    """In Spanish, does the report open on the call table, carry lang="es", run nothing and pass axe?"""
    from course import i18n

    try:
        i18n.set_language("es")
        result = report(course=cohort_course, folder=tmp_path / "es", today=pd.Timestamp(cohort.TODAY),
                        curriculum=cohort.CURRICULUM, rules=Rules(min_learners=3))
    finally:
        i18n.set_language("en")
    page.goto(result.html.as_uri())
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=2).first.inner_text() == "A quién conviene llamar"
    page.keyboard.press("Tab")
    page.keyboard.press("End")
    page.keyboard.press("Home")
    # Home scrolls back (smoothly) to the top. Polled from here: the page's CSP forbids wait_for_function's eval.
    for _ in range(50):
        if page.evaluate("window.scrollY") == 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") == 0
    page.screenshot(path=artifacts / "report-es.png")
    page.emulate_media(media="print")
    assert page.get_by_role("table").last.is_visible()  # nothing folded away in print
    page.emulate_media(media="screen")
    assert page.console_errors == [] and violations(page) == []
